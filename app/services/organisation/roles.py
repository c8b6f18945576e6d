"""Saving a person with a role: checking, registering or updating, ending a role, deleting one.

Registering someone whose ID number is already on file adds the role to that person (the form
asks first: a warning) instead of a second person; the same current role twice in one division
is an error. Each action is one transaction.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.database.models import Association, Division, Person, PersonRole
from app.domain.enums import DivisionLevel, PersonRoleKind
from app.domain.errors import NotFound
from app.domain.pinyin import search_key
from app.domain.records.org import PersonInput, RoleInput
from app.domain.validation import Issue, check_date, error, warning
from app.services.organisation.person import check_person_fields, current_role, id_holders
from app.services.shared.records import assign_changed, check_count, check_division, raise_for, text_or_none
from app.services.shared.scope import edit_session, ensure_in_scope, ensure_writable
from app.services.shared.workspace import Workspace


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
            current_role(today),
        )
        .limit(1)
    )
    return found is not None


def checked_person(
    s: Session, ws: Workspace, person: PersonInput, role: RoleInput, today: date
) -> tuple[PersonInput, str | None, list[Issue]]:
    """The clean person, the id of the person the role goes to, and every issue."""
    clean, issues = check_person_fields(s, ws, person, today)
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
        holders = id_holders(s, clean.id_number, clean.id)
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
        return checked_person(s, ws, person, role, today or date.today())[2]


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
        clean, target, issues = checked_person(s, ws, person, role, today)
        raise_for(issues, accept_warnings)
        return write_person(s, ws, clean, target, role)


def write_person(s: Session, ws: Workspace, clean: PersonInput, target: str | None, role: RoleInput) -> str:
    """Write a checked person and role in the caller's transaction (the form's save, an import's
    rows); ``target`` is the person the role goes to, None for a new person. Returns the role's id."""
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
