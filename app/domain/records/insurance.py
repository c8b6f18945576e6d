"""Rows and inputs of 保险保障: a special family's insurance policies (计生特殊家庭综合保险 …)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

DEFAULT_PRODUCT = "计生特殊家庭综合保险"


@dataclass(frozen=True)
class PolicyRow:
    id: str
    family_id: str
    product: str
    insurer: str
    policy_no: str
    year: int
    premium_fen: int
    insured_amount_fen: int
    starts_on: date | None
    ends_on: date | None
    claim_count: int = 0  # 理赔 on it, and what they paid out
    claimed_fen: int = 0

    def in_force(self, today: date) -> bool:
        if self.starts_on is not None and today < self.starts_on:
            return False
        if self.ends_on is not None:
            return today <= self.ends_on
        return self.year == today.year


@dataclass(frozen=True)
class PolicyInput:
    """A policy as typed in its form; ``id`` is None for a new one."""

    family_id: str
    product: str
    year: int | None
    insurer: str = ""
    policy_no: str = ""
    premium_fen: int = 0
    insured_amount_fen: int = 0
    starts_on: date | None = None
    ends_on: date | None = None
    id: str | None = None


@dataclass(frozen=True)
class ClaimRow:
    """理赔: a payout on a policy."""

    id: str
    policy_id: str
    claimed_on: date
    paid_on: date | None
    amount_fen: int
    reason: str


@dataclass(frozen=True)
class ClaimInput:
    """A claim as typed in its form; ``id`` is None for a new one."""

    policy_id: str
    claimed_on: date | None
    amount_fen: int = 0
    paid_on: date | None = None
    reason: str = ""
    id: str | None = None
