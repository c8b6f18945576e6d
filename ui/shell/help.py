"""Help in the program: F1 on a page or a form opens its help, 帮助 → 快速入门 the one-page quick start.

The text is ``app.services.shared.help`` (resources/help/*.md, in Chinese); the window shows it
as Qt reads Markdown, prints it, or saves it as a PDF made from the same text. One help window
per main window or form is kept and turned to the topic asked for, so F1 twice does not stack
windows. A link ``help:topic`` in a text turns the window to that topic.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMenu,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import FpaError
from app.services.shared import help as help_texts
from app.services.shared import paper
from ui.shell import file_dialogs

QUICK_START = help_texts.QUICK_START


def _tr(text: str) -> str:
    return QCoreApplication.translate("HelpWindow", text)


class HelpWindow(QDialog):
    """One topic's help: the text, 快速入门, 打印…, 另存为 PDF…, 关闭. Not modal: read it while working."""

    def __init__(self, topic: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpWindow")
        self.topic = ""
        self.browser = QTextBrowser()
        self.browser.setObjectName("helpText")
        self.browser.setOpenLinks(False)
        self.browser.document().setDocumentMargin(10)
        self.browser.anchorClicked.connect(self._follow)
        self.quick_button = QPushButton(self.tr("&Quick start"))
        self.print_button = QPushButton(self.tr("&Print…"))
        self.pdf_button = QPushButton(self.tr("Save as P&DF…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.quick_button, self.print_button, self.pdf_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.quick_button.clicked.connect(lambda: self.show_topic(QUICK_START))
        self.print_button.clicked.connect(lambda: self.print_text())
        self.pdf_button.clicked.connect(lambda: self.choose_pdf())
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self._fit()
        self.show_topic(topic)

    def _fit(self) -> None:
        """Beside the work, not over all of it; smaller on a small screen (1366×768 at 150 %)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        width, height = 680, 620
        if screen is not None:
            room = screen.availableGeometry()
            width, height = min(width, room.width() - 24), min(height, room.height() - 48)
        self.resize(width, height)

    def show_topic(self, topic: str) -> None:
        self.topic = topic
        self.text = help_texts.help_text(topic)
        self.browser.setMarkdown(self.text)
        self.title = help_texts.help_title(self.text)
        self.setWindowTitle(self.tr("Help: %1").replace("%1", self.title))
        self.quick_button.setVisible(topic != QUICK_START)

    def _follow(self, url: QUrl) -> None:
        if url.scheme() == "help":
            self.show_topic(url.path())

    # --- paper ------------------------------------------------------------------------------------------

    def print_text(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.title)
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            paper.render_text(printer, self.text)

    def choose_pdf(self) -> None:
        path = file_dialogs.save_file(
            self, self.tr("Save as PDF"), f"{self.title}.pdf", self.tr("PDF files (*.pdf)")
        )
        if path is not None:
            self.save_pdf(path)

    def save_pdf(self, path: Path) -> Path | None:
        """The topic as a PDF (the same text as shown); a refusal is said in Chinese, nothing written."""
        try:
            return help_texts.help_pdf(self.topic, path)
        except FpaError as exc:
            QMessageBox.warning(self, self.tr("Save as PDF"), exc.message)
            return None


def show_help(owner: QWidget, topic: str) -> HelpWindow:
    """The help window of ``owner`` (a main window or a form), made once, turned to ``topic``."""
    window = next((w for w in owner.findChildren(HelpWindow) if w.parent() is owner), None)
    if window is None:
        window = HelpWindow(topic, owner)
        window.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
    else:
        window.show_topic(topic)
    window.show()
    window.raise_()
    window.activateWindow()
    return window


def add_help_actions(owner: QWidget, menu: QMenu, current_topic: Callable[[], str]) -> None:
    """帮助 menu: 本页帮助 (F1, the page shown now) and 快速入门."""
    page_help = menu.addAction(_tr("Help for this &page"), lambda: show_help(owner, current_topic()))
    page_help.setShortcut(QKeySequence.StandardKey.HelpContents)  # F1
    menu.addAction(_tr("&Quick start"), lambda: show_help(owner, QUICK_START))
    menu.addSeparator()


def add_help_key(form: QWidget, topic: str) -> QShortcut:
    """F1 in a form (a dialog has its own keys: the main window's F1 does not reach it)."""
    shortcut = QShortcut(QKeySequence.StandardKey.HelpContents, form)
    shortcut.activated.connect(lambda: show_help(form, topic))
    return shortcut
