"""Signing in before an encrypted database opens, and recovering a forgotten administrator password.

``LoginDialog`` asks for username and password and calls ``app.services.system.accounts.sign_in``; a
refusal, the growing delay and the lockout ("已锁定，请 HH:MM 后再试") appear on the dialog, which
stays open. For the demo database the demo account is shown as a hint. "Forgot password" opens
``RecoveryDialog``: the recovery key printed at set-up and a new password for the administrator.
On success ``workspace`` holds the opened, signed-in workspace.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import FpaError, LoginDelayed
from app.domain.server_address import display_url
from app.services.demo import demo_account
from app.services.shared.workspace import Workspace
from app.services.system import accounts
from ui.shell.tasks import TaskRunner


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    return label


def _password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def judge_new_password(password: QLineEdit, repeat: QLineEdit, message: QLabel, button: QPushButton) -> None:
    """A new password judged as it is typed: too short is said at once under the boxes (not after
    the repeat), a different repeat once it is as long; the button waits until both are right."""

    def check() -> None:
        first, again = password.text(), repeat.text()
        short = first and len(first) < accounts.MIN_PASSWORD
        problems = accounts.password_problems(first, again)
        shown = short or (again and (len(again) >= len(first) or not first.startswith(again)))
        message.setText(problems[0] if problems and shown else "")
        button.setEnabled(not problems)

    password.textChanged.connect(check)
    repeat.textChanged.connect(check)
    check()


class LoginDialog(QDialog):
    def __init__(self, path: Path | str, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.runner = runner
        self.workspace: Workspace | None = None
        self.working = False
        self.setWindowTitle(self.tr("Sign in"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("Sign in to the province database %1.").replace("%1", display_url(path))
            if isinstance(path, str)
            else self.tr("The database %1 is encrypted. Sign in to open it.").replace("%1", path.name)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.username = QLineEdit()
        self.password = _password_edit()
        form.addRow(self.tr("&Username:"), self.username)
        form.addRow(self.tr("&Password:"), self.password)
        layout.addLayout(form)
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        demo = demo_account(path) if isinstance(path, Path) else None
        if demo is not None:
            self.hint.setText(
                self.tr("Demo database (made-up data): username %1, password %2")
                .replace("%1", demo[0])
                .replace("%2", demo[1])
            )
            self.username.setText(demo[0])
        self.hint.setVisible(demo is not None)
        layout.addWidget(self.hint)
        self.message = _error_label()
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_in_button = buttons.addButton(self.tr("&Sign in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.forgot_button = QPushButton(self.tr("&Forgot password…"))
        buttons.addButton(self.forgot_button, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        self.forgot_button.clicked.connect(self.recover)
        # On a server there is no recovery key: another administrator resets a forgotten password.
        self.forgot_button.setVisible(isinstance(path, Path))
        layout.addWidget(buttons)
        self.wait_timer = QTimer(self)
        self.wait_timer.setSingleShot(True)
        self.wait_timer.timeout.connect(self._waited)
        (self.password if self.username.text() else self.username).setFocus()
        self.setMinimumWidth(420)

    def try_sign_in(self) -> None:
        if self.working or not self.sign_in_button.isEnabled():
            return
        if not self.username.text().strip() or not self.password.text():
            self.message.setText(self.tr("Enter your username and password."))
            return
        self.working = True
        self.sign_in_button.setEnabled(False)
        self.message.setText(self.tr("Signing in…"))
        self.runner.run(
            accounts.sign_in,
            self.path,
            self.username.text(),
            self.password.text(),
            on_done=self._signed_in,
            on_error=self._refused,
        )

    def _signed_in(self, workspace: Workspace) -> None:
        self.working = False
        self.workspace = workspace
        self.password.clear()
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.working = False
        self.password.clear()
        self.password.setFocus()
        if not isinstance(exc, FpaError):
            self.sign_in_button.setEnabled(True)
            self.message.clear()
            raise exc
        self.message.setText(exc.message)
        if isinstance(exc, LoginDelayed):
            self._hold_until(exc)
        else:
            self.sign_in_button.setEnabled(True)

    def _hold_until(self, delayed: LoginDelayed) -> None:
        """No attempt before the delay or lockout ends: the button comes back by itself."""
        from datetime import UTC, datetime

        wait_ms = max(0, int((delayed.retry_at - datetime.now(UTC)).total_seconds() * 1000)) + 200
        self.sign_in_button.setEnabled(False)
        self.wait_timer.start(wait_ms)

    def _waited(self) -> None:
        self.sign_in_button.setEnabled(True)
        self.message.clear()

    def recover(self) -> None:
        if not isinstance(self.path, Path):
            return
        dialog = RecoveryDialog(self.path, self.runner, self.username.text().strip(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.workspace is not None:
            self.workspace = dialog.workspace
            self.accept()


class RecoveryDialog(QDialog):
    """The recovery key printed at set-up opens the database; the administrator gets a new password."""

    def __init__(self, path: Path, runner: TaskRunner, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.runner = runner
        self.workspace: Workspace | None = None
        self.setWindowTitle(self.tr("Forgot password"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Type the recovery key printed when this computer was set up (8 groups of 5 "
                "characters) and a new password for the system administrator."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.recovery_key = QLineEdit()
        self.recovery_key.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        self.username = QLineEdit(username)
        self.password = _password_edit()
        self.repeat = _password_edit()
        form.addRow(self.tr("&Recovery key:"), self.recovery_key)
        form.addRow(self.tr("&Administrator:"), self.username)
        form.addRow(self.tr("&New password:"), self.password)
        form.addRow(self.tr("Re&peat password:"), self.repeat)
        layout.addLayout(form)
        self.message = _error_label()
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.reset_button = buttons.addButton(
            self.tr("Set the new password"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.try_recover)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        judge_new_password(self.password, self.repeat, self.message, self.reset_button)
        self.recovery_key.setFocus(Qt.FocusReason.OtherFocusReason)
        self.setMinimumWidth(520)

    def try_recover(self) -> None:
        problems = accounts.password_problems(self.password.text(), self.repeat.text())
        if problems:
            self.message.setText("".join(problems))
            return
        self.reset_button.setEnabled(False)
        self.runner.run(
            accounts.recover_password,
            self.path,
            self.recovery_key.text(),
            self.username.text(),
            self.password.text(),
            on_done=self._recovered,
            on_error=self._refused,
        )

    def _recovered(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.reset_button.setEnabled(True)
        if not isinstance(exc, FpaError):
            raise exc
        self.message.setText(exc.message)


class ChangePasswordDialog(QDialog):
    """The signed-in user's own password: the old one, the new one twice."""

    def __init__(self, workspace: Workspace, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.runner = runner
        self.setWindowTitle(self.tr("Change password"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.old = _password_edit()
        self.password = _password_edit()
        self.repeat = _password_edit()
        form.addRow(self.tr("&Current password:"), self.old)
        form.addRow(self.tr("&New password:"), self.password)
        form.addRow(self.tr("Re&peat password:"), self.repeat)
        layout.addLayout(form)
        self.message = _error_label()
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.change_button = buttons.addButton(self.tr("&Change"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.try_change)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        judge_new_password(self.password, self.repeat, self.message, self.change_button)
        self.setMinimumWidth(400)

    def try_change(self) -> None:
        self.change_button.setEnabled(False)
        self.runner.run(
            accounts.change_password,
            self.workspace,
            self.old.text(),
            self.password.text(),
            self.repeat.text(),
            on_done=lambda _result: self.accept(),
            on_error=self._refused,
        )

    def _refused(self, exc: BaseException) -> None:
        self.change_button.setEnabled(True)
        self.old.clear()
        if not isinstance(exc, FpaError):
            raise exc
        self.message.setText(exc.message)
