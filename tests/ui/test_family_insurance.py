"""保险保障 through the family form: the demo family's policies, a new one typed in, one deleted."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.database.models import InsurancePolicy
from app.services.families import insurance
from app.services.shared.workspace import Workspace
from ui.families.family_form import FamilyForm
from ui.families.insurance import InsuranceSection, PolicyForm
from ui.shell.page import PageContext
from ui.shell.tasks import SyncTaskRunner
from ui.widgets.draft_dialog import DraftDialog


@pytest.fixture(autouse=True)
def answers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(DraftDialog, "ask_restore", lambda self, info: False)
    monkeypatch.setattr(DraftDialog, "ask_close", lambda self: "discard")
    monkeypatch.setattr(InsuranceSection, "confirm_delete", lambda self, row: True)


def insured_family(ws: Workspace) -> str:
    with ws.db.read() as s:
        family_id = s.scalar(select(InsurancePolicy.family_id).where(InsurancePolicy.deleted.is_(False)))
    assert family_id is not None
    return family_id


def test_policies_are_shown_added_and_deleted(
    qtbot: QtBot, qtmodeltester: ModelTester, demo_workspace: Workspace
) -> None:
    family_id = insured_family(demo_workspace)
    before = insurance.list_policies(demo_workspace, family_id)
    form = FamilyForm(PageContext(demo_workspace, SyncTaskRunner()), family_id)
    qtbot.addWidget(form)
    form.show()
    form.tabs.setCurrentWidget(form.insurance)
    section = form.insurance
    qtmodeltester.check(section.model)
    assert section.isEnabled() and section.model.rowCount() == len(before) > 0
    assert str(len(before)) in section.count.text()

    qtbot.mouseClick(section.add_button, Qt.MouseButton.LeftButton)
    policy_form = section.forms[-1]
    assert isinstance(policy_form, PolicyForm)
    assert policy_form.product.text() == "计生特殊家庭综合保险" and policy_form.year.value() is not None
    policy_form.year.set_text("2027")  # next year's cover, bought ahead
    policy_form.insurer.set_text("中国平安")
    qtbot.keyClicks(policy_form.premium.edit, "120")
    qtbot.keyClicks(policy_form.insured.edit, "50000")
    policy_form.starts_on.set_text("2027-01-01")
    policy_form.ends_on.set_text("2026-12-31")  # before the start: refused
    policy_form.save()
    assert policy_form.isVisible() and "止期" in policy_form.summary.text()
    policy_form.ends_on.set_text("2027-12-31")
    with qtbot.waitSignal(policy_form.saved, timeout=3000):
        policy_form.save()
    assert section.model.rowCount() == len(before) + 1
    newest = section.model.row_at(0)
    assert (newest.year, newest.insurer, newest.premium_fen) == (2027, "中国平安", 12_000)

    section.view.setFocus()
    section.view.selectRow(0)
    section.delete_policy()
    assert section.model.rowCount() == len(before)
    assert all(p.year != 2027 for p in insurance.list_policies(demo_workspace, family_id))
    QApplication.processEvents()


def test_a_new_family_gets_its_policies_after_saving(qtbot: QtBot, workspace: Workspace) -> None:
    form = FamilyForm(PageContext(workspace, SyncTaskRunner()), None)
    qtbot.addWidget(form)
    form.show()
    assert not form.insurance.isEnabled()
    assert form.insurance.count.text() and form.insurance.model.rowCount() == 0


def test_an_unfinished_policy_is_reopened_from_the_home_page(
    qtbot: QtBot, demo_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.services.shared import drafts
    from ui.shell.main_window import MainWindow

    monkeypatch.setattr(DraftDialog, "ask_restore", lambda self, info: True)
    family_id = insured_family(demo_workspace)
    drafts.save_draft(
        demo_workspace, "policy", f"new-{family_id}", {"insurer": "中国平安", "year": "2027"}, title="保险"
    )
    window = MainWindow(demo_workspace, SyncTaskRunner())
    qtbot.addWidget(window)
    window.show()
    form = window.open_draft("policy", f"new-{family_id}")
    assert isinstance(form, PolicyForm) and form.family_id == family_id
    assert form.insurer.text() == "中国平安" and form.year.value() == 2027
    assert window.current_key() == "families"
    form.close()


def test_a_claim_recorded_on_the_chosen_policy(qtbot: QtBot, demo_workspace: Workspace) -> None:
    from ui.families.claims import ClaimForm

    family_id = insured_family(demo_workspace)
    form = FamilyForm(PageContext(demo_workspace, SyncTaskRunner()), family_id)
    qtbot.addWidget(form)
    form.resize(1000, 700)
    form.show()
    form.tabs.setCurrentWidget(form.insurance)
    section = form.insurance
    policy = section.current()
    assert policy is not None and section.claims.policy_id == policy.id
    assert section.claims.isEnabled()
    qtbot.mouseClick(section.claims.add_button, Qt.MouseButton.LeftButton)
    claim = section.claims.forms[-1]
    assert isinstance(claim, ClaimForm)
    on = policy.starts_on or date(policy.year, 3, 1)
    claim.claimed_on.set_text(f"{on:%Y-%m-%d}")
    qtbot.keyClicks(claim.amount.edit, "1200")
    claim.reason.set_text("住院护理")
    claim.save()
    assert not claim.isVisible()
    assert section.claims.model.rowCount() == 1
    assert "1,200.00" in section.claims.count.text()
    row = section.current()
    assert row is not None and row.id == policy.id and row.claim_count == 1 and row.claimed_fen == 120_000
    form.grab().save("/tmp/claims.png")


def test_a_volunteer_service_recorded_on_its_tab(qtbot: QtBot, demo_workspace: Workspace) -> None:
    from app.services.families import volunteer_services
    from ui.families.volunteer_services import VolunteerServiceForm

    family_id = insured_family(demo_workspace)
    form = FamilyForm(PageContext(demo_workspace, SyncTaskRunner()), family_id)
    qtbot.addWidget(form)
    form.show()
    form.tabs.setCurrentWidget(form.volunteering)
    section = form.volunteering
    assert section.isEnabled()
    before = len(volunteer_services.list_volunteer_services(demo_workspace, family_id))
    qtbot.mouseClick(section.add_button, Qt.MouseButton.LeftButton)
    service = section.forms[-1]
    assert isinstance(service, VolunteerServiceForm)
    assert service.system.value() == "志愿服务"
    qtbot.waitUntil(lambda: service.volunteer.combo.count() > 1)  # the volunteers near the family
    service.served_on.set_text(f"{date.today():%Y-%m-%d}")
    service.volunteer.combo.setCurrentIndex(1)
    service.service.set_text("陪同就医")
    service.hours.set_text("3")
    service.save()
    assert not service.isVisible()
    rows = volunteer_services.list_volunteer_services(demo_workspace, family_id)
    assert len(rows) == before + 1 and rows[0].service == "陪同就医" and rows[0].person_id is not None
    assert section.model.rowCount() == before + 1


def test_a_new_family_cannot_have_services_yet(qtbot: QtBot, demo_workspace: Workspace) -> None:
    form = FamilyForm(PageContext(demo_workspace, SyncTaskRunner()), None)
    qtbot.addWidget(form)
    form.show()
    assert not form.volunteering.isEnabled() and "请先保存" not in form.volunteering.count.text()
    assert "Save the family first" in form.volunteering.count.text()


def test_claim_and_service_drafts_reopen_from_the_main_window(
    qtbot: QtBot, demo_workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.services.shared import drafts
    from ui.families.claims import ClaimForm
    from ui.families.volunteer_services import VolunteerServiceForm
    from ui.shell.main_window import MainWindow

    monkeypatch.setattr(DraftDialog, "ask_restore", lambda self, info: True)
    family_id = insured_family(demo_workspace)
    policy_id = insurance.list_policies(demo_workspace, family_id)[0].id
    drafts.save_draft(demo_workspace, "claim", f"new-{policy_id}", {"reason": "住院"}, title="理赔")
    drafts.save_draft(demo_workspace, "volunteer_service", f"new-{family_id}", {"service": "打扫"}, title="志愿服务")
    window = MainWindow(demo_workspace, SyncTaskRunner())
    qtbot.addWidget(window)
    window.show()
    claim = window.open_draft("claim", f"new-{policy_id}")
    assert isinstance(claim, ClaimForm) and claim.policy_id == policy_id and claim.reason.text() == "住院"
    claim.close()
    service = window.open_draft("volunteer_service", f"new-{family_id}")
    assert isinstance(service, VolunteerServiceForm) and service.service.text() == "打扫"
    service.close()
    assert window.open_draft("claim", "no-such-claim") is None  # gone: said on the list, nothing opens
