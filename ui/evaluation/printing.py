"""A list from the 绩效评价 page on paper (or a PDF): title, period, a table with repeated headers."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter


def list_html(title: str, subtitle: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape('' if c is None else str(c))}</td>" for c in row) + "</tr>"
        for row in rows
    )
    return (
        "<style>table{border-collapse:collapse} th,td{border:1px solid #888;padding:3px 6px}"
        "th{background:#eee}</style>"
        f"<h2>{escape(title)}</h2><p>{escape(subtitle)}</p>"
        f"<table width='100%' cellspacing='0'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def print_list(
    printer: QPrinter, title: str, subtitle: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Lay the list out on A4 (the header row repeats on every page) and print it."""
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    doc = QTextDocument()
    doc.setHtml(list_html(title, subtitle, headers, rows))
    doc.print_(printer)


def write_pdf(
    path: str, title: str, subtitle: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(path)
    print_list(printer, title, subtitle, headers, rows)
