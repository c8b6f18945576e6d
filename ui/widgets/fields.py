"""Form fields that check as you type and show the problem right under themselves: the base and plain kinds.

Every field is an editor with a note below it: red for an error (blocks saving), orange for a
warning (asked about once when saving). A field checks its own format (ID number, phone, date,
money) with the validators of ``app.domain``; the form adds issues only the service knows
(a duplicate ID number, a clash between fields) with ``show_issues``. A field does not nag while
the user is still typing: a format problem shows once the text looks complete or the user has
left the field, and a missing required value only after leaving it or trying to save.

- ``Field``: the editor with its note; a subclass says how to check and tidy its text.
- ``TextField``: plain text, optionally required.
- ``ChoiceField``: a combo box with the same note (a required choice).

The fields for one kind of value (phone, date, money, ID number) are in ``ui.widgets.value_fields``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.validation import (
    Issue,
    Severity,
    error,
)

ERROR_COLOUR = "#b00020"
WARNING_COLOUR = "#b35c00"


def reserve_note_line(note: QLabel) -> None:
    """Keep one line under the editor for its note, shown or not, so an error that appears does not
    push the fields below down (a click aimed at the next field would land on the wrong one)."""
    policy = note.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    note.setSizePolicy(policy)
    note.setText("请")  # one line of text as the note shows it (a bare line spacing is a pixel short)
    note.setMinimumHeight(note.sizeHint().height())
    note.clear()


def note_style(issues: Sequence[Issue]) -> str:
    colour = ERROR_COLOUR if any(i.severity is Severity.ERROR for i in issues) else WARNING_COLOUR
    return f"color: {colour};"


class Field(QWidget):
    """An editor (a QLineEdit here) with its issue note; subclasses say how to check the text."""

    changed = Signal()  # the value changed (typed or set)

    def __init__(
        self, field: str, label: str, *, required: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.field = field  # the name issues use: "phone", "members.0.id_number" …
        self.label = label
        self.required = required
        self._touched = False
        self._outside: list[Issue] = []
        self.edit = QLineEdit()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setVisible(False)
        self.note.setTextFormat(Qt.TextFormat.RichText)
        self.note.setOpenExternalLinks(False)
        self.row = QHBoxLayout()
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addWidget(self.edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addLayout(self.row)
        layout.addWidget(self.note)
        if required or type(self).check is not Field.check:
            reserve_note_line(self.note)  # a field that checks itself: its note never moves the next row
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._typed)
        self.edit.editingFinished.connect(self._left)

    # --- what subclasses provide --------------------------------------------------------------------

    def check(self, text: str) -> list[Issue]:
        """Format issues of a non-empty text."""
        return []

    def looks_complete(self, text: str) -> bool:
        """Whether to judge the text while the user is still typing."""
        return False

    # --- state ---------------------------------------------------------------------------------------

    def text(self) -> str:
        return self.edit.text().strip()

    def set_text(self, text: str) -> None:
        self.edit.setText(text or "")
        self._touched = bool(text)
        self.refresh_note()

    def issues(self) -> list[Issue]:
        """This field's issues now: its own check plus those the form or service added."""
        text = self.text()
        own = self.check(text) if text else []
        if not text and self.required:
            own = [error(self.field, self.tr("Please fill in %1").replace("%1", self.label))]
        return own + self._outside

    def validate(self) -> list[Issue]:
        """Show every issue at once (the user tries to save)."""
        self._touched = True
        self.refresh_note()
        return self.issues()

    def show_issues(self, issues: Sequence[Issue]) -> None:
        """Issues from outside (the service, a duplicate look-up); kept until the text changes."""
        self._outside = list(issues)
        self.refresh_note()

    def show_note(self, html: str, severity: Severity) -> None:
        self.note.setText(html)
        self.note.setStyleSheet(note_style([Issue(self.field, severity, "")]))
        self.note.setVisible(True)

    def refresh_note(self) -> None:
        text = self.text()
        visible = self._touched or (bool(text) and self.looks_complete(text))
        issues = [i for i in self.issues() if visible or i in self._outside]
        if not issues:
            self.note.clear()
            self.note.setVisible(False)
            return
        issues.sort(key=lambda i: i.severity is not Severity.ERROR)
        self.note.setText("<br>".join(_escape(i.message) for i in issues[:2]))
        self.note.setStyleSheet(note_style(issues))
        self.note.setVisible(True)

    def _typed(self, _text: str) -> None:
        self._outside = []
        self.refresh_note()
        self.changed.emit()

    def _left(self) -> None:
        self._touched = True
        self.normalise()
        self.refresh_note()

    def normalise(self) -> None:
        """Rewrite the text in its canonical form when the user leaves the field."""

    def labelled(self, message: str) -> str:
        """A validator's message prefixed with this field's label."""
        return self.tr("%1: %2").replace("%1", self.label).replace("%2", message)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class TextField(Field):
    def __init__(
        self,
        field: str,
        label: str,
        *,
        required: bool = False,
        max_length: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(field, label, required=required, parent=parent)
        if max_length:
            self.edit.setMaxLength(max_length)


class ChoiceField(QWidget):
    """A combo box with the same issue note as the text fields (a required choice, a service issue)."""

    changed = Signal()

    def __init__(
        self, field: str, label: str, *, required: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.field = field
        self.label = label
        self.required = required
        self._outside: list[Issue] = []
        self.combo = QComboBox()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(self.combo)
        layout.addWidget(self.note)
        if required:
            reserve_note_line(self.note)
        self.setFocusProxy(self.combo)
        self.combo.currentIndexChanged.connect(self._chosen)

    def value(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        self.combo.setCurrentIndex(max(self.combo.findData(value), 0))

    def issues(self) -> list[Issue]:
        own = []
        if self.required and not self.value():
            own = [error(self.field, self.tr("Please choose %1").replace("%1", self.label))]
        return own + self._outside

    def validate(self) -> list[Issue]:
        self._show(self.issues())
        return self.issues()

    def show_issues(self, issues: Sequence[Issue]) -> None:
        self._outside = list(issues)
        self._show(self._outside)

    def _show(self, issues: Sequence[Issue]) -> None:
        self.note.setText("\n".join(i.message for i in issues[:2]))
        self.note.setStyleSheet(note_style(issues))
        self.note.setVisible(bool(issues))

    def _chosen(self, _index: int) -> None:
        self._outside = []
        self._show([])
        self.changed.emit()
