"""项目服务: the project catalogue, projects with their funds, beneficiaries and payments."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.database.base import Base, Synced
from app.database.types import EnumText
from app.domain.enums import AdminLevel, PaymentMethod, ProjectStatus


class ProjectCatalogueEntry(Synced, Base):
    """A programme in the catalogue the province issues (住院护理补贴, 计生保险, 幸福工程 ...)."""

    __tablename__ = "project_catalogue"

    code: Mapped[str] = mapped_column(String(20), index=True)  # ids derive from the code (uuid5)
    name: Mapped[str] = mapped_column(String(60))
    category: Mapped[str] = mapped_column(String(30))  # 特殊家庭帮扶 / 家庭健康 / 青春健康 ...
    level: Mapped[AdminLevel] = mapped_column(EnumText(AdminLevel))
    pays_individuals: Mapped[bool] = mapped_column(default=False)  # 一卡通 by the reported list
    description: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(default=True)


class Project(Synced, Base):
    """One project carried out in a year by a division's association."""

    __tablename__ = "project"

    catalogue_code: Mapped[str] = mapped_column(String(20), index=True)
    name: Mapped[str] = mapped_column(String(80))
    year: Mapped[int] = mapped_column(Integer, index=True)
    level: Mapped[AdminLevel] = mapped_column(EnumText(AdminLevel))
    division_code: Mapped[str] = mapped_column(String(12), index=True)
    document_no: Mapped[str | None] = mapped_column(String(60))  # 文号
    status: Mapped[ProjectStatus] = mapped_column(EnumText(ProjectStatus, 8), default=ProjectStatus.APPLIED)
    allocated_fen: Mapped[int] = mapped_column(Integer, default=0)  # 下拨
    matched_fen: Mapped[int] = mapped_column(Integer, default=0)  # 配套
    self_raised_fen: Mapped[int] = mapped_column(Integer, default=0)  # 自筹
    donated_fen: Mapped[int] = mapped_column(Integer, default=0)  # 社会捐赠
    started_on: Mapped[date | None] = mapped_column(Date)
    notice_from: Mapped[date | None] = mapped_column(Date)  # 公示
    notice_to: Mapped[date | None] = mapped_column(Date)
    final_report_due_on: Mapped[date | None] = mapped_column(Date)  # 终期报告 due (on time or not)
    final_report_on: Mapped[date | None] = mapped_column(Date)  # the day it came
    final_report_content: Mapped[str | None] = mapped_column(Text)
    evaluated_on: Mapped[date | None] = mapped_column(Date)
    evaluation_score: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)


class ProjectBeneficiary(Synced, Base):
    """A person or family on a project's reported list."""

    __tablename__ = "project_beneficiary"

    project_id: Mapped[str] = mapped_column(String(36), index=True)
    family_id: Mapped[str | None] = mapped_column(String(36), index=True)
    name: Mapped[str] = mapped_column(String(40))
    id_number: Mapped[str | None] = mapped_column(String(18), index=True)
    division_code: Mapped[str] = mapped_column(String(12), index=True)
    reason: Mapped[str | None] = mapped_column(String(120))
    approved_on: Mapped[date | None] = mapped_column(Date)


class ProjectPayment(Synced, Base):
    """Money (in fen) or goods paid to a beneficiary; individuals are paid strictly by the list."""

    __tablename__ = "project_payment"

    project_id: Mapped[str] = mapped_column(String(36), index=True)
    beneficiary_id: Mapped[str] = mapped_column(String(36), index=True)
    paid_on: Mapped[date] = mapped_column(Date)
    amount_fen: Mapped[int] = mapped_column(Integer)
    method: Mapped[PaymentMethod] = mapped_column(EnumText(PaymentMethod, 8))
    bank_account: Mapped[str | None] = mapped_column(String(32))  # sensitive: masked on screen
    reference: Mapped[str | None] = mapped_column(String(60))
    notice_published_on: Mapped[date | None] = mapped_column(Date)
