"""Restore from the system page, automatic backups on start and close, and the signed-in user in the status bar.

Real encrypted databases, real widgets (offscreen); message boxes are answered by replacing the
method that shows them, since a message box blocks forever offscreen.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.database.models import SpecialFamily
from app.domain.enums import FamilyCategory
from app.paths import backups_dir
from app.services.shared.workspace import Workspace
from app.services.system.accounts import sign_in
from app.services.system.backup import backup_database, backup_name
from ui.main import Shell
from ui.shell.auto_backup import AutoBackupSettings, load_settings, save_settings
from ui.shell.main_window import MainWindow
from ui.shell.tasks import SyncTaskRunner, Task
from ui.system.backup import RestoreDialog
from ui.system.page import SystemPage

ADMIN = ("admin", "李管理", "secret-pass-1")  # the encrypted_template fixture's administrator (conftest.py)


def _add_family(ws: Workspace, name: str) -> None:
    with ws.db.session() as s:
        s.add(SpecialFamily(division_code="430121001001", category=FamilyCategory.BEREAVED, head_name=name))


def _families(ws: Workspace) -> list[str]:
    with ws.db.read() as s:
        return sorted(s.scalars(select(SpecialFamily.head_name)).all())


def _check(qtbot: QtBot, dialog: RestoreDialog, password: str) -> None:
    dialog.password.setText(password)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    messages: list[tuple[str, bool]] = []
    monkeypatch.setattr(
        Shell, "tell", lambda self, parent, title, text, warning: messages.append((text, warning))
    )
    return messages


def test_a_backup_is_restored_from_the_system_page_and_the_program_reopens_it(
    qtbot: QtBot,
    encrypted_path: Path,
    db_path: Path,
    told: list[tuple[str, bool]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[RestoreDialog] = []
    monkeypatch.setattr(RestoreDialog, "confirm", lambda self, contents: asked.append(self) or True)
    ws = sign_in(encrypted_path, "admin", ADMIN[2])
    _add_family(ws, "甲")
    shell = Shell(SyncTaskRunner())
    window = shell.show(ws)
    qtbot.addWidget(window)
    page = window.show_page("system")
    assert isinstance(page, SystemPage)
    qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)  # the backup to go back to
    _add_family(ws, "乙")  # entered after the backup: a restore takes it away
    # a plain backup beside it, from another (unencrypted) installation
    shutil.copy2(db_path, backups_dir() / backup_name("county", datetime(2020, 1, 1)))

    dialog = page.backup_settings.open_restore_dialog()
    assert dialog.isVisible() and dialog.table.rowCount() == 2  # newest first
    assert dialog.username.text() == "admin"
    assert dialog.table.item(0, 4).text() in ("yes", "是") and dialog.table.item(1, 4).text() in ("no", "否")

    _check(qtbot, dialog, "wrong-pass-9")
    assert "用户名或密码不正确" in dialog.message.text() and not dialog.restore_button.isEnabled()
    dialog.table.selectRow(1)
    _check(qtbot, dialog, ADMIN[2])
    assert "而备份未加密" in dialog.message.text() and not dialog.restore_button.isEnabled()
    assert _families(ws) == ["乙", "甲"]  # refused: nothing replaced

    dialog.table.selectRow(0)
    _check(qtbot, dialog, ADMIN[2])
    shown = dialog.contents_label.text()
    assert "长沙县" in shown and "特殊家庭 1" in shown and dialog.restore_button.isEnabled()
    dialog.password.setText("changed")  # what was checked is what is restored
    dialog.password.textEdited.emit("changed")
    assert not dialog.restore_button.isEnabled()
    _check(qtbot, dialog, ADMIN[2])
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    assert asked == [dialog]
    reopened = shell.window
    assert reopened is not None and reopened is not window and reopened.isVisible()
    qtbot.addWidget(reopened)
    assert not window.isVisible()
    assert shell.workspace is not None and shell.workspace is not ws
    assert _families(shell.workspace) == ["甲"]  # the change after the backup is gone
    assert shell.workspace.user is not None and shell.workspace.user.username == "admin"
    assert "李管理" in reopened.user_label.text()
    assert len(told) == 1 and not told[0][1] and "已从备份" in told[0][0]
    safety = list((encrypted_path.parent / "backups").glob("county.before-restore-*.db"))
    assert len(safety) == 1  # the database as it was, kept before it was replaced
    shell.close()


def test_a_restore_refused_at_the_last_moment_reopens_the_database_unchanged(
    qtbot: QtBot, encrypted_path: Path, told: list[tuple[str, bool]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.system.backup import RestorePlan

    ws = sign_in(encrypted_path, "admin", ADMIN[2])
    _add_family(ws, "甲")
    copy = backup_database(ws, backups_dir())
    _add_family(ws, "乙")
    shell = Shell(SyncTaskRunner())
    window = shell.show(ws)
    qtbot.addWidget(window)
    window.restore_requested.emit(RestorePlan(copy, "admin", "wrong-pass-9"))
    assert shell.window is not None and shell.window is not window
    qtbot.addWidget(shell.window)
    assert shell.workspace is not None and _families(shell.workspace) == ["乙", "甲"]
    assert told and told[0][1] and "用户名或密码不正确" in told[0][0]
    assert shell.workspace.user is not None and shell.workspace.user.display_name == "李管理"
    shell.close()


def _backups() -> list[Path]:
    return sorted(backups_dir().glob("*-备份-*.db")) if backups_dir().is_dir() else []


def test_automatic_backups_at_start_and_on_close_once_a_day(qtbot: QtBot, encrypted_path: Path) -> None:
    assert load_settings().enabled  # on unless turned off
    ws = sign_in(encrypted_path, "admin", ADMIN[2])
    shell = Shell(SyncTaskRunner(), auto_backup=True)
    window = shell.show(ws)  # none taken yet: one now, in the background
    qtbot.addWidget(window)
    assert len(_backups()) == 1
    window.close()  # one was taken today: the window closes at once
    assert not window.isVisible() and len(_backups()) == 1
    shell.close()


def test_the_window_backs_up_as_it_closes_also_to_the_chosen_stick(
    qtbot: QtBot, encrypted_path: Path, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    ws = sign_in(encrypted_path, "admin", ADMIN[2])
    window = MainWindow(ws, SyncTaskRunner())
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("system")
    assert isinstance(page, SystemPage)
    panel = page.backup_settings
    panel.set_extra_folder(usb)  # 自动备份到… a folder, ticked when chosen
    assert load_settings() == AutoBackupSettings(True, usb, True) and panel.extra_check.isChecked()
    window.backups.enabled = True
    window.close()
    assert window.isVisible()  # waiting for the backup
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert len(_backups()) == 1 and len(list(usb.glob("*-备份-*.db"))) == 1
    panel.reload()
    assert f"{datetime.now():%Y-%m-%d}" in panel.last_label.text()
    ws.close()


def test_automatic_backups_can_be_turned_off_and_a_cancel_closes_without_one(
    qtbot: QtBot, encrypted_path: Path
) -> None:
    class CancelledAtOnce(SyncTaskRunner):
        def _start(self, task: Task) -> None:
            task.cancel()  # the user pressed Cancel on the progress dialog
            task.run()

    ws = sign_in(encrypted_path, "admin", ADMIN[2])
    window = MainWindow(ws, CancelledAtOnce())
    qtbot.addWidget(window)
    window.show()
    window.backups.enabled = True
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    assert _backups() == [] and not list(backups_dir().glob("*.partial"))

    save_settings(AutoBackupSettings(enabled=False))
    other = MainWindow(ws, SyncTaskRunner())
    qtbot.addWidget(other)
    other.show()
    other.backups.enabled = True
    page = other.show_page("system")
    assert isinstance(page, SystemPage) and not page.backup_settings.auto_check.isChecked()
    other.close()
    assert not other.isVisible() and _backups() == []
    ws.close()


def test_the_status_bar_shows_who_is_signed_in(qtbot: QtBot, encrypted_path: Path, workspace) -> None:  # type: ignore[no-untyped-def]
    ws = sign_in(encrypted_path, "admin", ADMIN[2])
    window = MainWindow(ws, SyncTaskRunner())
    qtbot.addWidget(window)
    assert "李管理" in window.user_label.text() and "系统管理员" in window.user_label.text()
    window.close()
    ws.close()
    plain = MainWindow(workspace, SyncTaskRunner())  # no sign-in happened: nobody to show
    qtbot.addWidget(plain)
    assert plain.user_label.text() == ""


def test_a_read_only_account_is_not_offered_the_restore(qtbot: QtBot, encrypted_path: Path) -> None:
    from app.domain.enums import UserRole
    from app.services.system import users
    from ui.shell.page import PageContext

    admin = sign_in(encrypted_path, "admin", ADMIN[2])
    users.add_user(admin, "kan", "只看", UserRole.READ_ONLY, "430121000000", "kan-mi-ma-2026")
    users.add_user(admin, "zhao", "赵", UserRole.TOWNSHIP_CLERK, "430121001000", "zhao-mi-ma-2026")
    clerk = sign_in(encrypted_path, "zhao", "zhao-mi-ma-2026")
    clerk_page = SystemPage(PageContext(clerk, SyncTaskRunner()))
    qtbot.addWidget(clerk_page)
    # a clerk may write records, not replace the database
    assert not clerk_page.backup_settings.restore_button.isVisibleTo(clerk_page)
    clerk.close()
    admin_page = SystemPage(PageContext(admin, SyncTaskRunner()))
    qtbot.addWidget(admin_page)
    assert admin_page.backup_settings.restore_button.isVisibleTo(admin_page)
    admin.close()
    viewer = sign_in(encrypted_path, "kan", "kan-mi-ma-2026")
    page = SystemPage(PageContext(viewer, SyncTaskRunner()))
    qtbot.addWidget(page)
    assert not page.backup_settings.restore_button.isVisibleTo(page)
    viewer.close()
