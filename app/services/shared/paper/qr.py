"""A QR code drawn as vector squares (crisp at any printer resolution, read back by a scanner)."""

from __future__ import annotations

import segno
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath

QUIET_MODULES = 2  # white modules around the code; the page margin adds to it


def draw_qr(painter: QPainter, rect: QRectF, text: str) -> None:
    """The QR code of ``text`` (error correction M: a crease or smudge still reads), fit in rect."""
    # A fixed mask: choosing the best of eight took two thirds of a form's drawing time, and any
    # mask reads (the decoder finds it in the format bits).
    matrix = segno.make(text, error="m", micro=False, mask=2, boost_error=False).matrix
    size = len(matrix) + 2 * QUIET_MODULES
    module = min(rect.width(), rect.height()) / size
    left = rect.x() + (rect.width() - module * size) / 2 + QUIET_MODULES * module
    top = rect.y() + (rect.height() - module * size) / 2 + QUIET_MODULES * module
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)
    seam = module * 0.02  # rows overlap a hair, so no light line shows between them when rendered
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):  # a run of dark modules is one rectangle: fewer shapes in the PDF
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                path.addRect(
                    QRectF(left + start * module, top + y * module, (x - start) * module, module + seam)
                )
            else:
                x += 1
    painter.save()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.fillRect(rect, QColor("white"))
    painter.fillPath(path, QColor("black"))
    painter.restore()
