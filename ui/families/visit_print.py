"""Printing visit forms (走访慰问登记表): one A4 page per family, to a printer or a PDF file.

The sheets come from ``app.services.families.visit_sheets`` (what the office knows, masked ID numbers, a
form number); this module lays them out as a QTextDocument and prints it. A worker prints the
families of a village or those not visited for six months, fills the sheets in by hand at the
visits, and types them in with the visit form, form number included.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from html import escape

from PySide6.QtCore import QMarginsF, QObject, QRectF, QSizeF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from app.domain.errors import UserInputError
from app.domain.records.families import VisitSheet

_STYLE = """
h2 { text-align: center; margin: 0 0 4px 0; }
table { border-collapse: collapse; }
td, th { border: 1px solid #444; vertical-align: top; }
th { background: #eeeeee; font-weight: normal; text-align: left; }
p.meta { margin: 0 0 6px 0; }
"""
# QTextDocument takes widths and spacing as attributes, and a cell's height from its lines.
_TABLE = "<table width='100%' cellspacing='0' cellpadding='5' border='1'>"
_LINE = "&nbsp;<br>&nbsp;"  # room to write one line by hand
_LINES = "&nbsp;<br>&nbsp;<br>&nbsp;<br>&nbsp;<br>&nbsp;"


class VisitSheetPrinter(QObject):
    """Lays out and prints visit sheets (a QObject for ``tr``)."""

    def document(self, sheets: Sequence[VisitSheet], printed_on: date | None = None) -> QTextDocument:
        printed_on = printed_on or date.today()
        doc = QTextDocument()
        font = doc.defaultFont()
        font.setPointSizeF(11)  # paper is read at arm's length
        doc.setDefaultFont(font)
        doc.setDefaultStyleSheet(_STYLE)
        doc.setHtml("".join(self.sheet_html(s, printed_on, first=i == 0) for i, s in enumerate(sheets)))
        return doc

    def sheet_html(self, sheet: VisitSheet, printed_on: date, *, first: bool = True) -> str:
        def cell(text: str) -> str:
            return escape(text) if text else "&nbsp;"

        def missing(text: str) -> str:
            return escape(text) if text else f"<b>{escape(self.tr('not arranged'))}</b>"

        members = "、".join(
            f"{m.name}（{m.relation.value}"
            + (f"，{self.tr('deceased')}" if m.is_deceased else f"，{m.age}" if m.age is not None else "")
            + "）"
            for m in sheet.members
        )
        last = f"{sheet.last_visit_on:%Y-%m-%d}" if sheet.last_visit_on else self.tr("never visited")
        breaker = "" if first else " style='page-break-before: always'"
        t = self.tr
        rows = [
            (t("Head of family"), cell(sheet.head_name), t("ID number"), cell(sheet.head_id_masked)),
            (t("Category"), cell(sheet.category.value), t("File no."), cell(sheet.family_no)),
            (t("Township"), cell(sheet.township), t("Village"), cell(sheet.village)),
            (t("Address"), cell(sheet.address), t("Phone"), cell(sheet.phone)),
        ]
        known = "".join(
            f"<tr><th width='16%'>{escape(a)}</th><td width='34%'>{b}</td>"
            f"<th width='16%'>{escape(c)}</th><td width='34%'>{d}</td></tr>"
            for a, b, c, d in rows
        )
        known += f"<tr><th>{escape(t('Members'))}</th><td colspan='3'>{cell(members)}</td></tr>"
        coverage = "".join(
            f"<tr><th>{escape(label)}</th><td colspan='3'>{missing(value)}</td></tr>"
            for label, value in (
                (t("Contact persons"), sheet.contacts),
                (t("Family doctor"), sheet.doctor),
                (t("Green channel"), sheet.green_channel),
            )
        )
        history = (
            f"<tr><th>{escape(t('Last visit'))}</th><td>{escape(last)}</td>"
            f"<th>{escape(t('Open follow-up'))}</th><td>{cell(sheet.open_follow_up)}</td></tr>"
            f"<tr><th>{escape(t('Needs noted'))}</th><td colspan='3'>{cell(sheet.needs)}</td></tr>"
        )
        blanks = "".join(
            f"<tr><th width='16%'>{escape(a)}</th><td width='34%'>{_LINE}</td>"
            f"<th width='16%'>{escape(b)}</th><td width='34%'>{_LINE}</td></tr>"
            for a, b in (
                (t("Visit date"), t("Way (home / phone / other)")),
                (t("Visitors"), t("Kind (visit / emotional support)")),
                (t("Cash (yuan)"), t("Fund source")),
            )
        )
        blanks += "".join(
            f"<tr><th>{escape(label)}</th><td colspan='3'>{_LINES}</td></tr>"
            for label in (t("Goods (item, quantity, value)"), t("Needs raised"), t("Follow-up"))
        )
        blanks += (
            f"<tr><th>{escape(t('Family signature'))}</th><td>{_LINE}</td>"
            f"<th>{escape(t('Visitor signature'))}</th><td>{_LINE}</td></tr>"
        )
        meta = (
            t("Form no. %1 · printed %2 · enter the form no. with the visit")
            .replace("%1", sheet.form_number)
            .replace("%2", f"{printed_on:%Y-%m-%d}")
        )
        return (
            f"<h2{breaker}>{escape(t('Special family visit form'))}</h2>"
            f"<p class='meta'>{escape(meta)}</p>"
            f"{_TABLE}{known}{coverage}{history}</table><p></p>"
            f"{_TABLE}{blanks}</table>"
        )

    def print_to(
        self,
        printer: QPrinter,
        sheets: Sequence[VisitSheet],
        printed_on: date | None = None,
        progress: Callable[[int, int], bool] | None = None,
    ) -> bool:
        """Print sheet after sheet, each from a new page; False when ``progress`` said stop.

        ``progress(done, total)`` is called before each sheet (a dialog's Cancel returns False);
        a sheet longer than a page (many members, long notes) goes on over the next pages.
        """
        printer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(15, 12, 15, 12),
                QPageLayout.Unit.Millimeter,
            )
        )
        # Laid out at the screen's resolution on the printer's own page, then scaled to the
        # printer's: the same layout on paper as on screen, one sheet per page.
        area = printer.pageLayout().paintRect(QPageLayout.Unit.Inch)
        screen = QGuiApplication.primaryScreen()
        dpi = screen.logicalDotsPerInch() if screen is not None else 96.0
        page = QSizeF(area.width() * dpi, area.height() * dpi)
        painter = QPainter()
        if not painter.begin(printer):
            raise UserInputError("无法打开打印机，请检查打印机或选择“打印到 PDF”")
        try:
            first = True
            for done, sheet in enumerate(sheets):
                if progress is not None and not progress(done, len(sheets)):
                    return False
                doc = self.document([sheet], printed_on)
                doc.setPageSize(page)
                for number in range(doc.pageCount()):
                    if not first:
                        printer.newPage()
                    first = False
                    painter.save()
                    painter.scale(printer.resolution() / dpi, printer.resolution() / dpi)
                    painter.translate(0, -number * page.height())
                    doc.drawContents(painter, QRectF(0, number * page.height(), page.width(), page.height()))
                    painter.restore()
            if progress is not None:
                progress(len(sheets), len(sheets))
            return True
        finally:
            painter.end()
