"""Which indicators a database evaluates: the checked definitions it holds, else the shipped set."""

from __future__ import annotations

import json
import logging
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.database.models import IndicatorDefinition, IndicatorTarget
from app.domain.enums import DivisionLevel
from app.domain.indicators import IndicatorDef, IndicatorError, check_definition
from app.paths import resource

log = logging.getLogger(__name__)


@cache
def default_definitions() -> tuple[IndicatorDef, ...]:
    """The set shipped in ``resources/setup/indicators.json`` (checked: a bad file fails loudly)."""
    doc = json.loads(resource("setup", "indicators.json").read_text(encoding="utf-8"))
    return tuple(check_definition(d) for d in doc)


def load_definitions(s: Session) -> list[IndicatorDef]:
    """The shipped set, each replaced by the database's definition of the same code, plus the
    database's own codes (from a setup package), in the shipped order, then by code.

    A stored definition in the old form (a function name) is skipped with a log line, so a
    database set up before indicators became data still shows the shipped set.
    """
    by_code = {d.code: d for d in default_definitions()}
    order = list(by_code)
    rows = s.execute(
        select(
            IndicatorDefinition.code,
            IndicatorDefinition.name,
            IndicatorDefinition.module,
            IndicatorDefinition.unit,
            IndicatorDefinition.formula,
            IndicatorDefinition.description,
        )
        .where(IndicatorDefinition.deleted.is_(False))
        .order_by(IndicatorDefinition.code)
    ).all()
    for code, name, module, unit, formula, description in rows:
        doc = {"code": code, "name": name, "module": module, "unit": unit, "formula": formula}
        if description:
            doc["description"] = description
        try:
            by_code[code] = check_definition(doc)
        except IndicatorError as exc:
            log.info("indicator %s kept as shipped: %s", code, exc.message)
            continue
        if code not in order:
            order.append(code)
    return [by_code[c] for c in order if c in by_code]


def target_of(
    s: Session, d: IndicatorDef, division_code: str, level: DivisionLevel, year: int
) -> float | None:
    """A division's own target (``indicator_target``) for the year, else its level's rule."""
    x100 = s.scalar(
        select(IndicatorTarget.target_x100)
        .where(
            IndicatorTarget.deleted.is_(False),
            IndicatorTarget.indicator_code == d.code,
            IndicatorTarget.division_code == division_code,
            IndicatorTarget.year <= year,
        )
        .order_by(IndicatorTarget.year.desc())
        .limit(1)
    )
    if x100 is not None:
        return x100 / 100
    return d.target_for(level, year)
