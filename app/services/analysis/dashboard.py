"""The 一屏掌控 figures: headline cards, coverage by township, monthly trend, fund execution, year on year.

Built from the same queries as the standard tables (so a card and the table it summarises never
disagree), for the period and the same period a year earlier, in one read session.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import distinct, extract, func, select

from app.database.models import Project, ProjectPayment, Visit, VisitGoods
from app.domain.periods import Period, parse_period
from app.domain.records.dashboard import Card, Dashboard, DivisionBar, MonthPoint, ProjectBar, YearChange
from app.domain.records.reports import ReportTable
from app.services.analysis.activities import activity_table
from app.services.analysis.families import special_family_support
from app.services.analysis.scope import ReportScope, resolve_scope
from app.services.shared.workspace import Workspace

FUNDS_SHOWN = 12  # the largest projects; the rest are in 项目资金发放明细


def _totals(table: ReportTable) -> dict[str, Any]:
    assert table.totals is not None
    return {c.key: v for c, v in zip(table.columns, table.totals, strict=True)}


def dashboard(ws: Workspace, division_code: str | None, period: Period | str) -> Dashboard:
    chosen = parse_period(period) if isinstance(period, str) else period
    before = chosen.previous_year()
    with ws.db.read() as s:
        scope = resolve_scope(s, ws, division_code, chosen)
        last = resolve_scope(s, ws, scope.code, before)
        support = special_family_support(s, scope)
        support_before = special_family_support(s, last, with_insurance=False)
        acts, acts_before = activity_table(s, scope), activity_table(s, last)
        trend = _trend(s, scope)
        funds, allocated, paid = _funds(s, scope)
    now, then = _totals(support), _totals(support_before)
    act_now, act_then = _totals(acts), _totals(acts_before)
    cards = (
        Card(
            "registered",
            "在册特殊家庭",
            now["registered"],
            then["registered"],
            "count",
            "户",
            f"失独 {now['bereaved']} 户",
        ),
        Card(
            "visited",
            "走访慰问",
            now["visited"],
            then["visited"],
            "count",
            "户",
            _rate_text("覆盖率", now["visited_rate"]),
        ),
        Card("visit_money", "慰问金及物资", now["visit_money"], then["visit_money"], "money", "元"),
        Card(
            "all_three",
            "三个全覆盖率",
            now["all_three_rate"],
            then["all_three_rate"],
            "percent",
            "",
            f"{now['all_three']} / {now['registered']} 户",
        ),
        Card(
            "funds",
            "项目资金执行率",
            paid / allocated if allocated else None,
            None,
            "percent",
            "",
            f"{chosen.year} 年度项目：已发放 {paid / 100:,.0f} / 下拨 {allocated / 100:,.0f} 元",
        ),
        Card(
            "sessions",
            "宣传服务活动",
            act_now["sessions"],
            act_then["sessions"],
            "count",
            "场",
            f"参与 {act_now['participants']:,} 人次",
        ),
    )
    rows = [dict(zip([c.key for c in support.columns], r, strict=True)) for r in support.rows]
    coverage = tuple(
        DivisionBar(code or "", row["division"], row["registered"], row["visited"], row["all_three"])
        for code, row in zip(support.row_divisions, rows, strict=True)
        if row["registered"]
    )
    changes = (
        YearChange("在册特殊家庭(户)", now["registered"], then["registered"]),
        YearChange("其中失独(户)", now["bereaved"], then["bereaved"]),
        YearChange("走访户数", now["visited"], then["visited"]),
        YearChange("慰问金及物资(元)", now["visit_money"], then["visit_money"], "money"),
        YearChange("活动场次", act_now["sessions"], act_then["sessions"]),
        YearChange("参与人次", act_now["participants"], act_then["participants"]),
    )
    return Dashboard(
        division_code=scope.code,
        division_name=scope.name,
        period_code=chosen.code,
        period_label=chosen.label,
        previous_label=before.label,
        cards=cards,
        coverage=coverage,
        trend=trend,
        funds=funds,
        year_on_year=changes,
    )


def _rate_text(caption: str, rate: float | None) -> str:
    return f"{caption} {rate * 100:.1f}%" if rate is not None else f"{caption} —"


def _months(period: Period) -> list[date]:
    out, day = [], date(period.start.year, period.start.month, 1)
    while day < period.end:
        out.append(day)
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return out


def _trend(s: Any, scope: ReportScope) -> tuple[MonthPoint, ...]:
    """Visits, households and money per month of the period (every visit, hardship families too)."""
    v, g, period = Visit, VisitGoods, scope.period
    year, month = extract("year", v.visited_on), extract("month", v.visited_on)
    where = (
        v.deleted.is_(False),
        v.visited_on >= period.start,
        v.visited_on < period.end,
        *scope.under(v.division_code),
    )
    visits = {
        (int(y), int(m)): (int(n), int(h), int(c or 0))
        for y, m, n, h, c in s.execute(
            select(year, month, func.count(), func.count(distinct(v.family_id)), func.sum(v.cash_fen))
            .where(*where)
            .group_by(year, month)
        ).all()
    }
    goods = {
        (int(y), int(m)): int(total or 0)
        for y, m, total in s.execute(
            select(year, month, func.sum(g.value_fen))
            .select_from(g)
            .join(v, v.id == g.visit_id)
            .where(g.deleted.is_(False), *where)
            .group_by(year, month)
        ).all()
    }
    points = []
    for first in _months(period):
        n, h, cash = visits.get((first.year, first.month), (0, 0, 0))
        points.append(MonthPoint(first, n, h, cash + goods.get((first.year, first.month), 0)))
    return tuple(points)


def _funds(s: Any, scope: ReportScope) -> tuple[tuple[ProjectBar, ...], int, int]:
    """The period's year's projects in the division, allocated against paid by the period's end:
    the largest ones to draw, and the sums over all of them."""
    p, pay = Project, ProjectPayment
    paid = (
        select(pay.project_id, func.sum(pay.amount_fen).label("paid"))
        .where(pay.deleted.is_(False), pay.paid_on < scope.period.end)
        .group_by(pay.project_id)
        .subquery()
    )
    rows = s.execute(
        select(p.id, p.name, p.allocated_fen, func.coalesce(paid.c.paid, 0))
        .outerjoin(paid, paid.c.project_id == p.id)
        .where(p.deleted.is_(False), p.year == scope.period.year, *scope.under(p.division_code))
        .order_by(p.allocated_fen.desc(), p.name)
    ).all()
    bars = [ProjectBar(pid, name, int(allocated or 0), int(done or 0)) for pid, name, allocated, done in rows]
    return tuple(bars[:FUNDS_SHOWN]), sum(b.allocated_fen for b in bars), sum(b.paid_fen for b in bars)
