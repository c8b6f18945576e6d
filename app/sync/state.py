"""Where this node stands in the exchange: its bundle numbers and what the receiver acknowledged."""

from __future__ import annotations

from sqlalchemy import Connection, select

from app.database.base import table_of
from app.database.models import Meta

BUNDLE_SEQ = "bundle_seq"  # number of the last bundle this device wrote
LAST_BUNDLE_HASH = "last_bundle_hash"  # SHA-256 of that bundle file
ACKED_SEQ = "acked_seq"  # change-log position the receiver confirmed with a receipt
LAST_EXPORTED_SEQ = "last_exported_seq"  # change-log position of the last bundle written
SETUP_ID = "setup_package_id"
SETUP_ISSUED = "setup_issued_at"
# The setting: hours a bundle's stamps may be ahead of this computer's clock (default 24).
MAX_AHEAD_HOURS = "sync_max_clock_ahead_hours"
# The county's rule for new families' 档案编号 (app.domain.family_numbers); travels in setup packages.
FAMILY_NO_RULE = "family_no_rule"


def get(conn: Connection, key: str, default: str | None = None) -> str | None:
    table = table_of(Meta)
    value = conn.scalar(select(table.c.value).where(table.c.key == key))
    return default if value is None else str(value)


def get_int(conn: Connection, key: str) -> int:
    return int(get(conn, key, "0") or 0)


def put(conn: Connection, key: str, value: str | int) -> None:
    table = table_of(Meta)
    text = str(value)
    if conn.scalar(select(table.c.key).where(table.c.key == key)) is None:
        conn.execute(table.insert().values(key=key, value=text))
    else:
        conn.execute(table.update().where(table.c.key == key).values(value=text))
