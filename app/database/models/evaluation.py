"""绩效评价: a period a county has checked and locked (synced, so the province sees who closed it)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, String, Text
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
