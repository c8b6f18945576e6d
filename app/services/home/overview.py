"""Home-page figures: what is registered, what coverage is missing, what is due, what waits to be sent."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import ColumnElement, exists, func, select
from sqlalchemy.orm import Session

from app.database.models import (
    Association,
    ChangeLogEntry,
    Division,
    FamilyMember,
    Person,
    Project,
    SpecialFamily,
    Visit,
)
from app.database.session import META_DIVISION, META_ROLE
from app.domain.enums import DivisionLevel, FamilyStatus, NodeRole, VisitOccasion
from app.domain.records.families import MISSING_CONTACT, MISSING_DOCTOR, MISSING_GREEN_CHANNEL, MISSING_VISIT
from app.domain.records.overview import FestivalDue, Overview
from app.services.families import missing_clause
from app.services.shared.scope import root_code, within
from app.services.shared.workspace import Workspace
from app.sync import state

# The festivals families are visited for. 春节, 中秋 and 重阳 follow the lunar calendar, so their
# dates are listed (from the published calendar) rather than computed; years past the table simply
# show no festival on the home page.
FESTIVALS: dict[VisitOccasion, tuple[date, ...]] = {
    VisitOccasion.SPRING_FESTIVAL: (
        date(2024, 2, 10),
        date(2025, 1, 29),
        date(2026, 2, 17),
        date(2027, 2, 6),
        date(2028, 1, 26),
        date(2029, 2, 13),
        date(2030, 2, 3),
        date(2031, 1, 23),
        date(2032, 2, 11),
        date(2033, 1, 31),
        date(2034, 2, 19),
        date(2035, 2, 8),
    ),
    VisitOccasion.MID_AUTUMN: (
        date(2024, 9, 17),
        date(2025, 10, 6),
        date(2026, 9, 25),
        date(2027, 9, 15),
        date(2028, 10, 3),
        date(2029, 9, 22),
        date(2030, 9, 12),
    ),
    VisitOccasion.DOUBLE_NINTH: (
        date(2024, 10, 11),
        date(2025, 10, 29),
        date(2026, 10, 18),
        date(2027, 10, 8),
        date(2028, 10, 26),
        date(2029, 10, 16),
        date(2030, 10, 5),
    ),
}
# A festival visit is usually made in the weeks before the day, sometimes just after it.
FESTIVAL_VISITS_FROM = timedelta(days=45)
FESTIVAL_VISITS_UNTIL = timedelta(days=15)
FESTIVAL_HORIZON = timedelta(days=120)  # a festival further away is not "coming" yet


def next_festival(today: date) -> tuple[VisitOccasion, date] | None:
    """The festival whose visiting season is on now or comes next (within four months)."""
    candidates = [
        (on, occasion)
        for occasion, days in FESTIVALS.items()
        for on in days
        if on + FESTIVAL_VISITS_UNTIL >= today and on - today <= FESTIVAL_HORIZON
    ]
    if not candidates:
        return None
    on, occasion = min(candidates)
    return occasion, on


def _registered(ws: Workspace) -> list[ColumnElement[bool]]:
    """Registered families within the signed-in user's divisions (all of them when nobody signed in)."""
    return [
        SpecialFamily.deleted.is_(False),
        SpecialFamily.status == FamilyStatus.REGISTERED,
        *within(ws, SpecialFamily.division_code),
    ]


def _count_families(s: Session, ws: Workspace, *where: ColumnElement[bool]) -> int:
    return s.scalar(select(func.count()).select_from(SpecialFamily).where(*_registered(ws), *where)) or 0


def _count(s: Session, ws: Workspace, model: type[Association] | type[Person] | type[Project]) -> int:
    where = [model.deleted.is_(False), *within(ws, model.division_code)]
    return s.scalar(select(func.count()).select_from(model).where(*where)) or 0


def _festival(s: Session, ws: Workspace, today: date) -> FestivalDue | None:
    found = next_festival(today)
    if found is None:
        return None
    occasion, on = found
    visited = select(Visit.id).where(
        Visit.family_id == SpecialFamily.id,
        Visit.deleted.is_(False),
        Visit.occasion == occasion,
        Visit.visited_on >= on - FESTIVAL_VISITS_FROM,
        Visit.visited_on <= on + FESTIVAL_VISITS_UNTIL,
    )
    return FestivalDue(occasion, on, (on - today).days, _count_families(s, ws, ~exists(visited)))


def _changes_after(s: Session, seq: int) -> int:
    return s.scalar(select(func.count()).select_from(ChangeLogEntry).where(ChangeLogEntry.seq > seq)) or 0


LEVEL_LABELS = {
    DivisionLevel.PROVINCE: "省级",
    DivisionLevel.CITY: "市级",
    DivisionLevel.COUNTY: "县级",
    DivisionLevel.TOWNSHIP: "乡镇",
    DivisionLevel.VILLAGE: "村级",
}


def own_level(ws: Workspace, role: NodeRole, level: DivisionLevel | None) -> str:
    """The level the heading names: the signed-in user's own (a township clerk at the county's
    installation works at 乡镇), the installation's when the user works at its own division."""
    if ws.user is None or level is None or ws.user.division_code == ws.division_code:
        return role.label
    return LEVEL_LABELS[level]


def overview(ws: Workspace, today: date | None = None) -> Overview:
    """Everything the home page shows, read in one transaction so the figures agree with each other."""
    today = today or date.today()
    year_start = date(today.year, 1, 1)
    with ws.db.read() as s:
        conn = s.connection()
        code = root_code(ws) if ws.user is not None else state.get(conn, META_DIVISION) or ""
        role = NodeRole(state.get(conn, META_ROLE) or NodeRole.STATION.value)
        found = s.execute(
            select(Division.name, Division.level).where(Division.code == code, Division.deleted.is_(False))
        ).first()
        name, level = (found[0], found[1]) if found is not None else (None, None)
        visits, cash = s.execute(
            select(func.count(), func.coalesce(func.sum(Visit.cash_fen), 0)).where(
                Visit.deleted.is_(False),
                Visit.visited_on >= year_start,
                Visit.visited_on <= today,
                *within(ws, Visit.division_code),
            )
        ).one()
        members = s.scalar(
            select(func.count())
            .select_from(FamilyMember)
            .join(SpecialFamily, SpecialFamily.id == FamilyMember.family_id)
            .where(*_registered(ws), FamilyMember.deleted.is_(False))
        )
        return Overview(
            division_name=name or code,
            role=own_level(ws, role, level),
            today=today,
            families=_count_families(s, ws),
            members=members or 0,
            # The families page filters with the same clauses, so a click shows exactly these families.
            missing_contact=_count_families(s, ws, missing_clause(MISSING_CONTACT, today)),
            missing_doctor=_count_families(s, ws, missing_clause(MISSING_DOCTOR, today)),
            missing_green_channel=_count_families(s, ws, missing_clause(MISSING_GREEN_CHANNEL, today)),
            not_visited_half_year=_count_families(s, ws, missing_clause(MISSING_VISIT, today)),
            festival=_festival(s, ws, today),
            visits_this_year=int(visits),
            cash_this_year_fen=int(cash),
            persons=_count(s, ws, Person),
            associations=_count(s, ws, Association),
            projects=_count(s, ws, Project),
            unsynced_changes=_changes_after(s, state.get_int(conn, state.LAST_EXPORTED_SEQ)),
            unconfirmed_changes=_changes_after(s, state.get_int(conn, state.ACKED_SEQ)),
        )
