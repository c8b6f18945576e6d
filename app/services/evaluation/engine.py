"""Turns checked indicator definitions into SQL over a division subtree and a period.

The terms of all indicators that read the same record set are computed in one query (a sum of
CASE per term), optionally grouped by the divisions one level down. A rate at any level is its
summed numerator over its summed denominator, never a mean of the rates below.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, bindparam, case, func, not_, select, true
from sqlalchemy.orm import Session

from app.domain.indicators import Condition, IndicatorDef, Term
from app.domain.permissions import subtree_prefix
from app.services.evaluation.record_sets import PARAMS, SETS, Window

CHILD_PREFIX = {2: 4, 4: 6, 6: 9, 9: 12}  # province → city → county → township → village


def subtree(column: Any, division_code: str) -> list[ColumnElement[bool]]:
    """A range rather than LIKE 'x%', so the index on the division column is used."""
    prefix = subtree_prefix(division_code)
    return [column >= prefix, column < prefix + "~"]


def condition_sql(set_name: str, c: Condition, w: Window) -> ColumnElement[bool]:
    expr: ColumnElement[Any] = SETS[set_name].fields[c.field](w)
    result: ColumnElement[bool]
    if c.op == "是":
        result = expr
    elif c.op == "否":
        result = not_(expr)
    elif c.op == "in":
        result = expr.in_(c.value)
    elif c.op == "not in":
        result = expr.not_in(c.value)
    else:
        ops = {
            "=": expr.__eq__,
            "!=": expr.__ne__,
            ">=": expr.__ge__,
            ">": expr.__gt__,
            "<=": expr.__le__,
            "<": expr.__lt__,
        }
        result = ops[c.op](c.value)
    return result


def term_conditions(t: Term, w: Window) -> list[ColumnElement[bool]]:
    return [condition_sql(t.set, c, w) for c in t.where]


def term_aggregate(t: Term, w: Window) -> ColumnElement[Any]:
    conds = term_conditions(t, w)
    when = and_(*conds) if conds else None
    if t.measure == "count":
        return func.count() if when is None else func.coalesce(func.sum(case((when, 1), else_=0)), 0)
    assert t.field is not None
    value = SETS[t.set].fields[t.field](w)
    if t.measure == "sum":
        inner = value if when is None else case((when, value), else_=0)
        return func.coalesce(func.sum(inner), 0)
    return func.count(func.distinct(value if when is None else case((when, value), else_=None)))


def terms_of(defs: Sequence[IndicatorDef]) -> list[Term]:
    seen: dict[Term, None] = {}
    for d in defs:
        seen[d.numerator] = None
        if d.denominator is not None:
            seen[d.denominator] = None
    return list(seen)


def _where(set_name: str) -> list[ColumnElement[bool]]:
    spec = SETS[set_name]
    return [*spec.base(PARAMS), spec.division >= bindparam("lo"), spec.division < bindparam("hi")]


@lru_cache(maxsize=128)
def _totals(groups: tuple[tuple[str, tuple[Term, ...]], ...]) -> Select[Any]:
    """Every set's terms in one statement: a cross join of one-row aggregates, one per set, over
    bound parameters (the window, ``lo``/``hi``). Built once; a sheet then costs one query."""
    parts = []
    for set_name, terms in groups:
        spec = SETS[set_name]
        aggs = [term_aggregate(t, PARAMS).label(f"t{i}") for i, t in enumerate(terms)]
        parts.append(select(*aggs).select_from(spec.source()).where(*_where(set_name)).subquery())
    joined: Any = parts[0]
    for part in parts[1:]:
        joined = joined.join(part, true())  # one row each: the cross join is the point
    return select(*[c for part in parts for c in part.c]).select_from(joined)


@lru_cache(maxsize=256)
def _grouped(set_name: str, terms: tuple[Term, ...], group_len: int) -> Select[Any]:
    """One set's terms per division ``group_len`` digits deep (townships: 9, counties: 6 …)."""
    spec = SETS[set_name]
    key = func.substr(spec.division, 1, group_len)
    aggs = [term_aggregate(t, PARAMS) for t in terms]
    return select(key, *aggs).select_from(spec.source()).where(*_where(set_name)).group_by(key)


def compute_terms(
    s: Session,
    terms: Sequence[Term],
    division_code: str,
    w: Window,
    *,
    by_child: bool = False,
    group_len: int | None = None,
) -> dict[str, dict[Term, int]]:
    """Each term's figure over the subtree: ``{"": {term: n}}``; per division one level down with
    ``by_child`` (or ``group_len`` digits deep), keyed by that division's code prefix."""
    by_set: dict[str, list[Term]] = {}
    for t in terms:
        by_set.setdefault(t.set, []).append(t)
    prefix = subtree_prefix(division_code)
    params = {**w.params(), "lo": prefix, "hi": prefix + "~"}
    conn = s.connection()
    if group_len is None and by_child:
        group_len = CHILD_PREFIX.get(len(prefix))
        if group_len is None:
            return {}
    if group_len is None:
        groups = tuple((name, tuple(group)) for name, group in by_set.items())
        row = conn.execute(_totals(groups), params).one()
        flat = [t for _name, group in groups for t in group]
        return {"": {t: int(v or 0) for t, v in zip(flat, row, strict=True)}}
    out: dict[str, dict[Term, int]] = {}
    for set_name, group in by_set.items():
        for row in conn.execute(_grouped(set_name, tuple(group), group_len), params):
            bucket = out.setdefault(str(row[0]), {})
            for t, v in zip(group, row[1:], strict=True):
                bucket[t] = int(v or 0)
    return out


@dataclass(frozen=True)
class Figure:
    value: float | None
    numerator: int
    denominator: int | None
    scale: int
    per_yuan: bool  # fen shown as 元


def figure(d: IndicatorDef, figures: dict[Term, int]) -> Figure:
    num = figures.get(d.numerator, 0)
    den = figures.get(d.denominator, 0) if d.denominator is not None else None
    fen = 100 if d.shows_yuan else 1
    if den is None:
        value: float | None = round(num / fen, 2)
    elif den == 0:
        value = None
    else:
        value = round(num * d.scale / (den * fen), 2)
    return Figure(value, num, den, d.scale, d.shows_yuan)


def met(d: IndicatorDef, f: Figure, target: float | None) -> bool | None:
    """Compared exactly (in fractions), not on the rounded value: 99.996 % is not 100 %."""
    if target is None or f.value is None:
        return None
    fen = 100 if f.per_yuan else 1
    exact = Fraction(f.numerator * (f.scale if f.denominator is not None else 1), (f.denominator or 1) * fen)
    goal = Fraction(str(target))
    return exact >= goal if d.higher_is_better else exact <= goal
