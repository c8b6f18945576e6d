"""Who sent a bundle, and whether it may: the header's claims, the signer's standing, replays.

Everything here runs before a row is looked at: the meta's format and sender, the signer as the
trust store knows it (revoked, only a recipient, without a division, claiming a division that is
not its own), a number already merged, a device id that belongs to another key.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, select

from app.database.base import table_of
from app.database.migrate import known_revisions
from app.database.models import BundleLedger
from app.domain.errors import BadFileError
from app.domain.permissions import in_subtree
from app.sync import keys

BUNDLE_FORMAT = "fpa-bundle/1"
_DEVICE = re.compile(r"^[0-9a-f]{16}$")
_DIVISION = re.compile(r"^\d{12}$")


def standing(signer: keys.Authority | None, division: str, source: str) -> keys.Authority | None:
    """The signer as the trust store knows it; refuses a revoked key, a recipient that signs nothing,
    a key without a division, and a sender claiming a division outside the key's. An unknown key
    is left to open_envelope, which names it."""
    if signer is None:
        return None
    name = f"发送方“{signer.name}”（密钥 {signer.key_id}）"
    if signer.revoked_at is not None:
        raise BadFileError(
            source, f"{name}的密钥已于 {signer.revoked_at:%Y-%m-%d} 被上级吊销，之后的同步文件一律拒收"
        )
    if not signer.is_trusted_signer:
        raise BadFileError(source, f"{name}只是接收方，不是本机信任的发送方")
    if signer.division_code is None:
        raise BadFileError(source, f"{name}的密钥没有登记所属区划，请上级用新版程序重新签发配置包")
    # A station installation carries its county's code while its key holds a township: the two lie
    # on one line of the tree. Disjoint, the file claims to be from somewhere its key is not.
    if not (in_subtree(division, signer.division_code) or in_subtree(signer.division_code, division)):
        raise BadFileError(
            source,
            f"{name}自称区划 {division}，不在该密钥的区划 {signer.division_code} 范围内，文件可能被冒用",
        )
    return signer


def check_meta(meta: dict[str, Any], signer_key_id: str, source: str) -> tuple[str, str, int]:
    if meta.get("format") != BUNDLE_FORMAT:
        raise BadFileError(source, "同步文件格式版本不受支持，请升级程序")
    sender = meta.get("sender")
    seq = meta.get("seq")
    if not isinstance(sender, dict) or not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        raise BadFileError(source, "同步文件的发送方信息不完整")
    device, division = sender.get("device"), sender.get("division")
    if (
        not isinstance(device, str)
        or not _DEVICE.match(device)
        or not isinstance(division, str)
        or not _DIVISION.match(division)
    ):
        raise BadFileError(source, "同步文件的发送方信息无效")
    if sender.get("key_id") != signer_key_id:
        raise BadFileError(source, "发送方声明的密钥与签名密钥不一致，文件可能被篡改")
    revision = meta.get("schema_revision")
    if revision not in known_revisions():
        raise BadFileError(source, f"来自更新版本的程序（数据结构版本 {revision}），请先升级本程序")
    for name in ("since_seq", "last_change_seq"):
        value = meta.get(name)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            raise BadFileError(source, "同步文件的范围信息无效")
    return device, division, seq


def refuse_replay(conn: Connection, device: str, seq: int, digest: str, source: str) -> None:
    ledger = table_of(BundleLedger)
    found = conn.execute(
        select(ledger.c.bundle_hash, ledger.c.merged_at).where(
            ledger.c.sender_device == device, ledger.c.seq == seq
        )
    ).first()
    if found is None:
        return
    if found.bundle_hash == digest:
        raise BadFileError(source, f"该同步文件已于 {found.merged_at:%Y-%m-%d %H:%M} 合并过（重复导入）")
    raise BadFileError(
        source, f"发送方的第 {seq} 号同步文件已合并过另一份内容不同的文件，疑似重放或设备数据被还原"
    )


def refuse_borrowed_device(conn: Connection, device: str, key_id: str, source: str) -> None:
    """A device id belongs to the key that first sent bundles under it."""
    ledger = table_of(BundleLedger)
    owner = conn.scalar(
        select(ledger.c.sender_key_id).where(ledger.c.sender_device == device).order_by(ledger.c.id).limit(1)
    )
    if owner is not None and owner != key_id:
        raise BadFileError(
            source,
            f"设备编号 {device} 已属于另一把密钥（{owner}），此文件却由密钥 {key_id} 签名，疑似冒用设备编号",
        )
