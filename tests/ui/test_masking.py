"""Masked numbers in the family form: a township clerk sees them masked, shows one member's in
full with the keyboard (and the audit log records it), and saves without losing them; a
read-only viewer is not offered the button; the clerk's list holds its township only."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.database.models import FamilyMember, Person, PersonRole, SpecialFamily
from app.domain.enums import PersonRoleKind, UserRole
from app.domain.records.accounts import SignedInUser
from app.services.shared import audit as audit_service
from app.services.shared.workspace import Workspace
from ui.families.family_form import FamilyForm
from ui.families.page import FamiliesPage
from ui.organisation.person_form import PersonForm
from ui.shell.page import PageContext
from ui.shell.tasks import SyncTaskRunner
from ui.widgets.draft_dialog import DraftDialog

TOWNSHIP = "430121001000"  # 星沙街道


@pytest.fixture(autouse=True)
def no_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(DraftDialog, "ask_restore", lambda self, info: False)
    monkeypatch.setattr(DraftDialog, "confirm_warnings", lambda self, issues: True)
    monkeypatch.setattr(DraftDialog, "ask_close", lambda self: "discard")


def a_member(ws: Workspace) -> tuple[str, FamilyMember]:
    with ws.db.session() as s:
        family, member = s.execute(
            select(SpecialFamily, FamilyMember)
            .join(FamilyMember, FamilyMember.family_id == SpecialFamily.id)
            .where(
                SpecialFamily.division_code.startswith("430121001"),
                SpecialFamily.deleted.is_(False),
                FamilyMember.deleted.is_(False),
                FamilyMember.id_number.is_not(None),
            )
            .order_by(SpecialFamily.id)
            .limit(1)
        ).one()
        member.bank_account = "6217001234567890123"
        return family.id, member


def open_form(qtbot: QtBot, ws: Workspace, family_id: str) -> FamilyForm:
    form = FamilyForm(PageContext(ws, SyncTaskRunner()), family_id)
    qtbot.addWidget(form)
    form.resize(940, 600)
    form.show()
    form.tabs.setCurrentWidget(form.members)
    return form


def select_member(form: FamilyForm, member_id: str) -> None:
    index = next(i for i, m in enumerate(form.members.members) if m["id"] == member_id)
    form.members.select(index)


def test_a_clerk_shows_one_members_numbers_by_keyboard_and_saves_without_losing_them(
    qtbot: QtBot, demo_workspace: Workspace, tmp_path: object
) -> None:
    ws = demo_workspace
    family_id, member = a_member(ws)
    ws.user = SignedInUser("luru", "录入员", UserRole.TOWNSHIP_CLERK, TOWNSHIP)
    form = open_form(qtbot, ws, family_id)
    select_member(form, member.id)
    panel = form.members
    assert member.id_number is not None
    assert panel.id_number.text() == member.id_number[:6] + "********" + member.id_number[-4:]
    assert panel.bank_account.text() == "***************0123"
    assert panel.id_number.edit.isReadOnly() and panel.id_number.issues() == []
    assert panel.unmask_button.isVisible()
    form.grab().save(str(tmp_path) + "/masked.png")

    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form, timeout=2000)
    panel.id_number.edit.setFocus()
    qtbot.keyClick(panel.id_number.edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.unmask_button  # Tab reaches it too
    qtbot.keyClick(form, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)  # Alt+W: 显示完整号码
    qtbot.waitUntil(lambda: panel.id_number.text() == member.id_number, timeout=2000)  # an animated click
    assert panel.bank_account.text() == "6217001234567890123"
    assert not panel.id_number.edit.isReadOnly() and not panel.unmask_button.isVisible()
    assert not form.is_dirty()  # showing is not editing
    entry = audit_service.list_entries(ws, 1)[0]
    assert (entry.action, entry.target, entry.username) == ("unmask", f"家庭成员 {member.id}", "luru")
    assert audit_service.verify(ws).ok

    ids: list[str] = []
    form.saved.connect(ids.append)
    form.save()
    assert ids == [family_id]
    with ws.db.read() as s:
        stored = s.get(FamilyMember, member.id)
        assert stored is not None and stored.id_number == member.id_number
        assert stored.bank_account == "6217001234567890123"


def test_a_read_only_viewer_is_not_offered_the_full_numbers(qtbot: QtBot, demo_workspace: Workspace) -> None:
    ws = demo_workspace
    family_id, member = a_member(ws)
    ws.user = SignedInUser("chakan", "查看", UserRole.READ_ONLY, TOWNSHIP)
    form = open_form(qtbot, ws, family_id)
    select_member(form, member.id)
    assert "*" in form.members.id_number.text()
    assert not form.members.unmask_button.isVisible()
    assert audit_service.list_entries(ws, 1)[0].action == "view_person"
    page = FamiliesPage(PageContext(ws, SyncTaskRunner()))
    qtbot.addWidget(page)
    page.show()
    assert page.edit_button.isVisible() and page.print_button.isVisible()
    assert not any(b.isVisible() for b in (page.new_button, page.visit_button, page.delete_button))


def test_a_township_clerk_logs_in_and_sees_only_its_township(qtbot: QtBot, demo_workspace: Workspace) -> None:
    ws = demo_workspace
    ws.user = SignedInUser("luru", "录入员", UserRole.TOWNSHIP_CLERK, TOWNSHIP)
    page = FamiliesPage(PageContext(ws, SyncTaskRunner()))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.list.model.rowCount() > 0)
    rows = page.list.model.rowCount()
    with ws.db.read() as s:
        inside = s.scalars(
            select(SpecialFamily.id).where(
                SpecialFamily.deleted.is_(False), SpecialFamily.division_code.startswith("430121001")
            )
        ).all()
    assert rows == len(inside)
    shown = {page.list.model.ids()[i] for i in range(rows)}
    assert shown == set(inside)


def test_a_clerk_shows_a_persons_full_id_number_in_the_person_form(
    qtbot: QtBot, demo_workspace: Workspace
) -> None:
    ws = demo_workspace
    with ws.db.read() as s:
        role_id, number = s.execute(
            select(PersonRole.id, Person.id_number)
            .join(Person, Person.id == PersonRole.person_id)
            .where(
                PersonRole.division_code.startswith("430121001"),
                PersonRole.deleted.is_(False),
                Person.id_number.is_not(None),
            )
            .order_by(PersonRole.id)
            .limit(1)
        ).one()
    ws.user = SignedInUser("luru", "录入员", UserRole.TOWNSHIP_CLERK, TOWNSHIP)
    form = PersonForm(PageContext(ws, SyncTaskRunner()), role_id, list(PersonRoleKind), "staff")
    qtbot.addWidget(form)
    form.show()
    assert form.id_number.text() == number[:6] + "********" + number[-4:]
    assert form.id_number.edit.isReadOnly() and form.unmask_button.isVisible()
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form, timeout=2000)
    form.id_number.edit.setFocus()
    qtbot.keyClick(form.id_number.edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.unmask_button  # Tab reaches it, Space presses it
    qtbot.keyClick(form.unmask_button, Qt.Key.Key_Space)
    assert form.id_number.text() == number and not form.unmask_button.isVisible()
    assert not form.is_dirty()
    entry = audit_service.list_entries(ws, 1)[0]
    assert (entry.action, entry.username) == ("unmask", "luru") and number not in str(entry.detail)
