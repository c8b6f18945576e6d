"""The trust store: the keys this node knows, what each may do, and who granted it.

A key is a recipient (bundles are encrypted to it, its receipts are accepted), a trusted signer
(its bundles and setup packages are accepted, within its division), or both. Each entry records
its role and division (the authority), the issuer whose setup package granted it, and whether a
newer package of that issuer revoked it. Only that issuer changes the entry again.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select, update

from app.database.base import table_of
from app.database.models import SyncKey
from app.database.session import utcnow
from app.sync.identity import PublicIdentity


@dataclass(frozen=True)
class KnownKey:
    public: PublicIdentity
    role: str
    division_code: str | None
    is_recipient: bool
    is_trusted_signer: bool


@dataclass(frozen=True)
class Authority:
    """One entry of the trust store, as the checks read it."""

    key_id: str
    name: str
    role: str
    division_code: str | None
    age_recipient: str
    signing_public_key: bytes
    is_recipient: bool
    is_trusted_signer: bool
    issuer_key_id: str | None
    last_serial: int | None
    revoked_at: datetime | None
    source: str

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def _authority(row: object) -> Authority:
    r = row._mapping  # type: ignore[attr-defined]
    return Authority(
        key_id=r["key_id"],
        name=r["name"],
        role=r["role"],
        division_code=r["division_code"],
        age_recipient=r["age_recipient"],
        signing_public_key=base64.b64decode(r["signing_public_key"]),
        is_recipient=bool(r["is_recipient"]),
        is_trusted_signer=bool(r["is_trusted_signer"]),
        issuer_key_id=r["issuer_key_id"],
        last_serial=r["last_serial"],
        revoked_at=r["revoked_at"],
        source=r["source"],
    )


def authority(conn: Connection, key_id: str) -> Authority | None:
    table = table_of(SyncKey)
    row = conn.execute(select(table).where(table.c.key_id == key_id)).first()
    return None if row is None else _authority(row)


def authorities(conn: Connection) -> dict[str, Authority]:
    table = table_of(SyncKey)
    return {a.key_id: a for a in map(_authority, conn.execute(select(table)))}


def grant(conn: Connection, key: KnownKey, *, issuer: str, package_id: str) -> None:
    """Add a key as ``issuer`` grants it, or change it when ``issuer`` granted it before.

    The caller (setup_package) has checked that ``issuer`` may: a key another issuer granted is
    never passed here. A key granted again after a revocation is active again.
    """
    table = table_of(SyncKey)
    pub = key.public
    values = {
        "name": pub.name,
        "role": key.role,
        "division_code": key.division_code,
        "age_recipient": pub.age_recipient,
        "signing_public_key": base64.b64encode(pub.signing_public_key).decode("ascii"),
        "is_recipient": key.is_recipient,
        "is_trusted_signer": key.is_trusted_signer,
        # The package id itself: sync_key.source holds 40 characters, which PostgreSQL enforces.
        "source": package_id,
        "issuer_key_id": issuer,
        "revoked_at": None,
        "revoked_by": None,
    }
    exists = conn.scalar(select(table.c.key_id).where(table.c.key_id == pub.key_id))
    if exists is None:
        conn.execute(table.insert().values(key_id=pub.key_id, added_at=utcnow(), **values))
    else:
        conn.execute(update(table).where(table.c.key_id == pub.key_id).values(**values))


def revoke(conn: Connection, key_id: str, package_id: str) -> None:
    """The key's later files are refused; what it sent before stays."""
    table = table_of(SyncKey)
    conn.execute(
        update(table)
        .where(table.c.key_id == key_id)
        .values(is_recipient=False, is_trusted_signer=False, revoked_at=utcnow(), revoked_by=package_id)
    )


def set_serial(conn: Connection, key_id: str, serial: int) -> None:
    table = table_of(SyncKey)
    conn.execute(update(table).where(table.c.key_id == key_id).values(last_serial=serial))


def trusted_signers(conn: Connection) -> dict[str, bytes]:
    """Keys whose bundles and setup packages may be opened (their authority is checked after)."""
    table = table_of(SyncKey)
    query = select(table.c.key_id, table.c.signing_public_key).where(
        table.c.is_trusted_signer, table.c.revoked_at.is_(None)
    )
    return {key_id: base64.b64decode(pub) for key_id, pub in conn.execute(query)}


def receipt_signers(conn: Connection) -> dict[str, bytes]:
    """The receivers named for this device: only they may confirm what arrived."""
    table = table_of(SyncKey)
    query = select(table.c.key_id, table.c.signing_public_key).where(
        table.c.is_recipient, table.c.revoked_at.is_(None)
    )
    return {key_id: base64.b64decode(pub) for key_id, pub in conn.execute(query)}


def recipients(conn: Connection) -> list[str]:
    table = table_of(SyncKey)
    query = (
        select(table.c.age_recipient)
        .where(table.c.is_recipient, table.c.revoked_at.is_(None))
        .order_by(table.c.key_id)
    )
    return list(conn.scalars(query))


def list_keys(conn: Connection) -> list[dict[str, object]]:
    table = table_of(SyncKey)
    return [dict(r._mapping) for r in conn.execute(select(table).order_by(table.c.role, table.c.name))]
