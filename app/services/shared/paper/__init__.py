"""Paper: visit forms, public-notice lists and the help's text, drawn with Qt, to a printer or to PDF.

The one place under app/ that imports Qt (QtGui and QtCore only, never widgets or printing):
the UI hands in its printer, the command line and the self-test a PDF writer from here.

The drawing modules load when one of their names is first used (``__getattr__`` below): the
program imports ``paper.refcount_guard`` before anything else at start, and the drawing code (QR
codes, page layouts) would otherwise be part of every start, printing or not.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.services.shared.paper.device import ensure_gui, pdf_writer
    from app.services.shared.paper.notice import is_wide, notice_pdf, render_notice
    from app.services.shared.paper.text_document import render_text, text_pdf
    from app.services.shared.paper.visit_form import render_visit_forms, visit_forms_pdf

_MODULE_OF = {
    "ensure_gui": "device",
    "pdf_writer": "device",
    "is_wide": "notice",
    "notice_pdf": "notice",
    "render_notice": "notice",
    "render_text": "text_document",
    "text_pdf": "text_document",
    "render_visit_forms": "visit_form",
    "visit_forms_pdf": "visit_form",
}

__all__ = [
    "ensure_gui",
    "is_wide",
    "notice_pdf",
    "pdf_writer",
    "render_notice",
    "render_text",
    "render_visit_forms",
    "text_pdf",
    "visit_forms_pdf",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # once: later look-ups find it directly
    return value
