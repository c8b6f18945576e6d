"""The people list of 组织建设: one row per role (staff, members and 骨干会员, volunteers, instructors).

A person is registered once (by ID number) and holds any number of roles; each list row is one
role. Ids filtered and sorted in SQL, rows for a page of ids, and the form's detail (audited: it
shows personal details). Saving is in ``roles``; the person's own fields in ``person``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, select

from app.database.audit import AuditAction, record
from app.database.models import Association, Person, PersonRole
from app.domain.errors import NotFound
from app.domain.idcard import age_on, mask_id_number
from app.domain.records.org import PersonFilter, PersonInput, PersonRoleDetail, PersonRoleRow, RoleInput
from app.services.organisation.person import current_role, role_label
from app.services.shared.records import places, under
from app.services.shared.scope import ensure_in_scope, id_shown, within
from app.services.shared.search import like_ignores_case, text_clause
from app.services.shared.workspace import Workspace

_SORTS: dict[str, Any] = {
    "name": Person.name_key,
    "sex": Person.sex,
    "age": Person.birth_date,
    "phone": Person.phone,
    "role": PersonRole.role,
    "staff_kind": PersonRole.staff_kind,
    "title": PersonRole.title,
    "village": PersonRole.division_code,
    "township": PersonRole.division_code,
    "started_on": PersonRole.started_on,
    "ended_on": PersonRole.ended_on,
    "trained_on": PersonRole.trained_on,
    "certificate": PersonRole.certificate_no,
    "hours": PersonRole.service_hours,
}
_DESCENDING_FIRST = {"age"}  # the oldest first when sorting by age ascending: birth date descending


def list_person_ids(
    ws: Workspace, flt: PersonFilter | None = None, *, limit: int | None = None, today: date | None = None
) -> list[str]:
    """Ids of the roles (one list row each) the filter lets through, in the asked order."""
    flt = flt or PersonFilter()
    today = today or date.today()
    where: list[ColumnElement[bool]] = [
        PersonRole.deleted.is_(False),
        Person.deleted.is_(False),
        *within(ws, PersonRole.division_code),
    ]
    if flt.roles:
        where.append(PersonRole.role.in_(flt.roles))
    if flt.role is not None:
        where.append(PersonRole.role == flt.role)
    if flt.staff_kind is not None:
        where.append(PersonRole.staff_kind == flt.staff_kind)
    if flt.current_only:
        where.append(current_role(today))
    where += under(PersonRole.division_code, flt.division_code)
    text = text_clause(
        flt.text,
        name_keys=[Person.name_key],
        numbers=[Person.id_number, Person.phone],
        codes=[PersonRole.certificate_no],
        like_ignores_case=like_ignores_case(ws),
    )
    if text is not None:
        where.append(text)
    sort = _SORTS.get(flt.sort, Person.name_key)
    descending = flt.descending != (flt.sort in _DESCENDING_FIRST)
    order = [sort.desc() if descending else sort.asc(), Person.name_key, PersonRole.id]
    query = (
        select(PersonRole.id)
        .join(Person, Person.id == PersonRole.person_id)
        .where(*where)
        .order_by(*order)
        .limit(limit)
    )
    with ws.db.read() as s:
        return list(s.connection().execute(query).scalars())


def load_person_rows(ws: Workspace, ids: Sequence[str], *, today: date | None = None) -> list[PersonRoleRow]:
    ids = list(ids)
    if not ids:
        return []
    today = today or date.today()
    with ws.db.read() as s:
        pairs = {
            r.id: (r, p)
            for r, p in s.execute(
                select(PersonRole, Person)
                .join(Person, Person.id == PersonRole.person_id)
                .where(PersonRole.id.in_(ids), *within(ws, PersonRole.division_code))
            ).all()
        }
        names = places(s, {r.division_code for r, _ in pairs.values()})
        assoc_ids = {r.association_id for r, _ in pairs.values() if r.association_id}
        assocs = dict(
            s.execute(select(Association.id, Association.name).where(Association.id.in_(assoc_ids))).all()
        )
    rows = []
    for rid in ids:
        if rid not in pairs:
            continue
        r, p = pairs[rid]
        place = names[r.division_code]
        rows.append(
            PersonRoleRow(
                id=r.id,
                person_id=p.id,
                name=p.name,
                sex=p.sex,
                age=age_on(p.birth_date, today) if p.birth_date else None,
                id_masked=mask_id_number(p.id_number),
                phone=p.phone or "",
                role=r.role,
                staff_kind=r.staff_kind,
                title=r.title or "",
                division_code=r.division_code,
                township=place.township_name,
                village=place.village,
                association_name=assocs.get(r.association_id or "", ""),
                workplace=p.workplace or "",
                started_on=r.started_on,
                ended_on=r.ended_on,
                trained_on=r.trained_on,
                certificate_no=r.certificate_no or "",
                service_hours=r.service_hours,
                id_export=id_shown(ws, p.id_number),
            )
        )
    return rows


def person_role_detail(ws: Workspace, role_id: str) -> PersonRoleDetail:
    """The person and the role the form edits, with the other roles the person holds."""
    with ws.db.read() as s:
        role = s.get(PersonRole, role_id)
        person = s.get(Person, role.person_id) if role is not None else None
        if role is None or person is None or role.deleted or person.deleted:
            raise NotFound("这条人员记录不存在，可能已被删除或尚未同步到本机。")
        ensure_in_scope(ws, role.division_code, "这条人员记录不存在，可能已被删除或尚未同步到本机。")
        others = s.scalars(
            select(PersonRole).where(
                PersonRole.person_id == person.id, PersonRole.deleted.is_(False), PersonRole.id != role_id
            )
        ).all()
        other_labels = tuple(role_label(s, r) for r in others)
    with ws.db.engine.begin() as conn:  # opening a person's form is a view of personal details
        record(conn, ws.username, AuditAction.VIEW_PERSON, f"人员 {person.id}", {"role": role.role.value})
    number = person.id_number or ""
    return PersonRoleDetail(
        person=PersonInput(
            name=person.name,
            division_code=person.division_code,
            id_number=id_shown(ws, number),
            sex=person.sex,
            birth_date=person.birth_date,
            phone=person.phone or "",
            address=person.address or "",
            workplace=person.workplace or "",
            id=person.id,
        ),
        role=RoleInput(
            role=role.role,
            division_code=role.division_code,
            association_id=role.association_id,
            staff_kind=role.staff_kind,
            title=role.title or "",
            started_on=role.started_on,
            ended_on=role.ended_on,
            trained_on=role.trained_on,
            certificate_no=role.certificate_no or "",
            service_hours=role.service_hours,
            id=role.id,
        ),
        other_roles=other_labels,
    )
