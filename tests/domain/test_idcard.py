"""GB 11643 resident ID numbers, with real vectors and an independent check-digit computation."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.enums import Sex
from app.domain.errors import UserInputError
from app.domain.idcard import (
    age_on,
    check_digit,
    check_id_number,
    mask_id_number,
    normalize_id_number,
    parse_id_number,
)
from app.domain.validation import Severity, has_errors

TODAY = date(2026, 11, 1)

# Written from the standard's table, independent of the code under test.
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK_MAP = "10X98765432"


def reference_check(first17: str) -> str:
    return CHECK_MAP[sum(int(c) * w for c, w in zip(first17, WEIGHTS, strict=True)) % 11]


def make(region: str, birth: str, order: str) -> str:
    first17 = region + birth + order
    return first17 + reference_check(first17)


def wrong_last(number: str) -> str:
    return number[:17] + ("0" if number[17] != "0" else "1")


def is_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_the_weights_are_the_standards() -> None:
    # W_i = 2^(i-1) mod 11, counted from the check digit: a second derivation of the same table.
    assert [2 ** (17 - i) % 11 for i in range(17)] == WEIGHTS


def test_the_standards_own_example() -> None:
    info = parse_id_number("11010519491231002X", today=TODAY)
    assert info.number == "11010519491231002X"
    assert info.birth_date == date(1949, 12, 31)
    assert info.sex is Sex.FEMALE
    assert info.region_code == "110105"
    assert not info.converted_from_15
    assert check_digit("11010519491231002") == "X"


def test_lower_case_x_full_width_and_spaces_are_normalised() -> None:
    assert parse_id_number("11010519491231002x", today=TODAY).number == "11010519491231002X"
    assert normalize_id_number("11010519491231002x") == "11010519491231002X"
    assert normalize_id_number("１１０１０５１９４９１２３１００２Ｘ") == "11010519491231002X"
    assert normalize_id_number("１１０１０５１９４９１２３１００２ｘ") == "11010519491231002X"
    assert normalize_id_number(" 110105 19491231 002X ") == "11010519491231002X"
    info, issues = check_id_number("id", "１１０１０５１９４９１２３１００２ｘ", today=TODAY)
    assert info is not None and info.number == "11010519491231002X" and issues == []


def test_fifteen_digit_numbers_are_converted() -> None:
    assert normalize_id_number("110105491231002") == "11010519491231002X"
    info, issues = check_id_number("id", "110105491231002", today=TODAY)
    assert info is not None
    assert info.converted_from_15 and info.number == "11010519491231002X"
    assert info.birth_date == date(1949, 12, 31) and info.sex is Sex.FEMALE
    # Stored differently from what was typed, so the user is told once; never blocked.
    assert [i.severity for i in issues] == [Severity.WARNING]
    assert "11010519491231002X" in issues[0].message


def test_a_fifteen_digit_number_with_an_impossible_date_is_not_converted() -> None:
    assert normalize_id_number("110105491331002") == "110105491331002"
    with pytest.raises(UserInputError, match="19491331 不存在"):
        parse_id_number("110105491331002", today=TODAY)


@pytest.mark.parametrize("order", ["001", "013", "235", "998"])
def test_generated_numbers_and_sex_from_the_17th_digit(order: str) -> None:
    number = make("430121", "19560304", order)
    info = parse_id_number(number, today=TODAY)
    assert info.number == number
    assert info.sex is (Sex.MALE if int(order[-1]) % 2 else Sex.FEMALE)
    assert check_digit(number[:17]) == number[17]


def test_every_check_character_is_produced() -> None:
    seen = set()
    for order in range(200):
        number = make("430121", "19700101", f"{order:03d}")
        assert parse_id_number(number, today=TODAY).number == number
        seen.add(number[17])
    assert seen == set(CHECK_MAP)


def test_wrong_check_digit_names_the_expected_one() -> None:
    good = make("430121", "19700101", "123")
    info, issues = check_id_number("id", wrong_last(good), today=TODAY)
    assert info is None and has_errors(issues)
    assert f"应为 {good[17]}" in issues[0].message
    _, issues = check_id_number("id", "110105194912310021", today=TODAY)
    assert "校验位" in issues[0].message and "应为 X" in issues[0].message


@pytest.mark.parametrize(
    ("birth", "ok"),
    [
        ("20000229", True),  # divisible by 400: a leap year
        ("19000229", False),  # divisible by 100 only: not one
        ("20240229", True),
        ("20230229", False),
        ("19801301", False),  # month 13
        ("19800230", False),  # 30 February
        ("19800431", False),  # 31 April
        ("19800001", False),
        ("19800100", False),
    ],
)
def test_birth_date_must_exist(birth: str, ok: bool) -> None:
    info, issues = check_id_number("id", make("430121", birth, "011"), today=TODAY)
    assert (info is not None) is ok
    if ok:
        assert info is not None and info.birth_date.strftime("%Y%m%d") == birth
    else:
        assert has_errors(issues) and "不存在" in issues[0].message


def test_future_birth_and_impossible_age_are_errors() -> None:
    _, issues = check_id_number("id", make("430121", "20261102", "011"), today=TODAY)
    assert has_errors(issues) and "晚于今天" in issues[0].message
    born_today, issues = check_id_number("id", make("430121", "20261101", "011"), today=TODAY)
    assert born_today is not None and issues == []
    _, issues = check_id_number("id", make("430121", "18951031", "011"), today=TODAY)
    assert has_errors(issues) and "130" in issues[0].message
    oldest, _ = check_id_number("id", make("430121", "18961101", "011"), today=TODAY)
    assert oldest is not None  # exactly 130 today


def test_unknown_region_is_only_a_warning() -> None:
    retired = make("432302", "19380517", "024")  # an old prefix, no longer in the division list
    info, issues = check_id_number("id", retired, known_region=lambda code: code == "430121", today=TODAY)
    assert info is not None and info.region_code == "432302"
    assert not has_errors(issues)
    assert [i.severity for i in issues] == [Severity.WARNING]
    assert "432302" in issues[0].message and "旧区划" in issues[0].message
    _, issues = check_id_number(
        "id", make("430121", "19380517", "024"), known_region={"430121"}.__contains__, today=TODAY
    )
    assert issues == []


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "12345",
        "11010519491231002Y",
        "1101051949123100XX",
        "X10105194912310021",
        "4301211956030401",
        "11010549123100X",
        "110105-19491231-002X",
        "11010519491231²02X",
    ],
)
def test_malformed_numbers_are_refused_in_chinese(text: str) -> None:
    with pytest.raises(UserInputError) as err:
        parse_id_number(text, today=TODAY)
    assert is_chinese(err.value.message)
    info, issues = check_id_number("id", text, today=TODAY)
    assert info is None and has_errors(issues) and issues[0].field == "id"


def test_length_message_says_how_long_it_is() -> None:
    with pytest.raises(UserInputError, match="现在是 16 位"):
        parse_id_number("4301211956030401", today=TODAY)


def test_check_digit_refuses_wrong_input() -> None:
    with pytest.raises(ValueError):
        check_digit("1234")


def test_age() -> None:
    assert age_on(date(1949, 12, 31), date(2026, 12, 30)) == 76
    assert age_on(date(1949, 12, 31), date(2026, 12, 31)) == 77
    assert age_on(date(2000, 2, 29), date(2025, 2, 28)) == 24
    assert age_on(date(2000, 2, 29), date(2025, 3, 1)) == 25


def test_masking() -> None:
    assert mask_id_number("11010519491231002X") == "110105********002X"
    assert mask_id_number("110105491231002") == "110105*****1002"
    assert mask_id_number("12345") == "*****"
    assert mask_id_number(None) == ""


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0123456789Xx１２Ｘ \t-", min_size=0, max_size=20))
def test_any_text_gives_an_answer_or_a_chinese_refusal(text: str) -> None:
    info, issues = check_id_number("id", text, known_region=lambda _: False, today=TODAY)
    assert all(is_chinese(i.message) for i in issues)
    if info is not None:
        assert not has_errors(issues) and len(info.number) == 18
        assert reference_check(info.number[:17]) == info.number[17]


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=TODAY), st.integers(min_value=0, max_value=999))
def test_any_real_birth_date_round_trips(birth: date, order: int) -> None:
    number = make("430121", f"{birth:%Y%m%d}", f"{order:03d}")
    info = parse_id_number(number, today=TODAY)
    assert info.birth_date == birth
    assert info.sex is (Sex.MALE if order % 2 else Sex.FEMALE)
    assert has_errors(check_id_number("id", wrong_last(number), today=TODAY)[1])
