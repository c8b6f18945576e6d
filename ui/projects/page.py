"""项目服务: the project list (year, status, programme and division filters) and the chosen project below
it — funds with paid against allocated, the lifecycle with its dates and the next step, the reported
list, and the payments made strictly by that list.

Keyboard: Ctrl+N a new project, Enter opens the project's form, Ctrl+G moves it to its next
status, Ctrl+B adds someone to its list, Ctrl+P records a payment; Alt+1…3 switch the tabs below.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import ProjectStatus
from app.domain.errors import FpaError
from app.domain.records.projects import CatalogueEntry, ProjectDetail, ProjectFilter
from app.services import families, projects
from ui.activities.page import year_options
from ui.models.lazy_table import LazyColumn, date_column, money_column
from ui.projects.list_imports import ImportsProjectLists
from ui.projects.notice_print import PrintsNotices
from ui.projects.overview import ProjectOverview
from ui.projects.payment_form import BeneficiaryForm, PaymentForm
from ui.projects.project_form import ProjectForm, StepDialog
from ui.shell.page import Page, PageContext
from ui.widgets.record_list import FilterSpec, ListQuery, RecordList
from ui.widgets.record_tab import RecordTab


class ProjectsPage(PrintsNotices, ImportsProjectLists, Page):
    draft_kinds: ClassVar[tuple[str, ...]] = ("project", "payment", "beneficiary")
    screenshot_dialogs: ClassVar[tuple[str, ...]] = ("project_form", "payment_form", "step_dialog")

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.title = self.tr("Projects")
        ws = context.workspace
        every = self.tr("All")
        self.detail: ProjectDetail | None = None
        self.dialogs: list[Any] = []
        self.list = RecordList(
            context.runner,
            self._columns(),
            workspace=ws,
            list_ids=self._list_ids,
            fetch_rows=lambda ids: projects.load_project_rows(ws, ids),
            filters=[
                FilterSpec("year", self.tr("&Year"), year_options(every)),
                FilterSpec(
                    "status",
                    self.tr("S&tatus"),
                    [(every, None)] + [(s.value, s.value) for s in ProjectStatus],
                ),
                FilterSpec("catalogue", self.tr("Pro&gramme"), [(every, None)]),
            ],
            divisions=lambda: families.family_divisions(ws),
            settings_key="projects",
            export_title=self.tr("Projects"),
            count_text=lambda n: self.tr("%1 projects").replace("%1", f"{n:,}"),
            default_sort=("year", True),
            search_hint=self.tr("Search: project name or document no. (Ctrl+F)"),
        )
        self.tab = RecordTab(
            context,
            self.list,
            new_label=self.tr("&New project"),
            open_form=lambda rid, parent: ProjectForm(context, rid, parent=parent),
            delete=projects.mark_project_deleted,
            describe=lambda r: f"“{r.name}”",
        )
        self.overview = ProjectOverview()
        self.step_button = self.overview.step_button
        self.beneficiaries = RecordList(
            context.runner,
            self._beneficiary_columns(),
            workspace=ws,
            list_ids=self._beneficiary_ids,
            fetch_rows=lambda ids: projects.load_beneficiary_rows(ws, ids),
            settings_key="project_beneficiaries",
            export_title=self.tr("Reported list"),
            count_text=lambda n: self.tr("%1 people on the list").replace("%1", f"{n:,}"),
            search_hint=self.tr("Search: name or ID number"),
            empty_hint=self.tr("Nobody on the list yet: “Add to list…” (Ctrl+B) puts people on it."),
        )
        self.add_beneficiary_button = QPushButton(self.tr("&Add to list…"))
        self.add_beneficiary_button.setToolTip("Ctrl+B")
        self.remove_beneficiary_button = QPushButton(self.tr("&Remove from list"))
        self.beneficiaries.add_action(self.add_beneficiary_button)
        self.beneficiaries.add_action(self.remove_beneficiary_button)
        self.payments = RecordList(
            context.runner,
            self._payment_columns(),
            workspace=ws,
            list_ids=self._payment_ids,
            fetch_rows=lambda ids: projects.load_payment_rows(ws, ids),
            settings_key="project_payments",
            export_title=self.tr("Payments"),
            count_text=lambda n: self.tr("%1 payments").replace("%1", f"{n:,}"),
            empty_hint=self.tr("No payments yet: put people on the list, then “Record payment…” (Ctrl+P)."),
        )
        self.payments.search.setVisible(False)  # a project's payments are few: newest first is enough
        self.beneficiaries.export_button.setText(self.tr("Export &list to Excel…"))  # Alt+X: the list's
        self.payments.export_button.setText(self.tr("Export payments to Ex&cel…"))
        self.pay_button = QPushButton(self.tr("Record &payment…"))
        self.pay_button.setToolTip("Ctrl+P")
        self.delete_payment_button = QPushButton(self.tr("Mark payment &deleted"))
        self.payments.add_action(self.pay_button)
        self.payments.add_action(self.delete_payment_button)
        self.add_notice_buttons()
        self.add_import_buttons()

        self.details = QTabWidget()
        self.details.addTab(self.overview, self.tr("&1 Funds and lifecycle"))
        self.details.addTab(self.beneficiaries, self.tr("&2 Reported list"))
        self.details.addTab(self.payments, self.tr("&3 Payments"))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tab)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)

        self.list.current_changed.connect(self._project_chosen)
        self.list.loaded.connect(lambda _n: self._choose_first())
        self.step_button.clicked.connect(lambda: self.next_step())
        self.add_beneficiary_button.clicked.connect(lambda: self.add_beneficiary())
        self.remove_beneficiary_button.clicked.connect(lambda: self.remove_beneficiary())
        self.pay_button.clicked.connect(lambda: self.record_payment())
        self.delete_payment_button.clicked.connect(lambda: self.delete_payment())
        for keys, slot in (
            (QKeySequence.StandardKey.New, self.tab.new_record),
            (QKeySequence("Ctrl+G"), self.next_step),
            (QKeySequence("Ctrl+B"), self.add_beneficiary),
            (QKeySequence("Ctrl+P"), self.record_payment),
        ):
            QShortcut(keys, self).activated.connect(slot)
        self._show_detail(None)
        context.runner.run(projects.catalogue, ws, on_done=self._set_catalogue, on_error=self._show_error)

    # --- columns and the query ------------------------------------------------------------------------

    def _columns(self) -> list[LazyColumn]:
        return [
            LazyColumn("year", self.tr("Year"), lambda r: r.year, width_chars=5),
            LazyColumn("name", self.tr("Project"), lambda r: r.name, width_chars=22),
            LazyColumn("catalogue", self.tr("Programme"), lambda r: r.catalogue_name, width_chars=12),
            LazyColumn("status", self.tr("Status"), lambda r: r.status, width_chars=7),
            LazyColumn("division", self.tr("Division"), lambda r: r.division_name, width_chars=9),
            LazyColumn("level", self.tr("Level"), lambda r: r.level, width_chars=6, visible=False),
            LazyColumn("document_no", self.tr("Document no."), lambda r: r.document_no, width_chars=18),
            money_column("allocated", self.tr("Allocated"), lambda r: r.allocated_fen, width_chars=12),
            money_column("matched", self.tr("Matched"), lambda r: r.matched_fen, visible=False),
            money_column("self_raised", self.tr("Self-raised"), lambda r: r.self_raised_fen, visible=False),
            money_column("donated", self.tr("Donated"), lambda r: r.donated_fen, visible=False),
            money_column("total", self.tr("Total funds"), lambda r: r.total_fen, width_chars=12),
            money_column("paid", self.tr("Paid"), lambda r: r.paid_fen, width_chars=12),
            LazyColumn(
                "beneficiaries",
                self.tr("On list"),
                lambda r: r.beneficiary_count,
                align_right=True,
                width_chars=5,
            ),
            date_column("notice_from", self.tr("Notice from"), lambda r: r.notice_from, visible=False),
            date_column(
                "final_report_on", self.tr("Final report"), lambda r: r.final_report_on, visible=False
            ),
            LazyColumn(
                "score", self.tr("Score"), lambda r: r.evaluation_score, align_right=True, width_chars=5
            ),
        ]

    def _beneficiary_columns(self) -> list[LazyColumn]:
        return [
            LazyColumn("name", self.tr("Name"), lambda r: r.name, sortable=False, width_chars=8),
            LazyColumn(
                "id_number",
                self.tr("ID number"),
                lambda r: r.id_masked,
                sortable=False,
                width_chars=18,
                export=lambda r: r.id_export or r.id_masked,
            ),
            LazyColumn("village", self.tr("Village"), lambda r: r.village, sortable=False, width_chars=14),
            LazyColumn("reason", self.tr("Reason"), lambda r: r.reason, sortable=False, width_chars=18),
            date_column("approved_on", self.tr("Approved"), lambda r: r.approved_on, sortable=False),
            money_column("paid", self.tr("Paid (yuan)"), lambda r: r.paid_fen, sortable=False),
            LazyColumn(
                "family",
                self.tr("Special family"),
                lambda r: r.family_id is not None,
                text=lambda r: self.tr("Yes") if r.family_id else "",
                sortable=False,
                width_chars=6,
            ),
        ]

    def _payment_columns(self) -> list[LazyColumn]:
        return [
            date_column("paid_on", self.tr("Date"), lambda r: r.paid_on, sortable=False),
            LazyColumn("name", self.tr("Payee"), lambda r: r.beneficiary_name, sortable=False, width_chars=8),
            LazyColumn(
                "id_number",
                self.tr("ID number"),
                lambda r: r.id_masked,
                sortable=False,
                width_chars=18,
                export=lambda r: r.id_export or r.id_masked,
            ),
            money_column("amount", self.tr("Amount (yuan)"), lambda r: r.amount_fen, sortable=False),
            LazyColumn("method", self.tr("Method"), lambda r: r.method, sortable=False, width_chars=7),
            LazyColumn(
                "account",
                self.tr("Card no."),
                lambda r: r.bank_account_masked,
                export=lambda r: r.bank_account_export or r.bank_account_masked,
                sortable=False,
                width_chars=18,
            ),
            LazyColumn(
                "reference", self.tr("Voucher"), lambda r: r.reference, sortable=False, width_chars=12
            ),
        ]

    def _list_ids(self, q: ListQuery) -> list[str]:
        status = q.filters.get("status")
        flt = ProjectFilter(
            text=q.text,
            year=q.filters.get("year"),
            status=ProjectStatus(status) if status else None,
            catalogue_code=q.filters.get("catalogue"),
            division_code=q.division_code,
            sort=q.sort_key or "year",
            descending=q.descending,
        )
        return projects.list_project_ids(self.workspace, flt, limit=q.limit)

    def _set_catalogue(self, entries: Sequence[CatalogueEntry]) -> None:
        combo = self.list.filter_boxes["catalogue"]
        for e in entries:
            combo.addItem(e.name, e.code)

    # --- the chosen project ---------------------------------------------------------------------------

    def project_id(self) -> str | None:
        return self.detail.row.id if self.detail is not None else None

    def _beneficiary_ids(self, q: ListQuery) -> list[str]:
        chosen = self.project_id()
        return projects.list_beneficiary_ids(self.workspace, chosen, q.text, limit=q.limit) if chosen else []

    def _payment_ids(self, q: ListQuery) -> list[str]:
        project_id = self.project_id()
        return projects.list_payment_ids(self.workspace, project_id, limit=q.limit) if project_id else []

    def _project_chosen(self, project_id: str | None) -> None:
        if project_id is None:
            self._show_detail(None)
            return
        self.runner.run(
            projects.project_detail,
            self.workspace,
            project_id,
            on_done=self._show_detail,
            on_error=self._show_error,
        )

    def _choose_first(self) -> None:
        """The details below are the page's substance: with nothing chosen, show the first project's."""
        if self.list.current_id() is None and self.list.model.rowCount() > 0:
            self.list.view.setCurrentIndex(self.list.model.index(0, 0))

    def _show_detail(self, detail: ProjectDetail | None) -> None:
        changed = (detail.row.id if detail else None) != self.project_id()
        self.detail = detail
        self.overview.set_detail(detail)
        has = detail is not None
        for button in (self.add_beneficiary_button, self.remove_beneficiary_button, self.pay_button):
            button.setEnabled(has)
        self.delete_payment_button.setEnabled(has)
        self.import_list_button.setEnabled(has)
        self.import_payments_button.setEnabled(has)
        if changed or detail is None:
            self.beneficiaries.reload()
            self.payments.reload()

    def reload_detail(self) -> None:
        """After a step, a list change or a payment: the detail, the sublists and the project's row."""
        self.list.mark_stale()
        project_id = self.project_id()
        if project_id is not None:
            self.detail = None  # so the sublists reload too
            self._project_chosen(project_id)

    # --- actions ----------------------------------------------------------------------------------------

    def next_step(self) -> StepDialog | None:
        if self.detail is None or self.detail.next_status is None:
            return None
        dialog = StepDialog(self.context, self.detail, parent=self)
        dialog.advanced.connect(lambda _s: self.reload_detail())
        self.dialogs = [d for d in self.dialogs if d.isVisible()] + [dialog]
        dialog.open()
        return dialog

    def add_beneficiary(self) -> BeneficiaryForm | None:
        if self.detail is None:
            return None
        form = BeneficiaryForm(self.context, self.detail.row, parent=self)
        form.saved.connect(lambda _id: self.reload_detail())
        self.dialogs = [d for d in self.dialogs if d.isVisible()] + [form]
        self.details.setCurrentWidget(self.beneficiaries)
        form.open()
        return form

    def record_payment(self) -> PaymentForm | None:
        if self.detail is None:
            return None
        form = PaymentForm(self.context, self.detail.row, parent=self)
        form.saved.connect(lambda _id: self.reload_detail())
        self.dialogs = [d for d in self.dialogs if d.isVisible()] + [form]
        self.details.setCurrentWidget(self.payments)
        form.open()
        return form

    def remove_beneficiary(self) -> None:
        beneficiary = self.beneficiaries.current_id()
        if beneficiary is not None and self.tab.confirm_delete(self.tr("this person's place on the list")):
            self.runner.run(
                projects.remove_beneficiary,
                self.workspace,
                beneficiary,
                on_done=lambda _r: self.reload_detail(),
                on_error=self._show_error,
            )

    def delete_payment(self) -> None:
        payment = self.payments.current_id()
        if payment is not None and self.tab.confirm_delete(self.tr("this payment")):
            self.runner.run(
                projects.mark_payment_deleted,
                self.workspace,
                payment,
                on_done=lambda _r: self.reload_detail(),
                on_error=self._show_error,
            )

    def refresh(self) -> None:
        self.list.load_divisions()
        self.list.reload()

    def open_draft(self, kind: str, key: str) -> Any:
        """Reopen an unfinished form listed on the home page (its draft is offered as it opens)."""
        if kind == ProjectForm.draft_kind:
            return self.tab.new_record() if key == "new" else self.tab.edit_record(key)
        if kind in (PaymentForm.draft_kind, BeneficiaryForm.draft_kind):  # keyed by the project

            def chosen(detail: ProjectDetail) -> None:
                self._show_detail(detail)
                self.list.select_id(detail.row.id)
                self.record_payment() if kind == PaymentForm.draft_kind else self.add_beneficiary()

            self.runner.run(
                projects.project_detail, self.workspace, key, on_done=chosen, on_error=self._show_error
            )
        return None

    # --- dialogs for scripts/screenshots.py: on the project that paid most, not opened -------------

    def _sample(self) -> ProjectDetail | None:
        ids = projects.list_project_ids(self.workspace, ProjectFilter(sort="paid"), limit=1)
        return projects.project_detail(self.workspace, ids[0]) if ids else None

    def project_form(self) -> ProjectForm | None:
        sample = self._sample()
        return ProjectForm(self.context, sample.row.id if sample else None, parent=self)

    def payment_form(self) -> PaymentForm | None:
        sample = self._sample()
        return PaymentForm(self.context, sample.row, parent=self) if sample else None

    def step_dialog(self) -> StepDialog | None:
        flt = ProjectFilter(status=ProjectStatus.IN_PROGRESS)  # a project with a next step to take
        ids = projects.list_project_ids(self.workspace, flt, limit=1)
        sample = projects.project_detail(self.workspace, ids[0]) if ids else None
        return StepDialog(self.context, sample, parent=self) if sample and sample.next_status else None

    def _show_error(self, exc: BaseException) -> None:
        if isinstance(exc, FpaError):
            self.list.show_message(exc.message, error=True)
            return
        raise exc
