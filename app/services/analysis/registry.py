"""The standard tables by name: one registry for ``fpa report``, the 数据分析 page and the exports.

A table is a function ``(session, scope) -> ReportTable``; ``register`` adds one (the indicator
sheet of 绩效评价 joins the list this way). ``build_report`` is the user's action: it checks the
division against the user's scope, reads in one session and masks ID and bank numbers unless the
role may see them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.database.audit import AuditAction
from app.domain.errors import UserInputError
from app.domain.periods import Period, parse_period
from app.domain.permissions import Permission
from app.domain.records.reports import ReportTable, masked
from app.services.analysis import activities, families, organisation, projects
from app.services.analysis.scope import ReportScope, resolve_scope
from app.services.evaluation import indicator_table
from app.services.shared.audit import audit
from app.services.shared.scope import ensure_may, shows_full_numbers
from app.services.shared.workspace import Workspace

Builder = Callable[[Any, ReportScope], ReportTable]


@dataclass(frozen=True)
class ReportSpec:
    code: str
    title: str
    build: Builder
    ledger: bool = False  # one row per record rather than per division


REPORTS: dict[str, ReportSpec] = {}


def register(spec: ReportSpec) -> None:
    REPORTS[spec.code] = spec


for _spec in (
    ReportSpec("organisation", "组织建设情况统计表", organisation.organisation_table),
    ReportSpec("special-families", "计生特殊家庭帮扶情况表", families.special_family_support),
    ReportSpec("visits", "走访慰问台账", families.visit_ledger, ledger=True),
    ReportSpec("payments", "项目资金发放明细", projects.payment_ledger, ledger=True),
    ReportSpec("activities", "宣传服务活动统计表", activities.activity_table),
    ReportSpec("trainings", "培训统计表", activities.training_table),
    ReportSpec("indicators", "绩效评价指标表", indicator_table),
):
    register(_spec)


def report_choices() -> list[tuple[str, str]]:
    """(code, title) of every table, in the order the menu lists them."""
    return [(spec.code, spec.title) for spec in REPORTS.values()]


def find_spec(name: str) -> ReportSpec:
    wanted = name.strip()
    for spec in REPORTS.values():
        if wanted in (spec.code, spec.title):
            return spec
    names = "、".join(f"{spec.code}（{spec.title}）" for spec in REPORTS.values())
    raise UserInputError(f"没有名为“{name}”的统计表。可用的有：{names}。")


def build_report(ws: Workspace, table: str, division_code: str | None, period: Period | str) -> ReportTable:
    """One standard table for a division and a period, masked as the user's role requires."""
    spec = find_spec(table)
    chosen = parse_period(period) if isinstance(period, str) else period
    with ws.db.read() as s:
        scope = resolve_scope(s, ws, division_code, chosen)
        built = spec.build(s, scope)
    return built if shows_full_numbers(ws) else masked(built)


def export_report(ws: Workspace, table: ReportTable, path: str | Path) -> Path:
    """Write a built table to an xlsx file, as a user's action: refused without the export right,
    audited when written (the table is already masked for the role)."""
    from app.services.analysis.xlsx import write_report

    ensure_may(ws, Permission.EXPORT)
    written = write_report(table, path)
    audit(
        ws,
        AuditAction.EXPORT,
        table.title,
        {
            "rows": len(table.rows),
            "file": written.name,
            "division": table.division_code,
            "period": table.period_code,
        },
    )
    return written
