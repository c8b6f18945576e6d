"""A year's totals: campaign events by campaign and trainings by audience, each with a total line.

Summed in SQL from the records, never typed by hand; the same filters as the lists.
"""

from __future__ import annotations

from sqlalchemy import extract, func, select

from app.database.models import Activity, Training
from app.domain.enums import Campaign, TrainingAudience
from app.domain.records.activities import ActivityFilter, CampaignTotals, TrainingFilter, TrainingTotals
from app.services.activities.campaigns import COUNTS, activity_conditions
from app.services.activities.trainings import training_conditions
from app.services.shared.scope import within
from app.services.shared.workspace import Workspace


def activity_years(ws: Workspace) -> list[int]:
    """Years with activities or trainings, newest first (the year filter's choices)."""
    with ws.db.read() as s:
        years = set(
            s.scalars(
                select(extract("year", Activity.held_on))
                .where(Activity.deleted.is_(False), *within(ws, Activity.division_code))
                .distinct()
            )
        )
        years |= set(
            s.scalars(
                select(extract("year", Training.held_on))
                .where(Training.deleted.is_(False), *within(ws, Training.division_code))
                .distinct()
            )
        )
    return sorted((int(y) for y in years if y is not None), reverse=True)


def campaign_totals(ws: Workspace, year: int, division_code: str | None = None) -> list[CampaignTotals]:
    """A year's events by campaign in the campaigns' order, then the year's total line."""
    sums = [func.count(), *(func.coalesce(func.sum(getattr(Activity, f)), 0) for f, _ in COUNTS)]
    sums.append(func.coalesce(func.sum(Activity.spending_fen), 0))
    flt = ActivityFilter(year=year, division_code=division_code)
    with ws.db.read() as s:
        rows = s.execute(
            select(Activity.campaign, *sums).where(*activity_conditions(ws, flt)).group_by(Activity.campaign)
        ).all()
    found = {r[0]: CampaignTotals(r[0], *(int(v) for v in r[1:])) for r in rows}
    lines = [found[c] for c in Campaign if c in found]
    total = CampaignTotals(
        None,
        *(sum(getattr(line, f) for line in lines) for f in list(CampaignTotals.__dataclass_fields__)[1:]),
    )
    return [*lines, total]


def training_totals(ws: Workspace, year: int, division_code: str | None = None) -> list[TrainingTotals]:
    """A year's trainings by audience, then the year's total line."""
    flt = TrainingFilter(year=year, division_code=division_code)
    with ws.db.read() as s:
        rows = s.execute(
            select(
                Training.audience,
                func.count(),
                func.coalesce(func.sum(Training.days), 0),
                func.coalesce(func.sum(Training.participants), 0),
                func.coalesce(func.sum(Training.participants * Training.days), 0),
                func.coalesce(func.sum(Training.spending_fen), 0),
            )
            .where(*training_conditions(ws, flt))
            .group_by(Training.audience)
        ).all()
    found = {r[0]: TrainingTotals(r[0], *(int(v) for v in r[1:])) for r in rows}
    lines = [found[a] for a in TrainingAudience if a in found]
    total = TrainingTotals(
        None,
        sum(x.trainings for x in lines),
        sum(x.days for x in lines),
        sum(x.participants for x in lines),
        sum(x.person_days for x in lines),
        sum(x.spending_fen for x in lines),
    )
    return [*lines, total]
