"""Writing the chain: one entry appended in the caller's transaction, chained onto what was written last."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, text
from sqlalchemy.orm import Session

from app.database.audit.chain import (
    GENESIS,
    META_ANCHOR,
    META_HEAD,
    AuditAction,
    ChainPoint,
    compute_hash,
    highest_issued,
    read_point,
    write_point,
)
from app.database.audit.masking import mask_text, sanitize_detail
from app.database.base import table_of
from app.database.models import AuditEntry
from app.database.session import utcnow

_USERNAME_MAX = 40
_TARGET_MAX = 80


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
        point = read_point(conn, key)
        if point is not None and point.seq >= 0 and (prev is None or point.seq > prev.seq):
            prev = point
    prev = prev or ChainPoint(0, GENESIS)
    seq = max(prev.seq, highest_issued(conn)) + 1
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
    write_point(conn, META_HEAD, ChainPoint(seq, digest))
    return seq
