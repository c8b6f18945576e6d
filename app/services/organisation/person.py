"""One person, registered once by ID number: who already holds a number, a person's own fields, un-masking.

What every role of a person shares (staff, members, volunteers, instructors are roles of one
``Person``): the ID-number look-up the form warns with as you type, the check of the person's
name, number, dates and phone, a role's label, and the audited look at the full number.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from app.database.audit import AuditAction, record
from app.database.models import Person, PersonRole
from app.domain.errors import NotFound
from app.domain.idcard import check_id_number, normalize_id_number
from app.domain.permissions import Permission
from app.domain.records.org import IdHolder, PersonInput
from app.domain.validation import Issue, check_date, check_phone, error, normalize_phone, require
from app.services.shared.divisions import known_id_regions
from app.services.shared.records import check_division, places
from app.services.shared.scope import ensure_in_scope, ensure_may, shows_full_numbers
from app.services.shared.workspace import Workspace


def current_role(today: date) -> ColumnElement[bool]:
    """A role not ended by ``today`` (an end date in the future is still current)."""
    return or_(PersonRole.ended_on.is_(None), PersonRole.ended_on > today)


def role_label(s: Session, role: PersonRole) -> str:
    """ "骨干会员（星沙街道）": the role and where it is held, as the form lists a person's other roles."""
    place = places(s, [role.division_code])[role.division_code]
    return f"{role.role}（{place.name}）"


def id_holders(s: Session, number: str, except_person: str | None) -> list[IdHolder]:
    """The live people registered under this ID number, but ``except_person``, with their roles."""
    people = s.scalars(
        select(Person).where(
            Person.id_number == number, Person.deleted.is_(False), Person.id != (except_person or "")
        )
    ).all()
    out = []
    for p in people:
        roles = s.scalars(
            select(PersonRole).where(PersonRole.person_id == p.id, PersonRole.deleted.is_(False))
        ).all()
        out.append(IdHolder(p.id, p.name, tuple(role_label(s, r) for r in roles)))
    return out


def find_people_by_id_number(
    ws: Workspace, number: str, *, except_person: str | None = None
) -> list[IdHolder]:
    """Who is already registered under this ID number (the form's warning as you type)."""
    normal = normalize_id_number(number)
    if len(normal) != 18:
        return []
    with ws.db.read() as s:
        return id_holders(s, normal, except_person)


def check_person_fields(
    s: Session, ws: Workspace, person: PersonInput, today: date
) -> tuple[PersonInput, list[Issue]]:
    issues = require("name", person.name, "姓名")
    if len(person.name.strip()) > 40:
        issues.append(error("name", "姓名不能超过 40 个字"))
    issues += check_division(s, ws, "division_code", person.division_code)[1]
    clean = replace(person, name=person.name.strip())
    if "*" in person.id_number and person.id is not None:
        # A masked number came back from a form the user may not see it in full: keep the stored one.
        stored = s.get(Person, person.id)
        clean = replace(clean, id_number=(stored.id_number or "") if stored is not None else "")
    elif person.id_number.strip():
        info, found = check_id_number(
            "id_number", person.id_number, known_region=known_id_regions().__contains__, today=today
        )
        issues += found
        if info is not None:
            clean = replace(clean, id_number=info.number, sex=info.sex, birth_date=info.birth_date)
    issues += check_date("birth_date", clean.birth_date, label="出生日期", today=today)
    if person.phone.strip():
        issues += [error("phone", f"联系电话：{i.message}") for i in check_phone("phone", person.phone)]
        clean = replace(clean, phone=normalize_phone(person.phone))
    return clean, issues


def unmask_person(ws: Workspace, role_id: str) -> str:
    """The full ID number of the person holding a role, for a user who sees it masked; audited.

    The audit entry names the person, never the number. Refused for a role without the right to
    un-mask (只读查看) and for a person outside the user's divisions.
    """
    if not shows_full_numbers(ws):
        ensure_may(ws, Permission.UNMASK)
    gone = "这条人员记录不存在，可能已被删除或尚未同步到本机。"
    with ws.db.session() as s:  # a look, not an edit: audited below
        role = s.get(PersonRole, role_id)
        person = s.get(Person, role.person_id) if role is not None else None
        if role is None or person is None or role.deleted or person.deleted:
            raise NotFound(gone)
        ensure_in_scope(ws, role.division_code, gone)
        record(s, ws.username, AuditAction.UNMASK, f"人员 {person.id}", {"fields": ["身份证号"]})
        return person.id_number or ""
