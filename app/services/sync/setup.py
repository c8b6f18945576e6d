"""Sync set-up as the user does it: this computer's keys, and the setup packages it signs and imports."""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.database.divisions import read_division_csv
from app.domain.errors import BadFileError, UserInputError
from app.domain.permissions import Permission
from app.domain.validation import normalize_division_code
from app.paths import resource
from app.services.shared.audit import AuditAction, audit
from app.services.shared.scope import ensure_may
from app.services.shared.workspace import Workspace
from app.sync import identity as ident
from app.sync.setup_package import SetupResult, build_setup_package, import_setup_package, signer_of
from app.sync.setup_parse import role_for

_LEVEL_NAMES = {"province": "省级", "county": "县级", "station": "乡镇级"}


@dataclass(frozen=True)
class PublicKeyRow:
    name: str
    key_id: str
    age_recipient: str
    signing_public_key: str
    folder: str


MIN_PASSPHRASE = 8


def passphrase_problems(passphrase: str, repeated: str | None = None) -> list[str]:
    """What is wrong with a new passphrase for the device keys, in Chinese (the dialog shows it as
    it is typed; ``new_identity`` refuses it again). ``repeated`` None: the repeat is not typed yet."""
    if len(passphrase) < MIN_PASSPHRASE:
        return [f"口令至少 {MIN_PASSPHRASE} 位（已输入 {len(passphrase)} 位）。"]
    if repeated is not None and repeated != passphrase:
        return ["两次输入的口令不一致。"]
    return []


def new_identity(folder: Path, name: str, passphrase: str | None) -> PublicKeyRow:
    """This node's device keys; ``passphrase`` None stores them unprotected (tests, the demo)."""
    if passphrase is not None and (problems := passphrase_problems(passphrase)):
        raise UserInputError(problems[0])
    pub = ident.create_identity(folder, name, passphrase)
    return _row(pub, folder)


def show_identity(folder: Path) -> PublicKeyRow:
    return _row(ident.load_public(folder), folder)


def write_key_file(ws: Workspace, identity_dir: Path, out_dir: Path) -> Path:
    """The public half of this computer's keys, written to a USB stick for the level above, which
    needs it to issue this computer's setup package; the secret half never leaves the folder."""
    pub = ident.load_public(identity_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"identity-{pub.key_id}.json"
    ident.write_atomically(out, (identity_dir / ident.PUBLIC_FILE).read_bytes())
    audit(ws, AuditAction.EXPORT, out.name, {"kind": "key", "key_id": pub.key_id})
    return out


def _row(pub: ident.PublicIdentity, folder: Path) -> PublicKeyRow:
    return PublicKeyRow(
        pub.name,
        pub.key_id,
        pub.age_recipient,
        base64.b64encode(pub.signing_public_key).decode("ascii"),
        str(folder),
    )


def load_public_file(path: Path) -> ident.PublicIdentity:
    """A public identity from an identity folder or its identity.json."""
    if path.is_dir():
        return ident.load_public(path)
    try:
        return ident.PublicIdentity.from_json(path.read_bytes(), source=path.name)
    except OSError as exc:
        raise UserInputError(f"无法读取公钥文件“{path}”：{exc.strerror}") from None


def export_setup(
    identity_dir: Path,
    passphrase: str | None,
    out: Path,
    *,
    division: str,
    role: str | None = None,
    recipients: Sequence[tuple[Path, str]] = (),
    signers: Sequence[tuple[Path, str]] = (),
    divisions_csv: Path | None = None,
    catalogue: Path | None = None,
    indicators: Path | None = None,
) -> Path:
    """Sign a setup package: ``recipients`` and ``signers`` are (key folder or identity.json,
    division code) pairs; the role of every key follows from its division's level."""
    home = normalize_division_code(division)
    if role is not None and role != role_for(home):
        raise UserInputError(f"区划 {home} 是{_LEVEL_NAMES[role_for(home)]}，与所给角色“{role}”不符。")
    issuer = ident.unlock(identity_dir, passphrase)
    divisions = read_division_csv(divisions_csv) if divisions_csv else None
    return build_setup_package(
        issuer,
        home,
        out,
        recipients=[(load_public_file(p), code) for p, code in recipients],
        signers=[(load_public_file(p), code) for p, code in signers],
        divisions=divisions,
        catalogue=read_json_list(catalogue or resource("setup", "catalogue.json")),
        indicators=read_json_list(indicators or resource("setup", "indicators.json")),
    )


def read_json_list(path: Path) -> list[dict[str, object]]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise BadFileError(str(path), "不是有效的 JSON 列表") from None
    if not isinstance(doc, list):
        raise BadFileError(str(path), "不是有效的 JSON 列表")
    return doc


def setup_signer(path: Path) -> tuple[str, str]:
    return signer_of(path)


def import_setup(ws: Workspace, path: Path, *, trust: str | None = None) -> SetupResult:
    ensure_may(ws, Permission.MERGE)
    result = import_setup_package(ws.db, path, trust=trust)
    audit(
        ws,
        AuditAction.SETUP_IMPORT,
        path.name,
        {
            "package_id": result.package_id,
            "signer": result.signer,
            "keys": result.keys,
            "divisions_added": result.divisions_added,
            "catalogue": result.catalogue,
            "indicators": result.indicators,
        },
    )
    return result
