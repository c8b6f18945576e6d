"""Merging row states into a database, field by field, losing nothing.

For every field the higher version stamp wins (the device id inside the stamp breaks ties).
Every superseded version is kept in ``merge_conflict``: as "superseded" when it was the value
the row was inserted with (every edit follows the insert, so nothing was lost), otherwise "open",
for review when it came from a device other than the current winner's and its value differs.
The same ID number on two records becomes a ``duplicate_candidate``. All in the caller's transaction.

The SQLite fast path for new rows is merge_fast.py; rows that exist already, and every row on
PostgreSQL, take the Core path here with Python values. Duplicate candidates: duplicates.py.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from itertools import compress
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update

from app.database.base import synced_tables, table_of
from app.database.codec import to_json
from app.database.models import ChangeLogEntry, MergeConflict, Meta
from app.database.session import META_CLOCK, Database, utcnow
from app.domain.enums import ChangeOp
from app.sync.duplicates import ID_NUMBER_COLUMNS, insert_ignore, refresh_duplicates
from app.sync.merge_fast import insert_fast, log_fast, present_ids
from app.sync.merge_plan import CHUNK, DEVICE_CHARS, ID_NAMESPACE, Plan, newest
from app.sync.payload import HEAD, RowState, TableRows

__all__ = [
    "ID_NUMBER_COLUMNS",
    "MergeStats",
    "TableStats",
    "conflict_id",
    "decide_known",
    "merge_rows",
    "refresh_duplicates",
]


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
    return str(uuid.uuid5(ID_NAMESPACE, f"{table}|{row_id}|{name}|{stamp}"))


def merge_rows(
    conn: Connection,
    db: Database,
    rows_by_table: Mapping[str, TableRows],
    *,
    log_changes: bool = True,
    source: str | None = None,
    present: Mapping[str, set[str]] | None = None,
) -> MergeStats:
    """Merge checked rows (``payload.loads``). Idempotent, order-independent; raises nothing on ordinary
    data.

    The change-log entry of a row inserted here names where it came from — ``{"merged": source}``,
    the sender's device and bundle number, as in bundle_ledger — instead of repeating its values:
    they are the row's own, and the bundle's. (At a province that would double the database for
    nothing: nothing reads them back, and a bundle is made from the rows, not from the log.)
    Updates still log the fields they changed with the new values.

    ``present`` (from the authority check, which asked already) names the incoming ids each table
    holds; without it each chunk asks the database."""
    stats = MergeStats()
    models = synced_tables()
    now = utcnow()
    fast = conn.dialect.name == "sqlite"
    for name in sorted(rows_by_table):
        model = models[name]
        table_stats = stats.tables.setdefault(name, TableStats())
        incoming = rows_by_table[name]
        plan = Plan(model, incoming.fields, fast)
        origin = {"merged": source or "bundle"}
        known = None if present is None else present.get(name, set())
        for start in range(0, len(incoming), CHUNK):
            end = min(start + CHUNK, len(incoming))
            _merge_chunk(
                conn, plan, incoming, start, end, table_stats, stats, now, log_changes, origin, known
            )
        if name in ID_NUMBER_COLUMNS and ID_NUMBER_COLUMNS[name] in incoming.fields:
            numbers = {n for n in incoming.column(ID_NUMBER_COLUMNS[name]) if n}
            stats.duplicates += refresh_duplicates(conn, name, numbers)
    if stats.max_stamp:
        db.clock.observe(stats.max_stamp)
        conn.execute(update(table_of(Meta)).where(Meta.key == META_CLOCK).values(value=db.clock.last))
    return stats


def _top(row: list[Any]) -> tuple[str, dict[str, str] | None]:
    """The row's newest stamp, and its field stamps without those equal to the insert's."""
    return newest(row[1], row[2])


def _merge_chunk(
    conn: Connection,
    plan: Plan,
    incoming: TableRows,
    start: int,
    end: int,
    tstats: TableStats,
    stats: MergeStats,
    now: datetime,
    log_changes: bool,
    origin: dict[str, str],
    known: set[str] | None,
) -> None:
    table = plan.table
    chunk = incoming.rows[start:end]
    ids = incoming.columns[0][start:end]
    if known is not None:
        present = known.intersection(ids) if known else set()
    elif plan.fast:
        present = present_ids(conn, table.name, ids)
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
            newest = insert_fast(conn, plan, columns, now, origin if log_changes else None)
            if top_stamp is None or newest > top_stamp:
                top_stamp = newest
        else:
            fresh = [r for r in chunk if r[0] not in present]
            top_stamp = _insert_new(
                conn, plan, fresh, now, changes if log_changes else None, top_stamp, origin
            )
        tstats.inserted += len(ids) - len(present)
    if present:
        existing = [r for r in chunk if r[0] in present]
        top_stamp = _merge_known(
            conn, plan, existing, tstats, now, changes if log_changes else None, top_stamp
        )
    stats.max_stamp = top_stamp
    if changes:
        _log(conn, plan, changes, now)


def _insert_new(
    conn: Connection,
    plan: Plan,
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
            device_id=top[-DEVICE_CHARS:],
            created_at=now,
            updated_at=now,
        )
        records.append(record)
    conn.execute(insert(plan.table), records)
    if changes is not None:
        for r, (top, _) in zip(rows, tops, strict=True):
            changes.append((r[0], ChangeOp.INSERT, origin, top))
    return top_stamp


def _merge_known(
    conn: Connection,
    plan: Plan,
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
    updates, conflicts, top_stamp = decide_known(plan, rows, existing, tstats, now, changes, top_stamp)
    if updates:
        cols = [*content, "stamp", "field_stamps", "device_id", "updated_at"]
        stmt = update(table).where(table.c.id == bindparam("_id")).values({c: bindparam(c) for c in cols})
        conn.execute(stmt, updates)
    if conflicts:
        tstats.conflicts += insert_ignore(conn, table_of(MergeConflict), conflicts)
    return top_stamp


def decide_known(
    plan: Plan,
    rows: list[list[Any]],
    existing: Mapping[str, Any],
    tstats: TableStats,
    now: datetime,
    changes: list[tuple[str, ChangeOp, dict[str, Any], str]] | None,
    top_stamp: str | None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], str | None]:
    """The field-by-field decision for incoming rows that exist here (``existing``: id -> the stored
    row, Python values): the updates (full rows, Python values, keyed ``_id``), the conflicts to
    keep, and the newest stamp seen. Counts updated and unchanged rows; writes nothing, so both
    databases' paths share the rules."""
    table = plan.table
    content = plan.content
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
                "device_id": row_top[-DEVICE_CHARS:],
                "updated_at": now,
            }
        )
        tstats.updated += 1
        if changes is not None:
            op = ChangeOp.DELETE if new_values.get("deleted") is True else ChangeOp.UPDATE
            changes.append((state.id, op, new_values, max(merged_stamps[c] for c in new_values)))
    return updates, conflicts, top_stamp


def _log(
    conn: Connection,
    plan: Plan,
    changes: list[tuple[str, ChangeOp, dict[str, Any], str]],
    now: datetime,
) -> None:
    """One change-log entry per inserted or updated row."""
    name = str(plan.table.name)  # a plain str: sqlite3 probes a str subclass for __conform__ per row
    if plan.fast:
        log_fast(conn, name, changes, now)
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
                "device_id": stamp[-DEVICE_CHARS:],
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
