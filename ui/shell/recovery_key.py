"""The welcome wizard's last page: the recovery key, shown once, with a Print button.

The key is the only way back into the encrypted database when the administrator forgets the
password. It is not stored anywhere in clear, so the page can be left only after the user has
ticked that it was written down or printed.
"""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)


def recovery_document(recovery_key: str, username: str, database: str, when: datetime) -> QTextDocument:
    """The printed sheet: what the key is for, the key in large type, where it belongs."""
    doc = QTextDocument()
    # The sheet is in Chinese whatever the screen language: it is kept on paper in a Chinese office.
    groups = html.escape(recovery_key).split("-")
    half = len(groups) // 2
    cells = "".join(
        "<tr>" + "".join(f"<td style='padding: 4px 12px;'>{g}</td>" for g in row) + "</tr>"
        for row in (groups[:half], groups[half:])
    )
    doc.setHtml(
        f"""
        <h2>计生协离线数据采集 · 数据库恢复密钥</h2>
        <p>数据库文件：{html.escape(database)}<br>
        系统管理员：{html.escape(username)}<br>
        生成时间：{when:%Y-%m-%d %H:%M}</p>
        <table style="font-family: monospace; font-size: 20pt; font-weight: bold;">{cells}</table>
        <p>忘记系统管理员密码时，在登录界面点“忘记密码”，输入这 8 组字符即可重设密码。
        本机没有保存这把密钥的明文，丢失后无法补发。</p>
        <p>请把这张纸锁在办公室，不要与电脑放在一起：拿到它和数据库文件的人可以读出全部数据。</p>
        """
    )
    return doc


class RecoveryKeyPage(QWizardPage):
    """Shows ``recovery_key`` (set by the wizard once the set-up is done) until it is confirmed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recovery_key = ""
        self.username = ""
        self.database = ""
        self.setTitle(self.tr("Your recovery key"))
        self.setSubTitle(self.tr("It is shown only now: write it down or print it."))
        layout = QVBoxLayout(self)
        about = QLabel(
            self.tr(
                "The database on this computer is encrypted. If the administrator password is "
                "forgotten, only this key opens it again. Keep it locked away from this computer: "
                "whoever has both can read every record."
            )
        )
        about.setWordWrap(True)
        layout.addWidget(about)
        self.key_label = QLabel()
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(18)
        font.setWeight(QFont.Weight.Bold)
        self.key_label.setFont(font)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setWordWrap(True)
        layout.addWidget(self.key_label)
        row = QHBoxLayout()
        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.clicked.connect(self._print)
        row.addStretch(1)
        row.addWidget(self.print_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.confirmed = QCheckBox(self.tr("I have &written down or printed the recovery key"))
        self.confirmed.toggled.connect(self.completeChanged)
        layout.addWidget(self.confirmed)
        layout.addStretch(1)

    def show_key(self, recovery_key: str, username: str, database: str) -> None:
        self.recovery_key, self.username, self.database = recovery_key, username, database
        groups = recovery_key.split("-")
        half = len(groups) // 2
        self.key_label.setText("  ".join(groups[:half]) + "\n" + "  ".join(groups[half:]))

    def isComplete(self) -> bool:
        return bool(self.recovery_key) and self.confirmed.isChecked()

    def print_to(self, printer: QPrinter) -> None:
        recovery_document(self.recovery_key, self.username, self.database, datetime.now()).print_(printer)

    def _print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print the recovery key"))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)
