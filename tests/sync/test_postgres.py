"""The province on PostgreSQL: the same bundles merged into PostgreSQL and into SQLite give the same
records, field for field, with the same conflicts and duplicate candidates.

Needs the server that scripts/test.sh starts (it exports FPA_TEST_PG_URL); each test gets a
database of its own, created with a unique name and dropped at the end.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.engine import Engine, make_url

from app.cli import main as fpa
from app.database.base import SYNC_COLUMNS, synced_tables, table_of
from app.database.models import BundleLedger, DuplicateCandidate, MergeConflict, Person, SpecialFamily
from app.database.session import soft_delete
from app.domain.hlc import new_device_id
from app.services.shared.workspace import open_workspace
from app.services.sync.conflicts import list_conflicts, list_duplicates, restore_conflict

PG_URL = os.environ.get("FPA_TEST_PG_URL")
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not PG_URL,
        reason="FPA_TEST_PG_URL is not set: no PostgreSQL test server (scripts/test.sh starts one)",
    ),
]
PROVINCE = "430000000000"
# Local write times: when this database stored the row, which no two merges share. Everything else
# in a row is what the bundles carried, and must be equal.
LOCAL_TIMES = {"created_at", "updated_at"}
TRICKY_NOTE = '第一行\t制表符\n第二行\r\n反斜杠 \\ 与 \\N，"引号"、{花括号}、逗号,'


# ---------------------------------------------------------------------------------------------
# A fresh PostgreSQL database per test


@pytest.fixture
def pg_database() -> Iterator[str]:
    assert PG_URL is not None
    name = f"fpa_test_{uuid.uuid4().hex[:12]}"
    server = make_url(PG_URL).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# ---------------------------------------------------------------------------------------------
# The bundles: two demo counties, a township station of the first, with edits that give updates,
# a tombstone, a conflict between the station and its county, and the same ID number in both
# counties (a duplicate candidate). Made once, through the commands.


@dataclass(frozen=True)
class Bundles:
    province_key: Path
    package: Path
    files: list[Path]  # in the order they were written
    family_id: str  # edited on the station and in county A
    full_again: Path  # county A's everything, written after all of that: nothing new in it


def _cli(*argv: str | Path) -> None:
    code = fpa([str(a) for a in argv])
    assert code == 0, argv


def _key_id(folder: Path) -> str:
    return str(json.loads((folder / "identity.json").read_text(encoding="utf-8"))["key_id"])


def _export(db: Path, key: Path, out: Path) -> Path:
    before = set(out.glob("*.fpab")) if out.exists() else set()
    _cli("sync", "export", "--db", db, "--identity", key, "--out", out)
    [new] = set(out.glob("*.fpab")) - before
    return new


def _station_from(county_db: Path, dest: Path) -> None:
    with sqlite3.connect(county_db) as src, sqlite3.connect(dest) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    device = new_device_id()
    with sqlite3.connect(dest) as con:
        con.execute("UPDATE meta SET value=? WHERE key='device_id'", (device,))
        con.execute("UPDATE meta SET value=? WHERE key='clock_last'", (f"{0:013d}-{0:05d}-{device}",))
        con.execute("UPDATE meta SET value='station' WHERE key='node_role'")
        con.execute("DELETE FROM meta WHERE key IN ('bundle_seq', 'last_bundle_hash', 'last_exported_seq')")
        last = con.execute("SELECT max(seq) FROM change_log").fetchone()[0]
        con.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('acked_seq', ?)", (str(last),))
    con.close()


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> Bundles:
    root = tmp_path_factory.mktemp("pg-bundles")
    keys = {name: root / f"{name}-key" for name in ("province", "a", "b", "station")}
    for name, folder in keys.items():
        _cli("keys", "new", "--out", folder, "--name", name)
    a_db, b_db, station_db = root / "a.db", root / "b.db", root / "station.db"
    _cli("demo", a_db, "--county", "430121", "--families", "8", "--seed", "11", "--plain")
    _cli("demo", b_db, "--county", "430112", "--families", "8", "--seed", "12", "--plain")
    package = root / "province.fpas"
    _cli(
        "setup",
        "export",
        "--identity",
        keys["province"],
        "--out",
        package,
        "--division",
        PROVINCE,
        "--signers",
        f"{keys['a']}=430121",
        f"{keys['b']}=430112",
        f"{keys['station']}=430121",
    )  # fmt: skip  (the station sends straight up here: county A's rows)
    for db in (a_db, b_db):
        _cli("setup", "import", package, "--db", db, "--trust", _key_id(keys["province"]))
    # Text that COPY's text format must escape, and its marker for NULL written out as text.
    ws = open_workspace(a_db)
    with ws.db.session() as s:
        # Not the first family (the station and the county edit it) nor the last (deleted).
        first = s.scalars(select(SpecialFamily).order_by(SpecialFamily.id).offset(1)).first()
        assert first is not None
        first.note, first.address = TRICKY_NOTE, "\\N"
    ws.close()
    usb = root / "usb"
    files = [_export(a_db, keys["a"], usb)]
    _station_from(a_db, station_db)

    # County B registers a person county A has too (same ID number): a duplicate candidate.
    ws = open_workspace(a_db)
    with ws.db.read() as s:
        a_person = s.scalars(select(Person).where(Person.id_number.is_not(None)).order_by(Person.id)).first()
        assert a_person is not None
        family_id = s.scalars(select(SpecialFamily.id).order_by(SpecialFamily.id)).first()
        gone_id = s.scalars(select(SpecialFamily.id).order_by(SpecialFamily.id.desc())).first()
    ws.close()
    ws = open_workspace(b_db)
    with ws.db.session() as s:
        b_person = s.scalars(select(Person).order_by(Person.id)).first()
        assert b_person is not None
        b_person.id_number = a_person.id_number
    ws.close()
    files.append(_export(b_db, keys["b"], usb))

    # The station changes a family's phone and note; later the county changes the same phone,
    # sets the family doctor, and deletes another family.
    ws = open_workspace(station_db)
    with ws.db.session() as s:
        family = s.get(SpecialFamily, family_id)
        assert family is not None
        family.phone, family.note = "13811112222", "春节走访：需要陪护"
    ws.close()
    time.sleep(0.002)
    ws = open_workspace(a_db)
    with ws.db.session() as s:
        family = s.get(SpecialFamily, family_id)
        gone = s.get(SpecialFamily, gone_id)
        assert family is not None and gone is not None
        family.phone, family.doctor_name = "13933334444", "钱医生"
        soft_delete(s, gone)
    ws.close()
    files.append(_export(a_db, keys["a"], usb))
    files.append(_export(station_db, keys["station"], usb))
    assert family_id is not None
    full = root / "full"
    _cli("sync", "export", "--db", a_db, "--identity", keys["a"], "--out", full, "--full")
    [full_again] = full.glob("*.fpab")
    return Bundles(keys["province"], package, files, family_id, full_again)


def _province(target: str | Path, b: Bundles) -> None:
    _cli("init", target, "--division", PROVINCE)
    _cli("setup", "import", b.package, "--db", target, "--trust", _key_id(b.province_key))


def _merge(target: str | Path, b: Bundles, files: list[Path]) -> None:
    _cli("sync", "merge", "--into", target, "--identity", b.province_key, *files)


# ---------------------------------------------------------------------------------------------
# Reading both databases the same way


def records(engine: Engine) -> dict[str, Any]:
    """Every synced table (every column but the local write times), conflicts, duplicate candidates
    and which bundles the ledger holds, as Python values keyed by id."""
    out: dict[str, Any] = {}
    with engine.connect() as conn:
        for name, model in sorted(synced_tables().items()):
            table = table_of(model)
            cols = [c for c in table.columns if c.name not in LOCAL_TIMES]
            out[name] = {r.id: tuple(r) for r in conn.execute(select(*cols))}
        conflicts = table_of(MergeConflict)
        out["merge_conflict"] = {r.id: tuple(r) for r in conn.execute(select(conflicts))}
        candidates = table_of(DuplicateCandidate)
        out["duplicate_candidate"] = {r.id: tuple(r) for r in conn.execute(select(candidates))}
        ledger = table_of(BundleLedger)
        query = select(ledger.c.sender_device, ledger.c.seq, ledger.c.bundle_hash, ledger.c.prev_hash)
        out["bundle_ledger"] = sorted(tuple(r) for r in conn.execute(query))
    return out


def _engine(target: str | Path) -> Engine:
    return create_engine(target if isinstance(target, str) else f"sqlite:///{target}")


# ---------------------------------------------------------------------------------------------
# Tests


def test_postgresql_and_sqlite_provinces_hold_the_same_records(
    bundles: Bundles, pg_database: str, tmp_path: Path
) -> None:
    sqlite_db = tmp_path / "province.db"
    _province(sqlite_db, bundles)
    _province(pg_database, bundles)
    _merge(sqlite_db, bundles, bundles.files)
    _merge(pg_database, bundles, list(reversed(bundles.files)))  # and in the opposite order

    lite, pg = _engine(sqlite_db), _engine(pg_database)
    try:
        expected, found = records(lite), records(pg)
    finally:
        lite.dispose()
        pg.dispose()
    assert set(found) == set(expected)
    for table in expected:
        assert found[table] == expected[table], table
    # And the bundles did make them interesting: updates, a tombstone, conflicts, a duplicate.
    assert len(expected["bundle_ledger"]) == 4
    assert any(r[-1] is True for r in expected["special_family"].values())  # `deleted` is last
    statuses = {r[6] for r in expected["merge_conflict"].values()}
    assert {"open", "superseded"} <= statuses
    assert len(expected["duplicate_candidate"]) == 1
    family = expected["special_family"][bundles.family_id]
    columns = [c.name for c in table_of(SpecialFamily).columns if c.name not in LOCAL_TIMES]
    values = dict(zip(columns, family, strict=True))
    assert (values["phone"], values["doctor_name"], values["note"]) == (
        "13933334444",
        "钱医生",
        "春节走访：需要陪护",
    )
    assert set(columns) >= SYNC_COLUMNS - LOCAL_TIMES


def test_repeat_merge_review_and_receipt_on_postgresql(
    bundles: Bundles, pg_database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _province(pg_database, bundles)
    _merge(pg_database, bundles, bundles.files)

    # Merging the same files again is refused and changes nothing.
    engine = _engine(pg_database)
    try:
        before = records(engine)
        capsys.readouterr()
        argv = ["sync", "merge", "--into", pg_database, "--identity", str(bundles.province_key), "--json"]
        code = fpa(argv + [str(f) for f in bundles.files])
        summaries = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        assert code == 1
        assert [s["status"] for s in summaries] == ["refused"] * 4
        assert all("重复导入" in s["reason"] for s in summaries)
        assert records(engine) == before
    finally:
        engine.dispose()

    # The review services work on the server too.
    ws = open_workspace(pg_database)
    try:
        [conflict] = list_conflicts(ws)
        assert (conflict.row_id, conflict.field, conflict.losing_value) == (
            bundles.family_id,
            "phone",
            "13811112222",
        )
        [duplicate] = list_duplicates(ws)
        assert duplicate.table_name == "person" and duplicate.name_a and duplicate.name_b
        restore_conflict(ws, conflict.id)
        assert list_conflicts(ws) == []
        with ws.db.read() as s:
            family = s.get(SpecialFamily, bundles.family_id)
            assert family is not None and family.phone == "13811112222"
    finally:
        ws.close()
    receipts = tmp_path / "receipts"
    _cli("sync", "receipt", "--db", pg_database, "--identity", bundles.province_key, "--out", receipts)
    assert len(list(receipts.glob("*.fpar"))) == 1


def _merge_json(
    target: str | Path, b: Bundles, files: list[Path], capsys: pytest.CaptureFixture[str]
) -> list[Any]:
    capsys.readouterr()
    argv = ["sync", "merge", "--into", str(target), "--identity", str(b.province_key), "--json"]
    assert fpa(argv + [str(f) for f in files]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_set_based_merge_reports_what_the_sqlite_merge_reports(
    bundles: Bundles, pg_database: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The PostgreSQL merge (COPY and set-based statements) counts every bundle as SQLite does —
    inserted, updated, unchanged, conflicts, duplicates — and a full re-send changes nothing."""
    sqlite_db = tmp_path / "province.db"
    _province(sqlite_db, bundles)
    _province(pg_database, bundles)
    lite, pg = [], []
    for files in (bundles.files, [bundles.full_again]):  # (each call merges its files in name order)
        lite += _merge_json(sqlite_db, bundles, files, capsys)
        pg += _merge_json(pg_database, bundles, files, capsys)
    keys = ("status", "inserted", "updated", "unchanged", "conflicts", "duplicates", "tables", "gaps")
    assert [{k: r[k] for k in keys} for r in pg] == [{k: r[k] for k in keys} for r in lite]
    total = {k: sum(r[k] for r in lite) for k in ("updated", "conflicts", "duplicates")}
    assert total["updated"] >= 1 and total["conflicts"] >= 1 and total["duplicates"] == 1, lite
    again = pg[-1]
    assert again["inserted"] == again["updated"] == again["conflicts"] == 0 and again["unchanged"] > 0

    engine = _engine(pg_database)
    try:
        with engine.connect() as conn:
            notes = set(conn.scalars(select(SpecialFamily.note)))
            addresses = set(conn.scalars(select(SpecialFamily.address)))
    finally:
        engine.dispose()
    assert TRICKY_NOTE in notes  # copied byte for byte, tabs, line breaks and backslashes included
    assert "\\N" in addresses and None not in addresses  # the text \N, not a NULL


def test_a_deleted_record_sent_again_by_an_older_bundle_stays_deleted(
    bundles: Bundles, pg_database: str, tmp_path: Path
) -> None:
    """Tombstones win by stamp on the set-based path too: the later bundles first (with the
    deletion), the first bundle last — the family it brought alive again stays deleted."""
    sqlite_db = tmp_path / "province.db"
    _province(sqlite_db, bundles)
    _province(pg_database, bundles)
    order = [bundles.files[1], bundles.files[2], bundles.files[3], bundles.files[0]]
    _merge(sqlite_db, bundles, order)
    _merge(pg_database, bundles, order)
    lite, pg = _engine(sqlite_db), _engine(pg_database)
    try:
        expected, found = records(lite), records(pg)
    finally:
        lite.dispose()
        pg.dispose()
    assert found == expected
    assert sum(1 for r in found["special_family"].values() if r[-1] is True) == 1
