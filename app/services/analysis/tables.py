"""Building a table with one row per township (or county) from grouped counts: sums and pooled rates.

A rate column names its numerator and denominator columns; the totals row divides the summed
numerator by the summed denominator (a province's rate is the pooled ratio, never a mean of rates).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select
from sqlalchemy.orm import Session

from app.domain.records.reports import ColumnKind, ReportChart, ReportColumn, ReportTable, ratio
from app.services.analysis.scope import ReportScope

Counts = dict[str, dict[str, int]]  # row division code → column key → value

DIVISION_COLUMN = ReportColumn("division", "区划", ColumnKind.TEXT, 18)


@dataclass(frozen=True)
class Rate:
    numerator: str
    denominator: str


def grouped(
    s: Session, scope: ReportScope, query: Select[*tuple[Any, ...]], into: Counts, keys: Sequence[str]
) -> None:
    """Run ``query`` (its first column the group key, then one value per key) and add into ``into``."""
    for row in s.execute(query).all():
        code = scope.child_code(row[0])
        bucket = into.setdefault(code, {})
        for key, value in zip(keys, row[1:], strict=True):
            bucket[key] = bucket.get(key, 0) + int(value or 0)


def per_division(
    scope: ReportScope,
    *,
    code: str,
    title: str,
    columns: Sequence[ReportColumn],
    counts: Counts,
    rates: Mapping[str, Rate] | None = None,
    notes: Iterable[str] = (),
    chart: ReportChart | None = None,
) -> ReportTable:
    rates = rates or {}
    row_codes = scope.row_codes({c for c, values in counts.items() if any(values.values())})

    def values(bucket: Mapping[str, int]) -> tuple[Any, ...]:
        out: list[Any] = []
        for column in columns:
            if column.kind is ColumnKind.PERCENT:
                rate = rates[column.key]
                out.append(ratio(bucket.get(rate.numerator, 0), bucket.get(rate.denominator, 0)))
            else:
                out.append(bucket.get(column.key, 0))
        return tuple(out)

    totals: dict[str, int] = {}
    for bucket in counts.values():
        for key, value in bucket.items():
            totals[key] = totals.get(key, 0) + value
    rows = tuple((scope.row_name(c), *values(counts.get(c, {}))) for c in row_codes)
    return ReportTable(
        code=code,
        title=title,
        unit=scope.unit,
        period_code=scope.period.code,
        period_label=scope.period.label,
        division_code=scope.code,
        division_name=scope.name,
        columns=(DIVISION_COLUMN, *columns),
        rows=rows,
        totals=("合计", *values(totals)),
        notes=tuple(notes),
        chart=chart,
        row_divisions=tuple(row_codes),
    )
