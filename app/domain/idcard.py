"""The resident ID number (GB 11643-1999): check digit, birth date, sex, 15-digit conversion."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from operator import mul

from app.domain.enums import Sex
from app.domain.errors import UserInputError
from app.domain.validation import Issue, error, warning

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"  # ISO 7064 MOD 11-2: the remainder indexes the check character
_FULL_WIDTH = {ord("０") + i: ord("0") + i for i in range(10)} | {ord("Ｘ"): ord("X"), ord("ｘ"): ord("X")}
_MAX_AGE = 130


@dataclass(frozen=True)
class IdNumberInfo:
    """What a valid ID number says about its holder."""

    number: str  # normalised: 18 characters, upper-case X
    birth_date: date
    sex: Sex
    region_code: str  # first six digits
    converted_from_15: bool


def check_digit(first17: str) -> str:
    """The 18th character for the first 17 digits. Raises ValueError for anything else."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("check_digit needs exactly 17 ASCII digits")
    total = sum(map(mul, map(int, first17), _WEIGHTS))  # lengths checked above
    return _CHECK_CHARS[total % 11]


_SPACE = re.compile(r"\s")


def _clean(value: str) -> str:
    return _SPACE.sub("", (value or "").translate(_FULL_WIDTH)).upper()


def _birth_date(digits: str) -> date | None:
    try:
        return date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def _from_15(number: str) -> str | None:
    """The 18-digit form of a 15-digit number, or None if it is not one."""
    # 15-digit numbers (issued before 1999) carry a two-digit year of the 1900s and no check digit.
    if len(number) != 15 or not number.isascii() or not number.isdigit():
        return None
    first17 = number[:6] + "19" + number[6:]
    return first17 + check_digit(first17) if _birth_date(first17[6:14]) else None


def normalize_id_number(value: str) -> str:
    """Spaces out, full-width digits and Ｘ to ASCII, x to X; a valid 15-digit number becomes 18 digits.

    Anything else comes back cleaned but unchecked: parse_id_number says what is wrong with it.
    """
    text = _clean(value)
    return _from_15(text) or text


def parse_id_number(value: str, *, today: date | None = None) -> IdNumberInfo:
    """The facts an ID number carries; raises UserInputError with a Chinese message."""
    raw = _clean(value)
    if not raw:
        raise UserInputError("请填写身份证号")
    if len(raw) not in (15, 18):
        raise UserInputError(f"身份证号应为 18 位（或旧的 15 位），现在是 {len(raw)} 位")
    if len(raw) == 15 and not (raw.isascii() and raw.isdigit()):
        raise UserInputError("15 位身份证号应全部为数字")
    if len(raw) == 18 and not (raw[:17].isascii() and raw[:17].isdigit() and raw[17] in "0123456789X"):
        raise UserInputError("身份证号只能包含数字，最后一位可以是 X")
    converted = len(raw) == 15
    first17 = raw[:6] + "19" + raw[6:] if converted else raw[:17]
    birth = _birth_date(first17[6:14])
    if birth is None:
        raise UserInputError(f"身份证号中的出生日期 {first17[6:14]} 不存在，请核对号码")
    today = today or date.today()
    if birth > today:
        raise UserInputError(f"身份证号中的出生日期 {birth:%Y-%m-%d} 晚于今天，请核对号码")
    if age_on(birth, today) > _MAX_AGE:
        raise UserInputError(f"身份证号中的出生日期 {birth:%Y-%m-%d} 不合理（年龄超过 {_MAX_AGE} 岁）")
    expected = check_digit(first17)
    if not converted and raw[17] != expected:
        # The user may have mistyped any digit, not the last: say what the 17 digits imply.
        raise UserInputError(f"身份证号校验位不正确：按前 17 位计算，最后一位应为 {expected}，请逐位核对号码")
    # The 17th digit is the order code: odd for men, even for women.
    sex = Sex.MALE if int(first17[16]) % 2 == 1 else Sex.FEMALE
    return IdNumberInfo(first17 + expected, birth, sex, first17[:6], converted)


def check_id_number(
    field: str, value: str, *, known_region: Callable[[str], bool] | None = None, today: date | None = None
) -> tuple[IdNumberInfo | None, list[Issue]]:
    """Errors block saving; an unknown region prefix is only a warning (retired codes are real)."""
    try:
        info = parse_id_number(value, today=today)
    except UserInputError as exc:
        return None, [error(field, exc.message)]
    issues: list[Issue] = []
    if known_region is not None and not known_region(info.region_code):
        issues.append(
            warning(
                field,
                f"身份证号前 6 位 {info.region_code} 不在现行区划表中。老人的号码常用已撤销的旧区划代码，"
                "核对无误可继续保存",
            )
        )
    if info.converted_from_15:
        # Saved as 18 digits, which is not what was typed: the user should see it once.
        issues.append(warning(field, f"15 位旧号码将按 18 位保存：{info.number}"))
    return info, issues


def age_on(birth: date, on: date) -> int:
    """Whole years of age on a day (someone born on 29 February turns a year older on 1 March)."""
    years = on.year - birth.year
    if (on.month, on.day) < (birth.month, birth.day):
        years -= 1
    return years


def mask_id_number(number: str | None) -> str:
    """Keep the region and the last four: 430121********123X."""
    if not number:
        return ""
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]
