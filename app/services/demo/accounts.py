"""The demo county's accounts: one per role, with published passwords, and the login screen's hint.

Not secrets: the demo is fictitious data, the passwords are printed in the README, and trying each
role is what the demo is for. Never used outside ``fpa demo`` and a database it made.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from app.database import keyring
from app.database.models import Division, UserAccount
from app.domain.enums import DivisionLevel, UserRole
from app.domain.permissions import subtree_prefix
from app.services.shared.workspace import Workspace
from app.services.system import add_user

__all__ = [
    "DEMO_DISPLAY_NAME",
    "DEMO_PASSWORD",
    "DEMO_PASSWORDS",
    "DEMO_USERNAME",
    "add_demo_users",
    "demo_account",
]

# Role -> (username, display name, password).
DEMO_PASSWORDS = {
    UserRole.SYSTEM_ADMIN: ("admin", "系统管理员（演示）", "admin-demo-2026"),
    UserRole.COUNTY_ADMIN: ("xianji", "县级管理员（演示）", "xianji-demo-2026"),
    UserRole.TOWNSHIP_CLERK: ("luru", "乡镇录入员（演示）", "luru-demo-2026"),
    UserRole.READ_ONLY: ("chakan", "只读查看（演示）", "chakan-demo-2026"),
}
# The demo's administrator: the keyring is made for it, and the login screen shows it.
DEMO_USERNAME, DEMO_DISPLAY_NAME, DEMO_PASSWORD = DEMO_PASSWORDS[UserRole.SYSTEM_ADMIN]


def demo_account(path: Path | str) -> tuple[str, str] | None:
    """The demo's username and password when ``path`` is an encrypted demo database (a hint to show)."""
    path = Path(path)
    if not keyring.is_encrypted(path) or not keyring.flag(path, "demo"):
        return None
    return DEMO_USERNAME, DEMO_PASSWORD


def add_demo_users(ws: Workspace) -> list[str]:
    """The demo accounts the database lacks (a 系统管理员 only if it has none); returns the names added.

    The township clerk works in the county's first township. Runs with nobody signed in.
    """
    county = ws.division_code
    prefix = subtree_prefix(county)
    with ws.db.read() as s:
        township = s.scalar(
            select(Division.code)
            .where(
                Division.level == DivisionLevel.TOWNSHIP,
                Division.deleted.is_(False),
                Division.code >= prefix,
                Division.code < prefix + "~",
            )
            .order_by(Division.code)
            .limit(1)
        )
        taken = set(s.scalars(select(UserAccount.username)))
        has_admin = s.scalar(select(UserAccount.id).where(UserAccount.role == UserRole.SYSTEM_ADMIN).limit(1))
    added = []
    for role, (username, name, password) in DEMO_PASSWORDS.items():
        if username in taken or (role is UserRole.SYSTEM_ADMIN and has_admin is not None):
            continue
        division = township if role is UserRole.TOWNSHIP_CLERK else county
        if division is None:
            continue
        add_user(ws, username, name, role, division, password)
        added.append(username)
    return added
