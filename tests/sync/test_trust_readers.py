"""Every file reader refuses instead of crashing: odd numbers, nesting, control characters, gaps.

Each bad file is sealed with a real trusted key (so only the reader's checks can refuse it); each
refusal is in Chinese and the database file is unchanged. `fpa check` reports orphan rows, and a
zero-byte file given to it stays a zero-byte file.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from app.cli import main as fpa
from app.domain.errors import BadFileError
from app.services import sync
from app.services.shared.workspace import open_workspace
from app.sync.envelope import seal

if TYPE_CHECKING:
    from conftest import TrustWorld  # the sync suites' world (tests/sync/conftest.py)

DEEP = b"[" * 100_000 + b"]" * 100_000
HUGE = b"1" * 5000


def _families(w: TrustWorld, count: int = 1) -> dict[str, object]:
    block = w.rows_of("a", "special_family")
    block["rows"] = block["rows"][:count]
    return block


def _bundle(w: TrustWorld, tmp_path: Path, name: str, **kwargs: object) -> Path:
    a = w.meta(w.dbs["county_a"], "device_id")
    return w.forge(
        "county_a", kwargs.pop("tables", {}), tmp_path / name, device=a, division="430121000000", **kwargs
    )  # type: ignore[arg-type]


def test_bundle_payloads_that_would_crash_a_reader_are_refused(
    trust_world: TrustWorld, tmp_path: Path
) -> None:
    w = trust_world
    db = w.copy("province", tmp_path / "province.db")
    placeholder = _families(w)
    placeholder["rows"][0][placeholder["columns"].index("monthly_support_fen")] = 424242  # type: ignore[index]
    text = json.dumps({"format": "fpa-bundle-payload/1", "tables": {"special_family": placeholder}}).encode()
    cases = {
        "huge.fpab": (text.replace(b"424242", HUGE), "不是有效的 JSON"),
        "deep.fpab": (text.replace(b"424242", DEEP), "不是有效的 JSON"),
    }
    for name, (raw, expected) in cases.items():
        assert expected in w.refused(db, "province", _bundle(w, tmp_path, name, raw=raw))
    nul = _families(w)
    nul["rows"][0][nul["columns"].index("head_name")] = "王\x00桂兰"  # type: ignore[index]
    assert "控制字符" in w.refused(
        db, "province", _bundle(w, tmp_path, "nul.fpab", tables={"special_family": nul})
    )
    short = _families(w)
    drop = short["columns"].index("head_name")  # type: ignore[union-attr]
    short["columns"] = [c for i, c in enumerate(short["columns"]) if i != drop]  # type: ignore[arg-type]
    short["rows"] = [[v for i, v in enumerate(r) if i != drop] for r in short["rows"]]  # type: ignore[union-attr]
    reason = w.refused(db, "province", _bundle(w, tmp_path, "short.fpab", tables={"special_family": short}))
    assert "缺少必填字段“head_name”" in reason


def test_setup_packages_and_receipts_that_would_crash_a_reader_are_refused(
    trust_world: TrustWorld, tmp_path: Path
) -> None:
    w = trust_world
    db = w.copy("county_a", tmp_path / "a.db")
    serial = b'"serial": 7'
    base = (
        b'{"format": "fpa-setup/2", "id": "0b7e1c2a-1111-4222-8333-444455556666", "issued_at": "x", '
        + serial
        + b', "keys": []}'
    )
    for name, payload in (
        ("huge.fpas", base.replace(serial, b'"serial": ' + HUGE)),
        ("deep.fpas", base.replace(serial, b'"serial": ' + DEEP)),
    ):
        path = tmp_path / name
        path.write_bytes(seal("setup", {"format": "fpa-setup/2"}, payload, w.ids["province"], None))
        before = w.fingerprint(db)
        ws = open_workspace(db)
        try:
            with pytest.raises(BadFileError, match="不是有效的 JSON"):
                sync.import_setup(ws, path)
        finally:
            ws.close()
        assert w.fingerprint(db) == before
    receipt = b'{"format": "fpa-receipt/1", "bundles": [{"sender_device": "x", "seq": ' + HUGE + b"}]}"
    for name, payload in (("huge.fpar", receipt), ("deep.fpar", receipt.replace(HUGE, DEEP))):
        path = tmp_path / name
        path.write_bytes(seal("receipt", {"format": "fpa-receipt/1"}, payload, w.ids["province"], None))
        before = w.fingerprint(db)
        ws = open_workspace(db)
        try:
            with pytest.raises(BadFileError, match="不是有效的 JSON"):
                sync.import_sync_receipt(ws, path)
        finally:
            ws.close()
        assert w.fingerprint(db) == before


def test_fpa_check_reports_orphans_and_leaves_an_empty_file_alone(
    trust_world: TrustWorld, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    w = trust_world
    db = w.copy("county_a", tmp_path / "a.db")
    assert fpa(["check", str(db)]) == 0
    con = sqlite3.connect(db)
    with con:
        con.execute(
            "UPDATE family_member SET family_id = ? WHERE id = (SELECT min(id) FROM family_member)",
            (str(uuid.uuid4()),),
        )
    con.close()
    capsys.readouterr()
    assert fpa(["check", str(db)]) == 1
    assert "孤立记录：family_member 中 1 条的 family_id 指向 special_family" in capsys.readouterr().out
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    assert fpa(["check", str(empty)]) != 0
    assert empty.stat().st_size == 0 and "空文件" in capsys.readouterr().err
    missing = tmp_path / "missing.db"
    assert fpa(["check", str(missing)]) != 0 and not missing.exists()
