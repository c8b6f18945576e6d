"""GB 11643 resident ID numbers, with real vectors and an independent check-digit computation."""

from __future__ import annotations

from datetime import date

import pytest

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


def reference_check(first17: str) -> str:
    """Written from the standard's table, independent of the code under test."""
    weights = [2 ** (17 - i) % 11 for i in range(17)]  # 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, weights, strict=True)) % 11]


def make(region: str, birth: str, order: str) -> str:
    first17 = region + birth + order
    return first17 + reference_check(first17)


def test_the_standards_own_example() -> None:
    info = parse_id_number("11010519491231002X", today=TODAY)
    assert info.birth_date == date(1949, 12, 31)
    assert info.sex is Sex.FEMALE
    assert info.region_code == "110105"
    assert not info.converted_from_15


def test_lower_case_x_and_full_width_are_normalised() -> None:
    assert parse_id_number("11010519491231002x", today=TODAY).number == "11010519491231002X"
    assert normalize_id_number("１１０１０５１９４９１２３１００２ｘ") == "11010519491231002X"
    assert normalize_id_number(" 110105 19491231 002X ") == "11010519491231002X"


def test_fifteen_digit_numbers_are_converted() -> None:
    assert normalize_id_number("110105491231002") == "11010519491231002X"
    info, issues = check_id_number("id", "110105491231002", today=TODAY)
    assert info is not None and info.converted_from_15 and info.number == "11010519491231002X"
    assert [i.severity for i in issues] == [Severity.WARNING]


@pytest.mark.parametrize("order", ["001", "013", "235", "998"])
def test_generated_numbers_and_sex_from_the_17th_digit(order: str) -> None:
    number = make("430121", "19560304", order)
    info = parse_id_number(number, today=TODAY)
    assert info.sex is (Sex.MALE if int(order[-1]) % 2 else Sex.FEMALE)
    assert check_digit(number[:17]) == number[17]


def test_wrong_check_digit_names_the_expected_one() -> None:
    good = make("430121", "19700101", "123")
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    info, issues = check_id_number("id", bad, today=TODAY)
    assert info is None and has_errors(issues)
    assert f"应为 {good[17]}" in issues[0].message


@pytest.mark.parametrize(
    ("birth", "ok"), [("20000229", True), ("19000229", False), ("20240229", True), ("20230229", False),
                      ("19801301", False), ("19800230", False), ("19800431", False)],
)
def test_birth_date_must_exist(birth: str, ok: bool) -> None:
    info, issues = check_id_number("id", make("430121", birth, "011"), today=TODAY)
    assert (info is not None) is ok
    if not ok:
        assert "不存在" in issues[0].message


def test_future_birth_and_impossible_age_are_errors() -> None:
    _, issues = check_id_number("id", make("430121", "20261231", "011"), today=TODAY)
    assert has_errors(issues) and "晚于今天" in issues[0].message
    _, issues = check_id_number("id", make("430121", "18800101", "011"), today=TODAY)
    assert has_errors(issues)


def test_unknown_region_is_only_a_warning() -> None:
    retired = make("432302", "19380517", "024")  # an old prefix, no longer in the division list
    info, issues = check_id_number("id", retired, known_region=lambda code: code == "430121", today=TODAY)
    assert info is not None
    assert not has_errors(issues)
    assert issues[0].severity is Severity.WARNING and "旧区划" in issues[0].message


@pytest.mark.parametrize("text", ["", "12345", "11010519491231002Y", "1101051949123100XX", "4301211956030401"])
def test_malformed_numbers_are_refused_in_chinese(text: str) -> None:
    with pytest.raises(UserInputError) as err:
        parse_id_number(text, today=TODAY)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err.value.message)


def test_age_and_masking() -> None:
    assert age_on(date(1949, 12, 31), date(2026, 12, 30)) == 76
    assert age_on(date(1949, 12, 31), date(2026, 12, 31)) == 77
    assert mask_id_number("11010519491231002X") == "110105********002X"
    assert mask_id_number(None) == ""
