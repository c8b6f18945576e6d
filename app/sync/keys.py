"""The keys this node knows: recipients its bundles are encrypted to, signers whose files it accepts."""

from __future__ import annotations

import base64
from dataclasses import dataclass

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


def remember_key(conn: Connection, key: KnownKey, source: str) -> None:
    """Add or update a key; a key once trusted or used as recipient keeps those flags."""
    table = table_of(SyncKey)
    pub = key.public
    row = conn.execute(select(table).where(table.c.key_id == pub.key_id)).first()
    values = {
        "name": pub.name,
        "role": key.role,
        "division_code": key.division_code,
        "age_recipient": pub.age_recipient,
        "signing_public_key": base64.b64encode(pub.signing_public_key).decode("ascii"),
        "source": source,
    }
    if row is None:
        conn.execute(
            table.insert().values(
                key_id=pub.key_id,
                is_recipient=key.is_recipient,
                is_trusted_signer=key.is_trusted_signer,
                added_at=utcnow(),
                **values,
            )
        )
    else:
        conn.execute(
            update(table)
            .where(table.c.key_id == pub.key_id)
            .values(
                is_recipient=row.is_recipient or key.is_recipient,
                is_trusted_signer=row.is_trusted_signer or key.is_trusted_signer,
                **values,
            )
        )


def trusted_signers(conn: Connection) -> dict[str, bytes]:
    table = table_of(SyncKey)
    rows = conn.execute(select(table.c.key_id, table.c.signing_public_key).where(table.c.is_trusted_signer))
    return {key_id: base64.b64decode(pub) for key_id, pub in rows}


def recipients(conn: Connection) -> list[str]:
    table = table_of(SyncKey)
    query = select(table.c.age_recipient).where(table.c.is_recipient).order_by(table.c.key_id)
    return list(conn.scalars(query))


def list_keys(conn: Connection) -> list[dict[str, object]]:
    table = table_of(SyncKey)
    return [dict(r._mapping) for r in conn.execute(select(table).order_by(table.c.role, table.c.name))]
