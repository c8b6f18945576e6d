"""People in their roles: staff (在编/兼职聘用/村级兼职), members and 骨干会员, volunteers, instructors.

A person is registered once (by ID number) and holds any number of roles; each list row is one
role. Registering someone whose ID number is already on file adds the role to that person (the
form asks first) instead of a second person. ``villages_below_instructor_target`` is the 2023
plan's check: every village with at least two family-health instructors. Re-exported by
``app.services.organisation``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from app.database.audit import AuditAction, record
from app.database.models import Association, Division, Person, PersonRole
from app.domain.enums import DivisionLevel, PersonRoleKind
from app.domain.errors import NotFound
from app.domain.idcard import age_on, check_id_number, mask_id_number, normalize_id_number
from app.domain.permissions import Permission
from app.domain.pinyin import search_key
from app.domain.records.org import (
    INSTRUCTOR_TARGET,
    IdHolder,
    InstructorCoverage,
    PersonFilter,
    PersonInput,
    PersonRoleDetail,
    PersonRoleRow,
    RoleInput,
    VillageInstructors,
)
from app.domain.validation import Issue, check_date, check_phone, error, normalize_phone, require, warning
from app.services.families import known_id_regions
from app.services.shared.records import (
    assign_changed,
    check_count,
    check_division,
    places,
    raise_for,
    text_or_none,
    under,
)
from app.services.shared.scope import (
    edit_session,
    ensure_in_scope,
    ensure_may,
    ensure_writable,
    id_shown,
    root_code,
    shows_full_numbers,
    within,
)
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


def _current(today: date) -> ColumnElement[bool]:
    return or_(PersonRole.ended_on.is_(None), PersonRole.ended_on > today)


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
        where.append(_current(today))
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


def _role_label(s: Session, role: PersonRole) -> str:
    place = places(s, [role.division_code])[role.division_code]
    return f"{role.role}（{place.name}）"


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
        other_labels = tuple(_role_label(s, r) for r in others)
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


def _holders(s: Session, number: str, except_person: str | None) -> list[IdHolder]:
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
        out.append(IdHolder(p.id, p.name, tuple(_role_label(s, r) for r in roles)))
    return out


def find_people_by_id_number(
    ws: Workspace, number: str, *, except_person: str | None = None
) -> list[IdHolder]:
    """Who is already registered under this ID number (the form's warning as you type)."""
    normal = normalize_id_number(number)
    if len(normal) != 18:
        return []
    with ws.db.read() as s:
        return _holders(s, normal, except_person)


def _check_person(
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


def _check_role(
    s: Session, role: RoleInput, division_level: DivisionLevel | None, today: date
) -> list[Issue]:
    issues: list[Issue] = []
    kind = role.role
    if kind is PersonRoleKind.STAFF and role.staff_kind is None:
        issues.append(error("staff_kind", "请选择人员类别（在编 / 兼职聘用 / 村级兼职）"))
    if kind is PersonRoleKind.HEALTH_INSTRUCTOR:
        if division_level is not None and division_level is not DivisionLevel.VILLAGE:
            issues.append(
                warning("division_code", "家庭健康指导员一般登记在村（社区），否则不计入村级指导员人数")
            )
        if role.trained_on is None:
            issues.append(warning("trained_on", "未填写培训日期：指导员应经培训后上岗"))
    issues += check_date("started_on", role.started_on, label="开始日期", today=today)
    issues += check_date("trained_on", role.trained_on, label="培训日期", today=today)
    issues += check_date("ended_on", role.ended_on, label="结束日期", not_future=False)
    if role.started_on and role.ended_on and role.ended_on < role.started_on:
        issues.append(error("ended_on", "结束日期不能早于开始日期"))
    issues += check_count("service_hours", role.service_hours, "服务时长", maximum=20_000)
    if len(role.title.strip()) > 40:
        issues.append(error("title", "职务不能超过 40 个字"))
    if len(role.certificate_no.strip()) > 40:
        issues.append(error("certificate_no", "证书编号不能超过 40 个字"))
    if role.association_id:
        assoc = s.get(Association, role.association_id)
        if assoc is None or assoc.deleted:
            issues.append(error("association_id", "所选协会不存在或已被删除"))
    return issues


def _same_role(s: Session, person_id: str, role: RoleInput, division: str, today: date) -> bool:
    found = s.scalar(
        select(PersonRole.id)
        .where(
            PersonRole.person_id == person_id,
            PersonRole.role == role.role,
            PersonRole.division_code == division,
            PersonRole.deleted.is_(False),
            PersonRole.id != (role.id or ""),
            _current(today),
        )
        .limit(1)
    )
    return found is not None


def _checked(
    s: Session, ws: Workspace, person: PersonInput, role: RoleInput, today: date
) -> tuple[PersonInput, str | None, list[Issue]]:
    """The clean person, the id of the person the role goes to, and every issue."""
    clean, issues = _check_person(s, ws, person, today)
    role_division = role.division_code or clean.division_code
    level = None
    if role.division_code and role.division_code != clean.division_code:
        division, found = check_division(s, ws, "role_division_code", role.division_code)
        issues += found
        level = division.level if division is not None else None
    else:
        div = s.scalar(select(Division.level).where(Division.code == role_division).limit(1))
        level = div
    issues += _check_role(s, role, level, today)
    target = clean.id
    if clean.id_number and len(clean.id_number) == 18:
        holders = _holders(s, clean.id_number, clean.id)
        if holders and clean.id is None:
            holder = holders[0]
            target = holder.person_id
            held = "、".join(holder.roles) or "无角色"
            issues.append(
                warning(
                    "id_number",
                    f"身份证号已登记：{holder.name}（{held}）。保存后将为此人添加这一角色，不会重复登记人员",
                )
            )
        elif holders:
            issues.append(
                warning("id_number", f"身份证号与已登记的 {holders[0].name} 相同，可能是同一人被重复登记")
            )
    if target is not None and _same_role(s, target, role, role_division, today):
        issues.append(error("role", f"此人已是本区划的{role.role}，不能重复登记"))
    return clean, target, issues


def check_person(
    ws: Workspace, person: PersonInput, role: RoleInput, *, today: date | None = None
) -> list[Issue]:
    """Every issue saving would meet, without saving (shown beside the fields)."""
    with ws.db.read() as s:
        return _checked(s, ws, person, role, today or date.today())[2]


def save_person(
    ws: Workspace,
    person: PersonInput,
    role: RoleInput,
    *,
    accept_warnings: bool = False,
    today: date | None = None,
) -> str:
    """Register or update a person with one role, in one transaction; returns the role's id."""
    today = today or date.today()
    ensure_writable(ws)
    with edit_session(ws) as s:
        clean, target, issues = _checked(s, ws, person, role, today)
        raise_for(issues, accept_warnings)
        values = {
            "name": clean.name,
            "id_number": clean.id_number or None,
            "sex": clean.sex,
            "birth_date": clean.birth_date,
            "phone": text_or_none(clean.phone),
            "division_code": clean.division_code,
            "address": text_or_none(clean.address),
            "workplace": text_or_none(clean.workplace),
            "name_key": search_key(clean.name),
        }
        if target is None:
            row = Person(**values)
            s.add(row)
            s.flush()
        else:
            found = s.get(Person, target)
            if found is None or found.deleted:
                raise NotFound("这位人员已被删除（可能是同步带来的删除），修改未保存。")
            ensure_in_scope(ws, found.division_code)
            row = found
            assign_changed(row, values)
        role_values = {
            "person_id": row.id,
            "role": role.role,
            "association_id": role.association_id or None,
            "division_code": role.division_code or clean.division_code,
            "staff_kind": role.staff_kind if role.role is PersonRoleKind.STAFF else None,
            "title": text_or_none(role.title),
            "started_on": role.started_on,
            "ended_on": role.ended_on,
            "trained_on": role.trained_on,
            "certificate_no": text_or_none(role.certificate_no),
            "service_hours": role.service_hours,
        }
        if role.id is None:
            role_row = PersonRole(**role_values)
            s.add(role_row)
            s.flush()
            return role_row.id
        found_role = s.get(PersonRole, role.id)
        if found_role is None or found_role.deleted:
            raise NotFound("这条人员角色已被删除（可能是同步带来的删除），修改未保存。")
        ensure_in_scope(ws, found_role.division_code)
        assign_changed(found_role, role_values)
        return found_role.id


def end_role(ws: Workspace, role_id: str, on: date) -> None:
    """离任 / 退出: the role ends on a date; the person and their history stay."""
    ensure_writable(ws)
    with edit_session(ws) as s:
        role = s.get(PersonRole, role_id)
        if role is None or role.deleted:
            raise NotFound("这条人员角色不存在或已被删除。")
        ensure_in_scope(ws, role.division_code)
        if role.started_on is not None and on < role.started_on:
            raise_for([error("ended_on", "结束日期不能早于开始日期")], False)
        role.ended_on = on


def mark_role_deleted(ws: Workspace, role_id: str) -> None:
    """标记删除 one role (entered by mistake); a person left with no role is marked deleted too."""
    ensure_writable(ws)
    with edit_session(ws) as s:
        role = s.get(PersonRole, role_id)
        if role is None or role.deleted:
            raise NotFound("这条人员角色不存在或已被删除。")
        ensure_in_scope(ws, role.division_code)
        role.deleted = True
        left = s.scalar(
            select(func.count()).where(
                PersonRole.person_id == role.person_id,
                PersonRole.deleted.is_(False),
                PersonRole.id != role_id,
            )
        )
        if not left:
            person = s.get(Person, role.person_id)
            if person is not None:
                person.deleted = True


# --- family-health instructors per village ----------------------------------------------------------


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
                _current(today),
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
