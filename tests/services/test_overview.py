"""Home-page figures counted by hand on a small database."""

from __future__ import annotations

from datetime import date

from app.database.models import SpecialFamily, Visit
from app.domain.enums import FamilyCategory, FamilyStatus, VisitOccasion, VisitWay
from app.services.overview import overview


def test_overview_counts(workspace) -> None:  # type: ignore[no-untyped-def]
    today = date(2026, 11, 1)
    with workspace.db.session() as s:
        full = SpecialFamily(division_code="430121001001", category=FamilyCategory.BEREAVED, head_name="甲",
                             contact_township_name="乡干部", contact_village_name="村干部", doctor_name="王医生",
                             doctor_expires_on=date(2027, 1, 1), green_channel_hospital="县医院")
        bare = SpecialFamily(division_code="430121001001", category=FamilyCategory.DISABLED, head_name="乙")
        gone = SpecialFamily(division_code="430121001001", category=FamilyCategory.DISABLED, head_name="丙",
                             status=FamilyStatus.MOVED_OUT)
        s.add_all([full, bare, gone])
        s.flush()
        s.add(Visit(family_id=full.id, division_code="430121001001", visited_on=date(2026, 10, 1),
                    occasion=VisitOccasion.ROUTINE, way=VisitWay.HOME, visitors="张", cash_fen=50000))
    data = overview(workspace, today=today)
    assert data.families == 2  # the moved-out family is not counted
    assert (data.missing_contact, data.missing_doctor, data.missing_green_channel) == (1, 1, 1)
    assert data.not_visited_half_year == 1
    assert (data.visits_this_year, data.cash_this_year_fen) == (1, 50000)
    assert data.unsent_changes == 4
    assert data.division_name == "长沙县"
