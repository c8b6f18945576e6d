"""绩效评价: a period a county has checked and locked (synced, so the province sees who closed it)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.database.base import Base, Synced


class PeriodLock(Synced, Base):
    """Records dated in [starts_on, ends_on) within the division's subtree may not be edited while
    ``unlocked_at`` is empty; an unlock keeps the row (who, when, why) and travels up as well."""

    __tablename__ = "period_lock"

    division_code: Mapped[str] = mapped_column(String(12), index=True)
    period_code: Mapped[str] = mapped_column(String(24))  # 2026H1, 2026-05, 2026-05-01..2026-05-31
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)  # exclusive, as Period.end
    locked_by: Mapped[str] = mapped_column(String(40))
    locked_at: Mapped[datetime] = mapped_column(DateTime)
    note: Mapped[str | None] = mapped_column(Text)
    unlocked_by: Mapped[str | None] = mapped_column(String(40))
    unlocked_at: Mapped[datetime | None] = mapped_column(DateTime)
    unlock_reason: Mapped[str | None] = mapped_column(Text)


class DivisionPopulation(Synced, Base):
    """常住人口 of a township in a year, as the county records it: the per-10 000-residents figures
    divide by it, and a county's or province's residents are the sum of its townships' (synced up)."""

    __tablename__ = "division_population"

    division_code: Mapped[str] = mapped_column(String(12), index=True)  # a township
    year: Mapped[int] = mapped_column(Integer)
    residents: Mapped[int] = mapped_column(Integer)
