"""Signing in to an encrypted database: refusals counted, delay and lockout, audit, password change, recovery."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.database import keyring
from app.database.models import SpecialFamily
from app.domain.enums import FamilyCategory
from app.domain.errors import LoginDelayed, UserInputError
from app.domain.records.accounts import SignedInUser
from app.services.shared.audit import list_entries
from app.services.shared.workspace import open_workspace
from app.services.system import accounts

ADMIN = ("admin", "李管理", "secret-pass-1")  # the encrypted_template fixture's administrator (conftest.py)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_sign_in_opens_the_database_as_the_user(encrypted_path: Path) -> None:
    ws = accounts.sign_in(encrypted_path, " admin ", ADMIN[2])
    try:
        assert ws.user == SignedInUser("admin", "李管理", ws.user.role, "430121000000")
        assert ws.user.role.value == "系统管理员" and ws.username == "admin"
        assert ws.db.key is not None
        assert list_entries(ws)[0].action == "login"
    finally:
        ws.close()


def test_wrong_passwords_are_refused_counted_and_audited_at_the_next_sign_in(encrypted_path: Path) -> None:
    for i in range(2):
        with pytest.raises(UserInputError, match="用户名或密码不正确"):
            accounts.sign_in(encrypted_path, "admin", "wrong-pass", now=T0 + timedelta(seconds=i))
    with pytest.raises(UserInputError, match="用户名或密码不正确"):
        accounts.sign_in(encrypted_path, "nobody", "wrong-pass")
    ws = accounts.sign_in(encrypted_path, "admin", ADMIN[2], now=T0 + timedelta(seconds=5))
    try:
        actions = [(e.action, e.username) for e in list_entries(ws)[:3]]
    finally:
        ws.close()
    assert actions == [("login", "admin"), ("login_failed", "admin"), ("login_failed", "admin")]
    assert keyring.pending_failures(encrypted_path, "admin") == []


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(encrypted_path: Path) -> None:
    moment = T0
    for _ in range(4):
        with pytest.raises(UserInputError):
            accounts.sign_in(encrypted_path, "admin", "wrong-pass", now=moment)
        moment += timedelta(seconds=10)
    with pytest.raises(LoginDelayed) as locked:
        accounts.sign_in(encrypted_path, "admin", "wrong-pass", now=moment)
    until = (moment + timedelta(minutes=15)).astimezone()
    assert str(locked.value) == f"密码错误次数过多，账户已锁定，请 {until:%H:%M} 后再试。"
    # the right password changes nothing while the lock lasts
    with pytest.raises(LoginDelayed, match="已锁定"):
        accounts.sign_in(encrypted_path, "admin", ADMIN[2], now=moment + timedelta(minutes=14))
    ws = accounts.sign_in(encrypted_path, "admin", ADMIN[2], now=moment + timedelta(minutes=16))
    try:
        failed = [e for e in list_entries(ws) if e.action == "login_failed"]
    finally:
        ws.close()
    assert len(failed) == 5


def test_the_lock_message_is_there_before_trying(encrypted_path: Path) -> None:
    assert accounts.lock_message(encrypted_path, "admin") is None
    now = datetime.now(UTC)
    for i in range(5):
        with pytest.raises(UserInputError):
            accounts.sign_in(
                encrypted_path,
                "admin",
                "wrong-pass",
                now=now - timedelta(minutes=1) + timedelta(seconds=10 * i),
            )
    message = accounts.lock_message(encrypted_path, "admin")
    assert message is not None and "已锁定，请" in message and "后再试" in message


def test_change_password(encrypted_path: Path) -> None:
    ws = accounts.sign_in(encrypted_path, "admin", ADMIN[2])
    try:
        with pytest.raises(UserInputError, match="用户名或密码不正确"):
            accounts.change_password(ws, "not-the-old-one", "new-pass-2026")
        with pytest.raises(UserInputError, match="至少"):
            accounts.change_password(ws, ADMIN[2], "short")
        accounts.change_password(ws, ADMIN[2], "new-pass-2026")
        assert accounts.check_password(ws, "admin", "new-pass-2026")
    finally:
        ws.close()
    with pytest.raises(UserInputError):
        accounts.sign_in(encrypted_path, "admin", ADMIN[2], now=datetime.now(UTC) + timedelta(hours=1))
    accounts.sign_in(
        encrypted_path, "admin", "new-pass-2026", now=datetime.now(UTC) + timedelta(hours=2)
    ).close()


def test_recovery_key_sets_a_new_admin_password(encrypted_path: Path, recovery_key: str) -> None:
    with pytest.raises(UserInputError, match="恢复密钥不正确"):
        accounts.recover_password(encrypted_path, "2222-" * 7 + "22222", "admin", "brand-new-pass")
    with pytest.raises(UserInputError, match="恢复密钥不正确"):
        accounts.recover_password(encrypted_path, "forgot it", "admin", "brand-new-pass")
    later = datetime.now(UTC) + timedelta(hours=1)
    ws = accounts.recover_password(encrypted_path, recovery_key.lower(), "admin", "brand-new-pass", now=later)
    try:
        assert ws.user is not None and ws.user.username == "admin"
        entries = list_entries(ws)
    finally:
        ws.close()
    assert [e.action for e in entries[:2]] == ["login", "edit"]
    assert sum(e.action == "login_failed" for e in entries) == 2
    with pytest.raises(UserInputError):
        accounts.sign_in(encrypted_path, "admin", ADMIN[2])
    accounts.sign_in(encrypted_path, "admin", "brand-new-pass").close()


def test_plain_databases_open_without_credentials_and_sign_in_by_hash(workspace, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert not accounts.needs_sign_in(db_path)
    accounts.create_first_admin(workspace, "admin", "李", "plain-pass-1")
    workspace.close()
    with pytest.raises(UserInputError, match="用户名或密码不正确"):
        accounts.sign_in(db_path, "admin", "wrong-pass")
    ws = accounts.sign_in(db_path, "admin", "plain-pass-1")
    try:
        assert ws.user is not None and ws.db.key is None
        assert [e.action for e in list_entries(ws)[:2]] == ["login", "login_failed"]
    finally:
        ws.close()


def test_nothing_saved_can_be_read_from_the_file(encrypted_path: Path) -> None:
    ws = accounts.sign_in(encrypted_path, "admin", ADMIN[2])
    try:
        with ws.db.session() as s:
            s.add(
                SpecialFamily(
                    division_code="430121001001", category=FamilyCategory.BEREAVED, head_name="欧阳秀英"
                )
            )
    finally:
        ws.close()
    data = encrypted_path.read_bytes()
    assert "欧阳秀英".encode() not in data and b"SQLite format 3" not in data
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(encrypted_path).execute("SELECT count(*) FROM special_family").fetchall()
    ws = open_workspace(encrypted_path, keyring.unwrap(encrypted_path, "admin", ADMIN[2]))
    ws.close()
