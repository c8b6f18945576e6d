"""The figures of the 数据分析 page (一屏掌控): plain rows the charts draw, for a division and a period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Card:
    """A headline figure with the same period a year earlier."""

    key: str
    caption: str
    value: float | int | None
    previous: float | int | None
    kind: str  # "count", "money" (fen) or "percent" (0..1)
    unit: str = ""
    detail: str = ""

    @property
    def change(self) -> float | None:
        """Relative change against a year earlier; None when there was nothing to compare with."""
        if self.value is None or not self.previous:
            return None
        return (self.value - self.previous) / self.previous


@dataclass(frozen=True)
class DivisionBar:
    """One township (or county): its register and how much of it the work reached."""

    code: str
    name: str
    registered: int
    visited: int
    all_three: int

    @property
    def visit_rate(self) -> float | None:
        return self.visited / self.registered if self.registered else None

    @property
    def all_three_rate(self) -> float | None:
        return self.all_three / self.registered if self.registered else None


@dataclass(frozen=True)
class MonthPoint:
    month: date  # its first day
    visits: int
    households: int
    money_fen: int  # cash and goods


@dataclass(frozen=True)
class ProjectBar:
    project_id: str
    name: str
    allocated_fen: int
    paid_fen: int

    @property
    def rate(self) -> float | None:
        return self.paid_fen / self.allocated_fen if self.allocated_fen else None


@dataclass(frozen=True)
class YearChange:
    caption: str
    current: int
    previous: int
    kind: str = "count"

    @property
    def change(self) -> float | None:
        return (self.current - self.previous) / self.previous if self.previous else None


@dataclass(frozen=True)
class Dashboard:
    division_code: str
    division_name: str
    period_code: str
    period_label: str
    previous_label: str
    cards: tuple[Card, ...]
    coverage: tuple[DivisionBar, ...]
    trend: tuple[MonthPoint, ...]
    funds: tuple[ProjectBar, ...]
    year_on_year: tuple[YearChange, ...]


@dataclass(frozen=True)
class DrillFamily:
    """A family behind a township's bar: the to-do list of those not yet visited in the period."""

    family_id: str
    township: str
    village: str
    head_name: str
    category: str
    phone: str
    last_visit_on: date | None
    visits_in_period: int


@dataclass(frozen=True)
class DrillPayment:
    """A payment behind a project's bar."""

    paid_on: date
    township: str
    village: str
    name: str
    amount_fen: int
    method: str
