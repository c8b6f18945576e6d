"""Phone numbers, division codes, dates, money and required fields."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.errors import UserInputError
from app.domain.validation import (
    Issue,
    Severity,
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

TODAY = date(2026, 11, 1)


def is_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_issue_reads_as_its_message() -> None:
    issue = Issue("name", Severity.ERROR, "请填写姓名")
    assert str(issue) == "请填写姓名" and issue.is_error
    assert has_errors([Issue("a", Severity.WARNING, "w"), issue])
    assert not has_errors([Issue("a", Severity.WARNING, "w")])
    assert not has_errors([])


def test_required() -> None:
    assert require("name", "  ", "姓名") == [Issue("name", Severity.ERROR, "请填写姓名")]
    assert require("name", "张三", "姓名") == []
    assert require("grade", None, "伤残等级")
    assert require("grade", 0, "伤残等级") == []  # zero is a value


# --- phones ---


@pytest.mark.parametrize(
    "value",
    [
        "13907310000",
        "139 0731 0000",
        "139-0731-0000",
        "+86 13907310000",
        "+86-139-0731-0000",
        "8613907310000",
        "86 139 0731 0000",
        "008613907310000",
        "１３９０７３１００００",
        " 13907310000 ",
    ],
)
def test_valid_mobiles(value: str) -> None:
    assert check_mobile("phone", value) == []
    assert check_phone("phone", value) == []
    assert normalize_phone(value) == "13907310000"


@pytest.mark.parametrize("value", ["19912345678", "16612345678", "14712345678"])
def test_every_mobile_prefix_from_13_to_19(value: str) -> None:
    assert check_mobile("phone", value) == []


@pytest.mark.parametrize(
    "value",
    ["1390731000", "12907310000", "10907310000", "23907310000", "139073100001", "abc", "139O7310000", ""],
)
def test_invalid_mobiles(value: str) -> None:
    issues = check_mobile("phone", value)
    assert has_errors(issues) and "11 位" in issues[0].message and issues[0].field == "phone"


@pytest.mark.parametrize(
    ("value", "normal"),
    [
        ("0731-84567890", "0731-84567890"),
        ("073184567890", "0731-84567890"),
        ("0731 8456 7890", "0731-84567890"),
        ("(0731)8456789", "0731-8456789"),
        ("（0591）87654321", "0591-87654321"),
        ("0591-8765432-123", "0591-8765432-123"),
        ("0731-84567890转123", "0731-84567890-123"),
        ("010-62345678", "010-62345678"),
        ("01062345678", "010-62345678"),  # three-digit area code: 010, 02x
        ("02161234567", "021-61234567"),
        ("+86 731 84567890", "0731-84567890"),
        ("+86-10-62345678", "010-62345678"),
        ("０７３１－８４５６７８９０", "0731-84567890"),
    ],
)
def test_landlines(value: str, normal: str) -> None:
    assert check_landline("tel", value) == []
    assert check_phone("tel", value) == []
    assert normalize_phone(value) == normal


@pytest.mark.parametrize(
    "value",
    [
        "84567890",  # no area code
        "0731-1234567",  # local numbers never start with 0 or 1
        "731-84567890",
        "0031-84567890",
        "0731-845678901",  # nine digits
        "0731-845678",  # six digits
        "0731-84567890-1234567",  # extension too long
        "0731-8456-7890-12-3",
        "+1 2025550123",
        "0731-8456789O",
        "",
    ],
)
def test_invalid_landlines(value: str) -> None:
    issues = check_landline("tel", value)
    assert has_errors(issues) and is_chinese(issues[0].message)
    assert has_errors(check_phone("tel", value))


def test_a_mobile_is_no_landline_and_the_reverse() -> None:
    assert has_errors(check_landline("tel", "13907310000"))
    assert has_errors(check_mobile("tel", "0731-84567890"))


def test_what_is_no_phone_is_kept_as_typed() -> None:
    assert normalize_phone("  找村主任  ") == "找村主任"


# --- division codes ---


@pytest.mark.parametrize(
    ("code", "level"),
    [
        ("430000000000", "province"),
        ("430100000000", "city"),
        ("430121000000", "county"),
        ("430121001000", "township"),
        ("430121001001", "village"),
        ("110000000000", "province"),
        ("650000000000", "province"),
        ("810000000000", "province"),
    ],
)
def test_division_levels(code: str, level: str) -> None:
    assert check_division_code("d", code) == []
    assert division_level(code) == level


@pytest.mark.parametrize(
    "code",
    [
        "43012100100",  # eleven digits
        "4301210010011",
        "43012100100a",
        "",
        "990000000000",  # no such province
        "100000000000",
        "660000000000",
        "000000000000",
        "430100001000",  # township under a zero county
        "430021000000",  # county under a zero city
        "430121000001",  # village under a zero township
        "43012100100²",
    ],
)
def test_invalid_division_codes(code: str) -> None:
    issues = check_division_code("d", code)
    assert has_errors(issues) and is_chinese(issues[0].message)


def test_division_code_must_exist_when_a_list_is_given() -> None:
    listed = {"430121001001"}
    assert check_division_code("d", "430121001001", exists=listed.__contains__) == []
    issues = check_division_code("d", "430121001099", exists=listed.__contains__)
    assert has_errors(issues) and issues[0].message == "区划代码不在区划表中"


def test_division_level_refuses_what_is_no_code() -> None:
    with pytest.raises(UserInputError, match="12 位"):
        division_level("4301")


# --- dates ---


@pytest.mark.parametrize(
    "text",
    [
        "2024-05-29",
        "2024-5-29",
        "2024/5/29",
        "2024/05/29",
        "2024.05.29",
        "2024年5月29日",
        "2024年05月29日",
        "20240529",
        "２０２４-05-29",
        "2024-05-29 00:00:00",
    ],
)
def test_date_formats(text: str) -> None:
    assert parse_date(text) == date(2024, 5, 29)


@pytest.mark.parametrize("text", ["29/05/2024", "2024-05", "五月", "", "2024-05-29x"])
def test_bad_date_formats(text: str) -> None:
    with pytest.raises(UserInputError) as err:
        parse_date(text)
    assert is_chinese(err.value.message)


@pytest.mark.parametrize("text", ["2025-02-29", "2024-13-01", "2024-04-31", "2024年2月30日"])
def test_dates_that_do_not_exist(text: str) -> None:
    with pytest.raises(UserInputError, match="不存在"):
        parse_date(text)


def test_leap_day() -> None:
    assert parse_date("2024-02-29") == date(2024, 2, 29)
    assert parse_date("2000-02-29") == date(2000, 2, 29)


def test_date_checks() -> None:
    assert check_date("d", "2026-10-31", label="走访日期", today=TODAY) == []
    assert check_date("d", "2026-11-01", label="走访日期", today=TODAY) == []
    future = check_date("d", "2026-11-02", label="走访日期", today=TODAY)
    assert has_errors(future) and future[0].message.startswith("走访日期不能晚于今天")
    assert check_date("d", "2026-11-02", label="计划日期", not_future=False, today=TODAY) == []
    assert "不存在" in check_date("d", "2025-02-29", label="走访日期", today=TODAY)[0].message
    early = check_date("d", "2000-01-01", label="走访日期", earliest=date(2020, 1, 1), today=TODAY)
    assert has_errors(early) and "2020-01-01" in early[0].message


def test_date_objects_and_blanks() -> None:
    assert check_date("d", date(2026, 1, 1), label="走访日期", today=TODAY) == []
    assert has_errors(check_date("d", date(2027, 1, 1), label="走访日期", today=TODAY))
    # Spreadsheet cells arrive as datetimes.
    assert check_date("d", datetime(2026, 1, 1, 0, 0), label="走访日期", today=TODAY) == []
    assert has_errors(check_date("d", datetime(2027, 1, 1), label="走访日期", today=TODAY))
    # No date is not this check's business: require() says a date is missing.
    assert check_date("d", None, label="走访日期", today=TODAY) == []
    assert check_date("d", "  ", label="走访日期", today=TODAY) == []


# --- money ---


@pytest.mark.parametrize(
    ("value", "fen"),
    [
        ("1,234.5", 123450),
        ("1，234.50", 123450),
        ("1,234,567.89", 123456789),
        ("¥20", 2000),
        ("￥ 20.00", 2000),
        ("20元", 2000),
        ("0.01", 1),
        ("0", 0),
        (".5", 50),
        ("３００", 30000),
        ("0.07", 7),  # 0.07 * 100 is 7.000000000000001 in floats
        ("1.1", 110),
        (12, 1200),
        (0.1, 10),
        (0.1 + 0.2, 30),  # what Excel shows as 0.3
        (1234.56, 123456),
        (Decimal("19.99"), 1999),
        (Decimal("19.990"), 1999),
    ],
)
def test_money_to_fen(value: str | int | float | Decimal, fen: int) -> None:
    assert parse_money_to_fen(value) == fen


@pytest.mark.parametrize(
    "value",
    [
        "1.234",
        "0.001",
        "-5",
        "-0.01",
        "abc",
        "",
        "1e5",
        "1e400",
        "NaN",
        "Infinity",
        "1,2,3",
        "12,34",
        "1.00000000000000000000000000001",
        "100000000000",
    ],
)
def test_bad_money(value: str) -> None:
    with pytest.raises(UserInputError) as err:
        parse_money_to_fen(value)
    assert is_chinese(err.value.message)


@pytest.mark.parametrize("value", [Decimal("-1"), Decimal("NaN"), Decimal("0.005"), float("inf"), -3, True])
def test_bad_money_of_other_types(value: Decimal | float | int) -> None:
    with pytest.raises(UserInputError):
        parse_money_to_fen(value)


def test_money_messages_name_the_problem() -> None:
    with pytest.raises(UserInputError, match="两位小数"):
        parse_money_to_fen("1.234")
    with pytest.raises(UserInputError, match="负数"):
        parse_money_to_fen("-5")


def test_format_fen() -> None:
    assert format_fen(123450) == "1,234.50"
    assert format_fen(5) == "0.05"
    assert format_fen(0) == "0.00"
    assert format_fen(123456789) == "1,234,567.89"
    assert format_fen(-2000) == "-20.00"
    assert parse_money_to_fen(format_fen(987654321)) == 987654321


def test_check_money() -> None:
    assert check_money("cash", "300", label="慰问金") == []
    assert check_money("cash", "200", label="慰问金", maximum_fen=20000) == []
    over = check_money("cash", "300", label="慰问金", maximum_fen=20000)
    assert has_errors(over) and over[0].message == "慰问金超过上限 200.00 元"
    assert "两位小数" in check_money("cash", "3.001", label="慰问金")[0].message
    assert check_money("cash", "三百", label="慰问金")[0].message.startswith("慰问金：")


# --- no input crashes a validator ---

_PHONEISH = st.text(alphabet="0123456789０１２３+-() （）转ext86 xX元¥.,，年月日/", max_size=24)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=30), _PHONEISH))
def test_any_text_gives_issues_or_a_chinese_refusal(text: str) -> None:
    for check in (check_mobile, check_landline, check_phone, check_division_code):
        for issue in check("f", text):
            assert is_chinese(issue.message)
    normalize_phone(text)
    assert all(is_chinese(i.message) for i in check_date("f", text, label="日期", today=TODAY))
    assert all(is_chinese(i.message) for i in check_money("f", text, label="金额"))
    for parse in (parse_date, parse_money_to_fen):
        try:
            parse(text)
        except UserInputError as exc:
            assert is_chinese(exc.message)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**13 - 1))
def test_fen_survive_formatting(fen: int) -> None:
    assert parse_money_to_fen(format_fen(fen)) == fen


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"0(10|2[0-9]|[3-9][0-9]{2})[2-9][0-9]{6,7}", fullmatch=True))
def test_normalised_landlines_stay_what_they_are(number: str) -> None:
    normal = normalize_phone(number)
    assert normal.replace("-", "") == number
    assert normalize_phone(normal) == normal
