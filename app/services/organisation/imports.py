"""Importing people rosters: 工作人员, 会员 (and 骨干会员), 志愿者, 家庭健康指导员.

Every row goes through ``roles.checked_person``, the person form's own checks, so a roster is held
to the same rules as a person typed in. A person already on file — by ID number, or, for a row
without one, by name among the people holding a role of this kind in the same division — is
updated (blank cells keep what is stored) and given the role if they do not hold it yet; never
registered twice. The same person twice in one file is refused on the second row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.database.models import Association, Person, PersonRole
from app.domain.enums import PersonRoleKind, Sex, StaffKind
from app.domain.errors import Cancelled as CancelledError
from app.domain.permissions import is_masked
from app.domain.records.org import (
    INSTRUCTOR_ROLES,
    MEMBER_ROLES,
    STAFF_ROLES,
    VOLUNTEER_ROLES,
    PersonInput,
    RoleInput,
)
from app.services.organisation.import_fields import (
    INSTRUCTOR_FIELDS,
    ISSUE_KEYS,
    MEMBER_FIELDS,
    PERSON_FIELDS,
    STAFF_FIELDS,
    VOLUNTEER_FIELDS,
)
from app.services.organisation.person import current_role
from app.services.organisation.roles import checked_person, write_person
from app.services.shared.divisions import division_prefix
from app.services.shared.imports import (
    FieldSpec,
    ImportKindBase,
    Plan,
    Problem,
    RowAction,
    RowOutcome,
    SourceRow,
)
from app.services.shared.imports.model import Cancelled, Progress
from app.services.shared.imports.places import PlaceFinder
from app.services.shared.scope import in_scope, within
from app.services.shared.workspace import Workspace

_CHUNK = 500


@dataclass
class _Write:
    person: PersonInput
    target: str | None
    role: RoleInput


@dataclass
class _Writes:
    rows: list[_Write] = field(default_factory=list)


def _text(values: dict[str, Any], key: str, stored: str | None = None) -> str:
    value = values.get(key)
    return str(value) if value not in (None, "") else (stored or "")


class PersonRoleImport(ImportKindBase):
    """One roster of people in one kind of role; ``roles`` are the kinds its list shows."""

    def __init__(
        self,
        name: str,
        label: str,
        roles: tuple[PersonRoleKind, ...],
        fields: tuple[FieldSpec, ...],
        today: date | None = None,
    ) -> None:
        self.name, self.label, self.roles, self.today = name, label, roles, today
        self.fields = PERSON_FIELDS + fields

    # --- planning -------------------------------------------------------------------------------

    def plan(self, ws: Any, rows: Sequence[SourceRow], progress: Progress, cancelled: Cancelled) -> Plan:
        today = self.today or date.today()
        outcomes: list[RowOutcome] = []
        writes = _Writes()
        seen: dict[str, int] = {}  # ID number, or name and division → the row that brought it
        with ws.db.read() as s:
            places = PlaceFinder.load(s, ws)
            associations = self._associations(s, ws)
            for n, row in enumerate(rows):
                if n % _CHUNK == 0:
                    if cancelled is not None and cancelled():
                        raise CancelledError()
                    if progress is not None:
                        progress(n, len(rows))
                outcomes.append(self._plan_row(s, ws, row, places, associations, seen, writes, today))
        if progress is not None:
            progress(len(rows), len(rows))
        return Plan(outcomes, writes)

    @staticmethod
    def _associations(s: Session, ws: Workspace) -> dict[str, list[tuple[str, str]]]:
        """Association name → (id, division) of the live associations the user may see."""
        found: dict[str, list[tuple[str, str]]] = {}
        for assoc_id, name, division in s.execute(
            select(Association.id, Association.name, Association.division_code).where(
                Association.deleted.is_(False), *within(ws, Association.division_code)
            )
        ):
            found.setdefault(name.replace(" ", ""), []).append((assoc_id, division))
        return found

    def _plan_row(
        self,
        s: Session,
        ws: Workspace,
        row: SourceRow,
        places: PlaceFinder,
        associations: dict[str, list[tuple[str, str]]],
        seen: dict[str, int],
        writes: _Writes,
        today: date,
    ) -> RowOutcome:
        v = row.values
        label = v.get("name") or ""
        problems = [Problem(p.message, p.key) for p in row.problems]
        number = v.get("id_number") or ""
        if is_masked(number):
            problems.append(Problem("号码中有 * 号（已打码），无法导入，请填写完整号码", "id_number"))
        division, place_problem = places.find(v.get("division_code"), v.get("township"), v.get("village"))
        if place_problem:
            problems.append(Problem(place_problem, "village"))
        if any(p.is_error for p in problems):
            return RowOutcome(row.number, RowAction.REFUSED, problems, label)
        stored = self._stored_person(s, ws, number, v.get("name") or "", division)
        if stored is not None and not in_scope(ws, stored.division_code):
            problems.append(Problem("此人已登记在当前账户管辖以外的区划，不能在这里更新", "id_number"))
            return RowOutcome(row.number, RowAction.REFUSED, problems, label)
        if division is None and stored is None:
            problems.append(Problem("请填写村（社区）、乡镇（街道）或区划代码", "village"))
            return RowOutcome(row.number, RowAction.REFUSED, problems, label)
        key = number or f"{v.get('name')}@{division or (stored.division_code if stored else '')}"
        if key in seen:
            problems.append(Problem(f"与本表第 {seen[key]} 行是同一人", "id_number" if number else "name"))
            return RowOutcome(row.number, RowAction.REFUSED, problems, label)
        person = self._person(v, division, stored)
        role_division = division or person.division_code
        association_id, assoc_problem = self._association(v.get("association"), role_division, associations)
        if assoc_problem:
            problems.append(Problem(assoc_problem, "association"))
            return RowOutcome(row.number, RowAction.REFUSED, problems, label)
        stored_role = self._stored_role(s, stored, role_division, today) if stored is not None else None
        role = self._role(v, role_division, association_id, stored_role)
        clean, target, issues = checked_person(s, ws, person, role, today)
        for issue in issues:
            problems.append(Problem(issue.message, ISSUE_KEYS.get(issue.field, issue.field), issue.is_error))
        if any(p.is_error for p in problems):
            return RowOutcome(row.number, RowAction.REFUSED, problems, label)
        seen[key] = row.number
        writes.rows.append(_Write(clean, target, role))
        return RowOutcome(row.number, RowAction.NEW if target is None else RowAction.UPDATE, problems, label)

    def _stored_person(
        self, s: Session, ws: Workspace, number: str, name: str, division: str | None
    ) -> Person | None:
        if number:
            return s.scalar(
                select(Person)
                .where(Person.id_number == number, Person.deleted.is_(False))
                .order_by(Person.created_stamp)
                .limit(1)
            )
        if not division or not name:
            return None
        # Without an ID number only a person of this list in the same division is the same person.
        return s.scalar(
            select(Person)
            .join(PersonRole, PersonRole.person_id == Person.id)
            .where(
                Person.name == name,
                Person.deleted.is_(False),
                PersonRole.deleted.is_(False),
                PersonRole.role.in_(self.roles),
                PersonRole.division_code == division,
            )
            .limit(1)
        )

    def _stored_role(self, s: Session, person: Person, division: str, today: date) -> PersonRole | None:
        return s.scalar(
            select(PersonRole)
            .where(
                PersonRole.person_id == person.id,
                PersonRole.role.in_(self.roles),
                PersonRole.division_code == division,
                PersonRole.deleted.is_(False),
                current_role(today),
            )
            .limit(1)
        )

    @staticmethod
    def _person(v: dict[str, Any], division: str | None, stored: Person | None) -> PersonInput:
        sex = v.get("sex")
        return PersonInput(
            name=_text(v, "name", stored.name if stored else None),
            division_code=division or (stored.division_code if stored else ""),
            id_number=_text(v, "id_number", stored.id_number if stored else None),
            sex=Sex(sex) if sex else (stored.sex if stored else None),
            birth_date=v.get("birth_date") or (stored.birth_date if stored else None),
            phone=_text(v, "phone", stored.phone if stored else None),
            address=_text(v, "address", stored.address if stored else None),
            workplace=_text(v, "workplace", stored.workplace if stored else None),
            id=stored.id if stored else None,
        )

    @staticmethod
    def _association(
        name: str | None, division: str, associations: dict[str, list[tuple[str, str]]]
    ) -> tuple[str | None, str]:
        """The association a row names: by name, the one nearest above the person when names repeat."""
        if not name:
            return None, ""
        found = associations.get(name.replace(" ", ""), [])
        if len(found) > 1:
            above = [f for f in found if division.startswith(division_prefix(f[1]))]
            found = sorted(above, key=lambda f: -len(division_prefix(f[1])))[:1] if above else found
        if len(found) == 1:
            return found[0][0], ""
        if not found:
            return None, f"找不到名为“{name}”的协会，请先在组织建设中登记该协会，或清空此列"
        return None, f"有 {len(found)} 个协会都叫“{name}”，无法确定是哪一个"

    def _role(
        self, v: dict[str, Any], division: str, association_id: str | None, stored: PersonRole | None
    ) -> RoleInput:
        kind = v.get("role")
        role = PersonRoleKind(kind) if kind else (stored.role if stored else self.roles[0])
        staff = v.get("staff_kind")
        hours = v.get("service_hours")
        return RoleInput(
            role=role,
            division_code=division,
            association_id=association_id or (stored.association_id if stored else None),
            staff_kind=StaffKind(staff) if staff else (stored.staff_kind if stored else None),
            title=_text(v, "title", stored.title if stored else None),
            started_on=v.get("started_on") or (stored.started_on if stored else None),
            ended_on=stored.ended_on if stored else None,
            trained_on=v.get("trained_on") or (stored.trained_on if stored else None),
            certificate_no=_text(v, "certificate_no", stored.certificate_no if stored else None),
            service_hours=hours if hours is not None else (stored.service_hours if stored else None),
            id=stored.id if stored else None,
        )

    # --- writing --------------------------------------------------------------------------------

    def write(self, ws: Any, session: Session, plan: Plan, progress: Progress, cancelled: Cancelled) -> None:
        writes: _Writes = plan.payload
        total = len(writes.rows)
        for n, w in enumerate(writes.rows):
            if n % _CHUNK == 0:
                if cancelled is not None and cancelled():
                    raise CancelledError()
                if progress is not None:
                    progress(n, total)
            write_person(session, ws, w.person, w.target, w.role)
        if progress is not None:
            progress(total, total)


def staff_import(today: date | None = None) -> PersonRoleImport:
    return PersonRoleImport("staff", "工作人员", STAFF_ROLES, STAFF_FIELDS, today)


def member_import(today: date | None = None) -> PersonRoleImport:
    return PersonRoleImport("members", "会员", MEMBER_ROLES, MEMBER_FIELDS, today)


def volunteer_import(today: date | None = None) -> PersonRoleImport:
    return PersonRoleImport("volunteers", "志愿者", VOLUNTEER_ROLES, VOLUNTEER_FIELDS, today)


def instructor_import(today: date | None = None) -> PersonRoleImport:
    return PersonRoleImport("instructors", "家庭健康指导员", INSTRUCTOR_ROLES, INSTRUCTOR_FIELDS, today)


PEOPLE_IMPORTS = {
    "staff": staff_import,
    "members": member_import,
    "volunteers": volunteer_import,
    "instructors": instructor_import,
}
