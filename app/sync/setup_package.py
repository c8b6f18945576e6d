"""Setup packages (province → county → township): keys, divisions, catalogue, indicators; signed.

The first package a node imports names a signer it has never seen: it is accepted only when the
user confirms that signer's key id (read out from the province, printed on paper) — after that,
only packages from trusted signers are accepted.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.database.divisions import DivisionRecord, load_reference
from app.database.models import IndicatorDefinition, IndicatorTarget, ProjectCatalogueEntry
from app.database.reference import upsert_reference
from app.database.session import Database
from app.domain.enums import AdminLevel, DivisionLevel
from app.domain.errors import BadFileError
from app.domain.indicators import IndicatorError, check_definition
from app.sync import keys, state
from app.sync.bundle import read_bundle_file
from app.sync.envelope import expect_kind, open_envelope, read_header, seal, write_atomically
from app.sync.identity import Identity, PublicIdentity

SETUP_FORMAT = "fpa-setup/1"
SUFFIX = ".fpas"
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
ROLES = ("province", "county", "station")
# Column widths of sync_key.name and division.name: PostgreSQL refuses longer text (SQLite would
# store it), so a package is checked against them before anything is written.
_KEY_NAME_CHARS = 80
_DIVISION_NAME_CHARS = 60


@dataclass(frozen=True)
class SetupKey:
    public: PublicIdentity
    role: str
    division_code: str | None
    recipient: bool
    trusted_signer: bool


@dataclass(frozen=True)
class SetupContent:
    package_id: str
    issued_at: str
    keys: list[SetupKey]
    divisions: list[DivisionRecord] | None
    catalogue: list[dict[str, Any]]
    indicators: list[dict[str, Any]]
    targets: list[dict[str, Any]]


@dataclass(frozen=True)
class SetupResult:
    package_id: str
    signer: str
    keys: int
    divisions_added: int
    catalogue: int
    indicators: int


def build_setup_package(
    issuer: Identity,
    issuer_role: str,
    issuer_division: str,
    out: Path,
    *,
    recipients: Sequence[PublicIdentity] = (),
    signers: Sequence[PublicIdentity] = (),
    divisions: Sequence[DivisionRecord] | None = None,
    catalogue: Sequence[dict[str, Any]] = (),
    indicators: Sequence[dict[str, Any]] = (),
    targets: Sequence[dict[str, Any]] = (),
) -> Path:
    """Write a signed setup package. The issuer is always a recipient and a trusted signer."""
    entries = [
        {
            "identity": issuer.public.to_json(),
            "role": issuer_role,
            "division_code": issuer_division or None,
            "recipient": True,
            "trusted_signer": True,
        }
    ]
    for pub in recipients:
        entries.append(
            {
                "identity": pub.to_json(),
                "role": "county",
                "division_code": None,
                "recipient": True,
                "trusted_signer": True,
            }
        )
    for pub in signers:
        entries.append(
            {
                "identity": pub.to_json(),
                "role": "station",
                "division_code": None,
                "recipient": False,
                "trusted_signer": True,
            }
        )
    doc = {
        "format": SETUP_FORMAT,
        "id": str(uuid.uuid4()),
        "issued_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "keys": entries,
        "divisions": None
        if divisions is None
        else [[d.code, d.name, d.level.value, d.parent_code] for d in divisions],
        "catalogue": list(catalogue),
        "indicators": list(indicators),
        "targets": list(targets),
    }
    meta = {"format": SETUP_FORMAT, "id": doc["id"], "issuer_division": issuer_division}
    data = seal("setup", meta, json.dumps(doc, ensure_ascii=False).encode("utf-8"), issuer, None)
    write_atomically(out, data)
    return out


def signer_of(path: Path) -> tuple[str, str]:
    """(key id, name) the package claims as signer — to show before the user confirms trust."""
    header = read_header(read_bundle_file(path), source=path.name)
    return header.signer_key_id, header.signer_name


def import_setup_package(db: Database, path: Path, *, trust: str | None = None) -> SetupResult:
    """Check the package completely, then apply it in one transaction."""
    source = path.name
    data = read_bundle_file(path)
    header = read_header(data, source=source)
    expect_kind(header, "setup", source)  # before trust: a bundle is not "from an untrusted issuer"
    with db.reader.connect() as conn:
        trusted = keys.trusted_signers(conn)
        conn.rollback()
    if header.signer_key_id not in trusted:
        if trust is None or trust.strip().lower() != header.signer_key_id:
            raise BadFileError(
                source,
                f"签发方“{header.signer_name}”（密钥编号 {header.signer_key_id}）尚未受信任；"
                "请向上级核对密钥编号，确认无误后再导入并确认信任该编号（命令行：加 --trust 密钥编号）",
            )
        trusted = {header.signer_key_id: header.signer_public_key}
    opened = open_envelope(
        data,
        source=source,
        trusted_signers=trusted,
        identity=None,
        expected_kind="setup",
        max_output=256 * 1024 * 1024,
    )
    content = parse_setup(opened.payload, source)
    with db.engine.begin() as conn:
        for key in content.keys:
            keys.remember_key(
                conn,
                keys.KnownKey(key.public, key.role, key.division_code, key.recipient, key.trusted_signer),
                # The package id itself: sync_key.source holds 40 characters, which PostgreSQL
                # enforces (a "setup:" prefix made it 42 and failed there; SQLite never checks).
                content.package_id,
            )
        added = load_reference(conn, content.divisions or [])
        cat = upsert_reference(conn, ProjectCatalogueEntry, "catalogue", "code", content.catalogue)
        ind = upsert_reference(conn, IndicatorDefinition, "indicator", "code", content.indicators)
        upsert_reference(
            conn, IndicatorTarget, "target", ("indicator_code", "division_code", "year"), content.targets
        )
        state.put(conn, state.SETUP_ID, content.package_id)
        state.put(conn, state.SETUP_ISSUED, content.issued_at)
    return SetupResult(content.package_id, header.signer_name, len(content.keys), added, sum(cat), sum(ind))


def parse_setup(data: bytes, source: str) -> SetupContent:
    """Every part checked before anything is written; raises BadFileError naming the part."""
    try:
        doc: Any = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BadFileError(source, "配置包内容不是有效的 JSON") from None
    if not isinstance(doc, dict) or doc.get("format") != SETUP_FORMAT:
        raise BadFileError(source, "配置包格式不受支持，请升级程序")
    package_id, issued = doc.get("id"), doc.get("issued_at")
    if not isinstance(package_id, str) or not isinstance(issued, str):
        raise BadFileError(source, "配置包缺少编号或签发时间")
    if not _UUID.match(package_id):
        # Stored as each key's source (40 characters): a bounded shape no database refuses.
        raise BadFileError(source, "配置包的编号格式不对")
    parsed_keys = []
    for i, entry in enumerate(_list(doc, "keys", source), start=1):
        if not isinstance(entry, dict) or entry.get("role") not in ROLES:
            raise BadFileError(source, f"配置包第 {i} 个密钥条目无效")
        public = PublicIdentity.from_json(entry.get("identity") or {}, source=source)
        if len(public.name) > _KEY_NAME_CHARS:
            raise BadFileError(source, f"配置包第 {i} 个密钥条目的名称超过 {_KEY_NAME_CHARS} 个字符")
        division = entry.get("division_code")
        if division is not None and (not isinstance(division, str) or len(division) != 12):
            raise BadFileError(source, f"配置包第 {i} 个密钥条目的区划代码无效")
        parsed_keys.append(
            SetupKey(
                public,
                entry["role"],
                division,
                entry.get("recipient") is True,
                entry.get("trusted_signer") is True,
            )
        )
    divisions = None
    if doc.get("divisions") is not None:
        divisions = [_division(row, i, source) for i, row in enumerate(_list(doc, "divisions", source), 1)]
    catalogue = [_catalogue(row, i, source) for i, row in enumerate(_list(doc, "catalogue", source), 1)]
    indicators = [_indicator(row, i, source) for i, row in enumerate(_list(doc, "indicators", source), 1)]
    targets = [_target(row, i, source) for i, row in enumerate(_list(doc, "targets", source), 1)]
    return SetupContent(package_id, issued, parsed_keys, divisions, catalogue, indicators, targets)


def _list(doc: dict[str, Any], name: str, source: str) -> list[Any]:
    value = doc.get(name, [])
    if not isinstance(value, list):
        raise BadFileError(source, f"配置包的“{name}”部分不是列表")
    return value


def _division(row: Any, i: int, source: str) -> DivisionRecord:
    ok = (
        isinstance(row, list)
        and len(row) == 4
        and isinstance(row[0], str)
        and len(row[0]) == 12
        and row[0].isdigit()
        and isinstance(row[1], str)
        and 0 < len(row[1].strip()) <= _DIVISION_NAME_CHARS
        and isinstance(row[2], str)
        and row[2] in {d.value for d in DivisionLevel}
        and (row[3] is None or (isinstance(row[3], str) and len(row[3]) == 12 and row[3].isdigit()))
    )
    if not ok:
        raise BadFileError(source, f"配置包区划表第 {i} 行无效")
    return DivisionRecord(row[0], row[1].strip(), DivisionLevel(row[2]), row[3])


def _text(row: dict[str, Any], name: str, limit: int) -> bool:
    value = row.get(name)
    return isinstance(value, str) and 0 < len(value) <= limit


def _catalogue(row: Any, i: int, source: str) -> dict[str, Any]:
    levels = {a.value for a in AdminLevel}
    if (
        not isinstance(row, dict)
        or not _text(row, "code", 20)
        or not _text(row, "name", 60)
        or not _text(row, "category", 30)
        or not (isinstance(row.get("level"), str) and row["level"] in levels)
    ):
        raise BadFileError(source, f"配置包项目目录第 {i} 条无效")
    return {
        "code": row["code"],
        "name": row["name"],
        "category": row["category"],
        "level": AdminLevel(row["level"]),
        "pays_individuals": row.get("pays_individuals") is True,
        "description": row.get("description") if isinstance(row.get("description"), str) else None,
        "active": row.get("active", True) is not False,
    }


def _indicator(row: Any, i: int, source: str) -> dict[str, Any]:
    try:  # indicators are data: checked against the named record sets, never run
        d = check_definition(row)
    except IndicatorError as exc:
        raise BadFileError(source, f"配置包指标定义第 {i} 条无效：{exc.message}") from None
    return {
        "code": d.code,
        "name": d.name,
        "module": d.module,
        "formula": d.formula_json(),
        "unit": d.unit,
        "description": d.description,
    }


def _target(row: Any, i: int, source: str) -> dict[str, Any]:
    if (
        not isinstance(row, dict)
        or not _text(row, "indicator_code", 20)
        or not _text(row, "division_code", 12)
        or not isinstance(row.get("year"), int)
        or not isinstance(row.get("target_x100"), int)
    ):
        raise BadFileError(source, f"配置包指标目标第 {i} 条无效")
    return {k: row[k] for k in ("indicator_code", "division_code", "year", "target_x100")}
