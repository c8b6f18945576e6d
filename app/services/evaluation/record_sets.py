"""The named record sets of ``app.domain.indicators`` as SQL: tables, base conditions, fields.

One table in code: a definition from a file names a set and its fields, and this module is the
only place that says which rows and columns those are. Every set is read for a division subtree
(``division``, a 12-digit code column) and a period (``Window``): flows (visits, activities,
payments) by their date, stocks (families, villages, people) as they stand at the period's end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, FromClause, and_, func, literal, or_, select
from sqlalchemy.orm import aliased

from app.database.models import (
    Activity,
    Association,
    Division,
    DivisionPopulation,
    PersonRole,
    Project,
    ProjectBeneficiary,
    ProjectPayment,
    Training,
    Visit,
)
from app.services.evaluation import conditions as c
from app.services.evaluation.window import PARAMS, Window, in_period

__all__ = ["PARAMS", "SETS", "SetSql", "Window"]

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


_POP = aliased(DivisionPopulation, name="later_population")


def _latest_year(w: Window) -> Any:
    """A township's residents for the period's year, or its latest year before that."""
    return (
        select(func.max(_POP.year))
        .where(
            _POP.division_code == DivisionPopulation.division_code,
            _POP.deleted.is_(False),
            _POP.year <= w.last_year,
        )
        .scalar_subquery()
    )


SETS: dict[str, SetSql] = {
    "在册特殊家庭": SetSql(
        source=lambda: c.F.__table__,
        division=c.F.division_code,
        base=c.family_base(True),
        fields=c.FAMILY_FIELDS,
        row_id=c.F.id,
        label=c.family_label(),
        day=c.F.registered_on,
        table="special_family",
        family_id=c.F.id,
    ),
    "在册困难家庭": SetSql(
        source=lambda: c.F.__table__,
        division=c.F.division_code,
        base=c.family_base(False),
        fields={"本期已走访": c.visited, "家庭": lambda w: c.F.id},
        row_id=c.F.id,
        label=c.family_label(),
        day=c.F.registered_on,
        table="special_family",
        family_id=c.F.id,
    ),
    "特殊家庭走访": SetSql(
        source=lambda: Visit.__table__.join(c.VF, c.VF.id == Visit.family_id),
        division=Visit.division_code,
        base=c.visit_base,
        fields={
            "场合": lambda w: Visit.occasion,
            "方式": lambda w: Visit.way,
            "资金来源": lambda w: Visit.fund_source,
            "慰问金": lambda w: Visit.cash_fen,
            "物品价值": lambda w: c.goods_value(),
            "慰问金额": lambda w: Visit.cash_fen + c.goods_value(),
            "家庭": lambda w: Visit.family_id,
        },
        row_id=Visit.id,
        label=func.coalesce(c.VF.family_no, "")
        + literal(" ")
        + c.VF.head_name
        + literal(" · ")
        + c.text(Visit.occasion),
        day=Visit.visited_on,
        table="visit",
        family_id=Visit.family_id,
    ),
    "村居": SetSql(
        source=lambda: Division.__table__,
        division=Division.code,
        base=c.village_base,
        fields={
            "有协会": c.has_association,
            "有会员之家": c.has_member_home,
            "家庭健康指导员数": c.instructors,
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
            "换届按时": c.elected_in_time,
        },
        row_id=Association.id,
        label=Association.name,
        day=Association.last_election_on,
        table="association",
    ),
    "在岗人员": SetSql(
        source=lambda: PersonRole.__table__,
        division=PersonRole.division_code,
        base=c.active_role,
        fields={
            "角色": lambda w: PersonRole.role,
            "人员类别": lambda w: PersonRole.staff_kind,
            "本年已培训": lambda w: and_(
                PersonRole.trained_on >= w.year_start, PersonRole.trained_on < w.end
            ),
            "服务时长": lambda w: func.coalesce(PersonRole.service_hours, 0),
            "人员": lambda w: PersonRole.person_id,
        },
        row_id=PersonRole.id,
        label=c.text(PersonRole.role) + literal(" ") + func.coalesce(PersonRole.title, ""),
        day=PersonRole.trained_on,
        table="person_role",
    ),
    "项目": SetSql(
        source=lambda: Project.__table__,
        division=Project.division_code,
        base=lambda w: [Project.deleted.is_(False), *c.project_years(Project.year, w)],
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
            "终期报告已到期": lambda w: and_(
                Project.final_report_due_on.is_not(None), Project.final_report_due_on <= w.on
            ),
            "终期报告按时": lambda w: and_(
                Project.final_report_on.is_not(None),
                Project.final_report_due_on.is_not(None),
                Project.final_report_on <= Project.final_report_due_on,
            ),
            "项目": lambda w: Project.id,
        },
        row_id=Project.id,
        label=Project.name,
        day=Project.started_on,
        table="project",
    ),
    "项目发放": SetSql(
        source=c.payment_source,
        division=c.PP.division_code,
        base=c.payment_base,
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
        label=c.PP.name + literal(" · ") + func.coalesce(ProjectBeneficiary.name, ""),
        day=ProjectPayment.paid_on,
        table="project_payment",
    ),
    "宣传服务活动": SetSql(
        source=lambda: Activity.__table__,
        division=Activity.division_code,
        base=lambda w: [Activity.deleted.is_(False), *in_period(Activity.held_on, w)],
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
        base=lambda w: [Training.deleted.is_(False), *in_period(Training.held_on, w)],
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
    "常住人口": SetSql(
        source=lambda: DivisionPopulation.__table__,
        division=DivisionPopulation.division_code,
        base=lambda w: [DivisionPopulation.deleted.is_(False), DivisionPopulation.year == _latest_year(w)],
        fields={"人数": lambda w: DivisionPopulation.residents},
        row_id=DivisionPopulation.id,
        label=DivisionPopulation.division_code,
        table="division_population",
    ),
}
