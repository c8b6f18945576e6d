"""Turns checked indicator definitions into SQL over a division subtree and a period.

The terms of all indicators that read the same record set are computed in one query (a sum of
CASE per term), optionally grouped by the divisions one level down. A rate at any level is its
summed numerator over its summed denominator, never a mean of the rates below.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, not_, select
from sqlalchemy.orm import Session

from app.domain.indicators import Condition, IndicatorDef, Term
from app.domain.permissions import subtree_prefix
from app.services.evaluation.record_sets import SETS, Window

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


def compute_terms(
    s: Session, terms: Sequence[Term], division_code: str, w: Window, *, by_child: bool = False
) -> dict[str, dict[Term, int]]:
    """Each term's figure over the subtree: ``{"": {term: n}}``, or per child prefix when ``by_child``."""
    out: dict[str, dict[Term, int]] = {}
    by_set: dict[str, list[Term]] = {}
    for t in terms:
        by_set.setdefault(t.set, []).append(t)
    prefix_len = len(subtree_prefix(division_code))
    child_len = CHILD_PREFIX.get(prefix_len)
    for set_name, group in by_set.items():
        spec = SETS[set_name]
        aggs = [term_aggregate(t, w) for t in group]
        where = [*spec.base(w), *subtree(spec.division, division_code)]
        if by_child and child_len is not None:
            key = func.substr(spec.division, 1, child_len)
            query = select(key, *aggs).select_from(spec.source()).where(*where).group_by(key)
            for row in s.execute(query):
                bucket = out.setdefault(str(row[0]), {})
                for t, v in zip(group, row[1:], strict=True):
                    bucket[t] = int(v or 0)
        elif not by_child:
            row = s.execute(select(*aggs).select_from(spec.source()).where(*where)).one()
            bucket = out.setdefault("", {})
            for t, v in zip(group, row, strict=True):
                bucket[t] = int(v or 0)
    return out


@dataclass(frozen=True)
class Figure:
    value: float | None
    numerator: int
    denominator: int | None
    exact: Fraction | None  # the value unrounded, for comparing with a target


def figure(d: IndicatorDef, figures: dict[Term, int]) -> Figure:
    num = figures.get(d.numerator, 0)
    den = figures.get(d.denominator, 0) if d.denominator is not None else None
    money_per_unit = Fraction(1, 100) if d.shows_yuan else Fraction(1)
    if den is None:
        exact: Fraction | None = num * money_per_unit
    elif den == 0:
        exact = None
    else:
        exact = Fraction(num * d.scale, den) * money_per_unit
    value = None if exact is None else round(float(exact), 2)
    return Figure(value, num, den, exact)


def met(d: IndicatorDef, f: Figure, target: float | None) -> bool | None:
    if target is None or f.exact is None:
        return None
    goal = Fraction(str(target))
    return f.exact >= goal if d.higher_is_better else f.exact <= goal
