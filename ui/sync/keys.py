"""The 同步 page's actions on this computer's keys: create them, write their public half to a USB
stick for the level above, and ask for their passphrase before a signed action."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QInputDialog, QLineEdit

from app.domain.records.exchange import SyncStatus
from app.paths import identity_dir
from app.services import sync
from ui.shell import file_dialogs
from ui.shell.page import Page
from ui.widgets.passphrase_dialog import NewPassphraseDialog


class KeyActions(Page):
    status: SyncStatus | None  # set by the page as the status arrives

    def _done(self, text: str) -> None:
        raise NotImplementedError

    def _show_error(self, exc: BaseException) -> None:
        raise NotImplementedError

    def _passphrase(self) -> tuple[bool, str | None]:
        if self.status is not None and not self.status.identity_protected:
            return True, None
        text, ok = QInputDialog.getText(
            self,
            self.tr("Device keys"),
            self.tr("Passphrase of the device keys:"),
            QLineEdit.EchoMode.Password,
        )
        return ok, text

    def create_keys(self) -> None:
        passphrase = self.ask_new_passphrase()
        if passphrase is None:
            return
        # The name the level above sees when it issues this computer's package, and the township
        # when it checks who signed it: 黄兴镇计生协, not a code and a device id.
        place = self.status.division_name if self.status else ""
        name = self.tr("%1 FPA").replace("%1", place) if place else self.workspace.device_id
        self.runner.run(
            sync.new_identity,
            identity_dir(),
            name,
            passphrase,
            on_done=lambda row: self._done(
                self.tr("Device keys created, key id %1.").replace("%1", row.key_id)
            ),
            on_error=self._show_error,
        )

    def ask_new_passphrase(self) -> str | None:
        """The new keys' passphrase, refused as it is typed when too short (None: cancelled)."""
        dialog = NewPassphraseDialog(self.tr("Create device keys"), self)
        return dialog.passphrase() if dialog.exec() == NewPassphraseDialog.DialogCode.Accepted else None

    def choose_key_file_folder(self) -> None:
        folder = file_dialogs.choose_folder(self, self.tr("Write the key file to (USB stick)"))
        if folder is not None:
            self.write_key_file(folder)

    def write_key_file(self, folder: Path) -> None:
        """The public key for the level above, which needs it to issue this computer's setup package."""

        def written(path: Any) -> None:
            key_id = self.status.identity_key_id if self.status else ""
            self._done(
                self.tr("Key file %1 written. Take it to the level above; key id %2.")
                .replace("%1", Path(path).name)
                .replace("%2", key_id or "")
            )

        self.runner.run(
            sync.write_key_file,
            self.workspace,
            identity_dir(),
            folder,
            on_done=written,
            on_error=self._show_error,
        )
