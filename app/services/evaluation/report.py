"""The indicator sheet as one of the standard tables (``fpa report indicators``, its xlsx and print)."""

from __future__ import annotations

from typing import Any

from app.domain.records.evaluation import IndicatorValue
from app.domain.records.reports import ColumnKind, ReportColumn, ReportTable
from app.services.evaluation.sheet import sheet_in_session

COLUMNS = (
    ReportColumn("code", "指标编码", ColumnKind.TEXT, 12),
    ReportColumn("name", "指标", ColumnKind.TEXT, 34),
    ReportColumn("module", "模块", ColumnKind.TEXT, 10),
    ReportColumn("numerator", "分子", ColumnKind.TEXT, 14),
    ReportColumn("denominator", "分母", ColumnKind.TEXT, 14),
    ReportColumn("value", "数值", ColumnKind.TEXT, 12),
    ReportColumn("target", "目标", ColumnKind.TEXT, 10),
    ReportColumn("met", "是否达标", ColumnKind.TEXT, 10),
)


def _amount(fen_or_count: int | None, money: bool) -> str:
    if fen_or_count is None:
        return ""
    return f"{fen_or_count / 100:,.2f}元" if money else f"{fen_or_count:,}"


def _in_unit(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit in ("%", "元"):
        return f"{value:,.2f}{unit}"
    return f"{value:,.0f} {unit}" if float(value).is_integer() else f"{value:,.2f} {unit}"


def _row(v: IndicatorValue) -> tuple[Any, ...]:
    met = "—" if v.met is None else ("达标" if v.met else "未达标")
    return (
        v.code,
        v.name,
        v.module,
        _amount(v.numerator, v.numerator_is_money),
        _amount(v.denominator, v.denominator_is_money),
        _in_unit(v.value, v.unit),
        "" if v.target is None else _in_unit(v.target, v.unit),
        met,
    )


def indicator_table(s: Any, scope: Any) -> ReportTable:
    """The sheet of the scope's division and period (rates pooled over its whole subtree)."""
    sheet = sheet_in_session(s, scope.code, scope.period)
    return ReportTable(
        code="indicators",
        title="绩效评价指标表",
        unit=f"{sheet.division_name}计划生育协会",
        period_code=sheet.period_code,
        period_label=sheet.period_label,
        division_code=sheet.division_code,
        division_name=sheet.division_name,
        columns=COLUMNS,
        rows=tuple(_row(v) for v in sheet.values),
        notes=("比率按下级的分子、分母合计计算（不是比率的平均）；金额以元计。",),
    )
