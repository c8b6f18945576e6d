"""扫码录入: a scanned form number opens the visit entry of its family, number filled; twice is flagged."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.enums import VisitOccasion, VisitWay
from app.domain.records.families import VisitInput
from app.services.families import visits
from app.services.families.listing import list_family_ids
from app.services.families.visit_sheets import blank_sheets, visit_sheets
from app.services.shared.workspace import Workspace
from ui.families.page import FamiliesPage
from ui.families.visit_form import VisitForm
from ui.home.page import HomePage
from ui.shell.page import PageContext
from ui.shell.tasks import SyncTaskRunner


@pytest.fixture
def page(qtbot: QtBot, demo_workspace: Workspace) -> FamiliesPage:
    widget = FamiliesPage(PageContext(demo_workspace, SyncTaskRunner()))
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    widget.refresh()
    return widget


def scan(qtbot: QtBot, field: object, text: str) -> None:
    """Type as a USB scanner does: the characters, then Enter."""
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_a_scanned_form_opens_the_visit_entry_with_its_number(
    qtbot: QtBot, page: FamiliesPage, demo_workspace: Workspace
) -> None:
    family_id = list_family_ids(demo_workspace, limit=1)[0]
    (sheet,) = visit_sheets(demo_workspace, [family_id])
    scan(qtbot, page.scan.field, sheet.form_number)
    form = page.forms[-1]
    assert isinstance(form, VisitForm) and form.isVisible()
    assert form.family_id == family_id and form.form_number.text() == sheet.form_number
    assert sheet.head_name in page.scan.message.text() and page.scan.field.text() == ""


def test_a_form_already_entered_is_flagged_and_opens_nothing(
    qtbot: QtBot, page: FamiliesPage, demo_workspace: Workspace
) -> None:
    family_id = list_family_ids(demo_workspace, limit=1)[0]
    (sheet,) = visit_sheets(demo_workspace, [family_id])
    visits.record_visit(
        demo_workspace,
        VisitInput(
            family_id=family_id,
            visited_on=date.today(),
            occasion=VisitOccasion.SPRING_FESTIVAL,
            way=VisitWay.HOME,
            visitors="王干部",
            form_number=sheet.form_number,
        ),
        accept_warnings=True,
    )
    before = len(page.forms)
    scan(qtbot, page.scan.field, sheet.form_number.lower())
    assert len(page.forms) == before
    assert "已登记" in page.scan.message.text() or "already" in page.scan.message.text()
    page.scan.field.setText("不是表号")  # pasted: QTest types only what a keyboard has
    qtbot.keyClick(page.scan.field, Qt.Key.Key_Return)
    assert len(page.forms) == before and page.scan.message.property("error") is True


def test_a_blank_form_goes_to_the_selected_family(qtbot: QtBot, page: FamiliesPage) -> None:
    (blank,) = blank_sheets(1)
    page.list.view.clearSelection()
    page.list.view.setCurrentIndex(page.list.model.index(-1, -1))
    scan(qtbot, page.scan.field, blank.form_number)
    assert page.scan.message.property("error") is True and not page.forms
    qtbot.waitUntil(page.list.is_complete)
    page.list.select_id(page.list.model.ids()[0])
    scan(qtbot, page.scan.field, blank.form_number)
    form = page.forms[-1]
    assert form.family_id == page.list.model.ids()[0] and form.form_number.text() == blank.form_number


def test_the_home_page_field_hands_the_family_on(qtbot: QtBot, demo_workspace: Workspace) -> None:
    home = HomePage(PageContext(demo_workspace, SyncTaskRunner()))
    qtbot.addWidget(home)
    home.show()
    family_id = list_family_ids(demo_workspace, limit=1)[0]
    (sheet,) = visit_sheets(demo_workspace, [family_id])
    with qtbot.waitSignal(home.form_scanned) as caught:
        scan(qtbot, home.scan.field, sheet.form_number)
    assert caught.args == [family_id, sheet.form_number]
