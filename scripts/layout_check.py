"""Finds text a user could not read on a shown window: cut labels and buttons, windows bigger than the screen.

Used by ``scripts/screenshots.py --check`` (and through it by tests/ui/test_small_screen.py) on
every page and dialog it renders, at the screen size and scale asked for. What counts as a
problem:

- the window's minimum size (its layout's) is larger than the screen's available area, so part of
  it can never be seen;
- a visible button whose width is below its size hint (its text, mnemonic and margins), or whose
  rectangle is cut by a parent outside a scroll area;
- a visible label whose text is wider than the label (one line) or taller than it (word wrap);
- a line edit whose hint text (placeholder) does not fit.

Text inside item views (cells elide with "…" and show a tooltip) and inside scroll areas (the user
scrolls) is not a problem.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QLabel,
    QLineEdit,
    QTabBar,
    QWidget,
)

SLACK = 2  # pixels of rounding a font metric may be off by


def _describe(widget: QWidget, text: str) -> str:
    return f"{type(widget).__name__} {text!r}"


def _plain(label: QLabel) -> str:
    text = label.text()
    if label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    ):
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&") if label.buddy() else text


def _inside_view(widget: QWidget) -> bool:
    """In a scroll area's viewport or an item view (an editor, an index widget): scrolls or elides."""
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        if isinstance(parent, QAbstractScrollArea | QAbstractItemView | QTabBar):
            return True
        parent = parent.parentWidget()
    return False


def _cut_by_parents(widget: QWidget) -> bool:
    """Part of the widget lies outside a parent (up to its window) that is not a scroll area."""
    rect = QRect(widget.mapTo(widget.window(), widget.rect().topLeft()), widget.size())
    parent = widget.parentWidget()
    while parent is not None:
        visible = QRect(parent.mapTo(widget.window(), parent.rect().topLeft()), parent.size())
        if not visible.contains(rect):
            return True
        if parent.isWindow():
            break
        parent = parent.parentWidget()
    return False


def label_problem(label: QLabel) -> str | None:
    text = _plain(label).strip()
    if not text or (label.pixmap() is not None and not label.pixmap().isNull()):
        return None
    room = label.contentsRect()
    margin = 2 * label.margin()
    if label.wordWrap():
        need = label.heightForWidth(label.width())
        if need > label.height() + SLACK:
            return f"{_describe(label, text)}: needs {need} px of height, has {label.height()}"
        return None
    least = label.minimumSizeHint()
    if least.height() > label.height() + SLACK:
        return f"{_describe(label, text)}: needs {least.height()} px of height, has {label.height()}"
    if label.textFormat() == Qt.TextFormat.RichText or GuiQt.mightBeRichText(label.text()):
        width = least.width()
    else:
        width = max(label.fontMetrics().horizontalAdvance(line) for line in text.splitlines())
    if width > room.width() - margin + SLACK:
        return f"{_describe(label, text)}: needs {width} px, has {room.width() - margin}"
    return None


def button_problem(button: QAbstractButton) -> str | None:
    text = button.text()
    if not text:
        return None
    need = button.sizeHint().width()
    if button.width() + SLACK < need:
        return f"{_describe(button, text)}: needs {need} px, has {button.width()}"
    return None


def line_edit_problem(edit: QLineEdit) -> str | None:
    hint = edit.placeholderText()
    if not hint.strip() or edit.text():
        return None
    room = edit.width() - 12  # the frame and the text margins of the style
    need = edit.fontMetrics().horizontalAdvance(hint)
    if need > room + SLACK:
        return f"{_describe(edit, hint)} (hint): needs {need} px, has {room}"
    return None


def problems(window: QWidget) -> list[str]:
    """Everything unreadable on a shown window, one line each; empty when all is well."""
    found: list[str] = []
    screen = window.screen() or QGuiApplication.primaryScreen()
    room = screen.availableGeometry()
    least = window.minimumSizeHint().expandedTo(window.minimumSize())
    if least.width() > room.width() or least.height() > room.height():
        found.append(
            f"{type(window).__name__} needs at least {least.width()}×{least.height()}, "
            f"the screen has {room.width()}×{room.height()}"
        )
    if least.width() > window.width() or least.height() > window.height():
        found.append(
            f"{type(window).__name__} is shown at {window.width()}×{window.height()}, "
            f"smaller than the {least.width()}×{least.height()} its contents need"
        )
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.width() <= 0 or _inside_view(widget):
            continue
        problem = None
        if isinstance(widget, QLabel):
            problem = label_problem(widget)
        elif isinstance(widget, QAbstractButton):
            problem = button_problem(widget)
        elif isinstance(widget, QLineEdit):
            problem = line_edit_problem(widget)
        if problem is None and isinstance(widget, QLabel | QAbstractButton) and _cut_by_parents(widget):
            text = _plain(widget) if isinstance(widget, QLabel) else widget.text()
            problem = f"{_describe(widget, text)}: cut by its parent"
        if problem is not None:
            found.append(problem)
    return found
