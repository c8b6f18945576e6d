"""理赔 on a family's policy: recorded, listed with the policy's totals, checked, corrected and
marked deleted; each one transaction, in the change log, and refused outside the user's area."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from app.database.models import ChangeLogEntry, InsuranceClaim
from app.domain.errors import NotFound, ValidationFailed
from app.domain.records.families import WarningsToConfirm
from app.domain.records.insurance import ClaimInput
from app.services.families import claims, insurance
from app.services.shared.workspace import Workspace
from tests.services.test_insurance import TODAY, family_id, log_entries, policy  # noqa: F401 - the fixture

CLAIM = ClaimInput(policy_id="", claimed_on=date(2026, 3, 10), amount_fen=300_000, paid_on=date(2026, 3, 30), reason="住院")


@pytest.fixture
def policy_id(workspace: Workspace, family_id: str) -> str:  # noqa: F811
    return insurance.save_policy(workspace, policy(family_id), today=TODAY)


def test_claims_recorded_listed_and_totalled_on_the_policy(workspace: Workspace, policy_id: str) -> None:
    before = log_entries(workspace)
    first = claims.save_claim(workspace, replace(CLAIM, policy_id=policy_id), today=TODAY)
    claims.save_claim(workspace, replace(CLAIM, policy_id=policy_id, claimed_on=date(2026, 9, 1), amount_fen=200_000, paid_on=None), today=TODAY)
    listed = claims.list_claims(workspace, policy_id)
    assert [c.claimed_on for c in listed] == [date(2026, 9, 1), date(2026, 3, 10)]
    assert listed[1].id == first and listed[1].reason == "住院"
    (row,) = insurance.list_policies(workspace, insurance.policy_detail(workspace, policy_id).family_id)
    assert (row.claim_count, row.claimed_fen) == (2, 500_000)
    assert log_entries(workspace) == before + 2
    with workspace.db.read() as s:
        family = s.scalar(select(InsuranceClaim.family_id).where(InsuranceClaim.id == first))
    assert family == row.family_id  # the merge places a claim where its family lies
    claims.mark_claim_deleted(workspace, first)
    assert [c.amount_fen for c in claims.list_claims(workspace, policy_id)] == [200_000]


def test_claims_checked_like_the_form_asks(workspace: Workspace, policy_id: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        claims.save_claim(workspace, ClaimInput(policy_id, None, 0), today=TODAY)
    assert {i.field for i in caught.value.issues} == {"claimed_on", "amount_fen"}  # type: ignore[attr-defined]
    with pytest.raises(ValidationFailed, match="赔付日期不能早于理赔申请日期"):
        claims.save_claim(workspace, replace(CLAIM, policy_id=policy_id, paid_on=date(2026, 3, 1)), today=TODAY)
    outside = replace(CLAIM, policy_id=policy_id, claimed_on=date(2025, 6, 1), paid_on=None)
    with pytest.raises(WarningsToConfirm, match="不在保单 2026 年的保障期内"):
        claims.save_claim(workspace, outside, today=TODAY)
    too_much = replace(CLAIM, policy_id=policy_id, amount_fen=6_000_000)
    with pytest.raises(WarningsToConfirm, match=r"超过保额 50,000\.00 元"):
        claims.save_claim(workspace, too_much, today=TODAY)
    with workspace.db.read() as s:
        assert s.scalar(select(InsuranceClaim.id)) is None
        assert s.scalar(select(ChangeLogEntry.seq).where(ChangeLogEntry.table_name == "insurance_claim")) is None
    claims.save_claim(workspace, too_much, accept_warnings=True, today=TODAY)
    assert len(claims.list_claims(workspace, policy_id)) == 1


def test_no_claims_on_a_deleted_policy(workspace: Workspace, policy_id: str) -> None:
    insurance.mark_policy_deleted(workspace, policy_id)
    with pytest.raises(NotFound):
        claims.save_claim(workspace, replace(CLAIM, policy_id=policy_id), today=TODAY)
    with pytest.raises(NotFound):
        claims.list_claims(workspace, policy_id)
