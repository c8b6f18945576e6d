"""Merging row states into a database, field by field, losing nothing.

For every field the higher version stamp wins (the device id inside the stamp breaks ties).
Every superseded version is kept in ``merge_conflict``: as "superseded" when it was the value
the row was inserted with (every edit follows the insert, so nothing was lost), otherwise "open",
for review when it came from a device other than the current winner's and its value differs.
The same ID number on two records becomes a ``duplicate_candidate``. All in the caller's transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from app.database.base import content_columns, scalar_defaults, synced_tables, table_of
from app.database.codec import to_json
from app.database.models import ChangeLogEntry, DuplicateCandidate, MergeConflict, Meta
from app.database.session import META_CLOCK, Database, utcnow
from app.domain.enums import ChangeOp
from app.domain.hlc import Stamp
from app.sync.payload import RowState

_NAMESPACE = uuid.UUID("8d3f4c1a-2b7e-4f0a-9c61-5e2d7b9a0c44")
_CHUNK = 500
# Tables whose rows name a person by ID number: the same number twice is a duplicate candidate.
ID_NUMBER_COLUMNS = {"person": "id_number", "family_member": "id_number"}


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


def merge_rows(
    conn: Connection, db: Database, rows_by_table: dict[str, list[RowState]], *, log_changes: bool = True
) -> MergeStats:
    """Merge decoded row states. Idempotent, order-independent; raises nothing on ordinary data."""
    stats = MergeStats()
    models = synced_tables()
    now = utcnow()
    for name in sorted(rows_by_table):
        model = models[name]
        table_stats = stats.tables.setdefault(name, TableStats())
        incoming = rows_by_table[name]
        for start in range(0, len(incoming), _CHUNK):
            _merge_chunk(conn, model, incoming[start : start + _CHUNK], table_stats, stats, now, log_changes)
        if name in ID_NUMBER_COLUMNS:
            numbers = {r.values.get(ID_NUMBER_COLUMNS[name]) for r in incoming}
            stats.duplicates += refresh_duplicates(conn, name, {n for n in numbers if n})
    if stats.max_stamp:
        db.clock.observe(stats.max_stamp)
        conn.execute(update(table_of(Meta)).where(Meta.key == META_CLOCK).values(value=db.clock.last))
    return stats


def _merge_chunk(
    conn: Connection,
    model: type[Any],
    chunk: Sequence[RowState],
    tstats: TableStats,
    stats: MergeStats,
    now: Any,
    log_changes: bool,
) -> None:
    table = table_of(model)
    content = content_columns(model)
    local_cols = [table.c.id, table.c.created_stamp, table.c.field_stamps, *(table.c[c] for c in content)]
    existing = {
        r.id: r for r in conn.execute(select(*local_cols).where(table.c.id.in_([s.id for s in chunk])))
    }
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    conflicts: list[dict[str, Any]] = []
    changes: list[dict[str, Any]] = []
    defaults = {**dict.fromkeys(content), **scalar_defaults(model)}
    for state in chunk:
        top = state.stamp
        if stats.max_stamp is None or top > stats.max_stamp:
            stats.max_stamp = top
        local = existing.get(state.id)
        if local is None:
            record = {**defaults, **state.values}
            record.update(
                id=state.id,
                created_stamp=state.created_stamp,
                stamp=top,
                field_stamps=_sparse(state.field_stamps, state.created_stamp) or None,
                device_id=Stamp.parse(top).device,
                created_at=now,
                updated_at=now,
            )
            inserts.append(record)
            tstats.inserted += 1
            if log_changes:
                changes.append(
                    _change(
                        table.name,
                        state.id,
                        ChangeOp.INSERT,
                        {c: to_json(record[c]) for c in content},
                        top,
                        now,
                    )
                )
            continue
        local_stamps: dict[str, str] = dict(local.field_stamps or {})
        merged_stamps = dict(local_stamps)
        new_values: dict[str, Any] = {}
        for col, value in state.values.items():
            theirs = state.stamp_of(col)
            ours = local_stamps.get(col, local.created_stamp)
            if theirs > ours:
                conflicts.append(
                    _conflict(table.name, state.id, col, getattr(local, col), ours, local.created_stamp)
                )
                new_values[col] = value
                merged_stamps[col] = theirs
            elif theirs < ours:
                conflicts.append(_conflict(table.name, state.id, col, value, theirs, local.created_stamp))
        if not new_values:
            tstats.unchanged += 1
            continue
        stamps = _sparse(merged_stamps, local.created_stamp)
        row_top = max([local.created_stamp, *stamps.values()])
        full = {c: getattr(local, c) for c in content}
        full.update(new_values)
        updates.append(
            {
                "_id": state.id,
                **full,
                "stamp": row_top,
                "field_stamps": stamps or None,
                "device_id": Stamp.parse(row_top).device,
                "updated_at": now,
            }
        )
        tstats.updated += 1
        if log_changes:
            op = ChangeOp.DELETE if new_values.get("deleted") is True else ChangeOp.UPDATE
            top_new = max(merged_stamps[c] for c in new_values)
            changes.append(
                _change(
                    table.name, state.id, op, {c: to_json(v) for c, v in new_values.items()}, top_new, now
                )
            )
    if inserts:
        conn.execute(insert(table), inserts)
    if updates:
        cols = [*content, "stamp", "field_stamps", "device_id", "updated_at"]
        stmt = update(table).where(table.c.id == bindparam("_id")).values({c: bindparam(c) for c in cols})
        conn.execute(stmt, updates)
    if conflicts:
        added = _insert_ignore(conn, table_of(MergeConflict), conflicts)
        tstats.conflicts += added
    if changes:
        conn.execute(insert(table_of(ChangeLogEntry)), changes)


def _sparse(stamps: dict[str, str], created: str) -> dict[str, str]:
    """Only stamps newer than the insert are kept; the rest are implied by ``created_stamp``."""
    return {k: v for k, v in sorted(stamps.items()) if v != created}


def _conflict(table: str, row_id: str, col: str, value: Any, stamp: str, created: str) -> dict[str, Any]:
    # An edit always follows the insert on the editing device, so a losing insert-time value was
    # seen and replaced on purpose: kept as "superseded", not put up for review.
    status = "superseded" if stamp == created else "open"
    return {
        "id": conflict_id(table, row_id, col, stamp),
        "table_name": table,
        "row_id": row_id,
        "field": col,
        "losing_value": to_json(value),
        "losing_stamp": stamp,
        "status": status,
        "resolved_at": None,
        "resolved_by": None,
    }


def _change(
    table: str, row_id: str, op: ChangeOp, values: dict[str, Any], stamp: str, now: Any
) -> dict[str, Any]:
    return {
        "table_name": table,
        "row_id": row_id,
        "op": op,
        "changes": values,
        "stamp": stamp,
        "device_id": Stamp.parse(stamp).device,
        "recorded_at": now,
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
        query = select(col, mtable.c.id).where(col.in_(chunk), mtable.c.deleted.is_(False))
        for number, row_id in conn.execute(query):
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
        stale = select(cand.c.id).where(
            and_(cand.c.table_name == table_name, cand.c.id_number.in_(chunk), cand.c.status == "open")
        )
        gone = [k for k in conn.scalars(stale) if k not in wanted]
        if gone:
            conn.execute(delete(cand).where(cand.c.id.in_(gone)))
        if wanted:
            added += _insert_ignore(conn, cand, list(wanted.values()))
    return added
