"""组织建设情况统计表: associations, 换届, staff by kind, members, volunteers, instructors, positions."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, case, func, or_, select

from app.database.models import Association, AssociationTerm, PersonRole, Position
from app.domain.enums import PersonRoleKind, StaffKind
from app.domain.periods import Period
from app.domain.records.reports import ColumnKind, ReportChart, ReportColumn, ReportTable
from app.services.analysis.scope import ReportScope
from app.services.analysis.tables import Counts, grouped, per_division

_COLUMNS = (
    ReportColumn("associations", "协会(个)", ColumnKind.COUNT, 8),
    ReportColumn("member_homes", "会员之家(个)", ColumnKind.COUNT, 9),
    ReportColumn("elections", "本期换届(个)", ColumnKind.COUNT, 9),
    ReportColumn("staff_established", "在编人员", ColumnKind.COUNT, 8),
    ReportColumn("staff_contract", "兼职聘用", ColumnKind.COUNT, 8),
    ReportColumn("staff_village", "村级兼职", ColumnKind.COUNT, 8),
    ReportColumn("members", "会员(人)", ColumnKind.COUNT, 10),
    ReportColumn("member_groups", "会员小组(个)", ColumnKind.COUNT, 9),
    ReportColumn("core_members", "骨干会员(人)", ColumnKind.COUNT, 9),
    ReportColumn("volunteers", "志愿者(人)", ColumnKind.COUNT, 9),
    ReportColumn("volunteer_hours", "志愿服务(小时)", ColumnKind.COUNT, 10),
    ReportColumn("instructors", "家庭健康指导员(人)", ColumnKind.COUNT, 11),
    ReportColumn("positions", "阵地(个)", ColumnKind.COUNT, 8),
)


def active_role(period: Period) -> list[ColumnElement[bool]]:
    """A role held at some time in the period."""
    r = PersonRole
    return [
        r.deleted.is_(False),
        or_(r.started_on.is_(None), r.started_on < period.end),
        or_(r.ended_on.is_(None), r.ended_on >= period.start),
    ]


def _count_if(condition: ColumnElement[bool]) -> Any:
    return func.sum(case((condition, 1), else_=0))


def organisation_table(s: Any, scope: ReportScope) -> ReportTable:
    period = scope.period
    counts: Counts = {}
    a = Association
    akey = scope.group_key(a.division_code)
    grouped(
        s,
        scope,
        select(
            akey,
            func.count(),
            _count_if(a.has_member_home.is_(True)),
            func.sum(a.member_count),
            func.sum(a.member_group_count),
        )
        .where(
            a.deleted.is_(False),
            or_(a.founded_on.is_(None), a.founded_on < period.end),
            *scope.under(a.division_code),
        )
        .group_by(akey),
        counts,
        ("associations", "member_homes", "members", "member_groups"),
    )
    t = AssociationTerm
    grouped(
        s,
        scope,
        select(akey, func.count())
        .select_from(t)
        .join(a, a.id == t.association_id)
        .where(
            t.deleted.is_(False),
            a.deleted.is_(False),
            t.elected_on >= period.start,
            t.elected_on < period.end,
            *scope.under(a.division_code),
        )
        .group_by(akey),
        counts,
        ("elections",),
    )
    r = PersonRole
    rkey = scope.group_key(r.division_code)
    staff = r.role == PersonRoleKind.STAFF
    grouped(
        s,
        scope,
        select(
            rkey,
            _count_if(staff & (r.staff_kind == StaffKind.ESTABLISHED)),
            _count_if(staff & (r.staff_kind == StaffKind.CONTRACT)),
            _count_if(staff & (r.staff_kind == StaffKind.VILLAGE_PART_TIME)),
            _count_if(r.role == PersonRoleKind.CORE_MEMBER),
            _count_if(r.role == PersonRoleKind.VOLUNTEER),
            func.sum(case((r.role == PersonRoleKind.VOLUNTEER, func.coalesce(r.service_hours, 0)), else_=0)),
            _count_if(r.role == PersonRoleKind.HEALTH_INSTRUCTOR),
        )
        .where(*active_role(period), *scope.under(r.division_code))
        .group_by(rkey),
        counts,
        (
            "staff_established",
            "staff_contract",
            "staff_village",
            "core_members",
            "volunteers",
            "volunteer_hours",
            "instructors",
        ),
    )
    p = Position
    pkey = scope.group_key(p.division_code)
    grouped(
        s,
        scope,
        select(pkey, func.count())
        .where(
            p.deleted.is_(False),
            or_(p.opened_on.is_(None), p.opened_on < period.end),
            or_(p.closed_on.is_(None), p.closed_on >= period.end),
            *scope.under(p.division_code),
        )
        .group_by(pkey),
        counts,
        ("positions",),
    )
    return per_division(
        scope,
        code="organisation",
        title="组织建设情况统计表",
        columns=_COLUMNS,
        counts=counts,
        notes=(
            "协会、阵地为期末已成立（开放）的；人员为本期内在任的；会员数为各协会登记的会员人数之和。",
            "换届为本期内举行的换届选举次数。",
        ),
        chart=ReportChart("人员构成", "division", ("staff_established", "staff_contract", "staff_village")),
    )
