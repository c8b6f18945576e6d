"""The demo county tells a believable story for the figures, within the source documents' ranges."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import func, select

from app.database.models import Activity, InsurancePolicy, Project, ProjectPayment, SpecialFamily
from app.domain.enums import AdminLevel, Campaign, FamilyCategory, FamilyStatus
from app.services import analysis
from app.services.demo.draw import TODAY, YEARS
from app.services.shared.workspace import Workspace


def test_project_money_is_about_forty_wan_a_year_and_never_overpaid(demo_workspace: Workspace) -> None:
    with demo_workspace.db.read() as s:
        projects = s.execute(
            select(Project.id, Project.year, Project.level, Project.allocated_fen, Project.evaluation_score)
        ).all()
        paid = dict(
            s.execute(
                select(ProjectPayment.project_id, func.sum(ProjectPayment.amount_fen)).group_by(
                    ProjectPayment.project_id
                )
            ).all()
        )
    per_year: dict[int, int] = defaultdict(int)
    national: dict[int, int] = defaultdict(int)
    for pid, year, level, allocated, _ in projects:
        per_year[year] += allocated
        national[year] += level is AdminLevel.NATIONAL
        assert paid.get(pid, 0) <= allocated
    assert set(per_year) == set(YEARS)
    for year in YEARS:
        assert 300_000_00 <= per_year[year] <= 500_000_00, (year, per_year[year] / 1_000_000)
        assert national[year] <= 2  # the province has 11 national projects for 122 counties
    # Scores follow the payouts: a project that paid out most of its money scores higher.
    scored = [
        (paid.get(pid, 0) / allocated, score)
        for pid, _, _, allocated, score in projects
        if score is not None and pid in paid
    ]
    assert scored
    for executed, score in scored:
        assert score >= 60 + round(38 * executed) - 3


def test_may_29_is_a_month_with_few_served_and_a_tenth_benefiting(demo_workspace: Workspace) -> None:
    with demo_workspace.db.read() as s:
        rows = s.execute(
            select(Activity.held_on, Activity.participants, Activity.served, Activity.beneficiaries).where(
                Activity.campaign == Campaign.MAY_29
            )
        ).all()
    assert rows and all(r.held_on.month == 5 for r in rows)
    assert len({r.held_on for r in rows if r.held_on.year == YEARS[1]}) >= 10  # spread over May
    participants = sum(r.participants for r in rows)
    assert 0.01 <= sum(r.served for r in rows) / participants <= 0.03
    assert 0.08 <= sum(r.beneficiaries for r in rows) / participants <= 0.14


def test_family_doctors_are_mostly_renewed_and_insurance_goes_back_a_year(demo_workspace: Workspace) -> None:
    with demo_workspace.db.read() as s:
        special = [
            SpecialFamily.deleted.is_(False),
            SpecialFamily.status == FamilyStatus.REGISTERED,
            SpecialFamily.category != FamilyCategory.HARDSHIP,
        ]
        total = s.scalar(select(func.count()).where(*special)) or 0
        valid = (
            s.scalar(
                select(func.count()).where(
                    *special, SpecialFamily.doctor_name.is_not(None), SpecialFamily.doctor_expires_on >= TODAY
                )
            )
            or 0
        )
        years = dict(
            s.execute(select(InsurancePolicy.year, func.count()).group_by(InsurancePolicy.year)).all()
        )
    assert 0.62 <= valid / total <= 0.8
    assert years.get(YEARS[0], 0) >= 0.6 * years[YEARS[1]]


def test_the_dashboard_of_the_demo_reads_like_a_county(demo_workspace: Workspace) -> None:
    d = analysis.dashboard(demo_workspace, None, str(YEARS[0]))
    cards = {c.key: c for c in d.cards}
    assert (
        cards["funds"].value is not None and 0.6 <= cards["funds"].value <= 1.0
    )  # last year's work is paid out
    assert 300_000_00 <= sum(p.allocated_fen for p in d.funds) <= 500_000_00
    assert date(YEARS[0], 5, 1) in {p.month for p in d.trend}
