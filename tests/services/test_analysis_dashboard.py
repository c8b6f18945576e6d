"""The 一屏掌控 figures against a small county built here: cards, year on year, trend, funds, drill-downs."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from app.database.models import (
    Activity,
    Project,
    ProjectBeneficiary,
    ProjectPayment,
    SpecialFamily,
    Visit,
    VisitGoods,
)
from app.domain.enums import (
    AdminLevel,
    Campaign,
    FamilyCategory,
    PaymentMethod,
    UserRole,
    VisitOccasion,
    VisitWay,
)
from app.domain.errors import NotFound
from app.domain.records.accounts import SignedInUser
from app.services import analysis
from app.services.shared.workspace import Workspace

COUNTY, A, A1, B1 = "430121000000", "430121001000", "430121001001", "430121002001"
FULL = {
    "contact_township_name": "王",
    "contact_village_name": "刘",
    "doctor_name": "陈",
    "green_channel_hospital": "县医院",
}


def _family(s: Any, code: str, registered: date, **kw: Any) -> str:
    family = SpecialFamily(
        division_code=code,
        category=kw.pop("category", FamilyCategory.BEREAVED),
        head_name=kw.pop("head", "某"),
        registered_on=registered,
        **kw,
    )
    s.add(family)
    s.flush()
    return family.id


def _visit(s: Any, family_id: str, code: str, day: date, cash: int, goods: int = 0) -> None:
    visit = Visit(
        family_id=family_id,
        division_code=code,
        visited_on=day,
        occasion=VisitOccasion.ROUTINE,
        way=VisitWay.HOME,
        visitors="李",
        cash_fen=cash,
    )
    s.add(visit)
    s.flush()
    if goods:
        s.add(VisitGoods(visit_id=visit.id, item="米", value_fen=goods))


@pytest.fixture
def county(workspace: Workspace) -> Workspace:
    with workspace.db.session() as s:
        old = _family(s, A1, date(2020, 1, 1), head="老户", **FULL)
        new = _family(s, A1, date(2025, 9, 1), head="新户", category=FamilyCategory.DISABLED)
        far = _family(s, B1, date(2019, 1, 1), head="远户")
        _visit(s, old, A1, date(2025, 2, 1), 50_000)  # a year earlier
        _visit(s, old, A1, date(2026, 2, 1), 60_000, 20_000)
        _visit(s, old, A1, date(2026, 5, 29), 10_000)
        _visit(s, new, A1, date(2026, 5, 3), 30_000)
        _visit(s, far, B1, date(2025, 12, 30), 1)  # before the period: far is still to visit
        s.add(
            Activity(
                division_code=A,
                campaign=Campaign.MAY_29,
                title="5·29",
                held_on=date(2026, 5, 29),
                sessions=3,
                participants=90,
            )
        )
        s.add(
            Activity(
                division_code=A,
                campaign=Campaign.MAY_29,
                title="5·29",
                held_on=date(2025, 5, 29),
                sessions=2,
                participants=60,
            )
        )
        big = Project(
            catalogue_code="SJH",
            name="三结合",
            year=2026,
            level=AdminLevel.PROVINCIAL,
            division_code=COUNTY,
            allocated_fen=400_000,
        )
        small = Project(
            catalogue_code="JQ",
            name="金秋助学",
            year=2026,
            level=AdminLevel.COUNTY,
            division_code=COUNTY,
            allocated_fen=100_000,
        )
        s.add(
            Project(
                catalogue_code="OLD",
                name="去年项目",
                year=2025,
                level=AdminLevel.COUNTY,
                division_code=COUNTY,
                allocated_fen=999_999,
            )
        )
        s.add_all([big, small])
        s.flush()
        ben = ProjectBeneficiary(project_id=big.id, name="甲", division_code=A1)
        s.add(ben)
        s.flush()
        s.add(
            ProjectPayment(
                project_id=big.id,
                beneficiary_id=ben.id,
                paid_on=date(2026, 3, 1),
                amount_fen=100_000,
                method=PaymentMethod.ONE_CARD,
            )
        )
        s.add(
            ProjectPayment(
                project_id=big.id,
                beneficiary_id=ben.id,
                paid_on=date(2026, 8, 1),
                amount_fen=50_000,
                method=PaymentMethod.ONE_CARD,
            )
        )
    return workspace


def test_cards_year_on_year_trend_and_funds(county: Workspace) -> None:
    d = analysis.dashboard(county, None, "2026H1")
    assert (d.division_name, d.period_label, d.previous_label) == ("长沙县", "2026年上半年", "2025年上半年")
    cards = {c.key: c for c in d.cards}
    assert (cards["registered"].value, cards["registered"].previous) == (3, 2)  # 新户 registered since
    assert cards["registered"].change == pytest.approx(0.5)
    assert (cards["visited"].value, cards["visited"].previous) == (2, 1)
    assert (cards["visit_money"].value, cards["visit_money"].previous) == (120_000, 50_000)
    assert cards["all_three"].value == pytest.approx(1 / 3)
    assert cards["funds"].value == pytest.approx(100_000 / 500_000)  # paid by 30 June / allocated in 2026
    assert (cards["sessions"].value, cards["sessions"].previous) == (3, 2)
    assert [p.month.month for p in d.trend] == [1, 2, 3, 4, 5, 6]
    feb, may = d.trend[1], d.trend[4]
    assert (feb.visits, feb.households, feb.money_fen) == (1, 1, 80_000)
    assert (may.visits, may.households, may.money_fen) == (2, 2, 40_000)
    assert [(p.name, p.allocated_fen, p.paid_fen) for p in d.funds] == [
        ("三结合", 400_000, 100_000),
        ("金秋助学", 100_000, 0),
    ]
    bars = {b.name: b for b in d.coverage}
    assert set(bars) == {"星沙街道", "泉塘街道"}  # townships without families draw no bar
    assert (bars["星沙街道"].registered, bars["星沙街道"].visited, bars["星沙街道"].visit_rate) == (2, 2, 1.0)
    assert bars["泉塘街道"].visit_rate == 0.0
    changes = {c.caption: c for c in d.year_on_year}
    assert changes["走访户数"].change == pytest.approx(1.0) and changes["活动场次"].current == 3


def test_the_year_trend_has_twelve_months(county: Workspace) -> None:
    d = analysis.dashboard(county, None, "2026")
    assert len(d.trend) == 12 and d.trend[11].visits == 0
    assert {c.key: c for c in d.cards}["funds"].value == pytest.approx(150_000 / 500_000)


def test_a_bar_opens_the_families_not_visited_and_a_projects_payments(county: Workspace) -> None:
    todo = analysis.families_behind(county, "430121002000", "2026H1")
    assert [(f.head_name, f.township, f.last_visit_on, f.visits_in_period) for f in todo] == [
        ("远户", "泉塘街道", date(2025, 12, 30), 0)
    ]
    assert analysis.families_behind(county, A, "2026H1") == []
    everyone = analysis.families_behind(county, A, "2026H1", not_visited_only=False)
    assert sorted((f.head_name, f.visits_in_period) for f in everyone) == [("新户", 1), ("老户", 2)]
    d = analysis.dashboard(county, None, "2026H1")
    payments = analysis.payments_behind(county, d.funds[0].project_id, "2026H1")
    assert [(p.paid_on, p.amount_fen, p.township) for p in payments] == [
        (date(2026, 3, 1), 100_000, "星沙街道")
    ]


def test_a_clerk_sees_only_the_township(county: Workspace) -> None:
    county.user = SignedInUser("luru", "录入员", UserRole.TOWNSHIP_CLERK, "430121002000")
    d = analysis.dashboard(county, None, "2026H1")
    assert d.division_name == "泉塘街道" and {c.key: c for c in d.cards}["registered"].value == 1
    assert [b.name for b in d.coverage] == ["板桥社区居委会"]
    with pytest.raises(NotFound):
        analysis.families_behind(county, A, "2026H1")
