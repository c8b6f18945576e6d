"""The one-box search finds families by name, pinyin, ID number, phone, 档案编号 and members."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.enums import FamilyCategory, MemberRelation
from app.domain.idcard import check_digit
from app.domain.records.families import FamilyFilter, FamilyInput, MemberInput
from app.services import families
from app.services.shared.search import family_clause, search_family_ids, words
from app.services.shared.workspace import Workspace

TODAY = date(2026, 11, 23)


def id_number(birth: str, order: str) -> str:
    first17 = "430121" + birth + order
    return first17 + check_digit(first17)


@pytest.fixture
def people(workspace: Workspace) -> dict[str, str]:
    def add(name: str, number: str, phone: str, family_no: str, *others: MemberInput) -> str:
        inp = FamilyInput(
            division_code="430121001001",
            category=FamilyCategory.BEREAVED,
            members=(MemberInput(name, MemberRelation.SELF, number), *others),
            phone=phone,
            family_no=family_no,
        )
        return families.save_family(workspace, inp, accept_warnings=True, today=TODAY)

    return {
        "张三": add("张三", id_number("19560310", "131"), "13807310001", "TS001"),
        "章珊": add("章珊", id_number("19600101", "242"), "0731-84567890", "TS002"),
        "单田": add("单田", id_number("19501212", "351"), "13912345678", "TS_03"),
        "王五": add(
            "王五",
            id_number("19550505", "171"),
            "",
            "TS004",
            MemberInput("欧阳晓燕", MemberRelation.SPOUSE, id_number("19570707", "282")),
        ),
    }


def find(ws: Workspace, text: str) -> set[str]:
    return set(families.list_family_ids(ws, FamilyFilter(text=text), today=TODAY))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("zs", {"张三", "章珊"}),  # pinyin initials
        ("ZS", {"张三", "章珊"}),
        ("zhangsan", {"张三"}),  # full pinyin
        ("zhang", {"张三", "章珊"}),
        ("zhangsh", {"章珊"}),
        ("张三", {"张三"}),
        ("张", {"张三"}),
        ("st", {"单田"}),  # 单 read as a surname: shàn
        ("dt", {"单田"}),  # and as pypinyin reads it
        ("1956", {"张三"}),  # part of an ID number
        ("0310131", {"张三"}),
        ("13912345678", {"单田"}),  # phone
        ("８４５６７８９０", {"章珊"}),  # full-width digits typed with a Chinese input method
        ("0731-8456", {"章珊"}),  # a landline as written
        ("ts002", {"章珊"}),  # 档案编号, any case
        ("欧阳", {"王五"}),  # a member's name
        ("4301211957", {"王五"}),  # a member's ID number, from its start
        ("zs 0001", {"张三"}),  # every word must match
        ("", {"张三", "章珊", "单田", "王五"}),
        ("%", set()),  # LIKE wildcards are literal
        ("_", set()),
        ("xyz", set()),
    ],
)
def test_one_box_search(workspace: Workspace, people: dict[str, str], text: str, expected: set[str]) -> None:
    assert find(workspace, text) == {people[name] for name in expected}


def test_search_combines_with_the_filters(workspace: Workspace, people: dict[str, str]) -> None:
    flt = FamilyFilter(text="zs", category=FamilyCategory.DISABLED)
    assert families.list_family_ids(workspace, flt, today=TODAY) == []


def test_quick_look_up_by_name(workspace: Workspace, people: dict[str, str]) -> None:
    # In pinyin order: zhangsan before zhangshan.
    assert search_family_ids(workspace, "zs") == [people["张三"], people["章珊"]]
    assert search_family_ids(workspace, "zs", limit=1) == [people["张三"]]
    assert search_family_ids(workspace, "  ") == []


def test_words_are_folded_before_matching() -> None:
    assert words("  ＺＳ  １２３ ") == ["zs", "123"]
    assert family_clause("   ") is None


def test_search_runs_in_sql_over_the_demo_county(demo_workspace: Workspace) -> None:
    ws = demo_workspace
    rows = families.load_family_rows(ws, families.list_family_ids(ws)[:20])
    for row in rows:
        initials = find(ws, row.head_name)
        assert row.id in initials
        if row.phone:
            assert row.id in find(ws, row.phone[-6:])
