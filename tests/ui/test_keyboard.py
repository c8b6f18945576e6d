"""Every action from the keyboard: Alt letters or shortcuts on every button, Tab reaching them, keys that work.

The audit walks the main window's pages (every tab of them) and the forms the pages offer, over
the demo county: each visible button has an Alt letter (a mnemonic) or a shortcut of its own, or
is a dialog's standard OK/Cancel (Enter and Esc); no two visible controls of a window share a
letter. Then Tab is pressed through each page from the navigation and must reach every button,
search box and list on it, and the keys the About box promises are tried on the families page.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QMenu,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.services.shared.workspace import Workspace
from ui.families.family_form import FamilyForm
from ui.families.page import FamiliesPage
from ui.home.page import Card
from ui.shell.main_window import NAVIGATION, MainWindow
from ui.shell.tasks import SyncTaskRunner
from ui.widgets.draft_dialog import DraftDialog
from ui.widgets.list_parts import RecordTable
from ui.widgets.value_fields import DateField


@pytest.fixture(autouse=True)
def no_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(DraftDialog, "ask_restore", lambda self, info: False)
    monkeypatch.setattr(DraftDialog, "ask_close", lambda self: "discard")


@pytest.fixture
def window(qtbot: QtBot, demo_workspace: Workspace) -> MainWindow:
    win = MainWindow(demo_workspace, SyncTaskRunner())
    qtbot.addWidget(win)
    win.resize(1366, 768)
    with qtbot.waitActive(win):
        win.show()
        win.activateWindow()
    return win


def mnemonic(text: str) -> str | None:
    plain = text.replace("&&", "")
    at = plain.find("&")
    return plain[at + 1].upper() if 0 <= at < len(plain) - 1 else None


def keyless_buttons(top: QWidget) -> list[str]:
    """Visible buttons the keyboard cannot press by a letter or a shortcut."""
    found = []
    for button in top.findChildren(QAbstractButton):
        if not button.isVisible() or not button.text() or isinstance(button, Card):
            continue
        if mnemonic(button.text()) or not button.shortcut().isEmpty():
            continue
        if isinstance(button.parentWidget(), DateField):
            continue  # the calendar: Alt+Down or F4 in the date field
        box = button.parentWidget()
        if isinstance(box, QDialogButtonBox) and box.buttonRole(button) in (
            QDialogButtonBox.ButtonRole.AcceptRole,
            QDialogButtonBox.ButtonRole.RejectRole,
        ):
            continue  # Enter and Esc
        found.append(button.text())
    return found


def shared_letters(top: QWidget) -> dict[str, list[str]]:
    texts: dict[str, list[str]] = {}
    for widget in top.findChildren(QWidget):
        text = getattr(widget, "text", None)
        if not widget.isVisible() or not callable(text):
            continue
        value = text()
        letter = mnemonic(value) if isinstance(value, str) else None
        if letter:
            texts.setdefault(letter, []).append(value)
    return {k: v for k, v in texts.items() if len(v) > 1}


def used_letters(top: QWidget) -> str:
    """The mnemonic letters taken on a screen (said when one is shared: which are free)."""
    found = set()
    for widget in top.findChildren(QWidget):
        text = getattr(widget, "text", None)
        if widget.isVisible() and callable(text) and isinstance(text(), str) and mnemonic(text()):
            found.add(mnemonic(text()))
    return "".join(sorted(found))


def check_every_tab(top: QWidget, where: str) -> None:
    """The same checks with each tab of each tab widget brought forward in turn."""
    for tabs in top.findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            QApplication.processEvents()
            state = f"{where} [{tabs.tabText(index)}]"
            assert not keyless_buttons(top), (state, keyless_buttons(top))
            assert not shared_letters(top), (state, shared_letters(top), used_letters(top))
        tabs.setCurrentIndex(0)


def test_every_button_has_a_key_and_no_letter_is_shared(window: MainWindow) -> None:
    for key, _label, _target in NAVIGATION:
        page = window.show_page(key)
        assert not keyless_buttons(window), (key, keyless_buttons(window))
        assert not shared_letters(window), (key, shared_letters(window))
        check_every_tab(window, key)
        for method in getattr(type(page), "screenshot_dialogs", ()):
            dialog = getattr(page, method)()
            if not isinstance(dialog, QWidget):
                continue
            dialog.show()
            assert not keyless_buttons(dialog), (method, keyless_buttons(dialog))
            assert not shared_letters(dialog), (method, shared_letters(dialog))
            check_every_tab(dialog, method)
            dialog.close()


def tab_through(qtbot: QtBot, start: QWidget, presses: int = 80) -> list[QWidget]:
    start.setFocus()
    reached: list[QWidget] = []
    for _ in range(presses):
        focus = QApplication.focusWidget()
        assert focus is not None
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if now is not None and now not in reached:
            reached.append(now)
    return reached


def controls(top: QWidget) -> list[QWidget]:
    """What the keyboard must reach on a window: buttons, text fields, choices, lists."""
    return [
        w
        for w in top.findChildren(QWidget)
        if w.isVisible()
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
        and not isinstance(w.parentWidget(), QAbstractButton)
        and (isinstance(w, QAbstractButton | QLineEdit | QComboBox) or w.inherits("QAbstractItemView"))
    ]


def names(widgets: list[QWidget]) -> list[str]:
    return [f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}" for w in widgets]


@pytest.mark.parametrize("key", [key for key, _label, _target in NAVIGATION])
def test_tab_reaches_every_control_of_a_page(qtbot: QtBot, window: MainWindow, key: str) -> None:
    page = window.show_page(key)
    if isinstance(page, FamiliesPage):  # a family chosen: edit, visit and delete take focus too
        page.list.view.setCurrentIndex(page.list.model.index(0, 0))
    wanted = controls(page)
    reached = tab_through(qtbot, window.nav)
    missing = [w for w in wanted if w not in reached]
    assert not missing, f"{key}: Tab never reaches {names(missing)}"
    assert window.nav in reached  # and comes back round to the modules


def offered_dialogs() -> list[tuple[str, str]]:
    from ui.shell.main_window import load_page_class

    found = []
    for key, _label, target in NAVIGATION:
        cls = load_page_class(target)
        found += [(key, method) for method in getattr(cls, "screenshot_dialogs", ())]
    return found


@pytest.mark.parametrize(("key", "method"), offered_dialogs())
def test_tab_reaches_every_field_of_a_form(qtbot: QtBot, window: MainWindow, key: str, method: str) -> None:
    dialog = getattr(window.show_page(key), method)()
    if not isinstance(dialog, QWidget):
        pytest.skip("nothing to open in the demo")
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    tabs = dialog.findChildren(QTabWidget)
    for index in range(tabs[0].count() if tabs else 1):  # each tab of a tabbed form in turn
        if tabs:
            tabs[0].setCurrentIndex(index)
        wanted = controls(dialog)
        reached = tab_through(qtbot, dialog, presses=len(wanted) * 2 + 10)
        missing = [w for w in wanted if w not in reached]
        assert not missing, f"{method} tab {index}: Tab never reaches {names(missing)}"
    dialog.close()


def test_the_promised_keys_work_on_the_families_page(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = window.show_page("families")
    assert isinstance(page, FamiliesPage)
    qtbot.waitUntil(page.list.is_complete)
    listing = page.list
    # Ctrl+F to the search, Down into the list, Alt+G to the coverage filter.
    qtbot.keyClick(window.nav, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert listing.search.hasFocus()
    qtbot.keyClick(listing.search, Qt.Key.Key_Down)
    assert listing.view.hasFocus()
    qtbot.keyClick(listing.view, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    assert listing.filter_boxes["missing"].hasFocus()
    # Shift+F10 in the list opens the column chooser.
    listing.view.setFocus()
    menus: list[QMenu] = []
    monkeypatch.setattr(QMenu, "popup", lambda self, pos, at=None: menus.append(self))
    qtbot.keyClick(listing.view, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    assert (
        isinstance(listing.view, RecordTable)
        and menus
        and len(menus[0].actions()) == len(listing.model.columns)
    )
    # F5 reads the list again.
    with qtbot.waitSignal(listing.loaded, timeout=3000):
        qtbot.keyClick(listing.view, Qt.Key.Key_F5)
    # Alt+N opens a new family form; in it, Alt+Down opens a date field's calendar.
    opened: list[DateField] = []
    monkeypatch.setattr(DateField, "_pick", lambda self: opened.append(self))
    qtbot.keyClick(listing.view, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(page.open_forms()))  # a mnemonic clicks after a short flash
    form = page.open_forms()[-1]
    assert isinstance(form, FamilyForm) and form.isVisible()
    field = form.general.registered_on
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form, timeout=2000)
    field.edit.setFocus()
    qtbot.keyClick(field.edit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert opened == [field]
    form.close()
