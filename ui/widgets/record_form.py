"""A form of labelled fields on a grid over ``DraftDialog``: the organisation, project and activity forms.

A subclass creates its fields, places them with ``place(row, col, label, widget)`` and says how
to turn them into the service's input. It gets, for free: drafts of the fields' texts, every
field's own check when saving, the service's issues shown under the field they name, the focus
on the first problem, Tab in the order the fields were placed, and a scroll area so nothing is
clipped at 1366×768 and 150 % scaling.

Also here: ``CountField`` (a whole number, 0 or more) and ``DivisionField`` (a division picked by
typing part of its name).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.records.org import DivisionChoice
from app.domain.validation import Issue, error, to_ascii_digits
from ui.shell.page import PageContext
from ui.widgets.draft_dialog import DraftDialog
from ui.widgets.fields import ChoiceField, Field

Editor = Field | ChoiceField | QCheckBox


class CountField(Field):
    """A whole number such as 参与人次: digits (full-width too), thousands commas allowed."""

    def __init__(
        self,
        field: str,
        label: str,
        *,
        minimum: int = 0,
        required: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(field, label, required=required, parent=parent)
        self.minimum = minimum
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.edit.setMaxLength(12)
        self.edit.setPlaceholderText(str(minimum))

    def check(self, text: str) -> list[Issue]:
        digits = to_ascii_digits(text).replace(",", "").replace("，", "")
        if not (digits.isascii() and digits.isdigit()):
            return [error(self.field, self.tr("%1 must be a whole number").replace("%1", self.label))]
        if int(digits) < self.minimum:
            message = (
                self.tr("%1 must be at least %2").replace("%1", self.label).replace("%2", str(self.minimum))
            )
            return [error(self.field, message)]
        return []

    def looks_complete(self, text: str) -> bool:
        return True  # a letter in a count is wrong at once

    def value(self) -> int | None:
        text = self.text()
        if not text or self.check(text):
            return None
        return int(to_ascii_digits(text).replace(",", "").replace("，", ""))

    def set_value(self, value: int | None) -> None:
        self.set_text("" if value is None else str(value))


class DivisionField(ChoiceField):
    """A division picked from the installation's divisions; typing part of a name finds it."""

    def __init__(
        self, field: str, label: str, *, required: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(field, label, required=required, parent=parent)
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.setMinimumContentsLength(18)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._wanted: Any = None

    def set_choices(self, choices: Sequence[DivisionChoice], *, levels: Sequence[str] = ()) -> None:
        """Fill the list (``levels``: only 乡镇街道 / 村居社区 …); keeps or restores the chosen code."""
        current = self.value() or self._wanted
        shown = [c for c in choices if not levels or c.level in levels]
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem("", "")
        for c in shown:
            self.combo.addItem(c.label, c.code)
        completer = QCompleter([c.label for c in shown], self.combo)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.combo.setCompleter(completer)
        self.combo.setCurrentIndex(max(self.combo.findData(current), 0))
        self.combo.blockSignals(False)

    def set_value(self, value: Any) -> None:
        self._wanted = value  # the choices may arrive after the record
        super().set_value(value)


def scroll_area(inner: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(inner)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes field to field, never to the frame
    return area


class RecordForm(DraftDialog):
    """A ``DraftDialog`` whose fields sit on one grid and are handled alike."""

    def __init__(self, context: PageContext, record_id: str | None, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.record_id = record_id
        self.editors: dict[str, Editor] = {}
        self._order: list[QWidget] = []
        self.body = QWidget()
        self.grid = QGridLayout(self.body)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(3, 1)
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(scroll_area(self.body), 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

    # --- building --------------------------------------------------------------------------------------

    def place(self, row: int, col: int, label: str, widget: QWidget, span: int = 1) -> None:
        """A label (with its Alt mnemonic) and its editor at a grid cell; Tab follows this order."""
        text = QLabel(label)
        text.setBuddy(widget)
        # As tall as the editor line, so the label stays level with it when a note opens below.
        text.setMinimumHeight((widget.focusProxy() or widget).sizeHint().height())
        text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.grid.addWidget(text, row, col, Qt.AlignmentFlag.AlignTop)
        self.grid.addWidget(widget, row, col + 1, 1, span)
        self._watch(widget)
        self._order.append(widget)

    def place_wide(self, row: int, widget: QWidget) -> None:
        """A widget across the whole grid (a check box, a note)."""
        self.grid.addWidget(widget, row, 0, 1, 4)
        self._watch(widget)
        self._order.append(widget)

    def _watch(self, widget: QWidget) -> None:
        if isinstance(widget, Field | ChoiceField):
            self.editors[widget.field] = widget
            widget.changed.connect(self.changed)
        elif isinstance(widget, QCheckBox) and widget.objectName():
            self.editors[widget.objectName()] = widget
            widget.toggled.connect(lambda _on: self.changed())

    def finish_layout(self, width: int = 760, height: int = 520) -> None:
        """Call after placing every field: Tab order, size within the screen."""
        for first, second in itertools.pairwise(self._order):
            QWidget.setTabOrder(first.focusProxy() or first, second.focusProxy() or second)
        if self._order:
            QWidget.setTabOrder(self._order[-1].focusProxy() or self._order[-1], self.save_button)
        self.grid.setRowStretch(self.grid.rowCount(), 1)
        self.fit_to_screen(width, height)

    def show_header(self, text: str) -> None:
        self.header.setText(text)
        self.header.setVisible(bool(text))

    # --- DraftDialog, generically ------------------------------------------------------------------------

    def draft_key(self) -> str:
        return self.record_id or "new"

    def form_data(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, editor in self.editors.items():
            if isinstance(editor, Field):
                out[name] = editor.text()
            elif isinstance(editor, ChoiceField):
                out[name] = editor.value()
            else:
                out[name] = editor.isChecked()
        return out

    def apply_data(self, data: dict[str, Any]) -> None:
        for name, editor in self.editors.items():
            if name not in data:
                continue
            value = data[name]
            if isinstance(editor, Field):
                editor.set_text(str(value or ""))
            elif isinstance(editor, ChoiceField):
                editor.set_value(value)
            else:
                editor.setChecked(bool(value))

    def clear_fields(self) -> None:
        for editor in self.editors.values():
            if isinstance(editor, Field):
                editor.set_text("")
            elif isinstance(editor, ChoiceField):
                editor.combo.setCurrentIndex(0)
            else:
                editor.setChecked(False)

    def local_issues(self) -> list[Issue]:
        found: list[Issue] = []
        for editor in self.editors.values():
            if isinstance(editor, Field | ChoiceField) and editor.isEnabled():
                found += editor.validate()
        return found

    def show_issues(self, issues: Sequence[Issue]) -> None:
        for name, editor in self.editors.items():
            if isinstance(editor, Field | ChoiceField):
                editor.show_issues([i for i in issues if i.field == name])
        unplaced = [i for i in issues if i.field not in self.editors]
        if unplaced:
            self.show_summary("；".join(i.message for i in unplaced), error=any(i.is_error for i in unplaced))

    def focus_issue(self, issue: Issue) -> None:
        editor = self.editors.get(issue.field)
        if editor is not None:
            editor.setFocus()

    def after_save(self, record_id: str) -> None:
        self.record_id = record_id
