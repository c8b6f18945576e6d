"""The chain's format: the actions, the genesis, each entry's hash, the two witnesses kept in ``meta``."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, insert, select, text

from app.database.base import table_of
from app.database.models import Meta

GENESIS = hashlib.sha256(b"fpa-audit-genesis/1").hexdigest()
META_ANCHOR = "audit_anchor"
META_HEAD = "audit_head"


class AuditAction(StrEnum):
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    VIEW_PERSON = "view_person"
    UNMASK = "unmask"
    EXPORT = "export"
    EDIT = "edit"
    MERGE = "merge"
    SETUP_IMPORT = "setup_import"
    RECEIPT_IMPORT = "receipt_import"
    BACKUP = "backup"
    RESTORE = "restore"
    UNLOCK = "unlock"
    PRUNE = "prune"
    IMPORT = "import"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    AuditAction.LOGIN: "登录",
    AuditAction.LOGIN_FAILED: "登录失败",
    AuditAction.LOGOUT: "退出登录",
    AuditAction.VIEW_PERSON: "查看个人详情",
    AuditAction.UNMASK: "查看完整敏感信息",
    AuditAction.EXPORT: "导出",
    AuditAction.EDIT: "修改",
    AuditAction.MERGE: "合并同步文件",
    AuditAction.SETUP_IMPORT: "导入配置包",
    AuditAction.RECEIPT_IMPORT: "导入回执",
    AuditAction.BACKUP: "备份",
    AuditAction.RESTORE: "恢复",
    AuditAction.UNLOCK: "解锁",
    AuditAction.PRUNE: "清理审计日志",
    AuditAction.IMPORT: "导入表格",
}


def canonical_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


def compute_hash(
    prev_hash: str,
    seq: int,
    at: datetime,
    username: str | None,
    action: str,
    target: str | None,
    detail: Any,
) -> str:
    """The hash an entry must carry. ``seq`` is inside, so moving an entry breaks its hash."""
    body = canonical_json(
        {
            "seq": seq,
            "at": at.isoformat(timespec="microseconds"),
            "username": username,
            "action": action,
            "target": target,
            "detail": detail,
        }
    )
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainPoint:
    """A position in the chain: an entry's seq and hash (seq 0 and GENESIS before the first)."""

    seq: int
    hash: str


def read_point(conn: Connection, key: str) -> ChainPoint | None:
    """A witness stored in ``meta``; None when absent, seq -1 when it no longer parses."""
    meta = table_of(Meta)
    raw = conn.scalar(select(meta.c.value).where(meta.c.key == key))
    if raw is None:
        return None
    try:
        doc = json.loads(raw)
        seq, digest = doc["seq"], doc["hash"]
    except (ValueError, KeyError, TypeError):
        return ChainPoint(-1, "")  # unreadable: verification reports it, record() ignores it
    if not isinstance(seq, int) or not isinstance(digest, str):
        return ChainPoint(-1, "")
    return ChainPoint(seq, digest)


def write_point(conn: Connection, key: str, point: ChainPoint, **extra: str) -> None:
    """Store a witness (``META_HEAD`` or ``META_ANCHOR``) in ``meta``, with any extra fields."""
    meta = table_of(Meta)
    value = canonical_json({"seq": point.seq, "hash": point.hash, **extra})
    if conn.scalar(select(meta.c.key).where(meta.c.key == key)) is None:
        conn.execute(insert(meta).values(key=key, value=value))
    else:
        conn.execute(meta.update().where(meta.c.key == key).values(value=value))


def highest_issued(conn: Connection) -> int:
    """On SQLite, the highest seq AUTOINCREMENT ever handed out (survives deleting the tail)."""
    if conn.dialect.name != "sqlite":
        return 0
    value = conn.execute(text("SELECT seq FROM sqlite_sequence WHERE name = 'audit_entry'")).scalar()
    return int(value or 0)
