"""What merging the rows of one table needs, worked out once per table, shared by both merge paths."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, Table

from app.database.base import content_columns, scalar_defaults, table_of
from app.database.codec import to_json
from app.sync.payload import HEAD

# Rows per round trip. SQLite allows 32 766 bound values per statement since 3.32, so the id list
# of a chunk fits; larger chunks gained nothing measurable.
CHUNK = 2000
# The namespace of the ids the merge derives (conflicts, duplicate candidates): the same on every node.
ID_NAMESPACE = uuid.UUID("8d3f4c1a-2b7e-4f0a-9c61-5e2d7b9a0c44")
DEVICE_CHARS = 16  # a stamp ends with the id of the device that made it
_HEAD_SQL = ("id", "created_stamp", "stamp", "field_stamps", "device_id", "created_at", "updated_at")

# Made once: json.dumps builds a new encoder on every call with non-default options.
_SORTED_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def canonical_json(value: Any) -> str:
    """JSON text as ``JsonText`` stores it (sorted keys, compact), so both paths write equal bytes."""
    return _SORTED_ENCODER.encode(value)


class Plan:
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
    # JSON-form values are what the Core types accept, except dates and times (psycopg wants date
    # objects; SQLite's DateTime type takes only datetime objects: an unlock of a period lock that
    # came up in a bundle failed the merge with a TypeError).
    if isinstance(column.type, DateTime):
        return datetime.fromisoformat
    if isinstance(column.type, Date):
        return date.fromisoformat
    return None


def newest(created: str, stamps: dict[str, str] | None) -> tuple[str, dict[str, str] | None]:
    """The row's newest stamp, and its field stamps without those equal to the insert's."""
    if not stamps:
        return created, None
    sparse = {k: v for k, v in sorted(stamps.items()) if v != created}
    return max(created, *stamps.values()), sparse or None
