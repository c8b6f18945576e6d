"""The import report: the user's own sheet with the bad cells highlighted, a 结果 and a 问题 column
in Chinese, and a summary sheet (read, new, updated, refused), written as .xlsx with openpyxl.

The user fixes the marked cells in this very file and imports it again: the refused rows are
then read, the others are recognised by their ID numbers and updated, not doubled.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

from app.database.files import partial_name, publish
from app.services.shared.imports.engine import Table
from app.services.shared.imports.model import ImportSummary, Plan, RowAction, RowOutcome

_ERROR = PatternFill("solid", start_color="FFC7CE")
_WARNING = PatternFill("solid", start_color="FFEB9C")
_HEAD = PatternFill("solid", start_color="DDEBF7")
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")


def _plain(value: Any) -> Any:
    """What openpyxl can write: dates and numbers as they are, anything else as text."""
    if value is None or isinstance(value, int | float | str | datetime):
        return value
    return str(value)


def write_report(path: Path, table: Table, plan: Plan, summary: ImportSummary, *, kind_label: str) -> Path:
    """Write the report (whole or not at all) and return its path."""
    path = Path(path)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(table.sheet[:31] or "数据")
    outcomes: dict[int, RowOutcome] = {o.number: o for o in plan.outcomes}
    head_rows = table.raw[: table.layout.header_end + 1]
    width = max(len(table.headers), max((len(r) for r in head_rows), default=0))
    # Merged header cells are written once (at their top-left), not once per cell.
    hidden_header: set[tuple[int, int]] = set()
    for (r0, c0), (r1, c1) in table.merged:
        if r0 <= table.layout.header_end:
            cells_of = ((r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1))
            hidden_header.update(rc for rc in cells_of if rc != (r0, c0))
    column_of = table.mapping
    last = max((o.number for o in plan.outcomes), default=table.layout.first_data_row) - 1
    for r in range(0, min(last + 1, len(table.raw))):
        raw = table.raw[r]
        is_header = table.layout.header_start <= r <= table.layout.header_end
        outcome = outcomes.get(r + 1)
        bad: dict[int, PatternFill] = {}
        if outcome is not None:
            for p in outcome.problems:
                col = column_of.get(p.key) if p.key else None
                if col is not None and (p.is_error or col not in bad):
                    bad[col] = _ERROR if p.is_error else _WARNING
        cells: list[Any] = []
        for c in range(width):
            value = None if (r, c) in hidden_header or c >= len(raw) else _plain(raw[c])
            if is_header or c in bad:
                cell = WriteOnlyCell(ws, value=value)
                cell.fill = _HEAD if is_header else bad[c]
                if is_header:
                    cell.font = _BOLD
                cells.append(cell)
            else:
                cells.append(value)
        if is_header and r == table.layout.header_start:
            for text in ("导入结果", "问题"):
                head = WriteOnlyCell(ws, value=text)
                head.font, head.fill = _BOLD, _HEAD
                cells.append(head)
        elif outcome is not None:
            cells.append(outcome.action.value)
            text = "；".join(p.message if p.is_error else f"提示：{p.message}" for p in outcome.problems)
            note = WriteOnlyCell(ws, value=text or None)
            note.alignment = _WRAP
            cells.append(note)
        ws.append(cells)
    _summary_sheet(wb, table, summary, kind_label, plan)
    target = partial_name(path)
    wb.save(target)
    publish(target, path)
    return path


def _summary_sheet(wb: Workbook, table: Table, summary: ImportSummary, kind_label: str, plan: Plan) -> None:
    ws = wb.create_sheet("导入汇总")
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 48
    refused_rows = [o.number for o in plan.outcomes if o.action is RowAction.REFUSED]
    lines: list[tuple[str, Any]] = [
        ("导入内容", kind_label),
        ("文件", table.path.name),
        ("工作表", table.sheet),
        ("表头所在行", _header_rows(table)),
        ("读取行数", summary.read),
        ("新增", summary.new),
        ("更新", summary.updated),
        ("拒绝", summary.refused),
        ("跳过（隐藏行）", summary.skipped),
        ("是否已写入", "已写入数据库" if summary.written else "未写入（试导入或未执行导入）"),
        ("生成时间", datetime.now().strftime("%Y-%m-%d %H:%M")),
    ]
    if refused_rows:
        shown = "、".join(str(n) for n in refused_rows[:50]) + ("…" if len(refused_rows) > 50 else "")
        lines.append(("被拒绝的行", shown))
    for label, value in lines:
        head = WriteOnlyCell(ws, value=label)
        head.font = _BOLD
        ws.append([head, value])
    ws.append([])
    ws.append(["说明", _HOW_TO_READ])


_HOW_TO_READ = (
    "红色单元格有错误，该行未导入；黄色单元格是提示，该行已导入。"
    "改正后可用同一文件再次导入，已导入的人员按身份证号更新，不会重复。"
)


def _header_rows(table: Table) -> str:
    start, end = table.layout.header_start + 1, table.layout.header_end + 1
    return f"第 {start} 行" if start == end else f"第 {start}–{end} 行"
