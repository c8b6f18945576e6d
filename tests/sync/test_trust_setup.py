"""Only the level above changes who is trusted; only the receiver above confirms; clocks stay sane.

Setup packages and receipts are forged with real keys through the program's own builders; each is
refused in Chinese with the database unchanged (the file's hash), and the honest ones still work.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from app.cli import main as fpa
from app.domain.errors import BadFileError, UserInputError
from app.domain.hlc import ClockExhausted, HybridClock
from app.services import sync
from app.services.shared.workspace import open_workspace
from app.sync import keys
from app.sync.envelope import seal
from app.sync.identity import PublicIdentity
from app.sync.setup_package import build_setup_package

if TYPE_CHECKING:
    from conftest import TrustWorld  # the sync suites' world (tests/sync/conftest.py)


def _import_refused(w: TrustWorld, db: Path, package: Path, trust: str | None = None) -> str:
    before = w.fingerprint(db)
    ws = open_workspace(db)
    try:
        with pytest.raises(BadFileError) as refused:
            sync.import_setup(ws, package, trust=trust)
    finally:
        ws.close()
    assert w.fingerprint(db) == before
    return refused.value.reason


def _recipients(db: Path) -> list[str]:
    ws = open_workspace(db)
    try:
        with ws.db.reader.connect() as conn:
            found = keys.recipients(conn)
            conn.rollback()
    finally:
        ws.close()
    return found


def test_a_county_cannot_reconfigure_the_province_or_another_county(
    trust_world: TrustWorld, tmp_path: Path
) -> None:
    w = trust_world
    province_pub, attacker = w.ids["province"].public, w.ids["station"].public
    # The province's signing key with the attacker's age recipient, granted by county A.
    swapped = PublicIdentity(
        "湖南省计生协", attacker.age_recipient, province_pub.signing_public_key, province_pub.key_id
    )
    package = build_setup_package(
        w.ids["county_a"], "430121", tmp_path / "evil.fpas", recipients=[(swapped, "430000")]
    )
    for name in ("province", "county_b"):
        db = w.copy(name, tmp_path / f"{name}.db")
        before = _recipients(db)
        reason = _import_refused(w, db, package)
        assert "不是本机" in reason and "无权为本机下发配置" in reason
        reason = _import_refused(w, db, package, trust=w.ids["county_a"].public.key_id)
        assert "无权为本机下发配置" in reason
        assert _recipients(db) == before and attacker.age_recipient not in before


def test_a_county_grants_nothing_outside_itself_and_a_station_issues_nothing(
    trust_world: TrustWorld, tmp_path: Path
) -> None:
    w = trust_world
    with pytest.raises(UserInputError, match="不在签发方的管辖范围"):
        sync.export_setup(
            w.key_dirs["county_a"], None, tmp_path / "x.fpas", division="430121",
            signers=[(w.key_dirs["station"], "430112001000")],
        )  # fmt: skip
    with pytest.raises(UserInputError, match="不能签发配置包"):
        sync.export_setup(w.key_dirs["station"], None, tmp_path / "y.fpas", division=w.township)
    # A package written by hand, signed by the station's key: the county refuses it.
    doc = {"format": "fpa-setup/2", "id": "0b7e1c2a-1111-4222-8333-444455556666", "issued_at": "2026-12-01",
           "serial": 1, "keys": [], "catalogue": [], "indicators": [], "targets": []}  # fmt: skip
    forged = tmp_path / "station.fpas"
    forged.write_bytes(
        seal("setup", {"format": "fpa-setup/2"}, json.dumps(doc).encode(), w.ids["station"], None)
    )
    assert "无权下发配置包" in _import_refused(w, w.copy("county_a", tmp_path / "a.db"), forged)


def test_an_older_or_the_same_package_cannot_roll_the_trust_store_back(
    trust_world: TrustWorld, tmp_path: Path
) -> None:
    w = trust_world
    db = w.copy("county_a", tmp_path / "a.db")
    signers = [(w.key_dirs["county_a"], "430121"), (w.key_dirs["county_b"], "430112")]
    older = sync.export_setup(
        w.key_dirs["province"], None, tmp_path / "1.fpas", division="430000", signers=signers
    )
    newer = sync.export_setup(
        w.key_dirs["province"], None, tmp_path / "2.fpas", division="430000", signers=signers
    )
    ws = open_workspace(db)
    try:
        sync.import_setup(ws, newer)
    finally:
        ws.close()
    assert "疑似重放" in _import_refused(w, db, older)
    assert "疑似重放" in _import_refused(w, db, newer)


def test_a_key_left_out_of_a_newer_package_is_revoked(trust_world: TrustWorld, tmp_path: Path) -> None:
    w = trust_world
    db = w.copy("province", tmp_path / "province.db")
    first = tmp_path / "b.fpab"
    first.write_bytes(w.bundles["b"])
    [done] = w.merge(db, "province", first)
    assert done.status == "accepted"
    package = sync.export_setup(
        w.key_dirs["province"], None, tmp_path / "p2.fpas", division="430000",
        signers=[(w.key_dirs["county_a"], "430121")],
    )  # fmt: skip
    ws = open_workspace(db)
    try:
        result = sync.import_setup(ws, package)
    finally:
        ws.close()
    assert result.revoked == 1
    scratch = tmp_path / "b2.db"
    scratch.write_bytes((w.root / "b-scratch.db").read_bytes())
    ws = open_workspace(scratch)
    try:
        later = sync.write_bundle(ws, w.key_dirs["county_b"], None, tmp_path / "usb", full=True)
    finally:
        ws.close()
    assert "被上级吊销" in w.refused(db, "province", later.path)
    # What it sent before stays.
    (count,) = w.query(db, "SELECT count(*) FROM special_family WHERE division_code LIKE '430112%'")[0]
    assert count == len(w.docs["b"]["tables"]["special_family"]["rows"])


def test_short_division_codes_are_normalised_and_a_signer_needs_one(
    trust_world: TrustWorld, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    w = trust_world
    out = tmp_path / "p.fpas"
    argv = ["setup", "export", "--identity", str(w.key_dirs["province"]), "--out", str(out)]
    assert fpa([*argv, "--division", "430000", "--signers", f"{w.key_dirs['county_a']}=430121"]) == 0
    fresh = tmp_path / "fresh.db"
    assert fpa(["init", str(fresh), "--division", "430121"]) == 0
    assert (
        fpa(["setup", "import", str(out), "--db", str(fresh), "--trust", w.ids["province"].public.key_id])
        == 0
    )
    with pytest.raises(SystemExit):
        fpa([*argv, "--division", "430000", "--signers", str(w.key_dirs["county_a"])])
    assert "缺少区划代码" in capsys.readouterr().err


def test_receipts_only_from_the_receiver_and_only_for_bundles_written_here(
    trust_world: TrustWorld, tmp_path: Path
) -> None:
    w = trust_world
    province = w.copy("province", tmp_path / "province.db")
    sender = tmp_path / "a.db"
    sender.write_bytes((w.root / "a-scratch.db").read_bytes())
    bundle = tmp_path / "a.fpab"
    bundle.write_bytes(w.bundles["a"])
    [done] = w.merge(province, "province", bundle)
    assert done.status == "accepted"
    ws = open_workspace(province)
    try:
        honest = sync.write_sync_receipt(ws, w.key_dirs["province"], None, tmp_path / "receipts")
    finally:
        ws.close()
    doc = {
        "format": "fpa-receipt/1",
        "receiver": {"device": "0" * 16, "division": "430112000000", "key_id": w.ids["county_b"].public.key_id},
        "issued_at": "2026-12-01T00:00:00+00:00",
        "bundles": [
            {"sender_device": w.meta(sender, "device_id"), "seq": 1, "hash": "a" * 64,
             "since_seq": 0, "last_change_seq": 10**15}
        ],
    }  # fmt: skip
    cases = {
        # County B's real key, for county A's device: B is no receiver of A.
        "b.fpar": (seal("receipt", {"format": "fpa-receipt/1"}, json.dumps(doc).encode(), w.ids["county_b"], None), "不是本机配置包中登记的接收方"),
        # The province's real key, naming a bundle A never wrote (its hash differs).
        "p.fpar": (seal("receipt", {"format": "fpa-receipt/1"}, json.dumps(doc).encode(), w.ids["province"], None), "与本机写出的同步文件不符"),
        # Encrypted: receipts travel in the clear.
        "e.fpar": (seal("receipt", {"format": "fpa-receipt/1"}, json.dumps(doc).encode(), w.ids["province"], [w.ids["county_a"].public.age_recipient]), "不应加密"),
    }  # fmt: skip
    for name, (data, expected) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        before = w.fingerprint(sender)
        ws = open_workspace(sender)
        try:
            with pytest.raises(BadFileError, match=expected):
                sync.import_sync_receipt(ws, path)
        finally:
            ws.close()
        assert w.fingerprint(sender) == before
    ws = open_workspace(sender)
    try:
        result = sync.import_sync_receipt(ws, honest)
    finally:
        ws.close()
    assert result.acked_after == int(w.meta(sender, "last_exported_seq")) > 0


def test_a_damaged_stored_clock_is_repaired_from_the_data_and_audited(
    trust_world: TrustWorld, tmp_path: Path
) -> None:
    w = trust_world
    newest = max(w.query(w.dbs["county_a"], "SELECT max(stamp) FROM special_family")[0])
    for damage in ("garbage", "99999999999999-00000-" + "0" * 16, f"9999999999999-99999-{'a' * 16}"):
        db = w.copy("county_a", tmp_path / "a.db")
        con = sqlite3.connect(db)
        with con:
            con.execute("UPDATE meta SET value = ? WHERE key = 'clock_last'", (damage,))
        con.close()
        ws = open_workspace(db)  # opens: no traceback at start
        try:
            repaired = w.meta(db, "clock_last")
            assert len(repaired) == 36 and repaired[:19] >= newest[:19]
            assert ws.db.clock.now() > newest
        finally:
            ws.close()
        entries = w.query(db, "SELECT detail FROM audit_entry WHERE target = 'meta:clock_last'")
        assert entries and "已按数据" in entries[-1][0]


def test_the_clock_never_issues_a_fourteen_digit_stamp() -> None:
    clock = HybridClock("a" * 16, f"9999999999999-99998-{'a' * 16}", wall=lambda: 1.0)
    assert clock.now() == f"9999999999999-99999-{'a' * 16}"
    with pytest.raises(ClockExhausted):
        clock.now()
    assert clock.last == f"9999999999999-99999-{'a' * 16}"
