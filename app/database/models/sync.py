"""Local sync bookkeeping: keys from the setup package, the bundle ledger, conflicts, duplicates."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.database.base import Base
from app.database.types import JsonText


class SyncKey(Base):
    """A node's public keys: recipients bundles are encrypted to, signers whose files are trusted."""

    __tablename__ = "sync_key"

    key_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(12))  # province / county / station
    division_code: Mapped[str | None] = mapped_column(String(12))
    age_recipient: Mapped[str] = mapped_column(String(80))
    signing_public_key: Mapped[str] = mapped_column(String(64))  # base64 of 32 raw bytes
    is_recipient: Mapped[bool] = mapped_column(default=False)  # bundles from here are encrypted to it
    is_trusted_signer: Mapped[bool] = mapped_column(default=False)  # its bundles/setup are accepted
    added_at: Mapped[datetime] = mapped_column(DateTime)
    source: Mapped[str] = mapped_column(String(40))  # setup package id, or "manual"
    # The key whose package granted this entry; only a newer package of that issuer changes it.
    issuer_key_id: Mapped[str | None] = mapped_column(String(16))
    last_serial: Mapped[int | None] = mapped_column(BigInteger)  # newest package serial it issued here
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_by: Mapped[str | None] = mapped_column(String(40))  # the package that left it out


class BundleExport(Base):
    """Every bundle this device wrote: a receipt may confirm only these, by number and hash."""

    __tablename__ = "bundle_export"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    bundle_hash: Mapped[str] = mapped_column(String(64))
    since_seq: Mapped[int] = mapped_column(Integer)  # change-log position it starts after
    last_change_seq: Mapped[int] = mapped_column(Integer)  # ... and the one it covers up to
    written_at: Mapped[datetime] = mapped_column(DateTime)


class BundleLedger(Base):
    """Every bundle merged here: one row per (sender device, sequence number)."""

    __tablename__ = "bundle_ledger"
    __table_args__ = (UniqueConstraint("sender_device", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sender_device: Mapped[str] = mapped_column(String(16), index=True)
    sender_division: Mapped[str] = mapped_column(String(12))
    sender_key_id: Mapped[str] = mapped_column(String(16))
    seq: Mapped[int] = mapped_column(Integer)
    bundle_hash: Mapped[str] = mapped_column(String(64), index=True)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    since_seq: Mapped[int] = mapped_column(Integer)  # sender's change-log position it starts after
    last_change_seq: Mapped[int] = mapped_column(Integer)  # ... and the one it covers up to
    file_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime)  # when the sender wrote it
    merged_at: Mapped[datetime] = mapped_column(DateTime)
    summary: Mapped[dict[str, object]] = mapped_column(JsonText)


class MergeConflict(Base):
    """A field value that lost a merge. Kept for review; it can be restored.

    The id is derived from (table, row, field, losing stamp), so the same losing version met twice,
    or met in another merge order, is one row: the set of conflicts is order-independent.
    """

    __tablename__ = "merge_conflict"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str] = mapped_column(String(40))
    losing_value: Mapped[object] = mapped_column(JsonText, nullable=True)
    losing_stamp: Mapped[str] = mapped_column(String(36))
    status: Mapped[str] = mapped_column(String(10), default="open")  # open / kept / restored
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)
    resolved_by: Mapped[str | None] = mapped_column(String(40))


class DuplicateCandidate(Base):
    """The same ID number on two different records: for a person to resolve, never merged silently."""

    __tablename__ = "duplicate_candidate"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # derived from the pair
    table_name: Mapped[str] = mapped_column(String(40))
    id_number: Mapped[str] = mapped_column(String(18), index=True)
    row_a: Mapped[str] = mapped_column(String(36))
    row_b: Mapped[str] = mapped_column(String(36))
    status: Mapped[str] = mapped_column(String(16), default="open")  # open / same_person / different
    note: Mapped[str | None] = mapped_column(Text)
