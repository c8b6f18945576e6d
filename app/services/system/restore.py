"""Restore from the screen: the backups in a folder, what one holds, and the restore with the reopening.

``inspect_backup`` works on a copy in a temporary folder beside the database (an older backup is
upgraded there, never in place), so looking at a backup changes neither it nor the database.
``restore_database`` closes the open workspace, restores, and hands back the workspace to go on
with: the restored database signed in with the account that opened the backup, or, when the
restore was refused, the old database as it was.
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from app.database import keyring
from app.database.engine import sqlite_path
from app.database.models import UserAccount
from app.domain.enums import UserRole
from app.domain.errors import FpaError, UserInputError
from app.domain.records.backup import BackupContents, BackupFile
from app.services.shared.workspace import Workspace, open_workspace
from app.services.system.accounts import sign_in
from app.services.system.backup import backup_key, restore_backup
from app.services.system.check import check_database
from app.services.system.installation import installation_facts

log = logging.getLogger(__name__)

_BACKUP = re.compile(r"(?P<db>.+)-备份-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?(?:\.db|\.pgdump\.age)")
_SNAPSHOT = re.compile(  # app/database/snapshot.py and backup_before_upgrade name them so
    r"(?P<db>.+)\.before-(?P<label>[a-z0-9]+(?:-[a-z]+)*)-(?P<stamp>\d{8}-\d{6})(?:-\d+)?(?:\.db|\.pgdump\.age)"
)
KINDS = {"merge": "合并前的副本", "restore": "恢复前的副本"}  # else a revision: 升级前的副本
READ_ONLY = "当前账户为只读查看，不能恢复备份（恢复会替换整个数据库）。"
NOT_ADMIN = "只有当前数据库中在用的系统管理员或县级管理员账户可以恢复备份（恢复会替换整个数据库）。"
SIGN_IN_FIRST = "当前数据库已有账户：请先以系统管理员或县级管理员登录，再恢复备份。"
RESTORERS = frozenset({UserRole.SYSTEM_ADMIN, UserRole.COUNTY_ADMIN})
COUNT_LABELS = {
    "families": "特殊家庭",
    "family_members": "家庭成员",
    "visits": "走访记录",
    "persons": "人员",
    "associations": "计生协组织",
    "projects": "项目",
    "payments": "项目发放",
    "activities": "宣传活动",
    "trainings": "培训",
}


def _found(path: Path) -> BackupFile | None:
    backup = _BACKUP.fullmatch(path.name)
    snap = None if backup else _SNAPSHOT.fullmatch(path.name)
    match = backup or snap
    if match is None:
        return None
    try:
        taken = datetime.strptime(match.group("stamp"), "%Y%m%d-%H%M%S")
        size = path.stat().st_size
    except (ValueError, OSError):
        return None
    kind = "备份" if backup else KINDS.get(match.group("label"), "升级前的副本")
    return BackupFile(
        path=path,
        database=match.group("db"),
        taken_at=taken,
        size_bytes=size,
        kind=kind,
        encrypted=path.name.endswith(".age") or keyring.is_encrypted(path),  # a province's dump: age
        has_keyring=keyring.has_keyring(path),
    )


def list_backups(folder: Path) -> list[BackupFile]:
    """The backups and safety copies in ``folder``, newest first; an unreadable folder holds none."""
    try:
        paths = [p for p in folder.iterdir() if p.is_file()]
    except OSError:
        return []
    found = [f for f in (_found(p) for p in paths) if f is not None]
    return sorted(found, key=_order, reverse=True)


def _order(f: BackupFile) -> tuple[datetime, int, str]:
    """Time, then the number of a second backup in the same second (``-2``), then the name."""
    match = _BACKUP.fullmatch(f.path.name)
    return f.taken_at, int(match.group("n") or 1) if match else 0, f.path.name


def restore_refusal(ws: Workspace) -> str | None:
    """Why the user of ``ws`` may not replace its database, or None.

    Asked of the live database's own accounts, not of the backup's nor of the role remembered at
    sign-in: a deactivated account could otherwise restore an older backup in which it is active.
    A database without any account (a fresh plain file) has nobody to ask and may be restored.
    """
    with ws.db.read() as s:
        if ws.user is None:
            accounts = s.scalar(select(func.count()).select_from(UserAccount)) or 0
            return SIGN_IN_FIRST if accounts else None
        account = s.scalars(select(UserAccount).where(UserAccount.username == ws.user.username)).first()
    if account is not None and account.active and account.role in RESTORERS:
        return None
    if account is not None and account.active and account.role == UserRole.READ_ONLY:
        return READ_ONLY
    return NOT_ADMIN


def ensure_may_restore(ws: Workspace) -> None:
    reason = restore_refusal(ws)
    if reason is not None:
        raise UserInputError(reason)


def _restorable(ws: Workspace) -> Path:
    """The database file a restore would replace, or why this user may not restore it."""
    ensure_may_restore(ws)
    target = sqlite_path(ws.db.url)
    if target is None:
        raise UserInputError("服务器数据库（PostgreSQL）请由服务器管理员用 pg_restore 恢复。")
    return target


def inspect_backup(
    ws: Workspace, backup: Path, username: str | None = None, password: str | None = None
) -> BackupContents:
    """Open a copy of ``backup`` (with this account's password when it is encrypted) and say what it holds.

    Refuses, in Chinese, what ``restore_backup`` would refuse: a wrong password, a damaged file, a
    plain backup over an encrypted database, a missing keyring. Nothing is changed either way.
    """
    target = _restorable(ws)
    key = backup_key(backup, target, username, password)
    with tempfile.TemporaryDirectory(prefix=".fpa-inspect-", dir=target.parent) as tmp:
        copy = Path(tmp) / backup.name
        try:
            shutil.copy2(backup, copy)
            if key is not None:
                keyring.copy_keyring(backup, copy)
        except OSError as exc:
            raise UserInputError(f"无法读取备份“{backup.name}”：{exc.strerror or exc}。") from None
        try:
            opened = open_workspace(copy, key)
            try:
                facts = installation_facts(opened)
            finally:
                opened.close()
            report = check_database(copy, key)
        except FpaError as exc:
            log.warning("backup %s did not open: %s", backup.name, exc)
            raise UserInputError(
                f"备份“{backup.name}”无法打开：文件已损坏，或不是本程序的数据库。未恢复，当前数据库没有改动。"
            ) from None
    if report.integrity != "ok":
        raise UserInputError(
            f"备份“{backup.name}”校验未通过（{report.integrity[:80]}）。未恢复，当前数据库没有改动。"
        )
    listed = _found(backup)
    return BackupContents(
        path=backup,
        taken_at=listed.taken_at if listed else datetime.fromtimestamp(backup.stat().st_mtime),
        size_bytes=backup.stat().st_size,
        encrypted=key is not None,
        division_code=facts.division_code,
        division_name=facts.division_name,
        role_label=facts.role_label,
        device_id=facts.device_id,
        same_device=facts.device_id == ws.device_id,
        schema_revision=facts.schema_revision,
        schema_is_current=facts.schema_is_current,
        created_at=facts.created_at,
        accounts=facts.accounts,
        counts=tuple((label, report.counts.get(name, 0)) for name, label in COUNT_LABELS.items()),
    )


@dataclass
class RestoreOutcome:
    """After ``restore_database``: the workspace to go on with, and what happened (in Chinese)."""

    workspace: Workspace | None  # None: restored, but the account could not sign in to it (ask again)
    restored: bool
    message: str
    safety_copy: Path | None = None


def restore_database(
    ws: Workspace, backup: Path, username: str | None = None, password: str | None = None
) -> RestoreOutcome:
    """Close ``ws``, put ``backup`` in the place of its database, and open the result.

    Nothing else may be using ``ws`` (the screen closes its window first). A refusal (wrong
    password, damaged file, plain backup over an encrypted database) leaves the database as it was
    and opens it again for the same user; the outcome's message says why.
    """
    target = _restorable(ws)
    key, user = ws.db.key, ws.user
    ws.close()
    try:
        safety = restore_backup(backup, target, username=username, password=password, current_key=key)
    except FpaError as exc:
        again = open_workspace(target, key)
        again.user = user
        return RestoreOutcome(again, False, exc.message)
    message = f"已从备份“{backup.name}”恢复。"
    if safety is not None:
        message += f"恢复前的数据库已复制为“{safety.name}”（在 {safety.parent} 中）。"
    if not keyring.is_encrypted(target):
        return RestoreOutcome(open_workspace(target), True, message, safety)
    try:
        return RestoreOutcome(sign_in(target, username or "", password or ""), True, message, safety)
    except FpaError as exc:
        log.info("restored, sign-in with the backup's account refused: %s", exc)
        return RestoreOutcome(None, True, message, safety)
