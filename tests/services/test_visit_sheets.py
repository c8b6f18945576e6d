"""Printed visit forms: what the office knows of each family, masked, numbered, in the order asked."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from app.domain.enums import FamilyCategory, FamilyStatus, MemberRelation, VisitOccasion, VisitWay
from app.domain.errors import NotFound, UserInputError
from app.domain.idcard import check_digit
from app.domain.records.families import Coverage, FamilyInput, MemberInput, VisitInput
from app.services import families
from app.services.families import visits
from app.services.families.visit_sheets import (
    MAX_SHEETS,
    blank_sheets,
    canonical_form_number,
    families_to_visit,
    form_number,
    look_up_form,
    visit_sheets,
)
from app.services.shared.paper import visit_forms_pdf
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
            needs_raised="想参加老年大学",
        ),
        today=TODAY,
    )
    sheets = visit_sheets(workspace, [second, first, second], today=TODAY)
    assert [s.head_name for s in sheets] == ["赵六", "张三"]  # the order asked, each family once
    assert [s.form_number for s in sheets] == [form_number(second, TODAY), form_number(first, TODAY)]
    assert all(re.fullmatch(r"ZF20261123-[0-9A-HJKMNP-TV-Z]{8}", s.form_number) for s in sheets)
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
    assert sheet.needs == "行动不便；想参加老年大学"  # the family's needs and those raised, still open
    assert sheets[0].last_visit_on is None


def test_deleted_families_are_left_out_and_a_county_at_once_is_refused(workspace: Workspace) -> None:
    gone = family(workspace, "钱七", id_number("19500505", "171"))
    families.mark_family_deleted(workspace, gone)
    assert visit_sheets(workspace, [gone], today=TODAY) == []
    with pytest.raises(UserInputError, match="最多打印"):
        visit_sheets(workspace, [f"id-{n}" for n in range(MAX_SHEETS + 1)], today=TODAY)


def visit(ws: Workspace, family_id: str, day: date, number: str = "", *, done: bool = False) -> None:
    visits.record_visit(
        ws,
        VisitInput(
            family_id=family_id,
            visited_on=day,
            occasion=VisitOccasion.SPRING_FESTIVAL,
            way=VisitWay.HOME,
            visitors="王干部",
            form_number=number,
            needs_raised="修缮房屋",
        ),
        accept_warnings=True,
        today=TODAY,
    )


def test_a_form_number_finds_its_family_again_and_a_second_use_is_flagged(workspace: Workspace) -> None:
    first = family(workspace, "张三", id_number("19560310", "131"))
    other = family(workspace, "赵六", id_number("19600101", "151"))
    (sheet,) = visit_sheets(workspace, [first], today=TODAY)
    typed = sheet.form_number.lower().replace("0", "o")  # typed by hand, as people do
    found = look_up_form(workspace, f"  {typed} ")
    assert (found.form_number, found.family_id, found.head_name, found.used_by) == (
        sheet.form_number,
        first,
        "张三",
        "",
    )
    assert look_up_form(workspace, form_number(other, TODAY)).family_id == other
    visit(workspace, first, date(2026, 11, 20), sheet.form_number)
    assert look_up_form(workspace, sheet.form_number).used_by == "张三家，2026-11-20"
    with pytest.raises(UserInputError, match="不是走访表的表号"):
        look_up_form(workspace, "ZF2026-12")
    with pytest.raises(NotFound, match="没有找到表号"):
        look_up_form(workspace, "ZF20261123-00000000")
    families.mark_family_deleted(workspace, other)
    with pytest.raises(NotFound):
        look_up_form(workspace, form_number(other, TODAY))


def test_blank_forms_have_numbers_of_their_own_and_no_family(workspace: Workspace) -> None:
    sheets = blank_sheets(20, today=TODAY)
    numbers = [s.form_number for s in sheets]
    assert len(set(numbers)) == 20 and all(re.fullmatch(r"ZF20261123-[0-9A-Z]{4}", n) for n in numbers)
    assert all(s.blank and not s.head_name for s in sheets)
    found = look_up_form(workspace, numbers[0])
    assert (found.family_id, found.form_number) == ("", numbers[0])
    with pytest.raises(UserInputError):
        blank_sheets(0)
    assert canonical_form_number("zf20261123-ab1l") == "ZF20261123-AB11"


def test_printing_a_whole_list_offers_only_the_families_in_the_register(workspace: Workspace) -> None:
    living = family(workspace, "张三", id_number("19560310", "131"))
    moved = family(
        workspace,
        "赵六",
        id_number("19600101", "151"),
        status=FamilyStatus.MOVED_OUT,
        status_changed_on=date(2026, 3, 1),
    )
    assert [
        s.family_id for s in visit_sheets(workspace, [living, moved], registered_only=True, today=TODAY)
    ] == [living]
    assert len(visit_sheets(workspace, [living, moved], today=TODAY)) == 2  # chosen ones print anyway
    assert families_to_visit(workspace, "430121001000") == [living]
    visit(workspace, living, date(2026, 9, 1))
    assert families_to_visit(workspace, "430121001000", not_visited_since=date(2026, 8, 1)) == []
    assert families_to_visit(workspace, "430121001000", not_visited_since=date(2026, 10, 1)) == [living]
    with pytest.raises(UserInputError, match="不存在，或不在本机的管辖范围内"):
        families_to_visit(workspace, "110101000000")


def pdf_pages(pdf: Path, tmp: Path, dpi: int = 100) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(tmp / "page")], check=True)
    return sorted(tmp.glob("page-*.png"))


def qr_text(png: Path) -> str:
    found = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True)
    return found.stdout.strip()


def test_the_printed_forms_read_back_by_their_qr_codes_and_their_chinese_text(
    qapp: object, workspace: Workspace, tmp_path: Path
) -> None:
    # qapp: pytest-qt's QApplication is made first, as in the program; the paper package makes
    # its own offscreen QGuiApplication only when no application runs (the command line).
    first = family(workspace, "张三", id_number("19560310", "131"), needs="行动不便")
    second = family(workspace, "赵六", id_number("19600101", "151"))
    sheets = visit_sheets(workspace, [first, second], today=TODAY) + blank_sheets(1, today=TODAY)
    out = tmp_path / "forms.pdf"
    assert visit_forms_pdf(out, sheets, printed_on=TODAY) is True
    pages = pdf_pages(out, tmp_path)
    assert [qr_text(p) for p in pages] == [s.form_number for s in sheets]  # one page a form
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True).stdout
    forms = text.split("\f")
    assert "计生特殊家庭走访慰问登记表" in forms[0] and "张三" in forms[0] and "赵六" in forms[1]
    assert sheets[0].form_number in forms[0] and "行动不便" in forms[0]
    for label in ("已登记需求", "时机", "春节", "重阳节", "物品名称", "价值（元）", "走访人签字"):
        assert label in forms[0], label
    assert id_number("19560310", "131") not in text and sheets[0].head_id_masked in forms[0]
    assert "（请填写）" in forms[2] and "张三" not in forms[2]


def test_a_cancel_stops_after_the_forms_drawn_so_far(qapp: object, tmp_path: Path) -> None:
    sheets = blank_sheets(5, today=TODAY)
    out = tmp_path / "cut.pdf"
    asked: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        asked.append((done, total))
        return done < 2

    assert visit_forms_pdf(out, sheets, progress=progress) is False
    assert asked == [(0, 5), (1, 5), (2, 5)] and len(pdf_pages(out, tmp_path, 20)) == 2
