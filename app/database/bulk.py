"""Fast inserts of many new local rows (demo data, imports), stamped and change-logged like any save.

The ORM unit of work manages ~8 k rows/s here and Core ``executemany`` ~80 k; on SQLite this goes
straight to the driver with values converted a column at a time, as SQLAlchemy would store them,
and SQLite itself writes the change-log entries from the rows just inserted (``json_object`` in C
instead of a Python ``json.dumps`` per row). Every path writes the same sync columns and one
change-log entry per row holding every content field, in the caller's transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from enum import Enum
from itertools import repeat
from typing import Any

from sqlalchemy import Boolean, Connection, Date, DateTime, Integer, String, Table, Text, insert

from app.database.base import content_columns, new_id, scalar_defaults, table_of
from app.database.codec import to_json
from app.database.models import ChangeLogEntry, Meta
from app.database.session import META_CLOCK, Database, utcnow
from app.database.types import EnumText, JsonText
from app.domain.enums import ChangeOp
from app.domain.hlc import MAX_MILLIS, ClockExhausted, HybridClock, Stamp

_HEAD = ("id", "created_stamp", "stamp", "field_stamps", "device_id", "created_at", "updated_at")
# JSON functions are built into SQLite from 3.38; older libraries may lack them, so they take the
# Python path. json_object takes two arguments per field and SQLite allows 127 by default.
SQL_JSON_SINCE = (3, 38, 0)
_SQL_JSON_MAX_FIELDS = 60
# One encoder for the Python path: json.dumps with options builds a new encoder on every call.
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def insert_new(conn: Connection, db: Database, model: type[Any], rows: Iterable[Mapping[str, Any]]) -> int:
    """Insert new rows of a synced model; fills id, stamps and defaults. Returns the count.

    As in an ORM save, a missing or None value takes the column's default.
    """
    table = table_of(model)
    columns = content_columns(model)
    defaults = scalar_defaults(model)
    records: list[dict[str, Any]] = [r if type(r) is dict else dict(r) for r in rows]  # dict.get below
    if not records:
        return 0
    ids: list[str] = [r.get("id") or new_id() for r in records]
    stamps = issue_stamps(db.clock, len(records))
    # Column-wise: one pass per column is much cheaper than building a merged dict per row.
    values: dict[str, list[Any]] = {}
    n = len(records)
    for c in columns:
        column = list(map(dict.get, records, repeat(c, n)))  # dict.get called from C: no loop bytecode
        default = defaults.get(c)
        values[c] = column if default is None else [default if v is None else v for v in column]
    now = utcnow()
    if conn.dialect.name == "sqlite":
        _sqlite_rows(conn, db, table, columns, ids, stamps, values, now)
    else:
        _core_rows(conn, db, table, columns, ids, stamps, values, now)
    conn.execute(table_of(Meta).update().where(Meta.key == META_CLOCK).values(value=db.clock.last))
    return len(records)


def issue_stamps(clock: HybridClock, count: int) -> list[str]:
    """``count`` strictly increasing stamps from the device's clock, as ``clock.now()`` would give.

    The first comes from the clock; the rest count on within its millisecond (borrowing the next
    one when the counter runs out, as the clock does); the clock then moves past the last. Like the
    clock, never past the last millisecond 13 digits hold: ClockExhausted instead.
    """
    if count <= 0:
        return []
    first = Stamp.parse(clock.now())
    millis, counter, device = first.millis, first.counter, first.device
    out: list[str] = []
    while len(out) < count:
        if millis > MAX_MILLIS:
            # Never past the 13 digits, as the clock itself refuses (nothing was written yet).
            raise ClockExhausted("the clock is at its last stamp")
        take = min(count - len(out), HybridClock.MAX_COUNTER - counter + 1)
        out.extend(f"{millis:013d}-{c:05d}-{device}" for c in range(counter, counter + take))
        millis, counter = millis + 1, 0
    clock.observe(out[-1])
    return out


def _core_rows(
    conn: Connection,
    db: Database,
    table: Table,
    columns: list[str],
    ids: list[str],
    stamps: list[str],
    values: dict[str, list[Any]],
    now: datetime,
) -> None:
    """Any other database (PostgreSQL): SQLAlchemy's own executemany."""
    records: list[dict[str, Any]] = []
    changes: list[dict[str, Any]] = []
    for i, (row_id, stamp) in enumerate(zip(ids, stamps, strict=True)):
        content = {c: values[c][i] for c in columns}
        records.append(
            {
                "id": row_id,
                "created_stamp": stamp,
                "stamp": stamp,
                "field_stamps": None,
                "device_id": db.device_id,
                "created_at": now,
                "updated_at": now,
                **content,
            }
        )
        changes.append(
            {
                "table_name": table.name,
                "row_id": row_id,
                "op": ChangeOp.INSERT,
                "changes": {c: to_json(v) for c, v in content.items()},
                "stamp": stamp,
                "device_id": db.device_id,
                "recorded_at": now,
            }
        )
    conn.execute(insert(table), records)
    conn.execute(insert(table_of(ChangeLogEntry)), changes)


def _sqlite_rows(
    conn: Connection,
    db: Database,
    table: Table,
    columns: list[str],
    ids: list[str],
    stamps: list[str],
    values: dict[str, list[Any]],
    now: datetime,
) -> None:
    """Straight to the driver, with one converter per column chosen once (not per value)."""
    n = len(ids)
    stored = []
    for c in columns:
        convert = _stored_converter(table.c[c].type)
        column = values[c]
        stored.append(column if convert is None else [v if v is None else convert(v) for v in column])
    when = now.strftime("%Y-%m-%d %H:%M:%S.%f")
    device = db.device_id
    head = (ids, stamps, stamps, repeat(None, n), repeat(device, n), repeat(when, n), repeat(when, n))
    rows = list(zip(*head, *stored, strict=True))
    json_sql = _json_object_sql(conn, table, columns)
    # Rows of a rowid table get rowids above the current largest, in insertion order: the change
    # log can then be written from exactly these rows, in the same order.
    start = conn.exec_driver_sql(f"SELECT coalesce(max(rowid), 0) FROM {table.name}").scalar_one()
    names = [*_HEAD, *columns]
    conn.exec_driver_sql(
        f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})", rows
    )
    log = "INSERT INTO change_log (table_name, row_id, op, changes, stamp, device_id, recorded_at)"
    if json_sql is not None:
        conn.exec_driver_sql(
            f"{log} SELECT ?, id, ?, {json_sql}, stamp, device_id, created_at"
            f" FROM {table.name} WHERE rowid > ? ORDER BY rowid",
            (table.name, ChangeOp.INSERT.value, start),
        )
        return
    as_json = [_json_converter(table.c[c].type) for c in columns]
    changes = []
    for i in range(n):
        change = {
            c: (v if (v := values[c][i]) is None or f is None else f(v))
            for c, f in zip(columns, as_json, strict=True)
        }
        changes.append(
            (table.name, ids[i], ChangeOp.INSERT.value, _ENCODER.encode(change), stamps[i], device, when)
        )
    conn.exec_driver_sql(f"{log} VALUES (?, ?, ?, ?, ?, ?, ?)", changes)


def _json_object_sql(conn: Connection, table: Table, columns: list[str]) -> str | None:
    """``json_object(...)`` giving each stored row's change-log JSON, or None where SQLite cannot.

    Keys are sorted and the output compact, as the ``changes`` column's JsonText writes them.
    """
    version = getattr(conn.dialect.dbapi, "sqlite_version_info", (0, 0, 0))
    if version < SQL_JSON_SINCE or len(columns) > _SQL_JSON_MAX_FIELDS:
        return None
    parts = []
    for c in sorted(columns):
        kind = table.c[c].type
        if isinstance(kind, Boolean):
            value = f"json(CASE \"{c}\" WHEN 1 THEN 'true' WHEN 0 THEN 'false' END)"
        elif isinstance(kind, DateTime):
            value = f"replace(\"{c}\", ' ', 'T')"  # stored with a space, logged in ISO form
        elif isinstance(kind, JsonText):
            value = f'json("{c}")'
        elif isinstance(kind, Integer | String | Text | Date | EnumText):
            value = f'"{c}"'  # stored as the JSON value itself: number, or ISO date / enum value text
        else:
            return None  # floats and others print differently in SQLite: the Python path
        parts.append(f"'{c}', {value}")
    return f"json_object({', '.join(parts)})"


def _enum_value(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _stored_converter(kind: Any) -> Callable[[Any], Any] | None:
    """How SQLAlchemy's SQLite types store a value: dates as ISO text, booleans as 0/1."""
    if isinstance(kind, DateTime):
        return lambda v: v.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(kind, Date):
        return date.isoformat
    if isinstance(kind, Boolean):
        return int
    if isinstance(kind, JsonText):
        return _ENCODER.encode
    if isinstance(kind, EnumText):
        # Every EnumText holds a StrEnum: str() gives its value (and leaves plain text alone),
        # in C, where Enum.value is a Python-level property.
        return str
    if getattr(kind, "enum_cls", None) is not None:
        return _enum_value
    return None


def _json_converter(kind: Any) -> Callable[[Any], Any] | None:
    """How the change log writes a value (see codec.to_json)."""
    if isinstance(kind, DateTime):
        return lambda v: v.isoformat(timespec="microseconds")
    if isinstance(kind, Date):
        return date.isoformat
    if isinstance(kind, EnumText):
        return str
    if getattr(kind, "enum_cls", None) is not None:
        return _enum_value
    return None
