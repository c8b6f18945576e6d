"""The container every file that travels between nodes is wrapped in: signed, compressed, encrypted.

Layout (all integers big-endian; full description in docs/FORMATS.md, "Envelope")::

    magic          8 bytes   b"\\x89FPAENV\\n"
    header_length  u32       at most 1 MiB
    header         JSON object, UTF-8
    body_length    u64
    body           an age file (encrypted) or the packed payload itself (not encrypted)
    sig_length     u32       always 64
    signature      Ed25519 over SIGNATURE_CONTEXT + SHA-256(every byte before the signature)

The payload is *packed* (gzip, RFC 1952) and then encrypted with age to every recipient, so a
standard tool opens it too: ``age -d -i key.txt body.age | gunzip``.

Opening follows a fixed order so that nothing from an unproven sender is ever decrypted or
decompressed: framing and header structure, then the signature against a key the caller already
trusts, then decryption, then the checksum, then decompression under a hard size cap.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import struct
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NoReturn

import pyrage

from app.domain.errors import BadFileError
from app.sync.identity import Identity, key_id_for, verify, write_atomically

__all__ = [
    "DEFAULT_MAX_OUTPUT",
    "KINDS",
    "MAGIC",
    "VERSION",
    "EnvelopeHeader",
    "OpenedEnvelope",
    "expect_kind",
    "open_envelope",
    "read_header",
    "seal",
    "write_atomically",
]

# Fixed for every version, so that an old program can still read the header of a newer file and say
# "too new" instead of "not ours". The high first byte catches 7-bit transfers, the final newline
# catches text-mode line-ending conversion (the same trick as PNG's signature).
MAGIC = b"\x89FPAENV\n"
VERSION = 1
# Prefixed to the digest before signing: the same Ed25519 key may sign other things one day, and a
# signature made for any of them must never pass as an envelope signature.
SIGNATURE_CONTEXT = b"fpa-envelope-signature/1\n"

KINDS: Mapping[str, str] = {"bundle": "同步数据包", "receipt": "回执", "setup": "配置包"}
# Bundles carry personal data (bereaved families, ID numbers): they are never written in the clear.
ENCRYPTION_REQUIRED = frozenset({"bundle"})

COMPRESSION_GZIP = "gzip"
COMPRESSION_NONE = "none"
# gzip rather than xz: fixed 32 KiB decoder memory whatever the file says (an xz header can ask for
# a dictionary of gigabytes, bad news on a 4 GB laptop), fast on old machines, and `gunzip` or
# 7-Zip opens it anywhere. Level 6 is zlib's own balance of speed and size.
_GZIP_WBITS = 16 + zlib.MAX_WBITS  # gzip container only, both ways
_GZIP_LEVEL = 6

MAX_HEADER_BYTES = 1024 * 1024
DEFAULT_MAX_OUTPUT = 512 * 1024 * 1024
SIGNATURE_BYTES = 64

_U32 = struct.Struct(">I")
_U64 = struct.Struct(">Q")
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
class OpenedEnvelope:
    """An envelope whose signature, checksums and size were all checked."""

    header: EnvelopeHeader
    payload: bytes

    @property
    def meta(self) -> dict[str, Any]:
        """The caller-supplied header fields given to :func:`seal`."""
        return self.header.meta


@dataclass(frozen=True)
class _Frame:
    header: EnvelopeHeader
    body_start: int
    body_end: int
    signed_end: int  # offset of the signature: everything before it is signed


def seal(
    kind: str,
    meta: Mapping[str, Any],
    payload: bytes,
    signer: Identity,
    recipients: list[str] | None,
    *,
    compress: bool = True,
) -> bytes:
    """Wrap ``payload`` in a signed envelope, gzip-compressed and, with ``recipients``, age-encrypted.

    ``recipients`` are age X25519 recipients (``age1...``); ``None`` leaves the payload readable by
    anyone (setup packages are public), which is refused for bundles. ``meta`` must be JSON-able;
    it travels in the header in the clear, so it must not hold personal data.
    Programming mistakes (unknown kind, bad recipient string) raise ``ValueError``.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown envelope kind {kind!r}")
    if recipients is not None and not recipients:
        raise ValueError("empty recipient list; pass None for an unencrypted envelope")
    if recipients is None and kind in ENCRYPTION_REQUIRED:
        raise ValueError(f"a {kind} carries personal data and must be encrypted to its recipients")
    if compress:
        packer = zlib.compressobj(_GZIP_LEVEL, zlib.DEFLATED, _GZIP_WBITS)
        packed = packer.compress(payload) + packer.flush()
    else:
        packed = payload
    if recipients is None:
        body = packed
    else:
        parsed = []
        for recipient in dict.fromkeys(recipients):  # dedupe, keep order
            try:
                parsed.append(pyrage.x25519.Recipient.from_str(recipient))
            except pyrage.RecipientError as exc:
                raise ValueError(f"not an age X25519 recipient: {recipient!r}") from exc
        body = pyrage.encrypt(packed, parsed)
    header = {
        "version": VERSION,
        "kind": kind,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "signer": {
            "key_id": signer.public.key_id,
            "name": signer.public.name,
            "public_key": base64.b64encode(signer.public.signing_public_key).decode("ascii"),
        },
        "encrypted": recipients is not None,
        "compression": COMPRESSION_GZIP if compress else COMPRESSION_NONE,
        "packed_sha256": hashlib.sha256(packed).hexdigest(),
        "payload_sha256": hashlib.sha256(payload).hexdigest(),
        "payload_size": len(payload),
        "meta": dict(meta),
    }
    header_bytes = json.dumps(
        header, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")
    if len(header_bytes) > MAX_HEADER_BYTES:
        raise ValueError(f"envelope header is {len(header_bytes)} bytes, over {MAX_HEADER_BYTES}")
    signed = b"".join(
        [
            MAGIC,
            _U32.pack(len(header_bytes)),
            header_bytes,
            _U64.pack(len(body)),
            body,
            _U32.pack(SIGNATURE_BYTES),
        ]
    )
    signature = signer.sign(_signed_message(signed))
    return signed + signature


def read_header(data: bytes, *, source: str) -> EnvelopeHeader:
    """Parse the framing and header of an envelope and check their structure. Trusts nothing.

    For showing what a file claims to be (kind, sender, size) before it is opened.
    """
    return _parse(data, source).header


def open_envelope(
    data: bytes,
    *,
    source: str,
    trusted_signers: Mapping[str, bytes] | Callable[[str], bytes | None],
    identity: Identity | None,
    expected_kind: str,
    max_output: int = DEFAULT_MAX_OUTPUT,
) -> OpenedEnvelope:
    """Check and unwrap an envelope; every refusal is a ``BadFileError(source, reason)``.

    ``trusted_signers`` maps a key id to the raw 32-byte Ed25519 public key this node already trusts
    (from its setup package), or is a function doing that lookup and returning None for strangers.
    ``identity`` decrypts; it may be None only for unencrypted kinds. ``max_output`` caps the size
    of the returned payload, whatever the header claims.
    """
    if expected_kind not in KINDS:
        raise ValueError(f"unknown envelope kind {expected_kind!r}")
    frame = _parse(data, source)
    header = frame.header
    expect_kind(header, expected_kind, source)

    # Trust comes from the caller's own records, never from the file: the key in the header is only
    # there so that a refusal can say which key it was.
    if isinstance(trusted_signers, Mapping):
        trusted_key = trusted_signers.get(header.signer_key_id)
    else:
        trusted_key = trusted_signers(header.signer_key_id)
    if trusted_key is None:
        _refuse(source, R_UNKNOWN_SIGNER.format(key_id=header.signer_key_id, name=header.signer_name))
    if bytes(trusted_key) != header.signer_public_key:
        _refuse(source, R_KEY_MISMATCH.format(key_id=header.signer_key_id))
    signed = memoryview(data)[: frame.signed_end]
    signature = bytes(data[frame.signed_end :])
    if not verify(trusted_key, _signed_message(signed), signature):
        _refuse(source, R_BAD_SIGNATURE)

    # From here on the bytes are exactly what a trusted node wrote; the remaining checks guard
    # against its bugs (or a stolen key), not against the courier.
    if header.payload_size > max_output:
        _refuse(source, R_BOMB.format(limit=_size_text(max_output)))
    body = bytes(data[frame.body_start : frame.body_end])
    if header.encrypted:
        if identity is None:
            _refuse(source, R_NO_KEY)
        try:
            packed: bytes = pyrage.decrypt(body, [identity.age_identity])
        except pyrage.DecryptError:
            _refuse(source, R_NOT_FOR_US)
    else:
        packed = body
    del body
    # Checked before decompressing: with several recipients a dishonest sender could give each one
    # a different plaintext; the signed digest pins the one the signature vouches for.
    if hashlib.sha256(packed).hexdigest() != header.packed_sha256:
        _refuse(source, R_CHECKSUM)
    payload = _unpack(packed, header.compression, header.payload_size, source)
    if hashlib.sha256(payload).hexdigest() != header.payload_sha256:
        _refuse(source, R_CHECKSUM)
    return OpenedEnvelope(header=header, payload=payload)


def expect_kind(header: EnvelopeHeader, expected_kind: str, source: str) -> None:
    """Refuse a file of another kind (a receipt handed in as a bundle) with the reason that says so."""
    if header.kind != expected_kind:
        found = KINDS.get(header.kind, f"“{header.kind}”")
        _refuse(source, R_WRONG_KIND.format(expected=KINDS[expected_kind], found=found))


def _unpack(packed: bytes, compression: str, declared_size: int, source: str) -> bytes:
    """Decompress, producing at most ``declared_size + 1`` bytes however small the input.

    ``declared_size`` was already checked against the caller's cap, so stopping one byte past it
    bounds the memory used; zlib stops inflating as soon as it has that many bytes.
    """
    if compression == COMPRESSION_NONE:
        payload = packed
    else:
        inflater = zlib.decompressobj(_GZIP_WBITS)
        try:
            payload = inflater.decompress(packed, declared_size + 1)
        except zlib.error:
            _refuse(source, R_DECOMPRESS)
        if len(payload) > declared_size:
            _refuse(source, R_BOMB.format(limit=_size_text(declared_size)))
        if not inflater.eof or inflater.unused_data:
            _refuse(source, R_DECOMPRESS)
    if len(payload) != declared_size:
        _refuse(source, R_SIZE)
    return payload


def _parse(data: bytes, source: str) -> _Frame:
    if len(data) < len(MAGIC):
        # An empty file or one cut inside the magic is an interrupted copy, not a stranger's file.
        _refuse(source, R_TRUNCATED if MAGIC.startswith(data) else R_NOT_ENVELOPE)
    if data[: len(MAGIC)] != MAGIC:
        _refuse(source, R_NOT_ENVELOPE)
    pos = len(MAGIC)
    header_length, pos = _read_int(data, pos, _U32, source)
    if header_length > MAX_HEADER_BYTES:
        _refuse(source, f"{R_HEADER_DAMAGED}（长度 {header_length} 超过上限）")
    header_end = _advance(data, pos, header_length, source)
    raw_header = _decode_header_json(data[pos:header_end], source)
    # The version is looked at before the rest of the framing: everything after the header may
    # change in a later version, so a newer file is reported as newer rather than as damaged.
    version = raw_header.get("version")
    if type(version) is not int or version < 1:
        _refuse(source, f"{R_HEADER_DAMAGED}（版本号）")
    if version > VERSION:
        _refuse(source, R_TOO_NEW.format(found=version, known=VERSION))
    body_length, body_start = _read_int(data, header_end, _U64, source)
    body_end = _advance(data, body_start, body_length, source)
    signature_length, signature_start = _read_int(data, body_end, _U32, source)
    if signature_length != SIGNATURE_BYTES:
        _refuse(source, R_BAD_SIGNATURE)
    end = _advance(data, signature_start, SIGNATURE_BYTES, source)
    if end != len(data):
        _refuse(source, R_TRAILING)
    header = _header_from_json(raw_header, version, source)
    return _Frame(header=header, body_start=body_start, body_end=body_end, signed_end=signature_start)


def _read_int(data: bytes, pos: int, codec: struct.Struct, source: str) -> tuple[int, int]:
    end = _advance(data, pos, codec.size, source)
    (value,) = codec.unpack_from(data, pos)
    return int(value), end


def _advance(data: bytes, pos: int, length: int, source: str) -> int:
    if length > len(data) - pos:
        _refuse(source, R_TRUNCATED)
    return pos + length


def _decode_header_json(raw: bytes, source: str) -> dict[str, Any]:
    try:
        obj = json.loads(
            raw.decode("utf-8"),
            object_pairs_hook=_no_duplicate_keys,
            parse_constant=_no_constants,
        )
    except (ValueError, RecursionError):  # JSONDecodeError, UnicodeDecodeError; absurd nesting
        _refuse(source, f"{R_HEADER_DAMAGED}（不是有效的 JSON）")
    if not isinstance(obj, dict):
        _refuse(source, f"{R_HEADER_DAMAGED}（不是 JSON 对象）")
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
        _refuse(source, f"{R_HEADER_DAMAGED}（{what}）")

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
        _refuse(source, R_COMPRESSION.format(found=compression[:40]))
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


def _signed_message(signed: bytes | memoryview) -> bytes:
    return SIGNATURE_CONTEXT + hashlib.sha256(signed).digest()


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.0f} MiB"
    if size >= 1024:
        return f"{size / 1024:.0f} KiB"
    return f"{size} 字节"


def _refuse(source: str, reason: str) -> NoReturn:
    raise BadFileError(source, reason)
