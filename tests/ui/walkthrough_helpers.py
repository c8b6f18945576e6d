"""What the walkthrough needs besides the program: answering its modal dialogs as a user does,
numbered 1366×768 screenshots, and reading a printed form's QR code back from the PDF.

Screenshots go to ``FPA_WALKTHROUGH_SHOTS`` when it names a folder (``docs/walkthrough`` to renew
the README's pictures), else to the test's temporary folder: a CI run never rewrites the committed
files, and still renders every picture.
"""

from __future__ import annotations

import os
import subprocess
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox, QWidget

SCREEN = (1366, 768)
ENV_SHOTS = "FPA_WALKTHROUGH_SHOTS"
ANSWERED = "walkthroughAnswered"

Answer = Callable[[QWidget], None]


class Modals:
    """Answers the modal dialogs the program opens with ``exec()`` (questions, passphrase prompts,
    the 下发配置包 dialog), one answer per dialog, in the order given; a dialog nobody expected is
    closed and reported, so a test cannot hang on it."""

    def __init__(self) -> None:
        self.answers: deque[Answer] = deque()
        self.unexpected: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._poll)

    @contextmanager
    def answering(self, *answers: Answer) -> Iterator[None]:
        self.answers.extend(answers)
        self.unexpected.clear()
        self.timer.start()
        try:
            yield
        finally:
            self.timer.stop()
        left = len(self.answers)
        self.answers.clear()
        assert not self.unexpected, f"unexpected dialogs: {self.unexpected}"
        assert left == 0, f"{left} expected dialog(s) never opened"

    def _poll(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.property(ANSWERED):
            return
        dialog.setProperty(ANSWERED, True)
        if not self.answers:
            self.unexpected.append(f"{type(dialog).__name__}: {dialog.windowTitle()}")
            dialog.close()
            return
        self.answers.popleft()(dialog)


def type_passphrase(passphrase: str, shot: Callable[[QWidget], None] | None = None) -> Answer:
    """The answer to a passphrase prompt (QInputDialog): typed, then OK."""

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog), type(dialog)
        edit = dialog.findChild(QLineEdit)
        assert edit is not None and edit.echoMode() is QLineEdit.EchoMode.Password
        edit.setText(passphrase)
        if shot is not None:
            shot(dialog)
        dialog.accept()

    return answer


def new_passphrase(passphrase: str, shot: Callable[[QWidget], None] | None = None) -> Answer:
    """The answer to the new-keys passphrase dialog: typed twice (checked as typed), then OK."""

    def answer(dialog: QWidget) -> None:
        from ui.widgets.passphrase_dialog import NewPassphraseDialog

        assert isinstance(dialog, NewPassphraseDialog), type(dialog)
        dialog.first.setText(passphrase)
        dialog.repeat.setText(passphrase)
        if shot is not None:
            shot(dialog)
        dialog.accept()

    return answer


def press_yes(shot: Callable[[QWidget], None] | None = None, seen: list[str] | None = None) -> Answer:
    """The answer to a question (QMessageBox): read (kept in ``seen``), then 是."""

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QMessageBox), type(dialog)
        if seen is not None:
            seen.append(dialog.text())
        if shot is not None:
            shot(dialog)
        button = dialog.button(QMessageBox.StandardButton.Yes)
        assert button is not None
        button.click()

    return answer


class Shots:
    """Numbered screenshots of a 1366×768 screen: the window, and the dialog over it when there is one."""

    def __init__(self, fallback: Path) -> None:
        wanted = os.environ.get(ENV_SHOTS)
        self.folder = Path(wanted) if wanted else fallback
        self.folder.mkdir(parents=True, exist_ok=True)
        self.saved: list[Path] = []

    def take(self, name: str, window: QWidget | None, dialog: QWidget | None = None) -> Path:
        QApplication.processEvents()
        width, height = SCREEN
        screen = QPixmap(width, height)
        screen.fill(QColor("#3a4654"))  # the desktop around a window smaller than the screen
        painter = QPainter(screen)
        if window is not None:
            painter.drawPixmap(0, 0, window.grab())
        if dialog is not None:
            if window is not None:  # the window behind a modal dialog, dimmed
                painter.fillRect(QRect(0, 0, width, height), QColor(0, 0, 0, 70))
            over = dialog.grab()
            x = max(0, (width - over.width()) // 2)
            y = max(0, (height - over.height()) // 2)
            painter.setPen(QColor("#20262e"))
            painter.drawRect(x - 1, y - 1, over.width() + 1, over.height() + 1)
            painter.drawPixmap(x, y, over)
        painter.end()
        path = self.folder / f"{len(self.saved) + 1:02d}-{name}.png"
        assert few_colours(screen.toImage()).save(str(path)), path
        self.saved.append(path)
        return path

    def image(self, name: str, png: Path) -> Path:
        """A picture that is no window (a printed page), fitted into the screen."""
        width, height = SCREEN
        screen = QPixmap(width, height)
        screen.fill(QColor("#8a8f96"))
        page = QPixmap(str(png)).scaledToHeight(height - 40, Qt.TransformationMode.SmoothTransformation)
        painter = QPainter(screen)
        painter.drawPixmap((width - page.width()) // 2, 20, page)
        painter.end()
        path = self.folder / f"{len(self.saved) + 1:02d}-{name}.png"
        assert few_colours(screen.toImage()).save(str(path)), path
        self.saved.append(path)
        return path


def few_colours(image: QImage) -> QImage:
    """256 colours, as the README's other pictures (a third of the size, no visible change)."""
    from scripts.screenshots import few_colours as reduce

    reduced: QImage = reduce(image)
    return reduced


def pdf_pages(pdf: Path, folder: Path, dpi: int = 110) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(folder / "page")], check=True)
    return sorted(folder.glob("page-*.png"))


def page_text(pdf: Path, page: int) -> str:
    return subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def qr_code(png: Path) -> str:
    """What a scanner reads from the page's QR code."""
    found = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True, check=False)
    return found.stdout.strip()
