"""组织建设: associations (officers, member counts, 会员之家): the list, the detail, saving, deleting.

Each public function is one user action in one transaction; lists give ids filtered and sorted in
SQL, and rows for a page of ids. Term elections are in ``terms``, people in their roles in
``people`` and ``roles``, 阵地 in ``positions``. Saving checks first: errors raise
``ValidationFailed``; warnings raise ``WarningsToConfirm`` until the form saves again with
``accept_warnings=True``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from app.database.models import Association, PersonRole, Position
from app.domain.errors import NotFound, UserInputError
from app.domain.records.org import (
    TERM_YEARS,
    AssociationChoice,
    AssociationDetail,
    AssociationFilter,
    AssociationInput,
    AssociationRow,
)
from app.domain.validation import Issue, check_date, check_phone, error, normalize_phone, require, warning
from app.services.organisation.terms import term_rows
from app.services.shared.records import (
    ADMIN_LEVEL,
    add_years,
    assign_changed,
    check_count,
    check_division,
    places,
    raise_for,
    text_or_none,
    under,
)
from app.services.shared.scope import edit_session, ensure_in_scope, ensure_writable, within
from app.services.shared.search import like_pattern, words
from app.services.shared.workspace import Workspace

_SORTS: dict[str, Any] = {
    "division": Association.division_code,
    "name": Association.name,
    "kind": Association.kind,
    "level": Association.level,
    "president": Association.president,
    "members": Association.member_count,
    "groups": Association.member_group_count,
    "member_home": Association.has_member_home,
    "election": Association.last_election_on,
    "term_ends": Association.last_election_on,
}


def _text_match(term: str) -> list[ColumnElement[bool]]:
    """Every word must appear in the name or an officer's name."""
    return [
        or_(
            *(
                column.like(like_pattern(word), escape="\\")
                for column in (Association.name, Association.president, Association.secretary_general)
            )
        )
        for word in words(term)
    ]


def list_association_ids(
    ws: Workspace,
    flt: AssociationFilter | None = None,
    *,
    limit: int | None = None,
    today: date | None = None,
) -> list[str]:
    flt = flt or AssociationFilter()
    today = today or date.today()
    where: list[ColumnElement[bool]] = [
        Association.deleted.is_(False),
        *within(ws, Association.division_code),
    ]
    where += under(Association.division_code, flt.division_code)
    if flt.kind is not None:
        where.append(Association.kind == flt.kind)
    if flt.term_due:
        due = add_years(today, -TERM_YEARS)
        where.append(or_(Association.last_election_on.is_(None), Association.last_election_on <= due))
    where += _text_match(flt.text)
    sort = _SORTS.get(flt.sort, Association.division_code)
    order = [sort.desc() if flt.descending else sort.asc(), Association.name, Association.id]
    with ws.db.read() as s:
        query = select(Association.id).where(*where).order_by(*order).limit(limit)
        return list(s.connection().execute(query).scalars())


def load_association_rows(ws: Workspace, ids: Sequence[str]) -> list[AssociationRow]:
    ids = list(ids)
    if not ids:
        return []
    with ws.db.read() as s:
        found = {
            a.id: a
            for a in s.scalars(
                select(Association).where(Association.id.in_(ids), *within(ws, Association.division_code))
            )
        }
        names = places(s, {a.division_code for a in found.values()})
    rows = []
    for aid in ids:
        a = found.get(aid)
        if a is None:
            continue
        elected = a.last_election_on
        rows.append(
            AssociationRow(
                id=a.id,
                name=a.name,
                kind=a.kind,
                level=a.level,
                division_code=a.division_code,
                division_name=names[a.division_code].name,
                president=a.president or "",
                secretary_general=a.secretary_general or "",
                member_count=a.member_count,
                member_group_count=a.member_group_count,
                has_member_home=a.has_member_home,
                last_election_on=elected,
                term_ends_on=add_years(elected, TERM_YEARS) if elected else None,
                phone=a.phone or "",
            )
        )
    return rows


def association_choices(ws: Workspace, division_code: str | None = None) -> list[AssociationChoice]:
    """Live associations (at or below a division), for a form's picker."""
    with ws.db.read() as s:
        rows = s.execute(
            select(Association.id, Association.name, Association.division_code)
            .where(
                Association.deleted.is_(False),
                *within(ws, Association.division_code),
                *under(Association.division_code, division_code),
            )
            .order_by(Association.division_code, Association.name)
        ).all()
    return [AssociationChoice(i, n, c) for i, n, c in rows]


def association_detail(ws: Workspace, association_id: str) -> AssociationDetail:
    with ws.db.read() as s:
        a = s.get(Association, association_id)
        if a is None or a.deleted:
            raise NotFound("这个协会不存在，可能已被删除或尚未同步到本机。")
        ensure_in_scope(ws, a.division_code, "这个协会不存在，可能已被删除或尚未同步到本机。")
        roles = s.execute(
            select(PersonRole.role, func.count())
            .where(
                PersonRole.association_id == association_id,
                PersonRole.deleted.is_(False),
                PersonRole.ended_on.is_(None),
            )
            .group_by(PersonRole.role)
        ).all()
        terms = term_rows(s, association_id)
        place = places(s, [a.division_code])[a.division_code]
    return AssociationDetail(
        id=a.id,
        division_code=a.division_code,
        division_name=place.name,
        name=a.name,
        kind=a.kind,
        level=a.level,
        founded_on=a.founded_on,
        president=a.president or "",
        secretary_general=a.secretary_general or "",
        member_count=a.member_count,
        member_group_count=a.member_group_count,
        has_member_home=a.has_member_home,
        last_election_on=a.last_election_on,
        phone=a.phone or "",
        address=a.address or "",
        terms=terms,
        people_by_role=tuple(sorted(((r, int(n)) for r, n in roles), key=lambda rn: rn[0].value)),
    )


def check_association(
    s: Session, ws: Workspace, inp: AssociationInput, today: date
) -> tuple[dict[str, Any], list[Issue]]:
    issues = require("name", inp.name, "协会名称")
    if len(inp.name.strip()) > 80:
        issues.append(error("name", "协会名称不能超过 80 个字"))
    division, found = check_division(s, ws, "division_code", inp.division_code)
    issues += found
    issues += check_date("founded_on", inp.founded_on, label="成立日期", today=today)
    issues += check_count("member_count", inp.member_count, "会员人数")
    issues += check_count("member_group_count", inp.member_group_count, "会员小组数")
    if inp.member_group_count > max(inp.member_count, 0) > 0:
        issues.append(warning("member_group_count", "会员小组数多于会员人数，请核对"))
    phone = (inp.phone or "").strip()
    if phone:
        issues += [error("phone", f"联系电话：{i.message}") for i in check_phone("phone", phone)]
    for field, label in (("president", "会长"), ("secretary_general", "秘书长")):
        if len(getattr(inp, field).strip()) > 40:
            issues.append(error(field, f"{label}姓名不能超过 40 个字"))
    if division is not None and inp.name.strip():
        same = s.scalar(
            select(Association.id)
            .where(
                Association.division_code == inp.division_code,
                Association.name == inp.name.strip(),
                Association.deleted.is_(False),
                Association.id != (inp.id or ""),
            )
            .limit(1)
        )
        if same is not None:
            issues.append(warning("name", f"“{division.name}”已有同名协会，请确认不是重复登记"))
    level = inp.level or (ADMIN_LEVEL[division.level] if division is not None else None)
    values = {
        "division_code": inp.division_code,
        "name": inp.name.strip(),
        "kind": inp.kind,
        "level": level,
        "founded_on": inp.founded_on,
        "president": text_or_none(inp.president),
        "secretary_general": text_or_none(inp.secretary_general),
        "member_count": inp.member_count,
        "member_group_count": inp.member_group_count,
        "has_member_home": inp.has_member_home,
        "phone": normalize_phone(phone) if phone else None,
        "address": text_or_none(inp.address),
    }
    return values, issues


def save_association(
    ws: Workspace, inp: AssociationInput, *, accept_warnings: bool = False, today: date | None = None
) -> str:
    """Create or update an association (not its terms: see ``record_term``); returns its id."""
    today = today or date.today()
    ensure_writable(ws)
    with edit_session(ws) as s:
        values, issues = check_association(s, ws, inp, today)
        raise_for(issues, accept_warnings)
        return write_association(s, ws, inp.id, values)


def write_association(s: Session, ws: Workspace, association_id: str | None, values: dict[str, Any]) -> str:
    """Write checked association values in the caller's transaction (the form, an import's rows)."""
    if association_id is None:
        row = Association(**values)
        s.add(row)
        s.flush()
        return row.id
    found = s.get(Association, association_id)
    if found is None or found.deleted:
        raise NotFound("这个协会已被删除（可能是同步带来的删除），修改未保存。")
    ensure_in_scope(ws, found.division_code)
    assign_changed(found, values)
    return found.id


def mark_association_deleted(ws: Workspace, association_id: str) -> None:
    """标记删除; refused while people hold roles in it or positions belong to it."""
    ensure_writable(ws)
    with edit_session(ws) as s:
        assoc = s.get(Association, association_id)
        if assoc is None or assoc.deleted:
            raise NotFound("这个协会不存在或已被删除。")
        ensure_in_scope(ws, assoc.division_code)
        roles = s.scalar(
            select(func.count()).where(
                PersonRole.association_id == association_id, PersonRole.deleted.is_(False)
            )
        )
        positions = s.scalar(
            select(func.count()).where(Position.association_id == association_id, Position.deleted.is_(False))
        )
        if roles or positions:
            raise UserInputError(
                f"“{assoc.name}”下还登记有 {roles or 0} 个人员角色、{positions or 0} 个阵地，"
                "请先调整或删除它们，协会未删除。"
            )
        assoc.deleted = True
