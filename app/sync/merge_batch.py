"""Merging checked bundles: several in one transaction, a SAVEPOINT each, so a refusal stays exact.

A merge of many bundles (a province's 122 counties) spent a commit, and SQLite's WAL checkpoint
after it, on every bundle. Here the bundles of one run share an outer transaction: each bundle is
merged inside its own SAVEPOINT (its rows, its ledger row, its audit entry), and a refused bundle
rolls back to that savepoint — nothing of it is written, the bundles before it stay. The outer
transaction commits every few bundles (``commit_rows`` records, or ``commit_bundles`` bundles),
at the end, and before an unexpected error is raised; ``committed`` says how many bundles are on
disk, for a progress bar that must not promise more. A kill or a power cut loses at most the
bundles since the last commit — never half a bundle: they are not in the ledger, so merging the
same files again brings them in.

The SQLite path; on PostgreSQL the same code runs the same savepoints.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from sqlalchemy import Connection, RootTransaction

from app.database.session import Database
from app.domain.errors import BadFileError
from app.sync.authority import check_authority
from app.sync.bundle import (
    BundleSummary,
    CheckedBundle,
    check_bundle,
    gaps,
    record_in_ledger,
    trusted_signers,
)
from app.sync.identity import Identity
from app.sync.locks import check_period_locks
from app.sync.merge import merge_rows
from app.sync.merge_pg import merge_rows_pg
from app.sync.sender import refuse_borrowed_device, refuse_replay

# Commit after this many merged records, or this many bundles, whichever comes first. Large enough
# that a province's merge commits a few dozen times instead of once per county; small enough that
# a township's bundles still reach the disk (and the progress bar) as they go.
COMMIT_ROWS = 60_000
COMMIT_BUNDLES = 16

OnAccept = Callable[[Connection, BundleSummary], None]


class MergeBatch:
    """One connection, one outer transaction at a time, one SAVEPOINT per bundle (a context manager).

    ``relaxed_sync`` (only when a copy of the file was made before the merge) commits without
    waiting for the disk: a power cut may lose the last bundles, never corrupt the file, and the
    copy holds the state before them.
    """

    def __init__(
        self,
        db: Database,
        *,
        relaxed_sync: bool = False,
        commit_rows: int = COMMIT_ROWS,
        commit_bundles: int = COMMIT_BUNDLES,
    ) -> None:
        self.db = db
        self.relaxed_sync = relaxed_sync
        self.commit_rows, self.commit_bundles = commit_rows, commit_bundles
        self.committed = 0  # bundles handled (merged or refused) whose outcome is on disk
        self._handled = 0
        self._pending_rows = self._pending_bundles = 0
        self._conn: Connection | None = None
        self._tx: RootTransaction | None = None
        self._relaxed = False

    def __enter__(self) -> MergeBatch:
        conn = self.db.engine.connect()
        self._conn = conn
        self._relaxed = self.relaxed_sync and conn.dialect.name == "sqlite"
        if self._relaxed:
            # The copy made before the merge is what protects against a power cut here: the commit
            # need not wait for the disk (WAL keeps the file consistent either way).
            _pragma(conn, "PRAGMA synchronous=NORMAL")
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        conn = self._conn
        assert conn is not None
        try:
            # What was merged before an error stays merged, as when every bundle had its own
            # transaction: the failing bundle was already rolled back to its savepoint.
            self.commit()
        finally:
            if self._tx is not None:  # the commit itself failed
                self._tx.rollback()
                self._tx = None
            if self._relaxed:
                _pragma(conn, "PRAGMA synchronous=FULL")  # as engine.py sets every connection
            conn.close()
            self._conn = None

    def commit(self) -> int:
        """Commit the bundles merged so far; returns how many bundles are now on disk."""
        if self._tx is not None:
            if self._pending_bundles:
                self._tx.commit()
            else:
                # Nothing merged since the last commit (refusals, dry runs): rolled back, not
                # committed, for a commit would still rewrite the pages a rolled-back savepoint
                # touched, and the file must stay byte for byte as it was.
                self._tx.rollback()
            self._tx = None
        self.committed = self._handled
        self._pending_rows = self._pending_bundles = 0
        return self.committed

    def apply(
        self, checked: CheckedBundle, *, dry_run: bool = False, on_accept: OnAccept | None = None
    ) -> BundleSummary:
        """Merge one checked bundle inside its savepoint, or refuse it with nothing of it written.

        ``on_accept`` runs inside the savepoint once the bundle is merged (not on a dry run): what
        it writes (the audit entry) stays with the merge or goes with it. A dry run rolls its
        bundle back, so each dry-run bundle is judged against the database as it is.
        """
        summary = checked.summary
        self._handled += 1
        if checked.problem is not None:
            summary.status, summary.reason = "refused", checked.problem
            return summary
        conn = self._conn
        assert conn is not None, "MergeBatch.apply outside its with-block"
        if self._tx is None:
            self._tx = conn.begin()
        savepoint = conn.begin_nested()
        try:
            records = _merge_one(conn, self.db, checked)
            if dry_run:
                savepoint.rollback()
                summary.status = "dry-run"
                return summary
            summary.status = "accepted"
            if on_accept is not None:
                on_accept(conn, summary)
            savepoint.commit()
        except BadFileError as exc:
            savepoint.rollback()
            summary.status, summary.reason = "refused", exc.reason
            summary.stats, summary.gaps = {}, []
            return summary
        except BaseException:
            savepoint.rollback()
            raise
        self._pending_rows += records
        self._pending_bundles += 1
        if self._pending_rows >= self.commit_rows or self._pending_bundles >= self.commit_bundles:
            self.commit()
        return summary


def _merge_one(conn: Connection, db: Database, checked: CheckedBundle) -> int:
    """The checks that need the database, then the merge and the ledger row; returns the records."""
    sender, source = checked.sender, checked.source
    summary = checked.summary
    refuse_replay(conn, sender[0], sender[2], checked.digest, source)
    refuse_borrowed_device(conn, sender[0], checked.key_id, source)
    assert checked.signer is not None  # check_bundle refused every bundle without one
    known = check_authority(conn, checked.signer, checked.rows, source)
    check_period_locks(conn, checked.signer, checked.rows, source, known.present, db.device_id)
    # PostgreSQL takes the set-based path (COPY, a few statements per table); same rules, same stats.
    merge = merge_rows_pg if conn.dialect.name == "postgresql" else merge_rows
    stats = merge(conn, db, checked.rows, source=f"{sender[0]}/{sender[2]}", present=known.present)
    summary.stats = stats.as_dict()
    record_in_ledger(conn, checked.meta, checked.key_id, sender, checked.digest, source, stats)
    summary.gaps = gaps(conn, sender[0])
    return sum(len(t) for t in checked.rows.values())


def _pragma(conn: Connection, statement: str) -> None:
    # On the driver's connection: through SQLAlchemy it would open a transaction first, and SQLite
    # refuses to change the safety level inside one.
    driver = conn.connection.driver_connection
    assert driver is not None
    driver.execute(statement)


def apply_bundle(
    db: Database,
    checked: CheckedBundle,
    *,
    dry_run: bool = False,
    on_accept: OnAccept | None = None,
    relaxed_sync: bool = False,
) -> BundleSummary:
    """Merge one checked bundle in its own transaction, or refuse it untouched."""
    with MergeBatch(db, relaxed_sync=relaxed_sync) as batch:
        return batch.apply(checked, dry_run=dry_run, on_accept=on_accept)


def merge_bundle(
    db: Database,
    path: Path,
    identity: Identity,
    *,
    dry_run: bool = False,
    on_accept: OnAccept | None = None,
) -> BundleSummary:
    """Check one bundle completely, then merge it in one transaction, or refuse it untouched."""
    checked = check_bundle(path, identity, trusted_signers(db))
    return apply_bundle(db, checked, dry_run=dry_run, on_accept=on_accept)
