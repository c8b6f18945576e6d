"""Whole workflows of the 特殊家庭 page through its widgets, as a township clerk does them."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.database.models import ChangeLogEntry, SpecialFamily
from app.domain.enums import FundSource, MemberRelation, Sex, VisitOccasion
from app.domain.idcard import check_digit
from app.services import families
from app.services.families import visits
from app.services.shared import drafts
from app.services.shared.workspace import Workspace
from ui.families.family_form import FamilyForm
from ui.families.page import FamiliesPage
from ui.families.visit_form import VisitForm
from ui.shell.page import PageContext
from ui.shell.tasks import SyncTaskRunner
from ui.widgets.draft_dialog import DraftDialog

VILLAGE = "430121001001"


def id_number(birth: str, order: str) -> str:
    first17 = "430121" + birth + order
    return first17 + check_digit(first17)


HEAD_ID = id_number("19560310", "131")  # a man born 1956-03-10
SPOUSE_ID = id_number("19580817", "242")  # a woman born 1958-08-17


@pytest.fixture(autouse=True)
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """The user's answers to the forms' questions (no modal boxes in tests)."""
    given: dict[str, object] = {"restore": True, "warnings": True, "close": "keep", "asked": []}

    def note(kind: str, value: object) -> object:
        given["asked"].append(kind)  # type: ignore[union-attr]
        return value

    monkeypatch.setattr(DraftDialog, "ask_restore", lambda self, info: note("restore", given["restore"]))
    monkeypatch.setattr(
        DraftDialog, "confirm_warnings", lambda self, issues: note("warnings", given["warnings"])
    )
    monkeypatch.setattr(DraftDialog, "ask_close", lambda self: note("close", given["close"]))
    return given


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace) -> FamiliesPage:
    widget = FamiliesPage(PageContext(workspace, SyncTaskRunner()))
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    widget.refresh()
    return widget


def family_count(ws: Workspace) -> int:
    with ws.db.read() as s:
        return s.scalar(select(func.count()).select_from(SpecialFamily)) or 0


def fill_head(qtbot: QtBot, form: FamilyForm, name: str, number: str) -> None:
    form.general.village_field.set_value(VILLAGE)
    form.tabs.setCurrentWidget(form.members)
    form.members.name.edit.setText(name)  # Chinese goes in with setText (keyClicks aborts on it)
    qtbot.keyClicks(form.members.id_number.edit, number)


def save(form: DraftDialog) -> str:
    """Save through the form; the record id, or a failure that says what the form showed."""
    ids: list[str] = []
    form.saved.connect(ids.append)
    form.save()
    assert ids, f"not saved: {form.summary.text()!r}"
    return ids[0]


def test_register_cover_visit_and_find_a_family(
    qtbot: QtBot, page: FamiliesPage, workspace: Workspace
) -> None:
    form = page.new_family()
    assert isinstance(form, FamilyForm) and form.isVisible()
    fill_head(qtbot, form, "张三", HEAD_ID)
    # The ID number fills sex and birth date, and locks them.
    assert form.members.sex.currentText() == "男" and not form.members.sex.isEnabled()
    assert form.members.birth.date() == date(1956, 3, 10)
    assert "1956-03-10" in form.members.id_number.facts.text()
    qtbot.keyClicks(form.members.phone.edit, "13807310001")

    qtbot.mouseClick(form.members.add_button, Qt.MouseButton.LeftButton)
    assert form.members.relation.currentText() == MemberRelation.SPOUSE.value
    form.members.name.edit.setText("李四")
    qtbot.keyClicks(form.members.id_number.edit, SPOUSE_ID)
    assert form.members.sex.currentText() == "女" and form.members.birth.date() == date(1958, 8, 17)
    assert form.members.table.rowCount() == 2 and form.members.table.item(1, 0).text() == "李四"

    cov = form.coverage.fields
    cov["contact_township_name"].edit.setText("王干部")
    qtbot.keyClicks(cov["contact_township_phone"].edit, "13807310002")
    cov["contact_village_name"].edit.setText("刘村干")
    qtbot.keyClicks(cov["contact_village_phone"].edit, "13807310003")
    cov["doctor_institution"].edit.setText("星沙街道社区卫生服务中心")
    cov["doctor_name"].edit.setText("赵医生")
    qtbot.keyClicks(cov["doctor_signed_on"].edit, "2026-05-01")
    qtbot.keyClicks(cov["doctor_expires_on"].edit, "20270430")

    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form, timeout=2000)
    with qtbot.waitSignal(form.saved, timeout=3000) as saved:
        qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    family_id = saved.args[0]
    assert not form.isVisible() and drafts.list_drafts(workspace) == []
    detail = families.family_detail(workspace, family_id)
    assert [(m.name, m.sex, m.birth_date) for m in detail.members] == [
        ("张三", Sex.MALE, date(1956, 3, 10)),
        ("李四", Sex.FEMALE, date(1958, 8, 17)),
    ]
    assert detail.coverage.contact_village_name == "刘村干" and detail.coverage.doctor_expires_on == date(
        2027, 4, 30
    )
    assert page.list.current_id() == family_id  # the new family is selected in the list

    visit = page.record_visit()
    assert isinstance(visit, VisitForm) and "张三" in visit.windowTitle()
    visit.occasion.set_value(VisitOccasion.DOUBLE_NINTH.value)
    visit.visitors.edit.setText("王干部、刘村干")
    qtbot.keyClicks(visit.cash.edit, "500")
    visit.fund_source.set_value(FundSource.COUNTY.value)
    visit.goods.item(0, 0).setText("大米")
    visit.goods.item(0, 1).setText("2")
    visit.goods.item(0, 2).setText("袋")
    visit.goods.item(0, 3).setText("160")
    visit.add_goods_line()
    visit.goods.item(1, 0).setText("食用油")
    visit.goods.item(1, 3).setText("70")
    assert "230.00" in visit.goods_total.text()
    qtbot.keyClicks(visit.form_number.edit, "ZF20261100001")
    with qtbot.waitSignal(visit.saved, timeout=3000):
        qtbot.keyClick(visit.form_number.edit, Qt.Key.Key_Return)  # Enter saves
    [row] = visits.list_visits(workspace, family_id)
    assert row.cash_fen == 50_000 and row.fund_source is FundSource.COUNTY
    assert row.goods_text == "大米×2袋、食用油×1" and row.goods_value_fen == 23_000

    with qtbot.waitSignal(page.list.loaded, timeout=2000):
        qtbot.keyClicks(page.list.search, "zs")  # pinyin initials of 张三
    assert page.list.model.ids() == [family_id]
    shown = page.list.model.record(0)
    assert shown.head_name == "张三" and shown.has_contacts and shown.has_doctor
    assert shown.last_visit_on == date.today()
    assert "*" in page.list.model.data(page.list.model.index(0, 2))  # the list masks the ID number


def test_a_form_closed_unsaved_comes_back_as_a_draft(
    qtbot: QtBot, page: FamiliesPage, workspace: Workspace
) -> None:
    form = page.new_family()
    fill_head(qtbot, form, "王五", HEAD_ID)
    form.coverage.fields["green_channel_hospital"].edit.setText("县人民医院")
    # Written shortly after typing, while the form is still open: a crash now loses nothing.
    qtbot.waitUntil(lambda: len(drafts.list_drafts(workspace)) == 1, timeout=3000)
    assert form.isVisible()
    form.close()  # the title-bar button: nothing asked, nothing lost
    [kept] = drafts.list_drafts(workspace)
    assert kept.kind == "family" and "王五" in kept.title
    assert family_count(workspace) == 0

    again = page.new_family()
    assert again.members.name.text() == "王五" and again.members.id_number.text() == HEAD_ID
    assert again.general.village.currentData() == VILLAGE
    assert again.coverage.fields["green_channel_hospital"].text() == "县人民医院"
    assert again.is_dirty()
    save(again)
    assert family_count(workspace) == 1 and drafts.list_drafts(workspace) == []


def test_esc_asks_and_discarding_leaves_no_draft(
    qtbot: QtBot, page: FamiliesPage, workspace: Workspace, answers: dict[str, object]
) -> None:
    form = page.new_family()
    form.members.name.edit.setText("赵六")
    answers["close"] = "cancel"
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert form.isVisible()
    answers["close"] = "discard"
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert not form.isVisible() and drafts.list_drafts(workspace) == []
    assert answers["asked"] == ["close", "close"]


def test_a_duplicate_id_number_warns_at_once_and_offers_the_other_family(
    qtbot: QtBot, page: FamiliesPage, workspace: Workspace, answers: dict[str, object]
) -> None:
    first = page.new_family()
    fill_head(qtbot, first, "张三", HEAD_ID)
    existing = save(first)

    form = page.new_family()
    fill_head(qtbot, form, "张叁", HEAD_ID)
    assert [h.family_id for h in form.duplicates[0]] == [existing]
    note = form.members.id_number.note
    assert note.isVisible() and "张三" in note.text() and existing in note.text()
    other = form.open_family(existing)  # the link in the note
    assert other.family_id == existing and other.members.name.text() == "张三"
    other.close()

    answers["warnings"] = False  # the clerk sees the warning and does not save
    form.save()
    assert answers["asked"][-1] == "warnings" and family_count(workspace) == 1 and form.isVisible()
    answers["warnings"] = True
    save(form)
    assert family_count(workspace) == 2


def test_a_bad_id_number_blocks_saving_and_the_database_is_unchanged(
    qtbot: QtBot, page: FamiliesPage, workspace: Workspace
) -> None:
    with workspace.db.read() as s:
        changes = s.scalar(select(func.count()).select_from(ChangeLogEntry))
    form = page.new_family()
    bad = HEAD_ID[:-1] + ("1" if HEAD_ID[-1] != "1" else "2")
    fill_head(qtbot, form, "张三", bad)
    note = form.members.id_number.note
    assert note.isVisible() and "校验位" in note.text()  # shown as soon as 18 characters are typed
    assert form.members.sex.isEnabled()  # nothing was filled from a wrong number
    form.save()
    assert form.isVisible() and "校验位" in form.summary.text()
    assert form.focusWidget() is form.members.id_number.edit or form.tabs.currentWidget() is form.members
    with workspace.db.read() as s:
        assert s.scalar(select(func.count()).select_from(ChangeLogEntry)) == changes
    assert family_count(workspace) == 0


def test_the_home_page_can_open_the_list_on_a_coverage_gap(page: FamiliesPage, workspace: Workspace) -> None:
    page.apply_filter(missing="green_channel")
    assert page.list.filter_boxes["missing"].currentData() == "green_channel"
    assert page.list.model.rowCount() == 0
    page.apply_filter(missing=None, text="zs")
    assert page.list.search.text() == "zs"


def test_edit_and_mark_deleted_from_the_list(
    qtbot: QtBot, page: FamiliesPage, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = page.new_family()
    fill_head(qtbot, form, "张三", HEAD_ID)
    family_id = save(form)
    page.list.select_id(family_id)
    qtbot.keyClick(page.list.view, Qt.Key.Key_Return)
    opened = page.open_forms()[-1]
    assert isinstance(opened, FamilyForm) and opened.family_id == family_id
    opened.close()
    monkeypatch.setattr(FamiliesPage, "confirm_delete", lambda self, row: True)
    page.mark_deleted()
    assert page.list.model.rowCount() == 0 and families.list_family_ids(workspace) == []


def test_tab_goes_through_the_visit_form_as_it_is_laid_out(
    qtbot: QtBot, page: FamiliesPage, workspace: Workspace
) -> None:
    form = page.new_family()
    fill_head(qtbot, form, "张三", HEAD_ID)
    visit = page.record_visit(save(form))
    assert visit is not None
    visit.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is visit, timeout=2000)
    visit.visited_on.setFocus()
    expected = [
        visit.kind.combo,
        visit.occasion.combo,
        visit.way.combo,
        visit.visitors.edit,
        visit.cash.edit,
        visit.fund_source.combo,
        visit.goods,
    ]
    for widget in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is widget


def test_ctrl_n_starts_a_new_family_after_asking(
    qtbot: QtBot, page: FamiliesPage, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    choice = {"answer": "discard"}
    monkeypatch.setattr(DraftDialog, "ask_unsaved", lambda self: choice["answer"])
    form = page.new_family()
    fill_head(qtbot, form, "张三", HEAD_ID)
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form, timeout=2000)
    qtbot.keyClick(form, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert form.members.name.text() == "" and not form.is_dirty() and drafts.list_drafts(workspace) == []

    fill_head(qtbot, form, "李四", SPOUSE_ID)
    choice["answer"] = "save"
    with qtbot.waitSignal(form.saved, timeout=3000):
        qtbot.keyClick(form, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert form.isVisible() and form.family_id is None and form.members.name.text() == ""
    assert [
        r.head_name for r in families.load_family_rows(workspace, families.list_family_ids(workspace))
    ] == ["李四"]
