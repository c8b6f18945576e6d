"""Family-health instructors per village: the 2023 plan's check of at least two in every village."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.database.models import Division, Person, PersonRole
from app.domain.enums import DivisionLevel, PersonRoleKind
from app.domain.records.org import INSTRUCTOR_TARGET, InstructorCoverage, VillageInstructors
from app.services.organisation.person import current_role
from app.services.shared.records import places, under
from app.services.shared.scope import root_code
from app.services.shared.workspace import Workspace


def _village_instructors(ws: Workspace, division_code: str | None, today: date) -> list[VillageInstructors]:
    code = division_code or root_code(ws)
    with ws.db.read() as s:
        villages = s.execute(
            select(Division.code, Division.name).where(
                Division.deleted.is_(False),
                Division.valid_to.is_(None),
                Division.level == DivisionLevel.VILLAGE,
                *under(Division.code, code),
            )
        ).all()
        names: dict[str, list[str]] = {}
        for village, name in s.execute(
            select(PersonRole.division_code, Person.name)
            .join(Person, Person.id == PersonRole.person_id)
            .where(
                PersonRole.role == PersonRoleKind.HEALTH_INSTRUCTOR,
                PersonRole.deleted.is_(False),
                Person.deleted.is_(False),
                current_role(today),
                *under(PersonRole.division_code, code),
            )
            .order_by(Person.name_key)
        ):
            names.setdefault(village, []).append(name)
        where = places(s, [v for v, _ in villages])
    return [
        VillageInstructors(v, n, where[v].township, len(names.get(v, [])), "、".join(names.get(v, [])))
        for v, n in villages
    ]


def villages_below_instructor_target(
    ws: Workspace,
    division_code: str | None = None,
    *,
    target: int = INSTRUCTOR_TARGET,
    today: date | None = None,
) -> list[VillageInstructors]:
    """Villages with fewer than ``target`` current instructors, fewest first, then by code."""
    rows = _village_instructors(ws, division_code, today or date.today())
    return sorted((r for r in rows if r.instructors < target), key=lambda r: (r.instructors, r.code))


def instructor_coverage(
    ws: Workspace, division_code: str | None = None, *, today: date | None = None
) -> InstructorCoverage:
    rows = _village_instructors(ws, division_code, today or date.today())
    return InstructorCoverage(
        villages=len(rows),
        villages_on_target=sum(1 for r in rows if r.instructors >= INSTRUCTOR_TARGET),
        instructors=sum(r.instructors for r in rows),
    )
