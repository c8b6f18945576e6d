"""The named record sets of ``app.domain.indicators`` as SQL: tables, base conditions, fields.

One table in code: a definition from a file names a set and its fields, and this module is the
only place that says which rows and columns those are. Every set is read for a division subtree
(``division``, a 12-digit code column) and a period (``Window``): flows (visits, activities,
payments) by their date, stocks (families, villages, people) as they stand at the period's end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
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
    Activity,
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
    Training,
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
from app.domain.periods import Period
from app.services.shared.records import add_years

TERM_YEARS = 5  # 章程: an association's term


@dataclass(frozen=True)
class Window:
    """The period being evaluated, and the day stocks are judged on (its last day, or today)."""

    start: date
    end: date  # exclusive
    on: date

    @classmethod
    def of(cls, period: Period, today: date) -> Window:
        return cls(period.start, period.end, min(period.last_day, today))

    @property
    def years(self) -> tuple[int, int]:
        return self.start.year, (self.end - timedelta(days=1)).year


# A column or an SQL expression (mapped attributes and expressions mix freely in SQLAlchemy).
Sql = Any
Expr = Callable[[Window], Sql]


@dataclass(frozen=True)
class SetSql:
    """How one named set is read: the FROM, the conditions that make a row belong, its columns."""

    source: Callable[[], FromClause]
    division: Sql
    base: Callable[[Window], list[ColumnElement[bool]]]
    fields: dict[str, Expr]
    row_id: Sql
    label: Sql  # what a drill-down list names a record by (never an ID number)
    day: Sql = None  # the record's date, shown in a drill-down list
    table: str = ""
    family_id: Sql = None  # set when a row is a family (to open it)


def _text(column: Any) -> ColumnElement[str]:
    """An enumeration column read as its plain text (so a label built from it stays text)."""
    return type_coerce(column, String)


def _in(column: Any, w: Window) -> list[ColumnElement[bool]]:
    return [column >= w.start, column < w.end]


def _active_role(w: Window) -> list[ColumnElement[bool]]:
    return [
        PersonRole.deleted.is_(False),
        or_(PersonRole.started_on.is_(None), PersonRole.started_on <= w.on),
        or_(PersonRole.ended_on.is_(None), PersonRole.ended_on > w.on),
    ]


# --- 在册特殊家庭 / 在册困难家庭 -----------------------------------------------------------------

F = SpecialFamily


def _family_base(special: bool) -> Callable[[Window], list[ColumnElement[bool]]]:
    def base(w: Window) -> list[ColumnElement[bool]]:
        kind = F.category != FamilyCategory.HARDSHIP if special else F.category == FamilyCategory.HARDSHIP
        return [
            F.deleted.is_(False),
            F.status == FamilyStatus.REGISTERED,
            kind,
            or_(F.registered_on.is_(None), F.registered_on < w.end),
        ]

    return base


def _two_contacts(w: Window) -> ColumnElement[bool]:
    return and_(F.contact_township_name.is_not(None), F.contact_village_name.is_not(None))


def _doctor(w: Window) -> ColumnElement[bool]:
    return and_(
        F.doctor_name.is_not(None),
        or_(F.doctor_signed_on.is_(None), F.doctor_signed_on <= w.on),
        or_(F.doctor_expires_on.is_(None), F.doctor_expires_on >= w.on),
    )


def _green(w: Window) -> ColumnElement[bool]:
    return F.green_channel_hospital.is_not(None)


def _visited(w: Window) -> ColumnElement[bool]:
    return exists(
        select(Visit.id).where(
            Visit.family_id == F.id,
            Visit.deleted.is_(False),
            Visit.kind == VisitKind.VISIT,
            *_in(Visit.visited_on, w),
        )
    )


def _insured(w: Window) -> ColumnElement[bool]:
    last = w.end - timedelta(days=1)
    p = InsurancePolicy
    return exists(
        select(p.id).where(
            p.family_id == F.id,
            p.deleted.is_(False),
            or_(
                and_(
                    p.starts_on.is_not(None),
                    p.starts_on <= last,
                    or_(p.ends_on.is_(None), p.ends_on >= w.start),
                ),
                and_(p.starts_on.is_(None), p.year >= w.years[0], p.year <= w.years[1]),
            ),
        )
    )


def _family_label() -> ColumnElement[str]:
    return func.coalesce(F.family_no, "") + literal(" ") + F.head_name


_FAMILY_FIELDS: dict[str, Expr] = {
    "类别": lambda w: F.category,
    "两名联系人": _two_contacts,
    "家庭医生签约": _doctor,
    "就医绿色通道": _green,
    "三个全覆盖": lambda w: and_(_two_contacts(w), _doctor(w), _green(w)),
    "本期已走访": _visited,
    "有保险": _insured,
    "特别扶助月标准": lambda w: func.coalesce(F.monthly_support_fen, 0),
    "家庭": lambda w: F.id,
}

# --- 特殊家庭走访 -----------------------------------------------------------------------------

VF = aliased(SpecialFamily, name="visited_family")


def _goods_value() -> ColumnElement[int]:
    return (
        select(func.coalesce(func.sum(VisitGoods.value_fen), 0))
        .where(VisitGoods.visit_id == Visit.id, VisitGoods.deleted.is_(False))
        .scalar_subquery()
    )


def _visit_base(w: Window) -> list[ColumnElement[bool]]:
    return [
        Visit.deleted.is_(False),
        Visit.kind == VisitKind.VISIT,
        *_in(Visit.visited_on, w),
        VF.deleted.is_(False),
        VF.category != FamilyCategory.HARDSHIP,
    ]


# --- 村居 ----------------------------------------------------------------------------------


def _village_base(w: Window) -> list[ColumnElement[bool]]:
    return [
        Division.deleted.is_(False),
        Division.level == DivisionLevel.VILLAGE,
        or_(Division.valid_from.is_(None), Division.valid_from <= w.on),
        or_(Division.valid_to.is_(None), Division.valid_to > w.on),
    ]


def _has_association(w: Window) -> ColumnElement[bool]:
    return exists(
        select(Association.id).where(
            Association.division_code == Division.code,
            Association.deleted.is_(False),
            or_(Association.founded_on.is_(None), Association.founded_on < w.end),
        )
    )


def _has_member_home(w: Window) -> ColumnElement[bool]:
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


def _instructors(w: Window) -> ColumnElement[int]:
    return (
        select(func.count())
        .select_from(PersonRole)
        .where(
            PersonRole.division_code == Division.code,
            PersonRole.role == PersonRoleKind.HEALTH_INSTRUCTOR,
            *_active_role(w),
        )
        .scalar_subquery()
    )


# --- 协会 ----------------------------------------------------------------------------------


def _elected_in_time(w: Window) -> ColumnElement[bool]:
    since = add_years(w.on, -TERM_YEARS)
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


def _project_years(column: Any, w: Window) -> list[ColumnElement[bool]]:
    return [column >= w.years[0], column <= w.years[1]]


def _payment_base(w: Window) -> list[ColumnElement[bool]]:
    return [
        ProjectPayment.deleted.is_(False),
        ProjectPayment.paid_on < w.end,
        PP.deleted.is_(False),
        *_project_years(PP.year, w),
    ]


def _payment_source() -> FromClause:
    return ProjectPayment.__table__.join(PP, PP.id == ProjectPayment.project_id).outerjoin(
        ProjectBeneficiary.__table__, ProjectBeneficiary.id == ProjectPayment.beneficiary_id
    )


SETS: dict[str, SetSql] = {
    "在册特殊家庭": SetSql(
        source=lambda: F.__table__,
        division=F.division_code,
        base=_family_base(True),
        fields=_FAMILY_FIELDS,
        row_id=F.id,
        label=_family_label(),
        day=F.registered_on,
        table="special_family",
        family_id=F.id,
    ),
    "在册困难家庭": SetSql(
        source=lambda: F.__table__,
        division=F.division_code,
        base=_family_base(False),
        fields={"本期已走访": _visited, "家庭": lambda w: F.id},
        row_id=F.id,
        label=_family_label(),
        day=F.registered_on,
        table="special_family",
        family_id=F.id,
    ),
    "特殊家庭走访": SetSql(
        source=lambda: Visit.__table__.join(VF, VF.id == Visit.family_id),
        division=Visit.division_code,
        base=_visit_base,
        fields={
            "场合": lambda w: Visit.occasion,
            "方式": lambda w: Visit.way,
            "资金来源": lambda w: Visit.fund_source,
            "慰问金": lambda w: Visit.cash_fen,
            "物品价值": lambda w: _goods_value(),
            "慰问金额": lambda w: Visit.cash_fen + _goods_value(),
            "家庭": lambda w: Visit.family_id,
        },
        row_id=Visit.id,
        label=func.coalesce(VF.family_no, "")
        + literal(" ")
        + VF.head_name
        + literal(" · ")
        + _text(Visit.occasion),
        day=Visit.visited_on,
        table="visit",
        family_id=Visit.family_id,
    ),
    "村居": SetSql(
        source=lambda: Division.__table__,
        division=Division.code,
        base=_village_base,
        fields={
            "有协会": _has_association,
            "有会员之家": _has_member_home,
            "家庭健康指导员数": _instructors,
        },
        row_id=Division.id,
        label=Division.name,
        table="division",
    ),
    "协会": SetSql(
        source=lambda: Association.__table__,
        division=Association.division_code,
        base=lambda w: [
            Association.deleted.is_(False),
            or_(Association.founded_on.is_(None), Association.founded_on < w.end),
        ],
        fields={
            "类型": lambda w: Association.kind,
            "层级": lambda w: Association.level,
            "会员数": lambda w: Association.member_count,
            "会员小组数": lambda w: Association.member_group_count,
            "有会员之家": lambda w: Association.has_member_home.is_(True),
            "换届按时": _elected_in_time,
        },
        row_id=Association.id,
        label=Association.name,
        day=Association.last_election_on,
        table="association",
    ),
    "在岗人员": SetSql(
        source=lambda: PersonRole.__table__,
        division=PersonRole.division_code,
        base=_active_role,
        fields={
            "角色": lambda w: PersonRole.role,
            "人员类别": lambda w: PersonRole.staff_kind,
            "本年已培训": lambda w: and_(
                PersonRole.trained_on >= date(w.start.year, 1, 1), PersonRole.trained_on < w.end
            ),
            "服务时长": lambda w: func.coalesce(PersonRole.service_hours, 0),
            "人员": lambda w: PersonRole.person_id,
        },
        row_id=PersonRole.id,
        label=_text(PersonRole.role) + literal(" ") + func.coalesce(PersonRole.title, ""),
        day=PersonRole.trained_on,
        table="person_role",
    ),
    "项目": SetSql(
        source=lambda: Project.__table__,
        division=Project.division_code,
        base=lambda w: [Project.deleted.is_(False), *_project_years(Project.year, w)],
        fields={
            "层级": lambda w: Project.level,
            "状态": lambda w: Project.status,
            "下拨资金": lambda w: Project.allocated_fen,
            "配套资金": lambda w: Project.matched_fen,
            "自筹资金": lambda w: Project.self_raised_fen,
            "社会捐赠": lambda w: Project.donated_fen,
            "已公示": lambda w: and_(Project.notice_from.is_not(None), Project.notice_from <= w.on),
            "已交终期报告": lambda w: and_(
                Project.final_report_on.is_not(None), Project.final_report_on <= w.on
            ),
        },
        row_id=Project.id,
        label=Project.name,
        day=Project.started_on,
        table="project",
    ),
    "项目发放": SetSql(
        source=_payment_source,
        division=PP.division_code,
        base=_payment_base,
        fields={
            "方式": lambda w: ProjectPayment.method,
            "金额": lambda w: ProjectPayment.amount_fen,
            "已公示": lambda w: and_(
                ProjectPayment.notice_published_on.is_not(None), ProjectPayment.notice_published_on <= w.on
            ),
            "项目": lambda w: ProjectPayment.project_id,
            "受益对象": lambda w: ProjectPayment.beneficiary_id,
        },
        row_id=ProjectPayment.id,
        label=PP.name + literal(" · ") + func.coalesce(ProjectBeneficiary.name, ""),
        day=ProjectPayment.paid_on,
        table="project_payment",
    ),
    "宣传服务活动": SetSql(
        source=lambda: Activity.__table__,
        division=Activity.division_code,
        base=lambda w: [Activity.deleted.is_(False), *_in(Activity.held_on, w)],
        fields={
            "活动": lambda w: Activity.campaign,
            "场次": lambda w: Activity.sessions,
            "参与人次": lambda w: Activity.participants,
            "资料份数": lambda w: Activity.materials,
            "服务人次": lambda w: Activity.served,
            "惠及人数": lambda w: Activity.beneficiaries,
            "经费": lambda w: Activity.spending_fen,
        },
        row_id=Activity.id,
        label=Activity.title,
        day=Activity.held_on,
        table="activity",
    ),
    "培训": SetSql(
        source=lambda: Training.__table__,
        division=Training.division_code,
        base=lambda w: [Training.deleted.is_(False), *_in(Training.held_on, w)],
        fields={
            "对象": lambda w: Training.audience,
            "天数": lambda w: Training.days,
            "参训人次": lambda w: Training.participants,
            "经费": lambda w: Training.spending_fen,
        },
        row_id=Training.id,
        label=Training.title,
        day=Training.held_on,
        table="training",
    ),
}
