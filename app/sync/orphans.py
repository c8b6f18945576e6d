"""Orphan rows: references to a parent record that is not here (DATA-MODEL.md: `fpa check` reports them).

References between synced tables are plain columns, not foreign keys, so that no merge order can
fail on them; the merge refuses a bundle that brings orphans, and this finds any that a database
holds all the same (an old bundle merged before the check existed, an edit by hand).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

from app.sync.authority import PARENT_OF, REFERENCES


@dataclass(frozen=True)
class Orphans:
    table: str
    column: str
    parent: str
    count: int
    example: str


def find_orphans(conn: Connection) -> list[Orphans]:
    """Every (table, column) whose rows name a missing parent, with a count and one example id."""
    pairs = {(t, c, p) for t, (c, p) in PARENT_OF.items()}
    pairs |= {(t, c, p) for t, refs in REFERENCES.items() for c, p in refs}
    found = []
    for table, column, parent in sorted(pairs):
        # Names come from the two constant maps above, never from input.
        row = conn.execute(
            text(
                f"SELECT count(*), min(c.id) FROM {table} c WHERE c.{column} IS NOT NULL"
                f" AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE p.id = c.{column})"
            )
        ).one()
        if row[0]:
            found.append(Orphans(table, column, parent, int(row[0]), str(row[1])))
    return found
