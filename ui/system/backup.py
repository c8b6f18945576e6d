"""Restore and automatic backups on the system page.

从备份恢复… lists the backups found in the backups folder (or another folder or file), asks for
the password of an account in that backup, shows what it holds once a copy of it has opened, and
asks before anything is replaced. The restore itself is the shell's (ui/main.py): the window is
closed, the database restored off the GUI thread, and the restored database opened again.
The automatic backup settings (on/off, a USB stick or folder besides the backups folder) are here too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import FpaError
from app.domain.records.backup import BackupContents, BackupFile
from app.paths import backups_dir
from app.services.system.backup import KEEP
from app.services.system.backup_auto import last_backup_time
from app.services.system.restore import inspect_backup, list_backups, restore_refusal
from ui.shell import file_dialogs
from ui.shell.auto_backup import AutoBackupSettings, load_settings, save_settings
from ui.shell.page import PageContext
from ui.shell.progress import run_with_progress
from ui.system.server_restore import open_server_restore

ERROR_STYLE = "color: #b00020;"


def size_text(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


@dataclass(frozen=True)
class RestorePlan:
    """What the user confirmed: this backup, opened with this account."""

    backup: Path
    username: str
    password: str = field(repr=False)


class RestoreDialog(QDialog):
    """Pick a backup, open it with an account's password, see what it holds, confirm."""

    def __init__(
        self, context: PageContext, folder: Path | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Restore from a backup"))
        self.plan: RestorePlan | None = None
        self.files: list[BackupFile] = []
        self.contents: BackupContents | None = None
        self.extra_file: Path | None = None
        layout = QVBoxLayout(self)
        warning = QLabel(
            self.tr(
                "Restoring replaces the whole database with the backup: what was entered after the "
                "backup was taken is no longer in it. The database as it is now is first copied to "
                "the backups folder."
            )
        )
        warning.setWordWrap(True)
        layout.addWidget(warning)
        where = QHBoxLayout()
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where.addWidget(self.folder_label, 1)
        self.folder_button = QPushButton(self.tr("Other &folder…"))
        self.folder_button.clicked.connect(self.choose_folder)
        self.file_button = QPushButton(self.tr("A f&ile…"))
        self.file_button.clicked.connect(self.choose_file)
        where.addWidget(self.folder_button)
        where.addWidget(self.file_button)
        layout.addLayout(where)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Taken"), self.tr("Kind"), self.tr("Size"), self.tr("Database"), self.tr("Encrypted")]
        )
        self.table.setAccessibleName(self.tr("Backups found"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(170)
        self.table.itemSelectionChanged.connect(self._forget_contents)
        layout.addWidget(self.table, 1)
        form = QFormLayout()
        self.username = QLineEdit(context.workspace.username or "")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(128)
        for edit in (self.username, self.password):
            edit.textEdited.connect(self._forget_contents)
        self.password.returnPressed.connect(self.check)
        form.addRow(self.tr("&User name:"), self.username)
        form.addRow(self.tr("&Password:"), self.password)
        hint = QLabel(self.tr("An account in the backup: its password when the backup was taken."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        form.addRow("", hint)
        layout.addLayout(form)
        self.contents_label = QLabel()
        self.contents_label.setWordWrap(True)
        self.contents_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.contents_label)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox()
        self.check_button = buttons.addButton(
            self.tr("&Check the backup"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.check_button.clicked.connect(self.check)
        self.restore_button = buttons.addButton(self.tr("&Restore…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self.submit)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        for button in (self.check_button, self.restore_button, self.cancel_button):
            button.setAutoDefault(False)
        layout.addWidget(buttons)
        self.resize(720, 560)
        self.show_folder(folder or backups_dir())

    # --- choosing -------------------------------------------------------------------------------------

    def show_folder(self, folder: Path) -> None:
        self.folder = folder
        self.extra_file = None
        self.folder_label.setText(self.tr("Backups in %1").replace("%1", str(folder)))
        self.show_files(list_backups(folder))

    def show_files(self, files: list[BackupFile]) -> None:
        self.files = files
        self.table.setRowCount(len(files))
        for row, f in enumerate(files):
            cells = (
                f"{f.taken_at:%Y-%m-%d %H:%M:%S}",
                f.kind,
                size_text(f.size_bytes),
                f.database,
                self.tr("yes") if f.encrypted else self.tr("no"),
            )
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        if files:
            self.table.selectRow(0)
            self.message.clear()
        else:
            self.message.setText(self.tr("No backups in this folder. Choose another folder or a file."))
        self._forget_contents()

    def choose_folder(self) -> None:
        folder = file_dialogs.choose_folder(self, self.tr("Folder with backups"), start=self.folder)
        if folder:
            self.show_folder(folder)

    def choose_file(self) -> None:
        path = file_dialogs.open_file(
            self, self.tr("Backup file"), self.tr("Databases (*.db);;All files (*)"), start=self.folder
        )
        if path:
            self.use_file(path)

    def use_file(self, path: Path) -> None:
        """A backup not named like one (renamed, or from another program's copy)."""
        self.show_folder(path.parent)
        match = next((i for i, f in enumerate(self.files) if f.path == path), None)
        if match is not None:
            self.table.selectRow(match)
            return
        self.extra_file = path
        self.table.clearSelection()
        self.folder_label.setText(self.tr("Backup file %1").replace("%1", str(path)))
        self.message.clear()
        self._forget_contents()

    def selected(self) -> Path | None:
        rows = self.table.selectionModel().selectedRows()
        if rows and 0 <= rows[0].row() < len(self.files):
            return self.files[rows[0].row()].path
        return self.extra_file

    # --- checking and confirming ----------------------------------------------------------------------

    def _forget_contents(self) -> None:
        self.contents = None
        self.contents_label.clear()
        self.restore_button.setEnabled(False)
        self.check_button.setEnabled(self.selected() is not None)

    def check(self) -> None:
        backup = self.selected()
        if backup is None:
            return
        self.message.clear()
        self.check_button.setEnabled(False)
        run_with_progress(
            self.context.runner,
            self,
            self.tr("Opening a copy of the backup…"),
            inspect_backup,
            self.context.workspace,
            backup,
            self.username.text().strip(),
            self.password.text(),
            on_done=self.show_contents,
            on_error=self._refused,
            on_cancelled=self._forget_contents,
        )

    def show_contents(self, contents: BackupContents) -> None:
        self.check_button.setEnabled(self.selected() is not None)
        if contents.path != self.selected():
            return  # another backup was chosen meanwhile
        self.contents = contents
        lines = [
            self.tr("<b>%1</b>, taken %2, %3")
            .replace("%1", contents.path.name)
            .replace("%2", f"{contents.taken_at:%Y-%m-%d %H:%M}" if contents.taken_at else "—")
            .replace("%3", size_text(contents.size_bytes)),
            self.tr("Division: %1 (%2), %3")
            .replace("%1", contents.division_name)
            .replace("%2", contents.division_code)
            .replace("%3", contents.role_label),
            self.tr("User accounts: %1").replace("%1", str(contents.accounts)),
            "，".join(f"{label} {count}" for label, count in contents.counts),
        ]
        if not contents.same_device:
            lines.append(self.tr("Taken on another computer (device %1).").replace("%1", contents.device_id))
        if not contents.schema_is_current:
            lines.append(self.tr("Made by an older version: it is upgraded when restored."))
        self.contents_label.setText("<br>".join(lines))
        self.restore_button.setEnabled(True)
        self.restore_button.setFocus()

    def _refused(self, exc: BaseException) -> None:
        if not isinstance(exc, FpaError):
            raise exc
        self._forget_contents()
        self.message.setText(exc.message)
        self.password.setFocus()
        self.password.selectAll()

    def confirm(self, contents: BackupContents) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Restore from a backup"),
            self.tr(
                "Replace the database with the backup of %1? The program closes the database, "
                "restores it and opens it again."
            ).replace(
                "%1", f"{contents.taken_at:%Y-%m-%d %H:%M}" if contents.taken_at else contents.path.name
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def submit(self) -> None:
        contents = self.contents
        if contents is None or contents.path != self.selected() or not self.confirm(contents):
            return
        self.plan = RestorePlan(contents.path, self.username.text().strip(), self.password.text())
        self.accept()


class BackupSettingsPanel(QGroupBox):
    """从备份恢复… and the automatic backups' settings."""

    restore_requested = Signal(object)  # a RestorePlan: the shell closes, restores and reopens

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Restore and automatic backups"))
        self.context = context
        self.dialog: RestoreDialog | None = None
        layout = QVBoxLayout(self)
        self.restore_button = QPushButton(self.tr("Re&store from a backup…"))
        self.restore_button.clicked.connect(lambda: self.open_restore_dialog())
        # only an active administrator of this database may replace it (asked of the database)
        self.restore_button.setVisible(restore_refusal(context.workspace) is None)
        row = QHBoxLayout()
        row.addWidget(self.restore_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.auto_check = QCheckBox(self.tr("Back up a&utomatically once a day, when the program closes"))
        self.auto_check.setToolTip(
            self.tr("Into %1; the last %2 backups are kept.")
            .replace("%1", str(backups_dir()))
            .replace("%2", str(KEEP))
        )
        layout.addWidget(self.auto_check)
        extra = QHBoxLayout()
        self.extra_check = QCheckBox(self.tr("Also &into:"))
        self.extra_label = QLabel()
        self.extra_label.setWordWrap(True)
        self.extra_button = QPushButton(self.tr("Automatic backup t&o…"))
        self.extra_button.clicked.connect(self.choose_extra_folder)
        extra.addWidget(self.extra_check)
        extra.addWidget(self.extra_label, 1)
        extra.addWidget(self.extra_button)
        layout.addLayout(extra)
        self.last_label = QLabel()
        self.last_label.setWordWrap(True)
        self.last_label.setObjectName("hint")
        layout.addWidget(self.last_label)
        self.settings = load_settings()
        self._show_settings()
        self.auto_check.toggled.connect(self._changed)
        self.extra_check.toggled.connect(self._changed)

    def _show_settings(self) -> None:
        s = self.settings
        self.auto_check.setChecked(s.enabled)
        self.extra_check.setChecked(s.extra_enabled and s.extra_folder is not None)
        self.extra_check.setEnabled(s.enabled and s.extra_folder is not None)
        self.extra_button.setEnabled(s.enabled)
        self.extra_label.setText(
            str(s.extra_folder) if s.extra_folder else self.tr("a USB stick or folder (choose one)")
        )

    def _changed(self) -> None:
        self.settings = AutoBackupSettings(
            enabled=self.auto_check.isChecked(),
            extra_folder=self.settings.extra_folder,
            extra_enabled=self.extra_check.isChecked(),
        )
        save_settings(self.settings)
        self._show_settings()

    def choose_extra_folder(self) -> None:
        folder = file_dialogs.choose_folder(
            self,
            self.tr("Back up automatically also to (a USB stick or folder)"),
            start=self.settings.extra_folder,
        )
        if folder:
            self.set_extra_folder(folder)

    def set_extra_folder(self, folder: Path) -> None:
        self.settings = AutoBackupSettings(self.auto_check.isChecked(), folder, True)
        save_settings(self.settings)
        self.auto_check.blockSignals(True)
        self.extra_check.blockSignals(True)
        self._show_settings()
        self.auto_check.blockSignals(False)
        self.extra_check.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        workspace = self.context.workspace
        stem = workspace.path.stem
        folders = [backups_dir()] + ([self.settings.extra] if self.settings.extra else [])
        times = [(t, f) for f in folders if (t := last_backup_time(f, stem)) is not None]
        if not times:
            self.last_label.setText(self.tr("No backup of this database yet."))
            return
        when, folder = max(times)
        self.last_label.setText(
            self.tr("Last backup: %1 in %2")
            .replace("%1", f"{when:%Y-%m-%d %H:%M}")
            .replace("%2", str(folder))
        )

    def open_restore_dialog(self, folder: Path | None = None) -> QDialog:
        if isinstance(self.context.workspace.target, str):  # a province on PostgreSQL
            return open_server_restore(self, self.context, folder, self.last_label)
        dialog = RestoreDialog(self.context, folder, self)
        dialog.accepted.connect(lambda: self._accepted(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _accepted(self, dialog: RestoreDialog) -> None:
        if dialog.plan is not None:
            self.restore_requested.emit(dialog.plan)
