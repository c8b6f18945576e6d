"""A new user's first day with the family and visit forms: 已保存 in the status bar, the new record in
the list whatever the search, each error said once, a summary that follows the fixes, and error
lines that never move the fields under the mouse."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.domain.enums import FundSource, VisitOccasion
from app.domain.idcard import check_digit
from app.services.shared.workspace import Workspace
from ui.families.family_form import FamilyForm
from ui.families.page import FamiliesPage
from ui.shell.i18n import install_translators
from ui.shell.main_window import MainWindow
from ui.shell.tasks import SyncTaskRunner
from ui.widgets.draft_dialog import DraftDialog

VILLAGE = "430121001001"
HEAD_ID = "430121" + "19560310" + "131"
HEAD_ID += check_digit(HEAD_ID)


@pytest.fixture(autouse=True)
def no_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(DraftDialog, "ask_restore", lambda self, info: False)
    monkeypatch.setattr(DraftDialog, "confirm_warnings", lambda self, issues: True)
    monkeypatch.setattr(DraftDialog, "ask_close", lambda self: "discard")


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    translators = install_translators(qapp)
    yield
    for t in translators:
        qapp.removeTranslator(t)


@pytest.fixture
def window(qtbot: QtBot, workspace: Workspace, chinese: None) -> MainWindow:
    shown = MainWindow(workspace, SyncTaskRunner())
    qtbot.addWidget(shown)
    shown.resize(1366, 768)
    shown.show()
    return shown


def families_page(window: MainWindow) -> FamiliesPage:
    page = window.show_page("families")
    assert isinstance(page, FamiliesPage)
    return page


def fill_head(qtbot: QtBot, form: FamilyForm, name: str) -> None:
    form.general.village_field.set_value(VILLAGE)
    form.tabs.setCurrentWidget(form.members)
    form.members.name.edit.setText(name)
    qtbot.keyClicks(form.members.id_number.edit, HEAD_ID)


def test_a_saved_family_says_so_and_shows_although_a_search_hid_it(qtbot: QtBot, window: MainWindow) -> None:
    page = families_page(window)
    page.list.set_search("wangwu")  # the clerk had searched for someone else
    assert page.list.model.rowCount() == 0
    form = page.new_family()
    fill_head(qtbot, form, "张三")
    with qtbot.waitSignal(form.saved, timeout=3000) as saved:
        form.save()
    family_id = saved.args[0]
    assert not form.isVisible()
    assert page.list.search.text() == ""  # cleared, so the new family can be seen
    assert page.list.current_id() == family_id and page.list.current_record().head_name == "张三"
    assert "已清除搜索" in page.list.message.text() and page.list.message.isVisible()
    assert window.statusBar().currentMessage().startswith("已保存：张三 家")

    visit = page.record_visit()
    assert visit is not None
    visit.occasion.set_value(VisitOccasion.DOUBLE_NINTH.value)
    visit.visitors.edit.setText("王干部")
    qtbot.keyClicks(visit.cash.edit, "300")
    visit.fund_source.set_value(FundSource.COUNTY.value)
    with qtbot.waitSignal(visit.saved, timeout=3000):
        visit.save()
    assert window.statusBar().currentMessage() == "已保存：张三 家的走访记录"


def test_a_search_that_shows_the_new_family_is_kept(qtbot: QtBot, window: MainWindow) -> None:
    page = families_page(window)
    page.list.set_search("zs")  # pinyin initials of the family about to be registered
    form = page.new_family()
    fill_head(qtbot, form, "张三")
    with qtbot.waitSignal(form.saved, timeout=3000) as saved:
        form.save()
    assert page.list.search.text() == "zs" and page.list.current_id() == saved.args[0]
    assert not page.list.message.isVisible()


def _shown_form(qtbot: QtBot, window: MainWindow) -> FamilyForm:
    form = families_page(window).new_family()
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form, timeout=2000)
    return form


def test_each_error_is_listed_once_and_the_summary_follows_the_fixes(
    qtbot: QtBot, window: MainWindow
) -> None:
    form = _shown_form(qtbot, window)
    form.save()
    text = form.summary.text()
    assert form.summary.isVisible() and text.startswith("未保存：")
    assert text.count("姓名") == 1, text  # was "请填写第 1 位成员的姓名；请填写姓名"
    assert "村" in text
    form.members.name.edit.setText("张三")  # fixed: the summary drops it at once
    assert "姓名" not in form.summary.text() and "村" in form.summary.text()
    form.general.village_field.set_value(VILLAGE)
    assert not form.summary.isVisible()  # nothing left to say


def _centre_in(form: QWidget, widget: QWidget) -> QPoint:
    return widget.mapTo(form, widget.rect().center())


def _click_at(qtbot: QtBot, form: QWidget, at: QPoint) -> None:
    target = form.childAt(at)
    assert target is not None
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton, pos=target.mapFrom(form, at))


@pytest.mark.parametrize("tab", ["members", "general"])
def test_an_error_line_does_not_move_the_field_below(qtbot: QtBot, window: MainWindow, tab: str) -> None:
    form = _shown_form(qtbot, window)
    if tab == "members":
        form.tabs.setCurrentWidget(form.members)
        with_error, below = form.members.name, form.members.id_number.edit  # 姓名, then 身份证号
    else:
        form.tabs.setCurrentWidget(form.general.scroll_area)
        with_error, below = form.general.village_field, form.general.family_no.edit  # 村, 档案编号 below
    qtbot.waitExposed(form)
    aimed = _centre_in(form, below)  # where the user sees the field before saving
    form.save()
    form.tabs.setCurrentWidget(form.members if tab == "members" else form.general.scroll_area)
    assert with_error.note.isVisible() and with_error.note.text()
    assert _centre_in(form, below) == aimed
    _click_at(qtbot, form, aimed)
    assert QApplication.focusWidget() is below
