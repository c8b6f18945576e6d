"""绩效评价 of one project from the indicators of the sheet, computed for that project alone.

The four project indicators — 预算执行率 (paid ÷ allocated), 一卡通直达率 (for a programme paying
individuals), 公示率 and 终期报告按时率 — are the installed definitions (a setup package can
change them), run by the indicator engine with the project as an extra condition, from the start
of the project's year to the evaluation day. Each is worth a fixed number of points, earned in
proportion to the target (at most in full); a criterion that does not apply (nothing allocated,
no due date set, no payment to individuals) leaves the score out of the others.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy.orm import Session

from app.database.models import Project
from app.domain.enums import DivisionLevel
from app.domain.indicators import IndicatorDef
from app.domain.indicators.definition import Condition, Term
from app.domain.periods import Period, PeriodKind
from app.domain.records.projects import ProjectCriterion, ProjectEvaluation
from app.domain.validation import division_level, format_fen
from app.services.evaluation.definitions import load_definitions, own_targets, target_of
from app.services.evaluation.engine import compute_terms, figure
from app.services.evaluation.record_sets import Window
from app.services.projects.base import live_project
from app.services.projects.issued_catalogue import pays_individuals
from app.services.shared.workspace import Workspace

# (indicator, points out of 100): money reaching people counts most.
CRITERIA = (("XM-YSZX", 40), ("XM-YKT", 20), ("XM-GS", 20), ("XM-ZQBG", 20))
_PAYS_INDIVIDUALS_ONLY = {"XM-YKT"}


def _only(term: Term, project_id: str) -> Term:
    """The term restricted to one project (both project record sets know their project)."""
    return replace(term, where=(*term.where, Condition("项目", "=", project_id)))


def _detail(d: IndicatorDef, numerator: int, denominator: int | None) -> str:
    def shown(n: int, money: bool) -> str:
        return f"{format_fen(n)} 元" if money else f"{n}"

    if denominator is None:
        return shown(numerator, d.numerator.is_money)
    assert d.denominator is not None
    return f"{shown(numerator, d.numerator.is_money)} / {shown(denominator, d.denominator.is_money)}"


def evaluate_in_session(s: Session, project: Project, on: date) -> ProjectEvaluation:
    defs = {d.code: d for d in load_definitions(s)}
    period = Period(date(project.year, 1, 1), on + timedelta(days=1), PeriodKind.WINDOW, f"{project.year}")
    w = Window.of(period, on)
    level = DivisionLevel(division_level(project.division_code))
    own = own_targets(s, [project.division_code], project.year).get(project.division_code, {})
    individual = pays_individuals(s, project.catalogue_code)
    criteria: list[ProjectCriterion] = []
    for code, weight in CRITERIA:
        d = defs.get(code)
        if d is None or (code in _PAYS_INDIVIDUALS_ONLY and not individual):
            continue
        num = _only(d.numerator, project.id)
        den = _only(d.denominator, project.id) if d.denominator is not None else None
        terms = [num] if den is None else [num, den]
        figures = compute_terms(s, terms, project.division_code, w).get("", {})
        f = figure(replace(d, numerator=num, denominator=den), figures)
        target = target_of(d, own, level, project.year) or 100.0
        points = 0.0 if f.value is None else weight * min(f.value / target, 1.0) if target else float(weight)
        criteria.append(
            ProjectCriterion(
                code,
                d.name,
                f.value,
                target,
                weight,
                round(points, 1),
                _detail(d, f.numerator, f.denominator),
            )
        )
    applying = [c for c in criteria if c.value is not None]
    total = sum(c.weight for c in applying)
    score = round(100 * sum(c.points for c in applying) / total) if total else 0
    return ProjectEvaluation(tuple(criteria), score)


def project_evaluation(ws: Workspace, project_id: str, *, on: date | None = None) -> ProjectEvaluation:
    """What 绩效评价 would give the project on ``on`` (default today): its criteria and score."""
    with ws.db.read() as s:
        project = live_project(s, ws, project_id)
        return evaluate_in_session(s, project, on or date.today())
