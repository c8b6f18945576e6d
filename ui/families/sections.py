"""Tabs of the family form besides the members: family details, 三个全覆盖, the family's visits.

Each section owns its fields, turns them into/out of a plain dict for drafts, shows the issues
whose names it knows (``division_code``, ``coverage.doctor_name`` …) under the right field, and
sits in a scroll area so nothing is clipped on a 1366×768 screen at 150 % scaling.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import FamilyCategory, FamilyStatus
from app.domain.records.families import Coverage, FamilyDetail, VisitRow
from app.domain.validation import Issue, format_fen
from ui.models.rows_model import Column, RowsTableModel
from ui.widgets.empty_state import EmptyState
from ui.widgets.fields import ChoiceField, Field, TextField
from ui.widgets.value_fields import DateField, MoneyField, PhoneField


def _scroll(inner: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(inner)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field, not to the frame
    return area


def _pair(grid: QGridLayout, row: int, col: int, text: str, widget: QWidget, span: int = 1) -> None:
    label = QLabel(text)
    label.setBuddy(widget)
    # Level with the editor line, not centred on the editor and the line kept for its note.
    label.setMinimumHeight((widget.focusProxy() or widget).sizeHint().height())
    grid.addWidget(label, row, col, Qt.AlignmentFlag.AlignTop)
    grid.addWidget(widget, row, col + 1, 1, span, Qt.AlignmentFlag.AlignTop)


def _tab_chain(*widgets: QWidget) -> None:
    """Tab goes through the fields as they are laid out: row by row, left to right."""
    for first, second in itertools.pairwise(widgets):
        # Compound fields hand the focus to their editor: order the editors themselves.
        QWidget.setTabOrder(first.focusProxy() or first, second.focusProxy() or second)


def _iso(value: date | None) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


class _Section(QWidget):
    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, Field] = {}
        self.choices: dict[str, ChoiceField] = {}
        self.scroll_area = _scroll(self)  # not ``scroll``: that is QWidget.scroll()

    def _watch(self) -> None:
        for f in self.fields.values():
            f.changed.connect(self.changed)
        for c in self.choices.values():
            c.changed.connect(self.changed)

    def validate(self) -> list[Issue]:
        found: list[Issue] = []
        for f in self.fields.values():
            found += f.validate()
        for c in self.choices.values():
            found += c.validate()
        return found

    def show_issues(self, issues: Sequence[Issue]) -> None:
        for f in self.fields.values():
            f.show_issues([i for i in issues if i.field == f.field])
        for c in self.choices.values():
            c.show_issues([i for i in issues if i.field == c.field])

    def widget_for(self, name: str) -> QWidget | None:
        for f in self.fields.values():
            if f.field.split(".")[-1] == name:
                return f
        for c in self.choices.values():
            if c.field.split(".")[-1] == name:
                return c
        return None

    def data(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: f.text() for name, f in self.fields.items()}
        out.update({name: c.value() for name, c in self.choices.items()})
        return out

    def apply(self, data: dict[str, Any]) -> None:
        for name, f in self.fields.items():
            f.set_text(str(data.get(name) or ""))
        for name, c in self.choices.items():
            if name in data:
                c.set_value(data[name])


class GeneralSection(_Section):
    """Where the family lives, what kind of family it is, its status, number, phone and support."""

    def __init__(self) -> None:
        super().__init__()
        self.village_field = ChoiceField("division_code", self.tr("village"), required=True)
        self.village = self.village_field.combo
        self.village.setEditable(True)
        self.village.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.village.setMinimumContentsLength(16)
        self.category_field = ChoiceField("category", self.tr("category"))
        self.category = self.category_field.combo
        for category in FamilyCategory:
            self.category.addItem(category.value, category.value)
        self.grade_field = ChoiceField("disability_grade", self.tr("disability grade"))
        self.grade = self.grade_field.combo
        self.grade.addItem(self.tr("None"), None)
        for grade in range(1, 5):
            self.grade.addItem(self.tr("Grade %1").replace("%1", str(grade)), grade)
        self.status_field = ChoiceField("status", self.tr("status"))
        self.status = self.status_field.combo
        for status in FamilyStatus:
            self.status.addItem(status.value, status.value)
        self.status_changed_on = DateField("status_changed_on", self.tr("Status changed on"))
        self.registered_on = DateField("registered_on", self.tr("Registered on"))
        self.family_no = TextField("family_no", self.tr("File number"), max_length=30)
        self.family_no.edit.setPlaceholderText(self.tr("blank: numbered by the county's rule"))
        self.phone = PhoneField("phone", self.tr("Phone"))
        self.support = MoneyField("monthly_support_fen", self.tr("Special support"))
        # A blank amount is filled from the 特别扶助 standard on saving (services.families.support).
        self.support.edit.setPlaceholderText(self.tr("blank: by the standard"))
        self.support.edit.setToolTip(
            self.tr("Left blank, it is filled from the local standard: per person, times those receiving it")
        )
        self.address = TextField("address", self.tr("Address"), max_length=120)
        self.needs = TextField("needs", self.tr("Needs"))
        self.note = TextField("note", self.tr("Note"))
        self.choices = {
            "division_code": self.village_field,
            "category": self.category_field,
            "disability_grade": self.grade_field,
            "status": self.status_field,
        }
        self.fields = {
            "family_no": self.family_no,
            "registered_on": self.registered_on,
            "status_changed_on": self.status_changed_on,
            "phone": self.phone,
            "monthly_support_fen": self.support,
            "address": self.address,
            "needs": self.needs,
            "note": self.note,
        }
        grid = QGridLayout(self)
        grid.setVerticalSpacing(6)
        _pair(grid, 0, 0, self.tr("&Village"), self.village_field, 3)
        _pair(grid, 1, 0, self.tr("&Category"), self.category_field)
        _pair(grid, 1, 2, self.tr("Disability &grade (child)"), self.grade_field)
        _pair(grid, 2, 0, self.tr("S&tatus"), self.status_field)
        _pair(grid, 2, 2, self.tr("Status c&hanged on"), self.status_changed_on)
        _pair(grid, 3, 0, self.tr("&File number"), self.family_no)
        _pair(grid, 3, 2, self.tr("&Registered on"), self.registered_on)
        _pair(grid, 4, 0, self.tr("&Phone"), self.phone)
        _pair(grid, 4, 2, self.tr("Special support per &month"), self.support)
        _pair(grid, 5, 0, self.tr("&Address"), self.address, 3)
        _pair(grid, 6, 0, self.tr("&Needs"), self.needs, 3)
        _pair(grid, 7, 0, self.tr("N&ote"), self.note, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setRowStretch(8, 1)
        self.category.currentIndexChanged.connect(self._category_chosen)
        _tab_chain(
            self.village_field,
            self.category_field,
            self.grade_field,
            self.status_field,
            self.status_changed_on,
            self.family_no,
            self.registered_on,
            self.phone,
            self.support,
            self.address,
            self.needs,
            self.note,
        )
        self._watch()

    def _category_chosen(self, _index: int) -> None:
        self.grade.setEnabled(self.category.currentData() == FamilyCategory.DISABLED.value)

    def clear(self) -> None:
        self.apply({"category": FamilyCategory.BEREAVED.value, "status": FamilyStatus.REGISTERED.value})
        self.village_field.set_value("")
        self.grade_field.set_value(None)
        self.registered_on.set_date(date.today())

    def set_detail(self, d: FamilyDetail) -> None:
        self.village_field.set_value(d.division_code)
        if self.village.currentData() != d.division_code:  # the village list is not loaded yet
            self.village.addItem(f"{d.township} · {d.village}", d.division_code)
            self.village_field.set_value(d.division_code)
        self.category_field.set_value(d.category.value)
        self.grade_field.set_value(d.disability_grade)
        self.status_field.set_value(d.status.value)
        self.status_changed_on.set_date(d.status_changed_on)
        self.registered_on.set_date(d.registered_on)
        self.family_no.set_text(d.family_no)
        self.phone.set_text(d.phone)
        self.support.set_fen(d.monthly_support_fen)
        self.address.set_text(d.address)
        self.needs.set_text(d.needs)
        self.note.set_text(d.note)
        self._category_chosen(0)

    def apply(self, data: dict[str, Any]) -> None:
        super().apply(data)
        self._category_chosen(0)


class CoverageSection(_Section):
    """三个全覆盖: the two contact persons, the family doctor, the hospital green channel."""

    def __init__(self) -> None:
        super().__init__()
        f = self.fields = {
            "contact_township_name": TextField(
                "coverage.contact_township_name", self.tr("Township contact"), max_length=40
            ),
            "contact_township_phone": PhoneField(
                "coverage.contact_township_phone", self.tr("Township contact phone")
            ),
            "contact_village_name": TextField(
                "coverage.contact_village_name", self.tr("Village contact"), max_length=40
            ),
            "contact_village_phone": PhoneField(
                "coverage.contact_village_phone", self.tr("Village contact phone")
            ),
            "doctor_institution": TextField(
                "coverage.doctor_institution", self.tr("Institution"), max_length=80
            ),
            "doctor_name": TextField("coverage.doctor_name", self.tr("Family doctor"), max_length=40),
            "doctor_signed_on": DateField("coverage.doctor_signed_on", self.tr("Signed on")),
            "doctor_expires_on": DateField(
                "coverage.doctor_expires_on", self.tr("Expires on"), not_future=False
            ),
            "green_channel_hospital": TextField(
                "coverage.green_channel_hospital", self.tr("Hospital"), max_length=80
            ),
            "green_channel_since": DateField("coverage.green_channel_since", self.tr("Open since")),
        }
        contacts = QGroupBox(self.tr("Contact persons"))
        grid = QGridLayout(contacts)
        _pair(grid, 0, 0, self.tr("&Township cadre"), f["contact_township_name"])
        _pair(grid, 0, 2, self.tr("Phone"), f["contact_township_phone"])
        _pair(grid, 1, 0, self.tr("&Village cadre"), f["contact_village_name"])
        _pair(grid, 1, 2, self.tr("Phone"), f["contact_village_phone"])
        doctor = QGroupBox(self.tr("Family doctor contract"))
        grid_d = QGridLayout(doctor)
        _pair(grid_d, 0, 0, self.tr("&Institution"), f["doctor_institution"])
        _pair(grid_d, 0, 2, self.tr("&Doctor"), f["doctor_name"])
        _pair(grid_d, 1, 0, self.tr("Si&gned on"), f["doctor_signed_on"])
        _pair(grid_d, 1, 2, self.tr("&Expires on"), f["doctor_expires_on"])
        green = QGroupBox(self.tr("Hospital green channel"))
        grid_g = QGridLayout(green)
        _pair(grid_g, 0, 0, self.tr("&Hospital"), f["green_channel_hospital"])
        _pair(grid_g, 0, 2, self.tr("O&pen since"), f["green_channel_since"])
        for g in (grid, grid_d, grid_g):
            g.setColumnStretch(1, 1)
            g.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        for box in (contacts, doctor, green):
            layout.addWidget(box)
        layout.addStretch(1)
        self._watch()

    def set_coverage(self, c: Coverage) -> None:
        for name, f in self.fields.items():
            value = getattr(c, name)
            if isinstance(f, DateField):
                f.set_date(value)
            else:
                f.set_text(value or "")

    def coverage(self) -> Coverage:
        values: dict[str, Any] = {}
        for name, f in self.fields.items():
            values[name] = f.date() if isinstance(f, DateField) else f.text()
        return Coverage(**values)


class VisitsSection(QWidget):
    """The family's visits, newest first, and the button to record one."""

    def __init__(self) -> None:
        super().__init__()
        columns = [
            Column(self.tr("Date"), lambda v: v.visited_on, text=lambda v: _iso(v.visited_on)),
            Column(self.tr("Kind"), lambda v: v.kind.value),
            Column(self.tr("Occasion"), lambda v: v.occasion.value),
            Column(self.tr("Way"), lambda v: v.way.value),
            Column(self.tr("Visitors"), lambda v: v.visitors),
            Column(
                self.tr("Cash (yuan)"),
                lambda v: v.cash_fen,
                text=lambda v: format_fen(v.cash_fen),
                align_right=True,
            ),
            Column(self.tr("Goods"), lambda v: v.goods_text),
            Column(self.tr("Needs raised"), lambda v: v.needs_raised),
            Column(self.tr("Form no."), lambda v: v.form_number),
        ]
        self.model = RowsTableModel(columns, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.count = QLabel()
        self.record_button = QPushButton(self.tr("&Record a visit…"))
        top = QHBoxLayout()
        top.addWidget(self.count, 1)
        top.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.hint = EmptyState(self.view, "", ready=True)
        self.set_saved(False)

    def set_saved(self, saved: bool) -> None:
        """A family not yet saved has no visits to list nor record: say so, rather than grey it all."""
        self.record_button.setEnabled(saved)
        self.hint.set_text(
            self.tr("No visits recorded yet. Click “Record a visit…” after each visit to this family.")
            if saved
            else self.tr("Save the family first, then record its visits.")
        )

    def set_visits(self, visits: Sequence[VisitRow]) -> None:
        self.model.set_rows(visits)
        total = sum(v.cash_fen for v in visits)
        self.count.setText(
            self.tr("%1 visits, cash %2 yuan in all")
            .replace("%1", str(len(visits)))
            .replace("%2", format_fen(total))
        )
