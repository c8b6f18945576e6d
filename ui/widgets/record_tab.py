"""One list of records with its New / Edit / Mark deleted buttons: a tab of the organisation,
project and activity pages.

The list is a ``RecordList`` (search, filters, division tree, columns, Excel); the tab opens the
record's form on Enter or double-click, a new one on the New button (the page maps Ctrl+N to
the current tab's), reloads the list after a save keeping the saved record selected, and marks a
record deleted after asking (Delete key). A tab given an import kind also offers 导入名册…, the
import wizard for that kind of record.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMessageBox, QPushButton, QVBoxLayout, QWidget

from app.domain.errors import FpaError
from app.services.shared.imports import ImportKindBase
from app.services.shared.scope import can_write
from ui.shell.page import PageContext
from ui.widgets.draft_dialog import DraftDialog
from ui.widgets.import_wizard import ImportWizard
from ui.widgets.record_list import RecordList

FormFactory = Callable[[str | None, QWidget], DraftDialog]
Delete = Callable[[Any, str], None]


class RecordTab(QWidget):
    def __init__(
        self,
        context: PageContext,
        record_list: RecordList,
        *,
        new_label: str,
        open_form: FormFactory,
        delete: Delete | None = None,
        describe: Callable[[Any], str] = lambda _row: "",
        import_kind: Callable[[], ImportKindBase] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.list = record_list
        self._open_form = open_form
        self._delete = delete
        self._describe = describe
        self.forms: list[DraftDialog] = []
        self.new_button = QPushButton(new_label)
        self.new_button.setToolTip("Ctrl+N")
        self.edit_button = QPushButton(self.tr("&Edit"))
        self.edit_button.setToolTip(self.tr("Enter or double-click"))
        self.list.add_action(self.new_button)
        self.list.add_action(self.edit_button)
        self.delete_button: QPushButton | None = None
        if delete is not None:
            self.delete_button = QPushButton(self.tr("&Mark deleted"))
            self.delete_button.setToolTip("Delete")
            self.list.add_action(self.delete_button)
            self.delete_button.clicked.connect(lambda: self.mark_deleted())
            shortcut = QShortcut(QKeySequence.StandardKey.Delete, self.list.view)
            shortcut.activated.connect(self.mark_deleted)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.list, 1)
        self.new_button.clicked.connect(lambda: self.new_record())
        self.edit_button.clicked.connect(lambda: self.edit_record())
        self.list.activated.connect(self.edit_record)
        self.list.current_changed.connect(lambda _id: self.update_buttons())
        self.import_button: QPushButton | None = None
        self._import_kind = import_kind
        if import_kind is not None:
            self.import_button = QPushButton(self.tr("&Import…"))
            self.import_button.setToolTip(self.tr("From an Excel or CSV sheet, with a report of every row"))
            self.list.add_action(self.import_button)
            self.import_button.clicked.connect(lambda: self.import_sheet())
        for button in (self.new_button, self.delete_button, self.import_button):
            if button is not None:
                button.setVisible(can_write(context.workspace))  # 只读查看 is not offered changes
        self.list.empty_hint.set_text(self.first_step(re.sub(r"\(&\w\)|&", "", new_label)))  # 新增协会
        self.update_buttons()

    def first_step(self, new: str) -> str:
        """What an empty list says: add the first record, or (只读查看) where records come from."""
        if can_write(self.context.workspace):
            return self.tr("Nothing here yet. Click “%1” (Ctrl+N) to add the first.").replace("%1", new)
        return self.tr("Nothing here yet: records appear as they are entered or merged from bundles.")

    def add_action(self, button: QWidget) -> None:
        self.list.add_action(button)

    def update_buttons(self) -> None:
        has = self.list.current_id() is not None
        self.edit_button.setEnabled(has)
        if self.delete_button is not None:
            self.delete_button.setEnabled(has)

    def new_record(self) -> DraftDialog:
        return self._keep(self._open_form(None, self))

    def edit_record(self, record_id: str | None = None) -> DraftDialog | None:
        record_id = record_id or self.list.current_id()
        if record_id is None:
            return None
        return self._keep(self._open_form(record_id, self))

    def _keep(self, form: DraftDialog) -> DraftDialog:
        form.saved.connect(self.saved)
        self.forms = [f for f in self.forms if f.isVisible()]
        self.forms.append(form)
        form.open()
        return form

    def import_sheet(self) -> ImportWizard | None:
        """The import wizard for this list's kind of record; the list reloads once rows were written."""
        if self._import_kind is None:
            return None
        wizard = ImportWizard(self.context.workspace, self._import_kind(), self.context.runner, self)
        wizard.imported.connect(lambda _summary: self.list.reload())
        wizard.open()
        return wizard

    def saved(self, record_id: str) -> None:
        self.list.select_after_reload(record_id)
        self.list.reload()

    def mark_deleted(self, record_id: str | None = None, *, confirm: bool = True) -> None:
        record_id = record_id or self.list.current_id()
        if record_id is None or self._delete is None:
            return
        row = self.list.current_record() if record_id == self.list.current_id() else None
        if confirm and not self.confirm_delete(self._describe(row) if row is not None else ""):
            return
        self.context.runner.run(
            self._delete,
            self.context.workspace,
            record_id,
            on_done=lambda _r: self.list.reload(),
            on_error=self.show_error,
        )

    def confirm_delete(self, what: str) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Mark deleted"),
            self.tr("Mark %1 as deleted? It leaves every list; the next sync passes it on.").replace(
                "%1", what or self.tr("this record")
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def show_error(self, exc: BaseException) -> None:
        if isinstance(exc, FpaError):
            self.list.show_message(exc.message, error=True)
            return
        raise exc
