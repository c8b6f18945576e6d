"""The keyring sidecar: wrapped database keys per user and for recovery, delay and lockout."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.database import keyring
from app.database.keyring import sidecar
from app.domain.errors import DatabaseError, LoginDelayed, UserInputError

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "县库.db"


def test_the_key_unwraps_only_with_the_right_password_and_the_file_names_nobody(db: Path) -> None:
    key = keyring.new_database_key()
    recovery = keyring.create(db, key, "zhangsan", "正确的密码123")
    assert keyring.unwrap(db, "zhangsan", "正确的密码123") == key
    with pytest.raises(UserInputError, match="用户名或密码不正确"):
        keyring.unwrap(db, "zhangsan", "错误的密码123")
    with pytest.raises(UserInputError, match="用户名或密码不正确"):
        keyring.unwrap(db, "lisi", "正确的密码123")
    raw = keyring.keyring_path(db).read_bytes()
    assert b"zhangsan" not in raw and key.hex().encode() not in raw
    assert recovery.replace("-", "").encode() not in raw
    data = json.loads(raw)
    assert data["format"] == "fpa-keyring" and data["version"] == 1


def test_an_entry_moved_to_another_name_or_keyring_does_not_unwrap(db: Path, tmp_path: Path) -> None:
    key = keyring.new_database_key()
    keyring.create(db, key, "admin", "password-1")
    keyring.add_user(db, key, "clerk", "password-2")
    path = keyring.keyring_path(db)
    data = json.loads(path.read_text())
    ring = sidecar.load(db)
    # the clerk's wrapped key, put in the admin's place: the associated data names the clerk
    data["entries"][ring.slot("admin")] = data["entries"][ring.slot("clerk")]
    path.write_text(json.dumps(data))
    with pytest.raises(UserInputError):
        keyring.unwrap(db, "admin", "password-2")
    # the same entries in another keyring (another id): nothing unwraps
    other = tmp_path / "other.db"
    keyring.create(other, keyring.new_database_key(), "x", "password-x")
    other_data = json.loads(keyring.keyring_path(other).read_text())
    data = json.loads(path.read_text())
    data["keyring_id"] = other_data["keyring_id"]
    path.write_text(json.dumps(data))
    with pytest.raises(UserInputError):
        keyring.unwrap(db, "clerk", "password-2")


def test_add_change_and_remove_users(db: Path) -> None:
    key = keyring.new_database_key()
    keyring.create(db, key, "admin", "password-1")
    keyring.add_user(db, key, "clerk", "clerk-pass")
    with pytest.raises(UserInputError, match="已有"):
        keyring.add_user(db, key, "clerk", "again-pass")
    assert keyring.unwrap(db, "clerk", "clerk-pass") == key
    keyring.set_password(db, key, "clerk", "new-clerk-pass")
    with pytest.raises(UserInputError):
        keyring.unwrap(db, "clerk", "clerk-pass")
    assert keyring.unwrap(db, "clerk", "new-clerk-pass") == key
    keyring.remove_user(db, "clerk")
    assert not keyring.has_user(db, "clerk")
    with pytest.raises(UserInputError):
        keyring.unwrap(db, "clerk", "new-clerk-pass")
    assert keyring.unwrap(db, "admin", "password-1") == key


def test_growing_delay_then_lockout_then_relock_until_a_success(db: Path) -> None:
    key = keyring.new_database_key()
    keyring.create(db, key, "admin", "password-1")
    for i in range(2):  # two failures: no delay yet
        with pytest.raises(UserInputError) as info:
            keyring.unwrap(db, "admin", "wrong", now=T0 + timedelta(seconds=i))
        assert not isinstance(info.value, LoginDelayed)
    with pytest.raises(UserInputError):
        keyring.unwrap(db, "admin", "wrong", now=T0 + timedelta(seconds=2))  # 3rd: from now on, wait 1 s
    # too soon: refused without checking, even with the right password, and not counted
    with pytest.raises(LoginDelayed, match="秒后再试") as early:
        keyring.unwrap(db, "admin", "password-1", now=T0 + timedelta(seconds=2.5))
    assert not early.value.locked
    with pytest.raises(UserInputError):
        keyring.unwrap(db, "admin", "wrong", now=T0 + timedelta(seconds=3))  # 4th: wait 2 s
    with pytest.raises(LoginDelayed):
        keyring.unwrap(db, "admin", "wrong", now=T0 + timedelta(seconds=4))
    with pytest.raises(LoginDelayed) as locked:  # 5th: locked for 15 minutes
        keyring.unwrap(db, "admin", "wrong", now=T0 + timedelta(seconds=5))
    assert locked.value.locked
    until = T0 + timedelta(seconds=5) + keyring.LOCK_FOR
    assert locked.value.retry_at == until.replace(microsecond=0)
    assert f"已锁定，请 {until.astimezone():%H:%M} 后再试" in str(locked.value)
    with pytest.raises(LoginDelayed, match="已锁定"):
        keyring.unwrap(db, "admin", "password-1", now=T0 + timedelta(minutes=10))
    state = keyring.lock_state(db, "admin", now=T0 + timedelta(minutes=10))
    assert state is not None and state.locked
    # after the lock, one more wrong password locks again at once
    with pytest.raises(LoginDelayed, match="已锁定"):
        keyring.unwrap(db, "admin", "wrong", now=T0 + timedelta(minutes=16))
    later = T0 + timedelta(minutes=40)
    assert keyring.unwrap(db, "admin", "password-1", now=later) == key
    assert keyring.lock_state(db, "admin", now=later) is None
    # the failures wait to be written to the audit log at this sign-in
    assert len(keyring.pending_failures(db, "admin")) == 6
    keyring.clear_pending_failures(db, "admin")
    assert keyring.pending_failures(db, "admin") == []


def test_recovery_key_unwraps_and_a_wrong_one_is_refused(db: Path) -> None:
    key = keyring.new_database_key()
    recovery = keyring.create(db, key, "admin", "password-1")
    groups = recovery.split("-")
    assert len(groups) == 8 and all(len(g) == 5 for g in groups)
    assert set(recovery.replace("-", "")) <= set(keyring.RECOVERY_ALPHABET)
    assert keyring.unwrap_recovery(db, " ".join(groups).lower()) == key  # typed any way
    wrong = ("2" if recovery[0] != "2" else "3") + recovery[1:]
    with pytest.raises(UserInputError, match="恢复密钥不正确"):
        keyring.unwrap_recovery(db, wrong)
    with pytest.raises(UserInputError, match="恢复密钥不正确"):
        keyring.unwrap_recovery(db, "not a key")
    fresh = keyring.new_recovery(db, key)
    with pytest.raises(UserInputError):
        keyring.unwrap_recovery(db, recovery, now=datetime.now(UTC) + timedelta(hours=1))
    assert keyring.unwrap_recovery(db, fresh, now=datetime.now(UTC) + timedelta(hours=2)) == key


def test_missing_or_damaged_keyring_is_a_clear_error(db: Path) -> None:
    with pytest.raises(DatabaseError, match="找不到数据库的密钥文件"):
        keyring.unwrap(db, "admin", "x")
    keyring.keyring_path(db).write_text("{not json")
    with pytest.raises(DatabaseError, match="已损坏"):
        keyring.unwrap(db, "admin", "x")


def test_the_keyring_is_written_atomically(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = keyring.new_database_key()
    keyring.create(db, key, "admin", "password-1")
    before = keyring.keyring_path(db).read_bytes()

    def power_cut(*_args: object) -> None:
        raise OSError("power cut")

    monkeypatch.setattr(sidecar.os, "replace", power_cut)
    with pytest.raises(OSError):
        keyring.add_user(db, key, "clerk", "clerk-pass")
    assert keyring.keyring_path(db).read_bytes() == before
    assert [p.name for p in db.parent.iterdir()] == [keyring.keyring_path(db).name]


def test_is_encrypted_tells_sqlcipher_from_plain_sqlite(tmp_path: Path) -> None:
    import sqlite3

    plain = tmp_path / "plain.db"
    with sqlite3.connect(plain) as conn:
        conn.execute("create table t (x)")
    conn.close()
    assert not keyring.is_encrypted(plain)
    assert not keyring.is_encrypted(tmp_path / "missing.db")
    cipher = tmp_path / "cipher.db"
    import sqlcipher3

    conn = sqlcipher3.connect(str(cipher))
    conn.execute(f"PRAGMA key = \"x'{keyring.new_database_key().hex()}'\"")
    conn.execute("create table t (x)")
    conn.commit()
    conn.close()
    assert keyring.is_encrypted(cipher)
