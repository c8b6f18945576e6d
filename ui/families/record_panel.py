"""A family's own records of one kind — a policy's claims, the family's volunteer services — as a
table with add / edit (Enter or double-click) / mark deleted, read off the GUI thread.

A subclass says which rows to read, which form opens a record, how one is marked deleted and what
the count line says; the table, the buttons (hidden for 只读查看), the kept forms and the
question before deleting are the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

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
from app.services.shared.scope import can_write
from ui.models.rows_model import Column, RowsTableModel
from ui.shell.page import PageContext
from ui.widgets.draft_dialog import DraftDialog

Call = tuple[Callable[..., Any], tuple[Any, ...]]


class RecordPanel(QWidget):
    def __init__(
        self,
        context: PageContext,
        columns: list[Column],
        buttons: tuple[str, str, str],  # add, edit, delete: translated, with their Alt letters
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.forms: list[DraftDialog] = []
        self.on_change: Callable[[], None] = lambda: None  # what else shows these records' totals
        self.model = RowsTableModel(columns, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.activated.connect(lambda _index: self.edit_record())
        self.count = QLabel()
        self.add_button, self.edit_button, self.delete_button = (QPushButton(text) for text in buttons)
        self.add_button.clicked.connect(lambda: self.add_record())
        self.edit_button.clicked.connect(lambda: self.edit_record())
        self.delete_button.clicked.connect(lambda: self.delete_record())
        top = QHBoxLayout()
        top.addWidget(self.count, 1)
        for button in (self.add_button, self.edit_button, self.delete_button):
            top.addWidget(button)
        for button in (self.add_button, self.delete_button):
            button.setVisible(can_write(context.workspace))  # 只读查看 only reads (the services refuse)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(top)
        self.layout_.addWidget(self.view, 1)

    # --- what a kind of record says ------------------------------------------------------------------

    def rows_call(self) -> Call | None:
        """The service call that reads the rows; None while there is nothing to read them for."""
        raise NotImplementedError

    def make_form(self, record_id: str | None) -> DraftDialog | None:
        raise NotImplementedError

    def delete_call(self, row: Any) -> Call:
        raise NotImplementedError

    def delete_question(self, row: Any) -> tuple[str, str]:
        """The title and the question asked before marking ``row`` deleted."""
        raise NotImplementedError

    def count_text(self, rows: Sequence[Any]) -> str:
        raise NotImplementedError

    # --- the same for every kind -----------------------------------------------------------------------

    def refresh(self) -> None:
        call = self.rows_call()
        if call is None:
            return
        function, args = call
        self.context.runner.run(function, *args, on_done=self._show, on_error=self._error)

    def _show(self, rows: Sequence[Any]) -> None:
        self.model.set_rows(rows)
        self.count.setText(self.count_text(rows))

    def _error(self, exc: BaseException) -> None:
        if isinstance(exc, FpaError):
            self.count.setText(exc.message)
            return
        raise exc

    def current(self) -> Any:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def add_record(self) -> DraftDialog | None:
        return self._open(None)

    def edit_record(self) -> DraftDialog | None:
        row = self.current()
        return self._open(row.id) if row is not None else None

    def _open(self, record_id: str | None) -> DraftDialog | None:
        form = self.make_form(record_id)
        if form is None:
            return None
        form.saved.connect(lambda _id: self._changed())
        self.forms = [f for f in self.forms if f.isVisible()] + [form]
        form.open()
        return form

    def _changed(self) -> None:
        self.refresh()
        self.on_change()

    def delete_record(self, *, confirm: bool = True) -> None:
        row = self.current()
        if row is None:
            return
        if confirm:
            title, question = self.delete_question(row)
            if QMessageBox.question(self, title, question) != QMessageBox.StandardButton.Yes:
                return
        function, args = self.delete_call(row)
        self.context.runner.run(function, *args, on_done=lambda _r: self._changed(), on_error=self._error)
