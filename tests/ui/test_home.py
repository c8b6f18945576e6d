"""首页 on a small hand-made county: the figures, the families due for a visit, the drafts, the links."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.database.models import SpecialFamily, Visit
from app.domain.enums import FamilyCategory, FamilyStatus, VisitOccasion, VisitWay
from app.services.shared import drafts
from ui.home.page import HomePage
from ui.shell.page import PageContext
from ui.shell.tasks import SyncTaskRunner

VILLAGE = "430121001001"
RECENT = max(date.today() - timedelta(days=10), date(date.today().year, 1, 1))  # recent, and this year


@pytest.fixture
def families(workspace) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """甲 has everything and a recent visit; 乙 only a township contact; 丙 moved out."""
    with workspace.db.session() as s:
        full = SpecialFamily(
            division_code=VILLAGE,
            category=FamilyCategory.BEREAVED,
            head_name="甲",
            contact_township_name="乡干部",
            contact_village_name="村干部",
            doctor_name="王医生",
            doctor_expires_on=date.today() + timedelta(days=300),
            green_channel_hospital="县医院",
        )
        bare = SpecialFamily(
            division_code=VILLAGE,
            category=FamilyCategory.DISABLED,
            head_name="乙",
            contact_township_name="乡干部",
        )
        gone = SpecialFamily(
            division_code=VILLAGE,
            category=FamilyCategory.DISABLED,
            head_name="丙",
            status=FamilyStatus.MOVED_OUT,
        )
        s.add_all([full, bare, gone])
        s.flush()
        s.add(
            Visit(
                family_id=full.id,
                division_code=VILLAGE,
                visited_on=RECENT,
                occasion=VisitOccasion.ROUTINE,
                way=VisitWay.HOME,
                visitors="张",
                cash_fen=50000,
            )
        )
        return {"甲": full.id, "乙": bare.id}


@pytest.fixture
def home(qtbot: QtBot, workspace) -> HomePage:  # type: ignore[no-untyped-def]
    page = HomePage(PageContext(workspace, SyncTaskRunner()))
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    return page


def test_the_figures_match_a_hand_count(home: HomePage, families: dict[str, str]) -> None:
    home.refresh()
    cards = home.cards
    assert cards["families"].value.text() == "2 households"  # the moved-out family is not counted
    assert cards["missing_contact"].value.text() == "1 households"
    assert cards["missing_doctor"].value.text() == "1 households"
    assert cards["missing_green_channel"].value.text() == "1 households"
    assert cards["visits_due"].value.text() == "1 households"
    assert cards["unsynced"].value.text() == "4"  # three families and a visit, no bundle written yet
    assert cards["missing_contact"].value.property("warn") is True
    assert "长沙县" in home.heading.text()
    assert "1 visits, 500.00 yuan" in home.totals.text()


def test_families_due_for_a_visit_are_listed_and_open_the_visit_form(
    qtbot: QtBot, qtmodeltester: ModelTester, home: HomePage, families: dict[str, str]
) -> None:
    home.refresh()
    qtmodeltester.check(home.visit_model)
    assert home.visit_model.rowCount() == 1
    assert home.visit_model.index(0, 0).data() == "乙"
    assert home.visit_model.index(0, 3).data() == "never"
    with qtbot.waitSignal(home.visit_requested) as signal:
        qtbot.mouseClick(home.visit_button, Qt.MouseButton.LeftButton)
    assert signal.args == [families["乙"]]


def test_drafts_are_listed_and_reopened(qtbot: QtBot, qtmodeltester: ModelTester, home: HomePage) -> None:
    home.refresh()
    assert home.cards["drafts"].value.text() == "0" and not home.draft_button.isEnabled()
    drafts.save_draft(home.workspace, "visit", "abc-123", {"cash": "100"}, title="走访：乙")
    home.refresh()
    qtmodeltester.check(home.draft_model)
    assert home.cards["drafts"].value.text() == "1"
    assert home.draft_model.index(0, 0).data() == "走访：乙"
    home.draft_table.setFocus()
    with qtbot.waitSignal(home.draft_requested) as signal:
        qtbot.keyClick(home.draft_table, Qt.Key.Key_Return)
    assert signal.args == ["visit", "abc-123"]


def test_a_coverage_figure_asks_for_the_filtered_list(qtbot: QtBot, home: HomePage) -> None:
    with qtbot.waitSignal(home.navigate) as signal:
        home.cards["missing_doctor"].setFocus()
        qtbot.keyClick(home.cards["missing_doctor"], Qt.Key.Key_Space)
    assert signal.args == ["families", {"missing": "doctor"}]
    with qtbot.waitSignal(home.navigate) as signal:
        qtbot.mouseClick(home.cards["unsynced"], Qt.MouseButton.LeftButton)
    assert signal.args == ["sync", {}]
