"""Printed visit forms: what the office knows of each family, masked, numbered, in the order asked."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.enums import FamilyCategory, MemberRelation, VisitOccasion, VisitWay
from app.domain.errors import UserInputError
from app.domain.idcard import check_digit
from app.domain.records.families import Coverage, FamilyInput, MemberInput, VisitInput
from app.services import families
from app.services.families import visits
from app.services.families.visit_sheets import MAX_SHEETS, visit_sheets
from app.services.shared.workspace import Workspace

TODAY = date(2026, 11, 23)


def id_number(birth: str, order: str) -> str:
    first17 = "430121" + birth + order
    return first17 + check_digit(first17)


def family(ws: Workspace, head: str, number: str, spouse: str = "", **more: object) -> str:
    spouses = (MemberInput("李四", MemberRelation.SPOUSE, id_number=spouse),) if spouse else ()
    inp = FamilyInput(
        division_code="430121001001",
        category=FamilyCategory.BEREAVED,
        members=(MemberInput(head, MemberRelation.SELF, id_number=number), *spouses),
        registered_on=date(2020, 1, 1),
        phone="13807310001",
        address="星沙街道开元路 1 号",
        **more,  # type: ignore[arg-type]
    )
    return families.save_family(ws, inp, today=TODAY)


def test_a_sheet_carries_the_family_its_gaps_and_what_is_still_open(workspace: Workspace) -> None:
    number = id_number("19560310", "131")
    first = family(
        workspace,
        "张三",
        number,
        id_number("19580817", "242"),
        coverage=Coverage(contact_township_name="王干部", contact_township_phone="13900000000"),
        needs="行动不便",
    )
    second = family(workspace, "赵六", id_number("19600101", "151"))
    visits.record_visit(
        workspace,
        VisitInput(
            family_id=first,
            visited_on=date(2026, 10, 11),
            occasion=VisitOccasion.DOUBLE_NINTH,
            way=VisitWay.HOME,
            visitors="王干部",
            follow_up="联系医院复查",
        ),
        today=TODAY,
    )
    sheets = visit_sheets(workspace, [second, first, second], today=TODAY)
    assert [s.head_name for s in sheets] == ["赵六", "张三"]  # the order asked, each family once
    assert [s.form_number for s in sheets] == ["ZF20261123-001", "ZF20261123-002"]
    sheet = sheets[1]
    assert sheet.head_id_masked != number and sheet.head_id_masked.endswith(number[-4:])
    assert number not in repr(sheet)  # the paper never carries a full ID number
    assert (sheet.township, sheet.village) == ("星沙街道", "开元路社区居委会")
    assert [(m.name, m.relation, m.age) for m in sheet.members] == [
        ("张三", MemberRelation.SELF, 70),
        ("李四", MemberRelation.SPOUSE, 68),
    ]
    assert sheet.contacts == "王干部 13900000000" and sheet.doctor == "" and sheet.green_channel == ""
    assert sheet.last_visit_on == date(2026, 10, 11) and sheet.open_follow_up == "联系医院复查"
    assert sheet.needs == "行动不便"
    assert sheets[0].last_visit_on is None


def test_deleted_families_are_left_out_and_a_county_at_once_is_refused(workspace: Workspace) -> None:
    gone = family(workspace, "钱七", id_number("19500505", "171"))
    families.mark_family_deleted(workspace, gone)
    assert visit_sheets(workspace, [gone], today=TODAY) == []
    with pytest.raises(UserInputError, match="最多打印"):
        visit_sheets(workspace, [f"id-{n}" for n in range(MAX_SHEETS + 1)], today=TODAY)
