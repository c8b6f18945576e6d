"""Auto-lock: after some idle minutes the main window hides its content until the user's password is typed.

The database stays open (a long job keeps running); what is locked is the screen. While locked,
the window's menus and shortcuts are disabled, other windows of the program (open forms) are
hidden, and the lock screen covers everything but the user's name. The password is checked by
``app.services.system.accounts.confirm_password``, which counts failures like a sign-in (delay, lockout)
and writes ``unlock`` to the audit log.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import FpaError
from app.services.shared.workspace import Workspace
from app.services.system import accounts

DEFAULT_IDLE_MINUTES = 10
SETTING = "security/idle_lock_minutes"  # in the window settings; 0 turns the lock off
_INPUT = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class LockScreen(QFrame):
    """The cover over the locked window: who is signed in, the password, Unlock."""

    unlocked = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("lockScreen")
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        box = QWidget()
        box.setFixedWidth(440)
        layout = QVBoxLayout(box)
        user = workspace.user
        name = f"{user.display_name}（{user.username}）" if user else ""
        title = QLabel(self.tr("Locked"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title, alignment=Qt.AlignmentFlag.AlignHCenter)
        text = self.tr("The screen was locked after a while without use. %1, type your password to go on.")
        self.who = QLabel(text.replace("%1", name))
        self.who.setWordWrap(True)
        layout.addWidget(self.who)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Password"))
        self.password.returnPressed.connect(self.try_unlock)
        layout.addWidget(self.password)
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.clicked.connect(self.try_unlock)
        layout.addWidget(self.unlock_button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        layout.addWidget(self.message)
        outer.addWidget(box, alignment=Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(3)

    def try_unlock(self) -> None:
        password = self.password.text()
        self.password.clear()
        if not password:
            return
        try:
            accounts.confirm_password(self.workspace, password)
        except FpaError as exc:
            self.message.setText(exc.message)
            return
        self.message.clear()
        self.unlocked.emit()


class IdleLock(QObject):
    """Watches the program's input; locks ``window`` after ``idle_ms`` without any."""

    locked_changed = Signal(bool)

    def __init__(self, window: QMainWindow, workspace: Workspace, idle_ms: int) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = workspace
        self.locked = False
        self.screen: LockScreen | None = None
        self._hidden: list[QWidget] = []
        self._disabled: list[QObject] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(idle_ms)
        self.timer.timeout.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not self.locked and kind in _INPUT:
            self.timer.start()  # any input restarts the count
        elif self.locked and kind == QEvent.Type.Resize and watched is self.window:
            self.keep_covered()
        return False

    def lock(self) -> None:
        if self.locked:
            return
        if QApplication.activeModalWidget() is not None:
            self.timer.start()  # a question is waiting for an answer: lock after it
            return
        self.locked = True
        self._hidden = [w for w in QApplication.topLevelWidgets() if w is not self.window and w.isVisible()]
        for widget in self._hidden:
            widget.hide()
        self._disabled = []
        parts: list[QObject] = [self.window.menuBar()]
        central = self.window.centralWidget()
        if central is not None:
            parts.append(central)
        parts.extend(a for a in self.window.findChildren(QAction) if a.isEnabled())
        for part in parts:
            if isinstance(part, QWidget | QAction) and part.isEnabled():
                part.setEnabled(False)
                self._disabled.append(part)
        self.screen = LockScreen(self.workspace, self.window)
        self.screen.unlocked.connect(self.unlock)
        self.screen.setGeometry(self.window.rect())
        self.screen.show()
        self.screen.raise_()
        self.screen.password.setFocus()
        self.locked_changed.emit(True)

    def unlock(self) -> None:
        if not self.locked:
            return
        self.locked = False
        for part in self._disabled:
            if isinstance(part, QWidget | QAction):
                part.setEnabled(True)
        self._disabled = []
        for widget in self._hidden:
            widget.show()
        self._hidden = []
        if self.screen is not None:
            self.screen.hide()
            self.screen.deleteLater()
            self.screen = None
        self.timer.start()
        self.locked_changed.emit(False)

    def keep_covered(self) -> None:
        if self.screen is not None:
            self.screen.setGeometry(self.window.rect())
