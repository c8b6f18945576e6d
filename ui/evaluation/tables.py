"""Columns and table models of the 绩效评价 page: the sheet (met / not met coloured), the records
behind a value, the divisions short of a target, reporting and locks. Plain rows in, text out."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from app.domain.records.evaluation import DivisionValue, IndicatorValue
from app.domain.validation import format_fen
from ui.models.rows_model import Column, Index, RowsTableModel

MET_COLOUR = QColor("#dff3e4")
SHORT_COLOUR = QColor("#fbe3e1")
COL_VALUE, COL_TARGET, COL_MET = 2, 3, 4  # columns of the sheet a click drills down from


def tr(text: str) -> str:
    return QCoreApplication.translate("EvaluationPage", text)


def number(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    shown = f"{value:,.2f}" if unit in ("%", "元") or value != int(value) else f"{int(value):,}"
    return f"{shown}{unit}" if unit == "%" else f"{shown} {unit}"


def target_text(v: IndicatorValue | DivisionValue, unit: str, higher: bool = True) -> str:
    if v.target is None:
        return "—"
    return ("≥ " if higher else "≤ ") + number(v.target, unit)


def met_text(met: bool | None) -> str:
    if met is None:
        return "—"
    return tr("Met") if met else tr("Not met")


def part_text(n: int | None, is_money: bool) -> str:
    if n is None:
        return ""
    return format_fen(n) + " 元" if is_money else f"{n:,}"


def day_text(day: date | datetime | None) -> str:
    if day is None:
        return ""
    return f"{day:%Y-%m-%d %H:%M}" if isinstance(day, datetime) else f"{day:%Y-%m-%d}"


class MetTableModel(RowsTableModel):
    """Rows with a ``met`` field: green when met, red when not, plain without a target."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid():
            met = getattr(self.row_at(index.row()), "met", None)
            if met is not None:
                return QBrush(MET_COLOUR if met else SHORT_COLOUR)
        return super().data(index, role)


def sheet_columns() -> list[Column]:
    return [
        Column(tr("Module"), lambda v: v.module),
        Column(tr("Indicator"), lambda v: v.name, tooltip=lambda v: v.description or v.name),
        Column(tr("Value"), lambda v: v.value, text=lambda v: number(v.value, v.unit), align_right=True),
        Column(
            tr("Target"),
            lambda v: v.target,
            text=lambda v: target_text(v, v.unit, v.higher_is_better),
            align_right=True,
        ),
        Column(tr("Result"), lambda v: v.met, text=lambda v: met_text(v.met)),
        Column(
            tr("Numerator"),
            lambda v: v.numerator,
            text=lambda v: part_text(v.numerator, v.numerator_is_money),
            align_right=True,
        ),
        Column(
            tr("Denominator"),
            lambda v: v.denominator,
            text=lambda v: part_text(v.denominator, v.denominator_is_money),
            align_right=True,
        ),
    ]


def drill_columns(money: bool) -> list[Column]:
    cols = [
        Column(tr("Division"), lambda r: r.division_name),
        Column(tr("Record"), lambda r: r.label),
        Column(tr("Date"), lambda r: r.day, text=lambda r: day_text(r.day)),
    ]
    if money:
        cols.append(
            Column(
                tr("Amount (yuan)"),
                lambda r: r.amount,
                text=lambda r: part_text(r.amount, True),
                align_right=True,
            )
        )
    return cols


def division_columns(unit: str) -> list[Column]:
    return [
        Column(tr("Division"), lambda r: r.division_name),
        Column(tr("Value"), lambda r: r.value, text=lambda r: number(r.value, unit), align_right=True),
        Column(tr("Target"), lambda r: r.target, text=lambda r: target_text(r, unit), align_right=True),
        Column(tr("Result"), lambda r: r.met, text=lambda r: met_text(r.met)),
        Column(tr("Numerator"), lambda r: r.numerator, align_right=True),
        Column(tr("Denominator"), lambda r: r.denominator, text=lambda r: part_text(r.denominator, False)),
    ]


def reporting_columns() -> list[Column]:
    return [
        Column(tr("Division"), lambda r: r.division_name),
        Column(tr("Status"), lambda r: r.status),
        Column(tr("Bundles"), lambda r: r.bundles, align_right=True),
        Column(tr("Last written"), lambda r: r.last_written, text=lambda r: day_text(r.last_written)),
        Column(tr("Last merged"), lambda r: r.last_merged, text=lambda r: day_text(r.last_merged)),
        Column(tr("Missing bundles"), lambda r: r.missing_bundles, align_right=True),
        Column(tr("Locked"), lambda r: r.locked, text=lambda r: tr("Locked") if r.locked else ""),
    ]


def lock_columns() -> list[Column]:
    return [
        Column(tr("Division"), lambda r: r.division_name),
        Column(tr("Period"), lambda r: r.period_label),
        Column(tr("State"), lambda r: r.active, text=lambda r: tr("Locked") if r.active else tr("Unlocked")),
        Column(tr("Locked by"), lambda r: r.locked_by),
        Column(tr("Locked at"), lambda r: r.locked_at, text=lambda r: day_text(r.locked_at)),
        Column(tr("Unlock reason"), lambda r: r.unlock_reason or ""),
    ]


def export_cells(columns: Sequence[Column], rows: Sequence[Any]) -> list[list[Any]]:
    """What a list exports: the text the screen shows, column for column."""
    out = []
    for row in rows:
        cells = []
        for c in columns:
            cells.append(c.text(row) if c.text is not None else c.value(row))
        out.append(cells)
    return out
