"""Node identities: creation, passphrase protection, unlocking, signatures, the public JSON form."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from app.domain.errors import BadFileError, UserInputError
from app.sync.identity import (
    PROTECTED_FILE,
    PUBLIC_FILE,
    UNPROTECTED_FILE,
    PublicIdentity,
    create_identity,
    has_identity,
    is_protected,
    key_id_for,
    load_public,
    unlock,
    verify,
)

PASSPHRASE = "城关镇 correct horse battery"


@pytest.fixture(scope="module")
def protected_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # age's scrypt takes one to two seconds each way at its default work factor: make this one once.
    folder = tmp_path_factory.mktemp("protected") / "keys"
    create_identity(folder, "城关镇", PASSPHRASE)
    return folder


def test_protected_identity_unlocks_with_its_passphrase(protected_folder: Path) -> None:
    public = load_public(protected_folder)
    identity = unlock(protected_folder, PASSPHRASE)

    assert identity.public == public
    assert public.name == "城关镇"
    assert public.age_recipient.startswith("age1")
    assert str(identity.age_identity.to_public()) == public.age_recipient
    assert public.key_id == key_id_for(public.signing_public_key)
    assert len(public.key_id) == 16
    assert is_protected(protected_folder)
    assert has_identity(protected_folder)
    signature = identity.sign(b"hello")
    assert verify(public, b"hello", signature)


def test_wrong_passphrase_is_refused(protected_folder: Path) -> None:
    with pytest.raises(UserInputError, match="口令不正确"):
        unlock(protected_folder, "not the passphrase")


def test_protected_identity_needs_a_passphrase(protected_folder: Path) -> None:
    with pytest.raises(UserInputError, match="请输入口令"):
        unlock(protected_folder, None)


def test_protected_private_file_is_not_plain_text(protected_folder: Path) -> None:
    assert not (protected_folder / UNPROTECTED_FILE).exists()
    blob = (protected_folder / PROTECTED_FILE).read_bytes()
    # A standard age file in scrypt (passphrase) mode, nothing of the secret visible.
    assert blob.startswith(b"age-encryption.org/v1\n-> scrypt ")
    assert b"AGE-SECRET-KEY" not in blob
    assert b"signing_private_key" not in blob
    assert b"protected" not in blob


def test_public_file_holds_public_parts_only(protected_folder: Path) -> None:
    document = json.loads((protected_folder / PUBLIC_FILE).read_text("utf-8"))
    assert set(document) == {"format", "name", "created", "age_recipient", "signing_public_key", "key_id"}
    assert document["format"] == "fpa-identity/1"
    assert "AGE-SECRET-KEY" not in json.dumps(document)


def test_unprotected_identity_is_flagged_and_private_to_its_owner(tmp_path: Path) -> None:
    public = create_identity(tmp_path / "demo", "演示乡", None)

    private_file = tmp_path / "demo" / UNPROTECTED_FILE
    assert not (tmp_path / "demo" / PROTECTED_FILE).exists()
    assert not is_protected(tmp_path / "demo")
    document = json.loads(private_file.read_text("utf-8"))
    assert document["protected"] is False
    assert document["format"] == "fpa-private-key/1"
    if os.name == "posix":
        assert stat.S_IMODE(private_file.stat().st_mode) == 0o600
    assert unlock(tmp_path / "demo", None).public == public
    # A passphrase typed for an unprotected key changes nothing.
    assert unlock(tmp_path / "demo", "anything").public == public


def test_existing_identity_is_never_overwritten(tmp_path: Path) -> None:
    folder = tmp_path / "keys"
    create_identity(folder, "甲", None)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    with pytest.raises(UserInputError, match="没有覆盖"):
        create_identity(folder, "乙", None)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before

    # Half an identity (only the secret file) is still somebody's key.
    (folder / PUBLIC_FILE).unlink()
    with pytest.raises(UserInputError, match="没有覆盖"):
        create_identity(folder, "乙", None)


def test_blank_name_and_empty_passphrase_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UserInputError):
        create_identity(tmp_path / "a", "  ", None)
    with pytest.raises(UserInputError, match="口令不能为空"):
        create_identity(tmp_path / "b", "甲", "")
    assert not (tmp_path / "b" / PUBLIC_FILE).exists()


def test_public_identity_json_round_trip(tmp_path: Path) -> None:
    public = create_identity(tmp_path / "k", "红星村", None)

    assert PublicIdentity.from_json(public.to_json()) == public
    assert PublicIdentity.from_json(json.dumps(public.to_json())) == public
    assert PublicIdentity.from_json(json.dumps(public.to_json()).encode()) == public


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"key_id": "0000000000000000"}, "密钥编号"),
        ({"age_recipient": "age1notarecipient"}, "age_recipient"),
        ({"signing_public_key": "AAAA"}, "长度不对"),
        ({"signing_public_key": "not base64!"}, "base64"),
        ({"format": "fpa-identity/2"}, "过新"),
        ({"format": "something-else"}, "格式标记"),
        ({"name": ""}, "名称"),
        ({"name": 5}, "name"),
    ],
)
def test_public_identity_json_is_checked(tmp_path: Path, change: dict[str, object], reason: str) -> None:
    document: dict[str, object] = dict(create_identity(tmp_path / "k", "红星村", None).to_json())
    document.update(change)
    with pytest.raises(BadFileError, match=reason):
        PublicIdentity.from_json(document, source="setup.fpa")


@pytest.mark.parametrize("text", ["", "[]", "{", "null", '"x"', "[" * 100_000])
def test_public_identity_from_bad_text(text: str) -> None:
    with pytest.raises(BadFileError):
        PublicIdentity.from_json(text)


def test_verify_rejects_what_it_should(tmp_path: Path) -> None:
    alice = unlock(_new(tmp_path, "alice"), None)
    bob = unlock(_new(tmp_path, "bob"), None)
    signature = alice.sign(b"data")

    assert verify(alice.public.signing_public_key, b"data", signature)
    assert not verify(alice.public, b"datA", signature)
    assert not verify(bob.public, b"data", signature)
    assert not verify(alice.public, b"data", bytes(64))
    assert not verify(alice.public, b"data", signature[:-1])
    assert not verify(b"short key", b"data", signature)


def test_secret_keys_stay_out_of_repr(tmp_path: Path) -> None:
    identity = unlock(_new(tmp_path, "k"), None)
    assert "AGE-SECRET-KEY" not in repr(identity)
    assert identity.public.key_id in repr(identity)


def test_private_half_from_another_identity_is_refused(tmp_path: Path) -> None:
    first = _new(tmp_path, "first")
    second = _new(tmp_path, "second")
    shutil.copy(second / UNPROTECTED_FILE, first / UNPROTECTED_FILE)
    with pytest.raises(BadFileError, match="不是同一套密钥"):
        unlock(first, None)


def test_two_private_files_are_refused(tmp_path: Path) -> None:
    folder = _new(tmp_path, "k")
    (folder / PROTECTED_FILE).write_bytes(b"age-encryption.org/v1\n")
    with pytest.raises(BadFileError, match="同时有"):
        unlock(folder, None)


def test_missing_or_damaged_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(BadFileError, match="找不到密钥文件"):
        load_public(tmp_path / "nowhere")

    folder = _new(tmp_path, "k")
    (folder / UNPROTECTED_FILE).write_text("{not json", "utf-8")
    with pytest.raises(BadFileError, match="JSON"):
        unlock(folder, None)
    (folder / UNPROTECTED_FILE).unlink()
    with pytest.raises(BadFileError, match="找不到私钥文件"):
        unlock(folder, None)

    (folder / PUBLIC_FILE).write_bytes(b"\xff\xfe garbage")
    with pytest.raises(BadFileError):
        load_public(folder)


def _new(tmp_path: Path, name: str) -> Path:
    create_identity(tmp_path / name, name, None)
    return tmp_path / name
