"""Automatic backups: at most one a day (by default) in the backups folder, and on a chosen USB stick.

Whether one is due is read from the newest backup's name in each folder (its time is part of the
name), so a manual backup today counts too and nothing else has to remember when the last was.
A chosen folder that is not there (the stick is not plugged in) is skipped and said so; the
program's own backups folder is created when first needed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from app.database.engine import sqlite_path
from app.domain.errors import Cancelled, FpaError
from app.domain.records.backup import AutoBackupResult
from app.services.shared.workspace import Workspace
from app.services.system.backup import KEEP, backup_database
from app.services.system.backup_server import database_name
from app.services.system.restore import list_backups

EVERY = timedelta(days=1)
NOT_PLUGGED_IN = "文件夹不存在（U 盘未插入？），这次没有备份到这里。"


def last_backup_time(folder: Path, stem: str) -> datetime | None:
    """When the newest backup of the database named ``stem`` in ``folder`` was taken, if there is one."""
    times = [f.taken_at for f in list_backups(folder) if f.database == stem and f.kind == "备份"]
    return max(times) if times else None


def backup_due(folder: Path, stem: str, now: datetime | None = None, every: timedelta = EVERY) -> bool:
    """True when ``folder`` has no backup of ``stem`` taken within ``every`` before ``now``.

    A backup stamped in the future (a clock that was wrong) does not hold the next one back.
    """
    now = now or datetime.now()
    last = last_backup_time(folder, stem)
    return last is None or now - last >= every or last - now > every


def due_folders(
    ws: Workspace,
    home: Path,
    extra: Path | None = None,
    *,
    now: datetime | None = None,
    every: timedelta = EVERY,
) -> list[Path]:
    """The folders an automatic backup should write to now: ``home`` and ``extra`` when each is due.

    ``extra`` only when it exists (a stick that is not plugged in is not due; ``auto_backup`` says
    it was skipped). A province on PostgreSQL is due the same way (its backups are named after it).
    """
    source = sqlite_path(ws.db.url)
    stem = database_name(ws) if source is None else source.stem  # a province on PostgreSQL: its name
    folders = [home] + ([extra] if extra is not None and extra != home else [])
    return [f for f in folders if (f == home or f.is_dir()) and backup_due(f, stem, now, every)]


def auto_backup(
    ws: Workspace,
    home: Path,
    extra: Path | None = None,
    *,
    keep: int = KEEP,
    now: datetime | None = None,
    every: timedelta = EVERY,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> AutoBackupResult:
    """Write a verified backup into each due folder, keeping ``keep`` generations in each.

    A folder that fails (full, read-only, not plugged in) is reported in ``skipped`` and the others
    still get theirs; a cancel stops at once, leaving no partial file (``backup_database``).
    """
    result = AutoBackupResult()
    if extra is not None and extra != home and not extra.is_dir():
        result.skipped.append((extra, NOT_PLUGGED_IN))
    due = due_folders(ws, home, extra, now=now, every=every)
    for index, folder in enumerate(due):

        def step(done: int, total: int, index: int = index) -> None:
            if progress is not None:
                progress(index * total + done, len(due) * total)

        try:
            result.written.append(backup_database(ws, folder, keep=keep, progress=step, cancelled=cancelled))
        except Cancelled:
            raise
        except FpaError as exc:
            result.skipped.append((folder, exc.message))
    return result
