"""A new township station, as its clerk meets it: set up by the wizard, told what to do next on the
sync page, registering a family, recording the visit from a printed form, printing the next round.

Each step is what the clerk sees and does, through the widgets of the running main window.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from app.domain.enums import MemberRelation, NodeRole
from app.domain.idcard import check_digit
from app.paths import identity_dir
from app.services import sync
from app.services.families.visits import list_visits
from ui.families.family_form import FamilyForm
from ui.families.page import FamiliesPage
from ui.families.visit_form import VisitForm
from ui.shell.main_window import MainWindow
from ui.shell.tasks import SyncTaskRunner
from ui.shell.welcome import WelcomeWizard
from ui.sync.page import SyncPage
from ui.widgets.draft_dialog import DraftDialog

TOWNSHIP = "430121102000"  # 黄兴镇


@pytest.fixture(autouse=True)
def answers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(DraftDialog, "ask_restore", lambda self, info: False)
    monkeypatch.setattr(DraftDialog, "confirm_warnings", lambda self, issues: True)
    monkeypatch.setattr(DraftDialog, "ask_close", lambda self: "discard")


def station(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    runner = SyncTaskRunner()
    wizard = WelcomeWizard(runner, tmp_path / "data" / "fpa.db")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.role_page.choices["station"].setChecked(True)
    wizard.next()
    place = wizard.place_page
    for combo, code in (
        (place.province, "430000000000"),
        (place.county, "430121000000"),
        (place.township, TOWNSHIP),
    ):
        combo.setCurrentIndex(combo.findData(code))
    wizard.next()
    admin = wizard.admin_page
    admin.username.setText("huangxing")
    admin.display_name.setText("黄兴镇录入员")
    admin.password.setText("bao-mi-2026")
    admin.repeat.setText("bao-mi-2026")
    wizard.button(QWizard.WizardButton.CommitButton).click()
    wizard.recovery_page.confirmed.setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    ws = wizard.workspace
    assert ws is not None and (ws.division_code, ws.role) == (TOWNSHIP, NodeRole.STATION)
    window = MainWindow(ws, runner)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def test_a_new_station_is_guided_from_set_up_to_the_first_visit(qtbot: QtBot, tmp_path: Path) -> None:
    window = station(qtbot, tmp_path)
    ws = window.context.workspace

    # 同步: the page says what to do first, and next.
    sync_page = window.show_page("sync")
    assert isinstance(sync_page, SyncPage)
    assert re.search(r"Step 1|第一步", sync_page.next_step.text())
    sync.new_identity(identity_dir(), "黄兴镇计生协", None)
    sync_page.refresh()
    assert re.search(r"Step 2|第二步", sync_page.next_step.text()) and not sync_page.export_button.isEnabled()

    # 特殊家庭: the township's villages in the tree; a family registered by the head's ID number.
    families = window.show_page("families")
    assert isinstance(families, FamiliesPage) and families.list.tree is not None
    assert families.list.tree.items.item(0, 0).rowCount() >= 10  # 黄兴镇's villages
    form = families.new_family()
    assert isinstance(form, FamilyForm)
    village = form.general.village
    village.setCurrentIndex(1)
    form.tabs.setCurrentWidget(form.members)
    form.members.name.edit.setText("黄大爷")
    first17 = "430121" + "19520304" + "111"
    qtbot.keyClicks(form.members.id_number.edit, first17 + check_digit(first17))
    assert form.members.relation.currentText() == MemberRelation.SELF.value
    with qtbot.waitSignal(form.saved, timeout=3000):
        form.save()
    qtbot.waitUntil(lambda: families.list.model.rowCount() == 1)

    # The visit forms printed before going out, then the filled one typed in with its form number.
    out = tmp_path / "forms.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    families.print_visit_forms(printer)
    assert out.exists() and out.stat().st_size > 1000
    family_id = families.list.model.id_at(0)
    assert family_id is not None
    families.list.select_id(family_id)
    visit = families.record_visit()
    assert isinstance(visit, VisitForm)
    visit.visitors.edit.setText("黄兴镇计生协")
    visit.form_number.edit.setText(f"ZF{date.today():%Y%m%d}-001")
    with qtbot.waitSignal(visit.saved, timeout=3000):
        visit.save()
    [recorded] = list_visits(ws, family_id)
    assert recorded.form_number.startswith("ZF")

    # 首页: the family counts, no longer due for a visit.
    home = window.show_page("home")
    assert home.cards["families"].value.text().startswith("1")  # type: ignore[attr-defined]
    ws.close()
