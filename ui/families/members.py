"""The members part of the family form: a small table of members and the editor of the chosen one.

Members are kept as plain dicts (``ui.families.member_data``: the same shape goes into drafts)
and turned into ``MemberInput`` for the service; ``ui.families.member_table`` shows them. Typing a
valid ID number fills sex and birth date (and locks them: the number is the authority);
``id_number_ready`` lets the form look for the same number in other families at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import MemberRelation, Sex
from app.domain.idcard import IdNumberInfo
from app.domain.records.families import MemberInput, UnmaskedNumbers
from app.domain.validation import Issue, Severity
from app.services.families.checks import check_member
from ui.families.member_data import empty_member, member_input
from ui.families.member_table import MemberTable
from ui.widgets.fields import Field, TextField
from ui.widgets.value_fields import DateField, IdNumberField, PhoneField


class MembersPanel(QWidget):
    changed = Signal()
    id_number_ready = Signal(int, str)  # member index, a valid 18-digit number
    unmask_requested = Signal(str)  # a member id: show its numbers in full (an audited action)

    def __init__(
        self,
        *,
        known_region: Callable[[str], bool] | None,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._today = today
        self._known_region = known_region
        self.members: list[dict[str, Any]] = []
        self._current = -1
        self._loading = False
        self._outside: dict[int, list[Issue]] = {}

        self.table = MemberTable()
        self.table.currentCellChanged.connect(lambda row, _c, _pr, _pc: self.select(row))
        self.add_button = QPushButton(self.tr("&Add member"))
        self.remove_button = QPushButton(self.tr("Remo&ve member"))
        self.add_button.clicked.connect(lambda: self.add_member())
        self.remove_button.clicked.connect(self.remove_current)

        self.name = TextField("name", self.tr("Name"), required=True, max_length=40)
        self.relation = QComboBox()
        for relation in MemberRelation:
            self.relation.addItem(relation.value, relation.value)
        self.id_number = IdNumberField(
            "id_number", self.tr("ID number"), known_region=known_region, today=today
        )
        self.sex = QComboBox()
        self.sex.addItem("", "")
        for sex in Sex:
            self.sex.addItem(sex.value, sex.value)
        self.birth = DateField("birth_date", self.tr("Birth date"), today=today)
        self.deceased = QCheckBox(self.tr("&Deceased"))
        self.died = DateField("died_on", self.tr("Date of death"), today=today)
        self.grade = QComboBox()
        self.grade.addItem(self.tr("None"), None)
        for grade in range(1, 5):
            self.grade.addItem(self.tr("Grade %1").replace("%1", str(grade)), grade)
        self.phone = PhoneField("phone", self.tr("Phone"))
        self.bank_name = TextField("bank_name", self.tr("Bank"), max_length=40)
        self.bank_account = TextField("bank_account", self.tr("Bank account"), max_length=32)
        self.support = QCheckBox(self.tr("Receives special s&upport"))
        self.health = TextField("health_note", self.tr("Health"))
        # Numbers come masked for a role that may not see them in full; one member at a time can be
        # shown in full on request (written to the audit log), and only then edited.
        self.unmask_button = QPushButton(self.tr("Sho&w full numbers"))
        self.unmask_button.setToolTip(
            self.tr("Shows this member's ID and bank numbers; the viewing is logged")
        )
        self.unmask_button.clicked.connect(self._request_unmask)
        self.id_number.row.addWidget(self.unmask_button)  # beside the number it reveals
        self.unmask_allowed = True
        self.fields: dict[str, Field] = {
            f.field: f
            for f in (
                self.name,
                self.id_number,
                self.birth,
                self.died,
                self.phone,
                self.bank_name,
                self.bank_account,
                self.health,
            )
        }

        grid = QGridLayout()
        grid.setVerticalSpacing(4)
        rows: Sequence[tuple[str, QWidget, str, QWidget | None]] = (
            (self.tr("Na&me"), self.name, self.tr("Re&lation"), self.relation),
            (self.tr("&ID number"), self.id_number, "", None),
            (self.tr("Se&x"), self.sex, self.tr("&Born"), self.birth),
            ("", self.deceased, self.tr("Died"), self.died),
            (self.tr("Disabilit&y"), self.grade, self.tr("P&hone"), self.phone),
            (self.tr("Ban&k"), self.bank_name, self.tr("Acc&ount"), self.bank_account),
            ("", self.support, self.tr("Heal&th"), self.health),
        )
        for r, (label_a, widget_a, label_b, widget_b) in enumerate(rows):
            self._add(grid, r, 0, label_a, widget_a, span=1 if widget_b is not None else 3)
            if widget_b is not None:
                self._add(grid, r, 2, label_b, widget_b)
        grid.setRowStretch(len(rows), 1)  # spare height goes below the fields, not between them
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        left.addLayout(buttons)
        self.editor = QWidget()
        self.editor.setLayout(grid)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 2)
        layout.addWidget(self.editor, 3)

        for f in self.fields.values():
            f.changed.connect(self._store)
        for combo in (self.relation, self.sex, self.grade):
            combo.currentIndexChanged.connect(lambda _i: self._store())
        for box in (self.deceased, self.support):
            box.toggled.connect(lambda _on: self._store())
        self.deceased.toggled.connect(self.died.setEnabled)
        self.id_number.info_changed.connect(self._id_parsed)
        QWidget.setTabOrder(self.id_number.edit, self.unmask_button)  # the number, then its button
        QWidget.setTabOrder(self.unmask_button, self.sex)
        self._set_editor_enabled(False)

    @staticmethod
    def _add(grid: QGridLayout, row: int, col: int, text: str, widget: QWidget, span: int = 1) -> None:
        if text:
            label = QLabel(text)
            label.setBuddy(widget)
            label.setMinimumHeight((widget.focusProxy() or widget).sizeHint().height())  # level with it
            grid.addWidget(label, row, col, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        grid.addWidget(widget, row, col + 1, 1, span, Qt.AlignmentFlag.AlignTop)

    # --- the member list ------------------------------------------------------------------------------

    def set_members(self, members: Sequence[dict[str, Any]]) -> None:
        self.members = [dict(m) for m in members]
        self._outside.clear()
        self.table.setRowCount(0)
        for i in range(len(self.members)):
            self.table.insertRow(i)
            self._show_row(i)
        self._current = -1
        self.select(0 if self.members else -1)

    def add_member(self, relation: MemberRelation | None = None) -> None:
        if relation is None:
            relation = MemberRelation.SELF if not self.members else MemberRelation.SPOUSE
            if any(m["relation"] == MemberRelation.SPOUSE.value for m in self.members):
                relation = MemberRelation.CHILD
        self.members.append(empty_member(relation))
        row = len(self.members) - 1
        self.table.insertRow(row)
        self._show_row(row)
        self.select(row)
        self.name.setFocus()
        self.changed.emit()

    def remove_current(self) -> None:
        row = self._current
        if row < 0:
            return
        del self.members[row]
        self._outside = {(i if i < row else i - 1): v for i, v in self._outside.items() if i != row}
        self._current = -1
        self.table.removeRow(row)
        self.select(min(row, len(self.members) - 1))
        self.changed.emit()

    def select(self, row: int) -> None:
        if row == self._current and row >= 0:
            return
        self._current = row
        if 0 <= row < len(self.members):
            if self.table.currentRow() != row:
                self.table.setCurrentCell(row, 0)
            self._load(self.members[row])
        self._set_editor_enabled(0 <= row < len(self.members))
        self.remove_button.setEnabled(row >= 0)

    def current_index(self) -> int:
        return self._current

    def inputs(self) -> tuple[MemberInput, ...]:
        return tuple(member_input(m) for m in self.members)

    # --- issues -------------------------------------------------------------------------------------------

    def show_issues(self, issues: Sequence[Issue]) -> None:
        """Issues named members.<i>.<field>: under the field for the chosen member, on the row for others."""
        self._outside = {}
        for issue in issues:
            parts = issue.field.split(".")
            if len(parts) >= 2 and parts[0] == "members" and parts[1].isdigit():
                self._outside.setdefault(int(parts[1]), []).append(issue)
        for i in range(len(self.members)):
            self._show_row(i)
        self._show_current_issues()

    def local_issues(self) -> list[Issue]:
        """What the members' own checks say (format, required), without the database."""
        found: list[Issue] = []
        for i, member in enumerate(self.inputs()):
            found += check_member(i, member, today=self._today(), known_region=self._known_region)[1]
        return found

    def first_error_row(self) -> int:
        for issue in self.local_issues() + [i for v in self._outside.values() for i in v]:
            if issue.severity is Severity.ERROR:
                return int(issue.field.split(".")[1])
        return -1

    def _show_current_issues(self) -> None:
        prefix = f"members.{self._current}."
        issues = self._outside.get(self._current, [])
        for key, f in self.fields.items():
            f.show_issues([Issue(key, i.severity, i.message) for i in issues if i.field == prefix + key])

    # --- editor <-> member dict ---------------------------------------------------------------------------

    def _load(self, member: dict[str, Any]) -> None:
        self._loading = True
        try:
            self.name.set_text(member.get("name") or "")
            self._choose(self.relation, member.get("relation"))
            self.id_number.set_text(member.get("id_number") or "")
            self._choose(self.sex, member.get("sex") or "")
            self.birth.set_text(member.get("birth_date") or "")
            self.deceased.setChecked(bool(member.get("is_deceased")))
            self.died.set_text(member.get("died_on") or "")
            self.died.setEnabled(bool(member.get("is_deceased")))
            self._choose(self.grade, member.get("disability_grade"))
            self.phone.set_text(member.get("phone") or "")
            self.bank_name.set_text(member.get("bank_name") or "")
            self.bank_account.set_text(member.get("bank_account") or "")
            self.support.setChecked(bool(member.get("receives_support")))
            self.health.set_text(member.get("health_note") or "")
            self._lock_facts(self.id_number.info)
            self._show_masking(member)
        finally:
            self._loading = False
        self._show_current_issues()

    # --- masked numbers ----------------------------------------------------------------------------------

    @staticmethod
    def _masked(member: dict[str, Any]) -> bool:
        return "*" in str(member.get("id_number") or "") or "*" in str(member.get("bank_account") or "")

    def _show_masking(self, member: dict[str, Any]) -> None:
        """A masked number cannot be edited (the stored one is kept); the button shows it in full."""
        masked_id = "*" in str(member.get("id_number") or "")
        self.id_number.edit.setReadOnly(masked_id)
        self.id_number.facts.setVisible(not masked_id)  # nothing to tell from a masked number
        self.bank_account.edit.setReadOnly("*" in str(member.get("bank_account") or ""))
        masked = self._masked(member) and bool(member.get("id"))
        self.unmask_button.setVisible(masked and self.unmask_allowed)

    def set_unmask_allowed(self, allowed: bool) -> None:
        self.unmask_allowed = allowed
        if 0 <= self._current < len(self.members):
            self._show_masking(self.members[self._current])
        else:
            self.unmask_button.setVisible(False)

    def _request_unmask(self) -> None:
        if 0 <= self._current < len(self.members) and self.members[self._current].get("id"):
            self.unmask_requested.emit(str(self.members[self._current]["id"]))

    def set_unmasked(self, numbers: UnmaskedNumbers) -> None:
        """Put one member's full numbers in place of the masked ones (they become editable)."""
        for i, member in enumerate(self.members):
            if member.get("id") != numbers.member_id:
                continue
            if "*" in str(member.get("id_number") or ""):
                member["id_number"] = numbers.id_number
            if "*" in str(member.get("bank_account") or ""):
                member["bank_account"] = numbers.bank_account
            self._show_row(i)
            if i == self._current:
                self._load(member)
                self.id_number.setFocus()

    @staticmethod
    def _choose(combo: QComboBox, value: Any) -> None:
        combo.setCurrentIndex(max(combo.findData(value), 0))

    def _store(self) -> None:
        if self._loading or not (0 <= self._current < len(self.members)):
            return
        member = self.members[self._current]
        member.update(
            name=self.name.text(),
            relation=self.relation.currentData(),
            id_number=self.id_number.text(),
            sex=self.sex.currentData() or "",
            birth_date=self._iso(self.birth),
            is_deceased=self.deceased.isChecked(),
            died_on=self._iso(self.died) if self.deceased.isChecked() else "",
            disability_grade=self.grade.currentData(),
            phone=self.phone.text(),
            bank_name=self.bank_name.text(),
            bank_account=self.bank_account.text(),
            receives_support=self.support.isChecked(),
            health_note=self.health.text(),
        )
        self._outside.pop(self._current, None)
        self._show_row(self._current)
        self.changed.emit()

    @staticmethod
    def _iso(f: DateField) -> str:
        value = f.date()
        return f"{value:%Y-%m-%d}" if value else f.text()

    def _id_parsed(self, info: IdNumberInfo | None) -> None:
        if self._loading:
            return
        self._lock_facts(info)
        if info is not None:
            self._loading = True
            try:
                self._choose(self.sex, info.sex.value)
                self.birth.set_date(info.birth_date)
            finally:
                self._loading = False
            self._store()
            if len(self.id_number.text()) == 18 and self._current >= 0:
                self.id_number_ready.emit(self._current, info.number)

    def _lock_facts(self, info: IdNumberInfo | None) -> None:
        locked = info is not None
        self.sex.setEnabled(not locked)
        self.birth.setEnabled(not locked)
        tip = self.tr("Taken from the ID number") if locked else ""
        self.sex.setToolTip(tip)
        self.birth.setToolTip(tip)

    def _set_editor_enabled(self, on: bool) -> None:
        self.editor.setEnabled(on)

    def _show_row(self, i: int) -> None:
        m = self.members[i]
        issues = (
            self._outside.get(i, [])
            + check_member(i, member_input(m), today=self._today(), known_region=None)[1]
        )
        self.table.show_member(i, m, issues)
