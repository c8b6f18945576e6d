"""The association form (协会: officers, member counts, 会员之家) with its term elections, and the
换届 form that records one.

Recording a term election updates the association's officers and election date when it is the
newest; an older one is only added to the history. Enter or Ctrl+S saves, Ctrl+N starts a new
record, Esc closes (asking if unsaved); drafts per association.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QCheckBox, QGroupBox, QHeaderView, QPushButton, QTableView, QVBoxLayout, QWidget

from app.domain.enums import AssociationKind
from app.domain.records.org import TERM_YEARS, AssociationDetail, AssociationInput, DivisionChoice, TermInput
from app.services import organisation
from ui.models.lazy_table import date_text
from ui.models.rows_model import Column, RowsTableModel
from ui.shell.page import PageContext
from ui.widgets.empty_state import EmptyState
from ui.widgets.fields import ChoiceField, TextField
from ui.widgets.record_form import CountField, DivisionField, RecordForm
from ui.widgets.value_fields import DateField, PhoneField


class AssociationForm(RecordForm):
    draft_kind = "association"
    help_topic = "organisation"

    def __init__(
        self, context: PageContext, association_id: str | None = None, *, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, association_id, parent)
        self.detail: AssociationDetail | None = None
        self.term_forms: list[TermForm] = []
        self.division = DivisionField("division_code", self.tr("division"))
        self.name_field = TextField("name", self.tr("Association name"), required=True, max_length=80)
        self.kind = ChoiceField("kind", self.tr("kind"), required=True)
        for k in AssociationKind:
            self.kind.combo.addItem(k.value, k.value)
        self.founded_on = DateField("founded_on", self.tr("Founded on"))
        self.president = TextField("president", self.tr("President"), max_length=40)
        self.secretary = TextField("secretary_general", self.tr("Secretary-general"), max_length=40)
        self.members = CountField("member_count", self.tr("Members"))
        self.groups = CountField("member_group_count", self.tr("Member groups"))
        self.member_home = QCheckBox(self.tr("&Member home (会员之家) built"))
        self.member_home.setObjectName("has_member_home")
        self.phone = PhoneField("phone", self.tr("Phone"))
        self.address = TextField("address", self.tr("Address"), max_length=120)

        self.place(0, 0, self.tr("Di&vision"), self.division)
        self.place(0, 2, self.tr("&Kind"), self.kind)
        self.place(1, 0, self.tr("&Name"), self.name_field, 3)
        self.place(2, 0, self.tr("&President"), self.president)
        self.place(2, 2, self.tr("Secretary-gene&ral"), self.secretary)
        self.place(3, 0, self.tr("Mem&bers"), self.members)
        self.place(3, 2, self.tr("Member &groups"), self.groups)
        self.place(4, 0, self.tr("&Founded on"), self.founded_on)
        self.place(4, 2, self.tr("P&hone"), self.phone)
        self.place(5, 0, self.tr("A&ddress"), self.address, 3)
        self.place_wide(6, self.member_home)

        self.terms_model = RowsTableModel(
            [
                Column(self.tr("Elected"), lambda t: t.elected_on, text=lambda t: date_text(t.elected_on)),
                Column(self.tr("Term ends"), lambda t: t.ends_on, text=lambda t: date_text(t.ends_on)),
                Column(self.tr("President"), lambda t: t.president),
                Column(self.tr("Secretary-general"), lambda t: t.secretary_general),
                Column(self.tr("Council"), lambda t: t.council_size, align_right=True),
            ],
            parent=self,
        )
        self.terms_view = QTableView()
        self.terms_view.setModel(self.terms_model)
        self.terms_view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.terms_view.verticalHeader().setVisible(False)
        self.terms_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.terms_view.setMinimumHeight(90)
        self.terms_hint = EmptyState(self.terms_view, "", ready=True)
        self.term_button = QPushButton(self.tr("Record &term election (换届)…"))
        self.term_button.clicked.connect(lambda: self.record_term())
        box = QGroupBox(self.tr("Term elections"))
        inner = QVBoxLayout(box)
        inner.addWidget(self.terms_view)
        inner.addWidget(self.term_button)
        self.grid.addWidget(box, 7, 0, 1, 4)
        self._order += [self.terms_view, self.term_button]  # Tab: the fields, the terms, then Save
        self.finish_layout(820, 560)

        ws = context.workspace
        context.runner.run(
            organisation.division_choices, ws, on_done=self._set_divisions, on_error=self.show_error
        )
        if association_id is None:
            self.start_new()
        else:
            context.runner.run(
                organisation.association_detail,
                ws,
                association_id,
                on_done=self.load,
                on_error=self.show_error,
            )

    def _set_divisions(self, choices: Sequence[DivisionChoice]) -> None:
        with self.loading():
            self.division.set_choices(choices)

    def start_new(self) -> None:
        self.record_id, self.detail = None, None
        self.setWindowTitle(self.tr("New association"))
        with self.loading():
            self.clear_fields()
            self.division.set_value(self.context.workspace.division_code)
        self.terms_model.set_rows([])
        self.term_button.setEnabled(False)
        self.term_button.setToolTip(self.tr("Save the association first"))
        self.terms_hint.set_text(self.tr("Save the association first, then record its term elections."))
        self.mark_clean()
        self.offer_draft()
        self.division.setFocus()

    def load(self, detail: AssociationDetail) -> None:
        self.detail = detail
        self.record_id = detail.id
        self.setWindowTitle(self.tr("Association: %1").replace("%1", detail.name))
        with self.loading():
            self.division.set_value(detail.division_code)
            self.name_field.set_text(detail.name)
            self.kind.set_value(detail.kind.value)
            self.founded_on.set_date(detail.founded_on)
            self.president.set_text(detail.president)
            self.secretary.set_text(detail.secretary_general)
            self.members.set_value(detail.member_count)
            self.groups.set_value(detail.member_group_count)
            self.member_home.setChecked(detail.has_member_home)
            self.phone.set_text(detail.phone)
            self.address.set_text(detail.address)
        self.terms_model.set_rows(detail.terms)
        self.term_button.setEnabled(True)
        self.term_button.setToolTip("")
        self.terms_hint.set_text(self.tr("No term elections yet: “Record term election (换届)…” adds one."))
        people = "，".join(f"{role.value} {count}" for role, count in detail.people_by_role)
        self.show_header(self.tr("People registered here: %1").replace("%1", people) if people else "")
        self.mark_clean()
        self.offer_draft()

    def draft_title(self) -> str:
        return self.tr("Association: %1").replace("%1", self.name_field.text() or self.tr("(new)"))

    def association_input(self) -> AssociationInput:
        return AssociationInput(
            division_code=self.division.value() or "",
            name=self.name_field.text(),
            kind=AssociationKind(self.kind.value()),
            founded_on=self.founded_on.date(),
            president=self.president.text(),
            secretary_general=self.secretary.text(),
            member_count=self.members.value() or 0,
            member_group_count=self.groups.value() or 0,
            has_member_home=self.member_home.isChecked(),
            phone=self.phone.text(),
            address=self.address.text(),
            id=self.record_id,
        )

    def save_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return organisation.save_association, (self.context.workspace, self.association_input())

    def record_term(self) -> TermForm | None:
        if self.detail is None:
            return None
        form = TermForm(self.context, self.detail, parent=self)
        form.saved.connect(lambda _id: self._term_saved())
        self.term_forms = [f for f in self.term_forms if f.isVisible()] + [form]
        form.open()
        return form

    def _term_saved(self) -> None:
        if self.record_id is not None:
            self.context.runner.run(
                organisation.association_detail,
                self.context.workspace,
                self.record_id,
                on_done=self.load,
                on_error=self.show_error,
            )


class TermForm(RecordForm):
    """换届: date, term years, the new president and secretary-general, council size."""

    draft_kind = "term"
    help_topic = "organisation"

    def __init__(
        self, context: PageContext, association: AssociationDetail, *, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, None, parent)
        self.association = association
        self.setWindowTitle(self.tr("Term election: %1").replace("%1", association.name))
        self.elected_on = DateField("elected_on", self.tr("Election date"), required=True)
        self.term_years = CountField("term_years", self.tr("Term (years)"), minimum=1, required=True)
        self.president = TextField("president", self.tr("President"), required=True, max_length=40)
        self.secretary = TextField("secretary_general", self.tr("Secretary-general"), max_length=40)
        self.council = CountField("council_size", self.tr("Council members"))
        self.note = TextField("note", self.tr("Note"))
        self.place(0, 0, self.tr("&Election date"), self.elected_on)
        self.place(0, 2, self.tr("&Term (years)"), self.term_years)
        self.place(1, 0, self.tr("&President"), self.president)
        self.place(1, 2, self.tr("Secretary-gene&ral"), self.secretary)
        self.place(2, 0, self.tr("&Council members"), self.council)
        self.place(3, 0, self.tr("N&ote"), self.note, 3)
        self.finish_layout(700, 260)
        self.start_new()

    def draft_key(self) -> str:
        return self.association.id

    def draft_title(self) -> str:
        return self.tr("Term election: %1").replace("%1", self.association.name)

    def start_new(self) -> None:
        with self.loading():
            self.clear_fields()
            self.term_years.set_value(TERM_YEARS)
        self.mark_clean()
        self.offer_draft()
        self.elected_on.setFocus()

    def term_input(self) -> TermInput:
        return TermInput(
            association_id=self.association.id,
            elected_on=self.elected_on.date(),
            president=self.president.text(),
            secretary_general=self.secretary.text(),
            term_years=self.term_years.value() or 0,
            council_size=self.council.value(),
            note=self.note.text(),
        )

    def save_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return organisation.record_term, (self.context.workspace, self.term_input())
