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
from app.database.models import BundleExport, BundleLedger
from app.database.session import META_DIVISION, Database
from app.domain.errors import BadFileError
from app.sync import keys, state
from app.sync.bundle import read_bundle_file
from app.sync.envelope import expect_kind, open_envelope, read_header, seal, write_atomically
from app.sync.identity import Identity
from app.sync.jsondoc import strict_loads

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
    """Advance what this device considers acknowledged, from a receipt of one of its receivers.

    Only the receivers named in this device's setup package may confirm; every entry for this
    device must match, by number and hash, a bundle it really wrote; the acknowledged position
    moves by the ranges this device recorded for those bundles, so it never passes the last change
    it exported, whatever the receipt says. Anything else refuses the whole receipt."""
    source = path.name
    data = read_bundle_file(path)
    header = read_header(data, source=source)
    expect_kind(header, "receipt", source)
    if header.encrypted:
        # FORMATS.md: receipts travel in the clear (they name bundles, not people).
        raise BadFileError(source, "回执不应加密（回执只列出同步文件的编号和校验和），这不是本程序写出的回执")
    with db.reader.connect() as conn:
        receivers = keys.receipt_signers(conn)
        known = keys.authority(conn, header.signer_key_id)
        conn.rollback()
    if header.signer_key_id not in receivers:
        who = f"“{header.signer_name}”（密钥 {header.signer_key_id}）"
        if known is not None and known.revoked_at is not None:
            raise BadFileError(source, f"回执的签发方{who}的密钥已被吊销")
        raise BadFileError(source, f"回执的签发方{who}不是本机配置包中登记的接收方，只有接收方才能确认收到")
    opened = open_envelope(
        data,
        source=source,
        trusted_signers=receivers,
        identity=None,
        expected_kind="receipt",
        max_output=64 * 1024 * 1024,
    )
    entries = _entries(opened.payload, source, db.device_id)
    exports = table_of(BundleExport)
    with db.engine.begin() as conn:
        written = {
            r.seq: r
            for r in conn.execute(
                select(exports.c.seq, exports.c.bundle_hash, exports.c.since_seq, exports.c.last_change_seq)
            )
        }
        numbered = state.get_int(conn, state.BUNDLE_SEQ)
        ranges: list[tuple[int, int]] = []
        for i, (seq, digest) in enumerate(entries, start=1):
            mine = written.get(seq)
            if mine is None and seq <= numbered and not any(n <= seq for n in written):
                continue  # written before this program kept the list: it confirms nothing, moves nothing
            if mine is None or mine.bundle_hash != digest:
                raise BadFileError(
                    source, f"回执第 {i} 条（第 {seq} 号同步文件）与本机写出的同步文件不符，回执可能是伪造的"
                )
            ranges.append((mine.since_seq, mine.last_change_seq))
        before = acked = state.get_int(conn, state.ACKED_SEQ)
        ceiling = state.get_int(conn, state.LAST_EXPORTED_SEQ)
        # A bundle acknowledges up to its last change only if it started no later than what is
        # already acknowledged; otherwise changes between would be skipped.
        moved = True
        while moved:
            moved = False
            for since, last in ranges:
                if since <= acked < last:
                    acked, moved = last, True
        acked = min(acked, max(ceiling, before))
        if acked != before:
            state.put(conn, state.ACKED_SEQ, acked)
    return ReceiptResult(len(entries), before, acked)


def _entries(data: bytes, source: str, device: str) -> list[tuple[int, str]]:
    """(bundle number, hash) of every entry for this device; the rest of the receipt checked too."""
    try:
        doc: Any = strict_loads(data)
    except ValueError:
        raise BadFileError(source, "回执内容不是有效的 JSON") from None
    if (
        not isinstance(doc, dict)
        or doc.get("format") != RECEIPT_FORMAT
        or not isinstance(doc.get("bundles"), list)
    ):
        raise BadFileError(source, "回执格式不受支持")
    out: list[tuple[int, str]] = []
    for item in doc["bundles"]:
        if not isinstance(item, dict) or not isinstance(item.get("sender_device"), str):
            raise BadFileError(source, "回执条目无效")
        if item["sender_device"] != device:
            continue
        seq, digest = item.get("seq"), item.get("hash")
        if (
            type(seq) is not int
            or not 0 < seq < 2**53
            or not isinstance(digest, str)
            or not _HASH.match(digest)
        ):
            raise BadFileError(source, "回执条目无效")
        out.append((seq, digest))
    return out
