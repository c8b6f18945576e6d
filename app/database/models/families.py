"""计生特殊家庭 and 困难家庭: families, members, 三个全覆盖, visits, insurance, support standards."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.database.base import Base, Synced
from app.database.types import EnumText
from app.domain.enums import (
    FamilyCategory,
    FamilyStatus,
    FundSource,
    MemberRelation,
    Sex,
    VisitKind,
    VisitOccasion,
    VisitWay,
    WarmAction,
)


class SpecialFamily(Synced, Base):
    """A special (失独 / 伤残 / 手术并发症) or hardship family, with its 三个全覆盖 coverage."""

    __tablename__ = "special_family"
    # The family list's default order (newest registered first) with every column its filters and
    # search read: a keystroke walks this narrow index and stops at the first screens of matches,
    # instead of scanning and sorting the whole wide table (100 000 families: 25 ms → under 3 ms).
    __table_args__ = (
        Index(
            "ix_special_family__list",
            "registered_on",
            "id",
            "deleted",
            "division_code",
            "status",
            "category",
            "name_key",
            "head_id_number",
            "phone",
            "family_no",
        ),
    )

    division_code: Mapped[str] = mapped_column(String(12), index=True)  # the village
    family_no: Mapped[str | None] = mapped_column(String(30), index=True)  # 档案编号
    category: Mapped[FamilyCategory] = mapped_column(EnumText(FamilyCategory))
    disability_grade: Mapped[int | None] = mapped_column(Integer)  # 伤残等级 1–4 (child)
    status: Mapped[FamilyStatus] = mapped_column(EnumText(FamilyStatus), default=FamilyStatus.REGISTERED)
    status_changed_on: Mapped[date | None] = mapped_column(Date)
    registered_on: Mapped[date | None] = mapped_column(Date)
    head_name: Mapped[str] = mapped_column(String(40))  # 户主 / 主要联系人 (also a member row)
    head_id_number: Mapped[str | None] = mapped_column(String(18), index=True)
    name_key: Mapped[str] = mapped_column(String(120), default="")  # pinyin search key of the head
    phone: Mapped[str | None] = mapped_column(String(30))
    address: Mapped[str | None] = mapped_column(String(120))
    # 三个全覆盖 (1): two contact persons, a township cadre and a village cadre.
    contact_township_name: Mapped[str | None] = mapped_column(String(40))
    contact_township_phone: Mapped[str | None] = mapped_column(String(30))
    contact_village_name: Mapped[str | None] = mapped_column(String(40))
    contact_village_phone: Mapped[str | None] = mapped_column(String(30))
    # (2) family doctor signed.
    doctor_institution: Mapped[str | None] = mapped_column(String(80))
    doctor_name: Mapped[str | None] = mapped_column(String(40))
    doctor_signed_on: Mapped[date | None] = mapped_column(Date)
    doctor_expires_on: Mapped[date | None] = mapped_column(Date)
    # (3) hospital green channel.
    green_channel_hospital: Mapped[str | None] = mapped_column(String(80))
    green_channel_since: Mapped[date | None] = mapped_column(Date)
    monthly_support_fen: Mapped[int | None] = mapped_column(Integer)  # 特别扶助 per person per month
    needs: Mapped[str | None] = mapped_column(Text)  # 需求 noted at visits
    note: Mapped[str | None] = mapped_column(Text)


class FamilyMember(Synced, Base):
    __tablename__ = "family_member"
    # The search by a member's name (``%王秀%``) scans this narrow index, not the member table.
    __table_args__ = (Index("ix_family_member__search", "name", "family_id", "deleted"),)

    family_id: Mapped[str] = mapped_column(String(36), index=True)
    name: Mapped[str] = mapped_column(String(40))
    relation: Mapped[MemberRelation] = mapped_column(EnumText(MemberRelation, 8))
    id_number: Mapped[str | None] = mapped_column(String(18), index=True)
    sex: Mapped[Sex | None] = mapped_column(EnumText(Sex, 2))
    birth_date: Mapped[date | None] = mapped_column(Date)
    is_deceased: Mapped[bool] = mapped_column(default=False)
    died_on: Mapped[date | None] = mapped_column(Date)
    disability_grade: Mapped[int | None] = mapped_column(Integer)
    health_note: Mapped[str | None] = mapped_column(Text)  # sensitive: health condition
    phone: Mapped[str | None] = mapped_column(String(30))
    bank_name: Mapped[str | None] = mapped_column(String(40))
    bank_account: Mapped[str | None] = mapped_column(String(32))  # sensitive: masked on screen
    receives_support: Mapped[bool] = mapped_column(default=False)  # 享受特别扶助


class Visit(Synced, Base):
    """走访慰问 or 精神慰藉 contact with a family, often entered from a printed visit form."""

    __tablename__ = "visit"
    # A period's visits with what the figures read of them (数据分析: 100 000 families' year of
    # visits counted by township and month from this index alone).
    __table_args__ = (
        Index("ix_visit__period", "visited_on", "deleted", "division_code", "family_id", "cash_fen", "id"),
    )

    family_id: Mapped[str] = mapped_column(String(36), index=True)
    division_code: Mapped[str] = mapped_column(String(12), index=True)
    kind: Mapped[VisitKind] = mapped_column(EnumText(VisitKind, 8), default=VisitKind.VISIT)
    visited_on: Mapped[date] = mapped_column(Date, index=True)
    occasion: Mapped[VisitOccasion] = mapped_column(EnumText(VisitOccasion, 16))
    way: Mapped[VisitWay] = mapped_column(EnumText(VisitWay, 8))
    visitors: Mapped[str] = mapped_column(String(120))
    cash_fen: Mapped[int] = mapped_column(Integer, default=0)
    fund_source: Mapped[FundSource | None] = mapped_column(EnumText(FundSource, 12))
    needs_raised: Mapped[str | None] = mapped_column(Text)
    follow_up: Mapped[str | None] = mapped_column(Text)
    follow_up_done_on: Mapped[date | None] = mapped_column(Date)
    form_number: Mapped[str | None] = mapped_column(String(40), index=True)  # printed form's number
    note: Mapped[str | None] = mapped_column(Text)


class VisitGoods(Synced, Base):
    """One line of goods handed over at a visit (item, quantity, value)."""

    __tablename__ = "visit_goods"
    __table_args__ = (Index("ix_visit_goods__value", "visit_id", "deleted", "value_fen"),)

    visit_id: Mapped[str] = mapped_column(String(36), index=True)
    item: Mapped[str] = mapped_column(String(40))
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    unit: Mapped[str | None] = mapped_column(String(8))
    value_fen: Mapped[int] = mapped_column(Integer, default=0)


class InsurancePolicy(Synced, Base):
    """保险保障: a 计生保险 policy covering a family (premium often paid by a project)."""

    __tablename__ = "insurance_policy"
    __table_args__ = (Index("ix_insurance_policy__year", "year", "deleted", "family_id", "premium_fen"),)

    family_id: Mapped[str] = mapped_column(String(36), index=True)
    product: Mapped[str] = mapped_column(String(60))
    insurer: Mapped[str | None] = mapped_column(String(60))
    policy_no: Mapped[str | None] = mapped_column(String(40))
    year: Mapped[int] = mapped_column(Integer)
    premium_fen: Mapped[int] = mapped_column(Integer, default=0)
    insured_amount_fen: Mapped[int] = mapped_column(Integer, default=0)
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)


class SupportStandard(Synced, Base):
    """特别扶助 standard: an amount per person per month, by region, year and category (data)."""

    __tablename__ = "support_standard"

    division_code: Mapped[str] = mapped_column(String(12), index=True)
    year: Mapped[int] = mapped_column(Integer)
    category: Mapped[FamilyCategory] = mapped_column(EnumText(FamilyCategory))
    disability_grade: Mapped[int | None] = mapped_column(Integer)
    monthly_fen: Mapped[int] = mapped_column(Integer)


class VolunteerService(Synced, Base):
    """志愿服务 given to a family: when, by which volunteer, what, under which 暖心行动 system."""

    __tablename__ = "volunteer_service"

    family_id: Mapped[str] = mapped_column(String(36), index=True)
    division_code: Mapped[str] = mapped_column(String(12), index=True)
    person_id: Mapped[str | None] = mapped_column(String(36), index=True)  # the volunteer, when registered
    volunteer_name: Mapped[str] = mapped_column(String(40))
    served_on: Mapped[date] = mapped_column(Date, index=True)
    system: Mapped[WarmAction] = mapped_column(EnumText(WarmAction, 8), default=WarmAction.VOLUNTEER_SERVICE)
    service: Mapped[str] = mapped_column(String(120))  # 陪同就医, 代购, 打扫 ...
    hours: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)


class InsuranceClaim(Synced, Base):
    """理赔: a payout on an insurance policy."""

    __tablename__ = "insurance_claim"

    policy_id: Mapped[str] = mapped_column(String(36), index=True)
    family_id: Mapped[str] = mapped_column(String(36), index=True)
    claimed_on: Mapped[date] = mapped_column(Date, index=True)
    paid_on: Mapped[date | None] = mapped_column(Date)
    amount_fen: Mapped[int] = mapped_column(Integer, default=0)
    reason: Mapped[str | None] = mapped_column(String(120))
