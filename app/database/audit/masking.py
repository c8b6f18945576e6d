"""Masking ID and bank numbers out of everything the audit log stores.

Callers should never pass ID or bank numbers, but a log that must be kept for months is the worst
place for one to slip through, so every string is checked again here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

# 15 or more digits in a row (old 15-digit and 18-digit ID numbers, 16–19 digit bank cards); the
# 18th character of an ID number may be X. 12-digit division codes and 14-digit times stay readable.
_LONG_NUMBER = re.compile(r"(?<!\d)\d{15,}[Xx]?(?![0-9A-Za-z])|(?<!\d)\d{17}[Xx](?![0-9A-Za-z])")

# Bank cards as people write them: groups of four digits separated by spaces or hyphens.
_GROUPED_NUMBER = re.compile(r"(?<!\d)\d{4}(?:[ \-]\d{4}){3,}(?:[ \-]\d{1,4})?(?!\d)")

# Values under these keys are masked whatever they look like (a short account, a typo'd ID).
_SENSITIVE_KEY = re.compile(r"id_?number|id_?no|id_?card|bank|account|card_?no|身份证|证件号|银行|卡号|账号")


def mask_number(value: str) -> str:
    """Keep the first three and last four characters of a number, star the rest."""
    compact = re.sub(r"[ \-]", "", value)
    if len(compact) <= 7:
        return "*" * len(compact)
    return compact[:3] + "*" * (len(compact) - 7) + compact[-4:]


def mask_text(value: str) -> str:
    """``value`` with every ID-like or bank-like number in it masked."""
    value = _GROUPED_NUMBER.sub(lambda m: mask_number(m.group(0)), value)
    return _LONG_NUMBER.sub(lambda m: mask_number(m.group(0)), value)


def sanitize_detail(detail: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A JSON-safe, masked copy of ``detail``: exactly what is stored and what is hashed.

    Going through JSON first makes the hashed value equal to the value read back later
    (tuples become lists, integer keys become strings, dates become text).
    """
    if detail is None:
        return None
    plain = json.loads(json.dumps(dict(detail), ensure_ascii=False, default=str))
    masked = _mask_value(plain, sensitive=False)
    assert isinstance(masked, dict)
    return masked


def _mask_value(value: Any, *, sensitive: bool) -> Any:
    if isinstance(value, dict):
        return {
            mask_text(str(k)): _mask_value(v, sensitive=sensitive or bool(_SENSITIVE_KEY.search(str(k))))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_mask_value(v, sensitive=sensitive) for v in value]
    if sensitive and isinstance(value, str | int) and not isinstance(value, bool):
        return mask_number(str(value))
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**14:
        return mask_text(str(value))  # a number long enough to be a bank card, stored as text
    return value
