"""系统管理: the installation's facts, a backup from the page, and the division list's add / rename / retire."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.paths import backups_dir
from ui.shell.page import PageContext
from ui.shell.tasks import SyncTaskRunner
from ui.system.divisions import DivisionDialog
from ui.system.page import SystemPage

COUNTY = "430121000000"
TOWNSHIP = "430121001000"  # 星沙街道


@pytest.fixture
def page(qtbot: QtBot, workspace) -> SystemPage:  # type: ignore[no-untyped-def]
    widget = SystemPage(PageContext(workspace, SyncTaskRunner()))
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    widget.refresh()
    return widget


def test_the_installation_is_described(page: SystemPage, workspace) -> None:  # type: ignore[no-untyped-def]
    info = page.info
    assert info["division"].text() == f"长沙县（{COUNTY}）"
    assert info["device"].text() == workspace.device_id
    assert info["database"].text() == str(workspace.path)
    assert "current" in info["schema"].text()
    assert info["size"].text().endswith("KB") or info["size"].text().endswith("MB")


def test_back_up_now_writes_a_checked_copy(qtbot: QtBot, page: SystemPage) -> None:
    qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    written = list(backups_dir().glob("*.db"))
    assert len(written) == 1 and str(written[0]) in page.backup_message.text()
    with sqlite3.connect(written[0]) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def _dialog(page: SystemPage, mode: str, code: str) -> DivisionDialog:
    page.divisions.select_division(code)
    assert page.divisions.current_division() is not None
    button = {
        "add": page.divisions.add_button,
        "rename": page.divisions.rename_button,
        "retire": page.divisions.retire_button,
    }[mode]
    assert button.isEnabled()
    button.click()
    dialog = page.divisions.findChildren(DivisionDialog)[-1]
    assert dialog.isVisible()
    return dialog


def test_the_tree_shows_the_county_and_fills_on_demand(qtmodeltester: ModelTester, page: SystemPage) -> None:
    tree = page.divisions
    assert tree.current_division() is not None and tree.current_division().code == COUNTY  # type: ignore[union-attr]
    root = tree.tree_model.item(0, 0)
    assert root.text() == "长沙县" and root.rowCount() > 10  # its townships, filled when expanded
    tree.select_division("430121001001")  # a village: its township opens on the way
    assert tree.current_division().name.endswith(("村委会", "居委会"))  # type: ignore[union-attr]
    assert not tree.add_button.isEnabled()  # nothing lies below a village
    qtmodeltester.check(tree.tree_model)


def test_a_village_is_added_renamed_and_retired(qtbot: QtBot, page: SystemPage) -> None:
    dialog = _dialog(page, "add", TOWNSHIP)
    dialog.code.setText("430121001999")
    dialog.name.setText("新建村委会")
    dialog.on.setDate(QDate(2026, 1, 1))
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    added = page.divisions.current_division()
    assert added is not None and (added.code, added.name, added.local) == ("430121001999", "新建村委会", True)

    dialog = _dialog(page, "rename", "430121001999")
    dialog.name.setText("幸福村委会")
    dialog.submit()
    assert page.divisions.current_division().name == "幸福村委会"  # type: ignore[union-attr]

    dialog = _dialog(page, "retire", "430121001999")
    dialog.on.setDate(QDate(2026, 6, 30))
    dialog.submit()
    retired = page.divisions.current_division()
    assert retired is not None and retired.retired
    assert not page.divisions.rename_button.isEnabled()


def test_a_refused_division_keeps_the_dialog_open_with_the_reason(page: SystemPage) -> None:
    dialog = _dialog(page, "add", TOWNSHIP)
    dialog.code.setText("430122001001")  # another county's code
    dialog.name.setText("错村")
    dialog.submit()
    assert dialog.isVisible() and "不在" in dialog.message.text()
    dialog.reject()
    dialog = _dialog(page, "retire", TOWNSHIP)  # villages still live below it
    dialog.submit()
    assert dialog.isVisible() and "下级区划" in dialog.message.text()


def test_resident_population_typed_per_township(page: SystemPage, workspace) -> None:  # type: ignore[no-untyped-def]
    from app.services import evaluation

    dialog = page.divisions.population_dialog()
    year = int(dialog.year.currentData())
    assert dialog.table.rowCount() > 1 and dialog.table.item(0, 0).text() == "星沙街道"
    dialog.table.item(0, 1).setText("23,456")
    dialog.table.item(1, 1).setText("十万")
    dialog.save()
    assert "whole number" in dialog.message.text()  # nothing saved: the whole set is refused
    assert all(r.residents is None for r in evaluation.township_populations(workspace, year))
    dialog.table.item(1, 1).setText("")
    dialog.save()
    assert "1" in dialog.message.text()
    rows = {r.code: r.residents for r in evaluation.township_populations(workspace, year)}
    assert rows[TOWNSHIP] == 23_456
    assert dialog.table.item(0, 1).text() == "23456"
