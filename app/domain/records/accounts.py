"""The signed-in user, as the services and the UI see it."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.enums import UserRole


@dataclass(frozen=True)
class SignedInUser:
    """Who signed in: the account's login name, the name shown on screen, role and division."""

    username: str
    display_name: str
    role: UserRole
    division_code: str
