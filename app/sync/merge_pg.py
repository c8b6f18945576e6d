"""The PostgreSQL merge: each bundle's rows by ``COPY``, decided in a few set-based statements.

The same rules as merge.py (which SQLite uses), and the same decisions: the rules for a row that
exists here are ``merge.decide_known``, shared. What differs is how the rows reach the server.
A round trip per chunk and a bound parameter per value made the merge six times a raw load; here,
per table of a bundle:

- which incoming ids exist here comes from the authority check (one ``= ANY`` query otherwise);
- the new rows go straight into the table by one ``COPY``, and their change-log entries by one
  ``INSERT … SELECT`` from arrays of their ids and stamps;
- the rows that exist come back in one query; the decision runs on them; their new states are
  copied into a temporary table and written by one ``UPDATE … FROM``, the losing versions by one
  ``INSERT … SELECT … ON CONFLICT DO NOTHING`` from another, the change-log entries by ``COPY``.

All in the caller's transaction: the temporary tables go with its commit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from enum import Enum
from itertools import compress, repeat
from typing import Any

import psycopg
from sqlalchemy import Connection, String, any_, bindparam, cast, select, update
from sqlalchemy.dialects.postgresql import ARRAY

from app.database.base import synced_tables, table_of
from app.database.models import Meta
from app.database.session import META_CLOCK, Database, utcnow
from app.domain.enums import ChangeOp
from app.sync.duplicates import ID_NUMBER_COLUMNS
from app.sync.duplicates_pg import refresh_duplicates_pg
from app.sync.merge import MergeStats, TableStats, decide_known
from app.sync.merge_plan import DEVICE_CHARS, Plan, canonical_json, newest
from app.sync.payload import TableRows
from app.sync.pg_arrays import text_array

__all__ = ["merge_rows_pg"]

_HEAD = ("id", "created_stamp", "stamp", "field_stamps", "device_id", "created_at", "updated_at")
_LOG_COLUMNS = "table_name, row_id, op, changes, stamp, device_id, recorded_at"
_CONFLICT_COLUMNS = (
    "id",
    "table_name",
    "row_id",
    "field",
    "losing_value",
    "losing_stamp",
    "status",
    "resolved_at",
    "resolved_by",
)


def merge_rows_pg(
    conn: Connection,
    db: Database,
    rows_by_table: Mapping[str, TableRows],
    *,
    log_changes: bool = True,
    source: str | None = None,
    present: Mapping[str, set[str]] | None = None,
) -> MergeStats:
    """``merge.merge_rows`` for PostgreSQL: the same arguments, the same result in the database."""
    driver = conn.connection.driver_connection
    assert isinstance(driver, psycopg.Connection)
    stats = MergeStats()
    models = synced_tables()
    now = utcnow()
    origin = canonical_json({"merged": source or "bundle"})
    for name in sorted(rows_by_table):
        incoming = rows_by_table[name]
        plan = Plan(models[name], incoming.fields, False)
        tstats = stats.tables.setdefault(name, TableStats())
        ids = incoming.columns[0]
        known = _present(driver, name, ids) if present is None else present.get(name, set())
        keep = [i not in known for i in ids] if known else None
        if keep is None or any(keep):
            top = _copy_new(driver, plan, incoming, keep, now, origin if log_changes else None)
            tstats.inserted += len(ids) if keep is None else sum(keep)
            if stats.max_stamp is None or top > stats.max_stamp:
                stats.max_stamp = top
        if known:
            rows = [r for r in incoming.rows if r[0] in known]
            _merge_existing(conn, driver, plan, rows, tstats, stats, now, log_changes)
        if name in ID_NUMBER_COLUMNS and ID_NUMBER_COLUMNS[name] in incoming.fields:
            numbers = {n for n in incoming.column(ID_NUMBER_COLUMNS[name]) if n}
            stats.duplicates += refresh_duplicates_pg(driver, name, numbers)
    if stats.max_stamp:
        db.clock.observe(stats.max_stamp)
        conn.execute(update(table_of(Meta)).where(Meta.key == META_CLOCK).values(value=db.clock.last))
    return stats


def _present(driver: psycopg.Connection, table: str, ids: Sequence[str]) -> set[str]:
    with driver.cursor() as cur:
        cur.execute(f"SELECT id FROM {table} WHERE id = ANY(%s::varchar[])", (text_array(ids),))
        return {row[0] for row in cur}


def _copy_new(
    driver: psycopg.Connection,
    plan: Plan,
    incoming: TableRows,
    keep: list[bool] | None,
    now: datetime,
    origin: str | None,
) -> str:
    """The rows new here, by one COPY into the table, a column at a time as insert_fast builds them;
    their change-log entries (naming ``origin``) by another. Returns their newest stamp."""
    columns: list[Sequence[Any]] = list(incoming.columns)
    if keep is not None:
        columns = [tuple(compress(c, keep)) for c in columns]
    ids, created, field_stamps = columns[0], columns[1], columns[2]
    stamp = list(created)
    stored: list[str | None] = [None] * len(ids)
    for i in compress(range(len(ids)), field_stamps):
        top, sparse = newest(created[i], field_stamps[i])
        stamp[i] = top
        stored[i] = None if sparse is None else canonical_json(sparse)
    device = [s[-DEVICE_CHARS:] for s in stamp]
    values: list[Iterable[Any]] = [columns[i] if i is not None else repeat(d) for i, d in plan.sources]
    name = str(plan.table.name)
    with driver.cursor() as cur:
        target = f"COPY {name} ({', '.join((*_HEAD, *plan.content))}) FROM STDIN"
        with cur.copy(target) as copy:
            for record in zip(ids, created, stamp, stored, device, repeat(now), repeat(now), *values):
                copy.write_row(record)
        if origin is not None:  # ids and stamps were checked by their patterns: plain array text
            cur.execute(
                f"INSERT INTO change_log ({_LOG_COLUMNS})"
                " SELECT %s, u.id, %s, %s, u.stamp, right(u.stamp, %s), %s"
                " FROM unnest(%s::varchar[], %s::varchar[]) WITH ORDINALITY AS u(id, stamp, n) ORDER BY u.n",
                (name, ChangeOp.INSERT.value, origin, DEVICE_CHARS, now, text_array(ids), text_array(stamp)),
            )
    return str(max(stamp))


def _merge_existing(
    conn: Connection,
    driver: psycopg.Connection,
    plan: Plan,
    rows: list[list[Any]],
    tstats: TableStats,
    stats: MergeStats,
    now: datetime,
    log_changes: bool,
) -> None:
    """Rows that exist here: fetched in one query, decided by the shared rules, written set-wise."""
    table = plan.table
    content = plan.content
    local_cols = [table.c.id, table.c.created_stamp, table.c.field_stamps, *(table.c[c] for c in content)]
    wanted = any_(cast(bindparam("ids", text_array(r[0] for r in rows), type_=String), ARRAY(String)))
    existing = {r.id: r for r in conn.execute(select(*local_cols).where(table.c.id == wanted))}
    changes: list[tuple[str, ChangeOp, dict[str, Any], str]] | None = [] if log_changes else None
    updates, conflicts, stats.max_stamp = decide_known(
        plan, rows, existing, tstats, now, changes, stats.max_stamp
    )
    name = str(table.name)
    with driver.cursor() as cur:
        if updates:
            cols = [*content, "stamp", "field_stamps", "device_id", "updated_at"]
            stage = f"fpa_stage_{name}"
            cur.execute(
                f"CREATE TEMP TABLE {stage} ON COMMIT DROP AS"
                f" SELECT id, {', '.join(cols)} FROM {name} WITH NO DATA"
            )
            with cur.copy(f"COPY {stage} (id, {', '.join(cols)}) FROM STDIN") as copy:
                for u in updates:
                    stamps = u["field_stamps"]
                    copy.write_row(
                        (
                            u["_id"],
                            *(_plain(u[c]) for c in content),
                            u["stamp"],
                            None if stamps is None else canonical_json(stamps),
                            u["device_id"],
                            u["updated_at"],
                        )
                    )
            assignments = ", ".join(f"{c} = s.{c}" for c in cols)
            cur.execute(f"UPDATE {name} AS t SET {assignments} FROM {stage} AS s WHERE t.id = s.id")
            cur.execute(f"DROP TABLE {stage}")
        if conflicts:
            tstats.conflicts += _insert_conflicts(cur, conflicts)
        if changes:
            with cur.copy(f"COPY change_log ({_LOG_COLUMNS}) FROM STDIN") as copy:
                for row_id, op, values, stamp in changes:
                    copy.write_row(
                        (name, row_id, op.value, canonical_json(values), stamp, stamp[-DEVICE_CHARS:], now)
                    )


def _insert_conflicts(cur: psycopg.Cursor[Any], conflicts: list[dict[str, Any]]) -> int:
    """The losing versions, each kept once: returns how many were new."""
    cols = ", ".join(_CONFLICT_COLUMNS)
    cur.execute(
        "CREATE TEMP TABLE fpa_stage_conflict ON COMMIT DROP AS"
        f" SELECT {cols} FROM merge_conflict WITH NO DATA"
    )
    with cur.copy(f"COPY fpa_stage_conflict ({cols}) FROM STDIN") as copy:
        for c in conflicts:
            value = c["losing_value"]
            copy.write_row(
                (
                    c["id"],
                    c["table_name"],
                    c["row_id"],
                    c["field"],
                    None if value is None else canonical_json(_plain(value)),
                    c["losing_stamp"],
                    c["status"],
                    c["resolved_at"],
                    c["resolved_by"],
                )
            )
    cur.execute(
        f"INSERT INTO merge_conflict ({cols}) SELECT DISTINCT ON (id) {cols} FROM fpa_stage_conflict"
        " ORDER BY id ON CONFLICT (id) DO NOTHING"
    )
    added = cur.rowcount
    cur.execute("DROP TABLE fpa_stage_conflict")
    return max(added, 0)


def _plain(value: Any) -> Any:
    """A stored value as COPY and JSON want it: an enumeration as its text (psycopg would write
    its name)."""
    return value.value if isinstance(value, Enum) else value
