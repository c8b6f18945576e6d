"""Reporting periods as a county types them: codes, Chinese forms, labels, ranges, refusals."""

import itertools
from datetime import date

import pytest

from app.domain.errors import UserInputError
from app.domain.periods import PeriodKind, parse_period, standard_periods


@pytest.mark.parametrize(
    ("text", "code", "label", "start", "end"),
    [
        ("2026", "2026", "2026年", date(2026, 1, 1), date(2027, 1, 1)),
        ("2026H1", "2026H1", "2026年上半年", date(2026, 1, 1), date(2026, 7, 1)),
        ("2026年下半年", "2026H2", "2026年下半年", date(2026, 7, 1), date(2027, 1, 1)),
        ("2026q3", "2026Q3", "2026年第3季度", date(2026, 7, 1), date(2026, 10, 1)),
        ("2026年第4季度", "2026Q4", "2026年第4季度", date(2026, 10, 1), date(2027, 1, 1)),
        ("2026年5月", "2026-05", "2026年5月", date(2026, 5, 1), date(2026, 6, 1)),
        ("2026-12", "2026-12", "2026年12月", date(2026, 12, 1), date(2027, 1, 1)),
        ("2026-05-01..2026-05-31", "2026-05-01..2026-05-31", "2026.05.01—2026.05.31", date(2026, 5, 1), date(2026, 6, 1)),
    ],
)
def test_period_forms(text: str, code: str, label: str, start: date, end: date) -> None:
    p = parse_period(text)
    assert (p.code, p.label, p.start, p.end) == (code, label, start, end)
    assert p.contains(p.last_day) and not p.contains(p.end)


@pytest.mark.parametrize("text", ["20261", "2026H", "2026-13", "1999", "明年", "2026-05-31..2026-05-01"])
def test_bad_periods_are_refused_in_chinese(text: str) -> None:
    with pytest.raises(UserInputError, match="时间段"):
        parse_period(text)


def test_previous_year_and_the_picker() -> None:
    assert parse_period("2026H1").previous_year().code == "2025H1"
    assert parse_period("2024-02-29..2024-03-01").previous_year().start == date(2023, 2, 28)
    periods = standard_periods(2026)
    assert len(periods) == 19 and periods[0].kind is PeriodKind.YEAR
    months = [p for p in periods if p.kind is PeriodKind.MONTH]
    assert all(a.end == b.start for a, b in itertools.pairwise(months))
