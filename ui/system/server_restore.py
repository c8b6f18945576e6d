"""从备份恢复… on a province on PostgreSQL: pick a dump, type the province key's passphrase, confirm.

The service (``restore_server``) decrypts the dump into the scratch database and checks it before
anything is replaced, dumps the province as it is to the backups folder, then replaces every
table's rows in one transaction; the window stays open and the page shown reads its data again.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import FpaError
from app.domain.records.backup import BackupFile
from app.paths import backups_dir
from app.services.system.restore import list_backups
from app.services.system.restore_server import ServerRestore, restore_server
from ui.shell.page import PageContext
from ui.shell.progress import run_with_progress

ERROR_STYLE = "color: #b00020;"


class ServerRestoreDialog(QDialog):
    """On success ``done`` holds what the restore did; the dialog then closes."""

    def __init__(
        self, context: PageContext, folder: Path | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.outcome: ServerRestore | None = None
        self.setWindowTitle(self.tr("Restore the province database"))
        layout = QVBoxLayout(self)
        warning = QLabel(
            self.tr(
                "Restoring replaces every record of the province database with the backup's. The backup "
                "is first checked on the server's scratch database, and the province as it is now is "
                "first saved to the backups folder."
            )
        )
        warning.setWordWrap(True)
        layout.addWidget(warning)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Taken"), self.tr("Kind"), self.tr("File")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        for col in (0, 1):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        layout.addWidget(self.table)
        form = QFormLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Province key &passphrase:"), self.passphrase)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton(self.tr("&Restore…"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.files = [f for f in list_backups(folder or backups_dir()) if f.path.name.endswith(".pgdump.age")]
        self._show(self.files)
        self.resize(640, 420)

    def _show(self, files: list[BackupFile]) -> None:
        self.table.setRowCount(len(files))
        for row, f in enumerate(files):
            for col, text in enumerate((f"{f.taken_at:%Y-%m-%d %H:%M}", f.kind, f.path.name)):
                self.table.setItem(row, col, QTableWidgetItem(text))
        if files:
            self.table.selectRow(0)
        else:
            self.message.setText(self.tr("No backup of a province database in the backups folder."))
        self.restore_button.setEnabled(bool(files))

    def selected(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        return self.files[rows[0].row()].path if rows else None

    def confirm(self, backup: Path) -> bool:
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            self.tr("Replace every record of the province database with the backup %1?").replace(
                "%1", backup.name
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def submit(self) -> None:
        backup = self.selected()
        if backup is None or not self.confirm(backup):
            return
        self.restore_button.setEnabled(False)
        self.message.clear()
        run_with_progress(
            self.context.runner,
            self,
            self.tr("Restoring the province database…"),
            restore_server,
            self.context.workspace,
            backup,
            self.passphrase.text() or None,
            backups_dir(),
            on_done=self._restored,
            on_error=self._refused,
        )

    def _restored(self, done: ServerRestore) -> None:
        self.outcome = done
        self.passphrase.clear()
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.restore_button.setEnabled(True)
        if not isinstance(exc, FpaError):
            raise exc
        self.message.setText(exc.message)


def open_server_restore(
    parent: QWidget, context: PageContext, folder: Path | None, status: QLabel
) -> ServerRestoreDialog:
    """The dialog, opened; after a restore ``status`` says what happened and the page shown reloads."""
    dialog = ServerRestoreDialog(context, folder, parent)

    def restored() -> None:
        refresh = getattr(parent.window(), "refresh_page", None)
        if callable(refresh):
            refresh()  # the page shown reads the restored rows; the others do when next shown
        done = dialog.outcome
        if done is not None:
            status.setText(
                dialog.tr("Restored: %1 families; the database as it was is in %2")
                .replace("%1", str(done.families))
                .replace("%2", done.safety_copy.name)
            )

    dialog.accepted.connect(restored)
    dialog.open()
    return dialog
