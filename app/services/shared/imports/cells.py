"""Cleaning what people type into rosters: full-width forms, stray spaces, dates, numbers, ID numbers.

Each cleaner takes a raw cell as the reader gives it (str, int, float, bool, date, datetime or None)
and returns the value as its column asks for it, or raises ``CellError`` with a Chinese message.
An ID number or bank account that Excel stored as a number and so cut to 15 significant digits is
reported, never completed: the lost digits cannot be known.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from app.services.shared.imports.model import CellKind, FieldSpec

# Full-width ASCII (Ｕ+FF01–FF5E) to ASCII; the ideographic space, NBSP and friends to a space;
# zero-width characters out.
_WIDTH = {0xFF01 + i: 0x21 + i for i in range(0x5E)}
_WIDTH.update({0x3000: 0x20, 0x00A0: 0x20, 0x2007: 0x20, 0x202F: 0x20, 0x2002: 0x20, 0x2003: 0x20})
_WIDTH.update({c: None for c in (0x200B, 0x200C, 0x200D, 0xFEFF)})  # type: ignore[misc]
_CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")
_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01 (Excel's 1900 leap-year bug included)
_SCIENTIFIC = re.compile(r"[+-]?\d(?:\.\d+)?[eE][+]?\d+")


class CellError(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def plain(text: str) -> str:
    """Full-width letters and digits to ASCII, odd spaces to one plain space, trimmed."""
    if text.isascii():
        return " ".join(text.split())  # str.split is C: far cheaper than a regex per cell
    return " ".join(text.translate(_WIDTH).split())


def is_blank(value: Any) -> bool:
    # str.strip also removes NBSP and the ideographic space; zero-width characters are rare enough
    # to be caught by the cleaners instead.
    return value is None or (type(value) is str and not value.strip())


def _integral(value: float) -> bool:
    return value == value and value not in (float("inf"), float("-inf")) and float(value).is_integer()


def _number_as_text(value: Any) -> str:
    """A number cell written as people meant it: 123.0 → "123", 1.5 → "1.5"."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if _integral(value) else repr(value)
    return str(value)


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d") if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        return _number_as_text(value)
    return plain(str(value))


def as_name(value: Any) -> str:
    """张  三 → 张三: spaces typed to line names up in a column are not part of them."""
    return _CJK_GAP.sub("", as_text(value))


def _long_number(value: Any, what: str) -> str:
    """Digits of a number-like cell (ID number, bank account), refusing digits Excel already lost."""
    lost = (
        f"{what}在表格中存成了数字，Excel 只保留 15 位有效数字，后几位已经丢失，无法还原。"
        f"请把这一列设为“文本”格式后，按原始档案重新填写{what}"
    )
    if isinstance(value, bool):
        raise CellError(f"{what}不能是“是/否”")
    if isinstance(value, int | float):
        if isinstance(value, float) and not _integral(value):
            raise CellError(lost)
        digits = str(int(value))
        if len(digits) > 15:
            raise CellError(lost)
        return digits
    text = plain(str(value)).replace(" ", "")
    if _SCIENTIFIC.fullmatch(text):
        raise CellError(lost)
    return text


def as_id_number(value: Any) -> str:
    """Spaces out, full-width and lowercase x fixed; the checks decide whether it is valid."""
    if is_blank(value):
        return ""
    return _long_number(value, "身份证号").upper()


def as_bank_account(value: Any) -> str:
    if is_blank(value):
        return ""
    return _long_number(value, "银行账号").replace("-", "")


def as_phone(value: Any) -> str:
    if is_blank(value):
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _number_as_text(value)
    return plain(str(value))


_DATE_TEXT = (
    re.compile(r"(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)
_MONTH_TEXT = re.compile(r"(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*月?")


def _ymd(y: int, m: int, d: int, shown: str) -> date:
    try:
        return date(y, m, d)
    except ValueError:
        raise CellError(f"“{shown}”不是有效的日期") from None


def as_date(value: Any) -> date | None:
    """Dates as Excel keeps them (a date, or its serial number) and as people type them:
    1980.05.03, 1980-5-3, 1980/5/3, 1980年5月3日, 19800503."""
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise CellError("日期不能是“是/否”")
    if isinstance(value, int | float):
        if _integral(value) and 19000101 <= value <= 21001231:
            return as_date(str(int(value)))
        if 1 <= value < 2958466:  # Excel's serial dates, 1900-01-01 to 9999-12-31
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise CellError(f"“{_number_as_text(value)}”不是有效的日期")
    text = plain(str(value))
    for pattern in _DATE_TEXT:
        m = pattern.fullmatch(text)
        if m:
            return _ymd(int(m[1]), int(m[2]), int(m[3]), text)
    if re.fullmatch(r"\d{5}(?:\.0+)?", text):  # a serial that travelled as text (CSV)
        return as_date(float(text))
    m = _MONTH_TEXT.fullmatch(text)
    if m:
        raise CellError(f"“{text}”只有年月，请填写完整的年月日")
    raise CellError(f"“{text}”不是能识别的日期，请写成 1980-05-03 或 1980年5月3日")


_CN_DIGITS = dict(zip("零一二三四五六七八九", range(10), strict=True)) | {"两": 2}


def as_integer(value: Any) -> int | None:
    """1, "1", "1级", "一级", "一" → 1."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError("这里应填数字")
    if isinstance(value, int | float):
        if not _integral(value):
            raise CellError(f"“{_number_as_text(value)}”应为整数")
        return int(value)
    text = plain(str(value)).removesuffix("级").removesuffix("人").removesuffix("次").strip()
    if text in _CN_DIGITS:
        return _CN_DIGITS[text]
    try:
        number = float(text.replace(",", ""))
    except ValueError:
        raise CellError(f"“{plain(str(value))}”不是数字") from None
    if not _integral(number):
        raise CellError(f"“{text}”应为整数")
    return int(number)


def as_money_fen(value: Any) -> int | None:
    """Yuan as written (1200, "1,200.50", "￥1200元") → fen; more than two decimals is refused."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError("金额应为数字")
    text = _number_as_text(value) if isinstance(value, int | float) else plain(str(value))
    shown = text
    text = text.replace(",", "").replace("¥", "").replace("￥", "").removesuffix("元").strip()
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise CellError(f"“{shown}”不是金额") from None
    fen = amount * 100
    if isinstance(value, float):
        fen = fen.quantize(Decimal(1))  # 0.1 + 0.2 style float noise, not real fractions of a fen
    if fen != fen.to_integral_value():
        raise CellError(f"金额“{shown}”超过两位小数")
    return int(fen)


_TRUE = {"是", "有", "√", "✓", "✔", "y", "yes", "true", "1", "已", "享受", "对", "t"}
_FALSE = {"否", "无", "没有", "×", "✗", "n", "no", "false", "0", "未", "不享受", "不", "f"}


def as_bool(value: Any) -> bool | None:
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    text = as_text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(f"“{as_text(value)}”应填“是”或“否”")


def choice_cleaner(spec: FieldSpec) -> Callable[[Any], str | None]:
    table = {plain(k).lower(): v for k, v in spec.choices.items()}
    table.update({plain(v).lower(): v for v in spec.choices.values()})
    allowed = "、".join(dict.fromkeys(spec.choices.values()))

    def clean(value: Any) -> str | None:
        if is_blank(value):
            return None
        text = as_text(value)
        found = table.get(text.lower()) or table.get(text.replace(" ", "").lower())
        if found is None:
            raise CellError(f"{spec.label}“{text}”不在可选范围内（{allowed}）")
        return found

    return clean


_CLEANERS: dict[CellKind, Callable[[Any], Any]] = {
    CellKind.TEXT: as_text,
    CellKind.NAME: as_name,
    CellKind.CODE: as_text,
    CellKind.ID_NUMBER: as_id_number,
    CellKind.PHONE: as_phone,
    CellKind.BANK_ACCOUNT: as_bank_account,
    CellKind.DATE: as_date,
    CellKind.INTEGER: as_integer,
    CellKind.MONEY: as_money_fen,
    CellKind.BOOL: as_bool,
}


def cleaner_for(spec: FieldSpec) -> Callable[[Any], Any]:
    if spec.kind is CellKind.CHOICE:
        return choice_cleaner(spec)
    return _CLEANERS[spec.kind]
