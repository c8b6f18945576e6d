"""The SQLite fast path of the merge: new rows and change-log entries straight to the driver.

New rows go to the driver in their JSON form, which is how SQLite stores them (payload.py checked
and canonicalised every value), with one ``executemany`` per chunk for the rows and one
``INSERT … SELECT`` for their change-log entries; a row's newest stamp and device come from the
stamp text itself (its last 16 characters are the device).
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from datetime import datetime
from itertools import compress, repeat
from typing import Any

from sqlalchemy import Connection

from app.domain.enums import ChangeOp
from app.sync.merge_plan import DEVICE_CHARS, Plan, canonical_json, newest

_CHANGE_SQL = (
    "INSERT INTO change_log (table_name, row_id, op, changes, stamp, device_id, recorded_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_DEVICE_OF = operator.itemgetter(slice(-DEVICE_CHARS, None))


def present_ids(conn: Connection, table_name: str, ids: tuple[Any, ...] | list[Any]) -> set[str]:
    """Which of these ids the table holds already."""
    # Plain SQL: compiling an expanding IN of 2 000 ids through Core cost more than the query.
    query = f"SELECT id FROM {table_name} WHERE id IN ({', '.join('?' * len(ids))})"
    return {row[0] for row in conn.exec_driver_sql(query, tuple(ids)).all()}


def insert_fast(
    conn: Connection,
    plan: Plan,
    columns: list[tuple[Any, ...]],
    now: datetime,
    origin: dict[str, str] | None,
) -> str:
    """SQLite: new rows, given a column at a time, as stored, in one executemany; their change-log
    entries (naming ``origin``; none when it is None) by one INSERT … SELECT. Returns the newest
    stamp among them.

    The rows are zipped together from whole columns, in C. Most rows were never edited (no field
    stamps): their newest stamp is the insert's, and the device is the stamp's last 16 characters;
    the few edited rows are patched in afterwards.
    """
    ids, created, field_stamps = columns[0], columns[1], columns[2]
    stamp = list(created)
    stored_stamps: list[str | None] = [None] * len(ids)
    device = list(map(_DEVICE_OF, created))
    for i in compress(range(len(ids)), field_stamps):
        top, sparse = newest(created[i], field_stamps[i])
        stamp[i], device[i] = top, top[-DEVICE_CHARS:]
        stored_stamps[i] = None if sparse is None else canonical_json(sparse)
    when = now.strftime("%Y-%m-%d %H:%M:%S.%f")
    values: list[Iterable[Any]] = [
        columns[i] if i is not None else repeat(default) for i, default in plan.sources
    ]
    records = list(zip(ids, created, stamp, stored_stamps, device, repeat(when), repeat(when), *values))
    name = plan.table.name
    (last_rowid,) = conn.exec_driver_sql(f"SELECT coalesce(max(rowid), 0) FROM {name}").one()
    conn.exec_driver_sql(plan.insert_sql, records)
    if origin is not None:
        conn.exec_driver_sql(plan.log_sql, (canonical_json(origin), when, last_rowid))
    return str(max(stamp))


def log_fast(
    conn: Connection, table_name: str, changes: list[tuple[str, ChangeOp, dict[str, Any], str]], now: datetime
) -> None:
    """One change-log entry per updated row, by one executemany of plain tuples."""
    when = now.strftime("%Y-%m-%d %H:%M:%S.%f")
    entries = [
        (table_name, row_id, op.value, canonical_json(values), stamp, stamp[-DEVICE_CHARS:], when)
        for row_id, op, values, stamp in changes
    ]
    conn.exec_driver_sql(_CHANGE_SQL, entries)
