"""志愿服务 given to a special family: recorded, listed, corrected and marked deleted.

Each service names its family, the day, the volunteer (picked from those registered in 组织建设,
or typed when they are not), what was done and under which of the four 暖心行动 systems. A
volunteer's hours here are their work for this family; their role's total hours stay as typed
there. Seen and changed only by users whose area holds the family.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.database.models import Division, Person, PersonRole, SpecialFamily, VolunteerService
from app.domain.enums import PersonRoleKind, WarmAction
from app.domain.errors import NotFound
from app.domain.records.families import VolunteerChoice, VolunteerServiceInput, VolunteerServiceRow
from app.domain.validation import Issue, check_date, error, require
from app.services.shared.divisions import division_prefix
from app.services.shared.records import assign_changed, check_count, raise_for, text_or_none
from app.services.shared.scope import edit_session, ensure_in_scope, ensure_writable, within
from app.services.shared.workspace import Workspace

_NO_FAMILY = "这户家庭不存在或已删除。"
_NO_SERVICE = "这条志愿服务记录不存在或已删除。"


def _family(s: Session, ws: Workspace, family_id: str) -> SpecialFamily:
    family = s.get(SpecialFamily, family_id)
    if family is None or family.deleted:
        raise NotFound(_NO_FAMILY)
    ensure_in_scope(ws, family.division_code, _NO_FAMILY)
    return family


def list_volunteer_services(ws: Workspace, family_id: str) -> list[VolunteerServiceRow]:
    """A family's volunteer services, newest first."""
    with ws.db.read() as s:
        _family(s, ws, family_id)
        rows = s.scalars(
            select(VolunteerService)
            .where(VolunteerService.family_id == family_id, VolunteerService.deleted.is_(False))
            .order_by(VolunteerService.served_on.desc(), VolunteerService.id)
        ).all()
        return [
            VolunteerServiceRow(
                r.id,
                r.family_id,
                r.served_on,
                r.volunteer_name,
                r.person_id,
                str(r.system),
                r.service,
                r.hours,
                r.note or "",
            )
            for r in rows
        ]


def volunteer_choices(ws: Workspace, family_id: str) -> list[VolunteerChoice]:
    """The volunteers registered at or above the family's township, those of its village first."""
    with ws.db.read() as s:
        family = _family(s, ws, family_id)
        township = division_prefix(family.division_code[:9].ljust(12, "0"))
        rows = s.execute(
            select(Person.id, Person.name, PersonRole.division_code, Division.name)
            .join(PersonRole, PersonRole.person_id == Person.id)
            .join(Division, Division.code == PersonRole.division_code)
            .where(
                PersonRole.role == PersonRoleKind.VOLUNTEER,
                PersonRole.deleted.is_(False),
                PersonRole.ended_on.is_(None),
                Person.deleted.is_(False),
                PersonRole.division_code >= township,
                PersonRole.division_code < township + "~",
                *within(ws, PersonRole.division_code),
            )
            .order_by(PersonRole.division_code != family.division_code, Person.name_key)
        ).all()
    seen: set[str] = set()
    out = []
    for pid, name, _code, place in rows:
        if pid not in seen:
            seen.add(pid)
            out.append(VolunteerChoice(pid, name, place))
    return out


def _check(s: Session, inp: VolunteerServiceInput, today: date) -> list[Issue]:
    issues = require("served_on", inp.served_on, "服务日期")
    issues += check_date("served_on", inp.served_on, label="服务日期", today=today)
    name = inp.volunteer_name.strip()
    if inp.person_id:
        person = s.get(Person, inp.person_id)
        if person is None or person.deleted:
            issues.append(error("volunteer_name", "所选志愿者不存在或已被删除"))
    elif not name:
        issues.append(error("volunteer_name", "请选择或填写志愿者"))
    if len(name) > 40:
        issues.append(error("volunteer_name", "志愿者姓名不能超过 40 个字"))
    issues += require("service", inp.service, "服务内容")
    if len(inp.service.strip()) > 120:
        issues.append(error("service", "服务内容不能超过 120 个字"))
    if inp.system not in {w.value for w in WarmAction}:
        issues.append(error("system", "请选择暖心行动体系"))
    issues += check_count("hours", inp.hours, "服务时长", maximum=24 * 31)
    return issues


def save_volunteer_service(
    ws: Workspace, inp: VolunteerServiceInput, *, accept_warnings: bool = False, today: date | None = None
) -> str:
    """Record or correct a volunteer service to a family, in one transaction; returns its id."""
    ensure_writable(ws)
    with edit_session(ws) as s:
        family = _family(s, ws, inp.family_id)
        raise_for(_check(s, inp, today or date.today()), accept_warnings)
        name = inp.volunteer_name.strip()
        if inp.person_id:
            person = s.get(Person, inp.person_id)
            name = person.name if person is not None else name
        values = {
            "served_on": inp.served_on,
            "person_id": inp.person_id or None,
            "volunteer_name": name,
            "system": WarmAction(inp.system),
            "service": inp.service.strip(),
            "hours": inp.hours,
            "note": text_or_none(inp.note),
        }
        if inp.id is None:
            row = VolunteerService(family_id=family.id, division_code=family.division_code, **values)
            s.add(row)
            s.flush()
            return row.id
        found = s.get(VolunteerService, inp.id)
        if found is None or found.deleted or found.family_id != family.id:
            raise NotFound(_NO_SERVICE)
        assign_changed(found, values)
        return found.id


def mark_volunteer_service_deleted(ws: Workspace, service_id: str) -> None:
    ensure_writable(ws)
    with edit_session(ws) as s:
        found = s.get(VolunteerService, service_id)
        if found is None or found.deleted:
            raise NotFound(_NO_SERVICE)
        _family(s, ws, found.family_id)
        found.deleted = True


def volunteer_service_detail(ws: Workspace, service_id: str) -> VolunteerServiceInput:
    """The service as its form edits it."""
    with ws.db.read() as s:
        r = s.get(VolunteerService, service_id)
        if r is None or r.deleted:
            raise NotFound(_NO_SERVICE)
        _family(s, ws, r.family_id)
        return VolunteerServiceInput(
            r.family_id,
            r.served_on,
            r.volunteer_name,
            r.person_id,
            str(r.system),
            r.service,
            r.hours,
            r.note or "",
            r.id,
        )
