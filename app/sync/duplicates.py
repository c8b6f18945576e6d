"""Duplicate candidates: the same ID number on two live records, kept in step with the data."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, select
from sqlalchemy.dialects import postgresql, sqlite

from app.database.base import synced_tables, table_of
from app.database.models import DuplicateCandidate
from app.sync.merge_plan import CHUNK, ID_NAMESPACE

# Tables whose rows name a person by ID number: the same number twice is a duplicate candidate.
ID_NUMBER_COLUMNS = {"person": "id_number", "family_member": "id_number"}


def insert_ignore(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> int:
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
    for start in range(0, len(numbers), CHUNK):
        chunk = numbers[start : start + CHUNK]
        found: Iterable[Any]
        if conn.dialect.name == "sqlite":  # plain SQL, as in _merge_chunk: Core's IN compile cost more
            found = conn.exec_driver_sql(
                f"SELECT {col.name}, id FROM {mtable.name} WHERE deleted = 0"
                f" AND {col.name} IN ({', '.join('?' * len(chunk))})",
                tuple(chunk),
            ).all()
        else:
            found = conn.execute(select(col, mtable.c.id).where(col.in_(chunk), mtable.c.deleted.is_(False)))
        wanted = wanted_candidates(table_name, found)
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
            added += insert_ignore(conn, cand, list(wanted.values()))
    return added


def wanted_candidates(table_name: str, found: Iterable[Any]) -> dict[str, dict[str, Any]]:
    """The open candidates that (ID number, live row id) pairs call for, by their derived id: one
    per pair of rows sharing a number."""
    live: dict[str, list[str]] = {}
    for number, row_id in found:
        live.setdefault(number, []).append(row_id)
    wanted: dict[str, dict[str, Any]] = {}
    for number, ids in live.items():
        ids.sort()
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                key = str(uuid.uuid5(ID_NAMESPACE, f"dup|{table_name}|{number}|{a}|{b}"))
                wanted[key] = {
                    "id": key,
                    "table_name": table_name,
                    "id_number": number,
                    "row_a": a,
                    "row_b": b,
                    "status": "open",
                    "note": None,
                }
    return wanted
