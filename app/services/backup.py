"""Manual backup: a verified copy of the database in a chosen folder, keeping the last generations.

The copy is made with SQLite's online backup API, which copies a consistent snapshot while the
program keeps running (a plain file copy of a WAL database can miss committed pages). It is
written under a temporary name, checked with ``PRAGMA integrity_check`` and only then given its
real name, so a file named like a backup is always a whole, readable database.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from app.database.audit import AuditAction
from app.database.engine import sqlite_path
from app.domain.errors import Cancelled, FpaError, UserInputError
from app.services.audit import audit
from app.services.workspace import Workspace

KEEP = 10  # generations kept per database in a backup folder
PAGES_PER_STEP = 1024  # pages copied between progress reports (4 MB with 4 KB pages)
_STAMP = "%Y%m%d-%H%M%S"


def backup_name(stem: str, at: datetime, n: int = 1) -> str:
    suffix = "" if n == 1 else f"-{n}"
    return f"{stem}-备份-{at.strftime(_STAMP)}{suffix}.db"


def _generations(folder: Path, stem: str) -> list[Path]:
    """This database's earlier backups in ``folder``, oldest first (the name sorts by time)."""
    pattern = re.compile(re.escape(stem) + r"-备份-(\d{8}-\d{6})(?:-(\d+))?\.db")
    found = []
    for path in folder.iterdir():
        match = pattern.fullmatch(path.name)
        if match and path.is_file():
            found.append((match.group(1), int(match.group(2) or 1), path))
    return [path for _stamp, _n, path in sorted(found)]


def _verify(path: Path) -> None:
    with sqlite3.connect(path) as check:
        result = check.execute("PRAGMA integrity_check").fetchone()
    check.close()
    if result is None or result[0] != "ok":
        raise FpaError(
            f"备份文件“{path.name}”校验未通过（{result[0] if result else '无结果'}），已删除。"
            "原数据库未受影响；请换一个文件夹或 U 盘再试。"
        )


def backup_database(
    ws: Workspace,
    folder: Path,
    *,
    keep: int = KEEP,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Path:
    """Copy the open database into ``folder``, verify the copy, drop generations beyond ``keep``."""
    source = sqlite_path(ws.db.url)
    if source is None:
        raise UserInputError("服务器数据库（PostgreSQL）请由服务器管理员用 pg_dump 备份。")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserInputError(f"无法使用文件夹“{folder}”：{exc.strerror}。") from None
    now = datetime.now()
    n = 1
    while (folder / backup_name(source.stem, now, n)).exists():
        n += 1
    target = folder / backup_name(source.stem, now, n)
    partial = target.with_name(target.name + ".partial")

    def step(_status: int, remaining: int, total: int) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()
        if progress is not None:
            progress(total - remaining, total)

    raw = ws.db.engine.raw_connection()
    try:
        dest = sqlite3.connect(partial)
        try:
            src = raw.driver_connection
            assert isinstance(src, sqlite3.Connection)
            src.backup(dest, pages=PAGES_PER_STEP, progress=step)
        finally:
            dest.close()
        _verify(partial)
        partial.replace(target)
    except Cancelled:
        partial.unlink(missing_ok=True)
        raise
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise UserInputError(
            f"备份未完成：无法写入“{folder}”（{exc.strerror or exc}）。原数据库未受影响。"
        ) from None
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise FpaError(f"备份未完成：{exc}。原数据库未受影响。") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        raw.close()
    for old in _generations(folder, source.stem)[:-keep] if keep > 0 else []:
        old.unlink(missing_ok=True)
    audit(ws, AuditAction.BACKUP, target.name, {"folder": str(folder), "bytes": target.stat().st_size})
    return target


def latest_backup(folder: Path, stem: str) -> Path | None:
    """The newest backup of the database named ``stem`` in ``folder``, if any."""
    if not folder.is_dir():
        return None
    found = _generations(folder, stem)
    return found[-1] if found else None
