"""Phone numbers, division codes, dates, money and required fields."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.domain.errors import UserInputError
from app.domain.validation import (
    check_date,
    check_division_code,
    check_landline,
    check_mobile,
    check_money,
    check_phone,
    division_level,
    format_fen,
    has_errors,
    normalize_phone,
    parse_date,
    parse_money_to_fen,
    require,
)


@pytest.mark.parametrize("value", ["13907310000", "139 0731 0000", "139-0731-0000", "+86 13907310000",
                                   "8613907310000", "１３９０７３１００００", "19912345678"])
def test_valid_mobiles(value: str) -> None:
    assert check_mobile("phone", value) == []
    assert normalize_phone(value) == value.replace(" ", "").replace("-", "").replace("+86", "")[-11:].translate(
        {ord("０") + i: ord("0") + i for i in range(10)})


@pytest.mark.parametrize("value", ["1390731000", "12907310000", "23907310000", "139073100001", "abc"])
def test_invalid_mobiles(value: str) -> None:
    issues = check_mobile("phone", value)
    assert has_errors(issues) and "11 位" in issues[0].message


@pytest.mark.parametrize(("value", "normal"), [
    ("0731-84567890", "0731-84567890"), ("073184567890", "0731-84567890"), ("(0731)8456789", "0731-8456789"),
    ("010-62345678", "010-62345678"), ("0591-8765432-123", "0591-8765432-123"), ("（0591）87654321", "0591-87654321"),
])
def test_landlines(value: str, normal: str) -> None:
    assert check_landline("tel", value) == []
    assert normalize_phone(value) == normal
    assert check_phone("tel", value) == []


@pytest.mark.parametrize("value", ["84567890", "0731-1234567", "731-84567890", "0731-845678901"])
def test_invalid_landlines(value: str) -> None:
    assert has_errors(check_landline("tel", value))
    assert has_errors(check_phone("tel", value))


@pytest.mark.parametrize(("code", "level"), [("430000000000", "province"), ("430100000000", "city"),
                                             ("430121000000", "county"), ("430121001000", "township"),
                                             ("430121001001", "village")])
def test_division_levels(code: str, level: str) -> None:
    assert check_division_code("d", code) == []
    assert division_level(code) == level


@pytest.mark.parametrize("code", ["43012100100", "4301210010011", "43012100100a", "990000000000", "430100001000",
                                  "430021000000"])
def test_invalid_division_codes(code: str) -> None:
    assert has_errors(check_division_code("d", code))


def test_division_code_must_exist_when_a_list_is_given() -> None:
    issues = check_division_code("d", "430121001099", exists=lambda c: c == "430121001001")
    assert has_errors(issues) and "区划表" in issues[0].message


@pytest.mark.parametrize("text", ["2024-05-29", "2024/5/29", "2024.05.29", "2024年5月29日", "20240529", "２０２４-05-29"])
def test_date_formats(text: str) -> None:
    assert parse_date(text) == date(2024, 5, 29)


def test_date_checks() -> None:
    today = date(2026, 11, 1)
    assert check_date("d", "2026-10-31", label="走访日期", today=today) == []
    assert "晚于今天" in check_date("d", "2026-11-02", label="走访日期", today=today)[0].message
    assert "不存在" in check_date("d", "2025-02-29", label="走访日期", today=today)[0].message
    assert has_errors(check_date("d", "2000-01-01", label="走访日期", earliest=date(2020, 1, 1), today=today))
    assert check_date("d", None, label="走访日期") == []
    with pytest.raises(UserInputError):
        parse_date("29/05/2024")


@pytest.mark.parametrize(("text", "fen"), [("1,234.5", 123450), ("¥20", 2000), ("20元", 2000), ("0.01", 1),
                                           ("３００", 30000), (" 1 000 ", 100000), (12, 1200), (0.1, 10),
                                           (Decimal("19.99"), 1999)])
def test_money_to_fen(text: object, fen: int) -> None:
    assert parse_money_to_fen(text) == fen  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["1.234", "-5", "abc", "", "1e400", "NaN"])
def test_bad_money(text: str) -> None:
    with pytest.raises(UserInputError):
        parse_money_to_fen(text)


def test_money_checks_and_format() -> None:
    assert format_fen(123450) == "1,234.50"
    assert format_fen(5) == "0.05"
    assert check_money("cash", "300", label="慰问金") == []
    assert "上限" in check_money("cash", "300", label="慰问金", maximum_fen=20000)[0].message
    assert "两位小数" in check_money("cash", "3.001", label="慰问金")[0].message


def test_required() -> None:
    assert require("name", "  ", "姓名")[0].message == "请填写姓名"
    assert require("name", "张三", "姓名") == []
    assert require("grade", None, "伤残等级")
