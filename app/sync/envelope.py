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
The byte layout and its parsing are in envelope_frame.py.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pyrage

from app.sync.envelope_frame import (
    COMPRESSION_GZIP,
    COMPRESSION_NONE,
    MAGIC,
    MAX_HEADER_BYTES,
    R_BAD_SIGNATURE,
    R_BOMB,
    R_CHECKSUM,
    R_DECOMPRESS,
    R_KEY_MISMATCH,
    R_NO_KEY,
    R_NOT_FOR_US,
    R_SIZE,
    R_UNKNOWN_SIGNER,
    R_WRONG_KIND,
    SIGNATURE_BYTES,
    U32,
    U64,
    VERSION,
    EnvelopeHeader,
    parse,
    refuse,
    size_text,
)
from app.sync.identity import Identity, verify, write_atomically

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

# Prefixed to the digest before signing: the same Ed25519 key may sign other things one day, and a
# signature made for any of them must never pass as an envelope signature.
SIGNATURE_CONTEXT = b"fpa-envelope-signature/1\n"

KINDS: Mapping[str, str] = {"bundle": "同步数据包", "receipt": "回执", "setup": "配置包"}
# Bundles carry personal data (bereaved families, ID numbers): they are never written in the clear.
ENCRYPTION_REQUIRED = frozenset({"bundle"})
# gzip rather than xz: fixed 32 KiB decoder memory whatever the file says (an xz header can ask for
# a dictionary of gigabytes, bad news on a 4 GB laptop), fast on old machines, and `gunzip` or
# 7-Zip opens it anywhere. Level 6 is zlib's own balance of speed and size.
_GZIP_WBITS = 16 + zlib.MAX_WBITS  # gzip container only, both ways
_GZIP_LEVEL = 6

DEFAULT_MAX_OUTPUT = 512 * 1024 * 1024


@dataclass(frozen=True)
class OpenedEnvelope:
    """An envelope whose signature, checksums and size were all checked."""

    header: EnvelopeHeader
    payload: bytes

    @property
    def meta(self) -> dict[str, Any]:
        """The caller-supplied header fields given to :func:`seal`."""
        return self.header.meta


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
            U32.pack(len(header_bytes)),
            header_bytes,
            U64.pack(len(body)),
            body,
            U32.pack(SIGNATURE_BYTES),
        ]
    )
    signature = signer.sign(_signed_message(signed))
    return signed + signature


def read_header(data: bytes, *, source: str) -> EnvelopeHeader:
    """Parse the framing and header of an envelope and check their structure. Trusts nothing.

    For showing what a file claims to be (kind, sender, size) before it is opened.
    """
    return parse(data, source).header


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
    frame = parse(data, source)
    header = frame.header
    expect_kind(header, expected_kind, source)

    # Trust comes from the caller's own records, never from the file: the key in the header is only
    # there so that a refusal can say which key it was.
    if isinstance(trusted_signers, Mapping):
        trusted_key = trusted_signers.get(header.signer_key_id)
    else:
        trusted_key = trusted_signers(header.signer_key_id)
    if trusted_key is None:
        refuse(source, R_UNKNOWN_SIGNER.format(key_id=header.signer_key_id, name=header.signer_name))
    if bytes(trusted_key) != header.signer_public_key:
        refuse(source, R_KEY_MISMATCH.format(key_id=header.signer_key_id))
    signed = memoryview(data)[: frame.signed_end]
    signature = bytes(data[frame.signed_end :])
    if not verify(trusted_key, _signed_message(signed), signature):
        refuse(source, R_BAD_SIGNATURE)

    # From here on the bytes are exactly what a trusted node wrote; the remaining checks guard
    # against its bugs (or a stolen key), not against the courier.
    if header.payload_size > max_output:
        refuse(source, R_BOMB.format(limit=size_text(max_output)))
    body = bytes(data[frame.body_start : frame.body_end])
    if header.encrypted:
        if identity is None:
            refuse(source, R_NO_KEY)
        try:
            packed: bytes = pyrage.decrypt(body, [identity.age_identity])
        except pyrage.DecryptError:
            refuse(source, R_NOT_FOR_US)
    else:
        packed = body
    del body
    # Checked before decompressing: with several recipients a dishonest sender could give each one
    # a different plaintext; the signed digest pins the one the signature vouches for.
    if hashlib.sha256(packed).hexdigest() != header.packed_sha256:
        refuse(source, R_CHECKSUM)
    payload = _unpack(packed, header.compression, header.payload_size, source)
    if hashlib.sha256(payload).hexdigest() != header.payload_sha256:
        refuse(source, R_CHECKSUM)
    return OpenedEnvelope(header=header, payload=payload)


def expect_kind(header: EnvelopeHeader, expected_kind: str, source: str) -> None:
    """Refuse a file of another kind (a receipt handed in as a bundle) with the reason that says so."""
    if header.kind != expected_kind:
        found = KINDS.get(header.kind, f"“{header.kind}”")
        refuse(source, R_WRONG_KIND.format(expected=KINDS[expected_kind], found=found))


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
            refuse(source, R_DECOMPRESS)
        if len(payload) > declared_size:
            refuse(source, R_BOMB.format(limit=size_text(declared_size)))
        if not inflater.eof or inflater.unused_data:
            refuse(source, R_DECOMPRESS)
    if len(payload) != declared_size:
        refuse(source, R_SIZE)
    return payload


def _signed_message(signed: bytes | memoryview) -> bytes:
    return SIGNATURE_CONTEXT + hashlib.sha256(signed).digest()
