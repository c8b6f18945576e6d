"""Every figure traced back: the records behind a value, and the records short of a target
(the township's to-do list: the families without two contact persons, the villages without
two instructors …)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import and_, case, select
from sqlalchemy.orm import Session

from app.domain.indicators import IndicatorDef, Term
from app.domain.periods import Period
from app.domain.records.evaluation import DrillRow
from app.services.evaluation.engine import subtree, term_conditions
from app.services.evaluation.record_sets import SETS, Window
from app.services.evaluation.sheet import as_period, checked_division, division_names, find_definition
from app.services.shared.workspace import Workspace

DRILL_LIMIT = 5000  # a screen's list; the export takes everything


def _rows(s: Session, t: Term, code: str, w: Window, extra: list[Any], limit: int | None) -> list[DrillRow]:
    spec = SETS[t.set]
    amount = spec.fields[t.field](w) if t.measure == "sum" and t.field else None
    day = spec.day
    columns = [
        spec.row_id,
        spec.division,
        spec.label,
        day if day is not None else spec.row_id,
        amount if amount is not None else spec.row_id,
        spec.family_id if spec.family_id is not None else spec.row_id,
    ]
    query = (
        select(*columns)
        .select_from(spec.source())
        .where(*spec.base(w), *subtree(spec.division, code), *extra)
        .order_by(spec.division, spec.label, spec.row_id)
        .limit(limit)
    )
    found = s.execute(query).all()
    names = division_names(s, {r[1] for r in found})
    return [
        DrillRow(
            record_id=r[0],
            table=spec.table,
            division_code=r[1],
            division_name=names.get(r[1]) or r[1] or "",
            label=(r[2] or "").strip(),
            day=r[3] if day is not None and isinstance(r[3], date) else None,
            amount=int(r[4] or 0) if amount is not None else None,
            family_id=r[5] if spec.family_id is not None else None,
        )
        for r in found
    ]


def records_behind(
    ws: Workspace,
    indicator_code: str,
    division_code: str | None,
    period: Period | str,
    *,
    part: str = "numerator",
    limit: int | None = DRILL_LIMIT,
    today: date | None = None,
) -> list[DrillRow]:
    """The records the numerator (or ``part="denominator"``) counts or adds up."""
    p = as_period(period)
    code = checked_division(ws, division_code)
    w = Window.of(p, today or date.today())
    with ws.db.read() as s:
        d = find_definition(s, indicator_code)
        t = d.denominator if part == "denominator" and d.denominator is not None else d.numerator
        conds = term_conditions(t, w)
        return _rows(s, t, code, w, conds, limit)


def _missing_conditions(d: IndicatorDef, w: Window) -> list[Any] | None:
    """Conditions of the denominator's records that the numerator does not count, when both count
    records of one set (otherwise the shortfall is listed by division, not record by record)."""
    num, den = d.numerator, d.denominator
    if den is None or num.set != den.set or num.measure != "count" or den.measure != "count":
        return None
    extra = [c for c in num.where if c not in den.where]
    if not extra:
        return None
    kept = term_conditions(den, w)
    counted = term_conditions(Term(num.set, "count", None, tuple(extra)), w)
    # CASE keeps a NULL (an unknown) on the "short" side instead of dropping the record.
    return [*kept, case((and_(*counted), 1), else_=0) == 0]


def records_short(
    ws: Workspace,
    indicator_code: str,
    division_code: str | None,
    period: Period | str,
    *,
    limit: int | None = DRILL_LIMIT,
    today: date | None = None,
) -> list[DrillRow]:
    """The records of the denominator the numerator misses: the list to work through. Empty when
    the indicator is not a share of records (a total, a sum of money)."""
    p = as_period(period)
    code = checked_division(ws, division_code)
    w = Window.of(p, today or date.today())
    with ws.db.read() as s:
        d = find_definition(s, indicator_code)
        conds = _missing_conditions(d, w)
        if conds is None or d.denominator is None:
            return []
        return _rows(s, d.denominator, code, w, conds, limit)
