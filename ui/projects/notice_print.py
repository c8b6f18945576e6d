"""项目服务's 打印公示名单: the chosen project's payments, or its reported list, to post (挂牌公示).

A mixin of the projects page (it names only what it uses, so it need not import the page): the
rows are read off the GUI thread (``notice_list``: no reason, no family type, ID numbers masked),
the print dialog asked, then the paper package draws the A4 pages, landscape when the columns
need it.
"""

from __future__ import annotations

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QPushButton

from app.domain.errors import FpaError
from app.domain.records.projects import NoticeList
from app.services import projects
from app.services.shared.paper import render_notice
from ui.shell.page import Page
from ui.widgets.record_list import RecordList


class PrintsNotices(Page):
    beneficiaries: RecordList  # the chosen project's reported list and payments, built by the page
    payments: RecordList

    def project_id(self) -> str | None:
        raise NotImplementedError  # the page's own: the project shown below its list

    def add_notice_buttons(self) -> None:
        self.notice_button = QPushButton(self.tr("Print notice for the &board…"))
        self.notice_button.setToolTip(self.tr("The people paid and the amounts, to post on the notice board"))
        self.payments.add_action(self.notice_button)
        self.list_notice_button = QPushButton(self.tr("Print list for the notice &board…"))
        self.list_notice_button.setToolTip(self.tr("The reported list, to post on the notice board"))
        self.beneficiaries.add_action(self.list_notice_button)
        self.notice_button.clicked.connect(lambda: self.print_notice())
        self.list_notice_button.clicked.connect(lambda: self.print_notice(of_payments=False))

    def print_notice(self, printer: QPrinter | None = None, *, of_payments: bool = True) -> None:
        """The notice list of the chosen project; the print dialog unless a printer is given."""
        project_id = self.project_id()
        if project_id is None:
            return
        self.context.runner.run(
            projects.notice_list,
            self.context.workspace,
            project_id,
            of_payments=of_payments,
            on_done=lambda notice: self._print_notice(notice, printer, of_payments),
            on_error=lambda exc: self._notice_failed(exc, of_payments),
        )

    def _notice_failed(self, exc: BaseException, of_payments: bool) -> None:
        if not isinstance(exc, FpaError):
            raise exc
        (self.payments if of_payments else self.beneficiaries).show_message(exc.message, error=True)

    def _print_notice(self, notice: NoticeList, printer: QPrinter | None, of_payments: bool) -> None:
        where = self.payments if of_payments else self.beneficiaries
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
                return
        try:
            render_notice(printer, notice)
        except FpaError as exc:
            where.show_message(exc.message, error=True)
            return
        where.show_message(self.tr("Notice list printed: %1 people.").replace("%1", f"{len(notice.lines):,}"))
