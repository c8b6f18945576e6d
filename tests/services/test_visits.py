"""Visits through their services: cash and goods, the checks, a family's visits, visits due."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.database.models import Visit, VisitGoods
from app.domain.enums import FamilyCategory, FundSource, MemberRelation, VisitKind, VisitOccasion, VisitWay
from app.domain.errors import NotFound, ValidationFailed
from app.domain.records.families import (
    FamilyFilter,
    FamilyInput,
    GoodsLine,
    MemberInput,
    VisitInput,
    WarningsToConfirm,
)
from app.services import families
from app.services.families import visits
from app.services.shared.workspace import Workspace

TODAY = date(2026, 11, 23)


@pytest.fixture
def family_id(workspace: Workspace) -> str:
    inp = FamilyInput(
        division_code="430121001001",
        category=FamilyCategory.BEREAVED,
        members=(MemberInput("张三", MemberRelation.SELF),),
        registered_on=date(2020, 1, 1),
    )
    return families.save_family(workspace, inp, today=TODAY)


def visit(family_id: str, **changes: object) -> VisitInput:
    values: dict[str, object] = {
        "family_id": family_id,
        "visited_on": date(2026, 10, 11),
        "occasion": VisitOccasion.DOUBLE_NINTH,
        "way": VisitWay.HOME,
        "visitors": "王干部、刘村干",
        "cash_fen": 50_000,
        "fund_source": FundSource.COUNTY,
        "goods": (GoodsLine("大米", 2, "袋", 16_000), GoodsLine("食用油", 1, "桶", 7_000)),
        "needs_raised": "希望定期上门陪伴",
        "follow_up": "每月电话联系一次",
        "form_number": "ZF20261000001",
    }
    values.update(changes)
    return VisitInput(**values)  # type: ignore[arg-type]


def test_a_visit_with_cash_and_goods_is_recorded(workspace: Workspace, family_id: str) -> None:
    vid = visits.record_visit(workspace, visit(family_id), today=TODAY)
    [row] = visits.list_visits(workspace, family_id)
    assert row.id == vid and row.cash_fen == 50_000 and row.fund_source is FundSource.COUNTY
    assert row.goods_text == "大米×2袋、食用油×1桶" and row.goods_value_fen == 23_000
    assert row.needs_raised == "希望定期上门陪伴" and row.form_number == "ZF20261000001"
    [listed] = families.load_family_rows(workspace, [family_id], today=TODAY)
    assert listed.last_visit_on == date(2026, 10, 11)
    assert families.family_detail(workspace, family_id).visit_count == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"visited_on": None}, "visited_on"),
        ({"visited_on": date(2026, 12, 1)}, "visited_on"),  # in the future
        ({"visitors": "  "}, "visitors"),
        ({"fund_source": None}, "fund_source"),  # cash needs its source
        ({"goods": (GoodsLine("", 1, "袋", 500),)}, "goods.0.item"),
        ({"goods": (GoodsLine("大米", 0, "袋", 500),)}, "goods.0.quantity"),
    ],
)
def test_errors_block_the_visit(
    workspace: Workspace, family_id: str, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        visits.record_visit(workspace, visit(family_id, **changes), today=TODAY)
    assert field in [i.field for i in caught.value.issues]  # type: ignore[attr-defined]
    with workspace.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Visit)) == 0
        assert s.scalar(select(func.count()).select_from(VisitGoods)) == 0


def test_a_paper_form_entered_twice_warns_once(workspace: Workspace, family_id: str) -> None:
    visits.record_visit(workspace, visit(family_id), today=TODAY)
    again = visit(family_id, visited_on=date(2026, 10, 12))
    with pytest.raises(WarningsToConfirm, match="ZF20261000001"):
        visits.record_visit(workspace, again, today=TODAY)
    assert any(i.field == "form_number" for i in visits.check_visit(workspace, again, today=TODAY))
    visits.record_visit(workspace, again, accept_warnings=True, today=TODAY)
    assert len(visits.list_visits(workspace, family_id)) == 2


def test_emotional_support_by_phone_needs_no_money(workspace: Workspace, family_id: str) -> None:
    talk = visit(
        family_id,
        kind=VisitKind.EMOTIONAL_SUPPORT,
        way=VisitWay.PHONE,
        cash_fen=0,
        fund_source=None,
        goods=(GoodsLine("", 1, "", 0),),
        form_number="",  # an empty goods line left in the table
    )
    visits.record_visit(workspace, talk, today=TODAY)
    [row] = visits.list_visits(workspace, family_id)
    assert row.kind is VisitKind.EMOTIONAL_SUPPORT and row.goods == () and row.cash_fen == 0


def test_visits_due_lists_families_not_visited_for_half_a_year(workspace: Workspace, family_id: str) -> None:
    [due] = visits.visits_due(workspace, today=TODAY)
    assert due.family_id == family_id and due.last_visit_on is None
    assert families.list_family_ids(workspace, FamilyFilter(missing="visit"), today=TODAY) == [family_id]
    visits.record_visit(workspace, visit(family_id, visited_on=date(2026, 3, 1)), today=TODAY)
    [due] = visits.visits_due(workspace, today=TODAY)
    assert due.last_visit_on == date(2026, 3, 1) and due.open_follow_up == "每月电话联系一次"
    visits.record_visit(workspace, visit(family_id, form_number="ZF2"), today=TODAY)
    assert visits.visits_due(workspace, today=TODAY) == []
    assert families.list_family_ids(workspace, FamilyFilter(missing="visit"), today=TODAY) == []


def test_a_deleted_family_gets_no_visit(workspace: Workspace, family_id: str) -> None:
    families.mark_family_deleted(workspace, family_id)
    with pytest.raises(NotFound):
        visits.record_visit(workspace, visit(family_id), today=TODAY)
