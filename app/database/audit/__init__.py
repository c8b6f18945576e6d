"""The audit log: append-only, every entry chained to the one before it by a SHA-256 hash.

``entry_hash = sha256(prev_hash + canonical JSON of (seq, at, username, action, target, detail))``;
the first entry chains to ``GENESIS``. Two witnesses outside the table make a cut-off tail visible:
``meta.audit_head`` (seq and hash of the last entry written, updated in the same transaction) and,
on SQLite, ``sqlite_sequence`` (the highest seq ever issued). Pruning old entries stores the last
removed entry's seq and hash as ``meta.audit_anchor``, where verification then starts. A log that
is empty (no entry, no witness, no anchor) while the change log holds changes does not verify: it
was cleared together with its witnesses.

A chain only proves that nobody changed the log *without recomputing every later hash*; someone
with the file and this source code can rewrite the tail. It turns quiet edits with a database tool
into visible ones, which is what the log is for on a shared laptop.

The chain's format is in ``chain``, masking in ``masking``, writing in ``writing``, checking in
``verify``, reading and pruning in ``entries``; the names below are the public ones.
"""

from __future__ import annotations

from app.database.audit.chain import (
    GENESIS,
    META_ANCHOR,
    META_HEAD,
    AuditAction,
    ChainPoint,
    canonical_json,
    compute_hash,
)
from app.database.audit.entries import MIN_RETENTION, AuditRow, PruneResult, prune, recent_entries
from app.database.audit.masking import mask_number, mask_text, sanitize_detail
from app.database.audit.verify import AuditProblem, AuditReport, verify_chain, verify_connection
from app.database.audit.writing import record

__all__ = [
    "GENESIS",
    "META_ANCHOR",
    "META_HEAD",
    "MIN_RETENTION",
    "AuditAction",
    "AuditProblem",
    "AuditReport",
    "AuditRow",
    "ChainPoint",
    "PruneResult",
    "canonical_json",
    "compute_hash",
    "mask_number",
    "mask_text",
    "prune",
    "recent_entries",
    "record",
    "sanitize_detail",
    "verify_chain",
    "verify_connection",
]
