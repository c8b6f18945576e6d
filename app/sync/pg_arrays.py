"""Lists of text handed to PostgreSQL as one array literal, joined in C instead of dumped value by value."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def text_array(values: Iterable[Any]) -> str | list[Any]:
    """``values`` as a PostgreSQL text-array literal (for ``= ANY(%s::text[])`` or ``unnest``), every
    element quoted so that commas, spaces and the word NULL stay text; the list itself, for psycopg
    to adapt, when one holds a quote or a backslash (never an id or a stamp) or is not text."""
    items = list(values)
    if not all(type(v) is str for v in items):
        return items
    joined = '","'.join(items)
    if joined.count('"') != 2 * max(len(items) - 1, 0) or "\\" in joined:  # the separators' quotes only
        return items
    return '{"' + joined + '"}' if items else "{}"
