"""The sidecar file ``<database>.keys``: its name, its JSON format, loading it, writing it whole.

Entries are found by a hash of the keyring id and the username, so the file does not list who has
an account. Whether a database is encrypted is told from its first bytes.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.database.files import fsync_folder
from app.database.keyring.checks import check_entry, parse
from app.domain.errors import DatabaseError

FORMAT = "fpa-keyring"
VERSION = 1
SUFFIX = ".keys"
SQLITE_MAGIC = b"SQLite format 3\x00"
RECOVERY = "\x00recovery"  # the recovery entry's name: no username can contain a NUL


def keyring_path(db_path: Path | str) -> Path:
    """The keyring file that belongs beside the database at ``db_path``."""
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


@dataclass
class Keyring:
    """A keyring read from its file: the parsed JSON and where it goes back."""

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
        """The user's entry as stored (whatever it holds), or None."""
        found = self.data["entries"].get(self.slot(username))
        return found if isinstance(found, dict) else None

    def usable_entry(self, username: str) -> dict[str, Any] | None:
        """The user's entry, checked before it is used to unwrap (DatabaseError if damaged), or None."""
        found = self.data["entries"].get(self.slot(username))
        if found is None:
            return None
        return check_entry(found, self.path.name, recovery=username == RECOVERY)

    def aad(self, username: str) -> bytes:
        return f"{FORMAT}/{VERSION}\x00{self.id}\x00{username}".encode()

    def save(self) -> None:
        write_atomic(self.path, json.dumps(self.data, ensure_ascii=False, indent=1).encode())


def load(db_path: Path | str) -> Keyring:
    """The keyring beside ``db_path``; DatabaseError with a Chinese message if missing, damaged or newer
    (checks.py says what a readable file is)."""
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
    data = parse(raw, path.name, FORMAT, VERSION)
    return Keyring(path, data)


def write_atomic(path: Path, content: bytes) -> None:
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


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text, validate=True)
