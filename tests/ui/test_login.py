"""Signing in on screen: refusals and the lockout message, the demo hint, the recovery key; auto-lock; start-up."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from app.paths import demo_database
from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME, generate_demo
from app.services.shared.audit import list_entries
from ui.shell import idle_lock
from ui.shell.login import LoginDialog, RecoveryDialog
from ui.shell.main_window import MainWindow, window_settings
from ui.shell.tasks import SyncTaskRunner

ADMIN = ("admin", "李管理", "secret-pass-1")  # the encrypted_template fixture's administrator (conftest.py)
COUNTY = "430121000000"  # 长沙县


@pytest.fixture
def dialog(qtbot: QtBot, encrypted_path: Path) -> LoginDialog:
    widget = LoginDialog(encrypted_path, SyncTaskRunner())
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _try(dialog: LoginDialog, username: str, password: str) -> None:
    dialog.username.setText(username)
    dialog.password.setText(password)
    dialog.sign_in_button.click()


def test_a_wrong_password_is_refused_on_the_dialog_and_the_right_one_opens(
    dialog: LoginDialog, tmp_path: Path
) -> None:
    assert not dialog.hint.isVisible()  # a real installation shows no account
    _try(dialog, "admin", "wrong-pass")
    assert dialog.isVisible() and dialog.workspace is None
    assert dialog.message.text() == "用户名或密码不正确。" and dialog.password.text() == ""
    dialog.grab().save(str(tmp_path / "login-refused.png"))
    _try(dialog, "admin", ADMIN[2])
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    ws = dialog.workspace
    assert ws is not None and ws.user is not None and ws.user.username == "admin"
    try:
        assert [e.action for e in list_entries(ws)[:2]] == ["login", "login_failed"]
    finally:
        ws.close()


def test_five_wrong_passwords_lock_and_the_dialog_says_until_when(
    dialog: LoginDialog, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from app.database.keyring import lockout

    monkeypatch.setattr(lockout, "DELAY_AFTER", 10)  # no short waits in between: straight to the lock
    for _ in range(5):
        _try(dialog, "admin", "wrong-pass")
    assert "已锁定，请" in dialog.message.text() and "后再试" in dialog.message.text()
    assert not dialog.sign_in_button.isEnabled() and dialog.wait_timer.isActive()
    assert dialog.wait_timer.remainingTime() > 14 * 60 * 1000
    dialog.grab().save(str(tmp_path / "login-locked.png"))
    dialog.password.setText(ADMIN[2])
    dialog.try_sign_in()  # Enter while locked: nothing happens
    assert dialog.workspace is None


def test_the_demo_database_shows_its_account(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    generate_demo(path, COUNTY, families=5, seed=1, encrypted=True)
    dialog = LoginDialog(path, SyncTaskRunner())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.hint.isVisible() and DEMO_PASSWORD in dialog.hint.text()
    assert dialog.username.text() == DEMO_USERNAME
    dialog.grab().save(str(tmp_path / "login-demo.png"))
    dialog.password.setText(DEMO_PASSWORD)
    dialog.sign_in_button.click()
    assert dialog.workspace is not None
    dialog.workspace.close()


def test_forgot_password_with_the_recovery_key(
    dialog: LoginDialog, recovery_key: str, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    seen: list[RecoveryDialog] = []

    def answer(self: RecoveryDialog) -> int:
        seen.append(self)
        self.recovery_key.setText("AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA")
        self.password.setText("xin-mi-ma-2026")
        self.repeat.setText("xin-mi-ma-2026")
        self.reset_button.click()
        assert "恢复密钥不正确" in self.message.text() and self.workspace is None
        self.recovery_key.setText(recovery_key)
        self.reset_button.click()
        return int(self.result())

    monkeypatch.setattr(RecoveryDialog, "exec", answer)
    dialog.username.setText("admin")
    dialog.forgot_button.click()
    assert seen and seen[0].username.text() == "admin"
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.workspace is not None
    dialog.workspace.close()
    again = LoginDialog(dialog.path, SyncTaskRunner())
    qtbot.addWidget(again)
    _try(again, "admin", "xin-mi-ma-2026")
    assert again.workspace is not None
    again.workspace.close()


def test_the_window_locks_when_idle_and_unlocks_with_the_password(
    qtbot: QtBot, encrypted_path: Path, tmp_path: Path
) -> None:
    from app.services.system.accounts import sign_in

    settings = window_settings()
    settings.setValue(idle_lock.SETTING, 0.005)  # 300 ms
    settings.sync()
    ws = sign_in(encrypted_path, "admin", ADMIN[2])
    window = MainWindow(ws, SyncTaskRunner())
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    form = QWidget()  # an open form: hidden while locked
    form.setWindowTitle("表单")
    qtbot.addWidget(form)
    form.show()
    lock = window.idle_lock
    assert lock is not None and not lock.locked
    qtbot.waitUntil(lambda: lock.locked, timeout=5000)
    screen = lock.screen
    assert screen is not None and screen.isVisible() and screen.geometry() == window.rect()
    assert not window.centralWidget().isEnabled() and not window.menuBar().isEnabled()
    assert not form.isVisible()
    assert "李管理" in screen.who.text()
    window.grab().save(str(tmp_path / "locked.png"))
    screen.password.setText("wrong-pass")
    screen.unlock_button.click()
    assert lock.locked and "用户名或密码不正确" in screen.message.text()
    screen.password.setText(ADMIN[2])
    screen.unlock_button.click()
    assert not lock.locked and window.centralWidget().isEnabled() and form.isVisible()
    assert [e.action for e in list_entries(ws)[:2]] == ["unlock", "login_failed"]
    window.close()
    ws.close()


def test_a_plain_database_opened_without_sign_in_never_locks(qtbot: QtBot, workspace) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(workspace, SyncTaskRunner())
    qtbot.addWidget(window)
    assert window.idle_lock is None


def test_start_up_signs_in_to_the_encrypted_demo_for_a_screenshot(tmp_path: Path) -> None:
    from ui.main import main

    demo_database().parent.mkdir(parents=True)
    generate_demo(demo_database(), COUNTY, families=10, seed=1, encrypted=True)
    shot = tmp_path / "main.png"
    assert main(["--demo", "--screenshot", str(shot)]) == 0
    assert shot.stat().st_size > 10_000


def test_start_up_asks_to_sign_in_to_an_encrypted_database(
    encrypted_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui import main as startup

    shown: list[LoginDialog] = []

    def cancelled(self: LoginDialog) -> int:
        shown.append(self)
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(LoginDialog, "exec", cancelled)
    monkeypatch.setattr(startup, "setup_logging", lambda: encrypted_path.parent / "log")
    monkeypatch.setattr(startup, "install_crash_handler", lambda: None)
    assert startup.main(["--db", str(encrypted_path)]) == 0
    assert len(shown) == 1 and shown[0].path == encrypted_path
    assert QApplication.instance() is not None


def test_the_signed_in_user_changes_the_password_from_the_file_menu(
    qtbot: QtBot, encrypted_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.services.system.accounts import sign_in
    from ui.shell.login import ChangePasswordDialog

    def answer(self: ChangePasswordDialog) -> int:
        self.old.setText("not-the-password")
        self.password.setText("xin-mi-ma-2026")
        self.repeat.setText("xin-mi-ma-2026")
        self.change_button.click()
        assert "用户名或密码不正确" in self.message.text() and self.result() == 0
        self.old.setText(ADMIN[2])
        self.change_button.click()
        return int(self.result())

    monkeypatch.setattr(ChangePasswordDialog, "exec", answer)
    ws = sign_in(encrypted_path, "admin", ADMIN[2])
    window = MainWindow(ws, SyncTaskRunner())
    qtbot.addWidget(window)
    try:
        window.password_action.trigger()
    finally:
        window.close()
        ws.close()
    sign_in(encrypted_path, "admin", "xin-mi-ma-2026").close()
