"""The project form (catalogue, year, division, 文号, funds) and the dialog that moves a project one step.

A new project is registered as 申报; its status moves only through ``StepDialog``, which asks
for what the next step needs (立项: the 文号; 公示: the notice dates; 终期报告: its content) and
shows the service's refusal in Chinese when the step is not allowed yet; 绩效评价 shows the score the
project's own indicators give on the chosen day, which the step stores.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import ProjectStatus
from app.domain.errors import FpaError, ValidationFailed
from app.domain.records.org import DivisionChoice
from app.domain.records.projects import STEP_NEEDS, CatalogueEntry, ProjectDetail, ProjectInput
from app.domain.validation import Issue
from app.services import organisation, projects
from app.services.projects.issued_catalogue import catalogue  # not re-exported by the package
from ui.projects.evaluation_view import EvaluationView
from ui.shell.page import PageContext
from ui.widgets.fields import ChoiceField, TextField
from ui.widgets.record_form import CountField, DivisionField, RecordForm
from ui.widgets.value_fields import DateField, MoneyField

YEARS_AHEAD = 1  # a project may be registered for next year


class ProjectForm(RecordForm):
    draft_kind = "project"
    help_topic = "projects"

    def __init__(
        self, context: PageContext, project_id: str | None = None, *, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, project_id, parent)
        self.detail: ProjectDetail | None = None
        self.entries: dict[str, CatalogueEntry] = {}
        self.catalogue = ChoiceField("catalogue_code", self.tr("programme"), required=True)
        self.year = ChoiceField("year", self.tr("year"), required=True)
        this = date.today().year
        for y in range(this + YEARS_AHEAD, this - 8, -1):
            self.year.combo.addItem(str(y), y)
        self.name_field = TextField("name", self.tr("Project name"), required=True, max_length=80)
        self.division = DivisionField("division_code", self.tr("division"))
        self.document_no = TextField("document_no", self.tr("Document no."), max_length=60)
        self.document_no.edit.setPlaceholderText("湘计生协发〔2026〕5号")
        self.allocated = MoneyField("allocated_fen", self.tr("Allocated"))
        self.matched = MoneyField("matched_fen", self.tr("Matched"))
        self.self_raised = MoneyField("self_raised_fen", self.tr("Self-raised"))
        self.donated = MoneyField("donated_fen", self.tr("Donated"))
        self.started_on = DateField("started_on", self.tr("Start date"), not_future=False)
        self.report_due = DateField("final_report_due_on", self.tr("Final report due"), not_future=False)
        self.note = TextField("note", self.tr("Note"))

        self.place(0, 0, self.tr("&Programme"), self.catalogue, 3)
        self.place(1, 0, self.tr("&Year"), self.year)
        self.place(1, 2, self.tr("Di&vision"), self.division)
        self.place(2, 0, self.tr("&Name"), self.name_field, 3)
        self.place(3, 0, self.tr("&Document no."), self.document_no)
        self.place(3, 2, self.tr("S&tart date"), self.started_on)
        self.place(4, 0, self.tr("&Allocated"), self.allocated)
        self.place(4, 2, self.tr("&Matched"), self.matched)
        self.place(5, 0, self.tr("Se&lf-raised"), self.self_raised)
        self.place(5, 2, self.tr("Donat&ed"), self.donated)
        self.place(6, 0, self.tr("Final &report due"), self.report_due)
        self.place(7, 0, self.tr("N&ote"), self.note, 3)
        self.finish_layout(820, 440)
        self.catalogue.combo.currentIndexChanged.connect(lambda _i: self._suggest_name())
        self.year.combo.currentIndexChanged.connect(lambda _i: self._suggest_name())

        ws = context.workspace
        context.runner.run(catalogue, ws, on_done=self._set_catalogue, on_error=self.show_error)
        context.runner.run(
            organisation.division_choices, ws, on_done=self._set_divisions, on_error=self.show_error
        )
        if project_id is None:
            self.start_new()
        else:
            context.runner.run(
                projects.project_detail, ws, project_id, on_done=self.load, on_error=self.show_error
            )

    def _set_catalogue(self, entries: Sequence[CatalogueEntry]) -> None:
        self.entries = {e.code: e for e in entries}
        current = self.catalogue.value() or (self.detail.row.catalogue_code if self.detail else None)
        with self.loading():
            self.catalogue.combo.clear()
            self.catalogue.combo.addItem("", "")
            for e in entries:
                self.catalogue.combo.addItem(f"{e.name}（{e.category}，{e.level}）", e.code)
            self.catalogue.set_value(current)

    def _set_divisions(self, choices: Sequence[DivisionChoice]) -> None:
        with self.loading():
            self.division.set_choices(choices, levels=("县市区", "乡镇街道"))

    def _suggest_name(self) -> None:
        """A new project is named like the province's lists: 2026年住院护理补贴."""
        if self._loading or self.record_id is not None:
            return
        entry = self.entries.get(self.catalogue.value() or "")
        typed = self.name_field.text()
        if entry is not None and (not typed or typed == getattr(self, "_suggested", "")):
            self._suggested = f"{self.year.value()}年{entry.name}"
            self.name_field.set_text(self._suggested)

    def start_new(self) -> None:
        self.record_id, self.detail = None, None
        self._suggested = ""
        self.setWindowTitle(self.tr("New project (registered as 申报)"))
        with self.loading():
            self.clear_fields()
            self.year.set_value(date.today().year)
            self.division.set_value(self.context.workspace.division_code)
        self.mark_clean()
        self.offer_draft()
        self.catalogue.setFocus()

    def load(self, detail: ProjectDetail) -> None:
        self.detail = detail
        row = detail.row
        self.record_id = row.id
        self.setWindowTitle(self.tr("Project: %1").replace("%1", row.name))
        with self.loading():
            if self.catalogue.combo.findData(row.catalogue_code) < 0:
                self.catalogue.combo.addItem(row.catalogue_name, row.catalogue_code)
            self.catalogue.set_value(row.catalogue_code)
            if self.year.combo.findData(row.year) < 0:
                self.year.combo.addItem(str(row.year), row.year)
            self.year.set_value(row.year)
            self.division.set_value(row.division_code)
            self.name_field.set_text(row.name)
            self.document_no.set_text(row.document_no)
            self.started_on.set_date(row.started_on)
            self.allocated.set_fen(row.allocated_fen)
            self.matched.set_fen(row.matched_fen)
            self.self_raised.set_fen(row.self_raised_fen)
            self.donated.set_fen(row.donated_fen)
            self.report_due.set_date(row.final_report_due_on)
            self.note.set_text(detail.note)
        self.show_header(self.tr("Status: %1").replace("%1", row.status.value))
        self.mark_clean()
        self.offer_draft()

    def draft_title(self) -> str:
        return self.tr("Project: %1").replace("%1", self.name_field.text() or self.tr("(new)"))

    def project_input(self) -> ProjectInput:
        row = self.detail.row if self.detail is not None else None
        return ProjectInput(
            catalogue_code=self.catalogue.value() or "",
            name=self.name_field.text(),
            year=int(self.year.value() or date.today().year),
            division_code=self.division.value() or "",
            document_no=self.document_no.text(),
            allocated_fen=self.allocated.fen() or 0,
            matched_fen=self.matched.fen() or 0,
            self_raised_fen=self.self_raised.fen() or 0,
            donated_fen=self.donated.fen() or 0,
            started_on=self.started_on.date(),
            # The notice dates are set by the 公示 step; an edit keeps them.
            notice_from=row.notice_from if row else None,
            notice_to=row.notice_to if row else None,
            final_report_due_on=self.report_due.date(),
            note=self.note.text(),
            level=row.level if row else None,
            id=self.record_id,
        )

    def save_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return projects.save_project, (self.context.workspace, self.project_input())


class StepDialog(QDialog):
    """Move a project to its next status: the date, and what that step needs."""

    advanced = Signal(object)  # the new ProjectStatus

    def __init__(self, context: PageContext, detail: ProjectDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.detail = detail
        target = detail.next_status
        assert target is not None, "a finished project has no next step"
        self.target = target
        row = detail.row
        self.setWindowTitle(self.tr("%1: move to %2").replace("%1", row.name).replace("%2", target.value))
        self.on = DateField("on", self.tr("Date"), required=True)
        self.on.set_date(date.today())
        self.document_no = TextField("document_no", self.tr("Document no."), max_length=60)
        self.document_no.set_text(row.document_no)
        self.notice_from = DateField("notice_from", self.tr("Notice from"), not_future=False)
        self.notice_to = DateField("notice_to", self.tr("Notice until"), not_future=False)
        self.notice_from.set_date(row.notice_from or date.today())
        self.notice_to.set_date(row.notice_to)
        self.report = QPlainTextEdit()
        self.report.setPlaceholderText(self.tr("What was done, for whom, with what money, and the results"))
        self.evaluation = EvaluationView()
        form = QFormLayout()
        form.addRow(self.tr("&Date"), self.on)
        shown: list[QWidget] = [self.on]
        if target is ProjectStatus.APPROVED:
            form.addRow(self.tr("Document &no."), self.document_no)
            shown.append(self.document_no)
        if target is ProjectStatus.PUBLIC_NOTICE:
            form.addRow(self.tr("Notice &from"), self.notice_from)
            form.addRow(self.tr("Notice &until"), self.notice_to)
            shown += [self.notice_from, self.notice_to]
        if target is ProjectStatus.FINAL_REPORT:
            form.addRow(self.tr("&Report"), self.report)
        if target is ProjectStatus.EVALUATED:
            form.addRow(self.evaluation)
            self.on.edit.textChanged.connect(lambda _t: self.reevaluate())
            self.reevaluate()
        self.fields = shown
        needs = QLabel(self.tr("This step needs: %1").replace("%1", STEP_NEEDS.get(target, "")))
        needs.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        self.message.setVisible(False)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Move to %1").replace("%1", target.value))
        buttons.accepted.connect(self.advance)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(needs)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(min(560, self.sizeHint().width() + 80), self.sizeHint().height())

    def reevaluate(self) -> None:
        """The score the project's indicators give on the chosen day (the step stores this one)."""
        on = self.on.date()
        if on is None:
            return
        self.context.runner.run(
            projects.project_evaluation,
            self.context.workspace,
            self.detail.row.id,
            on=on,
            on_done=self.evaluation.show_evaluation,
            on_error=self._failed,
        )

    def local_issues(self) -> list[Issue]:
        found: list[Issue] = []
        for f in self.fields:
            if isinstance(f, DateField | TextField | CountField):
                found += f.validate()
        return found

    def advance(self) -> None:
        issues = [i for i in self.local_issues() if i.is_error]
        if issues:
            self.show_message("；".join(i.message for i in issues))
            return
        on = self.on.date()
        assert on is not None
        self.context.runner.run(
            projects.advance_project,
            self.context.workspace,
            self.detail.row.id,
            on,
            document_no=self.document_no.text() if self.target is ProjectStatus.APPROVED else "",
            notice_from=self.notice_from.date() if self.target is ProjectStatus.PUBLIC_NOTICE else None,
            notice_to=self.notice_to.date() if self.target is ProjectStatus.PUBLIC_NOTICE else None,
            final_report_content=(
                self.report.toPlainText() if self.target is ProjectStatus.FINAL_REPORT else ""
            ),
            on_done=self._done,
            on_error=self._failed,
        )

    def _done(self, status: ProjectStatus) -> None:
        self.advanced.emit(status)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationFailed):
            for f in self.fields:
                if isinstance(f, DateField | TextField | CountField):
                    f.show_issues([i for i in exc.issues if isinstance(i, Issue) and i.field == f.field])
            self.show_message(exc.message)
            return
        if isinstance(exc, FpaError):
            self.show_message(exc.message)
            return
        raise exc

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
