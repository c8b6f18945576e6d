"""宣传活动 and 培训: campaign events and trainings with their counts."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.database.base import Base, Synced
from app.database.types import EnumText
from app.domain.enums import ActivityKind, Campaign, TrainingAudience


class Activity(Synced, Base):
    __tablename__ = "activity"

    division_code: Mapped[str] = mapped_column(String(12), index=True)
    association_id: Mapped[str | None] = mapped_column(String(36), index=True)
    campaign: Mapped[Campaign] = mapped_column(EnumText(Campaign, 16))
    kind: Mapped[ActivityKind] = mapped_column(
        EnumText(ActivityKind, 8), default=ActivityKind.PUBLICITY, server_default=ActivityKind.PUBLICITY.value
    )
    title: Mapped[str] = mapped_column(String(120))
    held_on: Mapped[date] = mapped_column(Date, index=True)
    place: Mapped[str | None] = mapped_column(String(120))
    sessions: Mapped[int] = mapped_column(Integer, default=1)  # 场次
    participants: Mapped[int] = mapped_column(Integer, default=0)  # 参与人次
    materials: Mapped[int] = mapped_column(Integer, default=0)  # 资料份数
    served: Mapped[int] = mapped_column(Integer, default=0)  # 服务人次
    beneficiaries: Mapped[int] = mapped_column(Integer, default=0)  # 惠及人数
    spending_fen: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str | None] = mapped_column(Text)


class Training(Synced, Base):
    __tablename__ = "training"

    division_code: Mapped[str] = mapped_column(String(12), index=True)
    title: Mapped[str] = mapped_column(String(120))
    audience: Mapped[TrainingAudience] = mapped_column(EnumText(TrainingAudience, 12))
    held_on: Mapped[date] = mapped_column(Date, index=True)
    days: Mapped[int] = mapped_column(Integer, default=1)
    place: Mapped[str | None] = mapped_column(String(120))
    organiser: Mapped[str | None] = mapped_column(String(80))
    participants: Mapped[int] = mapped_column(Integer, default=0)
    spending_fen: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str | None] = mapped_column(Text)
