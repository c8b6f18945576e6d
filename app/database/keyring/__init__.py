"""The keyring beside an encrypted database: its random key, wrapped once per user and once for recovery.

An encrypted database (SQLCipher) is opened with a random 256-bit key that nobody types. The
sidecar file ``<database>.keys`` holds that key wrapped (AES-256-GCM) under a key derived from
each user's password (Argon2id), and once more under the administrator's recovery key (printed
once at set-up). It also holds each user's count of failed sign-ins, because the lockout must be
decided before the database can be opened. The format is in docs/FORMATS.md ("Keyring").

Entries are found by a hash of the keyring id and the username, so the file does not list who has
an account; the GCM associated data binds each wrapped key to this keyring and that username, so
an entry copied into another keyring or under another name does not unwrap.

The file is in ``sidecar``, the cryptography in ``wrapping``, the failure counts in ``lockout``, and
what the services call in ``operations``; the names below are the public ones. Settings a test
changes (the Argon2 cost, the lockout thresholds) are changed in the submodule that reads them.
"""

from __future__ import annotations

from app.database.keyring.lockout import (
    DELAY_AFTER,
    LOCK_AFTER,
    LOCK_FOR,
    PENDING_MAX,
    WRONG_PASSWORD,
    check_allowed,
    note_failure,
    note_success,
    refusal,
    retry_at,
)
from app.database.keyring.operations import (
    add_user,
    clear_pending_failures,
    copy_keyring,
    create,
    flag,
    has_user,
    lock_state,
    new_recovery,
    pending_failures,
    remove_user,
    set_flag,
    set_password,
    unwrap,
    unwrap_recovery,
)
from app.database.keyring.sidecar import (
    FORMAT,
    RECOVERY,
    SQLITE_MAGIC,
    SUFFIX,
    VERSION,
    has_keyring,
    is_encrypted,
    keyring_path,
)
from app.database.keyring.wrapping import (
    ARGON2_LANES,
    ARGON2_MEMORY_KIB,
    ARGON2_TIME,
    KEY_BYTES,
    RECOVERY_ALPHABET,
    WRONG_RECOVERY_KEY,
    new_database_key,
    new_recovery_key,
    normalize_recovery_key,
)

__all__ = [
    "ARGON2_LANES",
    "ARGON2_MEMORY_KIB",
    "ARGON2_TIME",
    "DELAY_AFTER",
    "FORMAT",
    "KEY_BYTES",
    "LOCK_AFTER",
    "LOCK_FOR",
    "PENDING_MAX",
    "RECOVERY",
    "RECOVERY_ALPHABET",
    "SQLITE_MAGIC",
    "SUFFIX",
    "VERSION",
    "WRONG_PASSWORD",
    "WRONG_RECOVERY_KEY",
    "add_user",
    "check_allowed",
    "clear_pending_failures",
    "copy_keyring",
    "create",
    "flag",
    "has_keyring",
    "has_user",
    "is_encrypted",
    "keyring_path",
    "lock_state",
    "new_database_key",
    "new_recovery",
    "new_recovery_key",
    "normalize_recovery_key",
    "note_failure",
    "note_success",
    "pending_failures",
    "refusal",
    "remove_user",
    "retry_at",
    "set_flag",
    "set_password",
    "unwrap",
    "unwrap_recovery",
]
