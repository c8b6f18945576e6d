"""End to end through the `fpa` commands: two demo counties, a township station and a province.

Everything a person does at a keyboard goes through ``app.cli.main`` in-process (keys, init/demo,
setup packages, bundles, merges, receipts). Edits of records go through the ORM as the desktop
program saves them, and the review of conflicts through the service the review page calls.
Checks compare the databases the way a user would notice: which records exist, with which values.
"""

from __future__ import annotations

import gzip
import json
import sqlite3
import struct
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.cli import main as fpa
from app.database.base import content_columns, synced_tables
from app.database.models import ChangeLogEntry, MergeConflict, Person, SpecialFamily
from app.domain.errors import UserInputError
from app.domain.hlc import REFERENCE_STAMP, new_device_id
from app.services.shared.workspace import open_workspace
from app.services.sync.conflicts import (
    keep_current,
    list_conflicts,
    list_duplicates,
    resolve_duplicate,
    restore_conflict,
)

PROVINCE, COUNTY_A, COUNTY_B = "430000000000", "430121", "430112"
AGE_CLI = Path("/usr/bin/age")


# ---------------------------------------------------------------------------------------------
# Helpers


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path, expect: int = 0) -> str:
    """One `fpa` command in-process; returns what it printed (stdout and stderr together)."""
    capsys.readouterr()
    code = fpa([str(a) for a in argv])
    out = capsys.readouterr()
    text = out.out + out.err
    assert code == expect, f"fpa {' '.join(map(str, argv))} exited {code}:\n{text}"
    return text


def export(
    capsys: pytest.CaptureFixture[str], db: Path, identity: Path, out: Path, *extra: str
) -> dict[str, Any]:
    text = run(capsys, "sync", "export", "--db", db, "--identity", identity, "--out", out, "--json", *extra)
    result: dict[str, Any] = json.loads(text.splitlines()[0])
    return result


def merge_json(
    capsys: pytest.CaptureFixture[str], into: Path, identity: Path, *bundles: Path, expect: int = 0
) -> list[dict[str, Any]]:
    text = run(
        capsys, "sync", "merge", "--into", into, "--identity", identity, "--json", *bundles, expect=expect
    )
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def key_id(identity: Path) -> str:
    return str(json.loads((identity / "identity.json").read_text(encoding="utf-8"))["key_id"])


def copy_db(src: Path, dest: Path) -> Path:
    """A consistent copy (SQLite's backup API takes committed pages from the WAL too)."""
    with sqlite3.connect(src) as source, sqlite3.connect(dest) as target:
        source.backup(target)
    source.close()
    target.close()
    return dest


def as_new_device(path: Path, role: str) -> str:
    """Turn a copied database into another installation: a fresh device id and clock, its own role,
    its own bundle numbering, and the copied history counted as already sent."""
    device = new_device_id()
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE meta SET value=? WHERE key='device_id'", (device,))
        con.execute("UPDATE meta SET value=? WHERE key='clock_last'", (f"{0:013d}-{0:05d}-{device}",))
        con.execute("UPDATE meta SET value=? WHERE key='node_role'", (role,))
        con.execute("DELETE FROM meta WHERE key IN ('bundle_seq', 'last_bundle_hash', 'last_exported_seq')")
        last = con.execute("SELECT coalesce(max(seq), 0) FROM change_log").fetchone()[0]
        con.execute("DELETE FROM meta WHERE key='acked_seq'")
        con.execute("INSERT INTO meta (key, value) VALUES ('acked_seq', ?)", (str(last),))
    con.close()
    return device


def synced_rows(path: Path) -> dict[str, dict[str, tuple[Any, ...]]]:
    """Every record that travels (reference data excluded), with its stamps and every field."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    out: dict[str, dict[str, tuple[Any, ...]]] = {}
    try:
        for name, model in sorted(synced_tables().items()):
            cols = ["id", "created_stamp", "stamp", "field_stamps", "device_id", *content_columns(model)]
            query = f"SELECT {', '.join(cols)} FROM {name} WHERE stamp != ?"
            rows = {r[0]: tuple(r[1:]) for r in con.execute(query, (REFERENCE_STAMP,))}
            if rows:
                out[name] = rows
    finally:
        con.close()
    return out


def change_texts(path: Path) -> dict[str, str]:
    """The change-log text of every record with a single entry, an insert."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        query = "SELECT row_id, max(changes) FROM change_log GROUP BY row_id HAVING count(*) = 1 AND max(op) = 'insert'"
        return dict(con.execute(query).fetchall())
    finally:
        con.close()


def table_dump(path: Path, *tables: str) -> dict[str, list[tuple[Any, ...]]]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
    finally:
        con.close()


def some_family(path: Path) -> str:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = con.execute("SELECT id FROM special_family WHERE deleted = 0 ORDER BY id LIMIT 1").fetchone()
    finally:
        con.close()
    assert row is not None
    return str(row[0])


def township_of(path: Path, family_id: str) -> str:
    """The 12-digit code of the township a family's village lies in."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        (village,) = con.execute(
            "SELECT division_code FROM special_family WHERE id = ?", (family_id,)
        ).fetchone()
    finally:
        con.close()
    return str(village)[:9] + "000"


def edit_family(path: Path, family_id: str, **values: Any) -> None:
    """Save fields of a family as the desktop program does (one ORM session, stamped and logged)."""
    ws = open_workspace(path)
    try:
        with ws.db.session() as s:
            family = s.get(SpecialFamily, family_id)
            assert family is not None
            for name, value in values.items():
                setattr(family, name, value)
    finally:
        ws.close()
    time.sleep(0.002)  # the next edit anywhere gets a later millisecond: "later" is unambiguous


def family(path: Path, family_id: str) -> SpecialFamily:
    ws = open_workspace(path)
    try:
        with ws.db.read() as s:
            found = s.get(SpecialFamily, family_id)
            assert found is not None
            return found
    finally:
        ws.close()


# ---------------------------------------------------------------------------------------------
# The world: keys, two demo counties and a province, set up with the commands. Built once; each
# test works on copies.


@dataclass(frozen=True)
class World:
    root: Path
    province_key: Path
    county_a_key: Path
    county_b_key: Path
    station_key: Path
    province_db: Path
    county_a_db: Path
    county_b_db: Path
    province_package: Path


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    root = tmp_path_factory.mktemp("flow")
    keys = {}
    for name, label in [
        ("province", "湖南省计生协"),
        ("a", "长沙县计生协"),
        ("b", "开福区计生协"),
        ("station", "星沙街道"),
    ]:
        keys[name] = root / f"{name}-key"
        assert fpa(["keys", "new", "--out", str(keys[name]), "--name", label]) == 0
    province_db, a_db, b_db = root / "province.db", root / "a.db", root / "b.db"
    assert fpa(["init", str(province_db), "--division", PROVINCE]) == 0
    assert fpa(["demo", str(a_db), "--county", COUNTY_A, "--families", "12", "--seed", "3", "--plain"]) == 0
    assert fpa(["demo", str(b_db), "--county", COUNTY_B, "--families", "12", "--seed", "4", "--plain"]) == 0
    package = root / "province.fpas"
    argv = ["setup", "export", "--identity", str(keys["province"]), "--out", str(package)]
    argv += ["--division", PROVINCE, "--signers", f"{keys['a']}={COUNTY_A}", f"{keys['b']}={COUNTY_B}"]
    assert fpa(argv) == 0
    trust = key_id(keys["province"])
    for db in (province_db, a_db, b_db):
        assert fpa(["setup", "import", str(package), "--db", str(db), "--trust", trust]) == 0
    return World(
        root, keys["province"], keys["a"], keys["b"], keys["station"], province_db, a_db, b_db, package
    )


@pytest.fixture
def copies(world: World, tmp_path: Path) -> World:
    """This test's own copies of the three databases (the keys are shared, they never change)."""
    return World(
        tmp_path,
        world.province_key,
        world.county_a_key,
        world.county_b_key,
        world.station_key,
        copy_db(world.province_db, tmp_path / "province.db"),
        copy_db(world.county_a_db, tmp_path / "a.db"),
        copy_db(world.county_b_db, tmp_path / "b.db"),
        world.province_package,
    )


# ---------------------------------------------------------------------------------------------
# Tests


def test_first_import_of_a_setup_package_needs_the_confirmed_key_id(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "fresh.db"
    run(capsys, "init", db, "--division", COUNTY_A)
    refused = run(capsys, "setup", "import", world.province_package, "--db", db, expect=1)
    assert "尚未受信任" in refused and key_id(world.province_key) in refused
    done = run(
        capsys, "setup", "import", world.province_package, "--db", db, "--trust", key_id(world.province_key)
    )
    assert "已导入配置包" in done


def test_two_counties_reach_the_province_once_and_receipts_stop_resending(
    copies: World, capsys: pytest.CaptureFixture[str]
) -> None:
    w = copies
    usb = w.root / "usb"
    a = export(capsys, w.county_a_db, w.county_a_key, usb)
    b = export(capsys, w.county_b_db, w.county_b_key, usb)
    assert a["seq"] == 1 and b["seq"] == 1 and a["records"] > 1000 and b["records"] > 1000

    summaries = merge_json(capsys, w.province_db, w.province_key, usb)
    assert [s["status"] for s in summaries] == ["accepted", "accepted"]
    assert sorted(s["inserted"] for s in summaries) == sorted([a["records"], b["records"]])

    # The province holds every record of both counties exactly once, field for field.
    province, county_a, county_b = (synced_rows(p) for p in (w.province_db, w.county_a_db, w.county_b_db))
    assert set(province) == set(county_a) | set(county_b)
    for table in province:
        expected = {**county_a.get(table, {}), **county_b.get(table, {})}
        assert len(expected) == len(county_a.get(table, {})) + len(county_b.get(table, {}))  # no shared ids
        assert province[table] == expected, table
    assert sum(map(len, province.values())) == a["records"] + b["records"]
    # Each arrival is in the province's change log as an insert naming the bundle it came from
    # (the sender's device and bundle number, as in the ledger): the province can tell what it
    # received, and send it on.
    logged = change_texts(w.province_db)
    for county_db, sent in ((w.county_a_db, a), (w.county_b_db, b)):
        con = sqlite3.connect(f"file:{county_db}?mode=ro", uri=True)
        (device,) = con.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
        con.close()
        saved_once = change_texts(county_db)
        origin = {"merged": f"{device}/{sent['seq']}"}
        assert saved_once and all(json.loads(logged[row_id]) == origin for row_id in saved_once)

    # Merging again changes nothing: the same files are refused as repeats, and a full re-export
    # (new numbers, the same content) merges as all "unchanged".
    before = synced_rows(w.province_db)
    again = merge_json(capsys, w.province_db, w.province_key, usb, expect=1)
    assert all(s["status"] == "refused" and "重复导入" in s["reason"] for s in again)
    full = export(capsys, w.county_a_db, w.county_a_key, w.root / "full", "--full")
    [summary] = merge_json(capsys, w.province_db, w.province_key, Path(full["file"]))
    assert (summary["inserted"], summary["updated"], summary["unchanged"]) == (0, 0, full["records"])
    assert synced_rows(w.province_db) == before
    conflicts = table_dump(w.province_db, "merge_conflict")["merge_conflict"]
    assert conflicts == []

    # The receipt goes back down; the county then sends only what changed since.
    receipt_dir = w.root / "receipts"
    assert "已写出回执" in run(
        capsys, "sync", "receipt", "--db", w.province_db, "--identity", w.province_key, "--out", receipt_dir
    )
    [receipt] = list(receipt_dir.glob("*.fpar"))
    acked = run(capsys, "sync", "ack", "--db", w.county_a_db, receipt)
    assert f"0 → {full['last_change_seq']}" in acked

    family_id = some_family(w.county_a_db)
    edit_family(w.county_a_db, family_id, phone="13700001111")
    incremental = export(capsys, w.county_a_db, w.county_a_key, w.root / "usb2")
    assert incremental["since_seq"] == full["last_change_seq"]
    assert incremental["counts"] == {"special_family": 1} and incremental["seq"] == 3
    [summary] = merge_json(capsys, w.province_db, w.province_key, Path(incremental["file"]))
    assert (summary["inserted"], summary["updated"], summary["gaps"]) == (0, 1, [])
    assert family(w.province_db, family_id).phone == "13700001111"


def _station(w: World, capsys: pytest.CaptureFixture[str]) -> Path:
    """A township station of county A: a copy of the county's database with its own device and keys.

    The county issues its own setup package for its townships (encrypt to the county and the
    province, trust the station's key) and imports it itself, so that it accepts the station.
    """
    station_db = copy_db(w.county_a_db, w.root / "station.db")
    as_new_device(station_db, "station")
    # The station is the township of the family the tests edit: its key may write only there.
    township = township_of(w.county_a_db, some_family(w.county_a_db))
    con = sqlite3.connect(station_db)
    with con:
        con.execute("UPDATE meta SET value=? WHERE key='division_code'", (township,))
        # A station's trust store starts empty: its county's package is its first, its trust root.
        con.execute("DELETE FROM sync_key")
    con.close()
    package = w.root / "county.fpas"
    run(
        capsys,
        "setup",
        "export",
        "--identity",
        w.county_a_key,
        "--out",
        package,
        "--role",
        "county",
        "--division",
        COUNTY_A.ljust(12, "0"),
        "--recipients",
        f"{w.province_key}={PROVINCE}",
        "--signers",
        f"{w.station_key}={township}",
    )
    run(capsys, "setup", "import", package, "--db", station_db, "--trust", key_id(w.county_a_key))
    run(capsys, "setup", "import", package, "--db", w.county_a_db)
    return station_db


def test_station_and_county_change_different_fields_and_both_survive(
    copies: World, capsys: pytest.CaptureFixture[str]
) -> None:
    w = copies
    station_db = _station(w, capsys)
    family_id = some_family(w.county_a_db)
    edit_family(station_db, family_id, phone="13811112222")  # the township clerk, after a visit
    edit_family(w.county_a_db, family_id, doctor_name="钱医生", doctor_institution="星沙卫生院")

    bundle = export(capsys, station_db, w.station_key, w.root / "usb")
    assert bundle["counts"] == {"special_family": 1}
    [summary] = merge_json(capsys, w.county_a_db, w.county_a_key, Path(bundle["file"]))
    assert summary["status"] == "accepted" and summary["updated"] == 1

    merged = family(w.county_a_db, family_id)
    assert merged.phone == "13811112222"
    assert (merged.doctor_name, merged.doctor_institution) == ("钱医生", "星沙卫生院")
    ws = open_workspace(w.county_a_db)
    try:
        assert list_conflicts(ws) == []  # nothing for a person to look at: no field was fought over
        kept = list_conflicts(ws, only_open=False)
    finally:
        ws.close()
    # The values each side had before its edit are still on record, as replaced on purpose.
    assert sorted((c.field, c.status, c.needs_review) for c in kept) == [
        ("doctor_institution", "superseded", False),
        ("doctor_name", "superseded", False),
        ("phone", "superseded", False),
    ]


def test_same_field_changed_twice_keeps_the_later_and_the_loser_can_be_restored(
    copies: World, capsys: pytest.CaptureFixture[str]
) -> None:
    w = copies
    station_db = _station(w, capsys)
    family_id = some_family(w.county_a_db)
    edit_family(station_db, family_id, phone="13811112222")  # earlier
    edit_family(w.county_a_db, family_id, phone="13933334444")  # later: wins everywhere
    bundle = export(capsys, station_db, w.station_key, w.root / "usb")
    [summary] = merge_json(capsys, w.county_a_db, w.county_a_key, Path(bundle["file"]))
    assert summary["conflicts"] == 1 and summary["updated"] == 0 and summary["unchanged"] == 1
    assert family(w.county_a_db, family_id).phone == "13933334444"

    ws = open_workspace(w.county_a_db)
    try:
        [conflict] = list_conflicts(ws)
        assert (conflict.table_name, conflict.row_id, conflict.field) == (
            "special_family",
            family_id,
            "phone",
        )
        assert (conflict.losing_value, conflict.current_value) == ("13811112222", "13933334444")
        assert conflict.needs_review and conflict.losing_device != conflict.current_device
        with ws.db.read() as s:
            log_before = s.scalar(select(func.max(ChangeLogEntry.seq)))

        restore_conflict(ws, conflict.id)

        with ws.db.read() as s:
            restored = s.get(SpecialFamily, family_id)
            assert restored is not None and restored.phone == "13811112222"
            assert restored.field_stamp("phone") > conflict.current_stamp  # a new edit, newest stamp
            entry = s.scalars(select(ChangeLogEntry).where(ChangeLogEntry.seq > (log_before or 0))).one()
            assert (entry.row_id, entry.changes) == (family_id, {"phone": "13811112222"})
            statuses = {
                c.losing_value: c.status
                for c in s.scalars(select(MergeConflict).where(MergeConflict.field == "phone"))
            }
        assert statuses["13811112222"] == "restored"
        assert statuses["13933334444"] == "superseded"  # the value it replaced is kept in its turn
        assert list_conflicts(ws) == []
        with pytest.raises(UserInputError, match="已经恢复过"):
            restore_conflict(ws, conflict.id)
        # A person looks at the replaced value too and keeps what is there now.
        replaced = next(c for c in list_conflicts(ws, only_open=False) if c.losing_value == "13933334444")
        keep_current(ws, replaced.id)
        assert {c.id: c.status for c in list_conflicts(ws, only_open=False)}[replaced.id] == "kept"
    finally:
        ws.close()

    # The restore travels like any edit: the province, merging both sides, ends with it.
    county = export(capsys, w.county_a_db, w.county_a_key, w.root / "up")
    merge_json(capsys, w.province_db, w.province_key, Path(county["file"]))
    assert family(w.province_db, family_id).phone == "13811112222"


def test_county_sends_the_station_records_onward_to_the_province(
    copies: World, capsys: pytest.CaptureFixture[str]
) -> None:
    w = copies
    station_db = _station(w, capsys)
    # The county's own history went up and was acknowledged; the next county bundle is incremental.
    first = export(capsys, w.county_a_db, w.county_a_key, w.root / "up1")
    merge_json(capsys, w.province_db, w.province_key, Path(first["file"]))
    run(capsys, "sync", "receipt", "--db", w.province_db, "--identity", w.province_key, "--out", w.root / "r")
    run(capsys, "sync", "ack", "--db", w.county_a_db, *sorted((w.root / "r").glob("*.fpar")))

    family_id = some_family(station_db)
    edit_family(station_db, family_id, note="春节走访：需要陪护")
    station_bundle = export(capsys, station_db, w.station_key, w.root / "usb")
    merge_json(capsys, w.county_a_db, w.county_a_key, Path(station_bundle["file"]))

    onward = export(capsys, w.county_a_db, w.county_a_key, w.root / "up2")
    assert onward["counts"] == {"special_family": 1} and onward["seq"] == 2
    [summary] = merge_json(capsys, w.province_db, w.province_key, Path(onward["file"]))
    assert summary["updated"] == 1
    assert family(w.province_db, family_id).note == "春节走访：需要陪护"
    assert (
        synced_rows(w.province_db)["special_family"][family_id]
        == synced_rows(station_db)["special_family"][family_id]
    )

    # The province never heard of the station's key: its bundle is only accepted through the county.
    [direct] = merge_json(capsys, w.province_db, w.province_key, Path(station_bundle["file"]), expect=1)
    assert direct["status"] == "refused" and "发送方不受信任" in direct["reason"]


def test_the_same_person_in_two_counties_is_a_duplicate_to_resolve(
    copies: World, capsys: pytest.CaptureFixture[str]
) -> None:
    w = copies
    ws = open_workspace(w.county_a_db)
    try:
        with ws.db.read() as s:
            a_person = s.scalars(
                select(Person).where(Person.id_number.is_not(None)).order_by(Person.id)
            ).first()
            assert a_person is not None
    finally:
        ws.close()
    ws = open_workspace(w.county_b_db)
    try:
        with ws.db.session() as s:
            b_person = s.scalars(select(Person).order_by(Person.id)).first()
            assert b_person is not None
            b_person.id_number = a_person.id_number  # entered again, on another laptop
            b_id, b_name = b_person.id, b_person.name
    finally:
        ws.close()
    usb = w.root / "usb"
    export(capsys, w.county_a_db, w.county_a_key, usb)
    export(capsys, w.county_b_db, w.county_b_key, usb)
    summaries = merge_json(capsys, w.province_db, w.province_key, usb)
    assert sum(s["duplicates"] for s in summaries) == 1

    ws = open_workspace(w.province_db)
    try:
        [dup] = list_duplicates(ws)
        assert (dup.table_name, dup.id_number) == ("person", a_person.id_number)
        assert {dup.row_a, dup.row_b} == {a_person.id, b_id}
        assert {dup.name_a, dup.name_b} == {a_person.name, b_name}
        resolve_duplicate(ws, dup.id, same_person=True, note="同一人，两县各登记一次")
        assert list_duplicates(ws) == []
        [resolved] = list_duplicates(ws, only_open=False)
        assert (resolved.status, resolved.note) == ("same_person", "同一人，两县各登记一次")
        # Both records are still there: deciding never removes anyone's data.
        with ws.db.read() as s:
            assert s.get(Person, a_person.id) is not None and s.get(Person, b_id) is not None
    finally:
        ws.close()

    # County B sends the person again (an edit): the decision stands, no new candidate appears.
    ws = open_workspace(w.county_b_db)
    try:
        with ws.db.session() as s:
            person = s.get(Person, b_id)
            assert person is not None
            person.phone = "13700002222"
    finally:
        ws.close()
    [summary] = merge_json(
        capsys,
        w.province_db,
        w.province_key,
        Path(export(capsys, w.county_b_db, w.county_b_key, w.root / "usb2")["file"]),
    )
    assert summary["duplicates"] == 0
    ws = open_workspace(w.province_db)
    try:
        assert [d.status for d in list_duplicates(ws, only_open=False)] == ["same_person"]
    finally:
        ws.close()


def test_a_missing_bundle_is_reported_as_a_gap(copies: World, capsys: pytest.CaptureFixture[str]) -> None:
    w = copies
    family_id = some_family(w.county_b_db)
    files = []
    for n in range(3):
        edit_family(w.county_b_db, family_id, phone=f"1390000000{n}")
        files.append(Path(export(capsys, w.county_b_db, w.county_b_key, w.root / f"usb{n}")["file"]))
    merge_json(capsys, w.province_db, w.province_key, files[0])
    text = run(capsys, "sync", "merge", "--into", w.province_db, "--identity", w.province_key, files[2])
    assert "缺少该发送方的第 2 号文件" in text
    [late] = merge_json(capsys, w.province_db, w.province_key, files[1])
    assert late["gaps"] == [] and late["seq"] == 2
    assert family(w.province_db, family_id).phone == "13900000002"  # bundle 2 arriving late changes nothing


@pytest.mark.skipif(not AGE_CLI.exists(), reason="Debian's age is not installed (apt-get install age)")
def test_debian_age_opens_a_real_bundle_with_the_province_key(
    copies: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    w = copies
    bundle = export(capsys, w.county_a_db, w.county_a_key, tmp_path / "usb")
    data = Path(bundle["file"]).read_bytes()
    # Cut the body out by the layout in docs/FORMATS.md ("Envelope"), not by the program's parser.
    assert data[:8] == b"\x89FPAENV\n"
    (header_length,) = struct.unpack(">I", data[8:12])
    header = json.loads(data[12 : 12 + header_length])
    (body_length,) = struct.unpack(">Q", data[12 + header_length : 20 + header_length])
    body = data[20 + header_length : 20 + header_length + body_length]
    assert header["kind"] == "bundle" and header["encrypted"] is True and header["compression"] == "gzip"
    secret = json.loads((w.province_key / "private.json").read_text(encoding="utf-8"))
    key_file = tmp_path / "province.key"
    key_file.write_text(secret["age_secret_key"] + "\n", encoding="ascii")
    (tmp_path / "body.age").write_bytes(body)
    done = subprocess.run(
        [str(AGE_CLI), "-d", "-i", str(key_file), str(tmp_path / "body.age")],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    payload = json.loads(gzip.decompress(done.stdout))
    assert payload["format"] == "fpa-bundle-payload/1"
    families = payload["tables"]["special_family"]
    assert families["columns"][:4] == ["id", "created_stamp", "field_stamps", "device_id"]
    assert {r[0] for r in families["rows"]} == set(synced_rows(w.county_a_db)["special_family"])
    # The county's own key is not a recipient of its bundle (only the province's is, per setup).
    county_secret = json.loads((w.county_b_key / "private.json").read_text(encoding="utf-8"))
    key_file.write_text(county_secret["age_secret_key"] + "\n", encoding="ascii")
    other = subprocess.run(
        [str(AGE_CLI), "-d", "-i", str(key_file), str(tmp_path / "body.age")],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert other.returncode != 0


def test_an_encrypted_province_merges_with_a_sign_in_and_its_safety_copy_stays_encrypted(
    copies: World, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from app.database.keyring import keyring_path
    from app.services.system.accounts import sign_in

    w = copies
    province = w.root / "secure-province.db"
    signin = ["--user", "admin", "--password-stdin"]

    def password() -> None:
        monkeypatch.setattr("sys.stdin", io.StringIO("province-pass-1\n"))

    password()
    run(capsys, "init", province, "--division", PROVINCE, "--admin", "admin", "--password-stdin")
    trust = key_id(w.province_key)
    refused = run(capsys, "setup", "import", w.province_package, "--db", province, "--trust", trust, expect=1)
    assert "--user" in refused
    password()
    run(capsys, "setup", "import", w.province_package, "--db", province, "--trust", trust, *signin)
    usb = w.root / "usb"
    a = export(capsys, w.county_a_db, w.county_a_key, usb)
    password()
    text = run(
        capsys, "sync", "merge", "--into", province, "--identity", w.province_key, "--json", usb, *signin
    )
    (summary,) = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
    assert summary["status"] == "accepted" and summary["inserted"] == a["records"]
    ws = sign_in(province, "admin", "province-pass-1")
    try:
        with ws.db.read() as s:
            names = [n for (n,) in s.execute(select(SpecialFamily.head_name).limit(5)).all()]
    finally:
        ws.close()
    assert names
    (safety,) = (province.parent / "backups").glob("secure-province.before-merge-*.db")
    assert keyring_path(safety).is_file()
    for path in (province, safety):
        data = path.read_bytes()
        assert not any(name.encode() in data for name in names)
