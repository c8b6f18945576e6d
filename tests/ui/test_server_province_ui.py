"""The program on a PostgreSQL province: 文件 → 打开省级数据库, the sign-in, the families list and the
indicator sheet, with real widgets over the real test server (scripts/test.sh starts it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from app.domain.server_address import ServerAddress
from app.paths import data_dir
from app.services import families
from app.services.shared.workspace import Workspace
from app.services.system import accounts
from tests.conftest import COUNTY
from tests.server_province import (
    ADMIN,
    APP_PASSWORD,
    ServerProvince,
    fixture_empty_server_database,  # noqa: F401
    fixture_server_province,  # noqa: F401
    needs_server,
)
from tests.services.evaluation_fixture import build, place
from ui.evaluation import tables
from ui.evaluation.page import EvaluationPage
from ui.families.page import FamiliesPage
from ui.main import Shell, open_target, parse
from ui.shell.login import LoginDialog
from ui.shell.open_province import OpenProvinceDialog
from ui.shell.refcount_guard import pin_singletons
from ui.shell.tasks import SyncTaskRunner

pytestmark = needs_server
# Two windows and their pages in one test are many Qt calls: as the program does at start (ui/main.py),
# so PySide6 6.12 on Python 3.11 cannot drop None's count to zero (ui/shell/refcount_guard.py).
pin_singletons()


@pytest.fixture
def province_with_records(server_province: ServerProvince) -> tuple[ServerProvince, int]:
    """The province holding one county's records (the indicator fixture's), entered as its admin."""
    ws = accounts.sign_in(server_province.app_url, ADMIN[0], ADMIN[2])
    try:
        with ws.db.session() as s:
            build(s, place(s, COUNTY))
        count = len(families.list_family_ids(ws))
    finally:
        ws.close()
    assert count > 0
    return server_province, count


def _sign_in_as_admin(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, shown: list[LoginDialog]) -> None:
    def signed_in(self: LoginDialog) -> int:
        qtbot.addWidget(self)
        shown.append(self)
        self.username.setText(ADMIN[0])
        self.password.setText(ADMIN[2])
        self.sign_in_button.click()
        return int(self.result())

    monkeypatch.setattr(LoginDialog, "exec", signed_in)


def _families_and_sheet(qtbot: QtBot, window: object, families_count: int) -> None:
    page = window.show_page("families")  # type: ignore[attr-defined]
    assert isinstance(page, FamiliesPage)
    qtbot.waitUntil(lambda: page.list.model.rowCount() == families_count, timeout=10_000)
    sheet_page = window.show_page("evaluation")  # type: ignore[attr-defined]
    assert isinstance(sheet_page, EvaluationPage)
    sheet_page.period_box.setCurrentIndex(sheet_page.period_box.findData("2026H1"))
    sheet_page.refresh()
    assert sheet_page.sheet is not None
    row = [v.code for v in sheet_page.sheet.values].index("TSJT-LXR")
    # The same figure as the county's own sheet on SQLite (tests/ui/test_evaluation_page.py).
    assert sheet_page.sheet_panel.model.index(row, tables.COL_VALUE).data() == "66.67%"


def test_open_the_province_from_the_file_menu_sign_in_and_see_families_and_the_sheet(
    qtbot: QtBot,
    province_with_records: tuple[ServerProvince, int],
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    province, count = province_with_records
    address = ServerAddress.from_url(province.app_url)

    def typed(self: OpenProvinceDialog) -> int:
        self.host.setText(address.host)
        self.port.setValue(address.port)
        self.database.setText(address.database)
        self.user.setText(address.user)
        self.password.setText(APP_PASSWORD)
        self.open_button.click()
        return int(self.result())

    monkeypatch.setattr(OpenProvinceDialog, "exec", typed)
    shown: list[LoginDialog] = []
    _sign_in_as_admin(qtbot, monkeypatch, shown)
    shell = Shell(SyncTaskRunner())
    window = shell.show(workspace)  # a county file is open first
    qtbot.addWidget(window)
    window.province_action.trigger()

    assert len(shown) == 1  # the program account is asked after the server's address
    reopened = shell.window
    assert reopened is not None and reopened is not window
    qtbot.addWidget(reopened)
    assert shell.workspace is not None and shell.workspace.user is not None
    assert shell.workspace.user.username == ADMIN[0] and ADMIN[1] in reopened.user_label.text()
    assert APP_PASSWORD not in reopened.database_label.text()
    _families_and_sheet(qtbot, reopened, count)

    # The address is remembered for next time, the password nowhere.
    again = OpenProvinceDialog()
    qtbot.addWidget(again)
    assert again.database.text() == address.database and again.user.text() == address.user
    assert again.password.text() == ""
    for saved in Path(data_dir()).rglob("*"):
        if saved.is_file():
            assert APP_PASSWORD.encode() not in saved.read_bytes(), saved
    shell.close()


def test_fpa_gui_opens_a_province_url_given_with_db(
    qtbot: QtBot, province_with_records: tuple[ServerProvince, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    province, count = province_with_records
    shown: list[LoginDialog] = []
    _sign_in_as_admin(qtbot, monkeypatch, shown)
    ws = open_target(parse(["--db", province.app_url]), SyncTaskRunner())
    assert ws is not None and ws.user is not None and len(shown) == 1
    shell = Shell(SyncTaskRunner())
    window = shell.show(ws)
    qtbot.addWidget(window)
    _families_and_sheet(qtbot, window, count)
    shell.close()


def test_a_wrong_address_is_said_in_chinese_and_the_open_database_stays(
    qtbot: QtBot, server_province: ServerProvince, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    errors: list[str] = []
    monkeypatch.setattr("ui.main.QMessageBox.critical", lambda parent, title, text: errors.append(text))
    shell = Shell(SyncTaskRunner())
    window = shell.show(workspace)
    qtbot.addWidget(window)
    wrong = ServerAddress.from_url(server_province.app_url)
    shell.switch(ServerAddress(wrong.host, wrong.port, "no_such_province", wrong.user).url("x"))
    assert errors and "没有这个数据库" in errors[0] and "x@" not in errors[0]
    assert shell.window is window and shell.workspace is workspace
    dialog = OpenProvinceDialog()
    qtbot.addWidget(dialog)
    dialog.host.setText("")
    dialog.open_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted and "服务器地址" in dialog.message.text()
    QApplication.processEvents()
    shell.close()


def test_the_system_page_backs_up_and_restores_the_province(
    qtbot: QtBot, server_province: ServerProvince, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import Qt

    from app.paths import backups_dir, identity_dir
    from app.sync.identity import create_identity
    from tests.services.test_families import family
    from ui.system.page import SystemPage
    from ui.system.server_restore import ServerRestoreDialog

    create_identity(identity_dir(), "湖南省计生协", "province-key-pass")
    ws = accounts.sign_in(server_province.app_url, ADMIN[0], ADMIN[2])
    families.save_family(ws, family())
    shell = Shell(SyncTaskRunner())
    window = shell.show(ws)
    qtbot.addWidget(window)
    page = window.show_page("system")
    assert isinstance(page, SystemPage)
    qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    (made,) = backups_dir().glob("*.pgdump.age")
    page.backup_settings.reload()
    assert str(backups_dir()) in page.backup_settings.last_label.text()  # the schedule sees it
    assert made.stat().st_size > 0
    families.save_family(ws, family(family_no="2"), accept_warnings=True)

    monkeypatch.setattr(ServerRestoreDialog, "confirm", lambda self, backup: True)
    dialog = page.backup_settings.open_restore_dialog()
    assert isinstance(dialog, ServerRestoreDialog) and dialog.table.rowCount() == 1
    dialog.passphrase.setText("wrong passphrase")
    dialog.restore_button.click()
    assert "口令不正确" in dialog.message.text() and dialog.outcome is None
    assert len(families.list_family_ids(ws)) == 2  # refused: nothing replaced
    dialog.passphrase.setText("province-key-pass")
    dialog.restore_button.click()
    assert dialog.outcome is not None and dialog.outcome.families == 1
    assert len(families.list_family_ids(ws)) == 1
    assert (
        "1" in page.backup_settings.last_label.text()
        and "before-restore" in page.backup_settings.last_label.text()
    )
    shell.close()
