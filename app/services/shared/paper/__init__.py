"""Paper: visit forms, public-notice lists and the help's text, drawn with Qt, to a printer or to PDF.

The one place under app/ that imports Qt (QtGui and QtCore only, never widgets or printing):
the UI hands in its printer, the command line and the self-test a PDF writer from here.
"""

from __future__ import annotations

from app.services.shared.paper.device import ensure_gui, pdf_writer
from app.services.shared.paper.notice import is_wide, notice_pdf, render_notice
from app.services.shared.paper.text_document import render_text, text_pdf
from app.services.shared.paper.visit_form import render_visit_forms, visit_forms_pdf

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
