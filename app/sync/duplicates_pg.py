"""Duplicate candidates on PostgreSQL: duplicates.refresh_duplicates in three statements, not three per
chunk of numbers.

The server keeps to the numbers that two live rows share (almost none of a bundle's), so only those
come back; the candidates they call for are derived by the shared ``wanted_candidates``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import psycopg

from app.sync.duplicates import ID_NUMBER_COLUMNS, wanted_candidates
from app.sync.pg_arrays import text_array

_COLUMNS = ("id", "table_name", "id_number", "row_a", "row_b", "status", "note")
_ROWS_PER_INSERT = 5000  # 7 values a row, under the protocol's 65 535 parameters


def refresh_duplicates_pg(driver: psycopg.Connection, table_name: str, numbers: Iterable[str]) -> int:
    """Make the open candidates for these ID numbers match the live rows; returns the new ones."""
    wanted_numbers = sorted(set(numbers))
    if not wanted_numbers:
        return 0
    col = ID_NUMBER_COLUMNS[table_name]
    with driver.cursor() as cur:
        cur.execute(
            f"SELECT {col}, id FROM {table_name} WHERE deleted = false AND {col} IN ("
            f" SELECT {col} FROM {table_name} WHERE deleted = false AND {col} = ANY(%s::varchar[])"
            f" GROUP BY {col} HAVING count(*) > 1)",
            (text_array(wanted_numbers),),
        )
        wanted = wanted_candidates(table_name, cur.fetchall())
        cur.execute(
            "SELECT id FROM duplicate_candidate"
            " WHERE table_name = %s AND status = 'open' AND id_number = ANY(%s::varchar[])",
            (table_name, text_array(wanted_numbers)),
        )
        gone = [row[0] for row in cur if row[0] not in wanted]
        if gone:
            cur.execute("DELETE FROM duplicate_candidate WHERE id = ANY(%s::varchar[])", (text_array(gone),))
        if not wanted:
            return 0
        rows: list[tuple[Any, ...]] = [tuple(c[k] for k in _COLUMNS) for c in wanted.values()]
        added = 0
        for start in range(0, len(rows), _ROWS_PER_INSERT):
            chunk = rows[start : start + _ROWS_PER_INSERT]
            placeholders = ", ".join(["(" + ", ".join(["%s"] * len(_COLUMNS)) + ")"] * len(chunk))
            cur.execute(
                f"INSERT INTO duplicate_candidate ({', '.join(_COLUMNS)}) VALUES {placeholders}"
                " ON CONFLICT (id) DO NOTHING",
                [v for r in chunk for v in r],
            )
            added += max(cur.rowcount, 0)
        return added
