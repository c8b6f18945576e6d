"""Printing visit forms to the printer the user chose: the drawing is the paper package's.

``app.services.shared.paper`` draws each sheet on an A4 page (QR code, 时机, open needs, goods
table); the UI only brings the printer from its print dialog, so paper and PDF from the command
line come out the same.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtPrintSupport import QPrinter

from app.domain.records.families import VisitSheet


def print_sheets(
    printer: QPrinter, sheets: Sequence[VisitSheet], progress: Callable[[int, int], bool] | None = None
) -> bool:
    """Each sheet on its own page of ``printer``; False when ``progress`` said stop (Cancel)."""
    from app.services.shared.paper import render_visit_forms  # the drawing code: when first printed

    return render_visit_forms(printer, sheets, progress=progress)
