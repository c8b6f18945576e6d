"""Manual backup: a verified copy of the database in a chosen folder, keeping the last generations.

The copy is made with SQLite's online backup API, which copies a consistent snapshot while the
program keeps running (a plain file copy of a WAL database can miss committed pages). It is
written under a temporary name, checked with ``PRAGMA integrity_check`` and only then given its
real name, so a file named like a backup is always a whole, readable database.

A province on PostgreSQL is backed up with pg_dump instead (``backup_server``).

A backup of an encrypted database is encrypted with the same key, and the keyring travels beside
it (``<backup>.db.keys``): without it the copy could not be opened by anyone. A restore opens the
backup with a user's password first and replaces nothing until that works.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from app.database import keyring
from app.database.audit import AuditAction, record
from app.database.engine import DRIVER_ERRORS, connect_file, sqlite_path
from app.database.files import partial_name, publish
from app.database.migrate import open_database
from app.database.snapshot import snapshot
from app.domain.errors import Cancelled, FpaError, UserInputError
from app.services.shared.audit import audit
from app.services.shared.workspace import Workspace
from app.services.system.backup_server import backup_server

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


def _verify(path: Path, key: bytes | None = None) -> None:
    check = connect_file(path, key)
    try:
        result = check.execute("PRAGMA integrity_check").fetchone()
    finally:
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
    if source is None:  # a province on PostgreSQL: pg_dump, age, a test restore
        return backup_server(ws, folder, keep=keep, progress=progress, cancelled=cancelled)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserInputError(f"无法使用文件夹“{folder}”：{exc.strerror}。") from None
    now = datetime.now()
    n = 1
    while (folder / backup_name(source.stem, now, n)).exists():
        n += 1
    target = folder / backup_name(source.stem, now, n)
    partial = partial_name(target)

    def step(_status: int, remaining: int, total: int) -> None:
        if cancelled is not None and cancelled():
            raise Cancelled()
        if progress is not None:
            progress(total - remaining, total)

    raw = ws.db.engine.raw_connection()
    try:
        dest = connect_file(partial, ws.db.key)
        try:
            src = raw.driver_connection
            assert src is not None
            src.backup(dest, pages=PAGES_PER_STEP, progress=step)
        finally:
            dest.close()
        _verify(partial, ws.db.key)
        if ws.db.key is not None:
            keyring.copy_keyring(source, target)  # before the backup gets its name: never one without
        publish(partial, target)
    except Cancelled:
        _discard(partial, target)
        raise
    except OSError as exc:
        _discard(partial, target)
        raise UserInputError(
            f"备份未完成：无法写入“{folder}”（{exc.strerror or exc}）。原数据库未受影响。"
        ) from None
    except DRIVER_ERRORS as exc:
        _discard(partial, target)
        raise FpaError(f"备份未完成：{exc}。原数据库未受影响。") from None
    except BaseException:
        _discard(partial, target)
        raise
    finally:
        raw.close()
    for old in _generations(folder, source.stem)[:-keep] if keep > 0 else []:
        old.unlink(missing_ok=True)
        keyring.keyring_path(old).unlink(missing_ok=True)
    audit(ws, AuditAction.BACKUP, target.name, {"folder": str(folder), "bytes": target.stat().st_size})
    return target


def _discard(partial: Path, target: Path) -> None:
    partial.unlink(missing_ok=True)
    if not target.exists():
        keyring.keyring_path(target).unlink(missing_ok=True)


def latest_backup(folder: Path, stem: str) -> Path | None:
    """The newest backup of the database named ``stem`` in ``folder``, if any."""
    if not folder.is_dir():
        return None
    found = _generations(folder, stem)
    return found[-1] if found else None


def restore_backup(
    backup: Path,
    target: Path,
    *,
    username: str | None = None,
    password: str | None = None,
    current_key: bytes | None = None,
) -> Path | None:
    """Put ``backup`` in the place of the database at ``target``; returns the safety copy, if any.

    Nothing is replaced until a copy of the backup has opened and passed the integrity check: an
    encrypted backup only with ``username`` and ``password`` of an account in the keyring beside
    it. The database being replaced is first copied to ``backups/`` beside it (encrypted as it
    was: with ``current_key``, its own key, when the caller has it open — then a backup of another
    installation, with another key, can replace it; without, only one with the backup's key).
    The restore is written to the restored database's audit log. The target must not be open.
    """
    key = backup_key(backup, target, username, password)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.restoring")
    try:
        shutil.copy2(backup, partial)
        if key is not None:
            keyring.copy_keyring(backup, partial)
        try:  # an older backup is upgraded here, on the copy
            db = open_database(partial, key, backup_dir=target.parent / "backups")
            db.dispose()
            _verify(partial, key)
        except FpaError as exc:
            raise UserInputError(f"备份“{backup.name}”无法打开，未恢复：{exc}") from None
        safety = None
        if target.exists():
            try:
                own = (current_key or key) if keyring.is_encrypted(target) else None
                safety = snapshot(target, "before-restore", key=own)
            except DRIVER_ERRORS as exc:
                raise UserInputError(
                    f"当前数据库无法先行备份（{exc}）：备份与它不是同一个加密数据库，未恢复。"
                    "请把备份恢复到另一个文件名。"
                ) from None
        if key is not None and _current_key(target, username, password) != key:
            # the current keyring (which may hold newer passwords) stays only if it opens the backup
            os.replace(keyring.keyring_path(partial), keyring.keyring_path(target))
        for stale in (target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
            stale.unlink(missing_ok=True)
        publish(partial, target)
    finally:
        for leftover in (partial, keyring.keyring_path(partial), partial.with_name(partial.name + "-wal")):
            leftover.unlink(missing_ok=True)
    restored = open_database(target, key)
    try:
        with restored.engine.begin() as conn:
            detail = {"safety_copy": safety.name if safety else None}
            record(conn, username, AuditAction.RESTORE, backup.name, detail)
    finally:
        restored.dispose()
    return safety


def backup_key(backup: Path, target: Path, username: str | None, password: str | None) -> bytes | None:
    """The key that opens ``backup`` (None for a plain one), or the reason it may not replace ``target``."""
    if not backup.is_file():
        raise UserInputError(f"找不到备份文件“{backup}”。")
    key = None
    if keyring.is_encrypted(backup):
        if not keyring.has_keyring(backup):
            raise UserInputError(
                f"备份“{backup.name}”已加密，但旁边没有它的密钥文件“{keyring.keyring_path(backup).name}”，"
                "无法恢复。请把密钥文件与备份放在同一文件夹。"
            )
        if not username or password is None:
            raise UserInputError("备份已加密：请输入有权打开它的用户名和密码。")
        key = keyring.unwrap(backup, username, password)
    if keyring.is_encrypted(target) and key is None:
        raise UserInputError("当前数据库已加密，而备份未加密：未恢复，以免把加密的数据换成明文。")
    return key


def _current_key(target: Path, username: str | None, password: str | None) -> bytes | None:
    if not username or password is None or not keyring.has_keyring(target):
        return None
    try:
        return keyring.unwrap(target, username, password)
    except FpaError:
        return None
