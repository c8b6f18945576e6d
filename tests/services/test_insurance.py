"""保险保障: a family's policies saved, checked, changed and marked deleted, each one transaction."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.database.models import ChangeLogEntry
from app.domain.enums import FamilyCategory, MemberRelation
from app.domain.errors import NotFound, ValidationFailed
from app.domain.records.families import FamilyInput, MemberInput, WarningsToConfirm
from app.domain.records.insurance import DEFAULT_PRODUCT, PolicyInput
from app.services import families
from app.services.families import insurance
from app.services.shared.workspace import Workspace

TODAY = date(2026, 11, 23)


@pytest.fixture
def family_id(workspace: Workspace) -> str:
    inp = FamilyInput(
        division_code="430121001001",
        category=FamilyCategory.BEREAVED,
        members=(MemberInput("张三", MemberRelation.SELF),),
    )
    return families.save_family(workspace, inp, today=TODAY)


def policy(family_id: str, **changes: object) -> PolicyInput:
    values: dict[str, object] = {
        "family_id": family_id,
        "product": DEFAULT_PRODUCT,
        "year": 2026,
        "insurer": "中国人寿",
        "policy_no": "BD20260000000001",
        "premium_fen": 10_000,
        "insured_amount_fen": 5_000_000,
        "starts_on": date(2026, 1, 1),
        "ends_on": date(2026, 12, 31),
    }
    values.update(changes)
    return PolicyInput(**values)  # type: ignore[arg-type]


def log_entries(ws: Workspace) -> int:
    with ws.db.read() as s:
        return s.scalar(select(func.count()).select_from(ChangeLogEntry)) or 0


def test_a_policy_is_saved_listed_changed_and_deleted(workspace: Workspace, family_id: str) -> None:
    before = log_entries(workspace)
    pid = insurance.save_policy(workspace, policy(family_id), today=TODAY)
    assert log_entries(workspace) == before + 1  # synced like every record
    [row] = insurance.list_policies(workspace, family_id)
    assert (row.product, row.year, row.premium_fen, row.insurer) == (DEFAULT_PRODUCT, 2026, 10_000, "中国人寿")
    assert row.in_force(TODAY) and not row.in_force(date(2027, 1, 1))
    insurance.save_policy(workspace, policy(family_id, id=pid, premium_fen=12_000), today=TODAY)
    assert insurance.policy_detail(workspace, pid).premium_fen == 12_000
    insurance.mark_policy_deleted(workspace, pid)
    assert insurance.list_policies(workspace, family_id) == []
    with pytest.raises(NotFound):
        insurance.policy_detail(workspace, pid)


def test_errors_block_and_a_second_policy_of_the_year_is_asked_about(
    workspace: Workspace, family_id: str
) -> None:
    with pytest.raises(ValidationFailed) as failed:
        insurance.save_policy(
            workspace, policy(family_id, product=" ", year=1980, ends_on=date(2025, 1, 1)), today=TODAY
        )
    assert {i.field for i in failed.value.issues} == {"product", "year", "ends_on"}
    assert insurance.list_policies(workspace, family_id) == []
    insurance.save_policy(workspace, policy(family_id), today=TODAY)
    with pytest.raises(WarningsToConfirm, match="重复登记"):
        insurance.save_policy(workspace, policy(family_id, policy_no="BD2"), today=TODAY)
    insurance.save_policy(workspace, policy(family_id, policy_no="BD2"), accept_warnings=True, today=TODAY)
    assert len(insurance.list_policies(workspace, family_id)) == 2


def test_no_policy_for_a_deleted_family(workspace: Workspace, family_id: str) -> None:
    families.mark_family_deleted(workspace, family_id)
    with pytest.raises(NotFound):
        insurance.save_policy(workspace, policy(family_id), today=TODAY)
