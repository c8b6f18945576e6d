"""The envelope's byte layout: framing, header fields and their checks, the refusal reasons.

Parsing trusts nothing: it checks the structure of what a file claims to be (kind, sender, sizes)
and refuses anything malformed with a ``BadFileError`` whose reason is shown to the user.
Sealing and opening (signature, decryption, checksums, decompression) are in envelope.py.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import struct
from dataclasses import dataclass
from typing import Any, NoReturn

from app.domain.errors import BadFileError
from app.sync.identity import key_id_for

# Fixed for every version, so that an old program can still read the header of a newer file and say
# "too new" instead of "not ours". The high first byte catches 7-bit transfers, the final newline
# catches text-mode line-ending conversion (the same trick as PNG's signature).
MAGIC = b"\x89FPAENV\n"
VERSION = 1

COMPRESSION_GZIP = "gzip"
COMPRESSION_NONE = "none"

MAX_HEADER_BYTES = 1024 * 1024

SIGNATURE_BYTES = 64

U32 = struct.Struct(">I")
U64 = struct.Struct(">Q")
_SHA256_HEX = re.compile(r"[0-9a-f]{64}")
_KEY_ID = re.compile(r"[0-9a-f]{16}")

# Reasons shown to the user (inside BadFileError's "文件…未导入：<reason>。数据库未做任何修改。").
R_NOT_ENVELOPE = "不是同步文件（文件开头的标识不对）"
R_TRUNCATED = "文件不完整（可能在拷贝时中断），请从原处重新拷贝"
R_TRAILING = "文件末尾有多余的数据，文件已损坏"
R_HEADER_DAMAGED = "文件头已损坏"
R_TOO_NEW = "格式版本过新（第 {found} 版，本程序只认识到第 {known} 版），请升级程序"
R_WRONG_KIND = "文件类型不符：这里需要{expected}，而这个文件是{found}"
R_UNKNOWN_SIGNER = "发送方不受信任（未知的签名密钥 {key_id}，自称“{name}”）"
R_KEY_MISMATCH = "文件中的签名公钥与本机登记的密钥 {key_id} 不一致，文件可能被篡改"
R_BAD_SIGNATURE = "签名无效，文件可能被篡改"
R_NO_KEY = "文件已加密，但本机还没有解密密钥"
R_NOT_FOR_US = "不是发给本机的（无法用本机密钥解密）"
R_CHECKSUM = "校验和不符，文件内容已损坏"
R_COMPRESSION = "压缩方式“{found}”不认识，请升级程序"
R_DECOMPRESS = "压缩数据已损坏，无法解压"
R_BOMB = "解压后超过上限（{limit}），疑似压缩炸弹"
R_SIZE = "解压后的大小与文件头记录的不一致"


@dataclass(frozen=True)
class EnvelopeHeader:
    """The header of an envelope. Straight from the file: nothing in it is trusted until opened."""

    version: int
    kind: str
    created: str
    signer_key_id: str
    signer_name: str
    signer_public_key: bytes
    encrypted: bool
    compression: str
    packed_sha256: str
    payload_sha256: str
    payload_size: int
    meta: dict[str, Any]


@dataclass(frozen=True)
class Frame:
    header: EnvelopeHeader
    body_start: int
    body_end: int
    signed_end: int  # offset of the signature: everything before it is signed


def parse(data: bytes, source: str) -> Frame:
    if len(data) < len(MAGIC):
        # An empty file or one cut inside the magic is an interrupted copy, not a stranger's file.
        refuse(source, R_TRUNCATED if MAGIC.startswith(data) else R_NOT_ENVELOPE)
    if data[: len(MAGIC)] != MAGIC:
        refuse(source, R_NOT_ENVELOPE)
    pos = len(MAGIC)
    header_length, pos = _read_int(data, pos, U32, source)
    if header_length > MAX_HEADER_BYTES:
        refuse(source, f"{R_HEADER_DAMAGED}（长度 {header_length} 超过上限）")
    header_end = _advance(data, pos, header_length, source)
    raw_header = _decode_header_json(data[pos:header_end], source)
    # The version is looked at before the rest of the framing: everything after the header may
    # change in a later version, so a newer file is reported as newer rather than as damaged.
    version = raw_header.get("version")
    if type(version) is not int or version < 1:
        refuse(source, f"{R_HEADER_DAMAGED}（版本号）")
    if version > VERSION:
        refuse(source, R_TOO_NEW.format(found=version, known=VERSION))
    body_length, body_start = _read_int(data, header_end, U64, source)
    body_end = _advance(data, body_start, body_length, source)
    signature_length, signature_start = _read_int(data, body_end, U32, source)
    if signature_length != SIGNATURE_BYTES:
        refuse(source, R_BAD_SIGNATURE)
    end = _advance(data, signature_start, SIGNATURE_BYTES, source)
    if end != len(data):
        refuse(source, R_TRAILING)
    header = _header_from_json(raw_header, version, source)
    return Frame(header=header, body_start=body_start, body_end=body_end, signed_end=signature_start)


def _read_int(data: bytes, pos: int, codec: struct.Struct, source: str) -> tuple[int, int]:
    end = _advance(data, pos, codec.size, source)
    (value,) = codec.unpack_from(data, pos)
    return int(value), end


def _advance(data: bytes, pos: int, length: int, source: str) -> int:
    if length > len(data) - pos:
        refuse(source, R_TRUNCATED)
    return pos + length


def _decode_header_json(raw: bytes, source: str) -> dict[str, Any]:
    try:
        obj = json.loads(
            raw.decode("utf-8"),
            object_pairs_hook=_no_duplicate_keys,
            parse_constant=_no_constants,
        )
    except (ValueError, RecursionError):  # JSONDecodeError, UnicodeDecodeError; absurd nesting
        refuse(source, f"{R_HEADER_DAMAGED}（不是有效的 JSON）")
    if not isinstance(obj, dict):
        refuse(source, f"{R_HEADER_DAMAGED}（不是 JSON 对象）")
    return obj


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # Another reader might keep the first of two equal keys where Python keeps the last; refusing
    # them keeps every program's view of a signed header the same.
    obj = dict(pairs)
    if len(obj) != len(pairs):
        raise ValueError("duplicate key")
    return obj


def _no_constants(name: str) -> NoReturn:
    raise ValueError(f"{name} is not JSON")


def _header_from_json(obj: dict[str, Any], version: int, source: str) -> EnvelopeHeader:
    def damaged(what: str) -> NoReturn:
        refuse(source, f"{R_HEADER_DAMAGED}（{what}）")

    kind = obj.get("kind")
    if not isinstance(kind, str) or not kind:
        damaged("文件类型")
    created = obj.get("created")
    if not isinstance(created, str):
        damaged("生成时间")
    signer = obj.get("signer")
    if not isinstance(signer, dict):
        damaged("发送方")
    key_id = signer.get("key_id")
    name = signer.get("name")
    public_text = signer.get("public_key")
    if not isinstance(key_id, str) or not _KEY_ID.fullmatch(key_id) or not isinstance(name, str):
        damaged("发送方")
    if not isinstance(public_text, str):
        damaged("发送方公钥")
    try:
        public_key = base64.b64decode(public_text, validate=True)
    except (binascii.Error, ValueError):
        damaged("发送方公钥")
    if len(public_key) != 32 or key_id_for(public_key) != key_id:
        damaged("发送方公钥与密钥编号不符")
    encrypted = obj.get("encrypted")
    if not isinstance(encrypted, bool):
        damaged("加密标记")
    compression = obj.get("compression")
    if not isinstance(compression, str):
        damaged("压缩方式")
    if compression not in (COMPRESSION_GZIP, COMPRESSION_NONE):
        refuse(source, R_COMPRESSION.format(found=compression[:40]))
    packed_sha256 = obj.get("packed_sha256")
    payload_sha256 = obj.get("payload_sha256")
    if not isinstance(packed_sha256, str) or not _SHA256_HEX.fullmatch(packed_sha256):
        damaged("校验和")
    if not isinstance(payload_sha256, str) or not _SHA256_HEX.fullmatch(payload_sha256):
        damaged("校验和")
    payload_size = obj.get("payload_size")
    if type(payload_size) is not int or payload_size < 0:
        damaged("数据大小")
    meta = obj.get("meta")
    if not isinstance(meta, dict):
        damaged("附加信息")
    return EnvelopeHeader(
        version=version,
        kind=kind,
        created=created,
        signer_key_id=key_id,
        signer_name=name,
        signer_public_key=public_key,
        encrypted=encrypted,
        compression=compression,
        packed_sha256=packed_sha256,
        payload_sha256=payload_sha256,
        payload_size=payload_size,
        meta=meta,
    )


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.0f} MiB"
    if size >= 1024:
        return f"{size / 1024:.0f} KiB"
    return f"{size} 字节"


def refuse(source: str, reason: str) -> NoReturn:
    raise BadFileError(source, reason)
