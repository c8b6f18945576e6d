"""Helpers for the import tests: messy rosters written the way counties send them."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from openpyxl import Workbook


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence[Any]],
    *,
    merges: Sequence[str] = (),
    hidden_rows: Sequence[int] = (),
    sheet: str = "花名册",
    extra_sheets: Sequence[tuple[str, Sequence[Sequence[Any]], bool]] = (),
    text_columns: Sequence[int] = (),
) -> Path:
    """An .xlsx with the rows from A1; ``hidden_rows`` 1-based; extra sheets (name, rows, hidden)."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(list(row))
    for rng in merges:
        ws.merge_cells(rng)
    for r in hidden_rows:
        ws.row_dimensions[r].hidden = True
    for col in text_columns:
        for cell in ws[chr(64 + col)]:
            cell.number_format = "@"
    for name, extra, hidden in extra_sheets:
        other = wb.create_sheet(name)
        for row in extra:
            other.append(list(row))
        if hidden:
            other.sheet_state = "hidden"
    wb.save(path)
    return path


def write_xls(path: Path, rows: Sequence[Sequence[Any]], *, sheet: str = "花名册") -> Path:
    """A real BIFF8 .xls as old Excel and WPS save it (xlwt writes that format)."""
    import xlwt  # type: ignore[import-untyped]

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet(sheet)
    dates = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            if hasattr(value, "year"):
                ws.write(r, c, value, dates)
            else:
                ws.write(r, c, value)
    book.save(str(path))
    return path


def write_ods(path: Path, rows: Sequence[Sequence[Any]], *, sheet: str = "花名册") -> Path:
    """A minimal OpenDocument spreadsheet, as LibreOffice writes one (text and float cells)."""

    def cell(v: Any) -> str:
        if v is None:
            return "<table:table-cell/>"
        if isinstance(v, int | float):
            return f'<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>'
        return f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}</text:p></table:table-cell>'

    body = "".join("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="{sheet}">{body}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return path


def write_csv(path: Path, rows: Sequence[Sequence[Any]], *, encoding: str = "utf-8", delimiter: str = ",") -> Path:
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter).writerows([["" if v is None else v for v in row] for row in rows])
    path.write_bytes(buf.getvalue().encode(encoding))
    return path
