"""系统管理: this installation (role, division, device, database, schema), backup, and the division list.

The division list is the county administrator's: add a division below another, rename one, or
retire (撤销) one, each from a date (ui/system/divisions.py). Backup writes a verified
copy to a folder or USB stick, with a progress dialog for a big database.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import FpaError
from app.domain.records.overview import InstallationFacts
from app.paths import backups_dir
from app.services.system import installation
from app.services.system.backup import KEEP, backup_database
from ui.shell import file_dialogs
from ui.shell.page import Page, PageContext
from ui.shell.progress import run_with_progress
from ui.system.backup import BackupSettingsPanel, RestoreDialog
from ui.system.divisions import ADD, RENAME, DivisionDialog, DivisionsPanel
from ui.system.numbering import NumberingPanel
from ui.system.users import UsersPanel


def _size(n: int | None) -> str:
    if n is None:
        return "—"
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


class SystemPage(Page):
    screenshot_dialogs: ClassVar[tuple[str, ...]] = (
        "add_division_dialog",
        "rename_division_dialog",
        "restore_dialog",
        "add_user_dialog",
    )
    restore_requested = Signal(object)  # a RestorePlan (ui/system/backup.py), for the shell

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.title = self.tr("System")
        self.facts: InstallationFacts | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(18, 14, 18, 14)
        heading = QLabel(self.tr("System"))
        heading.setObjectName("pageTitle")
        layout.addWidget(heading)
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self._installation_box())
        left.addWidget(self._backup_box())
        self.numbering = NumberingPanel(context)
        left.addWidget(self.numbering)
        self.backup_settings = BackupSettingsPanel(context)
        self.backup_settings.restore_requested.connect(self.restore_requested)
        left.addWidget(self.backup_settings)
        left.addStretch(1)
        columns.addLayout(left, 2)
        right = QVBoxLayout()  # the county's divisions, and who may work in them
        self.divisions = DivisionsPanel(context)
        right.addWidget(self.divisions, 3)
        self.users = UsersPanel(context)
        self.users.accounts_changed.connect(self.refresh_facts)  # 用户账户 counts the new one at once
        right.addWidget(self.users, 2)
        columns.addLayout(right, 3)
        layout.addLayout(columns, 1)

    # --- this installation ------------------------------------------------------------------------------

    def _installation_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("This installation"))
        form = QFormLayout(box)
        self.info: dict[str, QLabel] = {}
        for key, label in [
            ("role", self.tr("Role:")),
            ("division", self.tr("Division:")),
            ("device", self.tr("Device id:")),
            ("database", self.tr("Database:")),
            ("size", self.tr("Size:")),
            ("schema", self.tr("Schema revision:")),
            ("created", self.tr("Created:")),
            ("setup", self.tr("Setup package:")),
            ("accounts", self.tr("User accounts:")),
        ]:
            value = QLabel("—")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.info[key] = value
            form.addRow(label, value)
        return box

    def show_facts(self, facts: InstallationFacts) -> None:
        self.facts = facts
        i = self.info
        i["role"].setText(facts.role_label)
        i["division"].setText(f"{facts.division_name}（{facts.division_code}）")
        i["device"].setText(facts.device_id)
        i["database"].setText(facts.database)
        i["size"].setText(_size(facts.size_bytes))
        state = self.tr("current") if facts.schema_is_current else self.tr("older than this program")
        i["schema"].setText(f"{facts.schema_revision}（{state}）")
        i["created"].setText(f"{facts.created_at:%Y-%m-%d %H:%M}" if facts.created_at else "—")
        i["setup"].setText(facts.setup_package or self.tr("none imported yet"))
        i["accounts"].setText(str(facts.accounts))

    # --- backup ---------------------------------------------------------------------------------------

    def _backup_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Backup"))
        layout = QVBoxLayout(box)
        text = QLabel(
            self.tr(
                "A backup is a checked copy of the whole database. Keep one on a USB stick; "
                "the last %1 backups are kept in each folder."
            ).replace("%1", str(KEEP))
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        buttons = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("&Back up now"))
        self.backup_button.setToolTip(str(backups_dir()))
        self.backup_button.clicked.connect(lambda: self.back_up(backups_dir()))
        self.backup_to_button = QPushButton(self.tr("Back up &to…"))
        self.backup_to_button.clicked.connect(self.choose_backup_folder)
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.backup_to_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.backup_message = QLabel()
        self.backup_message.setWordWrap(True)
        self.backup_message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.backup_message)
        return box

    def choose_backup_folder(self) -> None:
        folder = file_dialogs.choose_folder(
            self, self.tr("Back up to (a folder or USB stick)"), start=backups_dir()
        )
        if folder:
            self.back_up(folder)

    def back_up(self, folder: Path) -> None:
        self.backup_message.setText(self.tr("Backing up…"))
        run_with_progress(
            self.runner,
            self,
            self.tr("Writing the backup…"),
            backup_database,
            self.workspace,
            folder,
            on_done=self.backup_written,
            on_error=self._backup_failed,
            on_cancelled=lambda: self.backup_message.setText(
                self.tr("Backup cancelled; nothing was written.")
            ),
        )

    def backup_written(self, path: Path) -> None:
        self.last_backup = path
        self.backup_settings.reload()
        self.backup_message.setText(self.tr("Backup written and checked: %1").replace("%1", str(path)))

    def _backup_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, FpaError):
            raise exc
        self.backup_message.setText(exc.message)

    # --- loading --------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.refresh_facts()
        self.numbering.reload()
        self.divisions.reload()
        self.users.reload()
        self.backup_settings.reload()

    def refresh_facts(self) -> None:
        self.runner.run(installation.installation_facts, self.workspace, on_done=self.show_facts)

    def add_division_dialog(self) -> DivisionDialog | None:
        return self.divisions.division_dialog(ADD)

    def rename_division_dialog(self) -> DivisionDialog | None:
        return self.divisions.division_dialog(RENAME)

    def add_user_dialog(self) -> QWidget | None:
        """添加账户…, for screenshots and the keyboard audit (None for a role that may not)."""
        return self.users.add_user_dialog()

    def restore_dialog(self) -> RestoreDialog:
        """从备份恢复…, not shown yet (for screenshots; the button opens it through the panel)."""
        return RestoreDialog(self.context, None, self)
