"""理赔: the payouts on a family's insurance policy, listed, checked, saved and marked deleted.

A claim belongs to a policy (and, for the merge's authority check, to the policy's family). It is
seen and changed only by users whose area holds the family. A claim needs the day it was made and
an amount; a payout before the claim, or a claim outside the policy's cover, is questioned.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.database.models import InsuranceClaim, InsurancePolicy
from app.domain.errors import NotFound
from app.domain.records.insurance import ClaimInput, ClaimRow
from app.domain.validation import MAX_FEN, Issue, check_date, error, format_fen, require, warning
from app.services.families.insurance import family_of_policy
from app.services.shared.records import assign_changed, raise_for, text_or_none
from app.services.shared.scope import edit_session, ensure_writable
from app.services.shared.workspace import Workspace

_NO_CLAIM = "这条理赔记录不存在或已删除。"
_LATE_CLAIM = timedelta(days=90)  # a claim may come some weeks after the cover ended


def list_claims(ws: Workspace, policy_id: str) -> list[ClaimRow]:
    """A policy's claims, newest first."""
    with ws.db.read() as s:
        family_of_policy(s, ws, policy_id)
        found = s.scalars(
            select(InsuranceClaim)
            .where(InsuranceClaim.policy_id == policy_id, InsuranceClaim.deleted.is_(False))
            .order_by(InsuranceClaim.claimed_on.desc(), InsuranceClaim.id)
        ).all()
        return [
            ClaimRow(c.id, c.policy_id, c.claimed_on, c.paid_on, c.amount_fen, c.reason or "") for c in found
        ]


def _check(s: Session, policy: InsurancePolicy, inp: ClaimInput, today: date) -> list[Issue]:
    issues = require("claimed_on", inp.claimed_on, "理赔申请日期")
    issues += check_date("claimed_on", inp.claimed_on, label="理赔申请日期", today=today)
    issues += check_date("paid_on", inp.paid_on, label="赔付日期", today=today)
    if inp.amount_fen <= 0:
        issues.append(error("amount_fen", "请填写理赔金额（大于 0）"))
    elif inp.amount_fen >= MAX_FEN:
        issues.append(error("amount_fen", "理赔金额过大，请核对"))
    if len(inp.reason.strip()) > 120:
        issues.append(error("reason", "理赔事由不能超过 120 个字"))
    if inp.claimed_on and inp.paid_on and inp.paid_on < inp.claimed_on:
        issues.append(error("paid_on", "赔付日期不能早于理赔申请日期"))
    on = inp.claimed_on
    if on is not None and (
        (policy.starts_on is not None and on < policy.starts_on)
        or (policy.ends_on is not None and on > policy.ends_on + _LATE_CLAIM)
    ):
        issues.append(warning("claimed_on", f"理赔日期不在保单 {policy.year} 年的保障期内，请核对"))
    if policy.insured_amount_fen and inp.amount_fen > 0:
        before = s.scalar(
            select(func.coalesce(func.sum(InsuranceClaim.amount_fen), 0)).where(
                InsuranceClaim.policy_id == policy.id,
                InsuranceClaim.deleted.is_(False),
                InsuranceClaim.id != (inp.id or ""),
            )
        )
        total = int(before or 0) + inp.amount_fen
        if total > policy.insured_amount_fen:
            insured = format_fen(policy.insured_amount_fen)
            text = f"累计理赔 {format_fen(total)} 元超过保额 {insured} 元，请核对"
            issues.append(warning("amount_fen", text))
    return issues


def check_claim(ws: Workspace, inp: ClaimInput, *, today: date | None = None) -> list[Issue]:
    with ws.db.read() as s:
        policy = family_of_policy(s, ws, inp.policy_id)[0]
        return _check(s, policy, inp, today or date.today())


def save_claim(
    ws: Workspace, inp: ClaimInput, *, accept_warnings: bool = False, today: date | None = None
) -> str:
    """Record or correct a claim in one transaction; returns its id."""
    ensure_writable(ws)
    with edit_session(ws) as s:
        policy, family = family_of_policy(s, ws, inp.policy_id)
        raise_for(_check(s, policy, inp, today or date.today()), accept_warnings)
        assert inp.claimed_on is not None  # checked
        values = {
            "claimed_on": inp.claimed_on,
            "paid_on": inp.paid_on,
            "amount_fen": inp.amount_fen,
            "reason": text_or_none(inp.reason),
        }
        if inp.id is None:
            claim = InsuranceClaim(policy_id=policy.id, family_id=family.id, **values)
            s.add(claim)
            s.flush()
            return claim.id
        found = s.get(InsuranceClaim, inp.id)
        if found is None or found.deleted or found.policy_id != policy.id:
            raise NotFound(_NO_CLAIM)
        assign_changed(found, values)
        return found.id


def mark_claim_deleted(ws: Workspace, claim_id: str) -> None:
    """标记删除 a claim entered by mistake (the next sync passes the deletion on)."""
    ensure_writable(ws)
    with edit_session(ws) as s:
        claim = s.get(InsuranceClaim, claim_id)
        if claim is None or claim.deleted:
            raise NotFound(_NO_CLAIM)
        family_of_policy(s, ws, claim.policy_id)
        claim.deleted = True


def claim_detail(ws: Workspace, claim_id: str) -> ClaimInput:
    """The claim as its form edits it."""
    with ws.db.read() as s:
        claim = s.get(InsuranceClaim, claim_id)
        if claim is None or claim.deleted:
            raise NotFound(_NO_CLAIM)
        family_of_policy(s, ws, claim.policy_id)
        return ClaimInput(
            claim.policy_id, claim.claimed_on, claim.amount_fen, claim.paid_on, claim.reason or "", claim.id
        )
