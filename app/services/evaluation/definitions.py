"""Which indicators a database evaluates: the checked definitions it holds, else the shipped set."""

from __future__ import annotations

import json
import logging
from collections.abc import Collection
from functools import cache, lru_cache

from sqlalchemy import bindparam, select
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


# Statements built once: a sheet runs them every time (building one costs more than running it).
_STORED = (
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
)
_OWN_TARGETS = (
    select(IndicatorTarget.division_code, IndicatorTarget.indicator_code, IndicatorTarget.target_x100)
    .where(
        IndicatorTarget.deleted.is_(False),
        IndicatorTarget.division_code.in_(bindparam("codes", expanding=True)),
        IndicatorTarget.year <= bindparam("year"),
    )
    .order_by(IndicatorTarget.year)
)


def load_definitions(s: Session) -> list[IndicatorDef]:
    """The shipped set, each replaced by the database's definition of the same code, plus the
    database's own codes (from a setup package), in the shipped order, then by code.

    A stored definition in the old form (a function name) is skipped with a log line, so a
    database set up before indicators became data still shows the shipped set.
    """
    by_code = {d.code: d for d in default_definitions()}
    order = list(by_code)
    rows = s.connection().execute(_STORED).all()
    for code, name, module, unit, formula, description in rows:
        try:
            by_code[code] = _checked(code, name, module, unit, formula, description)
        except IndicatorError as exc:
            log.info("indicator %s kept as shipped: %s", code, exc.message)
            continue
        if code not in order:
            order.append(code)
    return [by_code[c] for c in order if c in by_code]


@lru_cache(maxsize=512)
def _checked(
    code: str, name: str, module: str, unit: str, formula: str, description: str | None
) -> IndicatorDef:
    """A stored definition, checked once per text (a sheet reads them every time)."""
    doc = {"code": code, "name": name, "module": module, "unit": unit, "formula": formula}
    if description:
        doc["description"] = description
    return check_definition(doc)


def own_targets(s: Session, division_codes: Collection[str], year: int) -> dict[str, dict[str, float]]:
    """Divisions' own targets (``indicator_target``) in force in ``year``: {division: {indicator: target}}."""
    if not division_codes:
        return {}
    rows = s.connection().execute(_OWN_TARGETS, {"codes": list(division_codes), "year": year}).all()
    out: dict[str, dict[str, float]] = {}
    for division, code, x100 in rows:
        out.setdefault(division, {})[code] = x100 / 100  # ordered by year: the latest wins
    return out


def target_of(d: IndicatorDef, own: dict[str, float], level: DivisionLevel, year: int) -> float | None:
    """A division's own target for the indicator, else its level's rule from the definition."""
    found = own.get(d.code)
    return found if found is not None else d.target_for(level, year)
