"""A new user's first day: a device-keys passphrase shorter than 8 characters is refused as it is typed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.domain.errors import UserInputError
from app.services import sync
from ui.widgets.passphrase_dialog import NewPassphraseDialog


def _ok(dialog: NewPassphraseDialog) -> bool:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert button is not None
    return button.isEnabled()


def test_a_short_passphrase_is_refused_while_typing_before_the_repeat_box(qtbot: QtBot) -> None:
    dialog = NewPassphraseDialog("创建设备密钥")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.repeat.isEnabled() and not _ok(dialog)
    qtbot.keyClicks(dialog.first, "abc")
    assert dialog.first_note.text() == "口令至少 8 位（已输入 3 位）。"  # said at once, under the box
    assert not dialog.repeat.isEnabled() and not _ok(dialog)  # the repeat box waits for a long enough one
    qtbot.keyClicks(dialog.first, "de123")
    assert dialog.first_note.text() == "" and dialog.repeat.isEnabled() and not _ok(dialog)
    qtbot.keyClicks(dialog.repeat, "abc")
    assert dialog.repeat_note.text() == ""  # still typing the same start: no nagging
    qtbot.keyClicks(dialog.repeat, "xx")
    assert dialog.repeat_note.text() == "两次输入的口令不一致。" and not _ok(dialog)
    dialog.repeat.clear()
    qtbot.keyClicks(dialog.repeat, "abcde123")
    assert dialog.repeat_note.text() == "" and _ok(dialog)
    dialog.accept()
    assert dialog.result() == NewPassphraseDialog.DialogCode.Accepted and dialog.passphrase() == "abcde123"


def test_the_service_refuses_a_short_passphrase_too(tmp_path: Path) -> None:
    with pytest.raises(UserInputError, match="口令至少 8 位"):
        sync.new_identity(tmp_path / "keys", "星沙街道", "1234567")
    assert not (tmp_path / "keys").exists() or not any((tmp_path / "keys").iterdir())
    assert sync.new_identity(tmp_path / "keys", "星沙街道", "12345678").key_id


def test_a_short_new_password_is_refused_while_typing(qtbot: QtBot, encrypted_path: Path) -> None:
    from app.services.system.accounts import sign_in
    from tests.conftest import ADMIN
    from ui.shell.login import ChangePasswordDialog
    from ui.shell.tasks import SyncTaskRunner

    ws = sign_in(encrypted_path, ADMIN[0], ADMIN[2])
    dialog = ChangePasswordDialog(ws, SyncTaskRunner())
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.change_button.isEnabled() and dialog.message.text() == ""
    qtbot.keyClicks(dialog.password, "abc")
    assert "至少 8 位" in dialog.message.text() and not dialog.change_button.isEnabled()  # before the repeat
    qtbot.keyClicks(dialog.password, "de-2026")
    assert dialog.message.text() == ""
    qtbot.keyClicks(dialog.repeat, "abcde-2027")
    assert "不一致" in dialog.message.text() and not dialog.change_button.isEnabled()
    dialog.repeat.setText("abcde-2026")
    assert dialog.message.text() == "" and dialog.change_button.isEnabled()
    ws.close()
