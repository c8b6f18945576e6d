"""The issue's "done when", end to end: on the encrypted demo county a township clerk signs in
with its demo password and sees only its township; the read-only viewer changes nothing; the
county administrator sees the whole county."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.database.models import SpecialFamily
from app.domain.enums import UserRole
from app.domain.errors import UserInputError
from app.services import families
from app.services.demo import DEMO_PASSWORDS, generate_demo
from app.services.home import overview
from app.services.shared import audit as audit_service
from app.services.system import accounts, users

COUNTY = "430121000000"


@pytest.fixture(scope="module")
def encrypted_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("encrypted-demo") / "demo.db"
    generate_demo(path, COUNTY, families=120, seed=3, encrypted=True)
    return path


def _password(role: UserRole) -> tuple[str, str]:
    username, _name, password = DEMO_PASSWORDS[role]
    return username, password


def test_a_township_clerk_signs_in_and_sees_only_its_township(encrypted_demo: Path) -> None:
    ws = accounts.sign_in(encrypted_demo, *_password(UserRole.TOWNSHIP_CLERK))
    try:
        assert ws.user is not None and ws.user.role is UserRole.TOWNSHIP_CLERK
        township = ws.user.division_code
        prefix = township[:9]
        ids = families.list_family_ids(ws)
        with ws.db.read() as s:
            everywhere = s.scalar(
                select(func.count()).select_from(SpecialFamily).where(SpecialFamily.deleted.is_(False))
            )
            mine = set(
                s.scalars(
                    select(SpecialFamily.id).where(
                        SpecialFamily.deleted.is_(False), SpecialFamily.division_code.startswith(prefix)
                    )
                )
            )
        assert ids and set(ids) == mine and len(ids) < (everywhere or 0)
        assert all(r.division_code.startswith(prefix) for r in families.load_family_rows(ws, ids))
        assert all("*" in r.head_id_export for r in families.load_family_rows(ws, ids) if r.head_id_export)
        assert overview.overview(ws).families <= len(ids)
        assert audit_service.list_entries(ws, 1)[0].action == "login"
    finally:
        ws.close()


def test_the_viewer_changes_nothing_and_the_county_administrator_sees_everything(
    encrypted_demo: Path,
) -> None:
    viewer = accounts.sign_in(encrypted_demo, *_password(UserRole.READ_ONLY))
    try:
        some = families.list_family_ids(viewer)[0]
        with pytest.raises(UserInputError, match="只读查看"):
            families.mark_family_deleted(viewer, some)
        with pytest.raises(UserInputError, match="只有系统管理员和县级管理员"):
            users.list_users(viewer)
        everyone = len(families.list_family_ids(viewer))  # the viewer's division is the county
    finally:
        viewer.close()
    admin = accounts.sign_in(encrypted_demo, *_password(UserRole.COUNTY_ADMIN))
    try:
        assert len(families.list_family_ids(admin)) == everyone
        assert {u.username for u in users.list_users(admin)} == {
            name for name, _n, _p in DEMO_PASSWORDS.values()
        }
    finally:
        admin.close()
