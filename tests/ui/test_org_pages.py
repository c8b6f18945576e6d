"""组织建设 through the widgets: associations and 换届, people by ID number, instructors per village, 阵地."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.domain.enums import PersonRoleKind, PositionKind, Sex, StaffKind
from app.domain.idcard import check_digit
from app.domain.records.org import AssociationFilter, PersonFilter
from app.services import organisation
from app.services.shared.workspace import Workspace
from ui.organisation.association_form import AssociationForm, TermForm
from ui.organisation.page import OrganisationPage
from ui.organisation.person_form import PersonForm
from ui.organisation.position_form import PositionForm
from ui.shell.page import PageContext
from ui.shell.tasks import SyncTaskRunner
from ui.widgets.draft_dialog import DraftDialog

TOWNSHIP = "430121001000"
VILLAGE = "430121001001"  # 开元路社区居委会


def id_number(birth: str, order: str) -> str:
    first17 = "430121" + birth + order
    return first17 + check_digit(first17)


@pytest.fixture(autouse=True)
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    given: dict[str, object] = {"warnings": True, "asked": []}

    def note(kind: str, value: object) -> object:
        given["asked"].append(kind)  # type: ignore[union-attr]
        return value

    monkeypatch.setattr(DraftDialog, "ask_restore", lambda self, info: note("restore", False))
    monkeypatch.setattr(
        DraftDialog, "confirm_warnings", lambda self, issues: note("warnings", given["warnings"])
    )
    monkeypatch.setattr(DraftDialog, "ask_close", lambda self: note("close", "discard"))
    return given


def make_page(qtbot: QtBot, ws: Workspace) -> OrganisationPage:
    widget = OrganisationPage(PageContext(ws, SyncTaskRunner()))
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    widget.refresh()
    return widget


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace) -> OrganisationPage:
    return make_page(qtbot, workspace)


def test_association_registered_and_reelected(
    qtbot: QtBot, page: OrganisationPage, workspace: Workspace
) -> None:
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = page.associations.forms[-1]
    assert isinstance(form, AssociationForm)
    form.division.set_value(VILLAGE)
    form.name_field.edit.setText("开元路社区计生协")
    form.president.edit.setText("王会长")
    qtbot.keyClicks(form.members.edit, "120")
    qtbot.keyClicks(form.groups.edit, "4")
    form.member_home.setChecked(True)
    assert not form.term_button.isEnabled()  # terms come after the association is saved
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form, timeout=2000)
    with qtbot.waitSignal(form.saved, timeout=3000):
        qtbot.keyClick(form.members.edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not form.isVisible()
    (aid,) = organisation.list_association_ids(workspace)
    assert page.association_list.current_id() == aid
    row = page.association_list.current_record()
    assert (row.name, row.member_count, row.has_member_home) == ("开元路社区计生协", 120, True)

    edit = page.associations.edit_record()
    assert isinstance(edit, AssociationForm) and edit.term_button.isEnabled()
    term = edit.record_term()
    assert isinstance(term, TermForm) and term.term_years.value() == 5
    term.elected_on.edit.setText("2024-03-08")
    term.president.edit.setText("张新会长")
    term.secretary.edit.setText("李秘书长")
    qtbot.keyClicks(term.council.edit, "9")
    term.save()
    assert not term.isVisible()
    assert edit.terms_model.rowCount() == 1  # the form shows the new term at once
    assert edit.president.text() == "张新会长"
    detail = organisation.association_detail(workspace, aid)
    assert detail.last_election_on == date(2024, 3, 8) and detail.secretary_general == "李秘书长"


def test_staff_by_id_number_then_the_same_person_as_a_member(
    qtbot: QtBot, page: OrganisationPage, workspace: Workspace, answers: dict[str, object]
) -> None:
    number = id_number("19800412", "242")  # a woman born 1980-04-12
    page.tabs.setCurrentIndex(1)
    form = page.new_record()
    assert isinstance(form, PersonForm) and form.roles[0] is PersonRoleKind.STAFF
    form.name_field.edit.setText("周专干")
    qtbot.keyClicks(form.id_number.edit, number)
    assert form.sex.value() == Sex.FEMALE.value and form.birth_date.date() == date(1980, 4, 12)
    form.division.set_value(TOWNSHIP)
    assert form.staff_kind.isEnabled() and not form.hours.isEnabled()
    form.save()  # no staff kind: refused at the field
    assert form.isVisible() and form.staff_kind.note.isVisible()
    form.staff_kind.set_value(StaffKind.CONTRACT.value)
    form.title_field.edit.setText("专干")
    form.save()
    assert not form.isVisible()
    staff = organisation.list_person_ids(workspace, PersonFilter(roles=(PersonRoleKind.STAFF,)))
    assert len(staff) == 1 and page.people["staff"].list.model.ids() == staff

    page.tabs.setCurrentIndex(2)
    member = page.new_record()
    assert isinstance(member, PersonForm) and member.roles[0] is PersonRoleKind.MEMBER
    member.name_field.edit.setText("周专干")
    qtbot.keyClicks(member.id_number.edit, number)
    assert "周专干" in member.id_number.note.text()  # at once: who already holds the number
    member.division.set_value(VILLAGE)
    member.save()
    assert "warnings" in answers["asked"]  # type: ignore[operator]
    assert not member.isVisible()
    detail = organisation.person_role_detail(workspace, page.people["members"].list.model.ids()[0])
    assert detail.other_roles and "工作人员" in detail.other_roles[0]
    assert detail.person.id == organisation.person_role_detail(workspace, staff[0]).person.id


def test_instructors_and_villages_below_target(
    qtbot: QtBot, qtmodeltester: ModelTester, page: OrganisationPage, workspace: Workspace
) -> None:
    page.tabs.setCurrentIndex(4)
    page.refresh()
    before = {v.code: v.instructors for v in page.instructor_gaps.rows()}
    assert before[VILLAGE] == 0
    for name, order in (("指导员甲", "111"), ("指导员乙", "222")):
        form = page.new_record()
        assert isinstance(form, PersonForm) and form.trained_on.isEnabled()
        form.name_field.edit.setText(name)
        qtbot.keyClicks(form.id_number.edit, id_number("19850101", order))
        form.division.set_value(VILLAGE)
        form.trained_on.edit.setText("2025-04-01")
        form.certificate.edit.setText(f"JKZD{order}")
        form.save()
        assert not form.isVisible()
    after = {v.code for v in page.instructor_gaps.rows()}
    assert VILLAGE not in after and len(after) == len(before) - 1
    assert "1 of" in page.instructor_gaps.summary.text() or "1 个" in page.instructor_gaps.summary.text()
    qtmodeltester.check(page.instructor_gaps.model)
    qtmodeltester.check(page.people["instructors"].list.model)


def test_position_named_after_its_place_and_counted(
    qtbot: QtBot, page: OrganisationPage, workspace: Workspace
) -> None:
    page.tabs.setCurrentWidget(page.positions)
    form = page.new_record()
    assert isinstance(form, PositionForm)
    form.kind.set_value(PositionKind.MEMBER_HOME.value)
    form.division.set_value(VILLAGE)
    assert form.name_field.text() == "开元路社区居委会会员之家"
    form.opened_on.edit.setText("2024-05-01")
    form.plaque_on.edit.setText("2024-05-29")
    qtbot.keyClicks(form.funding.edit, "30000")
    qtbot.keyClicks(form.area.edit, "120")
    qtbot.keyClick(form.area.edit, Qt.Key.Key_Return)
    assert not form.isVisible()
    (row,) = organisation.load_position_rows(workspace, page.position_list.model.ids())
    assert (row.kind, row.funding_fen, row.area_m2) == (PositionKind.MEMBER_HOME, 3_000_000, 120)
    page.refresh()
    assert "会员之家 1" in page.position_counts.text()


def test_every_tab_on_demo_data(qtbot: QtBot, qtmodeltester: ModelTester, demo_workspace: Workspace) -> None:
    page = make_page(qtbot, demo_workspace)
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        tab = page.current_tab()
        assert tab.list.model.rowCount() > 0, page.tabs.tabText(index)
        qtmodeltester.check(tab.list.model)
    page.tabs.setCurrentIndex(0)
    page.association_list.set_filter("term_due", "due")
    due = organisation.list_association_ids(demo_workspace, AssociationFilter(term_due=True))
    assert page.association_list.model.ids() == due


def test_volunteer_roster_imported_from_its_tab(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> None:
    from openpyxl import Workbook

    from ui.widgets.import_pages import FilePage, PreviewPage
    from ui.widgets.import_wizard import ImportWizard

    page = make_page(qtbot, workspace)
    page.tabs.setCurrentWidget(page.people["volunteers"])
    button = page.people["volunteers"].import_button
    assert button is not None and button.isVisible() and button.text() == "&Import…"
    book = Workbook()
    sheet = book.active
    sheet.append(["志愿者花名册"])
    sheet.append(["姓名", "身份证号码", "村（社区）", "服务时长"])
    sheet.append(["刘志愿", id_number("19800310", "131"), "开元路社区", 12])
    sheet.append(["没有村", id_number("19850817", "242"), "不存在村", 3])
    book.save(tmp_path / "志愿者.xlsx")
    button.click()
    wizard = page.people["volunteers"].findChild(ImportWizard)
    assert wizard is not None and wizard.windowTitle() == "Import 志愿者"
    first = wizard.currentPage()
    assert isinstance(first, FilePage)
    first.path.setText(str(tmp_path / "志愿者.xlsx"))
    for _ in range(4):  # sheet, header row, columns, preview
        wizard.next()
    preview = wizard.currentPage()
    assert isinstance(preview, PreviewPage)
    assert [preview.grid.item(r, 1).text() for r in range(2)] == ["新增", "拒绝"]
    wizard.button(wizard.WizardButton.FinishButton).click()
    volunteers = page.people["volunteers"].list
    qtbot.waitUntil(lambda: volunteers.model.rowCount() == 1)
    record = volunteers.model.record(0)
    assert record is not None and record.name == "刘志愿"
