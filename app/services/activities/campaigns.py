"""宣传活动 and 培训: campaign events (5·29, 7·11, 12·1, 健康知识进万家 …) and trainings, yearly totals.

Each public function is one user action in one transaction; lists give ids filtered and sorted in
SQL, and rows for a page of ids. Counts are typed from the activity record (场次, 参与人次, 资料份数,
服务人次, 惠及人数); the yearly totals add them up by campaign, never by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, extract, func, or_, select
from sqlalchemy.orm import Session

from app.database.models import Activity, Association, Training
from app.domain.enums import Campaign, TrainingAudience
from app.domain.errors import NotFound
from app.domain.records.activities import (
    CAMPAIGN_DAYS,
    ActivityFilter,
    ActivityInput,
    ActivityRow,
    CampaignTotals,
    TrainingFilter,
    TrainingInput,
    TrainingRow,
    TrainingTotals,
)
from app.domain.validation import MAX_FEN, Issue, check_date, error, require, warning
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
from app.services.shared.search import like_pattern, words
from app.services.shared.workspace import Workspace

_CAMPAIGN_SLACK_DAYS = 15  # a 5·29 event within two weeks of 29 May is normal
_MAX_COUNT = 1_000_000  # 参与人次 of one county event; more is a typing slip
_COUNTS = (
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
_TRAINING_SORTS: dict[str, Any] = {
    "held_on": Training.held_on,
    "title": Training.title,
    "audience": Training.audience,
    "days": Training.days,
    "division": Training.division_code,
    "place": Training.place,
    "organiser": Training.organiser,
    "participants": Training.participants,
    "person_days": Training.participants * Training.days,
    "spending": Training.spending_fen,
}


def _year(column: Any, year: int | None) -> list[ColumnElement[bool]]:
    # A range on the indexed date column rather than extract(year): it uses the index.
    return [] if year is None else [column >= date(year, 1, 1), column <= date(year, 12, 31)]


def _words(columns: Sequence[Any], text: str) -> list[ColumnElement[bool]]:
    return [or_(*(c.like(like_pattern(w), escape="\\") for c in columns)) for w in words(text)]


def _activity_conditions(ws: Workspace, flt: ActivityFilter) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [Activity.deleted.is_(False), *within(ws, Activity.division_code)]
    where += _year(Activity.held_on, flt.year)
    if flt.campaign is not None:
        where.append(Activity.campaign == flt.campaign)
    where += under(Activity.division_code, flt.division_code)
    where += _words((Activity.title, Activity.place), flt.text)
    return where


def list_activity_ids(
    ws: Workspace, flt: ActivityFilter | None = None, *, limit: int | None = None
) -> list[str]:
    flt = flt or ActivityFilter()
    sort = _ACTIVITY_SORTS.get(flt.sort, Activity.held_on)
    order = [sort.desc() if flt.descending else sort.asc(), Activity.title, Activity.id]
    query = select(Activity.id).where(*_activity_conditions(ws, flt)).order_by(*order).limit(limit)
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


def _spending(field: str, fen: int) -> list[Issue]:
    return [] if 0 <= fen < MAX_FEN else [error(field, "经费应为 0 或正数")]


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
    for field, label in _COUNTS:
        issues += check_count(field, getattr(inp, field), label, maximum=_MAX_COUNT)
    if inp.sessions < 1:
        issues.append(error("sessions", "场次至少为 1"))
    issues += _spending("spending_fen", inp.spending_fen)
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
        values = {
            "division_code": inp.division_code,
            "association_id": inp.association_id or None,
            "campaign": inp.campaign,
            "title": inp.title.strip(),
            "held_on": inp.held_on,
            "place": text_or_none(inp.place),
            **{field: getattr(inp, field) for field, _ in _COUNTS},
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


def activity_years(ws: Workspace) -> list[int]:
    """Years with activities or trainings, newest first (the year filter's choices)."""
    with ws.db.read() as s:
        years = set(
            s.scalars(
                select(extract("year", Activity.held_on))
                .where(Activity.deleted.is_(False), *within(ws, Activity.division_code))
                .distinct()
            )
        )
        years |= set(
            s.scalars(
                select(extract("year", Training.held_on))
                .where(Training.deleted.is_(False), *within(ws, Training.division_code))
                .distinct()
            )
        )
    return sorted((int(y) for y in years if y is not None), reverse=True)


def campaign_totals(ws: Workspace, year: int, division_code: str | None = None) -> list[CampaignTotals]:
    """A year's events by campaign in the campaigns' order, then the year's total line."""
    sums = [func.count(), *(func.coalesce(func.sum(getattr(Activity, f)), 0) for f, _ in _COUNTS)]
    sums.append(func.coalesce(func.sum(Activity.spending_fen), 0))
    flt = ActivityFilter(year=year, division_code=division_code)
    with ws.db.read() as s:
        rows = s.execute(
            select(Activity.campaign, *sums).where(*_activity_conditions(ws, flt)).group_by(Activity.campaign)
        ).all()
    found = {r[0]: CampaignTotals(r[0], *(int(v) for v in r[1:])) for r in rows}
    lines = [found[c] for c in Campaign if c in found]
    total = CampaignTotals(
        None,
        *(sum(getattr(line, f) for line in lines) for f in list(CampaignTotals.__dataclass_fields__)[1:]),
    )
    return [*lines, total]


# --- trainings -------------------------------------------------------------------------------------


def _training_conditions(ws: Workspace, flt: TrainingFilter) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [Training.deleted.is_(False), *within(ws, Training.division_code)]
    where += _year(Training.held_on, flt.year)
    if flt.audience is not None:
        where.append(Training.audience == flt.audience)
    where += under(Training.division_code, flt.division_code)
    where += _words((Training.title, Training.place, Training.organiser), flt.text)
    return where


def list_training_ids(
    ws: Workspace, flt: TrainingFilter | None = None, *, limit: int | None = None
) -> list[str]:
    flt = flt or TrainingFilter()
    sort = _TRAINING_SORTS.get(flt.sort, Training.held_on)
    order = [sort.desc() if flt.descending else sort.asc(), Training.title, Training.id]
    query = select(Training.id).where(*_training_conditions(ws, flt)).order_by(*order).limit(limit)
    with ws.db.read() as s:
        return list(s.connection().execute(query).scalars())


def load_training_rows(ws: Workspace, ids: Sequence[str]) -> list[TrainingRow]:
    ids = list(ids)
    if not ids:
        return []
    with ws.db.read() as s:
        found = {
            t.id: t
            for t in s.scalars(
                select(Training).where(Training.id.in_(ids), *within(ws, Training.division_code))
            )
        }
        names = places(s, {t.division_code for t in found.values()})
    return [
        TrainingRow(
            id=t.id,
            title=t.title,
            audience=t.audience,
            held_on=t.held_on,
            days=t.days,
            division_code=t.division_code,
            division_name=names[t.division_code].name,
            place=t.place or "",
            organiser=t.organiser or "",
            participants=t.participants,
            spending_fen=t.spending_fen,
            note=t.note or "",
        )
        for t in (found.get(i) for i in ids)
        if t is not None
    ]


def training_detail(ws: Workspace, training_id: str) -> TrainingInput:
    with ws.db.read() as s:
        t = s.get(Training, training_id)
        if t is None or t.deleted:
            raise NotFound("这条培训记录不存在，可能已被删除或尚未同步到本机。")
        ensure_in_scope(ws, t.division_code, "这条培训记录不存在，可能已被删除或尚未同步到本机。")
    return TrainingInput(
        division_code=t.division_code,
        title=t.title,
        audience=t.audience,
        held_on=t.held_on,
        days=t.days,
        place=t.place or "",
        organiser=t.organiser or "",
        participants=t.participants,
        spending_fen=t.spending_fen,
        note=t.note or "",
        id=t.id,
    )


def check_training(s: Session, ws: Workspace, inp: TrainingInput, today: date) -> list[Issue]:
    issues = require("title", inp.title, "培训名称")
    if len(inp.title.strip()) > 120:
        issues.append(error("title", "培训名称不能超过 120 个字"))
    issues += require("held_on", inp.held_on, "培训日期")
    issues += check_date("held_on", inp.held_on, label="培训日期", today=today)
    issues += check_division(s, ws, "division_code", inp.division_code)[1]
    if not 1 <= inp.days <= 60:
        issues.append(error("days", "培训天数应为 1–60 天"))
    elif inp.days > 15:
        issues.append(warning("days", f"培训 {inp.days} 天，时间较长，请核对"))
    issues += check_count("participants", inp.participants, "参训人数", maximum=100_000)
    if inp.participants == 0:
        issues.append(warning("participants", "参训人数为 0，请核对"))
    issues += _spending("spending_fen", inp.spending_fen)
    if len(inp.organiser.strip()) > 80:
        issues.append(error("organiser", "主办单位不能超过 80 个字"))
    return issues


def save_training(
    ws: Workspace, inp: TrainingInput, *, accept_warnings: bool = False, today: date | None = None
) -> str:
    today = today or date.today()
    ensure_writable(ws)
    with edit_session(ws) as s:
        raise_for(check_training(s, ws, inp, today), accept_warnings)
        values = {
            "division_code": inp.division_code,
            "title": inp.title.strip(),
            "audience": inp.audience,
            "held_on": inp.held_on,
            "days": inp.days,
            "place": text_or_none(inp.place),
            "organiser": text_or_none(inp.organiser),
            "participants": inp.participants,
            "spending_fen": inp.spending_fen,
            "note": text_or_none(inp.note),
        }
        if inp.id is None:
            row = Training(**values)
            s.add(row)
            s.flush()
            return row.id
        found = s.get(Training, inp.id)
        if found is None or found.deleted:
            raise NotFound("这条培训记录已被删除（可能是同步带来的删除），修改未保存。")
        ensure_in_scope(ws, found.division_code)
        assign_changed(found, values)
        return found.id


def mark_training_deleted(ws: Workspace, training_id: str) -> None:
    ensure_writable(ws)
    with edit_session(ws) as s:
        found = s.get(Training, training_id)
        if found is None or found.deleted:
            raise NotFound("这条培训记录不存在或已被删除。")
        ensure_in_scope(ws, found.division_code)
        found.deleted = True


def training_totals(ws: Workspace, year: int, division_code: str | None = None) -> list[TrainingTotals]:
    """A year's trainings by audience, then the year's total line."""
    flt = TrainingFilter(year=year, division_code=division_code)
    with ws.db.read() as s:
        rows = s.execute(
            select(
                Training.audience,
                func.count(),
                func.coalesce(func.sum(Training.days), 0),
                func.coalesce(func.sum(Training.participants), 0),
                func.coalesce(func.sum(Training.participants * Training.days), 0),
                func.coalesce(func.sum(Training.spending_fen), 0),
            )
            .where(*_training_conditions(ws, flt))
            .group_by(Training.audience)
        ).all()
    found = {r[0]: TrainingTotals(r[0], *(int(v) for v in r[1:])) for r in rows}
    lines = [found[a] for a in TrainingAudience if a in found]
    total = TrainingTotals(
        None,
        sum(x.trainings for x in lines),
        sum(x.days for x in lines),
        sum(x.participants for x in lines),
        sum(x.person_days for x in lines),
        sum(x.spending_fen for x in lines),
    )
    return [*lines, total]
