"""Drafts of unsaved forms: one JSON file each in the drafts folder, written so a crash never halves one.

A form saves its fields here while the user types (after a short pause) and when its window
closes without saving; the next time the same form opens it offers the draft back, and the home
page lists every draft. A draft is written to a temporary file, flushed to disk (fsync) and then
moved over the old one (``os.replace`` is atomic), so after a power cut there is either the old
draft or the new one, never half of one. Draft contents are personal data: they are never logged.

``kind`` says which form (``"family"``, ``"visit"`` …), ``key`` which record (a record id, or
``"new"`` for a record not saved yet). ``data`` must be JSON: text, numbers, booleans, lists,
dicts (dates as ISO text).

When the open database is encrypted, so is every draft written for it: the whole draft (title
included) is sealed with AES-256-GCM under a key derived (HKDF-SHA256) from the database key, with
the draft's file name as associated data, so a draft file reveals nothing without a sign-in and
cannot be passed off under another form's name. Drafts of another database, which this key does
not open, are left alone and not listed.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.domain.errors import UserInputError
from app.paths import drafts_dir, ensure
from app.services.shared.workspace import Workspace

log = logging.getLogger(__name__)

_NAME = re.compile(r"[A-Za-z0-9_\-]{1,64}")
FORMAT = 1
SEALED = 2  # the format of an encrypted draft


@dataclass(frozen=True)
class DraftInfo:
    kind: str
    key: str
    title: str  # what the home page shows: 家庭：张三
    saved_at: datetime


def _path(kind: str, key: str) -> Path:
    if not _NAME.fullmatch(kind) or not _NAME.fullmatch(key):
        raise UserInputError("草稿名称无效（内部错误）。")
    return drafts_dir() / f"{kind}--{key}.json"


def _draft_key(ws: Workspace) -> bytes | None:
    if ws.db.key is None:
        return None
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"fpa drafts v1")
    return hkdf.derive(ws.db.key)


def _seal(ws: Workspace, name: str, payload: dict[str, Any]) -> dict[str, Any]:
    key = _draft_key(ws)
    if key is None:
        return payload
    nonce = secrets.token_bytes(12)
    plain = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    sealed = AESGCM(key).encrypt(nonce, plain, name.encode())
    return {
        "format": SEALED,
        "cipher": "aes-256-gcm",
        "nonce": base64.b64encode(nonce).decode("ascii"),
        "sealed": base64.b64encode(sealed).decode("ascii"),
    }


def _open(ws: Workspace, name: str, payload: dict[str, Any]) -> dict[str, Any] | None:
    if payload.get("format") != SEALED:
        return payload
    key = _draft_key(ws)
    if key is None:
        return None  # a draft of an encrypted database: nothing can be read without its sign-in
    try:
        nonce = base64.b64decode(str(payload["nonce"]), validate=True)
        sealed = base64.b64decode(str(payload["sealed"]), validate=True)
        opened = json.loads(AESGCM(key).decrypt(nonce, sealed, name.encode()))
    except (KeyError, ValueError, InvalidTag):
        return None  # another database's draft (or a damaged one): left in place
    return opened if isinstance(opened, dict) else None


def save_draft(ws: Workspace, kind: str, key: str, data: dict[str, Any], *, title: str = "") -> None:
    """Keep the form's fields; replaces the previous draft of the same form atomically."""
    target = _path(kind, key)
    ensure(target.parent)
    payload = {
        "format": FORMAT,
        "kind": kind,
        "key": key,
        "title": title,
        "saved_at": datetime.now().isoformat(timespec="seconds"),
        "data": data,
    }
    text = json.dumps(_seal(ws, target.name, payload), ensure_ascii=False, indent=1)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(temp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, target)
        _sync_folder(target.parent)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        log.warning("draft %s/%s not written: %s", kind, key, exc.strerror)  # never the contents
        raise UserInputError(
            f"草稿未能保存（{exc.strerror}）。表单内容仍在窗口中，请尽快保存记录。"
        ) from None


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles to flush."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _read(ws: Workspace, path: Path) -> dict[str, Any] | None:
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        log.warning("draft file %s unreadable; left in place", path.name)
        return None
    if not isinstance(payload, dict):
        return None
    payload = _open(ws, path.name, payload)
    if payload is None or not isinstance(payload.get("data"), dict):
        return None
    return payload


def load_draft(ws: Workspace, kind: str, key: str) -> dict[str, Any] | None:
    """The fields of the draft of this form, or None when there is none (or it cannot be read)."""
    path = _path(kind, key)
    if not path.exists():
        return None
    payload = _read(ws, path)
    return payload["data"] if payload else None


def draft_info(ws: Workspace, kind: str, key: str) -> DraftInfo | None:
    path = _path(kind, key)
    payload = _read(ws, path) if path.exists() else None
    return _info(payload) if payload else None


def _info(payload: dict[str, Any]) -> DraftInfo | None:
    try:
        saved = datetime.fromisoformat(str(payload.get("saved_at")))
    except ValueError:
        return None
    return DraftInfo(
        str(payload.get("kind", "")), str(payload.get("key", "")), str(payload.get("title", "")), saved
    )


def discard_draft(kind: str, key: str) -> None:
    """Forget a draft (after the record was saved, or the user chose to discard it)."""
    _path(kind, key).unlink(missing_ok=True)


def list_drafts(ws: Workspace) -> list[DraftInfo]:
    """Every draft waiting to be finished that this workspace can read, newest first."""
    folder = drafts_dir()
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*--*.json"):
        payload = _read(ws, path)
        info = _info(payload) if payload else None
        if info is not None:
            found.append(info)
    return sorted(found, key=lambda d: d.saved_at, reverse=True)
