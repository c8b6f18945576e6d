"""宣传活动: campaign events (5·29, 7·11, 12·1, 健康知识进万家 …): the list, rows, detail, saving, deleting.

Each public function is one user action in one transaction; lists give ids filtered and sorted in
SQL, and rows for a page of ids. Counts are typed from the activity record (场次, 参与人次, 资料份数,
服务人次, 惠及人数); the yearly totals (``totals``) add them up by campaign, never by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from app.database.models import Activity, Association
from app.domain.errors import NotFound
from app.domain.records.activities import CAMPAIGN_DAYS, ActivityFilter, ActivityInput, ActivityRow
from app.domain.validation import Issue, check_date, error, require, warning
from app.services.activities.common import check_spending, in_year, words_match
from app.services.shared.records import (
    assign_changed,
    check_count,
    check_division,
    places,
    raise_for,
    text_or_none,
    under,
)
from app.services.shared.scope import edit_session, ensure_in_scope, ensure_writable, within
from app.services.shared.workspace import Workspace

_CAMPAIGN_SLACK_DAYS = 15  # a 5·29 event within two weeks of 29 May is normal
_MAX_COUNT = 1_000_000  # 参与人次 of one county event; more is a typing slip
COUNTS = (
    ("sessions", "场次"),
    ("participants", "参与人次"),
    ("materials", "资料份数"),
    ("served", "服务人次"),
    ("beneficiaries", "惠及人数"),
)

_ACTIVITY_SORTS: dict[str, Any] = {
    "held_on": Activity.held_on,
    "title": Activity.title,
    "campaign": Activity.campaign,
    "division": Activity.division_code,
    "place": Activity.place,
    "sessions": Activity.sessions,
    "participants": Activity.participants,
    "materials": Activity.materials,
    "served": Activity.served,
    "beneficiaries": Activity.beneficiaries,
    "spending": Activity.spending_fen,
}


def activity_conditions(ws: Workspace, flt: ActivityFilter) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [Activity.deleted.is_(False), *within(ws, Activity.division_code)]
    where += in_year(Activity.held_on, flt.year)
    if flt.campaign is not None:
        where.append(Activity.campaign == flt.campaign)
    where += under(Activity.division_code, flt.division_code)
    where += words_match((Activity.title, Activity.place), flt.text)
    return where


def list_activity_ids(
    ws: Workspace, flt: ActivityFilter | None = None, *, limit: int | None = None
) -> list[str]:
    flt = flt or ActivityFilter()
    sort = _ACTIVITY_SORTS.get(flt.sort, Activity.held_on)
    order = [sort.desc() if flt.descending else sort.asc(), Activity.title, Activity.id]
    query = select(Activity.id).where(*activity_conditions(ws, flt)).order_by(*order).limit(limit)
    with ws.db.read() as s:
        return list(s.connection().execute(query).scalars())


def load_activity_rows(ws: Workspace, ids: Sequence[str]) -> list[ActivityRow]:
    ids = list(ids)
    if not ids:
        return []
    with ws.db.read() as s:
        found = {
            a.id: a
            for a in s.scalars(
                select(Activity).where(Activity.id.in_(ids), *within(ws, Activity.division_code))
            )
        }
        names = places(s, {a.division_code for a in found.values()})
    return [
        ActivityRow(
            id=a.id,
            title=a.title,
            campaign=a.campaign,
            held_on=a.held_on,
            division_code=a.division_code,
            division_name=names[a.division_code].name,
            kind=a.kind,
            place=a.place or "",
            sessions=a.sessions,
            participants=a.participants,
            materials=a.materials,
            served=a.served,
            beneficiaries=a.beneficiaries,
            spending_fen=a.spending_fen,
            note=a.note or "",
        )
        for a in (found.get(i) for i in ids)
        if a is not None
    ]


def activity_detail(ws: Workspace, activity_id: str) -> ActivityInput:
    with ws.db.read() as s:
        a = s.get(Activity, activity_id)
        if a is None or a.deleted:
            raise NotFound("这条活动记录不存在，可能已被删除或尚未同步到本机。")
        ensure_in_scope(ws, a.division_code, "这条活动记录不存在，可能已被删除或尚未同步到本机。")
    return ActivityInput(
        division_code=a.division_code,
        campaign=a.campaign,
        title=a.title,
        held_on=a.held_on,
        kind=a.kind,
        place=a.place or "",
        sessions=a.sessions,
        participants=a.participants,
        materials=a.materials,
        served=a.served,
        beneficiaries=a.beneficiaries,
        spending_fen=a.spending_fen,
        association_id=a.association_id,
        note=a.note or "",
        id=a.id,
    )


def _campaign_day(inp: ActivityInput) -> list[Issue]:
    day = CAMPAIGN_DAYS.get(inp.campaign)
    if day is None or inp.held_on is None:
        return []
    expected = date(inp.held_on.year, *day)
    if abs((inp.held_on - expected).days) > _CAMPAIGN_SLACK_DAYS:
        return [
            warning("held_on", f"“{inp.campaign}”的活动日期为 {inp.held_on:%Y-%m-%d}，离活动日较远，请核对")
        ]
    return []


def check_activity(s: Session, ws: Workspace, inp: ActivityInput, today: date) -> list[Issue]:
    issues = require("title", inp.title, "活动名称")
    if len(inp.title.strip()) > 120:
        issues.append(error("title", "活动名称不能超过 120 个字"))
    issues += require("held_on", inp.held_on, "活动日期")
    issues += check_date("held_on", inp.held_on, label="活动日期", today=today)
    issues += check_division(s, ws, "division_code", inp.division_code)[1]
    for field, label in COUNTS:
        issues += check_count(field, getattr(inp, field), label, maximum=_MAX_COUNT)
    if inp.sessions < 1:
        issues.append(error("sessions", "场次至少为 1"))
    issues += check_spending("spending_fen", inp.spending_fen)
    if inp.participants == 0 and inp.served == 0:
        issues.append(warning("participants", "参与人次和服务人次都是 0，请核对"))
    elif inp.participants and inp.sessions > inp.participants:
        issues.append(warning("sessions", "场次多于参与人次，请核对"))
    issues += _campaign_day(inp)
    if inp.association_id:
        assoc = s.get(Association, inp.association_id)
        if assoc is None or assoc.deleted:
            issues.append(error("association_id", "所选协会不存在或已被删除"))
    return issues


def save_activity(
    ws: Workspace, inp: ActivityInput, *, accept_warnings: bool = False, today: date | None = None
) -> str:
    today = today or date.today()
    ensure_writable(ws)
    with edit_session(ws) as s:
        raise_for(check_activity(s, ws, inp, today), accept_warnings)
        return write_activity(s, ws, inp)


def write_activity(s: Session, ws: Workspace, inp: ActivityInput) -> str:
    """Write a checked activity in the caller's transaction (the form, an import's rows)."""
    values = {
        "division_code": inp.division_code,
        "association_id": inp.association_id or None,
        "campaign": inp.campaign,
        "kind": inp.kind,
        "title": inp.title.strip(),
        "held_on": inp.held_on,
        "place": text_or_none(inp.place),
        **{field: getattr(inp, field) for field, _ in COUNTS},
        "spending_fen": inp.spending_fen,
        "note": text_or_none(inp.note),
    }
    if inp.id is None:
        row = Activity(**values)
        s.add(row)
        s.flush()
        return row.id
    found = s.get(Activity, inp.id)
    if found is None or found.deleted:
        raise NotFound("这条活动记录已被删除（可能是同步带来的删除），修改未保存。")
    ensure_in_scope(ws, found.division_code)
    assign_changed(found, values)
    return found.id


def mark_activity_deleted(ws: Workspace, activity_id: str) -> None:
    ensure_writable(ws)
    with edit_session(ws) as s:
        found = s.get(Activity, activity_id)
        if found is None or found.deleted:
            raise NotFound("这条活动记录不存在或已被删除。")
        ensure_in_scope(ws, found.division_code)
        found.deleted = True
