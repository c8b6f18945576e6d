"""组织建设: divisions, associations and their terms, people with their roles, positions (阵地).

References between synced tables are plain indexed columns, not foreign keys: bundles may arrive
in any order (bundle 5 before bundle 4), and a merge must never fail on a row whose parent is
still on its way. ``fpa check`` reports orphans instead.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.database.base import Base, Synced
from app.database.types import EnumText
from app.domain.enums import (
    AdminLevel,
    AssociationKind,
    DivisionLevel,
    PersonRoleKind,
    PositionKind,
    Sex,
    StaffKind,
)


class Division(Synced, Base):
    """区划: a 12-digit statistical code; local additions, renames and retirements carry dates."""

    __tablename__ = "division"

    code: Mapped[str] = mapped_column(String(12), index=True)  # unique per live row; checked by services
    name: Mapped[str] = mapped_column(String(60))
    level: Mapped[DivisionLevel] = mapped_column(EnumText(DivisionLevel, 10))
    parent_code: Mapped[str | None] = mapped_column(String(12), index=True)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)  # retired on this date
    source: Mapped[str] = mapped_column(String(20), default="统计局2023")
    note: Mapped[str | None] = mapped_column(Text)


class Association(Synced, Base):
    """协会 at a division, or in a hospital, enterprise, migrant community or school."""

    __tablename__ = "association"

    division_code: Mapped[str] = mapped_column(String(12), index=True)
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[AssociationKind] = mapped_column(EnumText(AssociationKind))
    level: Mapped[AdminLevel] = mapped_column(EnumText(AdminLevel))
    founded_on: Mapped[date | None] = mapped_column(Date)
    president: Mapped[str | None] = mapped_column(String(40))  # 会长
    secretary_general: Mapped[str | None] = mapped_column(String(40))  # 秘书长
    member_count: Mapped[int] = mapped_column(Integer, default=0)
    member_group_count: Mapped[int] = mapped_column(Integer, default=0)  # 会员小组
    has_member_home: Mapped[bool] = mapped_column(default=False)  # 会员之家 建成
    last_election_on: Mapped[date | None] = mapped_column(Date)
    phone: Mapped[str | None] = mapped_column(String(30))
    address: Mapped[str | None] = mapped_column(String(120))


class AssociationTerm(Synced, Base):
    """换届: one term election of an association."""

    __tablename__ = "association_term"

    association_id: Mapped[str] = mapped_column(String(36), index=True)
    elected_on: Mapped[date] = mapped_column(Date)
    term_years: Mapped[int] = mapped_column(Integer, default=5)
    president: Mapped[str | None] = mapped_column(String(40))
    secretary_general: Mapped[str | None] = mapped_column(String(40))
    council_size: Mapped[int | None] = mapped_column(Integer)  # 理事人数
    note: Mapped[str | None] = mapped_column(Text)


class Person(Synced, Base):
    """A person the association works with: staff, member, volunteer, instructor, officer.

    The same ID number under two ids (entered on two laptops) is a duplicate candidate for a
    person to resolve, so ``id_number`` is indexed, not unique.
    """

    __tablename__ = "person"

    name: Mapped[str] = mapped_column(String(40))
    id_number: Mapped[str | None] = mapped_column(String(18), index=True)
    sex: Mapped[Sex | None] = mapped_column(EnumText(Sex, 2))
    birth_date: Mapped[date | None] = mapped_column(Date)
    phone: Mapped[str | None] = mapped_column(String(30))
    division_code: Mapped[str] = mapped_column(String(12), index=True)
    address: Mapped[str | None] = mapped_column(String(120))
    workplace: Mapped[str | None] = mapped_column(String(80))
    name_key: Mapped[str] = mapped_column(String(120), default="")  # pinyin search key


class PersonRole(Synced, Base):
    """One role a person holds, with the attributes that role has."""

    __tablename__ = "person_role"

    person_id: Mapped[str] = mapped_column(String(36), index=True)
    role: Mapped[PersonRoleKind] = mapped_column(EnumText(PersonRoleKind))
    association_id: Mapped[str | None] = mapped_column(String(36), index=True)
    division_code: Mapped[str] = mapped_column(String(12), index=True)
    staff_kind: Mapped[StaffKind | None] = mapped_column(EnumText(StaffKind))
    title: Mapped[str | None] = mapped_column(String(40))  # 职务: 会长, 秘书长, 专干 ...
    started_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    trained_on: Mapped[date | None] = mapped_column(Date)  # instructors: last training
    certificate_no: Mapped[str | None] = mapped_column(String(40))
    service_hours: Mapped[int | None] = mapped_column(Integer)  # volunteers


class Position(Synced, Base):
    """阵地: a service position such as 会员之家, 暖心家园 or 普惠托育点."""

    __tablename__ = "position"

    division_code: Mapped[str] = mapped_column(String(12), index=True)
    association_id: Mapped[str | None] = mapped_column(String(36), index=True)
    kind: Mapped[PositionKind] = mapped_column(EnumText(PositionKind, 16))
    name: Mapped[str] = mapped_column(String(80))
    level: Mapped[AdminLevel] = mapped_column(EnumText(AdminLevel))
    opened_on: Mapped[date | None] = mapped_column(Date)
    plaque_on: Mapped[date | None] = mapped_column(Date)  # 挂牌
    funding_fen: Mapped[int] = mapped_column(Integer, default=0)
    area_m2: Mapped[int | None] = mapped_column(Integer)
    places: Mapped[int | None] = mapped_column(Integer)  # 托位 of a 普惠托育点
    address: Mapped[str | None] = mapped_column(String(120))
    closed_on: Mapped[date | None] = mapped_column(Date)
