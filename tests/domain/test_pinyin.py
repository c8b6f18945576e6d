"""Pinyin keys for the one-box search."""

from __future__ import annotations

import pytest

from app.domain.pinyin import full_pinyin, initials, normalize_search_text, search_key


@pytest.mark.parametrize(
    ("text", "short", "full"),
    [
        ("张三", "zs", "zhangsan"),
        ("李秀英", "lxy", "lixiuying"),
        ("吕布", "lb", "lvbu"),  # ü is typed v
        ("长沙", "cs", "changsha"),
        ("解放村", "jfc", "jiefangcun"),  # a place: pypinyin's phrase reading, not the surname xiè
        ("区计生协", "qjsx", "qujishengxie"),
    ],
)
def test_initials_and_full_pinyin(text: str, short: str, full: str) -> None:
    assert initials(text) == short
    assert full_pinyin(text) == full


@pytest.mark.parametrize(
    ("name", "short", "full"),
    [
        ("单田芳", "stf", "shantianfang"),
        ("曾国藩", "zgf", "zengguofan"),
        ("解缙", "xj", "xiejin"),
        ("尉迟恭", "ycg", "yuchigong"),
        ("张三", "zs", "zhangsan"),
    ],
)
def test_surnames_read_as_surnames_in_names(name: str, short: str, full: str) -> None:
    assert initials(name, as_name=True) == short
    assert full_pinyin(name, as_name=True) == full


def test_mixed_text_keeps_letters_and_digits_whole() -> None:
    assert initials("A座3号") == "az3h"
    assert initials("ABC座") == "abcz"
    assert full_pinyin("3号楼") == "3haolou"
    assert initials("Ａ座１号") == "az1h"  # full-width letters and digits
    assert initials("张 三") == "zs"
    assert initials("买买提·艾力") == "mmtal"  # the middle dot of a minority name is dropped
    assert initials("") == ""


def test_search_key_holds_every_way_of_finding_a_name() -> None:
    key = search_key("王桂兰")
    assert key == "wgl wangguilan 王桂兰"
    for term in ("wgl", "wangguilan", "王桂兰", "guilan"):
        assert term in key
    assert search_key("") == ""
    assert search_key("   ") == ""


def test_search_key_finds_a_polyphonic_surname_either_way() -> None:
    key = search_key("单田芳")
    for term in ("stf", "shantianfang", "dtf", "dantianfang", "单田芳"):
        assert term in key
    assert "jfc" in search_key("解放村")


def test_search_text_is_folded_like_the_key() -> None:
    assert normalize_search_text(" Ａ座１号 ") == "a座1号"
    assert normalize_search_text("Ａ座１号") in search_key("Ａ座１号")
