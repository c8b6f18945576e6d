"""Rows of 绩效评价 handed to the screens and the reports: the indicator sheet, its drill-downs,
completeness of reporting and period locks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class IndicatorValue:
    """One indicator for one division and period. Counts are whole; money is in fen."""

    code: str
    name: str
    module: str
    unit: str
    value: float | None  # in the unit (%, 元, 场次 …); None when the denominator is 0
    numerator: int
    denominator: int | None  # None for a total
    target: float | None  # in the unit; None when none is set
    met: bool | None  # None without a target or a value
    higher_is_better: bool = True
    numerator_is_money: bool = False
    denominator_is_money: bool = False
    description: str | None = None
    lists_records: bool = False  # a shortfall can be listed record by record (families, villages)


@dataclass(frozen=True)
class IndicatorSheet:
    division_code: str
    division_name: str
    period_code: str
    period_label: str
    start: date
    end: date  # exclusive
    values: tuple[IndicatorValue, ...]

    def value(self, code: str) -> IndicatorValue:
        for v in self.values:
            if v.code == code:
                return v
        raise KeyError(code)


@dataclass(frozen=True)
class DrillRow:
    """A record behind a figure (or short of a target): what it is and where, never an ID number."""

    record_id: str
    table: str
    division_code: str
    division_name: str
    label: str
    day: date | None
    amount: int | None  # the summed field's value for this record (fen for money), None for a count
    family_id: str | None = None


@dataclass(frozen=True)
class DivisionValue:
    """An indicator for one division below the sheet's division (the divisions short of a target)."""

    division_code: str
    division_name: str
    value: float | None
    numerator: int
    denominator: int | None
    target: float | None
    met: bool | None


@dataclass(frozen=True)
class ReportingRow:
    """Completeness: one division below this one, and what has arrived from it for the period."""

    division_code: str
    division_name: str
    bundles: int  # bundles merged from senders in this division
    last_written: datetime | None  # when the newest of them was written
    last_merged: datetime | None
    status: str  # 已报送 / 部分报送 / 未报送
    missing_bundles: int  # gaps in the senders' numbering
    locked: bool  # has locked the period (a county's lock, seen at the province)


@dataclass(frozen=True)
class PeriodLockRow:
    id: str
    division_code: str
    division_name: str
    period_code: str
    period_label: str
    start: date
    end: date  # exclusive
    locked_by: str
    locked_at: datetime
    active: bool
    unlocked_by: str | None
    unlocked_at: datetime | None
    unlock_reason: str | None


@dataclass(frozen=True)
class TownshipPopulation:
    """A township's 常住人口: the year's figure when recorded, else the latest earlier one."""

    code: str
    name: str
    residents: int | None  # the year's own figure
    latest: int | None  # the latest figure of an earlier year (what the sheets use meanwhile)
    latest_year: int | None
