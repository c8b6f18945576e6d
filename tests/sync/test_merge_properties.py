"""Property: devices edit at random and merge in random orders; every receiver ends up identical
and every losing version is kept in the conflict table."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.database.base import content_columns
from app.database.migrate import open_database
from app.database.models import DuplicateCandidate, FamilyMember, MergeConflict, SpecialFamily
from app.database.session import Database, soft_delete
from app.domain.enums import FamilyCategory, FamilyStatus, MemberRelation
from app.domain.hlc import HybridClock
from app.sync import payload
from app.sync.merge import merge_rows

EXAMPLES = int(os.environ.get("FPA_PROPERTY_EXAMPLES", "1000"))
DEVICES = 3
CHOICES: dict[str, list[Any]] = {
    "phone": [None, "13800000001", "13900000002", "0731-84000000"],
    "doctor_name": [None, "王医生", "李医生", "赵医生"],
    "head_name": ["张桂英", "刘建国", "陈秀兰", "周玉珍"],
    "status": list(FamilyStatus),
    "note": [None, "需要陪护", "已联系", "搬家"],
}
ID_NUMBERS = ["11010519491231002X", "430121195001011234", None]

op = st.one_of(
    st.tuples(st.just("insert"), st.integers(0, DEVICES - 1), st.sampled_from(ID_NUMBERS)),
    st.tuples(
        st.just("edit"),
        st.integers(0, DEVICES - 1),
        st.integers(0, 20),
        st.sampled_from(sorted(CHOICES)),
        st.integers(0, 3),
    ),
    st.tuples(st.just("delete"), st.integers(0, DEVICES - 1), st.integers(0, 20)),
    st.tuples(st.just("sync"), st.integers(0, DEVICES - 1), st.integers(0, DEVICES - 1)),
)


def _device_copy(template: Path, dest: Path, device: str) -> Database:
    shutil.copy2(template, dest)
    with sqlite3.connect(dest) as raw:
        raw.execute("UPDATE meta SET value=? WHERE key='device_id'", (device,))
        raw.execute("UPDATE meta SET value=? WHERE key='clock_last'", (f"{0:013d}-{0:05d}-{device}",))
    db = open_database(dest)
    # One frozen wall clock for every device: stamps then differ only by counter and device id,
    # which exercises the tie-break rules far more than real time would.
    db.clock = HybridClock(device, None, wall=lambda: 1_700_000_000.0)
    return db


def _ship(src: Database, dst: Database) -> None:
    with src.engine.connect() as conn:
        doc, _ = payload.collect(conn, None)
    rows = payload.loads(payload.dumps(doc))
    with dst.engine.begin() as conn:
        merge_rows(conn, dst, rows)


def _snapshot(db: Database) -> dict[str, Any]:
    with db.read() as s:
        fams = {
            f.id: (
                f.created_stamp,
                tuple(sorted((f.field_stamps or {}).items())),
                tuple(getattr(f, c) for c in content_columns(SpecialFamily)),
            )
            for f in s.scalars(select(SpecialFamily))
        }
        members = {m.id: (m.id_number, m.deleted, m.stamp) for m in s.scalars(select(FamilyMember))}
        conflicts = {
            (c.id, c.field, str(c.losing_value), c.losing_stamp, c.status)
            for c in s.scalars(select(MergeConflict))
        }
        dups = {(d.id, d.row_a, d.row_b) for d in s.scalars(select(DuplicateCandidate))}
    return {"families": fams, "members": members, "conflicts": conflicts, "duplicates": dups}


def _versions(db: Database) -> set[tuple[str, str, Any, str]]:
    """Every (row, field, value, stamp) a device holds now."""
    out = set()
    with db.read() as s:
        for f in s.scalars(select(SpecialFamily)):
            for c in content_columns(SpecialFamily):
                value = getattr(f, c)
                out.add((f.id, c, value.value if hasattr(value, "value") else value, f.field_stamp(c)))
    return out


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ops=st.lists(op, min_size=1, max_size=25),
    order=st.permutations(list(range(DEVICES))),
    repeat=st.integers(0, DEVICES - 1),
)
def test_receivers_agree_and_nothing_is_lost(
    template_db: Path, ops: list[tuple[Any, ...]], order: list[int], repeat: int
) -> None:
    work = Path(tempfile.mkdtemp(prefix="fpa-prop-"))
    dbs: list[Database] = []
    try:
        devices = [_device_copy(template_db, work / f"d{i}.db", f"{i + 1:016x}") for i in range(DEVICES)]
        dbs.extend(devices)
        for step in ops:
            kind, dev = step[0], devices[step[1]]
            with dev.read() as s:
                ids = sorted(s.scalars(select(SpecialFamily.id)))
            if kind == "insert":
                with dev.session() as s:
                    fam = SpecialFamily(
                        division_code="430121001001", category=FamilyCategory.BEREAVED, head_name="张桂英"
                    )
                    s.add(fam)
                    s.flush()
                    s.add(
                        FamilyMember(
                            family_id=fam.id, name="张桂英", relation=MemberRelation.SELF, id_number=step[2]
                        )
                    )
            elif kind == "edit" and ids:
                choices = CHOICES[step[3]]
                value = choices[step[4] % len(choices)]
                with dev.session() as s:
                    fam = s.get(SpecialFamily, ids[step[2] % len(ids)])
                    assert fam is not None
                    setattr(fam, step[3], value)
            elif kind == "delete" and ids:
                with dev.session() as s:
                    fam = s.get(SpecialFamily, ids[step[2] % len(ids)])
                    assert fam is not None
                    soft_delete(s, fam)
            elif kind == "sync" and step[1] != step[2]:
                _ship(dev, devices[step[2]])
        receivers = [_device_copy(template_db, work / f"r{i}.db", f"{0xFF0 + i:016x}") for i in range(2)]
        dbs.extend(receivers)
        for i in [*order, repeat]:
            _ship(devices[i], receivers[0])
        for i in reversed(order):
            _ship(devices[i], receivers[1])
        _ship(devices[repeat], receivers[1])
        first, second = _snapshot(receivers[0]), _snapshot(receivers[1])
        assert first == second
        # Nothing lost: each version a device holds is the winner, or kept as a losing version.
        winners = _versions(receivers[0])
        with receivers[0].read() as s:
            kept_by_row = {(c.row_id, c.field, c.losing_stamp) for c in s.scalars(select(MergeConflict))}
        for dev in devices:
            for version in _versions(dev) - winners:
                row_id, field, _value, stamp = version
                assert (row_id, field, stamp) in kept_by_row, f"lost version {version}"
    finally:
        for db in dbs:
            db.dispose()
        shutil.rmtree(work, ignore_errors=True)
