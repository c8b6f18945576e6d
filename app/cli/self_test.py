"""`fpa --self-test`: does this installation work? Run on a new computer after installing.

In a temporary folder, with made-up data only: an encrypted county database (the demo county, a
few families), a province that trusts the county through a signed setup package, a sync bundle
written by the county and merged by the province, and a visit form drawn to PDF. Each step is
checked as a user would notice it (the file is not readable as plain SQLite, the province holds
the county's families, the PDF has a page); a short report in Chinese and English, exit 0 when
every step passed, 1 at the first that failed. Nothing is left behind.
"""

from __future__ import annotations

import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app import __version__

if TYPE_CHECKING:
    from app.services.shared.workspace import Workspace

COUNTY = "430121000000"  # 长沙县: its division list ships with the program
PROVINCE = "430000000000"
FAMILIES = 3
SEED = 13
PLAIN_SQLITE = b"SQLite format 3\x00"


@dataclass
class _Context:
    root: Path
    county_db: Path = field(init=False)
    province_db: Path = field(init=False)
    county_key: Path = field(init=False)
    province_key: Path = field(init=False)
    bundle: Path | None = None
    family_ids: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.county_db = self.root / "county.db"
        self.province_db = self.root / "province.db"
        self.county_key = self.root / "county-key"
        self.province_key = self.root / "province-key"


def _encrypted_database(ctx: _Context) -> str:
    from app.services.demo import generate_demo

    summary = generate_demo(ctx.county_db, COUNTY, families=FAMILIES, seed=SEED, encrypted=True)
    head = ctx.county_db.read_bytes()[:16]
    if head == PLAIN_SQLITE:
        raise AssertionError("数据库文件未加密 / the database file is not encrypted")
    return f"{summary.families} 户 / families, {ctx.county_db.stat().st_size // 1024} KB"


def _county_workspace(ctx: _Context) -> Workspace:
    from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME
    from app.services.system.accounts import sign_in

    return sign_in(ctx.county_db, DEMO_USERNAME, DEMO_PASSWORD)


def _bundle_round_trip(ctx: _Context) -> str:
    from app.services import sync
    from app.services.shared.workspace import open_workspace
    from app.services.system.setup import init_database

    province = sync.new_identity(ctx.province_key, "自检省级", None)
    sync.new_identity(ctx.county_key, "自检县级", None)
    init_database(ctx.province_db, PROVINCE).dispose()
    package = sync.export_setup(
        ctx.province_key,
        None,
        ctx.root / "province.fpas",
        division=PROVINCE[:6],
        signers=[(ctx.county_key, COUNTY[:6])],
    )
    ws = _county_workspace(ctx)
    try:
        sync.import_setup(ws, package, trust=province.key_id)
        written = sync.write_bundle(ws, ctx.county_key, None, ctx.root / "usb")
    finally:
        ws.close()
    ctx.bundle = written.path
    pws = open_workspace(ctx.province_db)
    try:
        sync.import_setup(pws, package, trust=province.key_id)
        (result,) = sync.merge_bundles(pws, ctx.province_key, None, [written.path])
    finally:
        pws.close()
    if result.status != "accepted":
        raise AssertionError(f"省级拒绝了同步文件 / the province refused the bundle: {result.reason}")
    inserted = int(result.stats.get("inserted", 0))
    if inserted < written.records:
        raise AssertionError(
            f"写出 {written.records} 条，只合并了 {inserted} 条 / wrote {written.records}, merged {inserted}"
        )
    size = written.path.stat().st_size // 1024
    return f"{written.path.name}, {written.records} 条记录 / records, {size} KB"


def _visit_form_pdf(ctx: _Context) -> str:
    from app.services.families.visit_sheets import families_to_visit, visit_sheets
    from app.services.shared.paper import visit_forms_pdf

    out = ctx.root / "visit-forms.pdf"
    ws = _county_workspace(ctx)
    try:
        ids = families_to_visit(ws, COUNTY)
        if not ids:
            raise AssertionError("演示县没有在册家庭 / no registered family in the demo county")
        sheets = visit_sheets(ws, ids[:1], registered_only=True)
    finally:
        ws.close()
    visit_forms_pdf(out, sheets)
    data = out.read_bytes()
    if not data.startswith(b"%PDF") or b"/Type /Page" not in data:
        raise AssertionError("PDF 文件不完整 / the PDF is incomplete")
    return f"{len(sheets)} 页 / page, {len(data) // 1024} KB"


STEPS: list[tuple[str, Callable[[_Context], str]]] = [
    ("新建加密数据库 / encrypted database", _encrypted_database),
    ("写出并合并同步文件 / bundle written and merged", _bundle_round_trip),
    ("走访表生成 PDF / visit form to PDF", _visit_form_pdf),
]


def run_self_test(out: Callable[[str], None] = print) -> int:
    """Every step in a temporary folder; 0 when all passed, 1 at the first failure."""
    out(f"计生协离线数据采集 自检 / self-test — fpa {__version__}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}")
    with tempfile.TemporaryDirectory(prefix="fpa-selftest-") as tmp:
        ctx = _Context(Path(tmp))
        for n, (name, step) in enumerate(STEPS, 1):
            start = time.perf_counter()
            try:
                detail = step(ctx)
            except Exception as exc:  # a self-test reports every failure, whatever it is
                out(f"[{n}/{len(STEPS)}] 失败 FAIL  {name}: {type(exc).__name__}: {exc}")
                traceback.print_exc(file=sys.stderr)
                out("自检未通过 / self-test FAILED")
                return 1
            out(f"[{n}/{len(STEPS)}] 通过 OK    {name} ({detail}; {time.perf_counter() - start:.1f} s)")
    out("自检通过 / self-test passed")
    return 0
