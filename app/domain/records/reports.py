"""The shape of a standard table a county hands in: title, unit, period, division, typed columns, totals.

One shape for the screen, the xlsx file and ``fpa report --json``: the services fill it, the writers
only lay it out. ID and bank numbers are masked before a table leaves the service unless the role
may see them (``masked``), so no writer has to remember to.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from app.domain.permissions import mask_bank_account, mask_id_number


class ColumnKind(StrEnum):
    TEXT = "text"
    COUNT = "count"  # a whole number, summed in the totals row
    MONEY = "money"  # fen in the rows; shown and written as yuan with two decimals
    PERCENT = "percent"  # a ratio 0..1 (None when the denominator is 0); totals are pooled, never summed
    DATE = "date"
    ID_NUMBER = "id_number"  # masked unless the role sees full numbers
    BANK_ACCOUNT = "bank_account"  # likewise


SENSITIVE = frozenset({ColumnKind.ID_NUMBER, ColumnKind.BANK_ACCOUNT})


@dataclass(frozen=True)
class ReportColumn:
    key: str
    title: str
    kind: ColumnKind = ColumnKind.TEXT
    width: int = 12  # Excel's character units (a Chinese character is about two)


@dataclass(frozen=True)
class ReportChart:
    """A bar chart the xlsx file carries natively: categories from one column, bars from others."""

    title: str
    category: str  # column key
    values: tuple[str, ...]  # column keys
    horizontal: bool = False


@dataclass(frozen=True)
class ReportTable:
    code: str  # the registry's name: ``visits``, ``special-families`` ...
    title: str  # 走访慰问台账
    unit: str  # 填报单位: the division's association
    period_code: str
    period_label: str  # 2026年上半年
    division_code: str
    division_name: str
    columns: tuple[ReportColumn, ...]
    rows: tuple[tuple[Any, ...], ...]
    totals: tuple[Any, ...] | None = None  # the 合计 row, same columns
    notes: tuple[str, ...] = ()
    chart: ReportChart | None = None
    # Which division each row stands for (a township's or county's code; None for a record ledger):
    # the screen's drill-down and the tests read it, the writers do not.
    row_divisions: tuple[str | None, ...] = field(default=())

    @property
    def sensitive_columns(self) -> tuple[int, ...]:
        return tuple(i for i, c in enumerate(self.columns) if c.kind in SENSITIVE)

    def column_index(self, key: str) -> int:
        for i, c in enumerate(self.columns):
            if c.key == key:
                return i
        raise KeyError(key)

    def as_dict(self) -> dict[str, Any]:
        """The JSON form (``fpa report --json``): money in yuan as text, rates as numbers 0..1."""
        keys = [c.key for c in self.columns]

        def plain(row: tuple[Any, ...]) -> dict[str, Any]:
            return {k: json_value(c, v) for k, c, v in zip(keys, self.columns, row, strict=True)}

        return {
            "table": self.code,
            "title": self.title,
            "unit": self.unit,
            "period": self.period_code,
            "period_label": self.period_label,
            "division": self.division_code,
            "division_name": self.division_name,
            "columns": [{"key": c.key, "title": c.title, "kind": c.kind.value} for c in self.columns],
            "rows": [plain(r) for r in self.rows],
            "totals": plain(self.totals) if self.totals is not None else None,
            "notes": list(self.notes),
        }


def yuan(fen: int | None) -> Decimal | None:
    return None if fen is None else (Decimal(fen) / 100).quantize(Decimal("0.01"))


def ratio(numerator: int, denominator: int) -> float | None:
    """A pooled rate; None (shown as —) when nothing was there to count."""
    return None if denominator == 0 else numerator / denominator


def json_value(column: ReportColumn, value: Any) -> Any:
    if value is None:
        return None
    if column.kind is ColumnKind.MONEY and isinstance(value, int):
        return str(yuan(value))
    if column.kind is ColumnKind.PERCENT and isinstance(value, float):
        return round(value, 6)
    if isinstance(value, date):
        return value.isoformat()
    return value


def shown_text(column: ReportColumn, value: Any) -> str:
    """How a cell reads on screen and on the terminal."""
    if value is None:
        return "—" if column.kind is ColumnKind.PERCENT else ""
    if column.kind is ColumnKind.MONEY and isinstance(value, int):
        return f"{yuan(value):,}"
    if column.kind is ColumnKind.PERCENT and isinstance(value, float):
        return f"{value * 100:.1f}%"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    return str(value)


def masked(table: ReportTable) -> ReportTable:
    """The same table with every ID and bank number masked (for a role that may not see them)."""
    sensitive = {i: table.columns[i].kind for i in table.sensitive_columns}
    if not sensitive:
        return table

    def mask_row(row: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(
            (mask_id_number(v) if sensitive[i] is ColumnKind.ID_NUMBER else mask_bank_account(v))
            if i in sensitive and v
            else v
            for i, v in enumerate(row)
        )

    return replace(table, rows=tuple(mask_row(r) for r in table.rows))
