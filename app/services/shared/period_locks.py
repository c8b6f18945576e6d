"""A locked period refuses edits of the records dated in it: checked once, centrally, at every
flush of an edit session (``scope.edit_session``), so no service has to remember it.

Dated records are visits (and their goods), activities, trainings and project payments. Both the
date a record has and the date it had are checked: moving a visit out of a locked half-year is an
edit of that half-year too.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from app.database.models import Activity, PeriodLock, Project, ProjectPayment, Training, Visit, VisitGoods
from app.domain.errors import UserInputError
from app.domain.periods import parse_period
from app.domain.permissions import in_subtree

# model → (date attribute, division attribute); None where the division comes from a parent row.
_DATED: dict[type[Any], tuple[str, str | None]] = {
    Visit: ("visited_on", "division_code"),
    Activity: ("held_on", "division_code"),
    Training: ("held_on", "division_code"),
    ProjectPayment: ("paid_on", None),
}


def _values(obj: Any, name: str) -> list[Any]:
    """The attribute's value now and, for a changed row, the value it had."""
    history = inspect(obj).attrs[name].history
    return [getattr(obj, name), *history.deleted]


def _touched(s: Session, objects: list[Any]) -> list[tuple[str, date]]:
    """(division, day) of every dated record this flush writes, old and new."""
    out: list[tuple[str, date]] = []
    for obj in objects:
        if isinstance(obj, VisitGoods):
            visit = s.get(Visit, obj.visit_id) if obj.visit_id else None
            if visit is not None:
                out.append((visit.division_code, visit.visited_on))
            continue
        spec = _DATED.get(type(obj))
        if spec is None:
            continue
        day_attr, division_attr = spec
        if division_attr is None:
            project = s.get(Project, obj.project_id) if obj.project_id else None
            divisions = [project.division_code] if project is not None else []
        else:
            divisions = [d for d in _values(obj, division_attr) if d]
        days = [d for d in _values(obj, day_attr) if isinstance(d, date)]
        out += [(division, day) for division in divisions for day in days]
    return out


def _check(s: Session) -> None:
    objects = [*s.new, *s.dirty, *s.deleted]
    if not any(isinstance(o, (*_DATED, VisitGoods)) for o in objects):
        return
    with s.no_autoflush:
        touched = _touched(s, objects)
        if not touched:
            return
        locks = s.execute(
            select(
                PeriodLock.division_code, PeriodLock.period_code, PeriodLock.starts_on, PeriodLock.ends_on
            ).where(PeriodLock.deleted.is_(False), PeriodLock.unlocked_at.is_(None))
        ).all()
    for division, day in touched:
        for lock_division, code, starts, ends in locks:
            if starts <= day < ends and in_subtree(division, lock_division):
                raise UserInputError(
                    f"{parse_period(code).label}已锁定，日期为 {day:%Y-%m-%d} 的记录不能新增、修改或删除；"
                    "记录未保存。如确需更正，请县级管理员在“绩效评价”页解锁该期间（须写明原因）。"
                )


def guard_locked_periods(s: Session) -> None:
    """Make every flush of this session refuse a write into a locked period."""
    event.listen(s, "before_flush", lambda session, _ctx, _objs: _check(session))
