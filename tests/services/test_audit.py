"""The audit log: the chain verifies, and an edited, deleted or moved entry is found by its number;
six months are always kept; pruning keeps the chain verifiable; no ID or bank number is stored;
merges, exports, setup imports and receipts are recorded."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.database.audit import (
    GENESIS,
    META_ANCHOR,
    AuditAction,
    compute_hash,
    mask_text,
    prune,
    record,
    verify_chain,
)
from app.database.models import SpecialFamily
from app.database.session import utcnow
from app.domain.enums import FamilyCategory
from app.domain.errors import UserInputError
from app.services import sync
from app.services.shared.audit import audit, list_entries, verify
from app.services.shared.workspace import Workspace, open_workspace

ID_NUMBER = "430121195001011234"
ID_NUMBER_X = "11010519491231002X"
BANK_CARD = "6222021234567890123"


def _fill(ws: Workspace, n: int = 6, *, age_days: int = 0) -> list[int]:
    at = utcnow() - timedelta(days=age_days) if age_days else None
    seqs = []
    with ws.db.engine.begin() as conn:
        for i in range(n):
            seqs.append(record(conn, "clerk01", AuditAction.VIEW_PERSON, f"family-{i}", {"page": i}, at=at))
    return seqs


def _raw(ws: Workspace, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(ws.path) as raw:
        return raw.execute(sql, params).fetchall()


def test_an_untouched_chain_verifies(workspace: Workspace) -> None:
    assert verify(workspace).ok  # an empty log is intact
    seqs = _fill(workspace, 8)
    assert seqs == list(range(1, 9))
    report = verify(workspace)
    assert report.ok, report.summary()
    assert (report.checked, report.first_seq, report.last_seq) == (8, 1, 8)
    assert "审计日志完整" in report.summary()
    first = _raw(workspace, "SELECT prev_hash FROM audit_entry WHERE seq = 1")[0][0]
    assert first == GENESIS


def test_each_hash_covers_the_previous_hash_and_the_fields(workspace: Workspace) -> None:
    _fill(workspace, 2)
    with workspace.db.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT seq, prev_hash, entry_hash FROM audit_entry ORDER BY seq").all()
    assert rows[1].prev_hash == rows[0].entry_hash
    entry = list_entries(workspace, 1)[0]
    again = compute_hash(rows[1].prev_hash, 2, entry.at, "clerk01", "view_person", "family-1", {"page": 1})
    assert again == rows[1].entry_hash


def test_an_edited_detail_is_caught_with_its_number(workspace: Workspace) -> None:
    _fill(workspace, 6)
    _raw(workspace, """UPDATE audit_entry SET detail = '{"page":99}' WHERE seq = 4""")
    report = verify(workspace)
    assert not report.ok
    assert report.first_bad_seq == 4
    assert [(p.seq, p.kind) for p in report.problems] == [(4, "altered")]
    assert "第 4 条" in report.summary()


@pytest.mark.parametrize(
    ("sql", "kind"),
    [
        ("UPDATE audit_entry SET username = 'admin' WHERE seq = 3", "altered"),
        ("UPDATE audit_entry SET action = 'login' WHERE seq = 3", "altered"),
        ("UPDATE audit_entry SET target = NULL WHERE seq = 3", "altered"),
        ("UPDATE audit_entry SET at = '2020-01-01 00:00:00.000000' WHERE seq = 3", "altered"),
        ("UPDATE audit_entry SET at = 'not a time' WHERE seq = 3", "altered"),
        ("UPDATE audit_entry SET detail = 'not json' WHERE seq = 3", "altered"),
        ("UPDATE audit_entry SET prev_hash = entry_hash WHERE seq = 3", "link"),
    ],
)
def test_any_edited_field_is_caught(workspace: Workspace, sql: str, kind: str) -> None:
    _fill(workspace, 5)
    _raw(workspace, sql)
    report = verify(workspace)
    assert report.first_bad_seq == 3
    assert kind in {p.kind for p in report.problems}


def test_an_entry_rewritten_with_a_fresh_hash_breaks_the_next_link(workspace: Workspace) -> None:
    """Someone who recomputes the edited entry's own hash is caught by the entry after it."""
    _fill(workspace, 5)
    [(prev,)] = _raw(workspace, "SELECT prev_hash FROM audit_entry WHERE seq = 2")
    entry = next(e for e in list_entries(workspace, 10) if e.seq == 2)
    forged = compute_hash(prev, 2, entry.at, "clerk01", "view_person", "family-1", {"page": 42})
    _raw(workspace, "UPDATE audit_entry SET detail = '{\"page\":42}', entry_hash = ? WHERE seq = 2", forged)
    report = verify(workspace)
    assert [(p.seq, p.kind) for p in report.problems] == [(3, "link")]


def test_a_deleted_entry_is_caught(workspace: Workspace) -> None:
    _fill(workspace, 6)
    _raw(workspace, "DELETE FROM audit_entry WHERE seq = 3")
    report = verify(workspace)
    assert report.first_bad_seq == 3
    assert report.problems[0].kind == "missing"
    assert "第 3 条记录缺失" in report.summary()


def test_deleting_the_last_entries_is_caught(workspace: Workspace) -> None:
    _fill(workspace, 6)
    _raw(workspace, "DELETE FROM audit_entry WHERE seq >= 5")
    report = verify(workspace)
    assert report.first_bad_seq == 5
    assert "第 5–6 条" in report.summary()
    # Writing on does not hide the cut: the next entry chains onto what was really written last.
    assert audit(workspace, AuditAction.LOGIN) == 7
    assert verify(workspace).first_bad_seq == 5


def test_deleting_the_tail_and_its_witness_is_still_caught_on_sqlite(workspace: Workspace) -> None:
    _fill(workspace, 6)
    _raw(workspace, "DELETE FROM audit_entry WHERE seq >= 5")
    _raw(workspace, "DELETE FROM meta WHERE key = 'audit_head'")
    assert verify(workspace).first_bad_seq == 5  # sqlite_sequence still knows seq 6 was issued


def test_an_emptied_log_on_a_database_with_changes_does_not_verify(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    """The whole log, its head witness and sqlite_sequence removed: the change log still tells."""
    from app.services.shared.scope import edit_session

    with edit_session(workspace) as s:
        s.add(SpecialFamily(division_code="430121001001", category=FamilyCategory.BEREAVED, head_name="甲"))
    assert verify(workspace).ok
    _raw(workspace, "DELETE FROM audit_entry")
    _raw(workspace, "DELETE FROM meta WHERE key = 'audit_head'")
    _raw(workspace, "DELETE FROM sqlite_sequence WHERE name = 'audit_entry'")
    assert _raw(workspace, "SELECT count(*) FROM change_log") != [(0,)]
    report = verify(workspace)
    assert not report.ok and report.checked == 0
    assert "审计日志已被清空" in report.summary()
    assert main(["audit", "verify", "--db", str(workspace.path)]) == 1
    assert "审计日志已被清空" in capsys.readouterr().err


def test_a_swap_of_two_entries_is_caught(workspace: Workspace) -> None:
    _fill(workspace, 6)
    _raw(workspace, "UPDATE audit_entry SET seq = -1 WHERE seq = 3")
    _raw(workspace, "UPDATE audit_entry SET seq = 3 WHERE seq = 4")
    _raw(workspace, "UPDATE audit_entry SET seq = 4 WHERE seq = -1")
    report = verify(workspace)
    assert report.first_bad_seq == 3
    kinds = {p.kind for p in report.problems}
    assert "reordered" in kinds and "altered" in kinds


def test_an_entry_rolled_back_with_its_action_leaves_no_trace(workspace: Workspace) -> None:
    _fill(workspace, 2)
    with pytest.raises(RuntimeError), workspace.db.session() as s:
        s.add(
            SpecialFamily(division_code="430121001001", category=FamilyCategory.BEREAVED, head_name="王桂兰")
        )
        record(s, "clerk01", AuditAction.EDIT, "special_family", {"op": "insert"})
        raise RuntimeError("the save failed")
    assert audit(workspace, AuditAction.LOGOUT) == 3
    assert verify(workspace).ok


def test_unknown_actions_are_a_programming_error(workspace: Workspace) -> None:
    with pytest.raises(ValueError), workspace.db.engine.begin() as conn:
        record(conn, "clerk01", "drop_everything")


def test_pruning_younger_than_six_months_is_refused(workspace: Workspace) -> None:
    _fill(workspace, 3, age_days=400)
    for days in (0, 30, 182):
        with pytest.raises(UserInputError, match="六个月"):
            prune(workspace.db, timedelta(days=days))
    with pytest.raises(UserInputError, match="六个月"):
        prune(workspace.db, utcnow() - timedelta(days=100))
    assert _raw(workspace, "SELECT count(*) FROM audit_entry")[0][0] == 3


def test_pruning_old_entries_keeps_the_chain_verifiable(workspace: Workspace) -> None:
    _fill(workspace, 5, age_days=400)
    _fill(workspace, 3, age_days=10)
    result = prune(workspace.db, timedelta(days=200), username="admin")
    assert (result.removed, result.anchor_seq) == (5, 5)
    anchor = json.loads(_raw(workspace, "SELECT value FROM meta WHERE key = ?", META_ANCHOR)[0][0])
    assert anchor["seq"] == 5
    report = verify(workspace)
    assert report.ok, report.summary()
    assert (report.anchor_seq, report.first_seq, report.last_seq) == (5, 6, 9)  # 9: the prune itself
    assert list_entries(workspace, 1)[0].action == "prune"
    _fill(workspace, 2)
    assert verify(workspace).ok
    # Nothing younger than six months is touched, even when asked for an older cut-off again.
    assert prune(workspace.db, timedelta(days=200)).removed == 0


def test_pruning_everything_old_then_writing_on_verifies(workspace: Workspace) -> None:
    _fill(workspace, 4, age_days=400)
    with workspace.db.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM meta WHERE key = 'audit_head'")  # an older database: no head yet
    prune(workspace.db, timedelta(days=365))
    assert _raw(workspace, "SELECT seq FROM audit_entry") == [(5,)]
    assert verify(workspace).ok


def test_a_removed_anchor_or_first_entries_after_a_prune_are_caught(workspace: Workspace) -> None:
    _fill(workspace, 4, age_days=400)
    _fill(workspace, 4)
    prune(workspace.db, timedelta(days=365))
    _raw(workspace, "DELETE FROM meta WHERE key = ?", META_ANCHOR)
    assert verify(workspace).first_bad_seq == 1  # seq 1–4 are gone and nothing says why


def test_a_broken_chain_is_never_pruned(workspace: Workspace) -> None:
    _fill(workspace, 4, age_days=400)
    _raw(workspace, "UPDATE audit_entry SET username = 'x' WHERE seq = 2")
    with pytest.raises(UserInputError, match="第 2 条"):
        prune(workspace.db, timedelta(days=365))
    assert _raw(workspace, "SELECT count(*) FROM audit_entry")[0][0] == 4


def test_details_never_hold_an_id_or_bank_number(workspace: Workspace) -> None:
    detail = {
        "note": f"核对身份证{ID_NUMBER}与{ID_NUMBER_X}，银行卡 6222 0212 3456 7890 123",
        "id_number": "1234",  # short and wrong, but under a sensitive key: masked anyway
        "bank_account": BANK_CARD,
        "members": [{"身份证号": ID_NUMBER}, {"card": int(BANK_CARD)}],
        ID_NUMBER: "as a key",
        "division": "430121001001",  # division codes are not personal data and stay readable
    }
    audit(workspace, AuditAction.UNMASK, f"person {ID_NUMBER}", detail)
    stored = " ".join(
        str(v) for row in _raw(workspace, "SELECT target, detail FROM audit_entry") for v in row
    )
    for number in (ID_NUMBER, ID_NUMBER_X, BANK_CARD, "6222 0212 3456 7890 123", '"id_number":"1234"'):
        assert number not in stored
    assert "430121001001" in stored
    assert verify(workspace).ok  # the hash covers the masked text that was stored


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ID_NUMBER, "430***********1234"),
        ("身份证:11010519491231002x。", "身份证:110***********002x。"),
        ("旧证 430121500101123", "旧证 430********1123"),
        ("卡号6222-0212-3456-7890", "卡号622*********7890"),
        ("区划 430121001001 于 20261123054330", "区划 430121001001 于 20261123054330"),
    ],
)
def test_masking_of_free_text(text: str, expected: str) -> None:
    assert mask_text(text) == expected


def test_cli_verify_and_list(workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    _fill(workspace, 3)
    db = str(workspace.path)
    assert main(["audit", "verify", "--db", db]) == 0
    assert "审计日志完整" in capsys.readouterr().out
    assert main(["audit", "list", "--db", db, "--limit", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and "查看个人详情" in out[0] and out[0].split()[0] == "3"
    _raw(workspace, "UPDATE audit_entry SET target = 'x' WHERE seq = 2")
    assert main(["audit", "verify", "--db", db]) == 1
    assert "最早出问题的是第 2 条" in capsys.readouterr().err
    assert main(["audit", "verify", "--db", db, "--json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["ok"] is False and doc["first_bad_seq"] == 2


def test_cli_prune_refuses_less_than_six_months(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", "prune", "--db", str(workspace.path), "--older-than-days", "90"]) == 1
    assert "六个月" in capsys.readouterr().err


def test_sync_actions_are_audited(workspace: Workspace, template_db: Path, tmp_path: Path) -> None:
    """Setup import, bundle export, merge, receipt export and import each leave an entry."""
    county_keys, station_keys = tmp_path / "county-keys", tmp_path / "station-keys"
    sync.new_identity(county_keys, "长沙县", None)
    sync.new_identity(station_keys, "黄兴镇", None)
    key_id = sync.show_identity(county_keys).key_id
    package = sync.export_setup(
        county_keys,
        None,
        tmp_path / "setup.fpas",
        division="430121000000",
        signers=[(station_keys, "430121001000")],
    )
    station_path = tmp_path / "station.db"
    shutil.copy2(template_db, station_path)
    with sqlite3.connect(station_path) as raw:
        raw.execute("UPDATE meta SET value = '00000000000000aa' WHERE key = 'device_id'")
        raw.execute("UPDATE meta SET value = '0000000000000-00000-00000000000000aa' WHERE key = 'clock_last'")
        raw.execute("UPDATE meta SET value = '430121001000' WHERE key = 'division_code'")  # a township
    station = open_workspace(station_path)
    station.username = "clerk01"
    workspace.username = "county-admin"
    try:
        sync.import_setup(station, package, trust=key_id)
        sync.import_setup(workspace, package, trust=key_id)
        with station.db.session() as s:
            s.add(
                SpecialFamily(
                    division_code="430121001001", category=FamilyCategory.BEREAVED, head_name="王桂兰"
                )
            )
        exported = sync.write_bundle(station, station_keys, None, tmp_path / "out")
        [merged] = sync.merge_bundles(workspace, county_keys, None, [exported.path])
        assert merged.status == "accepted"
        sync.merge_bundles(workspace, county_keys, None, [exported.path])  # refused replay: no entry
        receipt = sync.write_sync_receipt(workspace, county_keys, None, tmp_path / "receipts")
        sync.import_sync_receipt(station, receipt)
        county_log = [(e.action, e.username, e.target) for e in reversed(list_entries(workspace))]
        station_log = [(e.action, e.username, e.target) for e in reversed(list_entries(station))]
        assert county_log == [
            ("setup_import", "county-admin", "setup.fpas"),
            ("merge", "county-admin", exported.path.name),
            ("export", "county-admin", receipt.name),
        ]
        assert station_log == [
            ("setup_import", "clerk01", "setup.fpas"),
            ("export", "clerk01", exported.path.name),
            ("receipt_import", "clerk01", receipt.name),
        ]
        merge_entry = list_entries(workspace)[1]
        assert merge_entry.detail is not None and merge_entry.detail["inserted"] == 1
        assert verify(workspace).ok and verify_chain(station.db).ok
    finally:
        station.close()


@pytest.mark.postgres
def test_the_chain_holds_on_postgresql_with_concurrent_writers() -> None:
    """Two writers at once on PostgreSQL (the table lock serialises them); then an edit is caught."""
    import os
    import threading
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from app.database.migrate import create_database
    from app.domain.enums import NodeRole

    base = os.environ.get("FPA_TEST_PG_URL")
    if not base:
        pytest.skip("no PostgreSQL test server (scripts/test.sh starts one)")
    name = f"fpa_audit_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    url = make_url(base).set(database=name).render_as_string(hide_password=False)
    db = create_database(url, "430121000000", NodeRole.COUNTY)
    try:

        def write(user: str) -> None:
            for i in range(15):
                with db.engine.begin() as conn:
                    record(conn, user, AuditAction.VIEW_PERSON, f"family-{i}", {"page": i})

        threads = [threading.Thread(target=write, args=(u,)) for u in ("clerk01", "clerk02")]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        report = verify_chain(db)
        assert report.ok, report.summary()
        assert (report.checked, report.first_seq, report.last_seq) == (30, 1, 30)
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE audit_entry SET detail = :d WHERE seq = 7"), {"d": '{"page":99}'})
        assert verify_chain(db).first_bad_seq == 7
    finally:
        db.dispose()
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
        admin.dispose()
