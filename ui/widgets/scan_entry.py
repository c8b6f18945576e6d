"""扫码录入: a field that takes a visit form's number, typed or scanned, and finds the family.

A USB scanner types the QR code like a keyboard and ends with Enter. The number is looked up
(``look_up_form``); a number a recorded visit already carries is flagged and goes no further, so
one paper form is never entered twice. Otherwise ``found(family_id, form_number)`` is emitted and
the page opens the visit entry; a blank form's number comes with no family (family_id "").
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from app.domain.errors import FpaError
from app.services.families.visit_sheets import look_up_form
from app.services.shared.workspace import Workspace


class ScanEntry(QWidget):
    found = Signal(str, str)  # family id ("" for a blank form), the form number as printed

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.label = QLabel(self.tr("Scan a form:"))
        self.field = QLineEdit()
        self.field.setObjectName("scanEntry")
        self.field.setPlaceholderText(self.tr("Scan the QR code or type the form no., then Enter"))
        self.field.setClearButtonEnabled(True)
        self.field.setMinimumWidth(280)  # the placeholder reads whole
        self.field.setMaximumWidth(360)
        self.label.setBuddy(self.field)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.field)
        layout.addWidget(self.message, 1)
        self.field.returnPressed.connect(self.submit)

    def submit(self) -> None:
        """Look the number up: open the visit entry, or say why not (a quick read, on the GUI thread)."""
        text = self.field.text().strip()
        if not text:
            return
        try:
            form = look_up_form(self.workspace, text)
        except FpaError as exc:
            self.show_message(exc.message, error=True)
            return
        if form.used_by:
            self.show_message(
                self.tr("Form %1 is already entered (%2): the same form is not entered twice.")
                .replace("%1", form.form_number)
                .replace("%2", form.used_by),
                error=True,
            )
            return
        self.field.clear()
        if form.family_id:
            self.show_message(
                self.tr("Form %1: %2, %3")
                .replace("%1", form.form_number)
                .replace("%2", form.head_name)
                .replace("%3", form.village)
            )
        else:
            self.show_message(self.tr("Blank form %1.").replace("%1", form.form_number))
        self.found.emit(form.family_id, form.form_number)

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setProperty("error", error)
        self.message.setStyleSheet("color: #b00020;" if error else "")
