"""Wrapping the database key: Argon2id for a password, HKDF for the recovery key, AES-256-GCM around it.

The GCM associated data binds each wrapped key to its keyring and username, so an entry copied
into another keyring or under another name does not unwrap. The cost an entry asks for is checked
before use: a damaged or forged keyring must not make a sign-in hang or exhaust memory.
"""

from __future__ import annotations

import secrets
from typing import Any

from argon2.exceptions import HashingError
from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.database.keyring.checks import ARGON2_LIMITS
from app.database.keyring.sidecar import RECOVERY, Keyring, b64, unb64
from app.domain.errors import DatabaseError, UserInputError

KEY_BYTES = 32

# Argon2id cost for a password (RFC 9106's second recommended option: 64 MiB, 3 passes, 4 lanes):
# about 0.1–0.3 s on an old laptop, once per sign-in. Stored in each entry so it can change later.
ARGON2_TIME = 3
ARGON2_MEMORY_KIB = 64 * 1024
ARGON2_LANES = 4

# The recovery key: 8 groups of 5 characters from 32 that cannot be misread (no 0 O 1 I),
# 200 random bits, so a fast key derivation (HKDF) is enough for it.
RECOVERY_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
RECOVERY_GROUPS = 8
RECOVERY_GROUP_LEN = 5
WRONG_RECOVERY_KEY = "恢复密钥不正确，请核对打印的恢复密钥（8 组，每组 5 个字符）。"


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


def _password_kek(password: str, kdf: dict[str, Any]) -> bytes:
    cost = {}
    for name, (low, high) in ARGON2_LIMITS.items():
        value = kdf[name]
        if not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"argon2 {name} out of range")
        cost[name] = value
    return hash_secret_raw(
        secret=password.encode("utf-8"),
        salt=unb64(kdf["salt"]),
        time_cost=cost["time_cost"],
        memory_cost=cost["memory_cost"],
        parallelism=cost["parallelism"],
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def _recovery_kek(recovery_key: str, kdf: dict[str, Any]) -> bytes:
    salt = unb64(kdf["salt"])
    hkdf = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=b"fpa recovery key")
    return hkdf.derive(normalize_recovery_key(recovery_key).encode("ascii"))


def _new_kdf(name: str) -> dict[str, Any]:
    salt = b64(secrets.token_bytes(16))
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


def wrap(ring: Keyring, username: str, secret: str, db_key: bytes) -> dict[str, Any]:
    """A new entry: ``db_key`` wrapped under ``secret`` (a password, or the recovery key for RECOVERY)."""
    if len(db_key) != KEY_BYTES:
        raise ValueError("a database key is 32 bytes")
    kdf = _new_kdf("hkdf-sha256" if username == RECOVERY else "argon2id")
    nonce = secrets.token_bytes(12)
    wrapped = AESGCM(_kek(secret, kdf)).encrypt(nonce, db_key, ring.aad(username))
    return {"kdf": kdf, "nonce": b64(nonce), "wrapped": b64(wrapped), "failures": 0, "pending": []}


def try_unwrap(ring: Keyring, username: str, secret: str, entry: dict[str, Any]) -> bytes | None:
    """The database key, None for a wrong secret; DatabaseError for a damaged entry."""
    try:
        kek = _kek(secret, entry["kdf"])
        key = AESGCM(kek).decrypt(unb64(entry["nonce"]), unb64(entry["wrapped"]), ring.aad(username))
    except InvalidTag:
        return None
    except (KeyError, TypeError, ValueError, AttributeError, HashingError) as exc:
        raise DatabaseError(f"密钥文件“{ring.path.name}”中的条目已损坏，数据库无法用它打开。") from exc
    return key


def dummy_kdf(password: str) -> None:
    """Spend what a real unwrap spends, so an unknown name answers no faster than a wrong password."""
    _password_kek(password, _new_kdf("argon2id"))
