"""Validators for form fields and imported cells: each returns issues with Chinese messages."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache

from app.domain.errors import UserInputError


class Severity(StrEnum):
    ERROR = "error"  # blocks saving
    WARNING = "warning"  # asks once, then lets the user go on


@dataclass(frozen=True)
class Issue:
    """One problem with one field; ``message`` is shown to the user as it is."""

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


_FULL_WIDTH_DIGITS = {ord("０") + i: ord("0") + i for i in range(10)}


def to_ascii_digits(text: str) -> str:
    """Full-width digits (typed with a Chinese input method) become ASCII digits."""
    return text.translate(_FULL_WIDTH_DIGITS)


# --- phone numbers -------------------------------------------------------------------------------

_MOBILE = re.compile(r"1[3-9]\d{9}")
# What a phone number may hold besides digits: separators, a leading +, an extension marker.
_PHONE_CHARS = re.compile(r"\+?[\d\s\-－—–()（）]+")
_EXTENSION_MARK = re.compile(r"\s*(?:转|分机|ext\.?|x)\s*", re.IGNORECASE)


def _phone_text(value: str) -> str | None:
    """The number with digits made ASCII and an extension marked by "-"; None if it holds other text."""
    text = _EXTENSION_MARK.sub("-", to_ascii_digits(value or "").strip())
    return text if _PHONE_CHARS.fullmatch(text) else None


_COUNTRY = re.compile(r"(?:\+|00)86[\s\-－—–]*")
_NON_DIGIT = re.compile(r"\D")
_DIGIT_GROUP = re.compile(r"\d+")


def _without_country(text: str) -> tuple[str, bool]:
    """The number without a leading +86 / 0086, and whether there was one."""
    m = _COUNTRY.match(text)
    return (text[m.end() :], True) if m else (text, False)


@lru_cache(maxsize=8192)  # a check and then the normalising ask the same number twice
def _mobile(value: str) -> str | None:
    text = _phone_text(value)
    if text is None:
        return None
    digits = _NON_DIGIT.sub("", _without_country(text)[0])
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]  # 86 without the +, as people often write it
    return digits if _MOBILE.fullmatch(digits) else None


@lru_cache(maxsize=8192)
def _landline(value: str) -> str | None:
    """0731-84567890[-123], or None.

    The area code's length follows from its second digit (010 and 02x have three digits, every
    other code four), so separators the user typed inside area code or number do not matter;
    only a group left over after a full number is an extension.
    """
    text = _phone_text(value)
    if text is None or (text.startswith("+") and not text.startswith("+86")):
        return None
    national, had_country = _without_country(text)
    groups = _DIGIT_GROUP.findall(national)
    if had_country and groups and not groups[0].startswith("0"):
        groups[0] = "0" + groups[0]  # +86 731 84567890: the trunk 0 is dropped after a country code
    if not groups or not groups[0].startswith("0") or len(groups[0]) < 2 or groups[0][1] == "0":
        return None
    area_length = 3 if groups[0][1] in "12" else 4
    number = ""
    while groups and len(number) < area_length + 7:
        number += groups.pop(0)
    area, local = number[:area_length], number[area_length:]
    if len(local) not in (7, 8) or local[0] in "01" or len(groups) > 1:
        return None
    extension = groups[0] if groups else ""
    if len(extension) > 6:
        return None
    return f"{area}-{local}" + (f"-{extension}" if extension else "")


def normalize_phone(value: str) -> str:
    """Canonical text to store: a mobile as 11 digits, a landline as 0731-84567890[-123].

    Text that is neither is returned stripped but otherwise as typed, so nothing is lost.
    """
    return _mobile(value) or _landline(value) or (value or "").strip()


def check_mobile(field: str, value: str) -> list[Issue]:
    if _mobile(value):
        return []
    return [error(field, "手机号码应为 11 位数字，以 13–19 开头")]


def check_landline(field: str, value: str) -> list[Issue]:
    if _landline(value):
        return []
    return [error(field, "固定电话应为 区号-号码（区号 3–4 位，号码 7–8 位），如 0731-84567890")]


def check_phone(field: str, value: str) -> list[Issue]:
    if _mobile(value) or _landline(value):
        return []
    return [error(field, "电话号码无效：手机为 11 位数字，固定电话为 区号-号码（如 0731-84567890）")]


# --- division codes ------------------------------------------------------------------------------

# The 31 provinces, autonomous regions and municipalities of GB/T 2260, plus Taiwan, Hong Kong, Macao.
# fmt: off
PROVINCE_CODES = frozenset((
    "11", "12", "13", "14", "15",              # 华北
    "21", "22", "23",                          # 东北
    "31", "32", "33", "34", "35", "36", "37",  # 华东
    "41", "42", "43", "44", "45", "46",        # 中南
    "50", "51", "52", "53", "54",              # 西南
    "61", "62", "63", "64", "65",              # 西北
    "71", "81", "82",                          # 台湾、香港、澳门
))
# fmt: on
_PARTS = ((0, 2), (2, 4), (4, 6), (6, 9), (9, 12))
_LEVELS = ("province", "city", "county", "township", "village")


def division_level(code: str) -> str:
    """The level a 12-digit code names, from where its zero padding starts.

    Raises UserInputError when the text is not 12 digits.
    """
    if len(code) != 12 or not (code.isascii() and code.isdigit()):
        raise UserInputError(f"区划代码“{code}”应为 12 位数字")
    level = "province"
    for (start, end), name in zip(_PARTS, _LEVELS, strict=True):
        if int(code[start:end]) != 0:
            level = name
    return level


def normalize_division_code(value: str) -> str:
    """A division code as typed, made the 12-digit code: ``430121`` → ``430121000000``.

    The short forms are the code without its zero padding at a level boundary (2, 4, 6 or 9
    digits: province, city, county, township), as people write them. Full-width digits and
    surrounding spaces are accepted. Raises UserInputError, in Chinese, for anything else.
    """
    code = to_ascii_digits(value or "").strip()
    if code.isascii() and code.isdigit() and len(code) in (2, 4, 6, 9, 12):
        code = code.ljust(12, "0")
        issues = check_division_code("division_code", code)
        if not issues:
            return code
        raise UserInputError(f"区划代码“{value}”无效：{issues[0].message}")
    raise UserInputError(f"区划代码“{value}”应为 6 位（县级）或 12 位数字，如 430121 或 430121000000")


def check_division_code(
    field: str, value: str, *, exists: Callable[[str], bool] | None = None
) -> list[Issue]:
    code = to_ascii_digits(value or "").strip()
    if len(code) != 12 or not (code.isascii() and code.isdigit()):
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

_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"  # a midnight time from a spreadsheet cell
_DATE_PATTERNS = (
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})" + _TIME),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)


def parse_date(value: str) -> date:
    """2024-05-29, 2024/5/29, 2024.5.29, 2024年5月29日 or 20240529; raises UserInputError."""
    text = to_ascii_digits(value or "").strip()
    if not text:
        raise UserInputError("请填写日期")
    for pattern in _DATE_PATTERNS:
        m = pattern.fullmatch(text)
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
    """None or blank is no date and passes (use require() for a required date)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return []
    if isinstance(value, datetime):
        value = (
            value.date()
        )  # spreadsheets hand dates over as datetimes; a datetime won't compare with a date
    elif isinstance(value, str):
        try:
            value = parse_date(value)
        except UserInputError as exc:
            return [error(field, f"{label}：{exc.message}")]
    today = today or date.today()
    if not_future and value > today:
        return [error(field, f"{label}不能晚于今天（{today:%Y-%m-%d}）")]
    if earliest is not None and value < earliest:
        return [error(field, f"{label}不能早于 {earliest:%Y-%m-%d}")]
    return []


# --- money -------------------------------------------------------------------------------------

MAX_FEN = 10**13  # a hundred billion yuan: anything above is a typing slip
_MAX_YUAN = Decimal(MAX_FEN) / 100
_CENT = Decimal("0.01")
_MONEY_NOISE = re.compile(r"[\s¥￥元]|人民币|RMB|CNY", re.IGNORECASE)
_PLAIN_AMOUNT = re.compile(r"-?(?:\d+(?:\.\d*)?|\.\d+)")
_GROUPED_AMOUNT = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d*)?")


def _amount_from_text(value: str) -> Decimal:
    text = _MONEY_NOISE.sub("", to_ascii_digits(value or "").replace("．", ".").replace("，", ","))
    if not text:
        raise UserInputError("请填写金额")
    if "," in text:
        # Thousands separators are fine where they belong; "1,2,3" is more likely a slip than 123.
        if not _GROUPED_AMOUNT.fullmatch(text):
            raise UserInputError(f"金额“{value}”中的逗号位置不对，应为 1,234.50 或 1234.50")
        text = text.replace(",", "")
    if not _PLAIN_AMOUNT.fullmatch(text):
        raise UserInputError(f"金额“{value}”不是数字")
    return Decimal(text)


def parse_money_to_fen(value: str | int | float | Decimal) -> int:
    """Yuan to fen, exactly: "1,234.5" → 123450, "¥20" → 2000, "20元" → 2000.

    Raises UserInputError for a negative amount, more than two decimals or text that is no number.
    """
    if isinstance(value, bool):
        raise UserInputError("金额应为数字")
    try:
        if isinstance(value, int):
            amount = Decimal(value)
        elif isinstance(value, float):
            # A float comes from a spreadsheet cell; Excel keeps 15 significant digits, so 0.1 + 0.2
            # shows there as 0.3 and is read here as the 0.3 the user saw.
            amount = Decimal(format(value, ".15g"))
        elif isinstance(value, Decimal):
            amount = value
        else:
            amount = _amount_from_text(value)
    except InvalidOperation:
        raise UserInputError(f"金额“{value}”不是数字") from None
    if not amount.is_finite():
        raise UserInputError(f"金额“{value}”不是数字")
    if amount < 0:
        raise UserInputError("金额不能为负数")
    if amount >= _MAX_YUAN:
        raise UserInputError("金额过大，请核对")
    # Compared exactly, never rounded: multiplying in the default 28-digit context could round
    # 1.00000000000000000000000000001 to a whole number of fen.
    whole_fen = amount.quantize(_CENT, rounding=ROUND_DOWN)
    if whole_fen != amount:
        raise UserInputError(f"金额“{value}”最多保留两位小数（精确到分）")
    return int(whole_fen * 100)


def format_fen(fen: int) -> str:
    """123450 → "1,234.50" (yuan with thousands separators, always two decimals)."""
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
