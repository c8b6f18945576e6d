"""文件 → 打开省级数据库: the address of a province database on a PostgreSQL server.

Host, port, database and the server user are remembered in the window settings for next time;
the password is asked every time, kept only in memory (in the URL handed to the shell) and never
written anywhere. The shell then asks for the program account (the sign-in dialog) when the
province holds accounts.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.server_address import DEFAULT_PORT, ServerAddress, address_problems
from ui.shell.settings import window_settings

SETTING = "province/server"  # host|port|database|user, never the password


def _remembered() -> ServerAddress | None:
    value = window_settings().value(SETTING, "")
    parts = value.split("|") if isinstance(value, str) else []
    if len(parts) != 4 or not parts[1].isdigit():
        return None
    return ServerAddress(parts[0], int(parts[1]), parts[2], parts[3])


def remember(address: ServerAddress) -> None:
    settings = window_settings()
    settings.setValue(SETTING, f"{address.host}|{address.port}|{address.database}|{address.user}")
    settings.sync()


class OpenProvinceDialog(QDialog):
    """On 打开, ``url`` holds the server URL with the password (in memory only)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.url: str | None = None
        self.address: ServerAddress | None = None
        self.setWindowTitle(self.tr("Open province database"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "The province database is on a PostgreSQL server. Enter its address and the server "
                "user the program connects as; the password is not saved."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.host = QLineEdit()
        self.host.setPlaceholderText("127.0.0.1")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.database = QLineEdit()
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Ser&ver:"), self.host)
        form.addRow(self.tr("P&ort:"), self.port)
        form.addRow(self.tr("&Database:"), self.database)
        form.addRow(self.tr("Server &user:"), self.user)
        form.addRow(self.tr("Pass&word:"), self.password)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.open_button = buttons.addButton(self.tr("&Open"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        known = _remembered()
        if known is not None:
            self.host.setText(known.host)
            self.port.setValue(known.port)
            self.database.setText(known.database)
            self.user.setText(known.user)
            self.password.setFocus()
        else:
            self.host.setFocus()
        self.setMinimumWidth(440)

    def submit(self) -> None:
        fields = (self.host.text(), str(self.port.value()), self.database.text(), self.user.text())
        problems = address_problems(*fields)
        if problems:
            self.message.setText("".join(problems))
            return
        self.address = ServerAddress(
            fields[0].strip(), self.port.value(), fields[2].strip(), fields[3].strip()
        )
        self.url = self.address.url(self.password.text() or None)
        self.password.clear()
        remember(self.address)
        self.accept()
