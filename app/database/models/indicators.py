"""绩效评价: indicator definitions and targets issued by the province. Values are computed."""

from __future__ import annotations

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.database.base import Base, Synced


class IndicatorDefinition(Synced, Base):
    __tablename__ = "indicator_definition"

    code: Mapped[str] = mapped_column(String(20), index=True)  # ids derive from the code (uuid5)
    name: Mapped[str] = mapped_column(String(80))
    module: Mapped[str] = mapped_column(String(20))  # 组织建设 / 项目服务 / 特殊家庭 ...
    formula: Mapped[str] = mapped_column(Text)  # a named computation, see app/services/indicators
    unit: Mapped[str] = mapped_column(String(10), default="%")
    description: Mapped[str | None] = mapped_column(Text)


class IndicatorTarget(Synced, Base):
    __tablename__ = "indicator_target"

    indicator_code: Mapped[str] = mapped_column(String(20), index=True)
    division_code: Mapped[str] = mapped_column(String(12), index=True)
    year: Mapped[int] = mapped_column(Integer)
    # Targets are whole numbers in the indicator's unit times 100 (so 95.5 % is 9550): exact, no floats.
    target_x100: Mapped[int] = mapped_column(Integer)
