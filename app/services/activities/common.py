"""What campaign events and trainings share: a year as a date range, words matched in columns, spending."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, or_

from app.domain.validation import MAX_FEN, Issue, error
from app.services.shared.search import like_pattern, words


def in_year(column: Any, year: int | None) -> list[ColumnElement[bool]]:
    """Dates in ``year`` (no condition for None)."""
    # A range on the indexed date column rather than extract(year): it uses the index.
    return [] if year is None else [column >= date(year, 1, 1), column <= date(year, 12, 31)]


def words_match(columns: Sequence[Any], text: str) -> list[ColumnElement[bool]]:
    """Every word of ``text`` in one of ``columns``."""
    return [or_(*(c.like(like_pattern(w), escape="\\") for c in columns)) for w in words(text)]


def check_spending(field: str, fen: int) -> list[Issue]:
    """Spending (分) is 0 or more and below the money ceiling."""
    return [] if 0 <= fen < MAX_FEN else [error(field, "经费应为 0 或正数")]
