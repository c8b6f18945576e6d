"""特殊家庭's 打印走访表: a paper visit form for the families chosen, or for the list's registered ones.

A mixin of a page with a family list (``FamiliesPage``: its list, runner and workspace): the sheets
are read off the GUI thread, the print dialog asked, then printed page by page behind a progress
dialog with Cancel. It names only what it uses (``Page`` and its ``list``), so it need not import
the page that mixes it in. Several rows selected: those families, whatever their status. One row
selected (a click on a family selects it, so one row is no clear choice): the worker is asked,
that family or the list. Otherwise the whole list, less the families no longer in the register
(deceased, moved out, ended): nobody visits them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QMessageBox, QProgressDialog

from app.domain.errors import FpaError
from app.domain.records.families import VisitSheet
from app.services.families.visit_sheets import MAX_SHEETS, blank_sheets, visit_sheets
from ui.families.visit_print import print_sheets
from ui.shell.page import Page
from ui.widgets.record_list import RecordList

PRINT_ASK_ABOVE = 30  # more forms than this: ask first (a whole county is thousands of pages)


class PrintsVisitForms(Page):
    list: RecordList  # the families the page shows, built by the page

    def print_visit_forms(self, printer: QPrinter | None = None) -> None:
        """A visit form for every family the list shows; the print dialog unless a printer is given."""
        if not self.list.is_complete():
            self.list.show_message(self.tr("The list is still loading: print again in a moment."))
            return
        chosen = self.selected_ids()
        listed = self.list.model.ids()
        if len(chosen) == 1 and len(listed) > 1:
            answer = self.choose_print_scope(len(listed))
            if answer is None:
                return
            if answer == "all":
                chosen = ()
        ids = chosen if chosen else listed
        if not ids:
            self.list.show_message(self.tr("The list is empty: there is nothing to print."))
            return
        if len(ids) > PRINT_ASK_ABOVE and printer is None and not self.confirm_print(len(ids)):
            return
        self.runner.run(
            visit_sheets,
            self.workspace,
            ids,
            registered_only=not chosen,
            on_done=lambda sheets: self._print_sheets(sheets, printer),
            on_error=self._sheets_failed,
        )

    def _sheets_failed(self, exc: BaseException) -> None:
        if isinstance(exc, FpaError):
            self.list.show_message(exc.message, error=True)
            return
        raise exc

    def print_blank_forms(self, count: int | None = None, printer: QPrinter | None = None) -> None:
        """Forms with no family, for visits not planned from the list; asks how many unless given."""
        if count is None:
            count, accepted = QInputDialog.getInt(
                self, self.tr("Print blank visit forms"), self.tr("How many blank forms?"), 10, 1, MAX_SHEETS
            )
            if not accepted:
                return
        try:
            sheets = blank_sheets(count)
        except FpaError as exc:
            self.list.show_message(exc.message, error=True)
            return
        self._print_sheets(sheets, printer)

    def selected_ids(self) -> tuple[str, ...]:
        """The families of the selected rows, in the list's order."""
        rows = sorted(index.row() for index in self.list.view.selectionModel().selectedRows())
        return tuple(i for i in (self.list.model.id_at(r) for r in rows) if i)

    def choose_print_scope(self, listed: int) -> str | None:
        """One family selected: "one" for its form, "all" for the list's registered families, None
        when the worker cancels."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Print visit forms"))
        box.setText(self.tr("Print the visit form of the selected family, or of the whole list?"))
        one = box.addButton(self.tr("The selected family"), QMessageBox.ButtonRole.AcceptRole)
        every = box.addButton(
            self.tr("The whole list (%1 families, those in the register)").replace("%1", f"{listed:,}"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(one)
        box.exec()
        clicked = box.clickedButton()
        return "one" if clicked is one else "all" if clicked is every else None

    def confirm_print(self, count: int) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Print visit forms"),
            self.tr(
                "Print %1 visit forms, one page each? Choose a village or a filter to print fewer."
            ).replace("%1", f"{count:,}"),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _print_sheets(self, sheets: Sequence[VisitSheet], printer: QPrinter | None) -> None:
        if not sheets:
            self.list.show_message(self.tr("No family in the list is in the register: nothing printed."))
            return
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
                return
        dialog = QProgressDialog(self)  # Qt's own Cancel button, already in Chinese
        dialog.setLabelText(self.tr("Printing visit forms…"))
        dialog.setRange(0, len(sheets))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)  # a village's few pages never flash a window

        def step(done: int, total: int) -> bool:
            dialog.setValue(done)
            QApplication.processEvents()
            return not dialog.wasCanceled()

        try:
            finished = print_sheets(printer, sheets, progress=step)
        except FpaError as exc:
            self.list.show_message(exc.message, error=True)
            return
        finally:
            dialog.close()
        if finished:
            self.list.show_message(self.tr("%1 visit forms printed.").replace("%1", f"{len(sheets):,}"))
        else:
            self.list.show_message(self.tr("Printing cancelled."))
