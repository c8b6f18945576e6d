"""A new user's first day in the shell: 切换用户 / 注销 without restarting, the home page naming the
user's own level, 用户账户 counting a new account at once, 继续填写 that does not ask again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.domain.enums import UserRole
from app.domain.records.accounts import SignedInUser
from app.services.shared import drafts
from app.services.shared.workspace import Workspace
from app.services.system import accounts, users
from tests.conftest import ADMIN
from ui.families.family_form import FamilyForm
from ui.families.page import FamiliesPage
from ui.home.page import HomePage
from ui.main import Shell
from ui.shell.i18n import install_translators
from ui.shell.main_window import MainWindow
from ui.shell.page import PageContext
from ui.shell.tasks import SyncTaskRunner
from ui.system.page import SystemPage
from ui.system.users import AddUserDialog
from ui.widgets.draft_dialog import DraftDialog

COUNTY = "430121000000"
TOWNSHIP = "430121001000"  # 星沙街道
CLERK = ("zhangsan", "张三", "Zs-pass-2026")


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    translators = install_translators(qapp)
    yield
    for t in translators:
        qapp.removeTranslator(t)


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Which questions the forms put (none may block offscreen)."""
    questions: list[str] = []
    monkeypatch.setattr(DraftDialog, "ask_restore", lambda self, info: questions.append("restore") or True)
    monkeypatch.setattr(DraftDialog, "ask_close", lambda self: "keep")
    return questions


def home_of(qtbot: QtBot, ws: Workspace) -> HomePage:
    page = HomePage(PageContext(ws, SyncTaskRunner()))
    qtbot.addWidget(page)
    page.refresh()
    return page


def test_the_heading_names_the_signed_in_users_own_level(qtbot: QtBot, workspace: Workspace) -> None:
    workspace.user = SignedInUser("luru", "录入员", UserRole.TOWNSHIP_CLERK, TOWNSHIP)
    assert home_of(qtbot, workspace).heading.text() == "星沙街道 · 乡镇"  # was "星沙街道 · 县级"
    workspace.user = SignedInUser("admin", "管理员", UserRole.COUNTY_ADMIN, COUNTY)
    assert home_of(qtbot, workspace).heading.text() == "长沙县 · 县级"


def test_the_account_count_follows_a_new_account(qtbot: QtBot, workspace: Workspace) -> None:
    accounts.create_first_admin(workspace, "admin", "管理员", "Secret-2026")
    workspace.user = SignedInUser("admin", "管理员", UserRole.SYSTEM_ADMIN, COUNTY)
    page = SystemPage(PageContext(workspace, SyncTaskRunner()))
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert page.info["accounts"].text() == "1"
    qtbot.mouseClick(page.users.add_button, Qt.MouseButton.LeftButton)
    dialog = page.users.dialogs[-1]
    assert isinstance(dialog, AddUserDialog)
    username, name, password = CLERK
    qtbot.keyClicks(dialog.username, username)
    dialog.display_name.setText(name)
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClicks(dialog.repeated, password)
    dialog.division.setCurrentIndex(dialog.division.findData(TOWNSHIP))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert page.info["accounts"].text() == "2"  # at once, not after the next visit to the page


def _unfinished_family(qtbot: QtBot, page: FamiliesPage, name: str) -> FamilyForm:
    form = page.new_family()
    form.tabs.setCurrentWidget(form.members)
    form.members.name.edit.setText(name)  # typed, not yet written as a draft (that waits for a pause)
    return form


def test_continue_on_the_home_page_does_not_ask_to_restore_again(
    qtbot: QtBot, workspace: Workspace, asked: list[str]
) -> None:
    window = MainWindow(workspace, SyncTaskRunner())
    qtbot.addWidget(window)
    window.show()
    form = _unfinished_family(qtbot, window.page("families"), "王五")  # type: ignore[arg-type]
    form.close()  # the title-bar button keeps the draft
    home = window.show_page("home")
    assert isinstance(home, HomePage)
    home.refresh()
    assert home.draft_model.rowCount() == 1
    qtbot.mouseClick(home.draft_button, Qt.MouseButton.LeftButton)  # 继续填写
    families = window.page("families")
    assert isinstance(families, FamiliesPage)
    (again,) = families.open_forms()
    assert again is not form and again.members.name.text() == "王五"
    assert asked == []  # 继续填写 was the answer: no "是否恢复？"
    again.close()
    families.new_family()  # opened another way, the form asks as before
    assert asked == ["restore"]


@pytest.fixture
def clerk_account(encrypted_path: Path) -> Path:
    admin = accounts.sign_in(encrypted_path, ADMIN[0], ADMIN[2])
    username, name, password = CLERK
    users.add_user(admin, username, name, UserRole.TOWNSHIP_CLERK, TOWNSHIP, password)
    admin.close()
    return encrypted_path


def test_switch_user_rebuilds_the_window_for_the_new_account_and_keeps_drafts(
    qtbot: QtBot, clerk_account: Path, asked: list[str], chinese: None
) -> None:
    shell = Shell(SyncTaskRunner())
    first = shell.show(accounts.sign_in(clerk_account, ADMIN[0], ADMIN[2]))
    qtbot.addWidget(first)
    assert first.switch_user_action.text() == "切换用户(&W)…" and first.sign_out_action.text() == "注销(&U)"
    _unfinished_family(qtbot, first.page("families"), "赵六")  # type: ignore[arg-type]
    offered: list[object] = []

    def sign_in_as_clerk(path: Path, parent: object) -> Workspace:
        offered.append(parent)
        return accounts.sign_in(path, CLERK[0], CLERK[2])

    shell.ask_sign_in = sign_in_as_clerk  # type: ignore[method-assign]
    first.switch_user_action.trigger()
    second = shell.window
    assert second is not None and second is not first and offered == [first]  # asked over the old window
    qtbot.addWidget(second)
    assert not first.isVisible() and second.isVisible()
    assert shell.workspace is not None and shell.workspace.user is not None
    assert shell.workspace.user.username == "zhangsan"
    home = second.show_page("home")
    assert isinstance(home, HomePage) and home.heading.text() == "星沙街道 · 乡镇"
    assert "张三" in second.user_label.text()
    (draft,) = drafts.list_drafts(shell.workspace)  # the form left open in the old window
    assert "赵六" in draft.title
    shell.close()


def test_a_cancelled_switch_changes_nothing_and_sign_out_asks_with_no_window(
    qtbot: QtBot, clerk_account: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shell = Shell(SyncTaskRunner())
    first = shell.show(accounts.sign_in(clerk_account, ADMIN[0], ADMIN[2]))
    qtbot.addWidget(first)
    shell.ask_sign_in = lambda path, parent: None  # type: ignore[method-assign]
    first.switch_user_action.trigger()
    assert shell.window is first and first.isVisible() and shell.workspace is not None

    seen: list[bool] = []
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", lambda: quits.append(True))

    def cancelled(path: Path, parent: object) -> None:
        seen.append(first.isVisible() or parent is not None)
        return None

    shell.ask_sign_in = cancelled  # type: ignore[method-assign]
    first.sign_out_action.trigger()
    assert seen == [False]  # nothing of the last user on screen while the sign-in asks
    assert quits == [True] and shell.window is None and shell.workspace is None
    shell.close()
