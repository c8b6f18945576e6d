"""Verifying the chain: every entry's hash, the links, the seq numbers and the tail witnesses.

A report, never an exception: a damaged log is evidence, shown entry by entry in Chinese.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Text, select, type_coerce

from app.database.audit.chain import (
    GENESIS,
    META_ANCHOR,
    META_HEAD,
    ChainPoint,
    compute_hash,
    highest_issued,
    read_point,
)
from app.database.base import table_of
from app.database.models import AuditEntry, ChangeLogEntry
from app.database.session import Database

_READ_CHUNK = 2000


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
    anchor = read_point(conn, META_ANCHOR)
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
    head = read_point(conn, META_HEAD)
    if head is not None and head.seq < 0:
        problems.append(AuditProblem(expected, "anchor", "日志末尾标记（meta.audit_head）无法读取，已被改动"))
        head = None
    issued = max(head.seq if head else 0, highest_issued(conn))
    if issued >= expected:
        gap = f"第 {expected} 条" if issued == expected else f"第 {expected}–{issued} 条"
        problems.append(AuditProblem(expected, "missing", f"日志末尾的{gap}记录缺失（被删除）"))
    elif head is not None and head.seq == expected - 1 and head.hash != prev_hash:
        problems.append(AuditProblem(head.seq, "altered", "最后一条记录与日志末尾标记不符，内容被修改"))
    elif checked == 0 and anchor is None and _has_changes(conn):
        # An emptied log with its witnesses removed would otherwise read as a log never written to;
        # every change to the data is audited, so changes without any entry mean the log was cleared.
        message = "审计日志为空，但数据库中有数据修改记录：审计日志已被清空（连同末尾标记一起删除）"
        problems.append(AuditProblem(1, "missing", message))
    problems.sort(key=lambda p: p.seq)
    return AuditReport(checked, first, last, start.seq, tuple(problems))


def _has_changes(conn: Connection) -> bool:
    change_log = table_of(ChangeLogEntry)
    return conn.execute(select(change_log.c.seq).limit(1)).first() is not None


def _hash_matches(row: Any) -> bool:
    try:
        at = row.at if isinstance(row.at, datetime) else datetime.fromisoformat(str(row.at))
        detail = None if row.detail is None else json.loads(row.detail)
    except (ValueError, TypeError):
        return False
    computed = compute_hash(row.prev_hash, row.seq, at, row.username, row.action, row.target, detail)
    return computed == str(row.entry_hash)
