"""保险保障 in the family form: the family's policies, and the form for one policy.

``InsuranceSection`` is the family form's fifth tab: the policies newest year first, whether each
is in force, and buttons to add, edit (Enter or double-click) and mark one deleted. ``PolicyForm``
is a ``RecordForm`` (checked as typed, Enter or Ctrl+S saves, kept as a draft of kind ``policy``
keyed by the policy id or ``new-<family id>``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import FpaError
from app.domain.records.insurance import DEFAULT_PRODUCT, PolicyInput, PolicyRow
from app.domain.validation import format_fen
from app.services.families import insurance
from app.services.shared.scope import can_write
from ui.families.claims import ClaimsPanel
from ui.models.lazy_table import date_text
from ui.models.rows_model import Column, RowsTableModel
from ui.shell.page import PageContext
from ui.widgets.empty_state import EmptyState
from ui.widgets.fields import TextField
from ui.widgets.record_form import CountField, RecordForm
from ui.widgets.value_fields import DateField, MoneyField


class PolicyForm(RecordForm):
    draft_kind = "policy"
    help_topic = "family_form"

    def __init__(
        self,
        context: PageContext,
        family_id: str,
        policy_id: str | None = None,
        *,
        family_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, policy_id, parent)
        self.family_id = family_id
        self.product = TextField("product", self.tr("Product"), required=True, max_length=60)
        self.year = CountField("year", self.tr("Year"), minimum=insurance.FIRST_YEAR, required=True)
        self.insurer = TextField("insurer", self.tr("Insurer"), max_length=60)
        self.policy_no = TextField("policy_no", self.tr("Policy no."), max_length=40)
        self.premium = MoneyField("premium_fen", self.tr("Premium"))
        self.insured = MoneyField("insured_amount_fen", self.tr("Insured amount"))
        self.starts_on = DateField("starts_on", self.tr("From"), not_future=False)
        self.ends_on = DateField("ends_on", self.tr("To"), not_future=False)
        self.place(0, 0, self.tr("&Product"), self.product, 3)
        self.place(1, 0, self.tr("&Year"), self.year)
        self.place(1, 2, self.tr("&Insurer"), self.insurer)
        self.place(2, 0, self.tr("Policy &no."), self.policy_no, 3)
        self.place(3, 0, self.tr("Pre&mium (yuan)"), self.premium)
        self.place(3, 2, self.tr("Insured &amount (yuan)"), self.insured)
        self.place(4, 0, self.tr("&From"), self.starts_on)
        self.place(4, 2, self.tr("&To"), self.ends_on)
        self.finish_layout(760, 320)
        self.show_header(self.tr("Family: %1").replace("%1", family_name) if family_name else "")
        if policy_id is None:
            self.start_new()
        else:
            context.runner.run(
                insurance.policy_detail,
                context.workspace,
                policy_id,
                on_done=self.load,
                on_error=self.show_error,
            )

    def draft_key(self) -> str:
        return self.record_id or f"new-{self.family_id}"

    def draft_title(self) -> str:
        return self.tr("Insurance: %1").replace("%1", self.product.text() or self.tr("(new)"))

    def start_new(self) -> None:
        self.record_id = None
        self.setWindowTitle(self.tr("New insurance policy"))
        with self.loading():
            self.clear_fields()
            self.product.set_text(DEFAULT_PRODUCT)  # the policy nearly every special family has
            self.year.set_value(date.today().year)
        self.mark_clean()
        self.offer_draft()
        self.insurer.setFocus()

    def load(self, inp: PolicyInput) -> None:
        self.record_id = inp.id
        self.setWindowTitle(self.tr("Insurance policy: %1").replace("%1", inp.product))
        with self.loading():
            self.product.set_text(inp.product)
            self.year.set_value(inp.year)
            self.insurer.set_text(inp.insurer)
            self.policy_no.set_text(inp.policy_no)
            self.premium.set_fen(inp.premium_fen)
            self.insured.set_fen(inp.insured_amount_fen)
            self.starts_on.set_date(inp.starts_on)
            self.ends_on.set_date(inp.ends_on)
        self.mark_clean()
        self.offer_draft()

    def policy_input(self) -> PolicyInput:
        return PolicyInput(
            family_id=self.family_id,
            product=self.product.text(),
            year=self.year.value(),
            insurer=self.insurer.text(),
            policy_no=self.policy_no.text(),
            premium_fen=self.premium.fen() or 0,
            insured_amount_fen=self.insured.fen() or 0,
            starts_on=self.starts_on.date(),
            ends_on=self.ends_on.date(),
            id=self.record_id,
        )

    def save_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return insurance.save_policy, (self.context.workspace, self.policy_input())


class InsuranceSection(QWidget):
    """The family's policies with add / edit / mark deleted; empty and disabled for a new family."""

    changed_policies = Signal()

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.family_id: str | None = None
        self.family_name = ""
        self.forms: list[PolicyForm] = []
        today = date.today()
        self.model = RowsTableModel(
            [
                Column(self.tr("Year"), lambda p: p.year, align_right=True),
                Column(self.tr("Product"), lambda p: p.product),
                Column(self.tr("Insurer"), lambda p: p.insurer),
                Column(self.tr("Policy no."), lambda p: p.policy_no),
                Column(
                    self.tr("Premium (yuan)"),
                    lambda p: p.premium_fen,
                    text=lambda p: format_fen(p.premium_fen),
                    align_right=True,
                ),
                Column(
                    self.tr("Insured (yuan)"),
                    lambda p: p.insured_amount_fen,
                    text=lambda p: format_fen(p.insured_amount_fen),
                    align_right=True,
                ),
                Column(self.tr("From"), lambda p: p.starts_on, text=lambda p: date_text(p.starts_on)),
                Column(self.tr("To"), lambda p: p.ends_on, text=lambda p: date_text(p.ends_on)),
                Column(
                    self.tr("In force"),
                    lambda p: p.in_force(today),
                    text=lambda p: self.tr("Yes") if p.in_force(today) else self.tr("No"),
                ),
                Column(
                    self.tr("Claims (yuan)"),
                    lambda p: p.claimed_fen,
                    text=lambda p: f"{p.claim_count} · {format_fen(p.claimed_fen)}" if p.claim_count else "",
                    align_right=True,
                ),
            ],
            self,
        )
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.activated.connect(lambda _index: self.edit_policy())
        self.count = QLabel()
        self.add_button = QPushButton(self.tr("Add &policy…"))
        self.edit_button = QPushButton(self.tr("Ed&it policy…"))
        self.delete_button = QPushButton(self.tr("&Delete policy"))
        self.add_button.clicked.connect(lambda: self.add_policy())
        self.edit_button.clicked.connect(lambda: self.edit_policy())
        self.delete_button.clicked.connect(lambda: self.delete_policy())
        top = QHBoxLayout()
        top.addWidget(self.count, 1)
        for button in (self.add_button, self.edit_button, self.delete_button):
            top.addWidget(button)
        for button in (self.add_button, self.delete_button):
            button.setVisible(can_write(context.workspace))  # 只读查看 only reads (the services refuse)
        self.claims = ClaimsPanel(context)
        self.claims.on_change = self.refresh
        self.view.selectionModel().currentRowChanged.connect(lambda _cur, _prev: self._policy_chosen())
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 2)
        layout.addWidget(self.claims, 1)
        self.hint = EmptyState(self.view, "")  # the count line says "save the family first"
        self.set_family(None)

    def _policy_chosen(self) -> None:
        row = self.current()
        self.claims.set_policy(row.id if row else None, f"{row.year} {row.product}" if row else "")

    def set_family(self, family_id: str | None, name: str = "") -> None:
        self.family_id, self.family_name = family_id, name
        self.setEnabled(family_id is not None)
        self.count.setText("" if family_id else self.tr("Save the family first, then add its policies."))
        self.hint.set_text("")  # until its policies are read
        self.model.set_rows([])
        self.claims.set_policy(None)
        self.refresh()

    def refresh(self) -> None:
        if self.family_id is None:
            return
        self.context.runner.run(
            insurance.list_policies,
            self.context.workspace,
            self.family_id,
            on_done=self._show,
            on_error=self._error,
        )

    def _show(self, policies: Sequence[PolicyRow]) -> None:
        chosen = self.current()
        self.hint.set_text(self.tr("No policies yet. Click “Add policy…” to register one."))
        self.model.set_rows(policies)
        today = date.today()
        self.count.setText(
            self.tr("%1 policies, %2 in force")
            .replace("%1", str(len(policies)))
            .replace("%2", str(sum(p.in_force(today) for p in policies)))
        )
        ids = [p.id for p in policies]
        if policies:
            self.view.selectRow(ids.index(chosen.id) if chosen is not None and chosen.id in ids else 0)
        self._policy_chosen()

    def _error(self, exc: BaseException) -> None:
        if isinstance(exc, FpaError):
            self.count.setText(exc.message)
            return
        raise exc

    def current(self) -> PolicyRow | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def add_policy(self) -> PolicyForm | None:
        return self._open(None)

    def edit_policy(self) -> PolicyForm | None:
        row = self.current()
        return self._open(row.id) if row is not None else None

    def _open(self, policy_id: str | None) -> PolicyForm | None:
        if self.family_id is None:
            return None
        form = PolicyForm(self.context, self.family_id, policy_id, family_name=self.family_name, parent=self)
        form.saved.connect(lambda _id: self.refresh())
        self.forms = [f for f in self.forms if f.isVisible()] + [form]
        form.open()
        return form

    def delete_policy(self, *, confirm: bool = True) -> None:
        row = self.current()
        if row is None or (confirm and not self.confirm_delete(row)):
            return
        self.context.runner.run(
            insurance.mark_policy_deleted,
            self.context.workspace,
            row.id,
            on_done=lambda _r: self.refresh(),
            on_error=self._error,
        )

    def confirm_delete(self, row: PolicyRow) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Delete policy"),
            self.tr("Mark the %1 policy of %2 as deleted?")
            .replace("%1", row.product)
            .replace("%2", str(row.year)),
        )
        return answer == QMessageBox.StandardButton.Yes
