"""Receipts: the receiver tells a sender which of its bundles arrived, so it stops resending them."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.database.base import table_of
from app.database.models import BundleLedger
from app.database.session import META_DIVISION, Database
from app.domain.errors import BadFileError
from app.sync import keys, state
from app.sync.bundle import read_bundle_file
from app.sync.envelope import open_envelope, seal, write_atomically
from app.sync.identity import Identity

RECEIPT_FORMAT = "fpa-receipt/1"
SUFFIX = ".fpar"
_HASH = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class ReceiptResult:
    confirmed: int  # bundles of this device the receipt names
    acked_before: int
    acked_after: int


def write_receipt(db: Database, identity: Identity, out_dir: Path) -> Path:
    """A signed list of every bundle merged here, for the senders to import."""
    ledger = table_of(BundleLedger)
    with db.reader.connect() as conn:
        rows = conn.execute(
            select(
                ledger.c.sender_device,
                ledger.c.seq,
                ledger.c.bundle_hash,
                ledger.c.since_seq,
                ledger.c.last_change_seq,
            ).order_by(ledger.c.sender_device, ledger.c.seq)
        ).all()
        division = state.get(conn, META_DIVISION) or "000000000000"
        conn.rollback()
    doc = {
        "format": RECEIPT_FORMAT,
        "receiver": {"device": db.device_id, "division": division, "key_id": identity.public.key_id},
        "issued_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "bundles": [
            {"sender_device": r[0], "seq": r[1], "hash": r[2], "since_seq": r[3], "last_change_seq": r[4]}
            for r in rows
        ],
    }
    data = seal(
        "receipt",
        {"format": RECEIPT_FORMAT, "receiver_division": division, "bundles": len(rows)},
        json.dumps(doc, ensure_ascii=False).encode("utf-8"),
        identity,
        None,
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = out_dir / f"receipt-{division}-{db.device_id}-{stamp}{SUFFIX}"
    write_atomically(path, data)
    return path


def import_receipt(db: Database, path: Path) -> ReceiptResult:
    """Advance what this device considers acknowledged; a receipt from a stranger is refused."""
    source = path.name
    data = read_bundle_file(path)
    with db.reader.connect() as conn:
        trusted = keys.trusted_signers(conn)
        conn.rollback()
    opened = open_envelope(
        data,
        source=source,
        trusted_signers=trusted,
        identity=None,
        expected_kind="receipt",
        max_output=64 * 1024 * 1024,
    )
    entries = _entries(opened.payload, source, db.device_id)
    with db.engine.begin() as conn:
        before = acked = state.get_int(conn, state.ACKED_SEQ)
        # A bundle acknowledges up to its last change only if it started no later than what is
        # already acknowledged; otherwise changes between would be skipped.
        moved = True
        while moved:
            moved = False
            for since, last in entries:
                if since <= acked < last:
                    acked, moved = last, True
        if acked != before:
            state.put(conn, state.ACKED_SEQ, acked)
    return ReceiptResult(len(entries), before, acked)


def _entries(data: bytes, source: str, device: str) -> list[tuple[int, int]]:
    try:
        doc: Any = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BadFileError(source, "回执内容不是有效的 JSON") from None
    if (
        not isinstance(doc, dict)
        or doc.get("format") != RECEIPT_FORMAT
        or not isinstance(doc.get("bundles"), list)
    ):
        raise BadFileError(source, "回执格式不受支持")
    out: list[tuple[int, int]] = []
    for item in doc["bundles"]:
        if not isinstance(item, dict):
            raise BadFileError(source, "回执条目无效")
        if item.get("sender_device") != device:
            continue
        since, last = item.get("since_seq"), item.get("last_change_seq")
        if (
            not (isinstance(since, int) and isinstance(last, int) and 0 <= since <= last)
            or not isinstance(item.get("hash"), str)
            or not _HASH.match(item["hash"])
        ):
            raise BadFileError(source, "回执条目无效")
        out.append((since, last))
    return out
