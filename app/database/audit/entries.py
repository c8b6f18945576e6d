"""Reading and pruning the log: the newest entries for the screen, old ones removed behind an anchor."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select

from app.database.audit.chain import META_ANCHOR, AuditAction, ChainPoint, write_point
from app.database.audit.verify import verify_connection
from app.database.audit.writing import record
from app.database.base import table_of
from app.database.models import AuditEntry
from app.database.session import Database, utcnow
from app.domain.errors import UserInputError

# PIPL practice and the issue ask for at least six months; 183 days covers any six calendar months.
MIN_RETENTION = timedelta(days=183)


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
        write_point(
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
