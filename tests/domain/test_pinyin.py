"""Pinyin keys for the one-box search."""

from app.domain.pinyin import full_pinyin, initials, search_key


def test_initials_and_full_pinyin() -> None:
    assert initials("张三") == "zs"
    assert full_pinyin("张三") == "zhangsan"
    assert initials("李秀英") == "lxy"


def test_surnames_read_as_surnames() -> None:
    assert initials("单田芳") == "stf"
    assert initials("曾国藩") == "zgf"
    assert initials("尉迟恭") == "ycg"


def test_search_key_holds_every_way_of_finding_a_name() -> None:
    key = search_key("王桂兰")
    for term in ("wgl", "wangguilan", "王桂兰", "guilan"):
        assert term in key
    assert search_key("") == ""
    assert initials("A座3号") == "az3h"
