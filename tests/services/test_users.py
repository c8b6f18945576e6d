"""User management through its service: who may add, deactivate and reset accounts, where, and
what the keyring beside an encrypted database says afterwards."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import select

from app.database import keyring
from app.database.models import UserAccount
from app.domain.enums import UserRole
from app.domain.errors import UserInputError
from app.domain.records.accounts import SignedInUser
from app.services.demo import DEMO_PASSWORDS
from app.services.shared import audit as audit_service
from app.services.shared.workspace import Workspace
from app.services.system import accounts, users

COUNTY = "430121000000"
TOWNSHIP = "430121001000"  # 星沙街道
OTHER_TOWNSHIP = "430121002000"  # 泉塘街道
PASSWORD = "Secret-2026"


@pytest.fixture
def admin_ws(workspace: Workspace) -> Workspace:
    accounts.create_first_admin(workspace, "admin", "管理员", PASSWORD)
    workspace.user = SignedInUser("admin", "管理员", UserRole.SYSTEM_ADMIN, COUNTY)
    return workspace


def account(ws: Workspace, username: str) -> UserAccount | None:
    with ws.db.read() as s:
        return s.scalars(select(UserAccount).where(UserAccount.username == username)).first()


def test_an_administrator_adds_a_township_clerk_and_the_action_is_audited(admin_ws: Workspace) -> None:
    users.add_user(admin_ws, "zhangsan", "张三", UserRole.TOWNSHIP_CLERK, TOWNSHIP, PASSWORD)
    rows = {r.username: r for r in users.list_users(admin_ws)}
    assert rows["zhangsan"].role is UserRole.TOWNSHIP_CLERK
    assert rows["zhangsan"].division_name == "星沙街道" and rows["zhangsan"].active
    stored = account(admin_ws, "zhangsan")
    assert stored is not None and stored.password_hash and PASSWORD not in stored.password_hash
    entry = audit_service.list_entries(admin_ws, 1)[0]
    assert (entry.username, entry.action, entry.target) == ("admin", "edit", "账户 zhangsan")
    assert entry.detail == {"action": "add_user", "role": "乡镇录入员", "division": TOWNSHIP}
    assert audit_service.verify(admin_ws).ok


@pytest.mark.parametrize(
    ("username", "role", "division", "expected"),
    [
        ("z", UserRole.TOWNSHIP_CLERK, TOWNSHIP, "用户名"),
        ("admin", UserRole.TOWNSHIP_CLERK, TOWNSHIP, "已被使用"),
        ("lisi", UserRole.TOWNSHIP_CLERK, COUNTY, "乡镇街道"),  # a clerk belongs to a township
        ("lisi", UserRole.COUNTY_ADMIN, TOWNSHIP, "县市区"),
        ("lisi", UserRole.READ_ONLY, "430122000000", "不在当前管理员的管辖范围内"),  # another county
        ("lisi", UserRole.READ_ONLY, "430121001001", "一级"),  # a village
    ],
)
def test_bad_accounts_are_refused_with_the_reason_and_nothing_written(
    admin_ws: Workspace, username: str, role: UserRole, division: str, expected: str
) -> None:
    before = users.list_users(admin_ws)
    with pytest.raises(UserInputError, match=expected):
        users.add_user(admin_ws, username, "李四", role, division, PASSWORD)
    assert users.list_users(admin_ws) == before


def test_clerks_and_viewers_cannot_manage_accounts_and_a_county_admin_stays_in_its_lane(
    admin_ws: Workspace,
) -> None:
    users.add_user(admin_ws, "boss", "县管理员", UserRole.COUNTY_ADMIN, COUNTY, PASSWORD)
    for role in (UserRole.TOWNSHIP_CLERK, UserRole.READ_ONLY):
        admin_ws.user = SignedInUser("x", "某人", role, TOWNSHIP)
        with pytest.raises(UserInputError, match="只有系统管理员和县级管理员"):
            users.list_users(admin_ws)
        with pytest.raises(UserInputError, match="只有系统管理员和县级管理员"):
            users.add_user(admin_ws, "lisi", "李四", UserRole.READ_ONLY, TOWNSHIP, PASSWORD)
    admin_ws.user = SignedInUser("boss", "县管理员", UserRole.COUNTY_ADMIN, COUNTY)
    assert UserRole.SYSTEM_ADMIN not in users.assignable_roles(admin_ws)
    with pytest.raises(UserInputError, match="不能创建“系统管理员”"):
        users.add_user(admin_ws, "root2", "另一个", UserRole.SYSTEM_ADMIN, COUNTY, PASSWORD)
    with pytest.raises(UserInputError, match="不能管理“系统管理员”"):
        users.reset_password(admin_ws, "admin", "Another-2026", "Another-2026")
    # A township clerk's administrator: its list holds its township only.
    users.add_user(admin_ws, "wangwu", "王五", UserRole.TOWNSHIP_CLERK, OTHER_TOWNSHIP, PASSWORD)
    admin_ws.user = SignedInUser("viewer", "看", UserRole.COUNTY_ADMIN, COUNTY)
    assert {r.username for r in users.list_users(admin_ws)} >= {"wangwu", "boss", "admin"}


def test_deactivating_and_resetting_update_the_keyring_of_an_encrypted_database(admin_ws: Workspace) -> None:
    key = os.urandom(32)
    keyring.create(admin_ws.path, key, "admin", PASSWORD)
    admin_ws.db.key = key  # what the sign-in sets on an encrypted file

    users.add_user(admin_ws, "zhangsan", "张三", UserRole.TOWNSHIP_CLERK, TOWNSHIP, PASSWORD)
    assert keyring.unwrap(admin_ws.path, "zhangsan", PASSWORD) == key

    users.reset_password(admin_ws, "zhangsan", "Fresh-pass-1", "Fresh-pass-1")
    assert keyring.unwrap(admin_ws.path, "zhangsan", "Fresh-pass-1") == key
    with pytest.raises(UserInputError, match="用户名或密码不正确"):
        keyring.unwrap(admin_ws.path, "zhangsan", PASSWORD)
    assert accounts.check_password(admin_ws, "zhangsan", "Fresh-pass-1")

    users.deactivate_user(admin_ws, "zhangsan")
    assert not keyring.has_user(admin_ws.path, "zhangsan")
    assert not accounts.check_password(admin_ws, "zhangsan", "Fresh-pass-1")
    stored = account(admin_ws, "zhangsan")
    assert stored is not None and not stored.active  # the account and its history stay
    actions = [e.detail["action"] for e in audit_service.list_entries(admin_ws, 3) if e.detail]
    assert actions == ["deactivate_user", "reset_password", "add_user"]

    users.reset_password(admin_ws, "zhangsan", "Back-again-1", "Back-again-1")  # 重新启用
    assert keyring.unwrap(admin_ws.path, "zhangsan", "Back-again-1") == key
    assert accounts.check_password(admin_ws, "zhangsan", "Back-again-1")
    assert audit_service.list_entries(admin_ws, 1)[0].detail == {"action": "reactivate_user"}


def test_the_last_administrator_and_oneself_cannot_be_deactivated(admin_ws: Workspace) -> None:
    with pytest.raises(UserInputError, match="当前登录"):
        users.deactivate_user(admin_ws, "admin")
    admin_ws.user = None  # a command-line run with nobody signed in
    with pytest.raises(UserInputError, match="唯一在用的系统管理员"):
        users.deactivate_user(admin_ws, "admin")
    with pytest.raises(UserInputError, match="两次输入"):
        users.reset_password(admin_ws, "admin", "Another-2026", "Another-2027")


def test_the_demo_county_has_one_account_per_role_with_the_documented_passwords(
    demo_workspace: Workspace,
) -> None:
    rows = {r.role: r for r in users.list_users(demo_workspace)}
    assert set(rows) == set(UserRole)
    assert rows[UserRole.TOWNSHIP_CLERK].division_name == "星沙街道"
    for role, (username, _name, password) in DEMO_PASSWORDS.items():
        assert rows[role].username == username
        assert accounts.check_password(demo_workspace, username, password)
