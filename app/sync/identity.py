"""A node's keys: an age X25519 pair to receive encrypted files, an Ed25519 pair to sign what it sends.

On disk an identity is a folder (layout in docs/FORMATS.md, "Identities"):

- ``identity.json`` — the public half, safe to copy anywhere;
- ``private.age`` — the secret keys, encrypted with age's own scrypt passphrase mode, or
- ``private.json`` — the secret keys in the clear (mode 0600), only when the user chose no passphrase
  (tests, demo data); the document itself says it is unprotected.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from app.domain.errors import BadFileError, UserInputError

IDENTITY_FORMAT = "fpa-identity/1"
PRIVATE_FORMAT = "fpa-private-key/1"
PUBLIC_FILE = "identity.json"
PROTECTED_FILE = "private.age"
UNPROTECTED_FILE = "private.json"

# 16 hex characters = 64 bits. The key id is only a label to look the full key up by: every check
# compares the whole 32-byte public key, so a collision can confuse a message but never fool a check.
KEY_ID_HEX_CHARS = 16
_ED25519_KEY_BYTES = 32


def key_id_for(signing_public_key: bytes) -> str:
    """The short fingerprint of a signing public key: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(signing_public_key).hexdigest()[:KEY_ID_HEX_CHARS]


@dataclass(frozen=True)
class PublicIdentity:
    """What others need to know about a node: where to encrypt to and which key signs its files."""

    name: str
    age_recipient: str
    signing_public_key: bytes
    key_id: str
    created: str = ""

    def to_json(self) -> dict[str, str]:
        """The JSON object stored in ``identity.json`` and embedded in setup packages."""
        return {
            "format": IDENTITY_FORMAT,
            "name": self.name,
            "created": self.created,
            "age_recipient": self.age_recipient,
            "signing_public_key": base64.b64encode(self.signing_public_key).decode("ascii"),
            "key_id": self.key_id,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | str | bytes, *, source: str = "公钥信息") -> PublicIdentity:
        """Read and check the object written by :meth:`to_json` (or its text).

        Raises ``BadFileError(source, reason)`` when anything is missing, malformed or inconsistent
        (a key id that does not belong to the key, a recipient that is not an age X25519 key).
        """
        obj = _load_json_object(data, source) if isinstance(data, str | bytes) else data
        if not isinstance(obj, Mapping):
            raise BadFileError(source, "公钥信息不是 JSON 对象")
        _check_format(obj, IDENTITY_FORMAT, source)
        name = _str_field(obj, "name", source)
        if not name.strip():
            raise BadFileError(source, "公钥信息缺少名称")
        created = obj.get("created", "")
        if not isinstance(created, str):
            raise BadFileError(source, "公钥信息的字段 created 格式不对")
        recipient = _str_field(obj, "age_recipient", source)
        try:
            pyrage.x25519.Recipient.from_str(recipient)
        except pyrage.RecipientError as exc:
            raise BadFileError(source, "加密公钥（age_recipient）格式不对") from exc
        signing_public_key = _b64_field(obj, "signing_public_key", source)
        try:
            Ed25519PublicKey.from_public_bytes(signing_public_key)
        except ValueError as exc:
            raise BadFileError(source, "签名公钥（signing_public_key）不是有效的 Ed25519 公钥") from exc
        key_id = _str_field(obj, "key_id", source)
        if key_id != key_id_for(signing_public_key):
            raise BadFileError(source, f"密钥编号 {key_id} 与签名公钥不符")
        return cls(name, recipient, signing_public_key, key_id, created)


@dataclass(frozen=True)
class Identity:
    """An unlocked identity: the public half plus the secret keys. Never written anywhere as is."""

    public: PublicIdentity
    # repr=False: an Identity that lands in a log line or a traceback must not carry the secrets along.
    age_identity: pyrage.x25519.Identity = field(repr=False)
    signing_key: Ed25519PrivateKey = field(repr=False)

    def sign(self, data: bytes) -> bytes:
        """An Ed25519 signature (64 bytes) over ``data``."""
        return self.signing_key.sign(data)


def verify(public: PublicIdentity | bytes, data: bytes, signature: bytes) -> bool:
    """True when ``signature`` is a valid Ed25519 signature of ``data`` by ``public`` (or a raw key)."""
    raw = public.signing_public_key if isinstance(public, PublicIdentity) else public
    try:
        Ed25519PublicKey.from_public_bytes(raw).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


def has_identity(folder: Path) -> bool:
    """True when ``folder`` holds an identity (its public file), complete or not."""
    return (Path(folder) / PUBLIC_FILE).exists()


def is_protected(folder: Path) -> bool:
    """True when the secret keys in ``folder`` are encrypted with a passphrase."""
    return (Path(folder) / PROTECTED_FILE).exists()


def create_identity(folder: Path, name: str, passphrase: str | None) -> PublicIdentity:
    """Make new keys for this node and store them in ``folder`` (created if needed).

    ``passphrase=None`` stores the secret keys unencrypted (tests, demo); an empty passphrase is
    refused rather than taken to mean "none", so that a blank field never silently drops protection.
    An existing identity is never overwritten.
    """
    folder = Path(folder)
    name = name.strip()
    if not name:
        raise UserInputError("请填写密钥名称（例如本机所在的乡镇或县）。")
    if passphrase is not None and not passphrase:
        raise UserInputError("口令不能为空。如确实不设口令，请选择“不设口令”。")
    existing = [n for n in (PUBLIC_FILE, PROTECTED_FILE, UNPROTECTED_FILE) if (folder / n).exists()]
    if existing:
        raise UserInputError(
            f"文件夹“{folder}”中已有密钥文件（{'、'.join(existing)}），没有覆盖。"
            "如确需重新生成，请先把旧的密钥文件夹移到别处保存。"
        )
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)

    age_identity = pyrage.x25519.Identity.generate()
    signing_key = Ed25519PrivateKey.generate()
    signing_public_key = signing_key.public_key().public_bytes_raw()
    public = PublicIdentity(
        name=name,
        age_recipient=str(age_identity.to_public()),
        signing_public_key=signing_public_key,
        key_id=key_id_for(signing_public_key),
        created=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    secret = {
        "format": PRIVATE_FORMAT,
        "key_id": public.key_id,
        "protected": passphrase is not None,
        "age_secret_key": str(age_identity),
        "signing_private_key": base64.b64encode(signing_key.private_bytes_raw()).decode("ascii"),
    }
    secret_bytes = _dump_json(secret)
    # The secret file goes first and identity.json last: identity.json is what marks the folder as
    # holding an identity, so it must not exist unless its secret half does.
    if passphrase is not None:
        encrypted: bytes = pyrage.passphrase.encrypt(secret_bytes, passphrase)
        write_atomically(folder / PROTECTED_FILE, encrypted, mode=0o600)
    else:
        write_atomically(folder / UNPROTECTED_FILE, secret_bytes, mode=0o600)
    write_atomically(folder / PUBLIC_FILE, _dump_json(public.to_json()), mode=0o644)
    return public


def load_public(folder: Path) -> PublicIdentity:
    """The public half of the identity in ``folder``; no passphrase needed."""
    path = Path(folder) / PUBLIC_FILE
    return PublicIdentity.from_json(_read_file(path), source=str(path))


def unlock(folder: Path, passphrase: str | None) -> Identity:
    """Load the identity in ``folder`` with its secret keys.

    A wrong (or missing) passphrase raises ``UserInputError``; damaged or mismatched files raise
    ``BadFileError``. A passphrase given for an unprotected identity is ignored.
    """
    folder = Path(folder)
    public = load_public(folder)
    protected_path = folder / PROTECTED_FILE
    plain_path = folder / UNPROTECTED_FILE
    if protected_path.exists() and plain_path.exists():
        # Refuse to guess: one of them is stale, and picking the wrong one could silently
        # downgrade a protected key to the unprotected copy.
        raise BadFileError(str(folder), "密钥文件夹中同时有 private.age 和 private.json，无法判断哪一个有效")
    if protected_path.exists():
        if not passphrase:
            raise UserInputError("本机密钥受口令保护，请输入口令。")
        blob = _read_file(protected_path)
        try:
            secret_bytes: bytes = pyrage.passphrase.decrypt(blob, passphrase)
        except pyrage.DecryptError as exc:
            raise UserInputError(
                "口令不正确，无法解锁本机密钥。请重新输入；如确认口令无误，可能是密钥文件已损坏。"
            ) from exc
        source = str(protected_path)
    elif plain_path.exists():
        secret_bytes = _read_file(plain_path)
        source = str(plain_path)
    else:
        raise BadFileError(str(folder), "找不到私钥文件（private.age 或 private.json）")
    return _identity_from_secret(public, secret_bytes, source)


def write_atomically(path: Path, data: bytes, *, mode: int = 0o644) -> None:
    """Write ``data`` to ``path`` so that the real name holds either the old file or the whole new one.

    The bytes go to ``.<name>.partial`` in the same folder, are flushed to the device, and only then
    renamed over the real name; a pulled USB stick or a power cut leaves at most a stray ``.partial``.
    ``mode`` applies to a newly created file (minus the umask); secret files pass 0o600 so they are
    never readable by others, not even for a moment. OS errors propagate; the real name is untouched.
    """
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    # A leftover from an interrupted earlier write was never the real file: drop it, then create
    # afresh (O_EXCL) so the new file gets ``mode`` rather than inheriting the old one's.
    partial.unlink(missing_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(partial, flags, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise
    _fsync_directory(path.parent)


def _fsync_directory(folder: Path) -> None:
    # Makes the rename itself durable. Windows cannot open a folder as a file (NTFS journals the
    # rename anyway), and some file systems (FAT on USB sticks, network shares) refuse a folder
    # fsync; the file's own bytes are already on the device by then, so those cases are skipped.
    if os.name == "nt":
        return
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def _identity_from_secret(public: PublicIdentity, secret_bytes: bytes, source: str) -> Identity:
    secret = _load_json_object(secret_bytes, source)
    _check_format(secret, PRIVATE_FORMAT, source)
    try:
        age_identity = pyrage.x25519.Identity.from_str(_str_field(secret, "age_secret_key", source))
    except pyrage.IdentityError as exc:
        raise BadFileError(source, "私钥文件中的解密密钥格式不对") from exc
    signing_key = Ed25519PrivateKey.from_private_bytes(_b64_field(secret, "signing_private_key", source))
    # The two files are written separately, so a folder can end up with halves of two identities
    # (a restored backup, a hand copy). Using such a pair would sign with a key nobody trusts.
    if (
        str(age_identity.to_public()) != public.age_recipient
        or signing_key.public_key().public_bytes_raw() != public.signing_public_key
    ):
        raise BadFileError(source, "私钥与公钥文件 identity.json 不是同一套密钥")
    return Identity(public=public, age_identity=age_identity, signing_key=signing_key)


def _read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise BadFileError(str(path), "找不到密钥文件，本机可能还没有生成密钥") from exc
    except OSError as exc:
        raise BadFileError(str(path), f"无法读取密钥文件（{exc.strerror}）") from exc


def _dump_json(obj: Mapping[str, object]) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _load_json_object(data: str | bytes, source: str) -> dict[str, Any]:
    try:
        obj = json.loads(data)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise BadFileError(source, "密钥文件不是有效的 JSON") from exc
    if not isinstance(obj, dict):
        raise BadFileError(source, "密钥文件不是 JSON 对象")
    return obj


def _check_format(obj: Mapping[str, Any], expected: str, source: str) -> None:
    found = obj.get("format")
    if found == expected:
        return
    family, _, version = expected.rpartition("/")
    if isinstance(found, str) and found.startswith(family + "/"):
        found_version = found.rpartition("/")[2]
        if found_version.isdigit() and int(found_version) > int(version):
            raise BadFileError(source, f"密钥文件的格式版本（{found}）过新，请升级程序")
    raise BadFileError(source, f"不是本程序的密钥文件（格式标记应为 {expected}）")


def _str_field(obj: Mapping[str, Any], key: str, source: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str):
        raise BadFileError(source, f"密钥文件缺少字段 {key} 或格式不对")
    return value


def _b64_field(obj: Mapping[str, Any], key: str, source: str) -> bytes:
    text = _str_field(obj, key, source)
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise BadFileError(source, f"密钥文件的字段 {key} 不是有效的 base64") from exc
    if len(raw) != _ED25519_KEY_BYTES:
        raise BadFileError(source, f"密钥文件的字段 {key} 长度不对")
    return raw
