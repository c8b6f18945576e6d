"""Paint devices for paper: a Qt GUI application when none runs, A4 PDF writers, page geometry.

Only this package under app/ touches Qt, and only QtGui/QtCore: the command line and the
self-test draw to PDF here with no window, the UI hands in its printer (a QPagedPaintDevice).
"""

from __future__ import annotations

import atexit
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF
from PySide6.QtGui import QFont, QGuiApplication, QPagedPaintDevice, QPageLayout, QPageSize, QPdfWriter

from app.domain.errors import UserInputError
from app.services.shared.paper.refcount_guard import pin_singletons

PDF_DPI = 300  # device units of a PDF page; the drawing is vector, this only sets the grid
# Fonts that carry Chinese on the machines the program runs on (Linux for CI, Windows offices).
FONT_FAMILIES = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", "SimSun", "SimHei"]

_app: QGuiApplication | None = None  # kept alive for the process once made here


def ensure_gui() -> None:
    """Fonts and painting need a QGuiApplication: make an offscreen one if nothing runs yet."""
    global _app
    pin_singletons()  # a page is a few thousand Qt calls: see refcount_guard
    if QGuiApplication.instance() is not None:
        return
    _app = QGuiApplication(["fpa", "-platform", "offscreen"])
    atexit.register(_close_gui)


def _close_gui() -> None:
    # PySide6 frees a module-level application before the objects it owns unless told to: without
    # shutdown() the interpreter can abort while it finalises.
    global _app
    if _app is not None:
        _app.shutdown()
        _app = None


def a4_layout(*, landscape: bool = False, margin_mm: float = 12.0) -> QPageLayout:
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        orientation,
        QMarginsF(margin_mm, margin_mm, margin_mm, margin_mm),
        QPageLayout.Unit.Millimeter,
    )


def pdf_writer(path: Path, title: str, *, landscape: bool = False) -> QPdfWriter:
    """An A4 PDF writer for ``path`` (its folder must exist)."""
    ensure_gui()
    if not path.parent.is_dir():
        raise UserInputError(f"保存位置不存在：{path.parent}")
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(a4_layout(landscape=landscape))
    writer.setTitle(title)
    writer.setCreator("计生协离线数据采集")
    return writer


@dataclass(frozen=True)
class Page:
    """The printable area of a page in device units, with millimetres converted to them."""

    width: float
    height: float
    dpi: float

    @classmethod
    def of(cls, device: QPagedPaintDevice) -> Page:
        dpi = float(device.logicalDpiX())
        area = device.pageLayout().paintRectPixels(round(dpi))
        return cls(float(area.width()), float(area.height()), dpi)

    def mm(self, value: float) -> float:
        return value * self.dpi / 25.4

    @property
    def rect(self) -> QRectF:
        return QRectF(0, 0, self.width, self.height)


@lru_cache(maxsize=64)
def paper_font(points: float, *, bold: bool = False) -> QFont:
    """The font for paper at a size (cached: a form asks for the same few sizes hundreds of times)."""
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(points)
    font.setBold(bold)
    return font
