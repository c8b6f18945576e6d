"""The period an indicator is evaluated for, as SQL sees it: real dates, or bound parameters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Date, Integer, bindparam
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from app.domain.periods import Period
from app.services.shared.records import add_years

TERM_YEARS = 5  # 章程: an association's term


@dataclass(frozen=True)
class Window:
    """The period being evaluated, and the day stocks are judged on (its last day, or today).

    The statements are built once over ``PARAMS`` (bound parameters in every field) and run with
    ``params()`` of the real window, so a sheet costs the queries, not building and compiling them.
    """

    start: Any  # first day
    end: Any  # the day after the last
    last: Any  # the last day
    on: Any  # the day stocks are judged on
    year_start: Any  # 1 January of the period's first year
    term_since: Any  # five years (a term) before ``on``
    first_year: Any
    last_year: Any

    @classmethod
    def of(cls, period: Period, today: date) -> Window:
        on = min(period.last_day, today)
        return cls(
            period.start,
            period.end,
            period.last_day,
            on,
            date(period.start.year, 1, 1),
            add_years(on, -TERM_YEARS),
            period.start.year,
            period.last_day.year,
        )

    def params(self) -> dict[str, Any]:
        return {f"w_{name}": getattr(self, name) for name in self.__dataclass_fields__}


PARAMS = Window(
    *(
        bindparam(f"w_{name}", type_=Integer if name.endswith("year") else Date)
        for name in Window.__dataclass_fields__
    )
)


class unindexed(FunctionElement[Any]):
    """A column SQLite should not search by: its planner takes the date index (a half-year of the
    whole province) over the division range (one county), which made a county's sheet scan every
    visit of the province. SQLite's unary + keeps the value and hides the index; others ignore it."""

    name = "unindexed"
    inherit_cache = True


@compiles(unindexed)
def _plain(element: unindexed, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))


@compiles(unindexed, "sqlite")
def _plus(element: unindexed, compiler: Any, **kw: Any) -> str:
    return "+" + str(compiler.process(element.clauses, **kw))


def in_period(column: Any, w: Window) -> list[ColumnElement[bool]]:
    """A flow record's date in the period (searched by division, not by date: see ``unindexed``)."""
    return [unindexed(column) >= w.start, unindexed(column) < w.end]
