"""Sync as the user does it: keys, setup packages, writing bundles, merging them, receipts."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

from sqlalchemy import Connection, func, select

from app.database.audit import record
from app.database.base import table_of
from app.database.engine import sqlite_path
from app.database.models import BundleLedger, ChangeLogEntry, Division
from app.database.session import META_DIVISION, META_ROLE
from app.database.snapshot import snapshot
from app.domain.errors import Cancelled, UserInputError
from app.domain.permissions import Permission, refusal
from app.domain.records.exchange import LedgerRow, MergeResultRow, SyncStatus
from app.services.shared.audit import AuditAction, audit
from app.services.shared.scope import allowed, ensure_may
from app.services.shared.workspace import Workspace
from app.sync import identity as ident
from app.sync import keys, state
from app.sync.bundle import (
    BundleSummary,
    ExportResult,
    check_bundle,
    export_bundle,
    max_ahead_hours,
    trusted_signers,
)
from app.sync.merge_batch import MergeBatch
from app.sync.orphans import Orphans, find_orphans
from app.sync.receipt import ReceiptResult, import_receipt, write_receipt

Progress = Callable[[int, int], None] | None
IsCancelled = Callable[[], bool] | None


def write_bundle(
    ws: Workspace,
    identity_dir: Path,
    passphrase: str | None,
    out_dir: Path,
    *,
    full: bool = False,
    progress: Progress = None,
) -> ExportResult:
    ensure_may(ws, Permission.SEND_SYNC)
    me = ident.unlock(identity_dir, passphrase)
    result = export_bundle(ws.db, me, out_dir, full=full, progress=progress)
    audit(
        ws,
        AuditAction.EXPORT,
        result.path.name,
        {
            "kind": "bundle",
            "seq": result.seq,
            "full": full,
            "since_seq": result.since_seq,
            "records": result.records,
        },
    )
    return result


def merge_bundles(
    ws: Workspace,
    identity_dir: Path,
    passphrase: str | None,
    paths: Sequence[Path],
    *,
    dry_run: bool = False,
    progress: Progress = None,
    cancelled: IsCancelled = None,
) -> list[BundleSummary]:
    """Merge bundles one by one after one copy of the database file: each bundle in its own
    savepoint (a refused one leaves nothing), committed every few bundles. ``progress`` counts the
    bundles committed."""
    ensure_may(ws, Permission.MERGE)
    me = ident.unlock(identity_dir, passphrase)
    files = sorted(_expand(paths))
    if not files:
        where = "、".join(f"“{p}”" for p in paths)
        raise UserInputError(f"{where}中没有找到同步文件（*.fpab），数据库未做任何修改。")
    db_file = sqlite_path(ws.db.url)
    copied = False
    if db_file is not None and not dry_run:
        snapshot(db_file, "before-merge", key=ws.db.key)
        copied = True
    results: list[BundleSummary] = []
    trusted = trusted_signers(ws.db)
    check = partial(check_bundle, max_ahead=max_ahead_hours(ws.db))
    on_accept = partial(_audit_merge, ws)
    reported = 0

    def report(committed: int) -> None:
        # Only what is on disk: the bundles of the open transaction are not merged yet for a crash.
        nonlocal reported
        if progress and committed > reported:
            reported = committed
            progress(committed, len(files))

    # The next file is read, verified, decrypted and parsed in a worker thread while this one is
    # written: SQLite and the disk sync release the GIL, so the two cores share the work. The
    # bundles share an outer transaction, a savepoint each (merge_batch.py).
    with (
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="bundle-check") as pool,
        MergeBatch(ws.db, relaxed_sync=copied) as batch,
    ):
        ahead = pool.submit(check, files[0], me, trusted)
        for done in range(len(files)):
            checked = ahead.result()
            if done + 1 < len(files):
                ahead = pool.submit(check, files[done + 1], me, trusted)
            if cancelled and cancelled():
                if not results:
                    raise Cancelled()
                break  # what was merged stays merged: the batch commits it on the way out
            results.append(batch.apply(checked, dry_run=dry_run, on_accept=on_accept))
            report(batch.committed)
        report(batch.commit())
    _log_summaries(ws, results)
    return results


def _audit_merge(ws: Workspace, conn: Connection, summary: BundleSummary) -> None:
    # Inside the merge's own transaction, so the entry and the merged rows commit together.
    # Refusals wrote nothing and stay out of the database: they go to the merge log beside it.
    stats = summary.stats
    record(
        conn,
        ws.username,
        AuditAction.MERGE,
        summary.file,
        {
            "sender_device": summary.sender_device,
            "sender_division": summary.sender_division,
            "seq": summary.seq,
            **{k: stats.get(k) for k in ("inserted", "updated", "unchanged", "conflicts", "duplicates")},
            "gaps": summary.gaps,
        },
    )


def _expand(paths: Sequence[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        out.extend(sorted(p.glob("*.fpab")) if p.is_dir() else [p])
    return out


def _log_summaries(ws: Workspace, results: list[BundleSummary]) -> None:
    """Refused bundles leave the database untouched, so their summaries go to a log beside it."""
    db_file = sqlite_path(ws.db.url)
    if db_file is None:
        return
    log = db_file.with_name(db_file.stem + ".merge-log.jsonl")
    with log.open("a", encoding="utf-8") as fh:
        for r in results:
            fh.write(json.dumps(r.as_dict(), ensure_ascii=False) + "\n")


def write_sync_receipt(ws: Workspace, identity_dir: Path, passphrase: str | None, out_dir: Path) -> Path:
    ensure_may(ws, Permission.MERGE)
    path = write_receipt(ws.db, ident.unlock(identity_dir, passphrase), out_dir)
    audit(ws, AuditAction.EXPORT, path.name, {"kind": "receipt"})
    return path


def import_sync_receipt(ws: Workspace, path: Path) -> ReceiptResult:
    ensure_may(ws, Permission.SEND_SYNC)
    result = import_receipt(ws.db, path)
    audit(
        ws,
        AuditAction.RECEIPT_IMPORT,
        path.name,
        {
            "confirmed": result.confirmed,
            "acked_before": result.acked_before,
            "acked_after": result.acked_after,
        },
    )
    return result


def set_max_clock_ahead(ws: Workspace, hours: float) -> float:
    """The setting: how many hours a bundle's stamps may be ahead of this computer's clock."""
    ensure_may(ws, Permission.MERGE)
    if not 1 <= hours <= 24 * 3650:
        raise UserInputError("允许的时钟超前时间应在 1 小时到 10 年之间。")
    with ws.db.engine.begin() as conn:
        state.put(conn, state.MAX_AHEAD_HOURS, f"{hours:g}")
    audit(ws, AuditAction.EDIT, "sync_max_clock_ahead_hours", {"hours": hours})
    return hours


def orphan_report(ws: Workspace) -> list[Orphans]:
    """Rows whose parent record is missing, for `fpa check`."""
    with ws.db.reader.connect() as conn:
        found = find_orphans(conn)
        conn.rollback()
    return found


def installation_info(ws: Workspace) -> tuple[str, str]:
    return ws.db.meta(META_DIVISION) or "", ws.db.meta(META_ROLE) or ""


def sync_status(ws: Workspace, identity_dir: Path) -> SyncStatus:
    """What the sync page shows at the top: keys, setup, and what is waiting to be sent."""
    has = ident.has_identity(identity_dir)
    key_id = ident.load_public(identity_dir).key_id if has else None
    with ws.db.reader.connect() as conn:
        acked = state.get_int(conn, state.ACKED_SEQ)
        entries = table_of(ChangeLogEntry)
        unsent = conn.scalar(select(func.count()).select_from(entries).where(entries.c.seq > acked)) or 0
        known = keys.list_keys(conn)
        division = state.get(conn, META_DIVISION) or ""
        status = SyncStatus(
            device_id=ws.db.device_id,
            division_code=division,
            division_name=_division_names(conn, {division}).get(division, ""),
            role=state.get(conn, META_ROLE) or "",
            has_identity=has,
            identity_key_id=key_id,
            identity_protected=has and ident.is_protected(identity_dir),
            setup_package_id=state.get(conn, state.SETUP_ID),
            setup_issued_at=state.get(conn, state.SETUP_ISSUED),
            recipients=sum(1 for k in known if k["is_recipient"] and k["revoked_at"] is None),
            trusted_signers=sum(1 for k in known if k["is_trusted_signer"] and k["revoked_at"] is None),
            unsent_changes=unsent,
            last_bundle_seq=state.get_int(conn, state.BUNDLE_SEQ),
            acked_seq=acked,
            denied=_denied(ws),
        )
        conn.rollback()
    return status


def _denied(ws: Workspace) -> dict[str, str]:
    """The actions of the page this account may not use, each with the reason to show."""
    from app.services.sync.issue import issue_refusal  # issue.py builds on this module

    denied = {}
    for action, permission in (("merge", Permission.MERGE), ("send", Permission.SEND_SYNC)):
        if not allowed(ws, permission):
            denied[action] = refusal(permission)
    issue = issue_refusal(ws)
    if issue:
        denied["issue"] = issue
    return denied


def bundle_history(ws: Workspace, limit: int = 500) -> list[LedgerRow]:
    ledger = table_of(BundleLedger)
    with ws.db.reader.connect() as conn:
        rows = conn.execute(
            select(ledger).order_by(ledger.c.merged_at.desc(), ledger.c.id.desc()).limit(limit)
        )
        records = list(rows)
        names = _division_names(conn, {r.sender_division for r in records})
        out = [
            LedgerRow(
                r.sender_device,
                r.sender_division,
                names.get(r.sender_division, r.sender_division),
                r.seq,
                r.file_name,
                r.created_at,
                r.merged_at,
                int(r.summary.get("inserted", 0)),
                int(r.summary.get("updated", 0)),
                int(r.summary.get("conflicts", 0)),
                int(r.summary.get("duplicates", 0)),
            )
            for r in records
        ]
        conn.rollback()
    return out


def _division_names(conn: Connection, codes: set[str]) -> dict[str, str]:
    table = table_of(Division)
    query = select(table.c.code, table.c.name).where(table.c.code.in_(sorted(codes)))
    return {code: name for code, name in conn.execute(query)}


def merge_result_rows(ws: Workspace, results: Sequence[BundleSummary]) -> list[MergeResultRow]:
    with ws.db.reader.connect() as conn:
        names = _division_names(conn, {r.sender_division for r in results if r.sender_division})
        conn.rollback()
    return [
        MergeResultRow(
            r.file,
            r.status != "refused",
            r.status,
            r.reason,
            r.sender_division,
            names.get(r.sender_division or "", r.sender_division or ""),
            r.seq,
            int(r.stats.get("inserted", 0)),
            int(r.stats.get("updated", 0)),
            int(r.stats.get("unchanged", 0)),
            int(r.stats.get("conflicts", 0)),
            int(r.stats.get("duplicates", 0)),
            tuple(r.gaps),
        )
        for r in results
    ]
