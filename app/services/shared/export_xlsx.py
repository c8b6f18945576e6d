"""Any list the program shows, written to a real .xlsx (openpyxl write-only) with progress and cancel.

Generic on purpose: every list hands over its headers and an iterator of rows (plain values:
str, int, float, Decimal, date, datetime, bool or None). The file is written beside the target
under a temporary name and moved into place at the end, so a cancelled or failed export never
leaves a half-written workbook where the user expects a complete one. The rows openpyxl spools
before saving go to a private folder of this export (``spool``), never to the shared ``TMPDIR``.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet._writer import WorksheetWriter  # to choose where the sheet spools

from app.database.audit import AuditAction
from app.domain.errors import Cancelled, UserInputError
from app.domain.permissions import Permission
from app.services.shared.audit import audit
from app.services.shared.scope import ensure_may
from app.services.shared.spool import private_folder
from app.services.shared.workspace import Workspace

Progress = Callable[[int, int], None] | None
IsCancelled = Callable[[], bool] | None

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # XML 1.0 refuses them; openpyxl raises
_FORMULA_START = ("=", "+", "-", "@")  # a name typed as "=1+1" must stay text, never run as formula
_REPORT_EVERY = 500
_MAX_WIDTH = 60


def sheet_title(title: str) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet name."""
    cleaned = _SHEET_FORBIDDEN.sub("_", title).strip("' ") or "Sheet1"
    return cleaned[:31]


def _cell_value(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | Decimal | datetime | date):
        return value
    text = _CONTROL.sub("", str(value))
    if text.startswith(_FORMULA_START) and len(text) > 1 and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _width(value: Any) -> int:
    """Display width in Excel's units: a Chinese character is about two Latin ones wide."""
    if isinstance(value, datetime):
        return 19
    if isinstance(value, date):
        return 11
    text = "" if value is None else str(value)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def export_rows(
    path: str | Path,
    title: str,
    headers: Sequence[str],
    rows_iter: Iterable[Sequence[Any]],
    progress: Progress = None,
    cancelled: IsCancelled = None,
    *,
    total: int | None = None,
) -> int:
    """Write ``headers`` and then every row to ``path``; returns the number of data rows written.

    ``total`` (when known) is passed to ``progress(done, total)``; without it progress reports
    ``done`` against 0. Raises ``Cancelled`` when ``cancelled()`` turns true (nothing is left
    behind) and ``UserInputError`` when the file cannot be written.
    """
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        target = target.with_name(target.name + ".xlsx")
    with private_folder() as spool:
        return _write(target, spool, title, headers, rows_iter, progress, cancelled, total)


class _SpoolWriter(WorksheetWriter):  # type: ignore[misc]
    """openpyxl's sheet writer with its scratch file in our folder (it would use TMPDIR)."""

    def cleanup(self) -> None:
        Path(self.out).unlink(missing_ok=True)


def _write(
    target: Path,
    spool: Path,
    title: str,
    headers: Sequence[str],
    rows_iter: Iterable[Sequence[Any]],
    progress: Progress,
    cancelled: IsCancelled,
    total: int | None,
) -> int:
    temp = target.with_name(f".{target.name}.{os.getpid()}.part")
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title(title))
    # Widths must be set before the first row in write-only mode; headers are a fair guess.
    for i, header in enumerate(headers):
        letter = _column_letter(i)
        sheet.column_dimensions[letter].width = min(_MAX_WIDTH, max(10, _width(header) + 4))
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=_cell_value(header))
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(vertical="center")
        header_cells.append(cell)
    # What openpyxl's first append would do, with the scratch file in the private folder; after the
    # widths and panes, which the top of the sheet carries.
    sheet._writer = _SpoolWriter(sheet, out=str(spool / "sheet.xml"))
    sheet._writer.write_top()
    sheet.append(header_cells)
    count = 0
    finished = False
    try:
        for row in rows_iter:
            if cancelled is not None and count % 50 == 0 and cancelled():
                raise Cancelled()
            sheet.append([_styled(sheet, v) for v in row])
            count += 1
            if progress is not None and count % _REPORT_EVERY == 0:
                progress(count, total or 0)
        if cancelled is not None and cancelled():
            raise Cancelled()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            workbook.save(temp)
            with open(temp, "rb") as fh:
                os.fsync(fh.fileno())
            os.replace(temp, target)
            finished = True
        except OSError as exc:
            raise UserInputError(
                f"无法写入文件“{target}”（{exc.strerror or exc}）。请换一个文件夹，或先关闭已打开的同名文件。"
            ) from None
    finally:
        if not finished:
            _abandon(sheet)
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
    if progress is not None:
        progress(count, total if total is not None else count)
    return count


def export_records(
    ws: Workspace,
    path: str | Path,
    title: str,
    headers: Sequence[str],
    rows_iter: Iterable[Sequence[Any]],
    progress: Progress = None,
    cancelled: IsCancelled = None,
    *,
    total: int | None = None,
) -> int:
    """``export_rows`` as a user's action: refused when the role may not export, audited when written.

    The rows come from the list services, which already mask what the role may not see.
    """
    ensure_may(ws, Permission.EXPORT)
    count = export_rows(path, title, headers, rows_iter, progress, cancelled, total=total)
    audit(ws, AuditAction.EXPORT, title, {"rows": count, "file": Path(path).name})
    return count


def _abandon(sheet: Any) -> None:
    """Close a sheet that will never be saved and remove its scratch file (openpyxl keeps one)."""
    with contextlib.suppress(Exception):
        sheet.close()
    writer = getattr(sheet, "_writer", None)
    if writer is not None:
        with contextlib.suppress(Exception):
            writer.cleanup()


def _styled(sheet: Any, value: Any) -> Any:
    """Dates and money (a Decimal of yuan) get a number format; the rest goes in as the plain value."""
    plain = _cell_value(value)
    if isinstance(plain, date):
        cell = WriteOnlyCell(sheet, value=plain)
        cell.number_format = "yyyy-mm-dd hh:mm" if isinstance(plain, datetime) else "yyyy-mm-dd"
        return cell
    if isinstance(plain, Decimal):
        cell = WriteOnlyCell(sheet, value=plain)
        cell.number_format = "#,##0.00"
        return cell
    return plain


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
