"""The derived fields and base conditions of the named record sets (三个全覆盖, visited this period,
instructors of a village, a term election in time …), each a function of the ``Window``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import (
    ColumnElement,
    FromClause,
    String,
    and_,
    exists,
    func,
    literal,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import aliased

from app.database.models import (
    Association,
    AssociationTerm,
    Division,
    InsurancePolicy,
    PersonRole,
    Position,
    Project,
    ProjectBeneficiary,
    ProjectPayment,
    SpecialFamily,
    Visit,
    VisitGoods,
)
from app.domain.enums import (
    DivisionLevel,
    FamilyCategory,
    FamilyStatus,
    PersonRoleKind,
    PositionKind,
    VisitKind,
)
from app.services.evaluation.window import Window, in_period

Expr = Callable[[Window], Any]


def text(column: Any) -> ColumnElement[str]:
    """An enumeration column read as its plain text (so a label built from it stays text)."""
    return type_coerce(column, String)


def active_role(w: Window) -> list[ColumnElement[bool]]:
    return [
        PersonRole.deleted.is_(False),
        or_(PersonRole.started_on.is_(None), PersonRole.started_on <= w.on),
        or_(PersonRole.ended_on.is_(None), PersonRole.ended_on > w.on),
    ]


# --- 在册特殊家庭 / 在册困难家庭 -----------------------------------------------------------------

F = SpecialFamily


def family_base(special: bool) -> Callable[[Window], list[ColumnElement[bool]]]:
    def base(w: Window) -> list[ColumnElement[bool]]:
        kind = F.category != FamilyCategory.HARDSHIP if special else F.category == FamilyCategory.HARDSHIP
        return [
            F.deleted.is_(False),
            F.status == FamilyStatus.REGISTERED,
            kind,
            or_(F.registered_on.is_(None), F.registered_on < w.end),
        ]

    return base


def two_contacts(w: Window) -> ColumnElement[bool]:
    return and_(F.contact_township_name.is_not(None), F.contact_village_name.is_not(None))


def doctor(w: Window) -> ColumnElement[bool]:
    return and_(
        F.doctor_name.is_not(None),
        or_(F.doctor_signed_on.is_(None), F.doctor_signed_on <= w.on),
        or_(F.doctor_expires_on.is_(None), F.doctor_expires_on >= w.on),
    )


def green(w: Window) -> ColumnElement[bool]:
    return F.green_channel_hospital.is_not(None)


def visited(w: Window) -> ColumnElement[bool]:
    return exists(
        select(Visit.id).where(
            Visit.family_id == F.id,
            Visit.deleted.is_(False),
            Visit.kind == VisitKind.VISIT,
            *in_period(Visit.visited_on, w),
        )
    )


def insured(w: Window) -> ColumnElement[bool]:
    p = InsurancePolicy
    return exists(
        select(p.id).where(
            p.family_id == F.id,
            p.deleted.is_(False),
            or_(
                and_(
                    p.starts_on.is_not(None),
                    p.starts_on <= w.last,
                    or_(p.ends_on.is_(None), p.ends_on >= w.start),
                ),
                and_(p.starts_on.is_(None), p.year >= w.first_year, p.year <= w.last_year),
            ),
        )
    )


def family_label() -> ColumnElement[str]:
    return func.coalesce(F.family_no, "") + literal(" ") + F.head_name


FAMILY_FIELDS: dict[str, Expr] = {
    "类别": lambda w: F.category,
    "两名联系人": two_contacts,
    "家庭医生签约": doctor,
    "就医绿色通道": green,
    "三个全覆盖": lambda w: and_(two_contacts(w), doctor(w), green(w)),
    "本期已走访": visited,
    "有保险": insured,
    "特别扶助月标准": lambda w: func.coalesce(F.monthly_support_fen, 0),
    "家庭": lambda w: F.id,
}

# --- 特殊家庭走访 -----------------------------------------------------------------------------

VF = aliased(SpecialFamily, name="visited_family")


def goods_value() -> ColumnElement[int]:
    return (
        select(func.coalesce(func.sum(VisitGoods.value_fen), 0))
        .where(VisitGoods.visit_id == Visit.id, VisitGoods.deleted.is_(False))
        .scalar_subquery()
    )


def visit_base(w: Window) -> list[ColumnElement[bool]]:
    return [
        Visit.deleted.is_(False),
        Visit.kind == VisitKind.VISIT,
        *in_period(Visit.visited_on, w),
        VF.deleted.is_(False),
        VF.category != FamilyCategory.HARDSHIP,
    ]


# --- 村居 ----------------------------------------------------------------------------------


def village_base(w: Window) -> list[ColumnElement[bool]]:
    return [
        Division.deleted.is_(False),
        Division.level == DivisionLevel.VILLAGE,
        or_(Division.valid_from.is_(None), Division.valid_from <= w.on),
        or_(Division.valid_to.is_(None), Division.valid_to > w.on),
    ]


def has_association(w: Window) -> ColumnElement[bool]:
    return exists(
        select(Association.id).where(
            Association.division_code == Division.code,
            Association.deleted.is_(False),
            or_(Association.founded_on.is_(None), Association.founded_on < w.end),
        )
    )


def has_member_home(w: Window) -> ColumnElement[bool]:
    home = select(Association.id).where(
        Association.division_code == Division.code,
        Association.deleted.is_(False),
        Association.has_member_home.is_(True),
    )
    position = select(Position.id).where(
        Position.division_code == Division.code,
        Position.deleted.is_(False),
        Position.kind == PositionKind.MEMBER_HOME,
        or_(Position.opened_on.is_(None), Position.opened_on <= w.on),
        or_(Position.closed_on.is_(None), Position.closed_on > w.on),
    )
    return or_(exists(home), exists(position))


def instructors(w: Window) -> ColumnElement[int]:
    return (
        select(func.count())
        .select_from(PersonRole)
        .where(
            PersonRole.division_code == Division.code,
            PersonRole.role == PersonRoleKind.HEALTH_INSTRUCTOR,
            *active_role(w),
        )
        .scalar_subquery()
    )


# --- 协会 ----------------------------------------------------------------------------------


def elected_in_time(w: Window) -> ColumnElement[bool]:
    since = w.term_since
    term = select(AssociationTerm.id).where(
        AssociationTerm.association_id == Association.id,
        AssociationTerm.deleted.is_(False),
        AssociationTerm.elected_on > since,
        AssociationTerm.elected_on <= w.on,
    )
    own = and_(Association.last_election_on > since, Association.last_election_on <= w.on)
    return or_(own, exists(term))


# --- 项目 / 项目发放 ---------------------------------------------------------------------------

PP = aliased(Project, name="paid_project")


def project_years(column: Any, w: Window) -> list[ColumnElement[bool]]:
    return [column >= w.first_year, column <= w.last_year]


def payment_base(w: Window) -> list[ColumnElement[bool]]:
    return [
        ProjectPayment.deleted.is_(False),
        ProjectPayment.paid_on < w.end,
        PP.deleted.is_(False),
        *project_years(PP.year, w),
    ]


def payment_source() -> FromClause:
    return ProjectPayment.__table__.join(PP, PP.id == ProjectPayment.project_id).outerjoin(
        ProjectBeneficiary.__table__, ProjectBeneficiary.id == ProjectPayment.beneficiary_id
    )
