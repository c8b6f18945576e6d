"""Validators for form fields and imported cells: each returns issues with Chinese messages."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from app.domain.errors import UserInputError


class Severity(StrEnum):
    ERROR = "error"  # blocks saving
    WARNING = "warning"  # asks once, then lets the user go on


@dataclass(frozen=True)
class Issue:
    field: str
    severity: Severity
    message: str

    def __str__(self) -> str:
        return self.message

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def error(field: str, message: str) -> Issue:
    return Issue(field, Severity.ERROR, message)


def warning(field: str, message: str) -> Issue:
    return Issue(field, Severity.WARNING, message)


def has_errors(issues: Iterable[Issue]) -> bool:
    return any(i.severity is Severity.ERROR for i in issues)


def require(field: str, value: object, label: str) -> list[Issue]:
    empty = value is None or (isinstance(value, str) and not value.strip())
    return [error(field, f"请填写{label}")] if empty else []


# --- phone numbers -------------------------------------------------------------------------------

_SEPARATORS = re.compile(r"[\s\-－—()（）]")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
# Area code 0 + 2–3 digits (010, 0731), local number 7–8 digits, optional extension.
_LANDLINE = re.compile(r"^(0\d{2,3})-?([2-9]\d{6,7})(?:(?:-|转|ext\.?)(\d{1,6}))?$")


def _strip_country(text: str) -> str:
    text = text.strip()
    for prefix in ("+86", "0086"):
        if text.startswith(prefix):
            return text[len(prefix) :]
    if re.match(r"^86\s*1[3-9]", text) and len(re.sub(r"\D", "", text)) == 13:
        return text[2:]
    return text


def _to_ascii_digits(text: str) -> str:
    return text.translate({ord("０") + i: ord("0") + i for i in range(10)})


def normalize_phone(value: str) -> str:
    """Canonical text to store: mobile as 11 digits, landline as 0731-84567890[-123]."""
    text = _strip_country(_to_ascii_digits(value))
    compact = _SEPARATORS.sub("", text)
    if _MOBILE.match(compact):
        return compact
    grouped = re.sub(r"[\s（）()]", "", text).replace("－", "-").replace("—", "-")
    m = _LANDLINE.match(grouped) or _LANDLINE.match(_area_split(compact))
    if m:
        area, local, ext = m.groups()
        return f"{area}-{local}" + (f"-{ext}" if ext else "")
    return value.strip()


def _area_split(compact: str) -> str:
    # "073184567890": three-digit area codes start 01x/02x, the rest have four digits.
    if not compact.startswith("0") or not compact.isdigit():
        return compact
    cut = 3 if compact[1] in "12" else 4
    return f"{compact[:cut]}-{compact[cut:]}"


def check_mobile(field: str, value: str) -> list[Issue]:
    compact = _SEPARATORS.sub("", _strip_country(_to_ascii_digits(value)))
    if _MOBILE.match(compact):
        return []
    return [error(field, "手机号码应为 11 位数字，以 13–19 开头")]


def check_landline(field: str, value: str) -> list[Issue]:
    normal = normalize_phone(value)
    if _LANDLINE.match(normal):
        return []
    return [error(field, "固定电话格式应为 区号-号码，如 0731-84567890")]


def check_phone(field: str, value: str) -> list[Issue]:
    normal = normalize_phone(value)
    if _MOBILE.match(normal) or _LANDLINE.match(normal):
        return []
    return [error(field, "电话号码无效：手机为 11 位数字，固定电话为 区号-号码（如 0731-84567890）")]


# --- division codes ------------------------------------------------------------------------------

# Provinces, autonomous regions and municipalities (GB/T 2260), plus Taiwan, Hong Kong, Macao.
PROVINCE_CODES = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
    ]
)
_PARTS = ((0, 2), (2, 4), (4, 6), (6, 9), (9, 12))
_LEVELS = ("province", "city", "county", "township", "village")


def division_level(code: str) -> str:
    """The level a 12-digit code names, from where its zero padding starts."""
    level = "province"
    for (start, end), name in zip(_PARTS, _LEVELS, strict=True):
        if int(code[start:end]) != 0:
            level = name
    return level


def check_division_code(
    field: str, value: str, *, exists: Callable[[str], bool] | None = None
) -> list[Issue]:
    code = (value or "").strip()
    if len(code) != 12 or not code.isdigit():
        return [error(field, "区划代码应为 12 位数字")]
    if code[:2] not in PROVINCE_CODES:
        return [error(field, f"区划代码的省级部分“{code[:2]}”不存在")]
    parts = [code[s:e] for s, e in _PARTS]
    # Once a level is zero, every level below must be zero too: 430100001000 is not a code.
    seen_zero = False
    for part in parts[1:]:
        if int(part) == 0:
            seen_zero = True
        elif seen_zero:
            return [error(field, "区划代码结构不对：上级部分为 0 时，下级部分也应为 0")]
    if exists is not None and not exists(code):
        return [error(field, "区划代码不在区划表中")]
    return []


# --- dates -------------------------------------------------------------------------------------

_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_date(value: str) -> date:
    text = _to_ascii_digits((value or "").strip())
    for pattern in _DATE_PATTERNS:
        m = pattern.match(text)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                raise UserInputError(f"日期“{value}”不存在（请检查月份和日期）") from None
    raise UserInputError(f"日期“{value}”格式不对，应为 2024-05-29 或 2024年5月29日")


def check_date(
    field: str,
    value: date | str | None,
    *,
    label: str,
    not_future: bool = True,
    earliest: date | None = None,
    today: date | None = None,
) -> list[Issue]:
    if value is None or (isinstance(value, str) and not value.strip()):
        return []
    if isinstance(value, str):
        try:
            value = parse_date(value)
        except UserInputError as exc:
            return [error(field, f"{label}：{exc.message}")]
    today = today or date.today()
    if not_future and value > today:
        return [error(field, f"{label}不能晚于今天")]
    if earliest is not None and value < earliest:
        return [error(field, f"{label}不能早于 {earliest:%Y-%m-%d}")]
    return []


# --- money -------------------------------------------------------------------------------------

MAX_FEN = 10**13  # a hundred billion yuan: anything above is a typing slip
_MONEY_NOISE = re.compile(r"[,，\s¥￥元]|人民币|RMB", re.IGNORECASE)


def parse_money_to_fen(value: str | int | float | Decimal) -> int:
    """Yuan to fen, exactly: "1,234.5" → 123450, "¥20" → 2000, "20元" → 2000."""
    if isinstance(value, bool):
        raise UserInputError("金额无效")
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float):
        amount = Decimal(repr(value))  # repr is the shortest exact text of the float typed
    elif isinstance(value, Decimal):
        amount = value
    else:
        text = _MONEY_NOISE.sub("", _to_ascii_digits(value or "").replace("．", "."))
        if not text:
            raise UserInputError("请填写金额")
        if not re.fullmatch(r"-?\d+(\.\d*)?|-?\.\d+", text):
            raise UserInputError(f"金额“{value}”不是数字")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise UserInputError(f"金额“{value}”不是数字") from None
    if not amount.is_finite():
        raise UserInputError(f"金额“{value}”不是数字")
    if amount < 0:
        raise UserInputError("金额不能为负数")
    fen = amount * 100
    if fen >= MAX_FEN:
        raise UserInputError("金额过大，请核对")
    if fen != fen.to_integral_value():
        raise UserInputError("金额最多保留两位小数（精确到分）")
    return int(fen)


def format_fen(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    return f"{sign}{yuan:,}.{cents:02d}"


def check_money(field: str, value: str, *, label: str, maximum_fen: int | None = None) -> list[Issue]:
    try:
        fen = parse_money_to_fen(value)
    except UserInputError as exc:
        return [error(field, f"{label}：{exc.message}")]
    if maximum_fen is not None and fen > maximum_fen:
        return [error(field, f"{label}超过上限 {format_fen(maximum_fen)} 元")]
    return []
