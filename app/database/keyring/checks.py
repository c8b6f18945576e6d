"""What a keyring file must look like before anything in it is used: a damaged or hostile file is
refused with a Chinese message, and nothing is written back.

The file as a whole (format, version, keyring id, the entries' table) is checked when it is read;
an entry is checked when it is about to be used (a sign-in, the recovery key), so one damaged entry
does not lock every other account out, and an administrator can still set a new password over it.
The limits are those of the format (docs/FORMATS.md, "Keyring"), with room to raise the costs later.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from typing import Any, TypeGuard

from app.domain.errors import DatabaseError

MAX_FILE_BYTES = 4 * 1024 * 1024  # a thousand accounts take about half a megabyte
MAX_ENTRIES = 10_000
MAX_PENDING = 1000  # the program keeps 50; an older or newer one may keep more, never this many
MAX_FAILURES = 10**9
_KEYRING_ID = re.compile(r"[0-9a-f]{32}")
_SLOT = re.compile(r"[0-9a-f]{64}")
_TIME = re.compile(r"[0-9T:+\-. Z]{10,40}")
_BYTES = {"nonce": (12, 12), "wrapped": (48, 48)}  # a 32-byte key and its 16-byte tag
_SALT_BYTES = (8, 64)
# What an entry may ask for: a damaged or forged keyring must not make a sign-in hang or exhaust
# memory (up to 1 GiB and 10 passes leaves room for raising the cost later).
ARGON2_LIMITS = {"time_cost": (1, 10), "memory_cost": (8, 1024 * 1024), "parallelism": (1, 16)}


class _Damaged(Exception):
    """Why the file or an entry is refused (a Chinese phrase for the message)."""


def parse(raw: bytes, name: str, fmt: str, version: int) -> dict[str, Any]:
    """The keyring document from the file's bytes; DatabaseError naming what is wrong."""
    if len(raw) > MAX_FILE_BYTES:
        raise _refusal(name, "文件过大")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        # ValueError: not JSON, or an integer of thousands of digits; RecursionError: deep nesting.
        raise _refusal(name, "不是有效的 JSON 文本") from None
    if not isinstance(data, dict) or data.get("format") != fmt:
        raise DatabaseError(f"密钥文件“{name}”已损坏或不是本程序的密钥文件，数据库无法打开。")
    found = data.get("version")
    if not _is_int(found) or found < 1:
        raise _refusal(name, "格式版本缺失或无效")
    if found > version:
        raise DatabaseError(f"密钥文件“{name}”来自更新版本的程序（格式 {found}），请先升级本程序。")
    if found != version:
        raise _refusal(name, f"格式版本 {found} 不是本程序写的版本")
    try:
        _check_document(data)
    except _Damaged as exc:
        raise _refusal(name, str(exc)) from None
    return data


def check_entry(entry: Any, name: str, *, recovery: bool) -> dict[str, Any]:
    """The entry, if it can be used as it is; DatabaseError otherwise (nothing is counted or written)."""
    try:
        if not isinstance(entry, dict):
            raise _Damaged("条目不是对象")
        _check_kdf(entry.get("kdf"), recovery=recovery)
        for field, (low, high) in _BYTES.items():
            _check_b64(entry.get(field), field, low, high)
        failures = entry.get("failures", 0)
        if not _is_int(failures) or not 0 <= failures <= MAX_FAILURES:
            raise _Damaged("失败次数无效")
        last = entry.get("last_failure")
        if last is not None and not _is_time(last):
            raise _Damaged("上次失败时间无效")
        pending = entry.get("pending", [])
        if not (isinstance(pending, list) and len(pending) <= MAX_PENDING and all(map(_is_time, pending))):
            raise _Damaged("待记入审计日志的失败记录无效")
    except _Damaged as exc:
        who = "恢复密钥的条目" if recovery else "此账户的条目"
        raise DatabaseError(
            f"密钥文件“{name}”中{who}已损坏（{exc}），数据库无法用它打开；密钥文件未做任何修改。"
            + ("" if recovery else "可用恢复密钥找回，或请系统管理员重新设置此账户的密码。")
        ) from None
    return entry


def _refusal(name: str, why: str) -> DatabaseError:
    return DatabaseError(
        f"密钥文件“{name}”已损坏（{why}），数据库无法打开；密钥文件未做任何修改。"
        "请用备份中与数据库一同保存的密钥文件替换它。"
    )


def _check_document(data: dict[str, Any]) -> None:
    keyring_id = data.get("keyring_id")
    if not isinstance(keyring_id, str) or not _KEYRING_ID.fullmatch(keyring_id):
        raise _Damaged("密钥文件编号无效")
    entries = data.get("entries")
    if not isinstance(entries, dict) or len(entries) > MAX_ENTRIES:
        raise _Damaged("条目表无效")
    for slot in entries:
        if slot != "recovery" and not _SLOT.fullmatch(slot):
            raise _Damaged("条目编号无效")
    flags = data.get("flags")
    if flags is not None and not (
        isinstance(flags, dict) and len(flags) <= 100 and all(isinstance(v, bool) for v in flags.values())
    ):
        raise _Damaged("标记无效")
    for text in ("cipher", "created_at"):
        value = data.get(text)
        if value is not None and (not isinstance(value, str) or len(value) > 100):
            raise _Damaged(f"字段“{text}”无效")


def _check_kdf(kdf: Any, *, recovery: bool) -> None:
    if not isinstance(kdf, dict):
        raise _Damaged("密钥派生参数缺失")
    expected = "hkdf-sha256" if recovery else "argon2id"
    if kdf.get("name") != expected:
        raise _Damaged("密钥派生方法无效")
    _check_b64(kdf.get("salt"), "salt", *_SALT_BYTES)
    if recovery:
        return
    for field, (low, high) in ARGON2_LIMITS.items():
        value = kdf.get(field)
        if not _is_int(value) or not low <= value <= high:
            raise _Damaged(f"密钥派生参数“{field}”超出范围")


def _check_b64(text: Any, field: str, low: int, high: int) -> None:
    if not isinstance(text, str) or len(text) > 4 * high:
        raise _Damaged(f"“{field}”缺失或过长")
    try:
        decoded = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise _Damaged(f"“{field}”不是有效的 base64") from None
    if not low <= len(decoded) <= high:
        raise _Damaged(f"“{field}”长度不对")


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_time(value: Any) -> bool:
    return isinstance(value, str) and _TIME.fullmatch(value) is not None
