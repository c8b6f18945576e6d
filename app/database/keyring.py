"""The keyring beside an encrypted database: its random key, wrapped once per user and once for recovery.

An encrypted database (SQLCipher) is opened with a random 256-bit key that nobody types. The
sidecar file ``<database>.keys`` holds that key wrapped (AES-256-GCM) under a key derived from
each user's password (Argon2id), and once more under the administrator's recovery key (printed
once at set-up). It also holds each user's count of failed sign-ins, because the lockout must be
decided before the database can be opened. The format is in docs/FORMATS.md ("Keyring").

Entries are found by a hash of the keyring id and the username, so the file does not list who has
an account; the GCM associated data binds each wrapped key to this keyring and that username, so
an entry copied into another keyring or under another name does not unwrap.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from argon2.exceptions import HashingError
from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.database.files import fsync_folder
from app.domain.errors import DatabaseError, LoginDelayed, UserInputError

FORMAT = "fpa-keyring"
VERSION = 1
SUFFIX = ".keys"
KEY_BYTES = 32
SQLITE_MAGIC = b"SQLite format 3\x00"

# Argon2id cost for a password (RFC 9106's second recommended option: 64 MiB, 3 passes, 4 lanes):
# about 0.1–0.3 s on an old laptop, once per sign-in. Stored in each entry so it can change later.
ARGON2_TIME = 3
ARGON2_MEMORY_KIB = 64 * 1024
ARGON2_LANES = 4
# What an entry may ask for when it is read back: a damaged or forged keyring must not make a sign-in
# hang or exhaust memory (up to 1 GiB and 10 passes leaves room for raising the cost later).
ARGON2_LIMITS = {"time_cost": (1, 10), "memory_cost": (8, 1024 * 1024), "parallelism": (1, 16)}

# The recovery key: 8 groups of 5 characters from 32 that cannot be misread (no 0 O 1 I),
# 200 random bits, so a fast key derivation (HKDF) is enough for it.
RECOVERY_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
RECOVERY_GROUPS = 8
RECOVERY_GROUP_LEN = 5

# Failed sign-ins: from the 3rd failure in a row, the next attempt waits 2^(n-3) seconds after the
# last one (1, 2 s); the 5th failure locks the account for 15 minutes, and every failure after
# that locks it again, until a correct password (or a reset) clears the count.
DELAY_AFTER = 3
LOCK_AFTER = 5
LOCK_FOR = timedelta(minutes=15)
PENDING_MAX = 50  # failed attempts remembered for the audit log, written at the next sign-in

WRONG_PASSWORD = "用户名或密码不正确。"
WRONG_RECOVERY_KEY = "恢复密钥不正确，请核对打印的恢复密钥（8 组，每组 5 个字符）。"
RECOVERY = "\x00recovery"  # the recovery entry's name: no username can contain a NUL


def keyring_path(db_path: Path | str) -> Path:
    path = Path(db_path)
    return path.with_name(path.name + SUFFIX)


def is_encrypted(path: Path | str) -> bool:
    """Whether ``path`` is an existing, non-empty file that is not a plain SQLite database.

    A plain SQLite file starts with "SQLite format 3"; a SQLCipher file starts with random bytes.
    """
    path = Path(path)
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except OSError:
        return False
    return len(head) > 0 and head != SQLITE_MAGIC


def has_keyring(db_path: Path | str) -> bool:
    return keyring_path(db_path).is_file()


def new_database_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def new_recovery_key() -> str:
    chars = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_GROUPS * RECOVERY_GROUP_LEN))
    groups = [chars[i : i + RECOVERY_GROUP_LEN] for i in range(0, len(chars), RECOVERY_GROUP_LEN)]
    return "-".join(groups)


def normalize_recovery_key(text: str) -> str:
    """The 40 characters of a recovery key as typed (any case, spaces or dashes between groups)."""
    compact = "".join(ch for ch in text.upper() if ch not in " -\t\r\n")
    if len(compact) != RECOVERY_GROUPS * RECOVERY_GROUP_LEN or any(
        ch not in RECOVERY_ALPHABET for ch in compact
    ):
        raise UserInputError(WRONG_RECOVERY_KEY)
    return compact


# ---------------------------------------------------------------------------------------------
# The file


@dataclass
class _Keyring:
    path: Path
    data: dict[str, Any]

    @property
    def id(self) -> str:
        return str(self.data["keyring_id"])

    def slot(self, username: str) -> str:
        if username == RECOVERY:
            return "recovery"
        return hashlib.sha256(f"{self.id}\x00{username}".encode()).hexdigest()

    def entry(self, username: str) -> dict[str, Any] | None:
        found = self.data["entries"].get(self.slot(username))
        return found if isinstance(found, dict) else None

    def aad(self, username: str) -> bytes:
        return f"{FORMAT}/{VERSION}\x00{self.id}\x00{username}".encode()

    def save(self) -> None:
        _write_atomic(self.path, json.dumps(self.data, ensure_ascii=False, indent=1).encode())


def _load(db_path: Path | str) -> _Keyring:
    path = keyring_path(db_path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DatabaseError(
            f"找不到数据库的密钥文件“{path.name}”。加密的数据库没有它无法打开：请把它与数据库文件放在"
            "同一文件夹（备份时两者一同复制）。"
        ) from None
    except OSError as exc:
        raise DatabaseError(f"无法读取密钥文件“{path.name}”：{exc.strerror}。") from None
    try:
        data = json.loads(raw)
        ok = (
            isinstance(data, dict)
            and data.get("format") == FORMAT
            and isinstance(data.get("entries"), dict)
            and isinstance(data.get("keyring_id"), str)
        )
    except ValueError:
        ok = False
    if not ok:
        raise DatabaseError(f"密钥文件“{path.name}”已损坏或不是本程序的密钥文件，数据库无法打开。")
    if data.get("version") != VERSION:
        raise DatabaseError(
            f"密钥文件“{path.name}”来自更新版本的程序（格式 {data.get('version')}），请先升级本程序。"
        )
    return _Keyring(path, data)


def _write_atomic(path: Path, content: bytes) -> None:
    """Write under a temporary name in the same folder, flush to disk, then rename over ``path``."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)  # the rename itself made durable


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text, validate=True)


# ---------------------------------------------------------------------------------------------
# Wrapping


def _password_kek(password: str, kdf: dict[str, Any]) -> bytes:
    cost = {}
    for name, (low, high) in ARGON2_LIMITS.items():
        value = kdf[name]
        if not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"argon2 {name} out of range")
        cost[name] = value
    return hash_secret_raw(
        secret=password.encode("utf-8"),
        salt=_unb64(kdf["salt"]),
        time_cost=cost["time_cost"],
        memory_cost=cost["memory_cost"],
        parallelism=cost["parallelism"],
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def _recovery_kek(recovery_key: str, kdf: dict[str, Any]) -> bytes:
    salt = _unb64(kdf["salt"])
    hkdf = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=b"fpa recovery key")
    return hkdf.derive(normalize_recovery_key(recovery_key).encode("ascii"))


def _new_kdf(name: str) -> dict[str, Any]:
    salt = _b64(secrets.token_bytes(16))
    if name == "argon2id":
        return {
            "name": "argon2id",
            "salt": salt,
            "time_cost": ARGON2_TIME,
            "memory_cost": ARGON2_MEMORY_KIB,
            "parallelism": ARGON2_LANES,
        }
    return {"name": "hkdf-sha256", "salt": salt}


def _kek(secret: str, kdf: dict[str, Any]) -> bytes:
    if kdf.get("name") == "argon2id":
        return _password_kek(secret, kdf)
    if kdf.get("name") == "hkdf-sha256":
        return _recovery_kek(secret, kdf)
    raise ValueError(f"unknown key derivation {kdf.get('name')!r}")


def _wrap(ring: _Keyring, username: str, secret: str, db_key: bytes) -> dict[str, Any]:
    if len(db_key) != KEY_BYTES:
        raise ValueError("a database key is 32 bytes")
    kdf = _new_kdf("hkdf-sha256" if username == RECOVERY else "argon2id")
    nonce = secrets.token_bytes(12)
    wrapped = AESGCM(_kek(secret, kdf)).encrypt(nonce, db_key, ring.aad(username))
    return {"kdf": kdf, "nonce": _b64(nonce), "wrapped": _b64(wrapped), "failures": 0, "pending": []}


def _try_unwrap(ring: _Keyring, username: str, secret: str, entry: dict[str, Any]) -> bytes | None:
    try:
        kek = _kek(secret, entry["kdf"])
        key = AESGCM(kek).decrypt(_unb64(entry["nonce"]), _unb64(entry["wrapped"]), ring.aad(username))
    except InvalidTag:
        return None
    except (KeyError, TypeError, ValueError, AttributeError, HashingError) as exc:
        raise DatabaseError(f"密钥文件“{ring.path.name}”中的条目已损坏，数据库无法用它打开。") from exc
    return key


def _dummy_kdf(password: str) -> None:
    """Spend what a real unwrap spends, so an unknown name answers no faster than a wrong password."""
    _password_kek(password, _new_kdf("argon2id"))


# ---------------------------------------------------------------------------------------------
# Failures, delay and lockout


def _now(now: datetime | None) -> datetime:
    return (now or datetime.now(UTC)).astimezone(UTC)


def _time(text: Any) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        return datetime.fromisoformat(text).astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def _failures(entry: dict[str, Any]) -> int:
    """The failure count; a damaged count (not a number) counts as none."""
    value = entry.get("failures")
    return value if isinstance(value, int) else 0


def _pending(entry: dict[str, Any]) -> list[Any]:
    value = entry.get("pending")
    return list(value) if isinstance(value, list) else []


def retry_at(entry: dict[str, Any]) -> tuple[datetime, bool] | None:
    """When the next attempt is allowed and whether that is a lockout, or None: allowed now."""
    failures = _failures(entry)
    last = _time(entry.get("last_failure"))
    if last is None:
        return None
    try:
        if failures >= LOCK_AFTER:
            return last + LOCK_FOR, True
        if failures >= DELAY_AFTER:
            return last + timedelta(seconds=2 ** (failures - DELAY_AFTER)), False
    except OverflowError:  # a last failure at the end of the calendar: a damaged entry
        return None
    return None


def check_allowed(entry: dict[str, Any], now: datetime) -> None:
    """Raise LoginDelayed while this entry's delay or lockout lasts."""
    wait = retry_at(entry)
    if wait is not None and now < wait[0]:
        raise LoginDelayed(wait[0], locked=wait[1])


def note_failure(entry: dict[str, Any], now: datetime) -> None:
    """Count one failed attempt in ``entry`` (a keyring entry, or a plain database's counter)."""
    entry["failures"] = _failures(entry) + 1
    entry["last_failure"] = now.isoformat(timespec="seconds")
    pending = [*_pending(entry), now.isoformat(timespec="seconds")]
    entry["pending"] = pending[-PENDING_MAX:]


def note_success(entry: dict[str, Any]) -> bool:
    """Clear the count after a correct password; whether anything changed."""
    if not entry.get("failures"):
        return False
    entry["failures"] = 0
    entry.pop("last_failure", None)
    return True


def _count_failure(ring: _Keyring, entry: dict[str, Any], now: datetime) -> None:
    note_failure(entry, now)
    ring.save()


def refusal(entry: dict[str, Any], message: str) -> UserInputError:
    """The error for a wrong secret: plain, or the lockout that this failure has just started."""
    wait = retry_at(entry)
    if wait is not None and wait[1]:
        return LoginDelayed(wait[0], locked=True)
    return UserInputError(message)


# ---------------------------------------------------------------------------------------------
# The functions the services use


def create(db_path: Path | str, db_key: bytes, username: str, password: str) -> str:
    """A new keyring for a new encrypted database, with its first user; returns the recovery key.

    Written before the database file gets its name, so a database never exists without its keyring.
    """
    path = keyring_path(db_path)
    ring = _Keyring(
        path,
        {
            "format": FORMAT,
            "version": VERSION,
            "keyring_id": secrets.token_hex(16),
            "cipher": "sqlcipher4-raw-key",
            "created_at": _now(None).isoformat(timespec="seconds"),
            "entries": {},
        },
    )
    recovery_key = new_recovery_key()
    ring.data["entries"][ring.slot(username)] = _wrap(ring, username, password, db_key)
    ring.data["entries"][ring.slot(RECOVERY)] = _wrap(ring, RECOVERY, recovery_key, db_key)
    path.parent.mkdir(parents=True, exist_ok=True)
    ring.save()
    return recovery_key


def add_user(db_path: Path | str, db_key: bytes, username: str, password: str) -> None:
    """Wrap the database key for a new user; refused if the user already has an entry."""
    ring = _load(db_path)
    if ring.entry(username) is not None:
        raise UserInputError(f"用户“{username}”已有登录密钥，未重复添加。")
    ring.data["entries"][ring.slot(username)] = _wrap(ring, username, password, db_key)
    ring.save()


def set_password(db_path: Path | str, db_key: bytes, username: str, password: str) -> None:
    """Wrap the database key under a new password (adding the entry if missing); clears the failures."""
    ring = _load(db_path)
    old = ring.entry(username) or {}
    entry = _wrap(ring, username, password, db_key)
    entry["pending"] = _pending(old)  # still to be written to the audit log
    ring.data["entries"][ring.slot(username)] = entry
    ring.save()


def remove_user(db_path: Path | str, username: str) -> None:
    """Drop a user's entry: that password no longer opens the database (a missing entry is fine)."""
    ring = _load(db_path)
    if ring.data["entries"].pop(ring.slot(username), None) is not None:
        ring.save()


def has_user(db_path: Path | str, username: str) -> bool:
    return _load(db_path).entry(username) is not None


def unwrap(db_path: Path | str, username: str, password: str, *, now: datetime | None = None) -> bytes:
    """The database key for this user and password.

    Refused with UserInputError "用户名或密码不正确" for a wrong pair (the failure is counted), and
    with LoginDelayed while a delay or lockout from earlier failures lasts (nothing is checked).
    """
    ring = _load(db_path)
    moment = _now(now)
    entry = ring.entry(username)
    if entry is None:
        _dummy_kdf(password)
        raise UserInputError(WRONG_PASSWORD)
    check_allowed(entry, moment)
    key = _try_unwrap(ring, username, password, entry)
    if key is None:
        _count_failure(ring, entry, moment)
        raise refusal(entry, WRONG_PASSWORD)
    if note_success(entry):
        ring.save()
    return key


def unwrap_recovery(db_path: Path | str, recovery_key: str, *, now: datetime | None = None) -> bytes:
    """The database key from the recovery key; wrong keys are counted and locked out like passwords."""
    ring = _load(db_path)
    moment = _now(now)
    entry = ring.entry(RECOVERY)
    if entry is None:
        raise UserInputError("此数据库没有恢复密钥条目，无法用恢复密钥找回。")
    check_allowed(entry, moment)
    try:
        normalize_recovery_key(recovery_key)
    except UserInputError:
        _count_failure(ring, entry, moment)
        raise refusal(entry, WRONG_RECOVERY_KEY) from None
    key = _try_unwrap(ring, RECOVERY, recovery_key, entry)
    if key is None:
        _count_failure(ring, entry, moment)
        raise refusal(entry, WRONG_RECOVERY_KEY)
    if note_success(entry):
        ring.save()
    return key


def new_recovery(db_path: Path | str, db_key: bytes) -> str:
    """Replace the recovery entry with one for a new recovery key (the old key stops working)."""
    ring = _load(db_path)
    recovery_key = new_recovery_key()
    ring.data["entries"][ring.slot(RECOVERY)] = _wrap(ring, RECOVERY, recovery_key, db_key)
    ring.save()
    return recovery_key


def pending_failures(db_path: Path | str, username: str) -> list[datetime]:
    """Failed attempts on this user (or RECOVERY) not yet written to the audit log."""
    entry = _load(db_path).entry(username) or {}
    return [t for t in (_time(x) for x in _pending(entry)) if t is not None]


def clear_pending_failures(db_path: Path | str, username: str) -> None:
    ring = _load(db_path)
    entry = ring.entry(username)
    if entry is not None and entry.get("pending"):
        entry["pending"] = []
        ring.save()


def lock_state(db_path: Path | str, username: str, *, now: datetime | None = None) -> LoginDelayed | None:
    """The delay or lockout in force for this user now, if any (for a screen to show before trying)."""
    entry = _load(db_path).entry(username)
    if entry is None:
        return None
    wait = retry_at(entry)
    if wait is None or _now(now) >= wait[0]:
        return None
    return LoginDelayed(wait[0], locked=wait[1])


def set_flag(db_path: Path | str, name: str, value: bool) -> None:
    """A plain mark readable before sign-in, e.g. ``demo``: the login screen then shows the demo account."""
    ring = _load(db_path)
    flags = dict(ring.data.get("flags") or {})
    flags[name] = value
    ring.data["flags"] = flags
    ring.save()


def flag(db_path: Path | str, name: str) -> bool:
    try:
        ring = _load(db_path)
    except DatabaseError:
        return False
    flags = ring.data.get("flags")
    return isinstance(flags, dict) and flags.get(name) is True


def copy_keyring(db_path: Path | str, dest_db_path: Path | str) -> Path:
    """Copy the keyring to sit beside ``dest_db_path`` (a backup): same entries, new file name."""
    ring = _load(db_path)
    dest = keyring_path(dest_db_path)
    _write_atomic(dest, json.dumps(ring.data, ensure_ascii=False, indent=1).encode())
    return dest
