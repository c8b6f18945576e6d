"""User accounts on the system page: the list, and add / deactivate / reset-password dialogs.

Only 系统管理员 and 县级管理员 manage accounts (``app.services.system.users`` enforces it and keeps the
keyring of an encrypted database in step); for other roles the panel says so and offers nothing.
A new account's problems are shown as they are typed, and OK waits until there are none.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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

from app.domain.enums import UserRole
from app.domain.errors import FpaError
from app.domain.records.users import UserDivision, UserRow
from app.services.system import users
from ui.shell.page import PageContext
from ui.widgets.empty_state import EmptyState

ERROR_STYLE = "color: #b00020;"


def _password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(128)
    return edit


class AddUserDialog(QDialog):
    """A new account: user name, name, role, division and a first password (typed twice)."""

    added = Signal(str)  # the new user name

    def __init__(
        self,
        context: PageContext,
        roles: Sequence[UserRole],
        divisions: Sequence[UserDivision],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Add an account"))
        form = QFormLayout(self)
        self.username = QLineEdit()
        self.username.setMaxLength(40)
        self.username.setPlaceholderText(self.tr("letters and digits, e.g. zhangsan"))
        self.display_name = QLineEdit()
        self.display_name.setMaxLength(40)
        self.role = QComboBox()
        for role in roles:
            self.role.addItem(role.value, role.value)
        self.divisions = list(divisions)
        self.division = QComboBox()  # filled with the divisions that fit the chosen role
        self.password = _password_edit()
        self.repeated = _password_edit()
        form.addRow(self.tr("&User name:"), self.username)
        form.addRow(self.tr("&Name:"), self.display_name)
        form.addRow(self.tr("&Role:"), self.role)
        form.addRow(self.tr("&Division:"), self.division)
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow(self.tr("R&epeat password:"), self.repeated)
        hint = QLabel(
            self.tr("A township clerk works in one township; tell the user the password in person.")
        )
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        form.addRow(hint)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        form.addRow(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.setMinimumWidth(460)
        for edit in (self.username, self.display_name, self.password, self.repeated):
            edit.textChanged.connect(lambda _t: self.check())
        self.role.currentIndexChanged.connect(lambda _i: self._role_chosen())
        self.division.currentIndexChanged.connect(lambda _i: self.check())
        self._typed = False
        # The account most often added is a township's clerk.
        self.role.setCurrentIndex(max(self.role.findData(UserRole.TOWNSHIP_CLERK.value), 0))
        self._role_chosen()

    def _role_chosen(self) -> None:
        """Offer only the divisions an account of this role may belong to (a clerk: townships)."""
        role = self.chosen_role()
        current = self.division.currentData()
        self.division.blockSignals(True)
        self.division.clear()
        for d in self.divisions:
            if role is None or role in d.roles:
                self.division.addItem(f"{d.name}（{d.level}）", d.code)
        self.division.setCurrentIndex(max(self.division.findData(current), 0))
        self.division.blockSignals(False)
        self.check()

    def chosen_role(self) -> UserRole | None:
        value = self.role.currentData()
        return UserRole(value) if value else None

    def check(self) -> None:
        """Ask the service what is wrong so far; show it once something was typed, and gate OK."""
        self._typed = self._typed or bool(self.username.text() or self.display_name.text())
        self.context.runner.run(
            users.new_user_problems,
            self.context.workspace,
            self.username.text(),
            self.display_name.text(),
            self.chosen_role(),
            self.division.currentData() or "",
            self.password.text(),
            self.repeated.text(),
            on_done=self._show_problems,
            on_error=self._refused,
        )

    def _show_problems(self, problems: list[str]) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)
        self.message.setText("\n".join(problems) if self._typed else "")

    def submit(self) -> None:
        role = self.chosen_role()
        if role is None:
            return
        name = self.username.text().strip()
        self.context.runner.run(
            users.add_user,
            self.context.workspace,
            name,
            self.display_name.text(),
            role,
            self.division.currentData() or "",
            self.password.text(),
            on_done=lambda _r: self._finished(name),
            on_error=self._refused,
        )

    def _finished(self, username: str) -> None:
        self.added.emit(username)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        if not isinstance(exc, FpaError):
            raise exc
        self.message.setText(exc.message)


class ResetPasswordDialog(QDialog):
    """An administrator gives a user who forgot the password a new one (typed twice)."""

    done_with = Signal(str)

    def __init__(self, context: PageContext, row: UserRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context, self.row = context, row
        title = (
            self.tr("Reset the password of %1")
            if row.active
            else self.tr("Reactivate %1 with a new password")
        )
        self.setWindowTitle(title.replace("%1", row.display_name))
        form = QFormLayout(self)
        self.password = _password_edit()
        self.repeated = _password_edit()
        form.addRow(self.tr("New &password:"), self.password)
        form.addRow(self.tr("R&epeat password:"), self.repeated)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        form.addRow(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(400)

    def submit(self) -> None:
        self.context.runner.run(
            users.reset_password,
            self.context.workspace,
            self.row.username,
            self.password.text(),
            self.repeated.text(),
            on_done=lambda _r: self._finished(),
            on_error=self._refused,
        )

    def _finished(self) -> None:
        self.done_with.emit(self.row.username)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        if not isinstance(exc, FpaError):
            raise exc
        self.message.setText(exc.message)


class UsersPanel(QGroupBox):
    """The accounts within the administrator's divisions, with add, deactivate and reset."""

    COLUMNS = ("username", "name", "role", "division", "status")

    accounts_changed = Signal()  # an account was added or deactivated: figures that count them are stale

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("User accounts"))
        self.context = context
        self.rows: list[UserRow] = []
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(
            [self.tr("User name"), self.tr("Name"), self.tr("Role"), self.tr("Division"), self.tr("Status")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(150)
        self.table.setTabKeyNavigation(False)  # arrows move in the list; Tab goes on to the buttons
        layout.addWidget(self.table, 1)
        self.hint = EmptyState(self.table, self.tr("No accounts yet: “Add account…” creates the first."))
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setObjectName("hint")
        layout.addWidget(self.note)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add a&ccount…"))
        self.deactivate_button = QPushButton(self.tr("Deacti&vate…"))
        self.reset_button = QPushButton(self.tr("Reset pass&word…"))
        self.add_button.clicked.connect(lambda: self.open_add_dialog())
        self.deactivate_button.clicked.connect(lambda: self.deactivate_current())
        self.reset_button.clicked.connect(lambda: self.open_reset_dialog())
        for button in (self.add_button, self.deactivate_button, self.reset_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.dialogs: list[QDialog] = []
        self.allowed = users.may_manage_users(context.workspace)
        if not self.allowed:
            self.note.setText(self.tr("Only system and county administrators manage user accounts."))
            self.table.setVisible(False)
        self._update_buttons()

    # --- the list --------------------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        if not self.allowed:
            return
        current = self.current_user()
        keep = select or (current.username if current else None)
        self.context.runner.run(
            users.list_users, self.context.workspace, on_done=lambda rows: self.show_users(rows, keep)
        )

    def show_users(self, rows: list[UserRow], select: str | None = None) -> None:
        self.rows = list(rows)
        self.table.setRowCount(len(self.rows))
        for i, r in enumerate(self.rows):
            status = self.tr("active") if r.active else self.tr("deactivated")
            for col, text in enumerate((r.username, r.display_name, r.role.value, r.division_name, status)):
                item = QTableWidgetItem(text)
                if not r.active:
                    item.setForeground(self.palette().placeholderText())
                self.table.setItem(i, col, item)
        index = next((i for i, r in enumerate(self.rows) if r.username == select), 0 if self.rows else -1)
        if index >= 0:
            self.table.selectRow(index)
        self.hint.mark_ready()  # zero rows set on zero rows: no model signal
        self._update_buttons()

    def current_user(self) -> UserRow | None:
        row = self.table.currentRow()
        selected = self.table.selectionModel().selectedRows()
        if not selected or not 0 <= row < len(self.rows):
            return None
        return self.rows[row]

    def _update_buttons(self) -> None:
        row = self.current_user()
        self.add_button.setEnabled(self.allowed)
        live = self.allowed and row is not None and row.active
        self.deactivate_button.setEnabled(live)
        self.reset_button.setEnabled(self.allowed and row is not None)  # a deactivated one: reactivate

    # --- actions ---------------------------------------------------------------------------------------

    def open_add_dialog(self) -> None:
        self.context.runner.run(
            users.user_divisions,
            self.context.workspace,
            on_done=self._show_add_dialog,
            on_error=self._refused,
        )

    def _show_add_dialog(self, divisions: list[UserDivision]) -> None:
        roles = users.assignable_roles(self.context.workspace)
        dialog = AddUserDialog(self.context, roles, divisions, self)
        dialog.added.connect(self.reload)
        dialog.added.connect(lambda _name: self.accounts_changed.emit())
        self.dialogs.append(dialog)
        dialog.open()

    def add_user_dialog(self) -> AddUserDialog | None:
        """The add dialog as the button opens it (with a synchronous runner: at once), or None."""
        if not self.allowed:
            return None
        before = len(self.dialogs)
        self.open_add_dialog()
        dialog = self.dialogs[-1] if len(self.dialogs) > before else None
        return dialog if isinstance(dialog, AddUserDialog) else None

    def open_reset_dialog(self) -> ResetPasswordDialog | None:
        row = self.current_user()
        if row is None:
            return None
        dialog = ResetPasswordDialog(self.context, row, self)
        done = self.tr("Password of %1 reset.") if row.active else self.tr("%1 can sign in again.")
        dialog.done_with.connect(lambda name: self._password_set(done.replace("%1", name), name))
        self.dialogs.append(dialog)
        dialog.open()
        return dialog

    def _password_set(self, message: str, username: str) -> None:
        self.show_message(message)
        self.reload(username)

    def confirm_deactivate(self, row: UserRow) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Deactivate account"),
            self.tr("Deactivate %1 (%2)? The account can no longer sign in; its records stay.")
            .replace("%1", row.display_name)
            .replace("%2", row.username),
        )
        return answer == QMessageBox.StandardButton.Yes

    def deactivate_current(self) -> None:
        row = self.current_user()
        if row is None or not self.confirm_deactivate(row):
            return
        self.context.runner.run(
            users.deactivate_user,
            self.context.workspace,
            row.username,
            on_done=lambda _r: self._deactivated(row),
            on_error=self._refused,
        )

    def _deactivated(self, row: UserRow) -> None:
        self.show_message(self.tr("%1 can no longer sign in.").replace("%1", row.username))
        self.reload(row.username)
        self.accounts_changed.emit()

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.note.setText(text)
        self.note.setStyleSheet(ERROR_STYLE if error else "")

    def _refused(self, exc: BaseException) -> None:
        if not isinstance(exc, FpaError):
            raise exc
        self.show_message(exc.message, error=True)
