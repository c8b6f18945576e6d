"""宣传活动与培训 through the widgets: record an event and a training, see them listed and totalled."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.enums import Campaign, TrainingAudience
from app.services import activities
from app.services.shared import drafts
from app.services.shared.workspace import Workspace
from ui.activities.activity_form import ActivityForm
from ui.activities.page import ActivitiesPage
from ui.activities.training_form import TrainingForm
from ui.shell.page import PageContext
from ui.shell.tasks import SyncTaskRunner
from ui.widgets.draft_dialog import DraftDialog

TOWNSHIP = "430121001000"
THIS_YEAR = date.today().year


@pytest.fixture(autouse=True)
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    given: dict[str, object] = {"warnings": True, "close": "keep", "asked": []}

    def note(kind: str, value: object) -> object:
        given["asked"].append(kind)  # type: ignore[union-attr]
        return value

    monkeypatch.setattr(DraftDialog, "ask_restore", lambda self, info: note("restore", True))
    monkeypatch.setattr(
        DraftDialog, "confirm_warnings", lambda self, issues: note("warnings", given["warnings"])
    )
    monkeypatch.setattr(DraftDialog, "ask_close", lambda self: note("close", given["close"]))
    return given


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace) -> ActivitiesPage:
    widget = ActivitiesPage(PageContext(workspace, SyncTaskRunner()))
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    widget.refresh()
    return widget


def test_record_a_may29_event_by_keyboard_and_see_it_totalled(
    qtbot: QtBot, qtmodeltester: ModelTester, page: ActivitiesPage, workspace: Workspace
) -> None:
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = page.activity_tab.forms[-1]
    assert isinstance(form, ActivityForm) and form.isVisible()
    # 5·29 is the first campaign: the form offers its day and usual title.
    may29 = date(THIS_YEAR, 5, 29)
    expected = may29 if may29 <= date.today() else date(THIS_YEAR - 1, 5, 29)
    assert form.held_on.date() == expected and "5·29" in form.title_field.text()
    form.division.set_value(TOWNSHIP)
    form.kind.combo.setCurrentIndex(form.kind.combo.findData("关怀慰问"))
    qtbot.keyClicks(form.sessions.edit, "2")  # after the 1 already there: 12 sessions
    qtbot.keyClicks(form.participants.edit, "380")
    qtbot.keyClicks(form.materials.edit, "1200")
    qtbot.keyClicks(form.beneficiaries.edit, "90")
    qtbot.keyClicks(form.spending.edit, "12500")
    form.place_field.edit.setText("星沙街道综合文化站")
    qtbot.keyClick(form.note.edit, Qt.Key.Key_Return)  # Enter saves from any field
    assert not form.isVisible()

    (aid,) = activities.list_activity_ids(workspace)
    (row,) = activities.load_activity_rows(workspace, [aid])
    assert (row.campaign, row.sessions, row.participants, row.materials) == (Campaign.MAY_29, 12, 380, 1200)
    assert row.spending_fen == 1_250_000 and row.division_code == TOWNSHIP
    assert row.kind == "关怀慰问"
    assert page.activity_list.model.ids() == [aid]
    assert page.activity_list.current_id() == aid  # the saved record is selected

    page.tabs.setCurrentWidget(page.totals)
    page.totals.year.setCurrentIndex(page.totals.year.findData(expected.year))
    lines = [page.totals.campaign_model.row_at(r) for r in range(page.totals.campaign_model.rowCount())]
    assert [line.campaign for line in lines] == [Campaign.MAY_29, None]
    assert lines[-1].participants == 380
    qtmodeltester.check(page.totals.campaign_model)
    qtmodeltester.check(page.activity_list.model)


def test_bad_counts_block_and_nothing_is_saved(
    qtbot: QtBot, page: ActivitiesPage, workspace: Workspace
) -> None:
    form = page.activity_tab.new_record()
    assert isinstance(form, ActivityForm)
    form.title_field.edit.setText("")
    qtbot.keyClicks(form.participants.edit, "12a")
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form, timeout=2000)
    qtbot.keyClick(form.participants.edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.isVisible()
    assert "Not saved" in form.summary.text() or "未保存" in form.summary.text()
    assert "whole number" in form.participants.note.text() or "整数" in form.participants.note.text()
    assert form.title_field.note.isVisible()
    assert activities.list_activity_ids(workspace) == []


def test_record_a_training_and_reopen_an_unsaved_one_as_draft(
    qtbot: QtBot, page: ActivitiesPage, workspace: Workspace, answers: dict[str, object]
) -> None:
    page.tabs.setCurrentWidget(page.training_tab)
    form = page.new_record()
    assert isinstance(form, TrainingForm)
    form.title_field.edit.setText("家庭健康指导员培训班")
    form.audience.set_value(TrainingAudience.INSTRUCTORS.value)
    form.held_on.edit.setText(f"{THIS_YEAR}-01-10")
    form.days.edit.setText("2")
    qtbot.keyClicks(form.participants.edit, "45")
    form.division.set_value(TOWNSHIP)
    form.save()
    assert not form.isVisible()
    (tid,) = activities.list_training_ids(workspace)
    (row,) = activities.load_training_rows(workspace, [tid])
    assert (row.audience, row.days, row.participants, row.person_days) == (
        TrainingAudience.INSTRUCTORS,
        2,
        45,
        90,
    )

    # An unsaved form closed with Esc keeps a draft, offered back next time.
    second = page.new_record()
    assert isinstance(second, TrainingForm)
    second.title_field.edit.setText("志愿者培训")
    qtbot.keyClick(second, Qt.Key.Key_Escape)
    assert not second.isVisible() and "close" in answers["asked"]  # type: ignore[operator]
    assert drafts.draft_info(workspace, "training", "new") is not None
    third = page.new_record()
    assert isinstance(third, TrainingForm) and third.title_field.text() == "志愿者培训"


def test_edit_and_mark_deleted_from_the_list(
    qtbot: QtBot, page: ActivitiesPage, workspace: Workspace
) -> None:
    from app.domain.records.activities import ActivityInput

    aid = activities.save_activity(
        workspace,
        ActivityInput(
            TOWNSHIP, Campaign.HEALTH_KNOWLEDGE, "健康知识进万家", date(THIS_YEAR, 3, 2), participants=50
        ),
    )
    page.refresh()
    page.activity_list.select_id(aid)
    form = page.activity_tab.edit_record()
    assert isinstance(form, ActivityForm) and form.participants.value() == 50
    form.participants.edit.setText("55")
    form.save()
    assert activities.load_activity_rows(workspace, [aid])[0].participants == 55
    page.activity_list.select_id(aid)
    page.activity_tab.mark_deleted(confirm=False)
    assert activities.list_activity_ids(workspace) == []
    assert page.activity_list.model.rowCount() == 0


def test_activity_ledger_imported_from_its_tab(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> None:
    from openpyxl import Workbook

    from ui.widgets.import_pages import FilePage, PreviewPage

    page = ActivitiesPage(PageContext(workspace, SyncTaskRunner()))
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    book = Workbook()
    book.active.append(["活动名称", "活动日期", "活动节点", "乡镇", "参与人次"])
    book.active.append(["会员活动日宣传", "2026-05-29", "5·29", "星沙街道", 120])
    book.save(tmp_path / "台账.xlsx")
    assert page.activity_tab.import_button is not None and page.activity_tab.import_button.isVisible()
    wizard = page.activity_tab.import_sheet()
    assert wizard is not None and wizard.windowTitle() == "Import 宣传活动"
    first = wizard.currentPage()
    assert isinstance(first, FilePage)
    first.path.setText(str(tmp_path / "台账.xlsx"))
    for _ in range(4):
        wizard.next()
    preview = wizard.currentPage()
    assert isinstance(preview, PreviewPage) and preview.grid.item(0, 1).text() == "新增"
    wizard.button(wizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: page.activity_list.model.rowCount() == 1)
