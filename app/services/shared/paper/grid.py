"""Ruled boxes on paper: rows of label and value cells, text shrunk to fit its box, tick boxes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from app.services.shared.paper.device import Page, paper_font

TEXT_PT = 10.5  # read at arm's length, written over by hand
SMALL_PT = 8.0
LABEL_FILL = QColor("#ececec")
_WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_TOP_WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
_CENTRE = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap


@dataclass(frozen=True)
class Cell:
    text: str
    width: float  # millimetres; the last cell of a row takes what is left
    label: bool = False
    top: bool = False  # text from the top (a box to write in), not centred
    centre: bool = False


def label(text: str, width: float) -> Cell:
    return Cell(text, width, label=True)


def value(text: str, width: float = 0, *, top: bool = False) -> Cell:
    return Cell(text, width, top=top)


_METRICS: dict[tuple[float, bool, float], QFontMetricsF] = {}


def metrics(painter: QPainter, points: float, bold: bool, dpi: float) -> QFontMetricsF:
    """Font metrics at the device's resolution, made once per size (they depend on nothing else)."""
    key = (points, bold, dpi)
    found = _METRICS.get(key)
    if found is None:
        found = _METRICS[key] = QFontMetricsF(paper_font(points, bold=bold), painter.device())
    return found


class Ruler:
    """Draws rows down a page from ``y`` (device units), in millimetres given by the caller.

    ``rules`` draws what every copy of a form shares (boxes, labels, tick boxes, headings) and
    ``values`` what one copy holds; a form drawn many times records the rules once (a QPicture)
    and then draws only the values of each copy over them, walking the same layout.
    """

    def __init__(self, painter: QPainter, page: Page, *, rules: bool = True, values: bool = True) -> None:
        self.painter = painter
        self.page = page
        self.rules = rules
        self.values = values
        self.y = 0.0
        self.pen = QPen(QColor("#333333"))
        self.pen.setWidthF(page.mm(0.25))
        self.pad = page.mm(1.4)

    def mm(self, value: float) -> float:
        return self.page.mm(value)

    def text(
        self,
        rect: QRectF,
        text: str,
        *,
        points: float = TEXT_PT,
        bold: bool = False,
        flags: int | Qt.AlignmentFlag = _WRAP,
    ) -> None:
        """Text in the rect, its font made smaller (to 60 %) when it would overflow."""
        if not text:
            return
        p = self.painter
        size = points
        font = paper_font(size, bold=bold)
        em = points * self.page.dpi / 72
        # Most cells hold a word or two: when even all-full-width characters fit on one line
        # there is nothing to measure (measuring was a third of a form's drawing time).
        if len(text) * em > rect.width() or em * 1.5 > rect.height():
            while True:
                need = metrics(p, size, bold, self.page.dpi).boundingRect(rect, int(flags), text)
                if need.height() <= rect.height() + 0.5 or size <= points * 0.6:
                    break
                size -= 0.5
                font = paper_font(size, bold=bold)
        p.setFont(font)
        p.drawText(rect, int(flags), text)

    def row(self, height: float, cells: Sequence[Cell], *, points: float = TEXT_PT) -> QRectF:
        """One ruled row of cells ``height`` millimetres high; returns its rectangle."""
        p = self.painter
        h = self.mm(height)
        x = 0.0
        for i, cell in enumerate(cells):
            w = self.page.width - x if i == len(cells) - 1 or not cell.width else self.mm(cell.width)
            box = QRectF(x, self.y, w, h)
            if self.rules:
                if cell.label:
                    p.fillRect(box, LABEL_FILL)
                p.setPen(self.pen)
                p.drawRect(box)
            if self.rules if cell.label else self.values:
                inner = box.adjusted(self.pad, self.pad * 0.6, -self.pad, -self.pad * 0.6)
                flags = _CENTRE if cell.centre else _TOP_WRAP if cell.top else _WRAP
                p.setPen(QColor("black"))
                self.text(inner, cell.text, points=points, flags=flags)
            x += w
        done = QRectF(0, self.y, self.page.width, h)
        self.y += h
        return done

    def heading(self, text: str, height: float = 6.5) -> None:
        """A section's title above its boxes."""
        rect = QRectF(0, self.y, self.page.width, self.mm(height))
        self.painter.setPen(QColor("black"))
        if self.rules:
            self.text(
                rect,
                text,
                points=TEXT_PT + 0.5,
                bold=True,
                flags=Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
            )
        self.y += self.mm(height + 0.8)

    def ticks(self, rect: QRectF, choices: Sequence[str], *, points: float = TEXT_PT) -> None:
        """Tick boxes (□ 春节 □ 重阳节 …) laid left to right, on as many lines as they need."""
        if not self.rules:
            return
        p = self.painter
        font = paper_font(points)
        fm = metrics(p, points, False, self.page.dpi)
        side = fm.ascent() * 0.85
        gap = self.mm(2.5)
        line = fm.height() * 1.35
        x, y = rect.x() + self.pad, rect.y() + self.pad * 0.6
        lines = 1
        widths = [side + self.mm(1.2) + fm.horizontalAdvance(c) for c in choices]
        total_lines = 1
        cx = x
        for w in widths:  # count lines first, to centre the block in the box
            if cx + w > rect.right() - self.pad and cx > x:
                total_lines += 1
                cx = x
            cx += w + gap
        y = rect.y() + (rect.height() - total_lines * line) / 2
        p.setFont(font)
        box_pen = QPen(QColor("black"))
        box_pen.setWidthF(self.mm(0.3))
        for choice, w in zip(choices, widths, strict=True):
            if x + w > rect.right() - self.pad and x > rect.x() + self.pad:
                lines += 1
                x = rect.x() + self.pad
                y += line
            base = y + (line + fm.ascent() - fm.descent()) / 2
            p.setPen(box_pen)
            p.drawRect(QRectF(x, base - side, side, side))
            p.setPen(QColor("black"))
            p.drawText(QPointF(x + side + self.mm(1.2), base), choice)
            x += w + gap
