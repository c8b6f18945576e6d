"""The audit log as the user meets it: write an entry for an action, verify the chain, list, prune."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from app.database.audit import (
    MIN_RETENTION,
    AuditAction,
    AuditReport,
    AuditRow,
    PruneResult,
    prune,
    recent_entries,
    record,
    verify_chain,
)
from app.services.shared.workspace import Workspace

__all__ = [
    "MIN_RETENTION",
    "AuditAction",
    "AuditReport",
    "AuditRow",
    "audit",
    "list_entries",
    "prune_entries",
    "verify",
]


def audit(
    ws: Workspace,
    action: AuditAction | str,
    target: str | None = None,
    detail: Mapping[str, Any] | None = None,
) -> int:
    """Record an action of the workspace's user in a transaction of its own; returns the seq.

    For actions that write nothing else (a view, a login, an export to a file). An action that
    changes records should call ``app.database.audit.record`` inside its own transaction instead,
    so the entry and the change commit together.
    """
    with ws.db.engine.begin() as conn:
        return record(conn, ws.username, action, target, detail)


def verify(ws: Workspace) -> AuditReport:
    return verify_chain(ws.db)


def list_entries(ws: Workspace, limit: int = 50, *, before_seq: int | None = None) -> list[AuditRow]:
    return recent_entries(ws.db, limit, before_seq=before_seq)


def prune_entries(ws: Workspace, older_than_days: int) -> PruneResult:
    """Remove entries older than ``older_than_days`` days (at least 183); the removal is itself logged."""
    return prune(ws.db, timedelta(days=older_than_days), username=ws.username)
