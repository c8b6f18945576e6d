"""What the services do with a keyring: create it, add, re-wrap or remove a user, unwrap, flags, copies."""

from __future__ import annotations

import json
import secrets
from datetime import datetime
from pathlib import Path

from app.database.keyring.lockout import (
    PENDING_MAX,
    WRONG_PASSWORD,
    check_allowed,
    count_failure,
    note_success,
    parse_time,
    pending_attempts,
    refusal,
    retry_at,
    utc_now,
)
from app.database.keyring.sidecar import FORMAT, RECOVERY, VERSION, Keyring, keyring_path, load, write_atomic
from app.database.keyring.wrapping import (
    WRONG_RECOVERY_KEY,
    dummy_kdf,
    new_recovery_key,
    normalize_recovery_key,
    try_unwrap,
    wrap,
)
from app.domain.errors import DatabaseError, LoginDelayed, UserInputError


def create(db_path: Path | str, db_key: bytes, username: str, password: str) -> str:
    """A new keyring for a new encrypted database, with its first user; returns the recovery key.

    Written before the database file gets its name, so a database never exists without its keyring.
    """
    path = keyring_path(db_path)
    ring = Keyring(
        path,
        {
            "format": FORMAT,
            "version": VERSION,
            "keyring_id": secrets.token_hex(16),
            "cipher": "sqlcipher4-raw-key",
            "created_at": utc_now(None).isoformat(timespec="seconds"),
            "entries": {},
        },
    )
    recovery_key = new_recovery_key()
    ring.data["entries"][ring.slot(username)] = wrap(ring, username, password, db_key)
    ring.data["entries"][ring.slot(RECOVERY)] = wrap(ring, RECOVERY, recovery_key, db_key)
    path.parent.mkdir(parents=True, exist_ok=True)
    ring.save()
    return recovery_key


def add_user(db_path: Path | str, db_key: bytes, username: str, password: str) -> None:
    """Wrap the database key for a new user; refused if the user already has an entry."""
    ring = load(db_path)
    if ring.entry(username) is not None:
        raise UserInputError(f"用户“{username}”已有登录密钥，未重复添加。")
    ring.data["entries"][ring.slot(username)] = wrap(ring, username, password, db_key)
    ring.save()


def set_password(db_path: Path | str, db_key: bytes, username: str, password: str) -> None:
    """Wrap the database key under a new password (adding the entry if missing); clears the failures."""
    ring = load(db_path)
    old = ring.entry(username) or {}
    entry = wrap(ring, username, password, db_key)
    # Still to be written to the audit log (what a damaged entry held that is not a time is dropped).
    entry["pending"] = [t for t in pending_attempts(old) if parse_time(t) is not None][-PENDING_MAX:]
    ring.data["entries"][ring.slot(username)] = entry
    ring.save()


def remove_user(db_path: Path | str, username: str) -> None:
    """Drop a user's entry: that password no longer opens the database (a missing entry is fine)."""
    ring = load(db_path)
    if ring.data["entries"].pop(ring.slot(username), None) is not None:
        ring.save()


def has_user(db_path: Path | str, username: str) -> bool:
    return load(db_path).entry(username) is not None


def unwrap(db_path: Path | str, username: str, password: str, *, now: datetime | None = None) -> bytes:
    """The database key for this user and password.

    Refused with UserInputError "用户名或密码不正确" for a wrong pair (the failure is counted), and
    with LoginDelayed while a delay or lockout from earlier failures lasts (nothing is checked).
    """
    ring = load(db_path)
    moment = utc_now(now)
    entry = ring.usable_entry(username)
    if entry is None:
        dummy_kdf(password)
        raise UserInputError(WRONG_PASSWORD)
    check_allowed(entry, moment)
    key = try_unwrap(ring, username, password, entry)
    if key is None:
        count_failure(ring, entry, moment)
        raise refusal(entry, WRONG_PASSWORD)
    if note_success(entry):
        ring.save()
    return key


def unwrap_recovery(db_path: Path | str, recovery_key: str, *, now: datetime | None = None) -> bytes:
    """The database key from the recovery key; wrong keys are counted and locked out like passwords."""
    ring = load(db_path)
    moment = utc_now(now)
    entry = ring.usable_entry(RECOVERY)
    if entry is None:
        raise UserInputError("此数据库没有恢复密钥条目，无法用恢复密钥找回。")
    check_allowed(entry, moment)
    try:
        normalize_recovery_key(recovery_key)
    except UserInputError:
        count_failure(ring, entry, moment)
        raise refusal(entry, WRONG_RECOVERY_KEY) from None
    key = try_unwrap(ring, RECOVERY, recovery_key, entry)
    if key is None:
        count_failure(ring, entry, moment)
        raise refusal(entry, WRONG_RECOVERY_KEY)
    if note_success(entry):
        ring.save()
    return key


def new_recovery(db_path: Path | str, db_key: bytes) -> str:
    """Replace the recovery entry with one for a new recovery key (the old key stops working)."""
    ring = load(db_path)
    recovery_key = new_recovery_key()
    ring.data["entries"][ring.slot(RECOVERY)] = wrap(ring, RECOVERY, recovery_key, db_key)
    ring.save()
    return recovery_key


def pending_failures(db_path: Path | str, username: str) -> list[datetime]:
    """Failed attempts on this user (or RECOVERY) not yet written to the audit log."""
    entry = load(db_path).entry(username) or {}
    return [t for t in (parse_time(x) for x in pending_attempts(entry)) if t is not None]


def clear_pending_failures(db_path: Path | str, username: str) -> None:
    ring = load(db_path)
    entry = ring.entry(username)
    if entry is not None and entry.get("pending"):
        entry["pending"] = []
        ring.save()


def lock_state(db_path: Path | str, username: str, *, now: datetime | None = None) -> LoginDelayed | None:
    """The delay or lockout in force for this user now, if any (for a screen to show before trying)."""
    entry = load(db_path).entry(username)
    if entry is None:
        return None
    wait = retry_at(entry)
    if wait is None or utc_now(now) >= wait[0]:
        return None
    return LoginDelayed(wait[0], locked=wait[1])


def set_flag(db_path: Path | str, name: str, value: bool) -> None:
    """A plain mark readable before sign-in, e.g. ``demo``: the login screen then shows the demo account."""
    ring = load(db_path)
    flags = dict(ring.data.get("flags") or {})
    flags[name] = value
    ring.data["flags"] = flags
    ring.save()


def flag(db_path: Path | str, name: str) -> bool:
    try:
        ring = load(db_path)
    except DatabaseError:
        return False
    flags = ring.data.get("flags")
    return isinstance(flags, dict) and flags.get(name) is True


def copy_keyring(db_path: Path | str, dest_db_path: Path | str) -> Path:
    """Copy the keyring to sit beside ``dest_db_path`` (a backup): same entries, new file name."""
    ring = load(db_path)
    dest = keyring_path(dest_db_path)
    write_atomic(dest, json.dumps(ring.data, ensure_ascii=False, indent=1).encode())
    return dest
