"""Reporting periods: a year, a half-year, a quarter, a month, or a campaign window, as dates.

The association reports by half-year (上半年 is the report the source documents quote) and by
year; campaigns such as 5·29 run over a month (集中宣传服务月), so a period is always a range
of whole days. ``start`` is the first day, ``end`` the day after the last (half-open), so that
consecutive periods never overlap and ``start <= day < end`` is the one test everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from app.domain.errors import UserInputError


class PeriodKind(StrEnum):
    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    MONTH = "month"
    WINDOW = "window"  # any range of days, e.g. a campaign's month


@dataclass(frozen=True, order=True)
class Period:
    """A range of days with the code it is typed as (``2026H1``) and its Chinese label."""

    start: date
    end: date  # exclusive
    kind: PeriodKind
    code: str

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def label(self) -> str:
        y = self.start.year
        if self.kind is PeriodKind.YEAR:
            return f"{y}年"
        if self.kind is PeriodKind.HALF:
            return f"{y}年{'上' if self.start.month == 1 else '下'}半年"
        if self.kind is PeriodKind.QUARTER:
            return f"{y}年第{(self.start.month - 1) // 3 + 1}季度"
        if self.kind is PeriodKind.MONTH:
            return f"{y}年{self.start.month}月"
        return f"{self.start:%Y.%m.%d}—{self.last_day:%Y.%m.%d}"

    def contains(self, day: date) -> bool:
        return self.start <= day < self.end

    def previous_year(self) -> Period:
        """The same period a year earlier (for year-on-year change)."""
        if self.kind is PeriodKind.WINDOW:
            return window(_minus_year(self.start), _minus_year(self.last_day))
        return parse_period(str(int(self.code[:4]) - 1) + self.code[4:])


def _minus_year(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _month_start(year: int, month: int) -> date:
    return date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def year(y: int) -> Period:
    return Period(date(y, 1, 1), date(y + 1, 1, 1), PeriodKind.YEAR, f"{y}")


def half(y: int, which: int) -> Period:
    first = 1 if which == 1 else 7
    return Period(date(y, first, 1), _month_start(y, first + 6), PeriodKind.HALF, f"{y}H{which}")


def quarter(y: int, which: int) -> Period:
    first = (which - 1) * 3 + 1
    return Period(date(y, first, 1), _month_start(y, first + 3), PeriodKind.QUARTER, f"{y}Q{which}")


def month(y: int, m: int) -> Period:
    return Period(date(y, m, 1), _month_start(y, m + 1), PeriodKind.MONTH, f"{y}-{m:02d}")


def window(first_day: date, last_day: date) -> Period:
    if last_day < first_day:
        raise UserInputError(f"时间段的结束日期 {last_day:%Y-%m-%d} 早于开始日期 {first_day:%Y-%m-%d}。")
    code = f"{first_day:%Y-%m-%d}..{last_day:%Y-%m-%d}"
    return Period(first_day, last_day + timedelta(days=1), PeriodKind.WINDOW, code)


_YEAR_RANGE = (2000, 2100)
_FORMS = (
    (re.compile(r"(\d{4})年?"), "year"),
    (re.compile(r"(\d{4})(?:H|年?([上下])半年)([12])?"), "half"),
    (re.compile(r"(\d{4})(?:Q|年?第)([1-4])(?:季度)?"), "quarter"),
    (re.compile(r"(\d{4})[-./年](\d{1,2})月?"), "month"),
    (re.compile(r"(\d{4}-\d{1,2}-\d{1,2})\.\.(\d{4}-\d{1,2}-\d{1,2})"), "window"),
)


def _day(text: str) -> date:
    y, m, d = (int(p) for p in text.split("-"))
    return date(y, m, d)


def parse_period(text: str) -> Period:
    """``2026``, ``2026H1``/``2026上半年``, ``2026Q3``, ``2026-05``, ``2026-05-01..2026-05-31``."""
    s = text.strip().upper().replace(" ", "")
    for pattern, kind in _FORMS:
        m = pattern.fullmatch(s)
        if not m:
            continue
        try:
            if kind == "window":
                found = window(_day(m.group(1)), _day(m.group(2)))
            else:
                y = int(m.group(1))
                if kind == "year":
                    found = year(y)
                elif kind == "half":
                    which = m.group(3) or ("1" if m.group(2) == "上" else "2" if m.group(2) == "下" else "")
                    if not which:
                        break
                    found = half(y, int(which))
                elif kind == "quarter":
                    found = quarter(y, int(m.group(2)))
                else:
                    mm = int(m.group(2))
                    if not 1 <= mm <= 12:
                        break
                    found = month(y, mm)
        except ValueError:
            break
        if not _YEAR_RANGE[0] <= found.start.year <= _YEAR_RANGE[1]:
            raise UserInputError(f"时间段“{text}”的年份超出 {_YEAR_RANGE[0]}—{_YEAR_RANGE[1]}。")
        return found
    raise UserInputError(
        f"看不懂时间段“{text}”：请写成 2026（全年）、2026H1（上半年）、2026Q3（季度）、"
        "2026-05（月）或 2026-05-01..2026-05-31（一段日期）。"
    )


def standard_periods(y: int) -> list[Period]:
    """The choices a period picker offers for a year: the year, its halves, quarters and months."""
    return [year(y), half(y, 1), half(y, 2)] + [quarter(y, q) for q in range(1, 5)] + [
        month(y, m) for m in range(1, 13)
    ]
