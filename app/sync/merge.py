"""Merging row states into a database, field by field, losing nothing.

For every field the higher version stamp wins (the device id inside the stamp breaks ties).
Every superseded version is kept in ``merge_conflict``: as "superseded" when it was the value
the row was inserted with (every edit follows the insert, so nothing was lost), otherwise "open",
for review when it came from a device other than the current winner's and its value differs.
The same ID number on two records becomes a ``duplicate_candidate``. All in the caller's transaction.

Speed: a province merges millions of rows, nearly all of them new. New rows on SQLite go straight
to the driver in their JSON form, which is how SQLite stores them (payload.py checked and
canonicalised every value), with one ``executemany`` per chunk for the rows and one for their
change-log entries; a row's newest stamp and device come from the stamp text itself (its last 16
characters are the device). Rows that exist already, and every row on PostgreSQL, take the Core
path with Python values.
"""

from __future__ import annotations

import json
import operator
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import compress, repeat
from typing import Any

from sqlalchemy import Connection, Date, Table, and_, bindparam, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from app.database.base import content_columns, scalar_defaults, synced_tables, table_of
from app.database.codec import to_json
from app.database.models import ChangeLogEntry, DuplicateCandidate, MergeConflict, Meta
from app.database.session import META_CLOCK, Database, utcnow
from app.domain.enums import ChangeOp
from app.sync.payload import HEAD, RowState, TableRows

_NAMESPACE = uuid.UUID("8d3f4c1a-2b7e-4f0a-9c61-5e2d7b9a0c44")
# Rows per round trip. SQLite allows 32 766 bound values per statement since 3.32, so the id list
# of a chunk fits; larger chunks gained nothing measurable.
_CHUNK = 2000
_DEVICE_CHARS = 16  # a stamp ends with the id of the device that made it
# Tables whose rows name a person by ID number: the same number twice is a duplicate candidate.
ID_NUMBER_COLUMNS = {"person": "id_number", "family_member": "id_number"}
_HEAD_SQL = ("id", "created_stamp", "stamp", "field_stamps", "device_id", "created_at", "updated_at")
_CHANGE_SQL = (
    "INSERT INTO change_log (table_name, row_id, op, changes, stamp, device_id, recorded_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)"
)


@dataclass
class TableStats:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0


@dataclass
class MergeStats:
    tables: dict[str, TableStats] = field(default_factory=dict)
    duplicates: int = 0
    max_stamp: str | None = None

    def total(self, name: str) -> int:
        return sum(getattr(t, name) for t in self.tables.values())

    def as_dict(self) -> dict[str, Any]:
        return {
            "inserted": self.total("inserted"),
            "updated": self.total("updated"),
            "unchanged": self.total("unchanged"),
            "conflicts": self.total("conflicts"),
            "duplicates": self.duplicates,
            "tables": {k: vars(v) for k, v in sorted(self.tables.items())},
        }


def conflict_id(table: str, row_id: str, name: str, stamp: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{table}|{row_id}|{name}|{stamp}"))


# Made once: json.dumps builds a new encoder on every call with non-default options.
_SORTED_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _canonical_json(value: Any) -> str:
    """JSON text as ``JsonText`` stores it (sorted keys, compact), so both paths write equal bytes."""
    return _SORTED_ENCODER.encode(value)


class _Plan:
    """What merging rows of one table with these carried fields needs, worked out once per table."""

    def __init__(self, model: type[Any], fields: Sequence[str], fast: bool) -> None:
        self.table: Table = table_of(model)
        self.content = content_columns(model)
        self.fields = tuple(fields)
        self.fast = fast  # SQLite: new rows straight to the driver
        defaults = {**dict.fromkeys(self.content), **scalar_defaults(model)}
        self.defaults_json = {c: to_json(v) for c, v in defaults.items()}
        position = {name: HEAD + i for i, name in enumerate(self.fields)}
        # Where each content column comes from: the row (index) or a default (a constant).
        self.sources: list[tuple[int | None, Any]] = [
            (position.get(c), self.defaults_json[c]) for c in self.content
        ]
        self.all_carried = self.fields == tuple(self.content)
        self.to_python: list[Callable[[Any], Any] | None] = [
            _python_converter(self.table.c[c]) for c in self.content
        ]
        names = [*_HEAD_SQL, *self.content]
        self.insert_sql = (
            f"INSERT INTO {self.table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
        )
        # The change-log entries of the rows just inserted, in one statement (see merge_rows).
        self.log_sql = (
            "INSERT INTO change_log (table_name, row_id, op, changes, stamp, device_id, recorded_at)"
            f" SELECT '{self.table.name}', id, 'insert', ?, stamp, device_id, ?"
            f" FROM {self.table.name} WHERE rowid > ? ORDER BY rowid"
        )

    def values(self, row: list[Any]) -> list[Any]:
        """The row's values for every content column in table order, in JSON form."""
        if self.all_carried:
            return row[HEAD:]
        return [row[i] if i is not None else default for i, default in self.sources]


def _python_converter(column: Any) -> Callable[[Any], Any] | None:
    # JSON-form values are what the Core types accept, except dates (psycopg wants date objects).
    if isinstance(column.type, Date):
        return date.fromisoformat
    return None


def merge_rows(
    conn: Connection,
    db: Database,
    rows_by_table: Mapping[str, TableRows],
    *,
    log_changes: bool = True,
    source: str | None = None,
) -> MergeStats:
    """Merge checked rows (``payload.loads``). Idempotent, order-independent; raises nothing on ordinary
    data.

    The change-log entry of a row inserted here names where it came from — ``{"merged": source}``,
    the sender's device and bundle number, as in bundle_ledger — instead of repeating its values:
    they are the row's own, and the bundle's. (At a province that would double the database for
    nothing: nothing reads them back, and a bundle is made from the rows, not from the log.)
    Updates still log the fields they changed with the new values."""
    stats = MergeStats()
    models = synced_tables()
    now = utcnow()
    fast = conn.dialect.name == "sqlite"
    for name in sorted(rows_by_table):
        model = models[name]
        table_stats = stats.tables.setdefault(name, TableStats())
        incoming = rows_by_table[name]
        plan = _Plan(model, incoming.fields, fast)
        origin = {"merged": source or "bundle"}
        for start in range(0, len(incoming), _CHUNK):
            end = min(start + _CHUNK, len(incoming))
            _merge_chunk(conn, plan, incoming, start, end, table_stats, stats, now, log_changes, origin)
        if name in ID_NUMBER_COLUMNS and ID_NUMBER_COLUMNS[name] in incoming.fields:
            numbers = {n for n in incoming.column(ID_NUMBER_COLUMNS[name]) if n}
            stats.duplicates += refresh_duplicates(conn, name, numbers)
    if stats.max_stamp:
        db.clock.observe(stats.max_stamp)
        conn.execute(update(table_of(Meta)).where(Meta.key == META_CLOCK).values(value=db.clock.last))
    return stats


def _top(row: list[Any]) -> tuple[str, dict[str, str] | None]:
    """The row's newest stamp, and its field stamps without those equal to the insert's."""
    return _newest(row[1], row[2])


def _newest(created: str, stamps: dict[str, str] | None) -> tuple[str, dict[str, str] | None]:
    if not stamps:
        return created, None
    sparse = {k: v for k, v in sorted(stamps.items()) if v != created}
    return max(created, *stamps.values()), sparse or None


def _merge_chunk(
    conn: Connection,
    plan: _Plan,
    incoming: TableRows,
    start: int,
    end: int,
    tstats: TableStats,
    stats: MergeStats,
    now: datetime,
    log_changes: bool,
    origin: dict[str, str],
) -> None:
    table = plan.table
    chunk = incoming.rows[start:end]
    ids = incoming.columns[0][start:end]
    if plan.fast:
        # Plain SQL: compiling an expanding IN of 2 000 ids through Core cost more than the query.
        query = f"SELECT id FROM {table.name} WHERE id IN ({', '.join('?' * len(ids))})"
        present = {row[0] for row in conn.exec_driver_sql(query, ids).all()}
    else:
        present = set(conn.scalars(select(table.c.id).where(table.c.id.in_(ids))))
    changes: list[tuple[str, ChangeOp, dict[str, Any], str]] = []
    top_stamp = stats.max_stamp
    if len(present) < len(ids):
        if plan.fast:
            columns = [c[start:end] for c in incoming.columns]
            if present:
                keep = [i not in present for i in ids]
                columns = [tuple(compress(c, keep)) for c in columns]
            newest = _insert_fast(conn, plan, columns, now, origin if log_changes else None)
            if top_stamp is None or newest > top_stamp:
                top_stamp = newest
        else:
            fresh = [r for r in chunk if r[0] not in present]
            top_stamp = _insert_new(
                conn, plan, fresh, now, changes if log_changes else None, top_stamp, origin
            )
        tstats.inserted += len(ids) - len(present)
    if present:
        known = [r for r in chunk if r[0] in present]
        top_stamp = _merge_known(conn, plan, known, tstats, now, changes if log_changes else None, top_stamp)
    stats.max_stamp = top_stamp
    if changes:
        _log(conn, plan, changes, now)


def _insert_new(
    conn: Connection,
    plan: _Plan,
    rows: list[list[Any]],
    now: datetime,
    changes: list[tuple[str, ChangeOp, dict[str, Any], str]] | None,
    top_stamp: str | None,
    origin: dict[str, str],
) -> str | None:
    tops = [_top(r) for r in rows]
    newest = max(t for t, _ in tops)
    if top_stamp is None or newest > top_stamp:
        top_stamp = newest
    values = [plan.values(r) for r in rows]
    records = []
    for r, (top, sparse), v in zip(rows, tops, values, strict=True):
        record = {
            c: (x if f is None or x is None else f(x))
            for c, x, f in zip(plan.content, v, plan.to_python, strict=True)
        }
        record.update(
            id=r[0],
            created_stamp=r[1],
            stamp=top,
            field_stamps=sparse,
            device_id=top[-_DEVICE_CHARS:],
            created_at=now,
            updated_at=now,
        )
        records.append(record)
    conn.execute(insert(plan.table), records)
    if changes is not None:
        for r, (top, _) in zip(rows, tops, strict=True):
            changes.append((r[0], ChangeOp.INSERT, origin, top))
    return top_stamp


def _insert_fast(
    conn: Connection,
    plan: _Plan,
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
        top, sparse = _newest(created[i], field_stamps[i])
        stamp[i], device[i] = top, top[-_DEVICE_CHARS:]
        stored_stamps[i] = None if sparse is None else _canonical_json(sparse)
    when = now.strftime("%Y-%m-%d %H:%M:%S.%f")
    values: list[Iterable[Any]] = [
        columns[i] if i is not None else repeat(default) for i, default in plan.sources
    ]
    records = list(zip(ids, created, stamp, stored_stamps, device, repeat(when), repeat(when), *values))
    name = plan.table.name
    (last_rowid,) = conn.exec_driver_sql(f"SELECT coalesce(max(rowid), 0) FROM {name}").one()
    conn.exec_driver_sql(plan.insert_sql, records)
    if origin is not None:
        conn.exec_driver_sql(plan.log_sql, (_canonical_json(origin), when, last_rowid))
    return str(max(stamp))


_DEVICE_OF = operator.itemgetter(slice(-_DEVICE_CHARS, None))


def _merge_known(
    conn: Connection,
    plan: _Plan,
    rows: list[list[Any]],
    tstats: TableStats,
    now: datetime,
    changes: list[tuple[str, ChangeOp, dict[str, Any], str]] | None,
    top_stamp: str | None,
) -> str | None:
    table = plan.table
    content = plan.content
    local_cols = [table.c.id, table.c.created_stamp, table.c.field_stamps, *(table.c[c] for c in content)]
    ids = [r[0] for r in rows]
    existing = {r.id: r for r in conn.execute(select(*local_cols).where(table.c.id.in_(ids)))}
    converters = dict(zip(content, plan.to_python, strict=True))
    updates: list[dict[str, Any]] = []
    conflicts: list[dict[str, Any]] = []
    for state in (
        RowState(r[0], r[1], r[2] or {}, r[3], dict(zip(plan.fields, r[HEAD:], strict=True))) for r in rows
    ):
        top = state.stamp
        if top_stamp is None or top > top_stamp:
            top_stamp = top
        local = existing[state.id]
        local_stamps: dict[str, str] = dict(local.field_stamps or {})
        merged_stamps = dict(local_stamps)
        new_values: dict[str, Any] = {}
        for col, value in state.values.items():
            theirs = state.stamp_of(col)
            ours = local_stamps.get(col, local.created_stamp)
            if theirs > ours:
                conflicts.append(
                    _conflict(
                        table.name, state.id, col, to_json(getattr(local, col)), ours, local.created_stamp
                    )
                )
                new_values[col] = value
                merged_stamps[col] = theirs
            elif theirs < ours:
                conflicts.append(_conflict(table.name, state.id, col, value, theirs, local.created_stamp))
        if not new_values:
            tstats.unchanged += 1
            continue
        stamps = {k: v for k, v in sorted(merged_stamps.items()) if v != local.created_stamp}
        row_top = max([local.created_stamp, *stamps.values()])
        full = {c: getattr(local, c) for c in content}
        for col, value in new_values.items():
            convert = converters[col]
            full[col] = value if convert is None or value is None else convert(value)
        updates.append(
            {
                "_id": state.id,
                **full,
                "stamp": row_top,
                "field_stamps": stamps or None,
                "device_id": row_top[-_DEVICE_CHARS:],
                "updated_at": now,
            }
        )
        tstats.updated += 1
        if changes is not None:
            op = ChangeOp.DELETE if new_values.get("deleted") is True else ChangeOp.UPDATE
            changes.append((state.id, op, new_values, max(merged_stamps[c] for c in new_values)))
    if updates:
        cols = [*content, "stamp", "field_stamps", "device_id", "updated_at"]
        stmt = update(table).where(table.c.id == bindparam("_id")).values({c: bindparam(c) for c in cols})
        conn.execute(stmt, updates)
    if conflicts:
        tstats.conflicts += _insert_ignore(conn, table_of(MergeConflict), conflicts)
    return top_stamp


def _log(
    conn: Connection,
    plan: _Plan,
    changes: list[tuple[str, ChangeOp, dict[str, Any], str]],
    now: datetime,
) -> None:
    """One change-log entry per inserted or updated row."""
    name = str(plan.table.name)  # a plain str: sqlite3 probes a str subclass for __conform__ per row
    if plan.fast:
        when = now.strftime("%Y-%m-%d %H:%M:%S.%f")
        entries = [
            (
                name,
                row_id,
                op.value,
                _canonical_json(values),
                stamp,
                stamp[-_DEVICE_CHARS:],
                when,
            )
            for row_id, op, values, stamp in changes
        ]
        conn.exec_driver_sql(_CHANGE_SQL, entries)
        return
    conn.execute(
        insert(table_of(ChangeLogEntry)),
        [
            {
                "table_name": name,
                "row_id": row_id,
                "op": op,
                "changes": values,
                "stamp": stamp,
                "device_id": stamp[-_DEVICE_CHARS:],
                "recorded_at": now,
            }
            for row_id, op, values, stamp in changes
        ],
    )


def _conflict(table: str, row_id: str, col: str, value: Any, stamp: str, created: str) -> dict[str, Any]:
    # An edit always follows the insert on the editing device, so a losing insert-time value was
    # seen and replaced on purpose: kept as "superseded", not put up for review.
    status = "superseded" if stamp == created else "open"
    return {
        "id": conflict_id(table, row_id, col, stamp),
        "table_name": table,
        "row_id": row_id,
        "field": col,
        "losing_value": value,
        "losing_stamp": stamp,
        "status": status,
        "resolved_at": None,
        "resolved_by": None,
    }


def _insert_ignore(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> int:
    """Insert rows whose primary key is new; returns how many were new."""
    unique = {r["id"]: r for r in rows}
    present = set(conn.scalars(select(table.c.id).where(table.c.id.in_(list(unique)))))
    fresh = [r for k, r in unique.items() if k not in present]
    if fresh:
        dialect = conn.dialect.name
        stmt: Any
        if dialect == "postgresql":
            stmt = postgresql.insert(table).on_conflict_do_nothing(index_elements=["id"])
        elif dialect == "sqlite":
            stmt = sqlite.insert(table).on_conflict_do_nothing(index_elements=["id"])
        else:
            stmt = insert(table)
        conn.execute(stmt, fresh)
    return len(fresh)


def refresh_duplicates(conn: Connection, table_name: str, numbers: Iterable[str]) -> int:
    """Make the open duplicate candidates for these ID numbers match the live rows; returns new ones.

    Computed from the current state, never from the merge history, so any merge order gives the
    same candidates.
    """
    numbers = sorted(set(numbers))
    if not numbers:
        return 0
    model = synced_tables()[table_name]
    mtable = table_of(model)
    col = mtable.c[ID_NUMBER_COLUMNS[table_name]]
    cand = table_of(DuplicateCandidate)
    added = 0
    for start in range(0, len(numbers), _CHUNK):
        chunk = numbers[start : start + _CHUNK]
        live: dict[str, list[str]] = {}
        found: Iterable[Any]
        if conn.dialect.name == "sqlite":  # plain SQL, as in _merge_chunk: Core's IN compile cost more
            found = conn.exec_driver_sql(
                f"SELECT {col.name}, id FROM {mtable.name} WHERE deleted = 0"
                f" AND {col.name} IN ({', '.join('?' * len(chunk))})",
                tuple(chunk),
            ).all()
        else:
            found = conn.execute(select(col, mtable.c.id).where(col.in_(chunk), mtable.c.deleted.is_(False)))
        for number, row_id in found:
            live.setdefault(number, []).append(row_id)
        wanted: dict[str, dict[str, Any]] = {}
        for number, ids in live.items():
            ids.sort()
            for i, a in enumerate(ids):
                for b in ids[i + 1 :]:
                    key = str(uuid.uuid5(_NAMESPACE, f"dup|{table_name}|{number}|{a}|{b}"))
                    wanted[key] = {
                        "id": key,
                        "table_name": table_name,
                        "id_number": number,
                        "row_a": a,
                        "row_b": b,
                        "status": "open",
                        "note": None,
                    }
        if conn.dialect.name == "sqlite":
            stale_ids: Iterable[str] = conn.exec_driver_sql(
                "SELECT id FROM duplicate_candidate WHERE table_name = ? AND status = 'open'"
                f" AND id_number IN ({', '.join('?' * len(chunk))})",
                (table_name, *chunk),
            ).scalars()
        else:
            stale_ids = conn.scalars(
                select(cand.c.id).where(
                    and_(
                        cand.c.table_name == table_name, cand.c.id_number.in_(chunk), cand.c.status == "open"
                    )
                )
            )
        gone = [k for k in stale_ids if k not in wanted]
        if gone:
            conn.execute(delete(cand).where(cand.c.id.in_(gone)))
        if wanted:
            added += _insert_ignore(conn, cand, list(wanted.values()))
    return added
