"""宣传活动 and 培训 services: events with their counts, trainings, yearly totals by campaign."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.domain.enums import ActivityKind, Campaign, TrainingAudience
from app.domain.errors import NotFound, ValidationFailed
from app.domain.records.activities import ActivityFilter, ActivityInput, TrainingFilter, TrainingInput
from app.domain.records.families import WarningsToConfirm
from app.services import activities as act
from app.services.shared.workspace import Workspace

TODAY = date(2026, 11, 23)
TOWNSHIP = "430121001000"
VILLAGE = "430121001001"
OTHER_TOWNSHIP = "430121002000"


def may29(**kw: object) -> ActivityInput:
    values: dict[str, object] = {
        "division_code": TOWNSHIP,
        "campaign": Campaign.MAY_29,
        "title": "“5·29会员活动日”暖心行动",
        "held_on": date(2026, 5, 29),
        "place": "星沙街道综合文化站",
        "sessions": 2,
        "participants": 380,
        "materials": 1200,
        "served": 150,
        "beneficiaries": 90,
        "spending_fen": 1_250_000,
    }
    values.update(kw)
    return ActivityInput(**values)  # type: ignore[arg-type]


def test_activity_saved_with_its_counts_and_listed(workspace: Workspace) -> None:
    aid = act.save_activity(workspace, may29(), today=TODAY)
    (row,) = act.load_activity_rows(workspace, act.list_activity_ids(workspace))
    assert row.id == aid and row.division_name == "星沙街道"
    assert (row.sessions, row.participants, row.materials, row.served, row.beneficiaries) == (
        2,
        380,
        1200,
        150,
        90,
    )
    assert row.spending_fen == 1_250_000
    assert act.list_activity_ids(workspace, ActivityFilter(year=2026, campaign=Campaign.MAY_29)) == [aid]
    assert act.list_activity_ids(workspace, ActivityFilter(year=2025)) == []
    assert act.list_activity_ids(workspace, ActivityFilter(division_code=OTHER_TOWNSHIP)) == []
    assert act.list_activity_ids(workspace, ActivityFilter(text="文化站")) == [aid]
    assert row.kind is ActivityKind.PUBLICITY  # the default: most events are 宣传服务


def test_activity_kind_is_kept_and_edited(workspace: Workspace) -> None:
    aid = act.save_activity(workspace, may29(kind=ActivityKind.CARE), today=TODAY)
    assert act.activity_detail(workspace, aid).kind is ActivityKind.CARE
    act.save_activity(workspace, replace(act.activity_detail(workspace, aid), kind=ActivityKind.FREE_CLINIC), today=TODAY)
    (row,) = act.load_activity_rows(workspace, [aid])
    assert row.kind is ActivityKind.FREE_CLINIC


def test_activity_refused_without_title_date_or_with_negative_counts(workspace: Workspace) -> None:
    with pytest.raises(ValidationFailed) as caught:
        act.save_activity(workspace, may29(title="", held_on=None, materials=-5, sessions=0), today=TODAY)
    fields = {i.field for i in caught.value.issues}  # type: ignore[attr-defined]
    assert fields == {"title", "held_on", "materials", "sessions"}
    assert act.list_activity_ids(workspace) == []


def test_campaign_day_far_off_and_empty_counts_are_asked_about(workspace: Workspace) -> None:
    odd = may29(held_on=date(2026, 8, 1), participants=0, served=0)
    with pytest.raises(WarningsToConfirm) as caught:
        act.save_activity(workspace, odd, today=TODAY)
    text = caught.value.message
    assert "离活动日较远" in text and "都是 0" in text
    act.save_activity(workspace, odd, accept_warnings=True, today=TODAY)
    # 健康知识进万家 has no fixed day.
    act.save_activity(
        workspace,
        may29(campaign=Campaign.HEALTH_KNOWLEDGE, title="健康知识进万家", held_on=date(2026, 9, 3)),
        today=TODAY,
    )


def test_activity_edited_and_deleted(workspace: Workspace) -> None:
    aid = act.save_activity(workspace, may29(), today=TODAY)
    detail = act.activity_detail(workspace, aid)
    act.save_activity(workspace, replace(detail, participants=400), today=TODAY)
    assert act.load_activity_rows(workspace, [aid])[0].participants == 400
    act.mark_activity_deleted(workspace, aid)
    assert act.list_activity_ids(workspace) == []
    with pytest.raises(NotFound):
        act.activity_detail(workspace, aid)


def test_yearly_totals_by_campaign(workspace: Workspace) -> None:
    act.save_activity(workspace, may29(), today=TODAY)
    act.save_activity(
        workspace,
        may29(
            division_code=VILLAGE,
            sessions=1,
            participants=60,
            materials=100,
            served=20,
            beneficiaries=40,
            spending_fen=50_000,
        ),
        today=TODAY,
    )
    act.save_activity(
        workspace,
        may29(
            campaign=Campaign.JULY_11,
            title="7·11宣传",
            held_on=date(2026, 7, 11),
            sessions=1,
            participants=200,
            materials=500,
            served=0,
            beneficiaries=0,
            spending_fen=300_000,
        ),
        today=TODAY,
    )
    act.save_activity(workspace, may29(held_on=date(2025, 5, 29)), today=TODAY)
    lines = act.campaign_totals(workspace, 2026)
    assert [line.campaign for line in lines] == [Campaign.MAY_29, Campaign.JULY_11, None]
    may, july, total = lines
    assert july.participants == 200
    assert (may.events, may.sessions, may.participants, may.materials) == (2, 3, 440, 1300)
    assert (may.served, may.beneficiaries, may.spending_fen) == (170, 130, 1_300_000)
    assert (total.events, total.participants, total.spending_fen) == (3, 640, 1_600_000)
    village_only = act.campaign_totals(workspace, 2026, VILLAGE)
    assert village_only[-1].participants == 60
    assert act.activity_years(workspace) == [2026, 2025]


def test_training_saved_listed_and_totalled(workspace: Workspace) -> None:
    training = TrainingInput(
        TOWNSHIP,
        "家庭健康指导员培训班",
        TrainingAudience.INSTRUCTORS,
        date(2026, 4, 10),
        days=2,
        organiser="县计生协",
        participants=45,
        spending_fen=800_000,
    )
    tid = act.save_training(workspace, training, today=TODAY)
    act.save_training(
        workspace,
        replace(training, title="志愿者培训", audience=TrainingAudience.VOLUNTEERS, days=1, participants=30),
        today=TODAY,
    )
    (row,) = act.load_training_rows(workspace, [tid])
    assert row.person_days == 90 and row.organiser == "县计生协"
    ids = act.list_training_ids(workspace, TrainingFilter(audience=TrainingAudience.INSTRUCTORS))
    assert ids == [tid]
    by_size = act.list_training_ids(workspace, TrainingFilter(sort="participants", descending=True))
    assert by_size[0] == tid
    lines = act.training_totals(workspace, 2026)
    assert [line.audience for line in lines] == [
        TrainingAudience.INSTRUCTORS,
        TrainingAudience.VOLUNTEERS,
        None,
    ]
    assert (lines[-1].trainings, lines[-1].participants, lines[-1].person_days) == (2, 75, 120)


def test_training_days_checked(workspace: Workspace) -> None:
    base = TrainingInput(TOWNSHIP, "骨干培训", TrainingAudience.STAFF, date(2026, 4, 10), participants=20)
    with pytest.raises(ValidationFailed, match="1–60"):
        act.save_training(workspace, replace(base, days=0), today=TODAY)
    with pytest.raises(WarningsToConfirm, match="时间较长"):
        act.save_training(workspace, replace(base, days=20), today=TODAY)
    with pytest.raises(ValidationFailed, match="不能晚于今天"):
        act.save_training(workspace, replace(base, held_on=date(2027, 1, 1)), today=TODAY)


def test_demo_totals_match_the_list(demo_workspace: Workspace) -> None:
    ws = demo_workspace
    year = act.activity_years(ws)[0]
    ids = act.list_activity_ids(ws, ActivityFilter(year=year))
    rows = act.load_activity_rows(ws, ids)
    total = act.campaign_totals(ws, year)[-1]
    assert total.events == len(rows) > 0
    assert total.participants == sum(r.participants for r in rows)
    assert total.spending_fen == sum(r.spending_fen for r in rows)
