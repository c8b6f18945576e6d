"""The envelope: round trips, every refusal, fuzzing, the layout in docs/FORMATS.md, and the age CLI.

Real keys and real crypto throughout. The helpers ``split``, ``frame`` and ``build`` below follow
the layout as documented (they do not use the module's own parser), so they also check the docs.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
import shutil
import stat
import struct
import subprocess
import time
import tracemalloc
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.errors import BadFileError
from app.sync.envelope import OpenedEnvelope, open_envelope, read_header, seal, write_atomically
from app.sync.identity import Identity, create_identity, unlock

DOC_MAGIC = b"\x89FPAENV\n"
DOC_SIGNATURE_CONTEXT = b"fpa-envelope-signature/1\n"
AGE_CLI = Path("/usr/bin/age")
MiB = 1024 * 1024
# A few hundred examples by default; FPA_FUZZ_EXAMPLES=5000 for a longer soak.
FUZZ_EXAMPLES = int(os.environ.get("FPA_FUZZ_EXAMPLES", "300"))
FUZZ = settings(max_examples=FUZZ_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PAYLOAD = json.dumps(
    [{"id": i, "family": "失独家庭", "visit": "春节走访", "cash_fen": 50000} for i in range(20)],
    ensure_ascii=False,
).encode("utf-8")
META = {"sequence": 7, "division": "360102001000", "app_version": "0.1.0"}


@dataclass(frozen=True)
class Keys:
    township: Identity  # the sender
    county: Identity  # a recipient
    province: Identity  # another recipient
    stranger: Identity  # nobody trusts it, nothing is sent to it


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Keys:
    base = tmp_path_factory.mktemp("keys")
    made = {}
    for name in ("township", "county", "province", "stranger"):
        create_identity(base / name, name, None)
        made[name] = unlock(base / name, None)
    return Keys(**made)


def sealed_bundle(keys: Keys, payload: bytes = PAYLOAD) -> bytes:
    return seal("bundle", META, payload, keys.township, [keys.county.public.age_recipient])


def open_as_county(keys: Keys, data: bytes, **overrides: Any) -> OpenedEnvelope:
    arguments: dict[str, Any] = {
        "source": "E:/bundle.fpa",
        "trusted_signers": {keys.township.public.key_id: keys.township.public.signing_public_key},
        "identity": keys.county,
        "expected_kind": "bundle",
    }
    arguments.update(overrides)
    return open_envelope(data, **arguments)


def refused(call: Callable[[], object]) -> str:
    """The reason of the BadFileError that ``call`` must raise."""
    with pytest.raises(BadFileError) as info:
        call()
    assert info.value.path == "E:/bundle.fpa"
    return info.value.reason


# --- the documented layout, written out independently --------------------------------------------


@dataclass(frozen=True)
class Parts:
    header: dict[str, Any]
    body: bytes
    signature: bytes


def split(data: bytes) -> Parts:
    assert data[:8] == DOC_MAGIC
    (header_length,) = struct.unpack(">I", data[8:12])
    header = json.loads(data[12 : 12 + header_length].decode("utf-8"))
    pos = 12 + header_length
    (body_length,) = struct.unpack(">Q", data[pos : pos + 8])
    body = data[pos + 8 : pos + 8 + body_length]
    pos += 8 + body_length
    (signature_length,) = struct.unpack(">I", data[pos : pos + 4])
    signature = data[pos + 4 :]
    assert signature_length == 64 == len(signature)
    signed = data[: pos + 4]
    assert hashlib.sha256(signed).digest() == hashlib.sha256(data[: len(data) - 64]).digest()
    return Parts(header, body, signature)


def frame(header_bytes: bytes, body: bytes, signer: Identity, *, signature: bytes | None = None) -> bytes:
    signed = (
        DOC_MAGIC
        + struct.pack(">I", len(header_bytes))
        + header_bytes
        + struct.pack(">Q", len(body))
        + body
        + struct.pack(">I", 64)
    )
    if signature is None:
        signature = signer.sign(DOC_SIGNATURE_CONTEXT + hashlib.sha256(signed).digest())
    return signed + signature


def build(header: dict[str, Any], body: bytes, signer: Identity) -> bytes:
    return frame(json.dumps(header, ensure_ascii=False).encode("utf-8"), body, signer)


def plain_header(signer: Identity, packed: bytes, payload: bytes, **changes: Any) -> dict[str, Any]:
    """A header for an unencrypted setup envelope whose body is ``packed`` (gzip of ``payload``)."""
    header: dict[str, Any] = {
        "version": 1,
        "kind": "setup",
        "created": "2025-01-01T00:00:00+00:00",
        "signer": {
            "key_id": signer.public.key_id,
            "name": signer.public.name,
            "public_key": base64.b64encode(signer.public.signing_public_key).decode(),
        },
        "encrypted": False,
        "compression": "gzip",
        "packed_sha256": hashlib.sha256(packed).hexdigest(),
        "payload_sha256": hashlib.sha256(payload).hexdigest(),
        "payload_size": len(payload),
        "meta": {},
    }
    header.update(changes)
    return header


def open_setup(keys: Keys, data: bytes, **overrides: Any) -> OpenedEnvelope:
    arguments: dict[str, Any] = {"expected_kind": "setup", "identity": None}
    arguments.update(overrides)
    return open_as_county(keys, data, **arguments)


def _flip(data: bytes, at: int) -> bytes:
    out = bytearray(data)
    out[at] ^= 0x10
    return bytes(out)


# --- round trips -----------------------------------------------------------------------------------


def test_bundle_round_trip(keys: Keys) -> None:
    data = sealed_bundle(keys)
    opened = open_as_county(keys, data)

    assert opened.payload == PAYLOAD
    assert opened.meta == META
    header = opened.header
    assert (header.kind, header.version, header.encrypted, header.compression) == ("bundle", 1, True, "gzip")
    assert header.signer_key_id == keys.township.public.key_id
    assert header.signer_name == "township"
    assert header.payload_size == len(PAYLOAD)
    assert header.payload_sha256 == hashlib.sha256(PAYLOAD).hexdigest()
    assert read_header(data, source="x") == header
    # The payload is not visible in the file.
    assert "失独家庭".encode() not in data


def test_every_recipient_can_open(keys: Keys) -> None:
    recipients = [keys.county.public.age_recipient, keys.province.public.age_recipient]
    data = seal("bundle", META, PAYLOAD, keys.township, recipients)
    assert open_as_county(keys, data).payload == PAYLOAD
    assert open_as_county(keys, data, identity=keys.province).payload == PAYLOAD


def test_unencrypted_envelope_follows_the_documented_layout(keys: Keys) -> None:
    data = seal("setup", {"revision": 3}, PAYLOAD, keys.township, None)
    parts = split(data)

    assert parts.header["encrypted"] is False
    assert parts.header["compression"] == "gzip"
    assert parts.header["signer"]["key_id"] == keys.township.public.key_id
    assert parts.header["meta"] == {"revision": 3}
    assert gzip.decompress(parts.body) == PAYLOAD
    assert parts.header["packed_sha256"] == hashlib.sha256(parts.body).hexdigest()
    assert open_setup(keys, data).payload == PAYLOAD


def test_body_is_a_gzip_member(keys: Keys) -> None:
    # The body is a gzip member (RFC 1952), not a bare zlib stream: `gunzip` must be able to read it.
    body = split(seal("setup", {}, PAYLOAD, keys.township, None)).body
    assert body[:2] == b"\x1f\x8b"
    with pytest.raises(zlib.error):
        zlib.decompress(body)


def test_uncompressed_and_empty_payloads(keys: Keys) -> None:
    data = seal("receipt", {}, PAYLOAD, keys.township, None, compress=False)
    assert split(data).body == PAYLOAD
    assert open_as_county(keys, data, expected_kind="receipt", identity=None).payload == PAYLOAD

    empty = seal("bundle", {}, b"", keys.township, [keys.county.public.age_recipient])
    assert open_as_county(keys, empty).payload == b""


def test_trusted_signers_may_be_a_lookup_function(keys: Keys) -> None:
    known = {keys.township.public.key_id: keys.township.public.signing_public_key}
    opened = open_as_county(keys, sealed_bundle(keys), trusted_signers=known.get)
    assert opened.payload == PAYLOAD


def test_seal_refuses_programming_mistakes(keys: Keys) -> None:
    county = [keys.county.public.age_recipient]
    with pytest.raises(ValueError, match="must be encrypted"):
        seal("bundle", {}, PAYLOAD, keys.township, None)
    with pytest.raises(ValueError, match="kind"):
        seal("letter", {}, PAYLOAD, keys.township, county)
    with pytest.raises(ValueError, match="empty recipient"):
        seal("receipt", {}, PAYLOAD, keys.township, [])
    with pytest.raises(ValueError, match="recipient"):
        seal("receipt", {}, PAYLOAD, keys.township, ["age1nonsense"])


# --- refusals --------------------------------------------------------------------------------------


def test_not_an_envelope(keys: Keys) -> None:
    for data in (b"PK\x03\x04 a zip file", b"FPAENV1\n" + bytes(100), b"\x89PNG\r\n\x1a\n" + bytes(40)):
        assert "不是同步文件" in refused(partial(open_as_county, keys, data))


@pytest.mark.parametrize("where", ["empty", "in magic", "in header length", "in header", "after header",
                                   "in body length", "in body", "before signature", "in signature",
                                   "last byte"])  # fmt: skip
def test_truncated(keys: Keys, where: str) -> None:
    data = sealed_bundle(keys)
    header_length = struct.unpack(">I", data[8:12])[0]
    body_at = 12 + header_length + 8
    cut = {
        "empty": 0,
        "in magic": 5,
        "in header length": 10,
        "in header": 12 + header_length // 2,
        "after header": 12 + header_length,
        "in body length": 12 + header_length + 3,
        "in body": body_at + 10,
        "before signature": len(data) - 66,
        "in signature": len(data) - 30,
        "last byte": len(data) - 1,
    }[where]
    reason = refused(lambda: open_as_county(keys, data[:cut]))
    assert "文件不完整" in reason
    with pytest.raises(BadFileError, match="文件不完整"):
        read_header(data[:cut], source="x")


def test_trailing_bytes(keys: Keys) -> None:
    assert "多余" in refused(lambda: open_as_county(keys, sealed_bundle(keys) + b"\n"))


def test_flipped_bits(keys: Keys) -> None:
    data = sealed_bundle(keys)
    checksum = split(data).header["payload_sha256"]
    # In the header, a change that leaves valid JSON: one hex digit of the payload checksum.
    at = data.index(checksum.encode()) + 5
    in_header = bytearray(data)
    in_header[at] = ord("0") if in_header[at] != ord("0") else ord("1")
    body = split(data).body
    in_body = _flip(data, data.index(body) + len(body) // 2)
    in_signature = _flip(data, len(data) - 10)
    for damaged in (bytes(in_header), in_body, in_signature):
        assert "签名无效" in refused(partial(open_as_county, keys, damaged))


def test_zero_and_missing_signature(keys: Keys) -> None:
    data = sealed_bundle(keys)
    zeroed = data[:-64] + bytes(64)
    assert "签名无效" in refused(lambda: open_as_county(keys, zeroed))
    unsigned = data[:-68] + struct.pack(">I", 0)
    assert "签名无效" in refused(lambda: open_as_county(keys, unsigned))


def test_untrusted_signer(keys: Keys) -> None:
    data = seal("bundle", META, PAYLOAD, keys.stranger, [keys.county.public.age_recipient])
    reason = refused(lambda: open_as_county(keys, data))
    assert "发送方不受信任" in reason
    assert keys.stranger.public.key_id in reason
    # ... even though the file carries a perfectly valid signature by its own key.
    trusting = open_as_county(
        keys, data, trusted_signers=lambda _key_id: keys.stranger.public.signing_public_key
    )
    assert trusting.payload == PAYLOAD


def test_header_claiming_another_key_is_refused(keys: Keys) -> None:
    parts = split(sealed_bundle(keys))
    stranger_key = base64.b64encode(keys.stranger.public.signing_public_key).decode()
    trust_both = {
        keys.township.public.key_id: keys.township.public.signing_public_key,
        keys.stranger.public.key_id: keys.stranger.public.signing_public_key,
    }

    # Trusted key id, another key in the header, signed by the trusted key: key id and key disagree.
    swapped = dict(parts.header, signer=dict(parts.header["signer"], public_key=stranger_key))
    data = build(swapped, parts.body, keys.township)
    assert "文件头已损坏" in refused(lambda: open_as_county(keys, data, trusted_signers=trust_both))

    # The whole signer swapped to another trusted node, but signed by the township.
    claimed = dict(
        parts.header, signer={"key_id": keys.stranger.public.key_id, "name": "x", "public_key": stranger_key}
    )
    data = build(claimed, parts.body, keys.township)
    assert "签名无效" in refused(lambda: open_as_county(keys, data, trusted_signers=trust_both))

    # A key id that maps to a different key in the trust list (what a key-id collision would look
    # like): the full key must match, the short id is never enough.
    data = seal("bundle", META, PAYLOAD, keys.stranger, [keys.county.public.age_recipient])
    colliding = {keys.stranger.public.key_id: keys.township.public.signing_public_key}
    assert "不一致" in refused(lambda: open_as_county(keys, data, trusted_signers=colliding))


def test_not_for_this_node(keys: Keys) -> None:
    data = seal("bundle", META, PAYLOAD, keys.township, [keys.stranger.public.age_recipient])
    assert "不是发给本机的" in refused(lambda: open_as_county(keys, data))
    assert "没有解密密钥" in refused(lambda: open_as_county(keys, data, identity=None))


def test_wrong_kind(keys: Keys) -> None:
    data = seal("receipt", {}, PAYLOAD, keys.township, None)
    reason = refused(lambda: open_as_county(keys, data))
    assert "文件类型不符" in reason
    assert "回执" in reason


def test_future_version(keys: Keys) -> None:
    # A later version may lay out everything after the header differently; it still says "newer".
    header = json.dumps({"version": 2, "kind": "bundle"}).encode()
    data = DOC_MAGIC + struct.pack(">I", len(header)) + header + b"whatever version 2 puts here"
    assert "版本过新" in refused(lambda: open_as_county(keys, data))
    with pytest.raises(BadFileError, match="版本过新"):
        read_header(data, source="x")


def test_checksums_and_sizes_are_checked(keys: Keys) -> None:
    packed = gzip.compress(PAYLOAD)
    wrong = "0" * 64
    for header, reason in [
        (plain_header(keys.township, packed, PAYLOAD, packed_sha256=wrong), "校验和不符"),
        (plain_header(keys.township, packed, PAYLOAD, payload_sha256=wrong), "校验和不符"),
        (plain_header(keys.township, packed, PAYLOAD, payload_size=len(PAYLOAD) + 1), "大小"),
        (plain_header(keys.township, packed, PAYLOAD, compression="zstd"), "压缩方式"),
    ]:
        data = build(header, packed, keys.township)
        assert reason in refused(partial(open_setup, keys, data))


def test_damaged_compressed_data(keys: Keys) -> None:
    for packed in (b"not gzip at all", gzip.compress(PAYLOAD)[:-6], gzip.compress(PAYLOAD) * 2):
        data = build(plain_header(keys.township, packed, PAYLOAD), packed, keys.township)
        assert "压缩数据已损坏" in refused(partial(open_setup, keys, data))


@pytest.mark.parametrize(
    "header_text",
    [
        b'{"version":1,"version":1}',  # duplicate keys
        b'{"version":1,"payload_size":NaN}',
        b"[1]",
        b"\xff\xfe{}",
        b"[" * 50_000,
        b'{"version":true}',
        b'{"version":1}',  # structurally fine JSON, fields missing
    ],
)
def test_damaged_header(keys: Keys, header_text: bytes) -> None:
    data = frame(header_text, b"body", keys.township)
    assert "文件头已损坏" in refused(lambda: open_as_county(keys, data))


@pytest.fixture(scope="module")
def zeros_100mb_gzip() -> bytes:
    return gzip.compress(bytes(100 * MiB), compresslevel=6)


def test_decompression_bomb_declared_in_header(keys: Keys) -> None:
    # 100 MB of zeros, honestly declared: refused before decryption, on the header's word.
    data = seal("bundle", {}, bytes(100 * MiB), keys.township, [keys.county.public.age_recipient])
    assert len(data) < MiB
    assert "压缩炸弹" in refused(lambda: open_as_county(keys, data, max_output=MiB))


def test_decompression_bomb_with_lying_header(keys: Keys, zeros_100mb_gzip: bytes) -> None:
    # A (compromised) trusted key declares 1000 bytes but the stream inflates to 100 MB: the inflater
    # must stop right after 1000 bytes rather than produce the lot.
    header = plain_header(keys.township, zeros_100mb_gzip, b"x" * 1000)
    data = build(header, zeros_100mb_gzip, keys.township)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        reason = refused(lambda: open_setup(keys, data, max_output=MiB))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "压缩炸弹" in reason
    assert peak < 8 * MiB
    assert time.perf_counter() - started < 2


# --- fuzzing ---------------------------------------------------------------------------------------

_positions = st.integers(min_value=0, max_value=2**20)
_mutation = st.one_of(
    st.tuples(st.just("flip"), _positions, st.integers(0, 7)),
    st.tuples(st.just("truncate"), _positions),
    st.tuples(st.just("insert"), _positions, st.binary(min_size=1, max_size=16)),
    st.tuples(st.just("delete"), _positions, st.integers(1, 16)),
    st.tuples(st.just("overwrite"), _positions, st.binary(min_size=1, max_size=8)),
)
_mutations = st.lists(_mutation, min_size=1, max_size=4)


def _mutate(data: bytes, mutations: list[tuple[Any, ...]]) -> bytes:
    out = bytearray(data)
    for op, position, *rest in mutations:
        at = position % (len(out) + 1)
        if op == "flip" and at < len(out):
            out[at] ^= 1 << rest[0]
        elif op == "truncate":
            del out[at:]
        elif op == "insert":
            out[at:at] = rest[0]
        elif op == "delete":
            del out[at : at + rest[0]]
        elif op == "overwrite":
            out[at : at + len(rest[0])] = rest[0]
    return bytes(out)


@pytest.fixture(scope="module")
def small_bundle(keys: Keys) -> bytes:
    # Small, so that random positions land in the framing and header about as often as in the body.
    return seal("bundle", {"n": 1}, PAYLOAD[:300], keys.township, [keys.county.public.age_recipient])


@FUZZ
@given(mutations=_mutations)
def test_fuzz_mutated_envelope(keys: Keys, small_bundle: bytes, mutations: list[tuple[Any, ...]]) -> None:
    data = _mutate(small_bundle, mutations)
    if data == small_bundle:
        assert open_as_county(keys, data).payload == PAYLOAD[:300]
    else:
        with pytest.raises(BadFileError):
            open_as_county(keys, data)


@FUZZ
@given(header_mutations=_mutations, body_mutations=st.lists(_mutation, max_size=2), encrypted=st.booleans())
def test_fuzz_resigned_by_trusted_key(
    keys: Keys,
    header_mutations: list[tuple[Any, ...]],
    body_mutations: list[tuple[Any, ...]],
    encrypted: bool,
) -> None:
    # What a buggy or compromised trusted node could send: damaged inside, yet correctly framed and
    # signed, with the packed checksum recomputed so damage reaches the decrypter and the inflater.
    payload = PAYLOAD[:300]
    recipients = [keys.county.public.age_recipient] if encrypted else None
    parts = split(seal("receipt", {"n": 1}, payload, keys.township, recipients))
    body = _mutate(parts.body, body_mutations)
    header = dict(parts.header)
    if not encrypted:
        header["packed_sha256"] = hashlib.sha256(body).hexdigest()
    header_text = _mutate(json.dumps(header).encode(), header_mutations)
    data = frame(header_text, body, keys.township)
    try:
        opened = open_as_county(keys, data, expected_kind="receipt")
    except BadFileError:
        return
    assert opened.payload == payload


@FUZZ
@given(tail=st.binary(max_size=200))
def test_fuzz_random_bytes(keys: Keys, tail: bytes) -> None:
    for data in (tail, DOC_MAGIC + tail, DOC_MAGIC + struct.pack(">I", len(tail)) + tail):
        with pytest.raises(BadFileError):
            read_header(data, source="x")
        with pytest.raises(BadFileError):
            open_as_county(keys, data)


# --- interoperability ------------------------------------------------------------------------------


@pytest.mark.skipif(
    not AGE_CLI.exists(), reason="Debian's age command is not installed (apt-get install age)"
)
def test_age_cli_decrypts_the_body(keys: Keys, tmp_path: Path) -> None:
    recipients = [keys.county.public.age_recipient, keys.province.public.age_recipient]
    parts = split(seal("bundle", META, PAYLOAD, keys.township, recipients))
    (tmp_path / "body.age").write_bytes(parts.body)
    key_file = tmp_path / "key.txt"
    key_file.write_text(str(keys.province.age_identity) + "\n", "ascii")
    key_file.chmod(0o600)

    result = subprocess.run(
        [str(AGE_CLI), "-d", "-i", str(key_file), str(tmp_path / "body.age")],
        capture_output=True,
        check=True,
        timeout=60,
    )
    assert hashlib.sha256(result.stdout).hexdigest() == parts.header["packed_sha256"]
    assert gzip.decompress(result.stdout) == PAYLOAD
    if shutil.which("gunzip"):
        unzipped = subprocess.run(["gunzip", "-c"], input=result.stdout, capture_output=True, check=True)
        assert unzipped.stdout == PAYLOAD


# --- write_atomically ------------------------------------------------------------------------------


def test_write_atomically_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "bundle.fpa"
    (tmp_path / ".bundle.fpa.partial").write_bytes(b"left over from a pulled stick")
    write_atomically(target, b"first")
    write_atomically(target, b"second")
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bundle.fpa"]

    write_atomically(tmp_path / "secret", b"s", mode=0o600)
    if os.name == "posix":
        assert stat.S_IMODE((tmp_path / "secret").stat().st_mode) == 0o600


def test_write_atomically_keeps_the_old_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "bundle.fpa"
    target.write_bytes(b"old")

    def pulled_stick(_fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", pulled_stick)
    with pytest.raises(OSError):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bundle.fpa"]
