"""Every empty list says what to do first: on an empty database each page's lists carry a Chinese hint
across them, which goes as soon as rows arrive, and says "nothing matches" when a search left nothing.
The new family's 走访记录 tab says to save the family first instead of greying out without a reason."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.domain.enums import FamilyCategory, FundSource, MemberRelation, VisitOccasion, VisitWay
from app.domain.records.families import FamilyInput, MemberInput, VisitInput
from app.services import families
from app.services.families import visits as family_visits
from app.services.shared.workspace import Workspace
from ui.families.family_form import FamilyForm
from ui.families.page import FamiliesPage
from ui.home.page import HomePage
from ui.shell.i18n import install_translators
from ui.shell.main_window import MainWindow
from ui.shell.tasks import SyncTaskRunner
from ui.widgets.empty_state import EmptyState

VILLAGE = "430121001001"
CJK = re.compile(r"[\u4e00-\u9fff]")
# The pages whose lists are empty on an empty database and say so (数据分析 shows figures, no list;
# 系统管理's lists are never empty: the county's divisions, the accounts).
PAGES_WITH_LISTS = ("home", "organisation", "families", "projects", "activities", "evaluation", "sync")


@pytest.fixture
def chinese() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app)
    yield
    for t in translators:
        app.removeTranslator(t)


def _window(qtbot: QtBot, workspace: Workspace) -> MainWindow:
    window = MainWindow(workspace, SyncTaskRunner())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def _hints(widget: QWidget) -> list[str]:
    """The hints shown now in ``widget`` (on the lists the user can see)."""
    return [h.hint() for h in widget.findChildren(EmptyState) if h.view.isVisibleTo(widget) and h.hint()]


def _add_family(workspace: Workspace, name: str = "王桂兰") -> str:
    head = MemberInput(name=name, relation=MemberRelation.SELF)
    return families.save_family(
        workspace, FamilyInput(VILLAGE, FamilyCategory.BEREAVED, (head,)), accept_warnings=True
    )


def test_every_page_with_lists_says_what_to_do_first(qtbot: QtBot, workspace: Workspace, chinese: None) -> None:
    window = _window(qtbot, workspace)
    for key in PAGES_WITH_LISTS:
        page = window.show_page(key)
        QApplication.processEvents()
        shown = _hints(page)
        assert shown, f"{key}: an empty list with nothing to say"
        for text in shown:
            assert CJK.search(text), f"{key}: {text!r} is not translated"
    families_page = window.page("families")
    assert any("新增家庭" in h and "导入花名册" in h for h in _hints(families_page))
    organisation = window.page("organisation")
    assert any("新增协会" in h and "Ctrl+N" in h and "(N)" not in h for h in _hints(organisation))
    home = window.page("home")
    assert any("特殊家庭" in h for h in _hints(home)) and any("未完成的表单" in h for h in _hints(home))


def test_the_hint_goes_when_rows_arrive_and_comes_back_when_they_go(
    qtbot: QtBot, workspace: Workspace, chinese: None
) -> None:
    window = _window(qtbot, workspace)
    page = window.show_page("families")
    assert isinstance(page, FamiliesPage)
    hint = page.list.empty_hint
    assert "新增家庭" in hint.hint() and hint.isVisible()
    family_id = _add_family(workspace)
    page.refresh()
    qtbot.waitUntil(page.list.is_complete)
    assert page.list.model.rowCount() == 1 and hint.hint() == "" and not hint.isVisible()

    # A search that matches nothing says so, not "register the first family".
    page.list.set_search("zzz")
    qtbot.waitUntil(lambda: page.list.model.rowCount() == 0)
    assert "没有符合条件" in hint.hint()
    page.list.set_search("")
    qtbot.waitUntil(lambda: page.list.model.rowCount() == 1)
    assert hint.hint() == ""

    families.mark_family_deleted(workspace, family_id)
    page.refresh()
    qtbot.waitUntil(lambda: page.list.model.rowCount() == 0)
    assert "新增家庭" in hint.hint()


def test_the_home_page_tells_no_families_from_all_visited(qtbot: QtBot, workspace: Workspace, chinese: None) -> None:
    window = _window(qtbot, workspace)
    home = window.show_page("home")
    assert isinstance(home, HomePage)
    assert "还没有登记家庭" in home.visit_hint.hint()
    family_id = _add_family(workspace)
    home.refresh()
    assert home.visit_model.rowCount() == 1 and home.visit_hint.hint() == ""  # never visited: due
    visit = VisitInput(family_id, date.today(), VisitOccasion.ROUTINE, VisitWay.HOME, "张三", fund_source=FundSource.COUNTY)
    family_visits.record_visit(workspace, visit)
    home.refresh()
    assert home.visit_model.rowCount() == 0 and "半年内都走访过" in home.visit_hint.hint()


def test_a_new_family_says_save_first_for_its_visits(qtbot: QtBot, workspace: Workspace, chinese: None) -> None:
    window = _window(qtbot, workspace)
    page = window.show_page("families")
    assert isinstance(page, FamiliesPage)
    form = page.new_family()
    assert isinstance(form, FamilyForm)
    form.tabs.setCurrentWidget(form.visits)
    visits = form.visits
    assert visits.isEnabled() and not visits.record_button.isEnabled()  # greyed, and says why:
    assert visits.hint.hint() == "请先保存家庭信息，再登记走访。"
    assert visits.hint.isVisible()
    form.reject()

    family_id = _add_family(workspace)
    page.refresh()
    saved = page.edit_family(family_id)
    assert isinstance(saved, FamilyForm)
    saved.tabs.setCurrentWidget(saved.visits)
    assert saved.visits.record_button.isEnabled()
    assert "还没有走访记录" in saved.visits.hint.hint()
    visit = VisitInput(family_id, date.today(), VisitOccasion.ROUTINE, VisitWay.HOME, "张三", fund_source=FundSource.COUNTY)
    family_visits.record_visit(workspace, visit)
    saved.refresh_visits()
    assert saved.visits.model.rowCount() == 1 and saved.visits.hint.hint() == ""
    saved.tabs.setCurrentWidget(saved.insurance)
    assert "还没有保单" in saved.insurance.hint.hint()
