"""Every write of a synced row leaves exactly one change-log entry, in the same transaction."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.database.migrate import open_database
from app.database.models import ChangeLogEntry, SpecialFamily, Visit
from app.database.session import HardDeleteError, soft_delete
from app.domain.enums import FamilyCategory, VisitOccasion, VisitWay
from app.domain.hlc import Stamp


def _entries(db) -> list[ChangeLogEntry]:  # type: ignore[no-untyped-def]
    with db.read() as s:
        return list(s.scalars(select(ChangeLogEntry).order_by(ChangeLogEntry.seq)))


def _new_family(db, name: str = "李秀英") -> str:  # type: ignore[no-untyped-def]
    with db.session() as s:
        fam = SpecialFamily(division_code="430121001001", category=FamilyCategory.BEREAVED, head_name=name)
        s.add(fam)
    return fam.id


def test_insert_writes_one_entry_with_every_field(db_path: Path) -> None:
    db = open_database(db_path)
    fid = _new_family(db)
    entries = _entries(db)
    assert len(entries) == 1
    e = entries[0]
    assert (e.table_name, e.row_id, e.op) == ("special_family", fid, "insert")
    assert e.changes["head_name"] == "李秀英"
    assert e.changes["category"] == "失独"
    assert e.changes["status"] == "在册"  # defaults are logged as stored
    assert e.changes["deleted"] is False
    with db.read() as s:
        fam = s.get(SpecialFamily, fid)
        assert fam is not None
        assert fam.stamp == fam.created_stamp == e.stamp
        assert fam.device_id == db.device_id


def test_update_logs_only_changed_fields_with_their_stamp(db_path: Path) -> None:
    db = open_database(db_path)
    fid = _new_family(db)
    with db.session() as s:
        fam = s.get(SpecialFamily, fid)
        assert fam is not None
        fam.phone = "13907310000"
        fam.doctor_name = "王医生"
    entries = _entries(db)
    assert len(entries) == 2
    upd = entries[1]
    assert upd.op == "update"
    assert upd.changes == {"phone": "13907310000", "doctor_name": "王医生"}
    with db.read() as s:
        fam = s.get(SpecialFamily, fid)
        assert fam is not None
        assert fam.field_stamp("phone") == upd.stamp
        assert fam.field_stamp("head_name") == fam.created_stamp
        assert Stamp.parse(upd.stamp) > Stamp.parse(fam.created_stamp)


def test_saving_without_a_change_logs_nothing(db_path: Path) -> None:
    db = open_database(db_path)
    fid = _new_family(db)
    with db.session() as s:
        fam = s.get(SpecialFamily, fid)
        assert fam is not None
        fam.head_name = "李秀英"  # same value
    assert len(_entries(db)) == 1


def test_rolled_back_write_leaves_no_entry(db_path: Path) -> None:
    db = open_database(db_path)
    fid = _new_family(db)
    with pytest.raises(RuntimeError), db.session() as s:
        fam = s.get(SpecialFamily, fid)
        assert fam is not None
        fam.phone = "13800000000"
        s.flush()  # the entry is written ...
        raise RuntimeError("power cut")  # ... and rolled back with the row
    assert len(_entries(db)) == 1
    with db.read() as s:
        assert s.get(SpecialFamily, fid).phone is None  # type: ignore[union-attr]


def test_delete_is_a_tombstone_and_hard_delete_is_refused(db_path: Path) -> None:
    db = open_database(db_path)
    fid = _new_family(db)
    with db.session() as s:
        fam = s.get(SpecialFamily, fid)
        assert fam is not None
        soft_delete(s, fam)
    entries = _entries(db)
    assert [e.op for e in entries] == ["insert", "delete"]
    assert entries[1].changes == {"deleted": True}
    with pytest.raises(HardDeleteError), db.session() as s:
        s.delete(s.get(SpecialFamily, fid))
    with db.read() as s:
        fam = s.get(SpecialFamily, fid)
        assert fam is not None and fam.deleted is True  # still there, as a tombstone
    assert len(_entries(db)) == 2


def test_sequence_only_grows_and_stamps_survive_reopening(db_path: Path) -> None:
    db = open_database(db_path)
    _new_family(db, "甲")
    last = _entries(db)[-1].stamp
    db.dispose()
    db = open_database(db_path)
    _new_family(db, "乙")
    with db.session() as s:
        s.add(
            Visit(
                family_id="x",
                division_code="430121001001",
                visited_on=__import__("datetime").date(2026, 1, 20),
                occasion=VisitOccasion.SPRING_FESTIVAL,
                way=VisitWay.HOME,
                visitors="张干部",
            )
        )
    entries = _entries(db)
    seqs = [e.seq for e in entries]
    assert seqs == sorted(seqs) and len(set(seqs)) == 3
    assert Stamp.parse(entries[1].stamp) > Stamp.parse(last)
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(ChangeLogEntry)) == 3


def test_bulk_insert_logs_one_entry_per_row(db_path: Path) -> None:
    from app.database.bulk import insert_new

    db = open_database(db_path)
    rows = [
        {
            "division_code": "430121001001",
            "category": FamilyCategory.DISABLED,
            "head_name": f"户主{i}",
            "disability_grade": 2,
        }
        for i in range(50)
    ]
    with db.engine.begin() as conn:
        assert insert_new(conn, db, SpecialFamily, rows) == 50
    entries = _entries(db)
    assert len(entries) == 50
    assert len({e.row_id for e in entries}) == 50
    assert all(e.changes["category"] == "伤残" and e.changes["status"] == "在册" for e in entries)


def test_record_ids_are_time_ordered_uuids(db_path: Path) -> None:
    """New rows get version-7 UUIDs: later records sort after earlier ones (they go to the end of
    the id indexes), and two made in the same millisecond still differ."""
    import time
    import uuid

    db = open_database(db_path)
    first = _new_family(db, "甲")
    time.sleep(0.003)
    second = _new_family(db, "乙")
    assert uuid.UUID(first).version == 7 and uuid.UUID(second).version == 7
    assert first < second
    from app.database.base import new_id

    burst = [new_id() for _ in range(1000)]
    assert len(set(burst)) == 1000
