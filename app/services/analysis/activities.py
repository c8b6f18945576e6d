"""宣传服务活动统计表 and 培训统计表: events and trainings of a period per township (or county)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, select

from app.database.models import Activity, Training
from app.domain.enums import ActivityKind, Campaign, TrainingAudience
from app.domain.records.reports import ColumnKind, ReportChart, ReportColumn, ReportTable
from app.services.analysis.scope import ReportScope
from app.services.analysis.tables import Counts, grouped, per_division

_ACTIVITY_COLUMNS = (
    ReportColumn("activities", "活动(次)", ColumnKind.COUNT, 8),
    ReportColumn("sessions", "场次", ColumnKind.COUNT, 8),
    ReportColumn("participants", "参与人次", ColumnKind.COUNT, 10),
    ReportColumn("materials", "发放资料(份)", ColumnKind.COUNT, 10),
    ReportColumn("served", "服务人次", ColumnKind.COUNT, 10),
    ReportColumn("beneficiaries", "惠及人数", ColumnKind.COUNT, 10),
    ReportColumn("spending", "经费(元)", ColumnKind.MONEY, 12),
    ReportColumn("care_sessions", "其中关怀慰问场次", ColumnKind.COUNT, 11),
    ReportColumn("clinic_sessions", "其中义诊场次", ColumnKind.COUNT, 10),
    ReportColumn("may29_sessions", "其中5·29场次", ColumnKind.COUNT, 10),
    ReportColumn("may29_participants", "5·29参与人次", ColumnKind.COUNT, 11),
)


def activity_table(s: Any, scope: ReportScope) -> ReportTable:
    a, period = Activity, scope.period
    key = scope.group_key(a.division_code)
    may29 = a.campaign == Campaign.MAY_29
    counts: Counts = {}
    grouped(
        s,
        scope,
        select(
            key,
            func.count(),
            func.sum(a.sessions),
            func.sum(a.participants),
            func.sum(a.materials),
            func.sum(a.served),
            func.sum(a.beneficiaries),
            func.sum(a.spending_fen),
            func.sum(case((a.kind == ActivityKind.CARE, a.sessions), else_=0)),
            func.sum(case((a.kind == ActivityKind.FREE_CLINIC, a.sessions), else_=0)),
            func.sum(case((may29, a.sessions), else_=0)),
            func.sum(case((may29, a.participants), else_=0)),
        )
        .where(
            a.deleted.is_(False),
            a.held_on >= period.start,
            a.held_on < period.end,
            *scope.under(a.division_code),
        )
        .group_by(key),
        counts,
        tuple(c.key for c in _ACTIVITY_COLUMNS),
    )
    return per_division(
        scope,
        code="activities",
        title="宣传服务活动统计表",
        columns=_ACTIVITY_COLUMNS,
        counts=counts,
        notes=("按活动日期统计本期内举办的宣传服务活动；5·29 指“5·29会员活动日”集中宣传服务月的活动。",),
        chart=ReportChart("活动场次", "division", ("sessions",)),
    )


_AUDIENCES = (
    ("staff", "协会工作人员", (TrainingAudience.STAFF,)),
    ("instructors", "家庭健康指导员", (TrainingAudience.INSTRUCTORS,)),
    ("volunteers", "志愿者", (TrainingAudience.VOLUNTEERS,)),
    ("members", "会员", (TrainingAudience.MEMBERS,)),
    ("families", "家长及青少年", (TrainingAudience.PARENTS, TrainingAudience.YOUTH)),
)
_TRAINING_COLUMNS = (
    ReportColumn("trainings", "培训(期)", ColumnKind.COUNT, 8),
    ReportColumn("days", "培训天数", ColumnKind.COUNT, 8),
    ReportColumn("participants", "参训人次", ColumnKind.COUNT, 9),
    *(ReportColumn(k, f"其中{label}", ColumnKind.COUNT, 11) for k, label, _ in _AUDIENCES),
    ReportColumn("spending", "经费(元)", ColumnKind.MONEY, 12),
)


def training_table(s: Any, scope: ReportScope) -> ReportTable:
    t, period = Training, scope.period
    key = scope.group_key(t.division_code)
    counts: Counts = {}
    grouped(
        s,
        scope,
        select(
            key,
            func.count(),
            func.sum(t.days),
            func.sum(t.participants),
            *(func.sum(case((t.audience.in_(kinds), t.participants), else_=0)) for _, _, kinds in _AUDIENCES),
            func.sum(t.spending_fen),
        )
        .where(
            t.deleted.is_(False),
            t.held_on >= period.start,
            t.held_on < period.end,
            *scope.under(t.division_code),
        )
        .group_by(key),
        counts,
        tuple(c.key for c in _TRAINING_COLUMNS),
    )
    return per_division(
        scope,
        code="trainings",
        title="培训统计表",
        columns=_TRAINING_COLUMNS,
        counts=counts,
        notes=("参训人次按培训对象分列；培训天数为各期天数之和。",),
        chart=ReportChart("参训人次", "division", ("participants",)),
    )
