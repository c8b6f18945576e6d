"""The resident ID number (GB 11643-1999): check digit, birth date, sex, 15-digit conversion."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from app.domain.enums import Sex
from app.domain.errors import UserInputError
from app.domain.validation import Issue, error, warning

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"  # ISO 7064 MOD 11-2, remainder → check character
_FULL_WIDTH = {ord("０") + i: ord("0") + i for i in range(10)} | {ord("Ｘ"): ord("X"), ord("ｘ"): ord("X")}
_MAX_AGE = 130


@dataclass(frozen=True)
class IdNumberInfo:
    number: str  # normalised: 18 characters, upper-case X
    birth_date: date
    sex: Sex
    region_code: str  # first six digits
    converted_from_15: bool


def check_digit(first17: str) -> str:
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError("need the first 17 digits")
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def normalize_id_number(value: str) -> str:
    """Spaces out, full-width digits and ｘ to ASCII, x to X; a 15-digit number becomes 18 digits."""
    text = re.sub(r"\s", "", (value or "").translate(_FULL_WIDTH)).upper()
    if len(text) == 15 and text.isdigit():
        # 15-digit numbers (issued before 1999) have a two-digit year of the 1900s and no check digit.
        first17 = text[:6] + "19" + text[6:]
        return first17 + check_digit(first17)
    return text


def parse_id_number(value: str, *, today: date | None = None) -> IdNumberInfo:
    """The facts an ID number carries; raises UserInputError with a Chinese message."""
    raw = re.sub(r"\s", "", (value or "").translate(_FULL_WIDTH)).upper()
    if not raw:
        raise UserInputError("请填写身份证号")
    converted = len(raw) == 15
    if converted and not raw.isdigit():
        raise UserInputError("15 位身份证号应全部为数字")
    if not converted and len(raw) != 18:
        raise UserInputError(f"身份证号应为 18 位（现在是 {len(raw)} 位）")
    number = normalize_id_number(raw)
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise UserInputError("身份证号只能包含数字，最后一位可以是 X")
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise UserInputError(f"身份证号中的出生日期 {number[6:14]} 不存在") from None
    today = today or date.today()
    if birth > today:
        raise UserInputError("身份证号中的出生日期晚于今天")
    if age_on(birth, today) > _MAX_AGE:
        raise UserInputError(f"身份证号中的出生日期 {birth:%Y-%m-%d} 不合理（年龄超过 {_MAX_AGE} 岁）")
    expected = check_digit(number[:17])
    if not converted and number[17] != expected:
        raise UserInputError(f"身份证号校验位不正确：最后一位应为 {expected}，请核对号码")
    sex = Sex.MALE if int(number[16]) % 2 == 1 else Sex.FEMALE
    return IdNumberInfo(number, birth, sex, number[:6], converted)


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
        issues.append(warning(field, f"15 位号码已转换为 18 位：{info.number}"))
    return info, issues


def age_on(birth: date, on: date) -> int:
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
