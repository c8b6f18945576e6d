"""The fields the figures need (issue 11 item 9): recorded, synced like every record, counted."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from app.database.base import synced_tables
from app.database.models import (
    Activity,
    ChangeLogEntry,
    InsuranceClaim,
    InsurancePolicy,
    Position,
    Project,
    SpecialFamily,
    VolunteerService,
)
from app.domain.enums import (
    ActivityKind,
    AdminLevel,
    Campaign,
    FamilyCategory,
    PositionKind,
    WarmAction,
)
from app.services.shared.workspace import Workspace


def test_new_records_and_fields_are_stored_and_travel(workspace: Workspace) -> None:
    assert {"volunteer_service", "insurance_claim"} <= set(synced_tables())
    with workspace.db.session() as s:
        family = SpecialFamily(division_code="430121001001", category=FamilyCategory.BEREAVED, head_name="甲")
        s.add(family)
        s.flush()
        policy = InsurancePolicy(family_id=family.id, product="计生保险", year=2026)
        s.add(policy)
        s.flush()
        s.add(
            InsuranceClaim(
                policy_id=policy.id,
                family_id=family.id,
                claimed_on=date(2026, 4, 2),
                amount_fen=300_000,
                reason="住院",
            )
        )
        s.add(
            VolunteerService(
                family_id=family.id,
                division_code="430121001001",
                volunteer_name="志愿者乙",
                served_on=date(2026, 5, 20),
                service="陪同就医",
                hours=3,
            )
        )
        s.add(
            Activity(
                division_code="430121001000",
                campaign=Campaign.MAY_29,
                kind=ActivityKind.FREE_CLINIC,
                title="义诊",
                held_on=date(2026, 5, 20),
            )
        )
        s.add(
            Activity(
                division_code="430121001000",
                campaign=Campaign.MAY_29,
                title="宣传",
                held_on=date(2026, 5, 21),
            )
        )
        s.add(
            Position(
                division_code="430121001000",
                kind=PositionKind.CHILDCARE_POINT,
                name="托育点",
                level=AdminLevel.TOWNSHIP,
                places=40,
            )
        )
        s.add(
            Position(
                division_code="430121001000",
                kind=PositionKind.MARRIAGE_CULTURE,
                name="新型婚育文化阵地",
                level=AdminLevel.TOWNSHIP,
            )
        )
        s.add(
            Project(
                catalogue_code="SJH",
                name="三结合",
                year=2026,
                level=AdminLevel.PROVINCIAL,
                division_code="430121000000",
                final_report_due_on=date(2026, 12, 15),
                final_report_content="完成帮扶 20 户",
            )
        )
    with workspace.db.read() as s:
        service = s.scalars(select(VolunteerService)).one()
        assert service.system is WarmAction.VOLUNTEER_SERVICE and service.hours == 3
        assert s.scalars(select(InsuranceClaim.amount_fen)).one() == 300_000
        kinds = sorted(k.value for k in s.scalars(select(Activity.kind)))
        assert kinds == ["义诊", "宣传服务"]  # an event typed without a kind is 宣传服务
        assert s.scalar(select(Position.places).where(Position.kind == PositionKind.CHILDCARE_POINT)) == 40
        project = s.scalars(select(Project)).one()
        assert (project.final_report_due_on, project.final_report_content) == (
            date(2026, 12, 15),
            "完成帮扶 20 户",
        )
        logged = set(s.scalars(select(ChangeLogEntry.table_name)))
    assert {
        "volunteer_service",
        "insurance_claim",
        "activity",
        "position",
        "project",
    } <= logged  # what a bundle carries
