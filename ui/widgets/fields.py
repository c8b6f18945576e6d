"""Form fields that check as you type and show the problem right under themselves.

Every field is an editor with a note below it: red for an error (blocks saving), orange for a
warning (asked about once when saving). A field checks its own format (ID number, phone, date,
money) with the validators of ``app.domain``; the form adds issues only the service knows
(a duplicate ID number, a clash between fields) with ``show_issues``. A field does not nag while
the user is still typing: a format problem shows once the text looks complete or the user has
left the field, and a missing required value only after leaving it or trying to save.

- ``TextField``: plain text, optionally required.
- ``PhoneField``: a mobile or landline number, stored in one canonical form.
- ``DateField``: 2026-11-23, 2026/11/23, 20261123 or 2026年11月23日 typed; shown as 2026-11-23;
  a small calendar button for the mouse; blank means no date.
- ``MoneyField``: yuan typed (1,234.5 or ¥20), fen read (``fen()``), shown with two decimals.
- ``IdNumberField``: checks the GB 11643 number, and says what it holds (sex, birth date, age)
  through ``info_changed``, so a form can fill those fields.
- ``ChoiceField``: a combo box with the same note (a required choice).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from app.domain.errors import UserInputError
from app.domain.idcard import IdNumberInfo, age_on, check_id_number
from app.domain.validation import (
    Issue,
    Severity,
    check_phone,
    error,
    format_fen,
    normalize_phone,
    parse_date,
    parse_money_to_fen,
)

ERROR_COLOUR = "#b00020"
WARNING_COLOUR = "#b35c00"


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


class PhoneField(Field):
    def __init__(self, field: str, label: str, *, parent: QWidget | None = None) -> None:
        super().__init__(field, label, parent=parent)
        self.edit.setMaxLength(30)
        self.edit.setPlaceholderText("13807310001")  # short enough for a narrow field at 150 %
        self.edit.setToolTip(self.tr("A mobile number (13807310001) or a landline (0731-84567890)"))

    def check(self, text: str) -> list[Issue]:
        return [error(self.field, self.labelled(i.message)) for i in check_phone(self.field, text)]

    def looks_complete(self, text: str) -> bool:
        return sum(ch.isdigit() for ch in text) >= 11

    def normalise(self) -> None:
        if self.text() and not self.check(self.text()):
            self.edit.setText(normalize_phone(self.text()))


class DateField(Field):
    """A date typed in any usual way; ``date()`` is None for a blank or unreadable text."""

    def __init__(
        self,
        field: str,
        label: str,
        *,
        required: bool = False,
        not_future: bool = True,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(field, label, required=required, parent=parent)
        self.not_future = not_future
        self._today = today
        self.edit.setPlaceholderText(self.tr("e.g. 2024-05-29"))
        self.edit.setMaxLength(20)
        self.calendar_button = QToolButton()
        self.calendar_button.setText("…")
        self.calendar_button.setToolTip(self.tr("Pick from a calendar") + " (Alt+↓, F4)")
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes field to field
        self.calendar_button.clicked.connect(self._pick)
        self.row.addWidget(self.calendar_button)
        for keys in ("Alt+Down", "F4"):  # the calendar from the keyboard, as a combo box opens
            shortcut = QShortcut(QKeySequence(keys), self.edit)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self._pick)

    def check(self, text: str) -> list[Issue]:
        try:
            value = parse_date(text)
        except UserInputError as exc:
            return [error(self.field, self.labelled(exc.message))]
        if self.not_future and value > self._today():
            return [error(self.field, self.tr("%1 cannot be later than today").replace("%1", self.label))]
        return []

    def looks_complete(self, text: str) -> bool:
        return sum(ch.isdigit() for ch in text) >= 8

    def date(self) -> date | None:
        try:
            return parse_date(self.text()) if self.text() else None
        except UserInputError:
            return None

    def set_date(self, value: date | None) -> None:
        self.set_text(f"{value:%Y-%m-%d}" if value else "")

    def normalise(self) -> None:
        value = self.date()
        if value is not None:
            self.edit.setText(f"{value:%Y-%m-%d}")

    def _pick(self) -> None:
        menu = QMenu(self)
        calendar = QCalendarWidget()
        current = self.date() or self._today()
        calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        if self.not_future:
            today = self._today()
            calendar.setMaximumDate(QDate(today.year, today.month, today.day))
        action = QWidgetAction(menu)
        action.setDefaultWidget(calendar)
        menu.addAction(action)

        def chosen(day: QDate) -> None:
            self.set_date(date(day.year(), day.month(), day.day()))
            self.changed.emit()
            menu.close()

        calendar.activated.connect(chosen)
        calendar.clicked.connect(chosen)
        QTimer.singleShot(0, calendar.setFocus)  # arrows move the day, Enter takes it, Esc closes
        menu.exec(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))


class MoneyField(Field):
    """Yuan typed, fen kept: ``fen()`` is None for a blank or unreadable amount."""

    def __init__(self, field: str, label: str, *, parent: QWidget | None = None) -> None:
        super().__init__(field, label, parent=parent)
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.edit.setPlaceholderText("0.00")
        self.edit.setMaxLength(20)
        self.unit = QLabel(self.tr("yuan"))
        self.row.addWidget(self.unit)

    def check(self, text: str) -> list[Issue]:
        try:
            parse_money_to_fen(text)
        except UserInputError as exc:
            return [error(self.field, self.labelled(exc.message))]
        return []

    def looks_complete(self, text: str) -> bool:
        return True  # a letter in an amount is wrong at once

    def fen(self) -> int | None:
        try:
            return parse_money_to_fen(self.text()) if self.text() else None
        except UserInputError:
            return None

    def set_fen(self, value: int | None) -> None:
        self.set_text(format_fen(value) if value else "")

    def normalise(self) -> None:
        value = self.fen()
        if value is not None:
            self.edit.setText(format_fen(value))


class IdNumberField(Field):
    """A resident ID number; says sex, birth date and age beside the box once it is valid."""

    info_changed = Signal(object)  # IdNumberInfo, or None when the number is not (yet) valid

    def __init__(
        self,
        field: str,
        label: str,
        *,
        known_region: Callable[[str], bool] | None = None,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(field, label, parent=parent)
        self._known_region = known_region
        self._today = today
        self.info: IdNumberInfo | None = None
        self.edit.setMaxLength(20)
        self.edit.setPlaceholderText(self.tr("18 digits, the last may be X"))
        self.facts = QLabel()
        sample = f"男 · 1956-03-10 · {self.tr('%1 years').replace('%1', '100')}"
        self.facts.setMinimumWidth(self.fontMetrics().horizontalAdvance(sample) + 8)
        self.row.addWidget(self.facts)
        self.changed.connect(self._parse)

    def check(self, text: str) -> list[Issue]:
        if "*" in text:
            return []  # shown masked (the role may not see it): the stored number is kept
        return check_id_number(self.field, text, known_region=self._known_region, today=self._today())[1]

    def looks_complete(self, text: str) -> bool:
        return len(text.replace(" ", "")) >= 18

    def set_text(self, text: str) -> None:
        super().set_text(text)
        self._parse()

    def _parse(self) -> None:
        text = self.text()
        info = None
        if len(text.replace(" ", "")) in (15, 18):
            info = check_id_number(self.field, text, known_region=self._known_region, today=self._today())[0]
        if info != self.info:
            self.info = info
            if info is None:
                self.facts.clear()
            else:
                age = age_on(info.birth_date, self._today())
                years = self.tr("%1 years").replace("%1", str(age))
                self.facts.setText(f"{info.sex} · {info.birth_date:%Y-%m-%d} · {years}")
            self.info_changed.emit(info)

    def normalise(self) -> None:
        if self.info is not None and self.text() != self.info.number:
            self.edit.setText(self.info.number)


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
