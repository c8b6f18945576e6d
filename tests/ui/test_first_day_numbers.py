"""A new user's first day: a family saved with a blank 档案编号 is given one, by the rule the county
sets on 系统管理 (checked as typed, with an example); a township sees the rule and cannot change it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.domain.enums import NodeRole
from app.domain.idcard import check_digit
from app.services import families
from app.services.families import numbering
from app.services.shared.workspace import Workspace, open_workspace
from app.services.system.setup import init_database
from ui.families.page import FamiliesPage
from ui.shell.i18n import install_translators
from ui.shell.main_window import MainWindow
from ui.shell.page import PageContext
from ui.shell.tasks import SyncTaskRunner
from ui.system.page import SystemPage
from ui.widgets.draft_dialog import DraftDialog

HEAD_ID = "43012119560310131"
HEAD_ID += check_digit(HEAD_ID)


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    translators = install_translators(qapp)
    yield
    for t in translators:
        qapp.removeTranslator(t)


def system_page(qtbot: QtBot, ws: Workspace) -> SystemPage:
    page = SystemPage(PageContext(ws, SyncTaskRunner()))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.refresh()
    return page


def test_the_county_sets_the_rule_on_screen_and_a_new_family_gets_its_number(
    qtbot: QtBot, workspace: Workspace, chinese: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    panel = system_page(qtbot, workspace).numbering
    assert panel.rule.text() == "{township}-{year}-{seq:4}" and panel.save_button.isVisible()
    assert panel.example.text() == f"本年第一户：开元路社区居委会：430121001-{date.today().year}-0001"
    panel.rule.setText("{county}-{seq}")  # by county alone: the townships would clash
    assert "乡镇" in panel.example.text() and not panel.save_button.isEnabled()
    panel.rule.setText("CS{village}-{seq:3}")
    assert panel.example.text().endswith("CS430121001001-001") and panel.save_button.isEnabled()
    panel.save_button.click()
    assert "已保存" in panel.example.text()
    assert numbering.family_no_rule(workspace) == "CS{village}-{seq:3}"
    panel.grab().save(str(tmp_path / "numbering.png"))

    monkeypatch.setattr(DraftDialog, "ask_restore", lambda self, info: False)
    window = MainWindow(workspace, SyncTaskRunner())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    page = window.show_page("families")
    assert isinstance(page, FamiliesPage)
    form = page.new_family()
    assert form.general.family_no.edit.placeholderText() == "留空则按县里的规则自动编号"
    form.general.village_field.set_value("430121001001")
    form.tabs.setCurrentWidget(form.members)
    form.members.name.edit.setText("张三")
    qtbot.keyClicks(form.members.id_number.edit, HEAD_ID)
    with qtbot.waitSignal(form.saved, timeout=3000) as saved:
        form.save()
    assert families.family_detail(workspace, saved.args[0]).family_no == "CS430121001001-001"
    assert window.statusBar().currentMessage() == "已保存：张三 家，档案编号 CS430121001001-001"
    assert page.list.current_record().family_no == "CS430121001001-001"


def test_a_township_sees_the_rule_it_received_and_cannot_change_it(
    qtbot: QtBot, tmp_path: Path, chinese: None
) -> None:
    path = tmp_path / "station.db"
    init_database(path, "430121000000", NodeRole.STATION).dispose()
    ws = open_workspace(path)
    panel = system_page(qtbot, ws).numbering
    assert panel.rule.isReadOnly() and not panel.save_button.isVisible()
    assert panel.rule.text() == "{township}-{year}-{seq:4}"
    ws.close()
