"""走访慰问 and 精神慰藉: record a visit with its goods, list a family's visits, list visits due."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from app.database.models import Division, SpecialFamily, Visit, VisitGoods
from app.domain.enums import FamilyStatus
from app.domain.errors import NotFound, ValidationFailed
from app.domain.records.families import (
    VISIT_DUE_DAYS,
    GoodsLine,
    VisitDue,
    VisitInput,
    VisitRow,
    WarningsToConfirm,
)
from app.domain.validation import Issue, Severity, has_errors
from app.services.families import checks as family_checks
from app.services.shared.scope import edit_session, ensure_in_scope, ensure_writable, within
from app.services.shared.workspace import Workspace

_NO_FAMILY = "要登记走访的家庭不存在或已被删除。"


def _check(ws: Workspace, inp: VisitInput, today: date) -> tuple[VisitInput, list[Issue]]:
    with ws.db.read() as s:
        family = s.get(SpecialFamily, inp.family_id)
        if family is None or family.deleted:
            raise NotFound(_NO_FAMILY)
        ensure_in_scope(ws, family.division_code, _NO_FAMILY)

        def used_by(number: str) -> str | None:
            found = s.execute(
                select(Visit.visited_on, SpecialFamily.head_name)
                .join(SpecialFamily, SpecialFamily.id == Visit.family_id)
                .where(Visit.form_number == number, Visit.deleted.is_(False))
                .limit(1)
            ).first()
            return f"{found[1]}家，{found[0]:%Y-%m-%d}" if found else None

        same_day = 0
        if inp.visited_on is not None:
            same_day = (
                s.scalar(
                    select(func.count()).where(
                        Visit.family_id == inp.family_id,
                        Visit.visited_on == inp.visited_on,
                        Visit.kind == inp.kind,
                        Visit.deleted.is_(False),
                    )
                )
                or 0
            )
        return family_checks.check_visit(
            inp,
            today=today,
            family_registered_on=family.registered_on,
            form_number_used_by=used_by,
            same_day_visits=same_day,
        )


def check_visit(ws: Workspace, inp: VisitInput, *, today: date | None = None) -> list[Issue]:
    """Every issue saving would meet, without saving."""
    return _check(ws, inp, today or date.today())[1]


def record_visit(
    ws: Workspace, inp: VisitInput, *, accept_warnings: bool = False, today: date | None = None
) -> str:
    """Save a visit and its goods lines in one transaction; returns the visit id.

    Errors raise ValidationFailed; warnings raise WarningsToConfirm until ``accept_warnings``.
    """
    ensure_writable(ws)
    clean, issues = _check(ws, inp, today or date.today())
    if has_errors(issues):
        raise ValidationFailed([i for i in issues if i.severity is Severity.ERROR])
    if issues and not accept_warnings:
        raise WarningsToConfirm(list(issues))
    assert clean.visited_on is not None  # checked above
    with edit_session(ws) as s:
        family = s.get(SpecialFamily, clean.family_id)
        if family is None or family.deleted:
            raise NotFound(_NO_FAMILY)
        ensure_in_scope(ws, family.division_code, _NO_FAMILY)
        visit = Visit(
            family_id=family.id,
            division_code=family.division_code,
            kind=clean.kind,
            visited_on=clean.visited_on,
            occasion=clean.occasion,
            way=clean.way,
            visitors=clean.visitors,
            cash_fen=clean.cash_fen,
            fund_source=clean.fund_source if clean.cash_fen else None,
            needs_raised=clean.needs_raised or None,
            follow_up=clean.follow_up or None,
            form_number=clean.form_number or None,
            note=clean.note or None,
        )
        s.add(visit)
        s.flush()
        for line in clean.goods:
            s.add(
                VisitGoods(
                    visit_id=visit.id,
                    item=line.item,
                    quantity=line.quantity,
                    unit=line.unit or None,
                    value_fen=line.value_fen,
                )
            )
        return visit.id


def list_visits(ws: Workspace, family_id: str) -> list[VisitRow]:
    """A family's visits, newest first, each with its goods (none for a family outside the user's area)."""
    with ws.db.read() as s:
        visits = s.scalars(
            select(Visit)
            .where(Visit.family_id == family_id, Visit.deleted.is_(False), *within(ws, Visit.division_code))
            .order_by(Visit.visited_on.desc(), Visit.id)
        ).all()
        goods: dict[str, list[GoodsLine]] = {}
        for g in s.scalars(
            select(VisitGoods)
            .where(VisitGoods.visit_id.in_([v.id for v in visits]), VisitGoods.deleted.is_(False))
            .order_by(VisitGoods.created_stamp)
        ):
            goods.setdefault(g.visit_id, []).append(GoodsLine(g.item, g.quantity, g.unit or "", g.value_fen))
    return [
        VisitRow(
            id=v.id,
            family_id=v.family_id,
            visited_on=v.visited_on,
            kind=v.kind,
            occasion=v.occasion,
            way=v.way,
            visitors=v.visitors,
            cash_fen=v.cash_fen,
            fund_source=v.fund_source,
            goods=tuple(goods.get(v.id, ())),
            needs_raised=v.needs_raised or "",
            follow_up=v.follow_up or "",
            form_number=v.form_number or "",
        )
        for v in visits
    ]


def visits_due(
    ws: Workspace, *, today: date | None = None, days: int = VISIT_DUE_DAYS, limit: int = 200
) -> list[VisitDue]:
    """Registered families not visited in ``days`` days, never-visited and longest-waiting first."""
    today = today or date.today()
    last = (
        select(Visit.family_id, func.max(Visit.visited_on).label("last"))
        .where(Visit.deleted.is_(False))
        .group_by(Visit.family_id)
        .subquery()
    )
    with ws.db.read() as s:
        rows = s.execute(
            select(SpecialFamily, last.c.last)
            .outerjoin(last, last.c.family_id == SpecialFamily.id)
            .where(
                SpecialFamily.deleted.is_(False),
                SpecialFamily.status == FamilyStatus.REGISTERED,
                *within(ws, SpecialFamily.division_code),
                (last.c.last.is_(None)) | (last.c.last < today - timedelta(days=days)),
            )
            .order_by(last.c.last.is_not(None), last.c.last, SpecialFamily.name_key)
            .limit(limit)
        ).all()
        villages = dict(
            s.execute(
                select(Division.code, Division.name).where(
                    Division.code.in_({f.division_code for f, _ in rows}), Division.deleted.is_(False)
                )
            ).all()
        )
        follow_ups = dict(
            s.execute(
                select(Visit.family_id, Visit.follow_up)
                .where(
                    Visit.family_id.in_([f.id for f, _ in rows]),
                    Visit.deleted.is_(False),
                    Visit.follow_up.is_not(None),
                    Visit.follow_up_done_on.is_(None),
                )
                .order_by(Visit.visited_on)
            ).all()
        )  # later visits overwrite earlier ones: the newest open follow-up wins
    return [
        VisitDue(
            f.id,
            f.head_name,
            villages.get(f.division_code, ""),
            f.category,
            last_on,
            follow_ups.get(f.id) or "",
        )
        for f, last_on in rows
    ]
