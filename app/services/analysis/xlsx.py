"""A standard table to .xlsx as the county hands it in: title, unit, period, division, headers,
rows, 合计, notes, column widths, A4 print set-up repeating the header row, a native bar chart.

openpyxl's normal (not write-only) mode: it keeps nothing in a temporary folder, and print titles,
merged title cells and charts need it. The file is written under a partial name and published
whole (``app.database.files``), so a failed export never leaves half a workbook under the name.
"""

from __future__ import annotations

import contextlib
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from app.database.files import partial_name, publish
from app.domain.errors import UserInputError
from app.domain.records.reports import ColumnKind, ReportTable, yuan
from app.services.shared.export_xlsx import sheet_title

HEADER_ROW = 4  # title, the unit/period line and the division line come first
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
_FORMATS = {
    ColumnKind.MONEY: "#,##0.00",
    ColumnKind.PERCENT: "0.0%",
    ColumnKind.COUNT: "#,##0",
    ColumnKind.DATE: "yyyy-mm-dd",
}
_FORMULA_START = ("=", "+", "-", "@")


def _cell(kind: ColumnKind, value: Any) -> Any:
    if value is None:
        return None
    if kind is ColumnKind.MONEY and isinstance(value, int):
        return yuan(value)
    if isinstance(value, str) and value.startswith(_FORMULA_START) and len(value) > 1:
        return "'" + value  # a name typed as "=1+1" stays text, never a formula
    if isinstance(value, datetime | date | int | float):
        return value
    return str(value)


def fill_sheet(sheet: Any, table: ReportTable) -> None:
    """Lay the table out on ``sheet`` (also used when several tables go into one workbook)."""
    width = len(table.columns)
    last = get_column_letter(width)
    sheet["A1"] = table.title
    sheet["A1"].font = Font(bold=True, size=16)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.merge_cells(f"A1:{last}1")
    sheet.row_dimensions[1].height = 28
    sheet["A2"] = f"填报单位：{table.unit}　　统计时段：{table.period_label}（{table.period_code}）"
    sheet.merge_cells(f"A2:{last}2")
    sheet["A3"] = f"区划：{table.division_name}（{table.division_code}）　　金额单位：元"
    sheet.merge_cells(f"A3:{last}3")
    for i, column in enumerate(table.columns, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=i, value=column.title)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(i)].width = column.width
    sheet.row_dimensions[HEADER_ROW].height = 32
    row_no = HEADER_ROW
    for row in table.rows:
        row_no += 1
        _write_row(sheet, table, row_no, row)
    if table.totals is not None:
        row_no += 1
        _write_row(sheet, table, row_no, table.totals, total=True)
    for note in table.notes:
        row_no += 1
        sheet.cell(row=row_no, column=1, value=f"注：{note}")
        sheet.merge_cells(start_row=row_no, start_column=1, end_row=row_no, end_column=width)
        sheet.cell(row=row_no, column=1).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[row_no].height = 30
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=2)
    _print_setup(sheet, table)
    if table.chart is not None and table.rows:
        _chart(sheet, table, row_no + 2)


def _write_row(
    sheet: Any, table: ReportTable, row_no: int, row: tuple[Any, ...], *, total: bool = False
) -> None:
    for i, (column, value) in enumerate(zip(table.columns, row, strict=True), start=1):
        cell = sheet.cell(row=row_no, column=i, value=_cell(column.kind, value))
        cell.border = _BORDER
        fmt = _FORMATS.get(column.kind)
        if fmt is not None:
            cell.number_format = fmt
        if column.kind in (ColumnKind.ID_NUMBER, ColumnKind.BANK_ACCOUNT):
            cell.number_format = "@"  # text: Excel would round an 18-digit number
        if total:
            cell.font = Font(bold=True)
            cell.fill = _TOTAL_FILL


def _print_setup(sheet: Any, table: ReportTable) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    wide = sum(c.width for c in table.columns) > 95
    sheet.page_setup.orientation = "landscape" if wide else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as it takes
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    sheet.oddHeader.right.text = f"{table.title}　{table.period_label}"


def _chart(sheet: Any, table: ReportTable, anchor_row: int) -> None:
    spec = table.chart
    assert spec is not None
    first, last = HEADER_ROW + 1, HEADER_ROW + len(table.rows)
    chart = BarChart()
    chart.type = "bar" if spec.horizontal else "col"
    chart.title = spec.title
    chart.height = 9
    chart.width = max(16, min(32, len(table.rows) * 1.6))
    for key in spec.values:
        col = table.column_index(key) + 1
        chart.add_data(Reference(sheet, min_col=col, min_row=HEADER_ROW, max_row=last), titles_from_data=True)
    cat = table.column_index(spec.category) + 1
    chart.set_categories(Reference(sheet, min_col=cat, min_row=first, max_row=last))
    if all(table.columns[table.column_index(k)].kind is ColumnKind.PERCENT for k in spec.values):
        chart.y_axis.number_format = "0%"
        chart.y_axis.scaling.min = 0
        chart.y_axis.scaling.max = 1
    sheet.add_chart(chart, f"A{anchor_row}")


def write_report(table: ReportTable, path: str | Path) -> Path:
    """Write ``table`` to ``path`` (``.xlsx`` added when missing); returns the file written."""
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        target = target.with_name(target.name + ".xlsx")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title(table.title)
    fill_sheet(sheet, table)
    temp = partial_name(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        workbook.save(temp)
        publish(temp, target)
    except (OSError, ValueError) as exc:  # ValueError: a name the file system refuses outright
        with contextlib.suppress(OSError, ValueError):
            temp.unlink(missing_ok=True)
        reason = getattr(exc, "strerror", None) or exc
        raise UserInputError(
            f"无法写入文件“{target}”（{reason}）。请换一个文件夹，或先关闭已打开的同名文件。"
        ) from None
    return target
