"""阵地: service positions (会员之家, 暖心家园, 向日葵亲子小屋, 普惠托育点 …) — list, save, counts.

Re-exported by ``app.services.organisation``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from app.database.models import Association, Position
from app.domain.enums import PositionKind
from app.domain.errors import NotFound
from app.domain.records.org import PositionCount, PositionFilter, PositionInput, PositionRow
from app.domain.validation import MAX_FEN, Issue, check_date, error, require, warning
from app.services.shared.records import (
    ADMIN_LEVEL,
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
    "name": Position.name,
    "kind": Position.kind,
    "level": Position.level,
    "division": Position.division_code,
    "opened_on": Position.opened_on,
    "plaque_on": Position.plaque_on,
    "funding": Position.funding_fen,
    "area": Position.area_m2,
    "closed_on": Position.closed_on,
}


def _open(today: date) -> ColumnElement[bool]:
    return or_(Position.closed_on.is_(None), Position.closed_on > today)


def list_position_ids(
    ws: Workspace, flt: PositionFilter | None = None, *, limit: int | None = None, today: date | None = None
) -> list[str]:
    flt = flt or PositionFilter()
    today = today or date.today()
    where: list[ColumnElement[bool]] = [Position.deleted.is_(False), *within(ws, Position.division_code)]
    where += under(Position.division_code, flt.division_code)
    if flt.kind is not None:
        where.append(Position.kind == flt.kind)
    if flt.open_only:
        where.append(_open(today))
    for word in words(flt.text):
        pattern = like_pattern(word)
        where.append(
            or_(Position.name.like(pattern, escape="\\"), Position.address.like(pattern, escape="\\"))
        )
    sort = _SORTS.get(flt.sort, Position.opened_on)
    order = [sort.desc() if flt.descending else sort.asc(), Position.name, Position.id]
    with ws.db.read() as s:
        query = select(Position.id).where(*where).order_by(*order).limit(limit)
        return list(s.connection().execute(query).scalars())


def load_position_rows(ws: Workspace, ids: Sequence[str]) -> list[PositionRow]:
    ids = list(ids)
    if not ids:
        return []
    with ws.db.read() as s:
        found = {
            p.id: p
            for p in s.scalars(
                select(Position).where(Position.id.in_(ids), *within(ws, Position.division_code))
            )
        }
        names = places(s, {p.division_code for p in found.values()})
        assoc_ids = {p.association_id for p in found.values() if p.association_id}
        assocs = dict(
            s.execute(select(Association.id, Association.name).where(Association.id.in_(assoc_ids))).all()
        )
    return [
        PositionRow(
            id=p.id,
            name=p.name,
            kind=p.kind,
            level=p.level,
            division_code=p.division_code,
            division_name=names[p.division_code].name,
            association_name=assocs.get(p.association_id or "", ""),
            opened_on=p.opened_on,
            plaque_on=p.plaque_on,
            funding_fen=p.funding_fen,
            area_m2=p.area_m2,
            address=p.address or "",
            closed_on=p.closed_on,
            places=p.places,
        )
        for p in (found.get(i) for i in ids)
        if p is not None
    ]


def position_detail(ws: Workspace, position_id: str) -> PositionInput:
    """The position as the form edits it."""
    with ws.db.read() as s:
        p = s.get(Position, position_id)
        if p is None or p.deleted:
            raise NotFound("这个阵地不存在，可能已被删除或尚未同步到本机。")
        ensure_in_scope(ws, p.division_code, "这个阵地不存在，可能已被删除或尚未同步到本机。")
    return PositionInput(
        division_code=p.division_code,
        kind=p.kind,
        name=p.name,
        level=p.level,
        association_id=p.association_id,
        opened_on=p.opened_on,
        plaque_on=p.plaque_on,
        funding_fen=p.funding_fen,
        area_m2=p.area_m2,
        address=p.address or "",
        closed_on=p.closed_on,
        places=p.places,
        id=p.id,
    )


def _check(s: Session, ws: Workspace, inp: PositionInput, today: date) -> tuple[dict[str, Any], list[Issue]]:
    issues = require("name", inp.name, "阵地名称")
    if len(inp.name.strip()) > 80:
        issues.append(error("name", "阵地名称不能超过 80 个字"))
    division, found = check_division(s, ws, "division_code", inp.division_code)
    issues += found
    issues += check_date("opened_on", inp.opened_on, label="建成日期", today=today)
    issues += check_date("plaque_on", inp.plaque_on, label="挂牌日期", today=today)
    issues += check_date("closed_on", inp.closed_on, label="停用日期", today=today)
    if inp.opened_on and inp.plaque_on and inp.plaque_on < inp.opened_on:
        issues.append(warning("plaque_on", "挂牌日期早于建成日期，请核对"))
    if inp.opened_on and inp.closed_on and inp.closed_on < inp.opened_on:
        issues.append(error("closed_on", "停用日期不能早于建成日期"))
    if not 0 <= inp.funding_fen < MAX_FEN:
        issues.append(error("funding_fen", "投入资金应为 0 或正数"))
    issues += check_count("area_m2", inp.area_m2, "面积", maximum=100_000)
    issues += check_count("places", inp.places, "托位数", maximum=10_000)
    if inp.kind is PositionKind.CHILDCARE_POINT and inp.places is None:
        issues.append(warning("places", "普惠托育点请填写托位数：托位是托育服务的主要指标"))
    if inp.association_id:
        assoc = s.get(Association, inp.association_id)
        if assoc is None or assoc.deleted:
            issues.append(error("association_id", "所选协会不存在或已被删除"))
    if division is not None and inp.name.strip():
        same = s.scalar(
            select(Position.id)
            .where(
                Position.name == inp.name.strip(),
                Position.division_code == inp.division_code,
                Position.deleted.is_(False),
                Position.id != (inp.id or ""),
            )
            .limit(1)
        )
        if same is not None:
            issues.append(warning("name", f"“{division.name}”已有同名阵地，请确认不是重复登记"))
    values = {
        "division_code": inp.division_code,
        "association_id": inp.association_id or None,
        "kind": inp.kind,
        "name": inp.name.strip(),
        "level": inp.level or (ADMIN_LEVEL[division.level] if division is not None else None),
        "opened_on": inp.opened_on,
        "plaque_on": inp.plaque_on,
        "funding_fen": inp.funding_fen,
        "area_m2": inp.area_m2,
        "address": text_or_none(inp.address),
        "closed_on": inp.closed_on,
        # Only a 普惠托育点 has 托位; another kind keeps none even if the form held a number.
        "places": inp.places if inp.kind is PositionKind.CHILDCARE_POINT else None,
    }
    return values, issues


def save_position(
    ws: Workspace, inp: PositionInput, *, accept_warnings: bool = False, today: date | None = None
) -> str:
    """Create or update a position; returns its id."""
    today = today or date.today()
    ensure_writable(ws)
    with edit_session(ws) as s:
        values, issues = _check(s, ws, inp, today)
        raise_for(issues, accept_warnings)
        if inp.id is None:
            row = Position(**values)
            s.add(row)
            s.flush()
            return row.id
        found = s.get(Position, inp.id)
        if found is None or found.deleted:
            raise NotFound("这个阵地已被删除（可能是同步带来的删除），修改未保存。")
        ensure_in_scope(ws, found.division_code)
        assign_changed(found, values)
        return found.id


def mark_position_deleted(ws: Workspace, position_id: str) -> None:
    ensure_writable(ws)
    with edit_session(ws) as s:
        found = s.get(Position, position_id)
        if found is None or found.deleted:
            raise NotFound("这个阵地不存在或已被删除。")
        ensure_in_scope(ws, found.division_code)
        found.deleted = True


def position_counts(
    ws: Workspace, division_code: str | None = None, *, today: date | None = None
) -> list[PositionCount]:
    """Open positions by kind, with their funding: how many 会员之家, 托育点 … there are."""
    today = today or date.today()
    with ws.db.read() as s:
        rows = s.execute(
            select(Position.kind, func.count(), func.coalesce(func.sum(Position.funding_fen), 0))
            .where(
                Position.deleted.is_(False),
                *within(ws, Position.division_code),
                _open(today),
                *under(Position.division_code, division_code),
            )
            .group_by(Position.kind)
        ).all()
    found = {kind: PositionCount(kind, int(n), int(fen)) for kind, n, fen in rows}
    return [found[k] for k in PositionKind if k in found]
