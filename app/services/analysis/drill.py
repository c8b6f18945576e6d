"""What lies behind a bar of the dashboard: a township's families (those not visited first), a
project's payments. Lists a worker can work through; capped, with the count of all."""

from __future__ import annotations

from sqlalchemy import func, select

from app.database.models import Project, ProjectBeneficiary, ProjectPayment, SpecialFamily, Visit
from app.domain.errors import NotFound
from app.domain.periods import Period, parse_period
from app.domain.records.dashboard import DrillFamily, DrillPayment
from app.services.analysis.families import special_registered
from app.services.analysis.scope import resolve_scope
from app.services.shared.records import places
from app.services.shared.scope import ensure_in_scope
from app.services.shared.workspace import Workspace

DRILL_LIMIT = 5_000


def families_behind(
    ws: Workspace, division_code: str, period: Period | str, *, not_visited_only: bool = True
) -> list[DrillFamily]:
    """The registered special families of a township (or county) with their visits in the period;
    by default only those the period's work has not reached yet (the township's to-do list)."""
    chosen = parse_period(period) if isinstance(period, str) else period
    f, v = SpecialFamily, Visit
    with ws.db.read() as s:
        scope = resolve_scope(s, ws, division_code, chosen)
        visits = (
            select(v.family_id, func.count().label("n"))
            .where(
                v.deleted.is_(False),
                v.visited_on >= chosen.start,
                v.visited_on < chosen.end,
                *scope.under(v.division_code),
            )
            .group_by(v.family_id)
            .subquery()
        )
        last = (
            select(func.max(v.visited_on))
            .where(v.family_id == f.id, v.deleted.is_(False), v.visited_on < chosen.end)
            .scalar_subquery()
        )
        query = (
            select(
                f.id, f.division_code, f.head_name, f.category, f.phone, last, func.coalesce(visits.c.n, 0)
            )
            .outerjoin(visits, visits.c.family_id == f.id)
            .where(*special_registered(scope))
            .order_by(func.coalesce(visits.c.n, 0), f.division_code, f.name_key, f.id)
            .limit(DRILL_LIMIT)
        )
        if not_visited_only:
            query = query.where(visits.c.n.is_(None))
        rows = s.execute(query).all()
        where = places(s, {r[1] for r in rows})
    return [
        DrillFamily(
            family_id=r[0],
            township=where[r[1]].township_name,
            village=where[r[1]].village,
            head_name=r[2],
            category=r[3].value,
            phone=r[4] or "",
            last_visit_on=r[5],
            visits_in_period=int(r[6]),
        )
        for r in rows
    ]


def payments_behind(ws: Workspace, project_id: str, period: Period | str) -> list[DrillPayment]:
    """A project's payments made by the end of the period."""
    chosen = parse_period(period) if isinstance(period, str) else period
    pay, ben = ProjectPayment, ProjectBeneficiary
    with ws.db.read() as s:
        project = s.get(Project, project_id)
        if project is None or project.deleted:
            raise NotFound("没有找到这个项目，可能已被删除。")
        ensure_in_scope(ws, project.division_code)
        rows = s.execute(
            select(pay.paid_on, ben.division_code, ben.name, pay.amount_fen, pay.method)
            .join(ben, ben.id == pay.beneficiary_id)
            .where(pay.project_id == project_id, pay.deleted.is_(False), pay.paid_on < chosen.end)
            .order_by(pay.paid_on, ben.name)
            .limit(DRILL_LIMIT)
        ).all()
        where = places(s, {r[1] for r in rows})
    return [
        DrillPayment(r[0], where[r[1]].township_name, where[r[1]].village, r[2], int(r[3]), r[4].value)
        for r in rows
    ]
