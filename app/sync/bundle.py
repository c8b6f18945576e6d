"""Sync bundles: writing the changes the receiver has not acknowledged, and merging bundles in.

A bundle file is an envelope (see envelope.py) of kind "bundle" whose payload is the row-state
document of payload.py. The header meta says who sent it, its number, and what it covers.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, select

from app import __version__
from app.database.base import table_of
from app.database.migrate import current_revision
from app.database.models import BundleExport, BundleLedger, ChangeLogEntry
from app.database.session import META_DIVISION, META_ROLE, Database, utcnow
from app.domain.errors import BadFileError, UserInputError
from app.sync import keys, payload, state
from app.sync.authority import check_authority
from app.sync.clock_check import DEFAULT_MAX_AHEAD_HOURS, check_clock
from app.sync.envelope import expect_kind, open_envelope, read_header, seal, write_atomically
from app.sync.identity import Identity
from app.sync.merge import MergeStats, merge_rows
from app.sync.merge_pg import merge_rows_pg
from app.sync.sender import BUNDLE_FORMAT, check_meta, refuse_borrowed_device, refuse_replay, standing

SUFFIX = ".fpab"
MAX_FILE_BYTES = 1024 * 1024 * 1024
_DEVICE = re.compile(r"^[0-9a-f]{16}$")
_DIVISION = re.compile(r"^\d{12}$")


@dataclass(frozen=True)
class ExportResult:
    path: Path
    seq: int
    since_seq: int | None
    last_change_seq: int
    counts: dict[str, int]

    @property
    def records(self) -> int:
        return sum(self.counts.values())


@dataclass
class BundleSummary:
    """What merging one bundle did — or why it was refused. Printed, stored, shown."""

    file: str
    status: str  # accepted / refused / dry-run
    reason: str | None = None
    sender_device: str | None = None
    sender_division: str | None = None
    seq: int | None = None
    stats: dict[str, Any] = field(default_factory=dict)
    gaps: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "status": self.status,
            "reason": self.reason,
            "sender_device": self.sender_device,
            "sender_division": self.sender_division,
            "seq": self.seq,
            **self.stats,
            "gaps": self.gaps,
        }


def bundle_name(division: str, device: str, seq: int) -> str:
    return f"{division}-{device}-{seq:06d}{SUFFIX}"


def export_bundle(
    db: Database,
    identity: Identity,
    out_dir: Path,
    *,
    full: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ExportResult:
    """Write one bundle with every change not yet acknowledged (everything with ``full``)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with db.engine.begin() as conn:
        targets = keys.recipients(conn)
        if not targets:
            raise UserInputError("还没有接收方公钥：请先导入上级下发的配置包（fpa setup import）。")
        # Reserve the number first: a crash after this leaves a gap the receiver reports, never
        # two different files under one number.
        seq = state.get_int(conn, state.BUNDLE_SEQ) + 1
        state.put(conn, state.BUNDLE_SEQ, seq)
    with db.reader.connect() as conn:
        since = None if full else state.get_int(conn, state.ACKED_SEQ)
        last = conn.scalar(select(func.max(table_of(ChangeLogEntry).c.seq))) or 0
        division = state.get(conn, META_DIVISION) or "000000000000"
        role = state.get(conn, META_ROLE) or "station"
        prev_hash = state.get(conn, state.LAST_BUNDLE_HASH)
        doc, counts = payload.collect(conn, since)
        revision = current_revision(conn)
        conn.rollback()
    if progress:
        progress(1, 2)
    meta = {
        "format": BUNDLE_FORMAT,
        "schema_revision": revision,
        "app_version": __version__,
        "sender": {
            "device": db.device_id,
            "division": division,
            "role": role,
            "key_id": identity.public.key_id,
        },
        "seq": seq,
        "prev_hash": prev_hash,
        "since_seq": since,
        "last_change_seq": last,
        "full": full,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "counts": counts,
    }
    data = seal("bundle", meta, payload.dumps(doc), identity, targets)
    path = out_dir / bundle_name(division, db.device_id, seq)
    write_atomically(path, data)
    digest = hashlib.sha256(data).hexdigest()
    with db.engine.begin() as conn:
        state.put(conn, state.LAST_BUNDLE_HASH, digest)
        state.put(conn, state.LAST_EXPORTED_SEQ, last)
        # What a receipt may confirm: only bundles this device wrote, by number and hash. (A number
        # met again means the numbering was reset, by hand or by an old copy: the newest file counts.)
        exports = table_of(BundleExport)
        conn.execute(exports.delete().where(exports.c.seq == seq))
        conn.execute(
            exports.insert().values(
                seq=seq, bundle_hash=digest, since_seq=since or 0, last_change_seq=last, written_at=utcnow()
            )
        )
    if progress:
        progress(2, 2)
    return ExportResult(path, seq, since, last, counts)


def read_bundle_file(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise BadFileError(str(path), "文件过大，不是正常的同步文件")
        return path.read_bytes()
    except OSError as exc:
        raise BadFileError(str(path), f"无法读取（{exc.strerror or exc}）") from None


@dataclass
class CheckedBundle:
    """A bundle read, verified, decrypted and parsed — everything short of the database's own state.

    ``problem`` holds the refusal when the file failed a check; the replay check and the merge need
    the database and happen in ``apply_bundle``.
    """

    source: str
    summary: BundleSummary
    meta: dict[str, Any] = field(default_factory=dict)
    key_id: str = ""
    signer: keys.Authority | None = None
    sender: tuple[str, str, int] = ("", "", 0)
    rows: dict[str, payload.TableRows] = field(default_factory=dict)
    digest: str = ""
    problem: str | None = None


def trusted_signers(db: Database) -> dict[str, keys.Authority]:
    """The trust store as the checks read it, once per merge."""
    with db.reader.connect() as conn:
        trusted = keys.authorities(conn)
        conn.rollback()
    return trusted


def max_ahead_hours(db: Database) -> float:
    """The setting: how far ahead of this computer's clock a bundle's stamps may be."""
    text = db.meta(state.MAX_AHEAD_HOURS)
    try:
        value = float(text) if text else DEFAULT_MAX_AHEAD_HOURS
    except ValueError:
        return DEFAULT_MAX_AHEAD_HOURS
    return value if 0 < value < 24 * 3650 else DEFAULT_MAX_AHEAD_HOURS


def check_bundle(
    path: Path,
    identity: Identity,
    trusted: dict[str, keys.Authority],
    *,
    max_ahead: float = DEFAULT_MAX_AHEAD_HOURS,
) -> CheckedBundle:
    """Read and check one bundle file without touching the database (safe in a worker thread):
    framing, the signer's standing in the trust store, signature, content, clock."""
    source = path.name
    checked = CheckedBundle(source, BundleSummary(file=source, status="refused"))
    try:
        data = read_bundle_file(path)
        header = read_header(data, source=source)
        # The kind first: a receipt's or setup package's meta would otherwise be read as the meta
        # of a bundle in an unknown format, and the user told to upgrade.
        expect_kind(header, "bundle", source)
        sender = check_meta(header.meta, header.signer_key_id, source)
        summary = checked.summary
        summary.sender_device, summary.sender_division, summary.seq = sender
        signer = standing(trusted.get(header.signer_key_id), sender[1], source)
        opened = open_envelope(
            data,
            source=source,
            trusted_signers={k: a.signing_public_key for k, a in trusted.items() if a is signer},
            identity=identity,
            expected_kind="bundle",
        )
        try:
            checked.rows = payload.loads(opened.payload)
        except payload.PayloadError as exc:
            raise BadFileError(source, str(exc)) from None
        check_clock(checked.rows, source, max_ahead_hours=max_ahead)
        checked.meta, checked.key_id, checked.sender = header.meta, header.signer_key_id, sender
        checked.signer = signer
        checked.digest = hashlib.sha256(data).hexdigest()
    except BadFileError as exc:
        checked.problem = exc.reason
    return checked


def apply_bundle(
    db: Database,
    checked: CheckedBundle,
    *,
    dry_run: bool = False,
    on_accept: Callable[[Connection, BundleSummary], None] | None = None,
    relaxed_sync: bool = False,
) -> BundleSummary:
    """Merge a checked bundle in one transaction, or refuse it untouched.

    ``relaxed_sync`` (only when a copy of the file was made before the merge) commits without
    waiting for the disk: a power cut may lose the last bundles, never corrupt the file, and the
    copy holds the state before them.

    ``on_accept`` runs inside that transaction once the bundle is merged (not on a dry run): what
    it writes (the audit entry) commits with the merge or not at all, at the cost of no extra
    commit — one sync to disk per bundle, not two.
    """
    summary = checked.summary
    if checked.problem is not None:
        summary.status, summary.reason = "refused", checked.problem
        return summary
    sender, source = checked.sender, checked.source
    try:
        with db.engine.connect() as conn:
            relax = relaxed_sync and conn.dialect.name == "sqlite"
            if relax:
                # The copy made before the merge is what protects against a power cut here: the
                # commit need not wait for the disk (WAL keeps the file consistent either way).
                _pragma(conn, "PRAGMA synchronous=NORMAL")
            tx = conn.begin()
            try:
                refuse_replay(conn, sender[0], sender[2], checked.digest, source)
                refuse_borrowed_device(conn, sender[0], checked.key_id, source)
                assert checked.signer is not None  # check_bundle refused every bundle without one
                known = check_authority(conn, checked.signer, checked.rows, source)
                merge = merge_rows_pg if conn.dialect.name == "postgresql" else merge_rows
                origin = f"{sender[0]}/{sender[2]}"
                stats = merge(conn, db, checked.rows, source=origin, present=known.present)
                summary.stats = stats.as_dict()
                _record(conn, checked.meta, checked.key_id, sender, checked.digest, source, stats)
                summary.gaps = gaps(conn, sender[0])
                if dry_run:
                    tx.rollback()
                    summary.status = "dry-run"
                else:
                    summary.status = "accepted"
                    if on_accept is not None:
                        on_accept(conn, summary)
                    tx.commit()
            except BaseException:
                tx.rollback()
                raise
            finally:
                if relax:
                    _pragma(conn, "PRAGMA synchronous=FULL")  # as engine.py sets every connection
    except BadFileError as exc:
        summary.status, summary.reason = "refused", exc.reason
    return summary


def _pragma(conn: Connection, statement: str) -> None:
    # On the driver's connection: through SQLAlchemy it would open a transaction first, and SQLite
    # refuses to change the safety level inside one.
    driver = conn.connection.driver_connection
    assert driver is not None
    driver.execute(statement)


def merge_bundle(
    db: Database,
    path: Path,
    identity: Identity,
    *,
    dry_run: bool = False,
    on_accept: Callable[[Connection, BundleSummary], None] | None = None,
) -> BundleSummary:
    """Check one bundle completely, then merge it in one transaction, or refuse it untouched."""
    checked = check_bundle(path, identity, trusted_signers(db))
    return apply_bundle(db, checked, dry_run=dry_run, on_accept=on_accept)


def _record(
    conn: Connection,
    meta: dict[str, Any],
    key_id: str,
    sender: tuple[str, str, int],
    digest: str,
    source: str,
    stats: MergeStats,
) -> None:
    created = meta.get("created")
    try:
        created_at = (
            datetime.fromisoformat(created).astimezone(UTC).replace(tzinfo=None)
            if isinstance(created, str)
            else utcnow()
        )
    except ValueError:
        created_at = utcnow()
    prev = meta.get("prev_hash")
    conn.execute(
        table_of(BundleLedger)
        .insert()
        .values(
            sender_device=sender[0],
            sender_division=sender[1],
            sender_key_id=key_id,
            seq=sender[2],
            bundle_hash=digest,
            prev_hash=prev if isinstance(prev, str) else None,
            since_seq=meta.get("since_seq") or 0,
            last_change_seq=meta.get("last_change_seq") or 0,
            file_name=source[:200],
            created_at=created_at,
            merged_at=utcnow(),
            summary=stats.as_dict(),
        )
    )


def gaps(conn: Connection, device: str) -> list[int]:
    """Bundle numbers of this sender that never arrived, below the highest that did."""
    ledger = table_of(BundleLedger)
    seen = set(conn.scalars(select(ledger.c.seq).where(ledger.c.sender_device == device)))
    return [n for n in range(1, max(seen, default=0)) if n not in seen]
