"""Home-page figures counted by hand on a small database."""

from __future__ import annotations

from datetime import date

from app.database.models import Meta, SpecialFamily, Visit
from app.domain.enums import FamilyCategory, FamilyStatus, VisitOccasion, VisitWay
from app.services.home.overview import next_festival, overview

VILLAGE = "430121001001"


def _families(workspace) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    with workspace.db.session() as s:
        full = SpecialFamily(
            division_code=VILLAGE,
            category=FamilyCategory.BEREAVED,
            head_name="甲",
            contact_township_name="乡干部",
            contact_village_name="村干部",
            doctor_name="王医生",
            doctor_expires_on=date(2027, 1, 1),
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
        return full.id, bare.id


def _visit(workspace, family_id: str, on: date, occasion: VisitOccasion, cash_fen: int = 0) -> None:  # type: ignore[no-untyped-def]
    with workspace.db.session() as s:
        s.add(
            Visit(
                family_id=family_id,
                division_code=VILLAGE,
                visited_on=on,
                occasion=occasion,
                way=VisitWay.HOME,
                visitors="张",
                cash_fen=cash_fen,
            )
        )


def test_overview_counts(workspace) -> None:  # type: ignore[no-untyped-def]
    full, _bare = _families(workspace)
    _visit(workspace, full, date(2026, 10, 1), VisitOccasion.ROUTINE, 50000)
    _visit(
        workspace, full, date(2025, 12, 1), VisitOccasion.ROUTINE, 20000
    )  # last year: not in this year's sums
    data = overview(workspace, today=date(2026, 11, 1))
    assert data.families == 2  # the moved-out family is not counted
    assert (data.missing_contact, data.missing_doctor, data.missing_green_channel) == (1, 1, 1)
    assert data.not_visited_half_year == 1
    assert (data.visits_this_year, data.cash_this_year_fen) == (1, 50000)
    assert data.division_name == "长沙县" and data.role == "县级"


def test_an_expired_family_doctor_contract_counts_as_missing(workspace) -> None:  # type: ignore[no-untyped-def]
    _families(workspace)
    assert overview(workspace, today=date(2027, 3, 1)).missing_doctor == 2


def test_changes_since_the_last_bundle(workspace) -> None:  # type: ignore[no-untyped-def]
    _families(workspace)  # three inserts, three change-log entries
    assert overview(workspace).unsynced_changes == 3
    with workspace.db.session() as s:
        s.add(Meta(key="last_exported_seq", value="2"))
    data = overview(workspace)
    assert data.unsynced_changes == 1
    assert data.unconfirmed_changes == 3  # no receipt has come back yet


def test_the_coming_festival_counts_families_not_yet_visited_for_it(workspace) -> None:  # type: ignore[no-untyped-def]
    full, bare = _families(workspace)
    _visit(workspace, full, date(2027, 1, 20), VisitOccasion.SPRING_FESTIVAL)
    _visit(workspace, bare, date(2027, 1, 21), VisitOccasion.ROUTINE)  # a routine visit is not the festival's
    data = overview(workspace, today=date(2027, 1, 25))
    assert data.festival is not None
    assert (data.festival.occasion, data.festival.on) == (VisitOccasion.SPRING_FESTIVAL, date(2027, 2, 6))
    assert (data.festival.days_left, data.festival.not_visited) == (12, 1)


def test_next_festival_follows_the_calendar() -> None:
    assert next_festival(date(2026, 9, 1)) == (VisitOccasion.MID_AUTUMN, date(2026, 9, 25))
    assert next_festival(date(2026, 9, 30)) == (
        VisitOccasion.MID_AUTUMN,
        date(2026, 9, 25),
    )  # still in season
    assert next_festival(date(2026, 10, 12)) == (VisitOccasion.DOUBLE_NINTH, date(2026, 10, 18))
    assert next_festival(date(2026, 11, 23)) == (VisitOccasion.SPRING_FESTIVAL, date(2027, 2, 6))
    assert next_festival(date(2040, 1, 1)) is None  # past the published table
