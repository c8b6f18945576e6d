"""The audit log: append-only, every entry chained to the one before it by a SHA-256 hash.

``entry_hash = sha256(prev_hash + canonical JSON of (seq, at, username, action, target, detail))``;
the first entry chains to ``GENESIS``. Two witnesses outside the table make a cut-off tail visible:
``meta.audit_head`` (seq and hash of the last entry written, updated in the same transaction) and,
on SQLite, ``sqlite_sequence`` (the highest seq ever issued). Pruning old entries stores the last
removed entry's seq and hash as ``meta.audit_anchor``, where verification then starts.

A chain only proves that nobody changed the log *without recomputing every later hash*; someone
with the file and this source code can rewrite the tail. It turns quiet edits with a database tool
into visible ones, which is what the log is for on a shared laptop.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, Text, delete, insert, select, text, type_coerce
from sqlalchemy.orm import Session

from app.database.base import table_of
from app.database.models import AuditEntry, Meta
from app.database.session import Database, utcnow
from app.domain.errors import UserInputError

GENESIS = hashlib.sha256(b"fpa-audit-genesis/1").hexdigest()
META_ANCHOR = "audit_anchor"
META_HEAD = "audit_head"
# PIPL practice and the issue ask for at least six months; 183 days covers any six calendar months.
MIN_RETENTION = timedelta(days=183)
_USERNAME_MAX = 40
_TARGET_MAX = 80
_READ_CHUNK = 2000


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


# ---------------------------------------------------------------------------------------------
# Masking: callers should never pass ID or bank numbers, but a log that must be kept for months
# is the worst place for one to slip through, so every string is checked again here.

# 15 or more digits in a row (old 15-digit and 18-digit ID numbers, 16–19 digit bank cards); the
# 18th character of an ID number may be X. 12-digit division codes and 14-digit times stay readable.
_LONG_NUMBER = re.compile(r"(?<!\d)\d{15,}[Xx]?(?![0-9A-Za-z])|(?<!\d)\d{17}[Xx](?![0-9A-Za-z])")
# Bank cards as people write them: groups of four digits separated by spaces or hyphens.
_GROUPED_NUMBER = re.compile(r"(?<!\d)\d{4}(?:[ \-]\d{4}){3,}(?:[ \-]\d{1,4})?(?!\d)")
# Values under these keys are masked whatever they look like (a short account, a typo'd ID).
_SENSITIVE_KEY = re.compile(r"id_?number|id_?no|id_?card|bank|account|card_?no|身份证|证件号|银行|卡号|账号")


def mask_number(value: str) -> str:
    """Keep the first three and last four characters of a number, star the rest."""
    compact = re.sub(r"[ \-]", "", value)
    if len(compact) <= 7:
        return "*" * len(compact)
    return compact[:3] + "*" * (len(compact) - 7) + compact[-4:]


def mask_text(value: str) -> str:
    """``value`` with every ID-like or bank-like number in it masked."""
    value = _GROUPED_NUMBER.sub(lambda m: mask_number(m.group(0)), value)
    return _LONG_NUMBER.sub(lambda m: mask_number(m.group(0)), value)


def sanitize_detail(detail: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A JSON-safe, masked copy of ``detail``: exactly what is stored and what is hashed.

    Going through JSON first makes the hashed value equal to the value read back later
    (tuples become lists, integer keys become strings, dates become text).
    """
    if detail is None:
        return None
    plain = json.loads(json.dumps(dict(detail), ensure_ascii=False, default=str))
    masked = _mask_value(plain, sensitive=False)
    assert isinstance(masked, dict)
    return masked


def _mask_value(value: Any, *, sensitive: bool) -> Any:
    if isinstance(value, dict):
        return {
            mask_text(str(k)): _mask_value(v, sensitive=sensitive or bool(_SENSITIVE_KEY.search(str(k))))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_mask_value(v, sensitive=sensitive) for v in value]
    if sensitive and isinstance(value, str | int) and not isinstance(value, bool):
        return mask_number(str(value))
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**14:
        return mask_text(str(value))  # a number long enough to be a bank card, stored as text
    return value


# ---------------------------------------------------------------------------------------------
# Hashing


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


def _read_point(conn: Connection, key: str) -> ChainPoint | None:
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


def _write_point(conn: Connection, key: str, point: ChainPoint, **extra: str) -> None:
    meta = table_of(Meta)
    value = canonical_json({"seq": point.seq, "hash": point.hash, **extra})
    if conn.scalar(select(meta.c.key).where(meta.c.key == key)) is None:
        conn.execute(insert(meta).values(key=key, value=value))
    else:
        conn.execute(meta.update().where(meta.c.key == key).values(value=value))


def _highest_issued(conn: Connection) -> int:
    """On SQLite, the highest seq AUTOINCREMENT ever handed out (survives deleting the tail)."""
    if conn.dialect.name != "sqlite":
        return 0
    value = conn.execute(text("SELECT seq FROM sqlite_sequence WHERE name = 'audit_entry'")).scalar()
    return int(value or 0)


# ---------------------------------------------------------------------------------------------
# Writing


def record(
    conn_or_session: Connection | Session,
    username: str | None,
    action: AuditAction | str,
    target: str | None = None,
    detail: Mapping[str, Any] | None = None,
    *,
    at: datetime | None = None,
) -> int:
    """Append one entry in the caller's transaction (so it commits or rolls back with the action).

    Returns the entry's seq. An unknown ``action`` is a programming error (ValueError).
    """
    action = AuditAction(action)
    conn = conn_or_session.connection() if isinstance(conn_or_session, Session) else conn_or_session
    if conn.dialect.name == "postgresql":
        # Two writers must not both read the same "last entry"; SQLite's BEGIN IMMEDIATE already
        # serialises writers, PostgreSQL needs the table lock (held until the transaction ends).
        conn.execute(text("LOCK TABLE audit_entry IN EXCLUSIVE MODE"))
    table = table_of(AuditEntry)
    last = conn.execute(select(table.c.seq, table.c.entry_hash).order_by(table.c.seq.desc()).limit(1)).first()
    prev = ChainPoint(last.seq, last.entry_hash) if last is not None else None
    # If the tail was cut off, chain onto what was really written last, so the cut stays visible
    # instead of being papered over by the next entry.
    for key in (META_HEAD, META_ANCHOR):
        point = _read_point(conn, key)
        if point is not None and point.seq >= 0 and (prev is None or point.seq > prev.seq):
            prev = point
    prev = prev or ChainPoint(0, GENESIS)
    seq = max(prev.seq, _highest_issued(conn)) + 1
    when = (at or utcnow()).replace(tzinfo=None)
    user = mask_text(username)[:_USERNAME_MAX] if username is not None else None
    what = mask_text(target)[:_TARGET_MAX] if target is not None else None
    clean = sanitize_detail(detail)
    digest = compute_hash(prev.hash, seq, when, user, action.value, what, clean)
    conn.execute(
        insert(table).values(
            seq=seq,
            at=when,
            username=user,
            action=action.value,
            target=what,
            detail=clean,
            prev_hash=prev.hash,
            entry_hash=digest,
        )
    )
    _write_point(conn, META_HEAD, ChainPoint(seq, digest))
    return seq


# ---------------------------------------------------------------------------------------------
# Verifying


@dataclass(frozen=True)
class AuditProblem:
    seq: int
    kind: str  # altered / missing / reordered / link / anchor
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "kind": self.kind, "message": self.message}


@dataclass(frozen=True)
class AuditReport:
    checked: int
    first_seq: int | None
    last_seq: int | None
    anchor_seq: int
    problems: tuple[AuditProblem, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first_bad_seq(self) -> int | None:
        return min((p.seq for p in self.problems), default=None)

    def summary(self) -> str:
        """One Chinese paragraph for the screen and the command line."""
        span = f"第 {self.first_seq}–{self.last_seq} 条" if self.first_seq is not None else "无记录"
        start = f"（从清理锚点第 {self.anchor_seq} 条之后开始）" if self.anchor_seq else ""
        if self.ok:
            return f"审计日志完整：共校验 {self.checked} 条记录（{span}）{start}，未发现修改、删除或调换。"
        lines = [
            f"审计日志校验未通过：共 {self.checked} 条记录（{span}）{start}，"
            f"发现 {len(self.problems)} 处问题，最早出问题的是第 {self.first_bad_seq} 条。"
        ]
        lines += [f"  第 {p.seq} 条：{p.message}" for p in self.problems]
        lines.append("请保留此数据库文件原样，并报告县级管理员。")
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "checked": self.checked,
            "first_seq": self.first_seq,
            "last_seq": self.last_seq,
            "anchor_seq": self.anchor_seq,
            "first_bad_seq": self.first_bad_seq,
            "problems": [p.as_dict() for p in self.problems],
        }


def verify_chain(db: Database) -> AuditReport:
    """Check every entry's hash, the links between them, the seq numbers and the tail witnesses."""
    with db.reader.connect() as conn:
        try:
            return verify_connection(conn)
        finally:
            conn.rollback()


def _entries(conn: Connection) -> Iterator[Any]:
    # Read in pages by seq: a county's log of a year can reach hundreds of thousands of entries.
    # ``at`` and ``detail`` come back as stored text: a tampered value that no longer parses is
    # reported as an altered entry instead of stopping the check.
    table = table_of(AuditEntry)
    columns = [
        table.c.seq,
        type_coerce(table.c.at, Text).label("at"),
        table.c.username,
        table.c.action,
        table.c.target,
        type_coerce(table.c.detail, Text).label("detail"),
        table.c.prev_hash,
        table.c.entry_hash,
    ]
    after: int | None = None
    while True:
        query = select(*columns).order_by(table.c.seq).limit(_READ_CHUNK)
        if after is not None:
            query = query.where(table.c.seq > after)
        rows = conn.execute(query).all()
        if not rows:
            return
        yield from rows
        after = rows[-1].seq


def verify_connection(conn: Connection) -> AuditReport:
    problems: list[AuditProblem] = []
    anchor = _read_point(conn, META_ANCHOR)
    if anchor is not None and anchor.seq < 0:
        problems.append(AuditProblem(0, "anchor", "清理锚点（meta.audit_anchor）无法读取，已被改动"))
        anchor = None
    start = anchor or ChainPoint(0, GENESIS)
    expected, prev_hash = start.seq + 1, start.hash
    seen: dict[str, int] = {start.hash: start.seq}
    checked = 0
    first: int | None = None
    last: int | None = None
    for row in _entries(conn):
        checked += 1
        first = row.seq if first is None else first
        last = row.seq
        if row.seq < expected:
            problems.append(AuditProblem(row.seq, "anchor", "记录编号不晚于清理锚点，锚点或记录被改动"))
        elif row.seq > expected:
            gap = f"第 {expected} 条" if row.seq == expected + 1 else f"第 {expected}–{row.seq - 1} 条"
            problems.append(AuditProblem(expected, "missing", f"{gap}记录缺失（被删除）"))
        elif row.prev_hash != prev_hash:
            if row.prev_hash in seen:
                came = seen[row.prev_hash]
                message = f"所接的上一条是第 {came} 条而不是第 {row.seq - 1} 条，记录顺序被调换"
                problems.append(AuditProblem(row.seq, "reordered", message))
            else:
                problems.append(AuditProblem(row.seq, "link", "与上一条记录的链接断开（前一条哈希不符）"))
        if not _hash_matches(row):
            problems.append(AuditProblem(row.seq, "altered", "内容被修改（哈希不符）"))
        # Continue from the stored hash: one edited entry is reported once, not on every later one.
        prev_hash, expected = row.entry_hash, row.seq + 1
        seen[row.entry_hash] = row.seq
    head = _read_point(conn, META_HEAD)
    if head is not None and head.seq < 0:
        problems.append(AuditProblem(expected, "anchor", "日志末尾标记（meta.audit_head）无法读取，已被改动"))
        head = None
    issued = max(head.seq if head else 0, _highest_issued(conn))
    if issued >= expected:
        gap = f"第 {expected} 条" if issued == expected else f"第 {expected}–{issued} 条"
        problems.append(AuditProblem(expected, "missing", f"日志末尾的{gap}记录缺失（被删除）"))
    elif head is not None and head.seq == expected - 1 and head.hash != prev_hash:
        problems.append(AuditProblem(head.seq, "altered", "最后一条记录与日志末尾标记不符，内容被修改"))
    problems.sort(key=lambda p: p.seq)
    return AuditReport(checked, first, last, start.seq, tuple(problems))


def _hash_matches(row: Any) -> bool:
    try:
        at = row.at if isinstance(row.at, datetime) else datetime.fromisoformat(str(row.at))
        detail = None if row.detail is None else json.loads(row.detail)
    except (ValueError, TypeError):
        return False
    computed = compute_hash(row.prev_hash, row.seq, at, row.username, row.action, row.target, detail)
    return computed == str(row.entry_hash)


# ---------------------------------------------------------------------------------------------
# Pruning and reading


@dataclass(frozen=True)
class PruneResult:
    removed: int
    anchor_seq: int
    cutoff: datetime


def prune(
    db: Database,
    older_than: datetime | timedelta,
    *,
    username: str | None = None,
    now: datetime | None = None,
) -> PruneResult:
    """Remove entries older than ``older_than`` (a cutoff time or an age), keeping six months.

    Only an unbroken run from the start of the log is removed, and only from a chain that verifies:
    a damaged log is evidence and stays whole. The last removed entry becomes the anchor.
    """
    now = now or utcnow()
    cutoff = now - older_than if isinstance(older_than, timedelta) else older_than.replace(tzinfo=None)
    if cutoff > now - MIN_RETENTION:
        raise UserInputError(
            f"审计日志至少保留六个月（{MIN_RETENTION.days} 天）：不能清理 {cutoff:%Y-%m-%d} 之后的记录。"
            "未删除任何记录。"
        )
    table = table_of(AuditEntry)
    with db.engine.begin() as conn:
        report = verify_connection(conn)
        if not report.ok:
            raise UserInputError(
                f"审计日志校验未通过（第 {report.first_bad_seq} 条有问题），为保留证据不做清理。"
                "未删除任何记录；请运行 fpa audit verify 查看详情。"
            )
        boundary = conn.scalar(select(table.c.seq).where(table.c.at >= cutoff).order_by(table.c.seq).limit(1))
        query = select(table.c.seq, table.c.entry_hash, table.c.at).order_by(table.c.seq.desc()).limit(1)
        if boundary is not None:
            query = query.where(table.c.seq < boundary)
        last = conn.execute(query).first()
        if last is None:
            return PruneResult(0, report.anchor_seq, cutoff)
        removed = conn.execute(delete(table).where(table.c.seq <= last.seq)).rowcount
        _write_point(
            conn,
            META_ANCHOR,
            ChainPoint(last.seq, last.entry_hash),
            at=last.at.isoformat(timespec="microseconds"),
            pruned_at=now.isoformat(timespec="seconds"),
        )
        record(
            conn,
            username,
            AuditAction.PRUNE,
            None,
            {"removed": removed, "anchor_seq": last.seq, "cutoff": cutoff.isoformat(timespec="seconds")},
            at=now,
        )
    return PruneResult(removed, last.seq, cutoff)


@dataclass(frozen=True)
class AuditRow:
    """One entry as the screen and the command line show it."""

    seq: int
    at: datetime
    username: str | None
    action: str
    action_label: str
    target: str | None
    detail: dict[str, Any] | None


def recent_entries(db: Database, limit: int = 50, *, before_seq: int | None = None) -> list[AuditRow]:
    """The newest ``limit`` entries (older than ``before_seq`` when given), newest first."""
    table = table_of(AuditEntry)
    query = select(table).order_by(table.c.seq.desc()).limit(max(limit, 0))
    if before_seq is not None:
        query = query.where(table.c.seq < before_seq)
    with db.reader.connect() as conn:
        rows = conn.execute(query).all()
        conn.rollback()
    out = []
    for r in rows:
        try:
            label = AuditAction(r.action).label
        except ValueError:
            label = r.action  # written by a newer program: show it as stored
        out.append(AuditRow(r.seq, r.at, r.username, r.action, label, r.target, r.detail))
    return out
