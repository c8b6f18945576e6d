"""A Markdown text (the help's 快速入门) on A4 pages: to a printer the UI hands in, or to a PDF file.

Qt's own Markdown reader lays the text out (headings, lists, tables, bold) in the paper font, so
the printed sheet says exactly what the help window shows, from the same source file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSizeF
from PySide6.QtGui import QPagedPaintDevice, QTextDocument

from app.services.shared.paper.device import Page, ensure_gui, paper_font, pdf_writer

BODY_PT = 11.0


def text_document(markdown: str) -> QTextDocument:
    """The text laid out in the paper font (WenQuanYi first: its PDF text layer copies correctly)."""
    ensure_gui()
    document = QTextDocument()
    document.setDefaultFont(paper_font(BODY_PT))
    document.setDocumentMargin(0)
    document.setMarkdown(markdown, QTextDocument.MarkdownFeature.MarkdownDialectGitHub)
    return document


def render_text(device: QPagedPaintDevice, markdown: str) -> None:
    """The text on ``device``'s pages, as many as it needs, with page numbers at the foot."""
    document = text_document(markdown)
    document.documentLayout().setPaintDevice(device)  # measured in the device's own units
    page = Page.of(device)
    document.setPageSize(QSizeF(page.width, page.height))  # the device's margins (12 mm) only
    document.print_(device)


def text_pdf(path: Path, markdown: str, title: str) -> Path:
    """The text as an A4 PDF at ``path`` (its folder must exist); returns the path."""
    writer = pdf_writer(path, title)
    render_text(writer, markdown)
    del writer  # the file is complete once the writer is gone
    return path
