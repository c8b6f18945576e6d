"""The indicator sheet of a division and a period, the same figures per division one level down,
and the sheet as JSON for ``fpa report indicators --json``."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from app.database.models import Division
from app.domain.enums import DivisionLevel
from app.domain.errors import NotFound
from app.domain.indicators import IndicatorDef
from app.domain.periods import Period, parse_period
from app.domain.permissions import subtree_prefix
from app.domain.records.evaluation import DivisionValue, IndicatorSheet, IndicatorValue
from app.domain.validation import division_level
from app.services.evaluation.definitions import load_definitions, own_targets, target_of
from app.services.evaluation.engine import CHILD_PREFIX, compute_terms, figure, met, terms_of
from app.services.evaluation.record_sets import Window
from app.services.shared.scope import ensure_in_scope, root_code
from app.services.shared.workspace import Workspace


def as_period(period: Period | str) -> Period:
    return period if isinstance(period, Period) else parse_period(period)


def checked_division(ws: Workspace, division_code: str | None) -> str:
    """The division asked for (default: the user's), refused when not a code or outside the scope."""
    code = (division_code or root_code(ws)).strip()
    division_level(code)  # a Chinese refusal for anything but 12 digits
    ensure_in_scope(ws, code, "这个区划不在当前账户的管辖范围内，不能查看它的指标。")
    return code


_NAMES = select(Division.code, Division.name).where(
    Division.code.in_(bindparam("codes", expanding=True)), Division.deleted.is_(False)
)


def division_names(s: Session, codes: set[str]) -> dict[str, str]:
    if not codes:
        return {}
    return {code: name for code, name in s.connection().execute(_NAMES, {"codes": sorted(codes)})}


def _value(
    d: IndicatorDef, figures: Any, own: dict[str, float], level: DivisionLevel, year: int
) -> IndicatorValue:
    f = figure(d, figures)
    target = target_of(d, own, level, year)
    same_set = d.denominator is not None and d.denominator.set == d.numerator.set
    return IndicatorValue(
        code=d.code,
        name=d.name,
        module=d.module,
        unit=d.unit,
        value=f.value,
        numerator=f.numerator,
        denominator=f.denominator,
        target=target,
        met=met(d, f, target),
        higher_is_better=d.higher_is_better,
        numerator_is_money=d.numerator.is_money,
        denominator_is_money=d.denominator.is_money if d.denominator is not None else False,
        description=d.description,
        lists_records=same_set
        and d.numerator.measure == "count"
        and d.denominator is not None
        and d.denominator.measure == "count",
    )


def indicator_sheet(
    ws: Workspace, division_code: str | None, period: Period | str, *, today: date | None = None
) -> IndicatorSheet:
    """Every indicator for the division's subtree and the period (a county: its townships and
    villages; the province: every county merged into it), read in one transaction."""
    p = as_period(period)
    code = checked_division(ws, division_code)
    with ws.db.read() as s:
        return sheet_in_session(s, code, p, today=today)


def sheet_in_session(s: Session, code: str, p: Period, *, today: date | None = None) -> IndicatorSheet:
    """The sheet of a division already checked against the user's scope, inside the caller's session
    (the standard tables read every table of an export in one session)."""
    level = DivisionLevel(division_level(code))
    w = Window.of(p, today or date.today())
    defs = load_definitions(s)
    figures = compute_terms(s, terms_of(defs), code, w).get("", {})
    own = own_targets(s, [code], p.year).get(code, {})
    values = tuple(_value(d, figures, own, level, p.year) for d in defs)
    name = division_names(s, {code}).get(code, code)
    return IndicatorSheet(code, name, p.code, p.label, p.start, p.end, values)


_DEPTH = {
    DivisionLevel.CITY: 4,
    DivisionLevel.COUNTY: 6,
    DivisionLevel.TOWNSHIP: 9,
    DivisionLevel.VILLAGE: 12,
}


def indicator_sheets_below(
    ws: Workspace,
    division_code: str | None,
    period: Period | str,
    level: DivisionLevel = DivisionLevel.COUNTY,
    *,
    today: date | None = None,
) -> list[IndicatorSheet]:
    """The sheet of every division of ``level`` under the given one (every county of the province),
    from one grouped query per record set, in code order; a division without records shows zeros."""
    p = as_period(period)
    code = checked_division(ws, division_code)
    width = _DEPTH[level]
    w = Window.of(p, today or date.today())
    with ws.db.read() as s:
        defs = load_definitions(s)
        grouped = compute_terms(s, terms_of(defs), code, w, group_len=width)
        prefix = subtree_prefix(code)
        codes = set(
            s.scalars(
                select(Division.code).where(
                    Division.deleted.is_(False),
                    Division.level == level,
                    Division.code >= prefix,
                    Division.code < prefix + "~",
                )
            )
        ) | {key.ljust(12, "0") for key in grouped if len(key) == width}
        names = division_names(s, codes)
        own = own_targets(s, codes, p.year)
        return [
            IndicatorSheet(
                c,
                names.get(c, c),
                p.code,
                p.label,
                p.start,
                p.end,
                tuple(_value(d, grouped.get(c[:width], {}), own.get(c, {}), level, p.year) for d in defs),
            )
            for c in sorted(codes)
        ]


def division_values(
    ws: Workspace,
    indicator_code: str,
    division_code: str | None,
    period: Period | str,
    *,
    today: date | None = None,
) -> list[DivisionValue]:
    """One indicator for every division one level below (townships of a county …), in code order;
    a division with no records at all still appears, with zero. Empty for a village."""
    p = as_period(period)
    code = checked_division(ws, division_code)
    child_len = CHILD_PREFIX.get(len(subtree_prefix(code)))
    if child_len is None:
        return []
    w = Window.of(p, today or date.today())
    with ws.db.read() as s:
        d = find_definition(s, indicator_code)
        by_child = compute_terms(s, terms_of([d]), code, w, by_child=True)
        children = set(_children(s, code)) | {key.ljust(12, "0") for key in by_child}
        names = division_names(s, children)
        own = own_targets(s, children, p.year)
        out = []
        for child in sorted(children):
            f = figure(d, by_child.get(child[:child_len], {}))
            target = target_of(d, own.get(child, {}), DivisionLevel(division_level(child)), p.year)
            out.append(
                DivisionValue(
                    child,
                    names.get(child, child),
                    f.value,
                    f.numerator,
                    f.denominator,
                    target,
                    met(d, f, target),
                )
            )
    return out


def _children(s: Session, code: str) -> list[str]:
    return list(
        s.scalars(
            select(Division.code)
            .where(Division.parent_code == code, Division.deleted.is_(False))
            .order_by(Division.code)
        )
    )


def find_definition(s: Session, indicator_code: str) -> IndicatorDef:
    for d in load_definitions(s):
        if d.code == indicator_code:
            return d
    raise NotFound(f"没有代码为“{indicator_code}”的指标。")


def definition(ws: Workspace, indicator_code: str) -> IndicatorDef:
    with ws.db.read() as s:
        return find_definition(s, indicator_code)


def sheet_json_objects(sheet: IndicatorSheet) -> list[dict[str, Any]]:
    """One object per indicator: value, numerator, denominator, target, met (money in fen)."""
    return [
        {
            "code": v.code,
            "name": v.name,
            "module": v.module,
            "unit": v.unit,
            "value": v.value,
            "numerator": v.numerator,
            "denominator": v.denominator,
            "numerator_unit": "分" if v.numerator_is_money else "个",
            "denominator_unit": None if v.denominator is None else ("分" if v.denominator_is_money else "个"),
            "target": v.target,
            "met": v.met,
            "higher_is_better": v.higher_is_better,
        }
        for v in sheet.values
    ]


def indicator_sheet_json(
    ws: Workspace, division_code: str | None, period: Period | str, *, today: date | None = None
) -> str:
    """The sheet as JSON text: the division, the period and ``indicators`` (one object each)."""
    sheet = indicator_sheet(ws, division_code, period, today=today)
    doc = {
        "division_code": sheet.division_code,
        "division_name": sheet.division_name,
        "period": sheet.period_code,
        "period_label": sheet.period_label,
        "start": sheet.start.isoformat(),
        "end": sheet.end.isoformat(),
        "indicators": sheet_json_objects(sheet),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2)
