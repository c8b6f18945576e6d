"""培训: trainings (of cadres, instructors, volunteers …): the list, rows, detail, saving, deleting.

Each public function is one user action in one transaction; the yearly totals by audience are in
``totals``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from app.database.models import Training
from app.domain.errors import NotFound
from app.domain.records.activities import TrainingFilter, TrainingInput, TrainingRow
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


def training_conditions(ws: Workspace, flt: TrainingFilter) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [Training.deleted.is_(False), *within(ws, Training.division_code)]
    where += in_year(Training.held_on, flt.year)
    if flt.audience is not None:
        where.append(Training.audience == flt.audience)
    where += under(Training.division_code, flt.division_code)
    where += words_match((Training.title, Training.place, Training.organiser), flt.text)
    return where


def list_training_ids(
    ws: Workspace, flt: TrainingFilter | None = None, *, limit: int | None = None
) -> list[str]:
    flt = flt or TrainingFilter()
    sort = _TRAINING_SORTS.get(flt.sort, Training.held_on)
    order = [sort.desc() if flt.descending else sort.asc(), Training.title, Training.id]
    query = select(Training.id).where(*training_conditions(ws, flt)).order_by(*order).limit(limit)
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
    issues += check_spending("spending_fen", inp.spending_fen)
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
        return write_training(s, ws, inp)


def write_training(s: Session, ws: Workspace, inp: TrainingInput) -> str:
    """Write a checked training in the caller's transaction (the form, an import's rows)."""
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
