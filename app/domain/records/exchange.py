"""Rows about the exchange of bundles, for the sync page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class SyncStatus:
    device_id: str
    division_code: str
    role: str
    has_identity: bool
    identity_key_id: str | None
    identity_protected: bool
    setup_package_id: str | None
    setup_issued_at: str | None
    recipients: int
    trusted_signers: int
    unsent_changes: int  # change-log entries after the acknowledged position
    last_bundle_seq: int
    acked_seq: int
    # Why an action is not open to the signed-in account ("merge", "send", "issue"); absent: open.
    denied: dict[str, str] = field(default_factory=dict)
    division_name: str = ""  # 黄兴镇: names this computer's keys for the level above


@dataclass(frozen=True)
class LedgerRow:
    sender_device: str
    sender_division: str
    sender_name: str
    seq: int
    file_name: str
    created_at: datetime
    merged_at: datetime
    inserted: int
    updated: int
    conflicts: int
    duplicates: int


@dataclass(frozen=True)
class MergeResultRow:
    """One bundle's import summary as the screen shows it."""

    file: str
    accepted: bool
    status: str
    reason: str | None
    sender_division: str | None
    sender_name: str
    seq: int | None
    inserted: int
    updated: int
    unchanged: int
    conflicts: int
    duplicates: int
    gaps: tuple[int, ...]


@dataclass(frozen=True)
class IssueTarget:
    """A division a county (or province) may issue a setup package for: its townships (counties)."""

    code: str
    name: str


@dataclass(frozen=True)
class StationKeyRow:
    """The public key a township brought on a USB stick, as the issuing dialog shows it."""

    name: str
    key_id: str


@dataclass(frozen=True)
class IssuedPackage:
    """A setup package written for a township: what to read out over the phone."""

    path: str
    issuer_key_id: str  # the township confirms this one when it first imports the package
    station_key_id: str
    station_name: str
    division_code: str
    division_name: str
