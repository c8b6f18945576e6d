"""项目资金发放明细: every payment of a period to a project's beneficiary, with the funds it came from."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from app.database.models import Project, ProjectBeneficiary, ProjectPayment
from app.domain.records.reports import ColumnKind, ReportColumn, ReportTable
from app.services.analysis.scope import ReportScope
from app.services.shared.records import places

_COLUMNS = (
    ReportColumn("no", "序号", ColumnKind.TEXT, 7),
    ReportColumn("project", "项目名称", ColumnKind.TEXT, 24),
    ReportColumn("year", "年度", ColumnKind.TEXT, 7),
    ReportColumn("township", "乡镇(街道)", ColumnKind.TEXT, 14),
    ReportColumn("village", "村(居)", ColumnKind.TEXT, 14),
    ReportColumn("name", "受益人", ColumnKind.TEXT, 10),
    ReportColumn("id_number", "身份证号", ColumnKind.ID_NUMBER, 21),
    ReportColumn("reason", "发放事由", ColumnKind.TEXT, 18),
    ReportColumn("paid_on", "发放日期", ColumnKind.DATE, 12),
    ReportColumn("amount", "金额(元)", ColumnKind.MONEY, 12),
    ReportColumn("method", "发放方式", ColumnKind.TEXT, 10),
    ReportColumn("account", "银行账号", ColumnKind.BANK_ACCOUNT, 22),
    ReportColumn("notice", "公示日期", ColumnKind.DATE, 12),
)


def payment_ledger(s: Any, scope: ReportScope) -> ReportTable:
    pay, ben, proj = ProjectPayment, ProjectBeneficiary, Project
    period = scope.period
    rows = s.execute(
        select(
            proj.name,
            proj.year,
            ben.division_code,
            ben.name,
            ben.id_number,
            ben.reason,
            pay.paid_on,
            pay.amount_fen,
            pay.method,
            pay.bank_account,
            pay.notice_published_on,
            ben.id,
            proj.id,
        )
        .join(ben, ben.id == pay.beneficiary_id)
        .join(proj, proj.id == pay.project_id)
        .where(
            pay.deleted.is_(False),
            ben.deleted.is_(False),
            proj.deleted.is_(False),
            pay.paid_on >= period.start,
            pay.paid_on < period.end,
            *scope.under(ben.division_code),
        )
        .order_by(proj.name, ben.division_code, pay.paid_on, ben.name, pay.id)
    ).all()
    where = places(s, {r[2] for r in rows})
    out = []
    people: set[str] = set()
    projects: set[str] = set()
    total = 0
    for i, r in enumerate(rows, start=1):
        place = where[r[2]]
        total += int(r[7])
        people.add(r[11])
        projects.add(r[12])
        out.append(
            (
                str(i),
                r[0],
                str(r[1]),
                place.township_name,
                place.village,
                r[3],
                r[4] or "",
                r[5] or "",
                r[6],
                int(r[7]),
                r[8].value,
                r[9] or "",
                r[10],
            )
        )
    allocated = _allocated(s, scope)
    totals = (
        "合计",
        f"{len(projects)} 个项目",
        "",
        "",
        "",
        f"{len(people)} 人",
        "",
        f"{len(out)} 笔",
        None,
        total,
        "",
        "",
        None,
    )
    return ReportTable(
        code="payments",
        title="项目资金发放明细",
        unit=scope.unit,
        period_code=period.code,
        period_label=period.label,
        division_code=scope.code,
        division_name=scope.name,
        columns=_COLUMNS,
        rows=tuple(out),
        totals=totals,
        notes=(
            f"本期发放 {len(out)} 笔、{len(people)} 人，合计 {total / 100:,.2f} 元；"
            f"{period.year} 年度项目下拨资金 {allocated / 100:,.2f} 元。",
        ),
        row_divisions=tuple(None for _ in out),
    )


def _allocated(s: Any, scope: ReportScope) -> int:
    p = Project
    return int(
        s.scalar(
            select(func.coalesce(func.sum(p.allocated_fen), 0)).where(
                p.deleted.is_(False), p.year == scope.period.year, *scope.under(p.division_code)
            )
        )
        or 0
    )
