"""保险保障: a family's insurance policies, listed, checked, saved and marked deleted.

A policy belongs to a family and is seen and changed only by users whose area holds the family.
Errors (no product, a year out of range, an end before the start) block saving; the same product
for the same family and year is a warning asked about once (two policies are possible, a
duplicate entry more likely).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.database.models import InsuranceClaim, InsurancePolicy, SpecialFamily
from app.domain.errors import NotFound, ValidationFailed
from app.domain.records.families import WarningsToConfirm
from app.domain.records.insurance import PolicyInput, PolicyRow
from app.domain.validation import Issue, Severity, error, has_errors, warning
from app.services.shared.scope import ensure_in_scope, ensure_writable, within
from app.services.shared.workspace import Workspace

_NO_FAMILY = "这户家庭不存在或已删除。"
_NO_POLICY = "这份保单不存在或已删除。"
FIRST_YEAR = 2000


def _row(p: InsurancePolicy, claims: tuple[int, int] = (0, 0)) -> PolicyRow:
    return PolicyRow(
        id=p.id,
        family_id=p.family_id,
        product=p.product,
        insurer=p.insurer or "",
        policy_no=p.policy_no or "",
        year=p.year,
        premium_fen=p.premium_fen,
        insured_amount_fen=p.insured_amount_fen,
        starts_on=p.starts_on,
        ends_on=p.ends_on,
        claim_count=claims[0],
        claimed_fen=claims[1],
    )


def list_policies(ws: Workspace, family_id: str) -> list[PolicyRow]:
    """A family's policies, newest year first (none for a family outside the user's area)."""
    with ws.db.read() as s:
        found = s.scalars(
            select(InsurancePolicy)
            .join(SpecialFamily, SpecialFamily.id == InsurancePolicy.family_id)
            .where(
                InsurancePolicy.family_id == family_id,
                InsurancePolicy.deleted.is_(False),
                *within(ws, SpecialFamily.division_code),
            )
            .order_by(InsurancePolicy.year.desc(), InsurancePolicy.product, InsurancePolicy.id)
        ).all()
        claims = {
            pid: (int(n), int(fen or 0))
            for pid, n, fen in s.execute(
                select(InsuranceClaim.policy_id, func.count(), func.sum(InsuranceClaim.amount_fen))
                .where(InsuranceClaim.family_id == family_id, InsuranceClaim.deleted.is_(False))
                .group_by(InsuranceClaim.policy_id)
            )
        }
        return [_row(p, claims.get(p.id, (0, 0))) for p in found]


def _family(s: Session, ws: Workspace, family_id: str) -> SpecialFamily:
    family = s.get(SpecialFamily, family_id)
    if family is None or family.deleted:
        raise NotFound(_NO_FAMILY)
    ensure_in_scope(ws, family.division_code, _NO_FAMILY)
    return family


def family_of_policy(s: Session, ws: Workspace, policy_id: str) -> tuple[InsurancePolicy, SpecialFamily]:
    """A live policy and its family, the family inside the user's area; else NotFound."""
    policy = s.get(InsurancePolicy, policy_id)
    if policy is None or policy.deleted:
        raise NotFound(_NO_POLICY)
    return policy, _family(s, ws, policy.family_id)


def policy_detail(ws: Workspace, policy_id: str) -> PolicyInput:
    with ws.db.read() as s:
        p = s.get(InsurancePolicy, policy_id)
        if p is None or p.deleted:
            raise NotFound(_NO_POLICY)
        _family(s, ws, p.family_id)
        return PolicyInput(
            family_id=p.family_id,
            product=p.product,
            year=p.year,
            insurer=p.insurer or "",
            policy_no=p.policy_no or "",
            premium_fen=p.premium_fen,
            insured_amount_fen=p.insured_amount_fen,
            starts_on=p.starts_on,
            ends_on=p.ends_on,
            id=p.id,
        )


def check_policy(ws: Workspace, inp: PolicyInput, *, today: date | None = None) -> list[Issue]:
    """Every issue saving would meet, without saving."""
    today = today or date.today()
    issues: list[Issue] = []
    if not inp.product.strip():
        issues.append(error("product", "请填写保险产品"))
    if inp.year is None:
        issues.append(error("year", "请填写保险年度"))
    elif not FIRST_YEAR <= inp.year <= today.year + 1:
        issues.append(error("year", f"保险年度应在 {FIRST_YEAR}–{today.year + 1} 之间"))
    if inp.premium_fen < 0 or inp.insured_amount_fen < 0:
        issues.append(error("premium_fen", "金额不能为负数"))
    if inp.starts_on and inp.ends_on and inp.ends_on < inp.starts_on:
        issues.append(error("ends_on", "保险止期不能早于起期"))
    if not has_errors(issues) and inp.year is not None:
        with ws.db.read() as s:
            same = s.scalar(
                select(InsurancePolicy.id).where(
                    InsurancePolicy.family_id == inp.family_id,
                    InsurancePolicy.product == inp.product.strip(),
                    InsurancePolicy.year == inp.year,
                    InsurancePolicy.deleted.is_(False),
                    InsurancePolicy.id != (inp.id or ""),
                )
            )
        if same is not None:
            issues.append(
                warning("product", f"这户家庭 {inp.year} 年已登记“{inp.product.strip()}”，请确认不是重复登记")
            )
    return issues


def save_policy(
    ws: Workspace, inp: PolicyInput, *, accept_warnings: bool = False, today: date | None = None
) -> str:
    """Save a new or changed policy in one transaction; returns its id."""
    ensure_writable(ws)
    issues = check_policy(ws, inp, today=today)
    if has_errors(issues):
        raise ValidationFailed([i for i in issues if i.severity is Severity.ERROR])
    if issues and not accept_warnings:
        raise WarningsToConfirm(list(issues))
    assert inp.year is not None  # checked above
    values = {
        "product": inp.product.strip(),
        "insurer": inp.insurer.strip() or None,
        "policy_no": inp.policy_no.strip() or None,
        "year": inp.year,
        "premium_fen": inp.premium_fen,
        "insured_amount_fen": inp.insured_amount_fen,
        "starts_on": inp.starts_on,
        "ends_on": inp.ends_on,
    }
    with ws.db.session() as s:
        _family(s, ws, inp.family_id)
        if inp.id is None:
            new = InsurancePolicy(family_id=inp.family_id, **values)
            s.add(new)
            s.flush()
            return new.id
        found = s.get(InsurancePolicy, inp.id)
        if found is None or found.deleted or found.family_id != inp.family_id:
            raise NotFound(_NO_POLICY)
        for name, value in values.items():
            if getattr(found, name) != value:
                setattr(found, name, value)
        return found.id


def mark_policy_deleted(ws: Workspace, policy_id: str) -> None:
    """标记删除: the policy leaves the family's list; the next sync passes it on."""
    ensure_writable(ws)
    with ws.db.session() as s:
        policy = s.get(InsurancePolicy, policy_id)
        if policy is None or policy.deleted:
            raise NotFound(_NO_POLICY)
        _family(s, ws, policy.family_id)
        policy.deleted = True
