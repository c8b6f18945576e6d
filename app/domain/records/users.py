"""Accounts as the user-management screen shows them (never a password or its hash)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.domain.enums import UserRole


@dataclass(frozen=True)
class UserRow:
    """One account: who, which role, which division, whether it may still sign in."""

    username: str
    display_name: str
    role: UserRole
    division_code: str
    division_name: str
    active: bool
    created_at: datetime


@dataclass(frozen=True)
class UserDivision:
    """A division an administrator may give an account: the county or one of its townships."""

    code: str
    name: str
    level: str  # 县市区 / 乡镇街道 …
    roles: tuple[UserRole, ...] = ()  # the roles an account in this division may have
