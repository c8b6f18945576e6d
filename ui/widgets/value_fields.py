"""Form fields for one kind of value, each checking its own format with ``app.domain``'s validators.

- ``PhoneField``: a mobile or landline number, stored in one canonical form.
- ``DateField``: 2026-11-23, 2026/11/23, 20261123 or 2026年11月23日 typed; shown as 2026-11-23;
  a small calendar button for the mouse; blank means no date.
- ``MoneyField``: yuan typed (1,234.5 or ¥20), fen read (``fen()``), shown with two decimals.
- ``IdNumberField``: checks the GB 11643 number, and says what it holds (sex, birth date, age)
  through ``info_changed``, so a form can fill those fields.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCalendarWidget, QLabel, QMenu, QToolButton, QWidget, QWidgetAction

from app.domain.errors import UserInputError
from app.domain.idcard import IdNumberInfo, age_on, check_id_number
from app.domain.validation import (
    Issue,
    check_phone,
    error,
    format_fen,
    normalize_phone,
    parse_date,
    parse_money_to_fen,
)
from ui.widgets.fields import Field


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

    def set_date(self, value: datetime.date | None) -> None:  # ``date`` here is the method above
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
