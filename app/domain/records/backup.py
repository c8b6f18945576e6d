"""Rows of the backup and restore screens: the backups found in a folder, what one holds, automatic runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class BackupFile:
    """One backup (or safety copy) found in a folder, newest first in a list."""

    path: Path
    database: str  # the stem of the database it was taken from ("fpa", "county")
    taken_at: datetime
    size_bytes: int
    kind: str  # 备份 / 合并前的副本 / 恢复前的副本
    encrypted: bool
    has_keyring: bool


@dataclass(frozen=True)
class BackupContents:
    """What a backup holds, read from a checked copy after it opened with the given password."""

    path: Path
    taken_at: datetime | None
    size_bytes: int
    encrypted: bool
    division_code: str
    division_name: str
    role_label: str
    device_id: str
    same_device: bool  # taken from this computer's database (same device id)
    schema_revision: str
    schema_is_current: bool  # False: an older backup, upgraded when it is restored
    created_at: datetime | None
    accounts: int
    counts: tuple[tuple[str, int], ...]  # (Chinese label, live records)


@dataclass(frozen=True)
class AutoBackupResult:
    """What an automatic backup did in each folder it was meant for."""

    written: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # (folder, Chinese reason)
