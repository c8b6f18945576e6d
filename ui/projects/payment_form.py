"""Who a project pays and the payments: a person on the reported list, and a payment to them.

``BeneficiaryForm`` puts someone on a project's list, typed in or picked from the special
families (search by name, pinyin initials or ID number); the family's head fills name, ID number
and village. ``PaymentForm`` records a payment (一卡通, in kind, premium …) to someone chosen from
that list — or typed by ID number, which must then be found on the list: money goes to
individuals strictly by the reported list, and anyone else is refused with the reason.
Drafts are keyed by the project.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QLineEdit, QPushButton, QWidget

from app.domain.enums import PaymentMethod
from app.domain.records.org import DivisionChoice
from app.domain.records.projects import BeneficiaryInput, BeneficiaryRow, FamilyPick, PaymentInput, ProjectRow
from app.domain.validation import format_fen
from app.services import families, organisation, projects
from ui.shell.page import PageContext
from ui.widgets.fields import ChoiceField, TextField
from ui.widgets.record_form import DivisionField, RecordForm
from ui.widgets.value_fields import DateField, IdNumberField, MoneyField

LIST_LIMIT = 5000  # the payee list of one project; a county programme lists a few hundred people


class PaymentForm(RecordForm):
    draft_kind = "payment"
    help_topic = "projects"

    def __init__(self, context: PageContext, project: ProjectRow, *, parent: QWidget | None = None) -> None:
        super().__init__(context, None, parent)
        self.project = project
        self.setWindowTitle(self.tr("Record a payment: %1").replace("%1", project.name))
        self.payee = ChoiceField("beneficiary", self.tr("payee"), required=False)
        self.payee.combo.setEditable(True)
        self.payee.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.payee.combo.setMinimumContentsLength(24)
        editor = self.payee.combo.lineEdit()
        assert editor is not None
        editor.setPlaceholderText(self.tr("Pick from the reported list, or type an ID number"))
        self.paid_on = DateField("paid_on", self.tr("Payment date"), required=True)
        self.amount = MoneyField("amount_fen", self.tr("Amount"))
        self.amount.required = True
        self.method = ChoiceField("method", self.tr("method"), required=True)
        for m in PaymentMethod:
            self.method.combo.addItem(m.value, m.value)
        self.bank_account = TextField("bank_account", self.tr("Card / account no."), max_length=40)
        self.reference = TextField("reference", self.tr("Voucher no."), max_length=60)
        self.notice_on = DateField("notice_published_on", self.tr("Payment notice published"))

        self.place(0, 0, self.tr("&Payee"), self.payee, 3)
        self.place(1, 0, self.tr("&Date"), self.paid_on)
        self.place(1, 2, self.tr("&Amount"), self.amount)
        self.place(2, 0, self.tr("&Method"), self.method)
        self.place(2, 2, self.tr("&Card no."), self.bank_account)
        self.place(3, 0, self.tr("&Voucher no."), self.reference)
        self.place(3, 2, self.tr("&Notice published"), self.notice_on)
        self.finish_layout(780, 330)
        self.show_header(
            self.tr("%1 — allocated %2 yuan, paid %3 yuan so far")
            .replace("%1", project.name)
            .replace("%2", format_fen(project.allocated_fen))
            .replace("%3", format_fen(project.paid_fen))
        )
        self.start_new()
        ws = context.workspace
        context.runner.run(self._list, ws, project.id, on_done=self._set_list, on_error=self.show_error)

    @staticmethod
    def _list(ws: Any, project_id: str) -> list[BeneficiaryRow]:
        ids = projects.list_beneficiary_ids(ws, project_id, limit=LIST_LIMIT)
        return projects.load_beneficiary_rows(ws, ids)

    def _set_list(self, rows: Sequence[BeneficiaryRow]) -> None:
        combo = self.payee.combo
        typed = combo.currentText()
        with self.loading():
            combo.clear()
            combo.addItem("", "")
            for r in rows:
                combo.addItem(f"{r.name}  {r.id_masked}  {r.village}", r.id)
            completer = QCompleter([combo.itemText(i) for i in range(1, combo.count())], combo)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            combo.setCompleter(completer)
            combo.setEditText(typed)

    def draft_key(self) -> str:
        return self.project.id

    def draft_title(self) -> str:
        return self.tr("Payment: %1").replace("%1", self.project.name)

    def start_new(self) -> None:
        with self.loading():
            self.clear_fields()
            self.payee.combo.setEditText("")
            self.paid_on.set_date(date.today())
        self.mark_clean()
        self.offer_draft()
        self.payee.setFocus()

    def chosen_beneficiary(self) -> str | None:
        """The list entry picked, or None when the text typed is not one of the list's lines."""
        combo = self.payee.combo
        index = combo.findText(combo.currentText())
        return combo.itemData(index) or None if index > 0 else None

    def payment_input(self) -> PaymentInput:
        chosen = self.chosen_beneficiary()
        typed = self.payee.combo.currentText().strip()
        looks_like_number = sum(ch.isdigit() for ch in typed) >= 15
        return PaymentInput(
            project_id=self.project.id,
            paid_on=self.paid_on.date(),
            amount_fen=self.amount.fen() or 0,
            method=PaymentMethod(self.method.value()),
            beneficiary_id=chosen,
            payee_id_number=typed if chosen is None and looks_like_number else "",
            payee_name=typed if chosen is None and not looks_like_number else "",
            bank_account=self.bank_account.text(),
            reference=self.reference.text(),
            notice_published_on=self.notice_on.date(),
        )

    def save_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return projects.record_payment, (self.context.workspace, self.payment_input())


class BeneficiaryForm(RecordForm):
    draft_kind = "beneficiary"
    help_topic = "projects"

    def __init__(self, context: PageContext, project: ProjectRow, *, parent: QWidget | None = None) -> None:
        super().__init__(context, None, parent)
        self.project = project
        self.family_id: str | None = None
        self.setWindowTitle(self.tr("Add to the reported list: %1").replace("%1", project.name))
        self.family_search = QLineEdit()
        self.family_search.setPlaceholderText(self.tr("Special family: name, initials (zs) or ID number"))
        self.find_button = QPushButton(self.tr("Fin&d"))
        self.family = QComboBox()
        self.family.setMinimumContentsLength(24)
        finder = QWidget()
        row = QHBoxLayout(finder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.family_search, 1)
        row.addWidget(self.find_button)
        row.addWidget(self.family, 2)
        finder.setFocusProxy(self.family_search)
        self.name_field = TextField("name", self.tr("Name"), required=True, max_length=40)
        self.id_number = IdNumberField(
            "id_number", self.tr("ID number"), known_region=families.known_id_regions().__contains__
        )
        self.division = DivisionField("division_code", self.tr("division"))
        self.reason = TextField("reason", self.tr("Reason"), max_length=120)
        self.approved_on = DateField("approved_on", self.tr("Approved on"))

        self.place(0, 0, self.tr("Pick a &family"), finder, 3)
        self.place(1, 0, self.tr("&Name"), self.name_field)
        self.place(1, 2, self.tr("&ID number"), self.id_number)
        self.place(2, 0, self.tr("Di&vision"), self.division)
        self.place(2, 2, self.tr("&Approved on"), self.approved_on)
        self.place(3, 0, self.tr("&Reason"), self.reason, 3)
        self.finish_layout(860, 320)
        self.find_button.clicked.connect(self.find_families)
        self.family_search.returnPressed.connect(self.find_families)
        self.family.activated.connect(lambda _i: self.pick_family(self.family.currentData()))
        ws = context.workspace
        context.runner.run(
            organisation.division_choices, ws, on_done=self._set_divisions, on_error=self.show_error
        )
        self.start_new()

    def _set_divisions(self, choices: Sequence[DivisionChoice]) -> None:
        with self.loading():
            self.division.set_choices(choices)

    def find_families(self) -> None:
        term = self.family_search.text().strip()
        if term:
            self.context.runner.run(
                projects.family_picks,
                self.context.workspace,
                term,
                on_done=self._set_picks,
                on_error=self.show_error,
            )

    def _set_picks(self, picks: Sequence[FamilyPick]) -> None:
        self.family.clear()
        for p in picks:
            self.family.addItem(p.label, p)
        if not picks:
            self.show_summary(
                self.tr("No special family matches “%1”.").replace("%1", self.family_search.text())
            )
            return
        self.show_summary("")
        self.family.setFocus()
        if len(picks) == 1:
            self.pick_family(picks[0])

    def pick_family(self, pick: FamilyPick | None) -> None:
        """The family's head fills name and village; the ID number comes from the family's file."""
        if pick is None:
            return
        self.family_id = pick.family_id
        self.name_field.set_text(pick.head_name)
        self.id_number.set_text("")
        self.id_number.edit.setPlaceholderText(
            self.tr("From the family file: %1").replace("%1", pick.id_masked)
        )
        self.division.set_value(pick.division_code)
        self.changed()

    def draft_key(self) -> str:
        return self.project.id

    def draft_title(self) -> str:
        return self.tr("Reported list: %1").replace("%1", self.project.name)

    def form_data(self) -> dict[str, Any]:
        return {**super().form_data(), "family_id": self.family_id}

    def apply_data(self, data: dict[str, Any]) -> None:
        super().apply_data(data)
        self.family_id = data.get("family_id") or None

    def start_new(self) -> None:
        self.family_id = None
        with self.loading():
            self.clear_fields()
            self.family.clear()
            self.family_search.clear()
            self.id_number.edit.setPlaceholderText(self.tr("18 digits, the last may be X"))
            self.division.set_value(self.project.division_code)
        self.mark_clean()
        self.offer_draft()
        self.family_search.setFocus()

    def beneficiary_input(self) -> BeneficiaryInput:
        return BeneficiaryInput(
            project_id=self.project.id,
            name=self.name_field.text(),
            id_number=self.id_number.text(),
            division_code=self.division.value() or "",
            reason=self.reason.text(),
            approved_on=self.approved_on.date(),
            family_id=self.family_id,
        )

    def save_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return projects.save_beneficiary, (self.context.workspace, self.beneficiary_input())
