"""系统管理 → user accounts through the widgets: add a clerk (checked as typed), reset a password,
deactivate; a clerk's system page offers none of it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.domain.enums import UserRole
from app.domain.records.accounts import SignedInUser
from app.services.shared import audit as audit_service
from app.services.shared.workspace import Workspace
from app.services.system import accounts
from ui.shell.page import PageContext
from ui.shell.tasks import SyncTaskRunner
from ui.system.page import SystemPage
from ui.system.users import AddUserDialog, ResetPasswordDialog, UsersPanel

COUNTY = "430121000000"
TOWNSHIP = "430121001000"  # 星沙街道
PASSWORD = "Secret-2026"


def make_page(qtbot: QtBot, ws: Workspace) -> SystemPage:
    page = SystemPage(PageContext(ws, SyncTaskRunner()))
    qtbot.addWidget(page)
    page.resize(1366, 900)
    page.show()
    page.refresh()
    return page


@pytest.fixture
def admin_ws(workspace: Workspace) -> Workspace:
    accounts.create_first_admin(workspace, "admin", "管理员", PASSWORD)
    workspace.user = SignedInUser("admin", "管理员", UserRole.SYSTEM_ADMIN, COUNTY)
    return workspace


def table_text(panel: UsersPanel) -> list[list[str]]:
    t = panel.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def test_an_administrator_adds_a_clerk_resets_its_password_and_deactivates_it(
    qtbot: QtBot, admin_ws: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    page = make_page(qtbot, admin_ws)
    panel = page.users
    assert [row[0] for row in table_text(panel)] == ["admin"]

    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialogs[-1]
    assert isinstance(dialog, AddUserDialog) and dialog.isVisible()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled() and dialog.message.text() == ""  # nothing typed, nothing scolded yet
    qtbot.keyClicks(dialog.username, "zhangsan")
    assert "姓名" in dialog.message.text() and not ok.isEnabled()
    dialog.display_name.setText("张三")  # QTest types ASCII only
    assert dialog.chosen_role() is UserRole.TOWNSHIP_CLERK  # the usual account is offered first
    assert dialog.division.findData(COUNTY) < 0 <= dialog.division.findData(TOWNSHIP)  # townships only
    dialog.role.setCurrentIndex(dialog.role.findData(UserRole.COUNTY_ADMIN.value))
    assert dialog.division.findData(TOWNSHIP) < 0 <= dialog.division.findData(COUNTY)
    dialog.role.setCurrentIndex(dialog.role.findData(UserRole.TOWNSHIP_CLERK.value))
    qtbot.keyClicks(dialog.password, "Zs-pass-2026")
    qtbot.keyClicks(dialog.repeated, "Zs-pass-202")
    assert "不一致" in dialog.message.text() and not ok.isEnabled()
    qtbot.keyClicks(dialog.repeated, "6")
    dialog.division.setCurrentIndex(dialog.division.findData(TOWNSHIP))
    assert dialog.message.text() == "" and ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    rows = {row[0]: row for row in table_text(panel)}
    assert rows["zhangsan"][1:] == ["张三", "乡镇录入员", "星沙街道", "active"]
    assert accounts.check_password(admin_ws, "zhangsan", "Zs-pass-2026")
    assert panel.current_user() is not None and panel.current_user().username == "zhangsan"  # type: ignore[union-attr]

    qtbot.mouseClick(panel.reset_button, Qt.MouseButton.LeftButton)
    reset = panel.dialogs[-1]
    assert isinstance(reset, ResetPasswordDialog)
    qtbot.keyClicks(reset.password, "New-pass-2026")
    qtbot.keyClicks(reset.repeated, "New-pass-2027")
    qtbot.keyClick(reset.repeated, Qt.Key.Key_Return)
    assert reset.isVisible() and "不一致" in reset.message.text()  # stays open to be corrected
    reset.repeated.setText("New-pass-2026")
    qtbot.keyClick(reset.repeated, Qt.Key.Key_Return)
    assert not reset.isVisible()
    assert accounts.check_password(admin_ws, "zhangsan", "New-pass-2026")

    asked: list[str] = []
    monkeypatch.setattr(
        UsersPanel, "confirm_deactivate", lambda self, row: asked.append(row.username) or True
    )
    qtbot.mouseClick(panel.deactivate_button, Qt.MouseButton.LeftButton)
    assert asked == ["zhangsan"]
    assert {row[0]: row for row in table_text(panel)}["zhangsan"][4] == "deactivated"
    assert not panel.deactivate_button.isEnabled()  # the selected account is no longer active
    assert panel.reset_button.isEnabled()  # … but can be reactivated with a new password
    assert not accounts.check_password(admin_ws, "zhangsan", "New-pass-2026")
    actions = [e.detail["action"] for e in audit_service.list_entries(admin_ws, 3) if e.detail]
    assert actions == ["deactivate_user", "reset_password", "add_user"]
    page.grab().save(str(tmp_path) + "/system_users.png")


def test_a_clerk_is_told_that_administrators_manage_accounts(qtbot: QtBot, workspace: Workspace) -> None:
    workspace.user = SignedInUser("luru", "录入员", UserRole.TOWNSHIP_CLERK, TOWNSHIP)
    panel = make_page(qtbot, workspace).users
    assert "administrators" in panel.note.text()
    assert not panel.table.isVisible()
    assert not any(b.isEnabled() for b in (panel.add_button, panel.deactivate_button, panel.reset_button))
