"""Families through their services: save with members, checks, coverage, the list, delete."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from app.database.models import ChangeLogEntry, FamilyMember, SpecialFamily
from app.domain.enums import FamilyCategory, FamilyStatus, MemberRelation, Sex
from app.domain.errors import NotFound, ValidationFailed
from app.domain.idcard import check_digit
from app.domain.records.families import (
    Coverage,
    FamilyFilter,
    FamilyInput,
    MemberInput,
    WarningsToConfirm,
)
from app.services import families
from app.services.shared.workspace import Workspace

TODAY = date(2026, 11, 23)
VILLAGE = "430121001001"  # 星沙街道 in 长沙县 (the test county)


def id_number(birth: str, order: str = "123", region: str = "430121") -> str:
    first17 = region + birth + order
    return first17 + check_digit(first17)


HEAD_ID = id_number("19560310", "131")  # odd order digit: a man
SPOUSE_ID = id_number("19580817", "242")  # even: a woman


def family(**changes: object) -> FamilyInput:
    base = FamilyInput(
        division_code=VILLAGE,
        category=FamilyCategory.BEREAVED,
        members=(
            MemberInput("张三", MemberRelation.SELF, HEAD_ID, phone="13807310001"),
            MemberInput("李四", MemberRelation.SPOUSE, SPOUSE_ID),
        ),
        phone="0731-84567890",
        address="星沙街道1组2号",
        registered_on=date(2026, 3, 1),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def count(ws: Workspace, model: type) -> int:
    with ws.db.read() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_a_new_family_with_two_members_is_saved_with_what_the_id_numbers_say(workspace: Workspace) -> None:
    fid = families.save_family(workspace, family(), today=TODAY)
    detail = families.family_detail(workspace, fid, today=TODAY)
    assert detail.head_name == "张三" and detail.village and detail.township
    head, spouse = detail.members
    assert (head.relation, head.sex, head.birth_date, head.age) == (
        MemberRelation.SELF,
        Sex.MALE,
        date(1956, 3, 10),
        70,
    )
    assert (spouse.sex, spouse.birth_date) == (Sex.FEMALE, date(1958, 8, 17))
    assert head.id_number == HEAD_ID  # the form shows it in full (can_see_sensitive)
    assert detail.phone == "0731-84567890"
    [row] = families.load_family_rows(workspace, [fid], today=TODAY)
    assert row.head_id_masked == "430121********" + HEAD_ID[-4:]
    assert (row.member_count, row.head_sex, row.head_age) == (2, Sex.MALE, 70)
    assert not row.has_contacts and not row.has_doctor and not row.has_green_channel


def test_a_bad_id_number_blocks_saving_and_nothing_is_written(workspace: Workspace) -> None:
    bad = HEAD_ID[:-1] + ("0" if HEAD_ID[-1] != "0" else "1")
    before = count(workspace, ChangeLogEntry)
    with pytest.raises(ValidationFailed) as caught:
        families.save_family(
            workspace, family(members=(MemberInput("张三", MemberRelation.SELF, bad),)), today=TODAY
        )
    assert not isinstance(caught.value, WarningsToConfirm)
    assert "校验位" in caught.value.message
    assert [i.field for i in caught.value.issues] == ["members.0.id_number"]  # type: ignore[attr-defined]
    assert count(workspace, SpecialFamily) == 0 and count(workspace, ChangeLogEntry) == before


@pytest.mark.parametrize(
    ("members", "text"),
    [
        ((MemberInput("李四", MemberRelation.SPOUSE, SPOUSE_ID),), "户主本人"),
        ((MemberInput("张三", MemberRelation.SELF), MemberInput("张五", MemberRelation.SELF)), "只能有一位"),
        (
            (
                MemberInput("张三", MemberRelation.SELF, HEAD_ID),
                MemberInput("张五", MemberRelation.CHILD, HEAD_ID),
            ),
            "相同",
        ),
        ((MemberInput(" ", MemberRelation.SELF),), "姓名"),
    ],
)
def test_members_must_make_sense(workspace: Workspace, members: tuple[MemberInput, ...], text: str) -> None:
    with pytest.raises(ValidationFailed, match=text):
        families.save_family(workspace, family(members=members), today=TODAY)


def test_an_unknown_village_is_refused(workspace: Workspace) -> None:
    with pytest.raises(ValidationFailed, match="区划"):
        families.save_family(workspace, family(division_code="110101001001"), today=TODAY)


def test_an_id_number_in_another_family_warns_once_then_saves(workspace: Workspace) -> None:
    first = families.save_family(workspace, family(), today=TODAY)
    second = family(members=(MemberInput("张三", MemberRelation.SELF, HEAD_ID),), address="别处")
    with pytest.raises(WarningsToConfirm) as caught:
        families.save_family(workspace, second, today=TODAY)
    assert "已登记" in caught.value.message and "张三" in caught.value.message
    [holder] = families.find_by_id_number(workspace, HEAD_ID)
    assert holder.family_id == first and holder.relation is MemberRelation.SELF
    assert families.find_by_id_number(workspace, HEAD_ID, except_family=first) == []
    second_id = families.save_family(workspace, second, accept_warnings=True, today=TODAY)
    assert second_id != first and len(families.find_by_id_number(workspace, HEAD_ID)) == 2


def test_an_old_15_digit_number_is_stored_as_18_after_a_warning(workspace: Workspace) -> None:
    old = "430121560310131"  # 1956-03-10
    inp = family(members=(MemberInput("张三", MemberRelation.SELF, old),))
    with pytest.raises(WarningsToConfirm, match="18 位"):
        families.save_family(workspace, inp, today=TODAY)
    fid = families.save_family(workspace, inp, accept_warnings=True, today=TODAY)
    number = families.family_detail(workspace, fid).members[0].id_number
    assert len(number) == 18 and number.startswith("43012119560310131")
    assert families.find_by_id_number(workspace, old)[0].family_id == fid


def test_editing_updates_members_and_marks_removed_ones_deleted(workspace: Workspace) -> None:
    fid = families.save_family(workspace, family(), today=TODAY)
    detail = families.family_detail(workspace, fid)
    head = detail.members[0]
    edited = family(
        id=fid,
        members=(
            MemberInput("张三丰", MemberRelation.SELF, HEAD_ID, id=head.id),
            MemberInput(
                "张小",
                MemberRelation.CHILD,
                id_number("19850101", "011"),
                is_deceased=True,
                died_on=date(2010, 5, 1),
            ),
        ),
        status=FamilyStatus.MOVED_OUT,
        status_changed_on=date(2026, 10, 1),
    )
    assert families.save_family(workspace, edited, today=TODAY) == fid
    after = families.family_detail(workspace, fid, today=TODAY)
    assert [m.name for m in after.members] == ["张三丰", "张小"]
    assert after.members[0].id == head.id and after.head_name == "张三丰"
    assert after.members[1].is_deceased and after.members[1].age == 25  # age at death
    assert after.status is FamilyStatus.MOVED_OUT
    with workspace.db.read() as s:  # the spouse is a tombstone, never removed
        spouse = s.scalar(select(FamilyMember).where(FamilyMember.name == "李四"))
        assert spouse is not None and spouse.deleted
        assert s.scalar(select(SpecialFamily.name_key).where(SpecialFamily.id == fid)).startswith("zsf")


def test_saving_unchanged_input_writes_no_change(workspace: Workspace) -> None:
    fid = families.save_family(workspace, family(), today=TODAY)
    detail = families.family_detail(workspace, fid)
    same = family(
        id=fid,
        members=tuple(
            MemberInput(m.name, m.relation, m.id_number, phone=m.phone, id=m.id) for m in detail.members
        ),
    )
    before = count(workspace, ChangeLogEntry)
    families.save_family(workspace, same, today=TODAY)
    assert count(workspace, ChangeLogEntry) == before


def test_coverage_is_checked_and_fills_the_gaps(workspace: Workspace) -> None:
    fid = families.save_family(workspace, family(), today=TODAY)
    missing = {
        kind: families.list_family_ids(workspace, FamilyFilter(missing=kind), today=TODAY)
        for kind in ("contact", "doctor", "green_channel", "visit")
    }
    assert all(ids == [fid] for ids in missing.values())
    with pytest.raises(ValidationFailed, match="电话"):
        families.set_coverage(
            workspace, fid, Coverage(contact_township_name="王干部", contact_township_phone="12345")
        )
    with pytest.raises(ValidationFailed, match="到期"):
        families.set_coverage(
            workspace,
            fid,
            Coverage(
                doctor_name="赵医生",
                doctor_institution="卫生院",
                doctor_signed_on=date(2026, 5, 1),
                doctor_expires_on=date(2026, 4, 1),
            ),
            today=TODAY,
        )
    coverage = Coverage(
        contact_township_name="王干部",
        contact_township_phone="138 0731 0002",
        contact_village_name="刘村干",
        contact_village_phone="13807310003",
        doctor_institution="星沙街道社区卫生服务中心",
        doctor_name="赵医生",
        doctor_signed_on=date(2026, 5, 1),
        doctor_expires_on=date(2027, 4, 30),
        green_channel_hospital="县人民医院",
        green_channel_since=date(2026, 6, 1),
    )
    families.set_coverage(workspace, fid, coverage, today=TODAY)
    [row] = families.load_family_rows(workspace, [fid], today=TODAY)
    assert row.has_contacts and row.has_doctor and row.has_green_channel
    assert families.family_detail(workspace, fid).coverage.contact_township_phone == "13807310002"
    for kind in ("contact", "doctor", "green_channel"):
        assert families.list_family_ids(workspace, FamilyFilter(missing=kind), today=TODAY) == []
    # An expired contract counts as no family doctor, as on the home page.
    assert families.list_family_ids(workspace, FamilyFilter(missing="doctor"), today=date(2027, 5, 1)) == [
        fid
    ]


def test_the_list_filters_and_sorts_in_sql(demo_workspace: Workspace) -> None:
    ws = demo_workspace
    everyone = families.list_family_ids(ws)
    assert len(everyone) == 300
    by_name = families.list_family_ids(ws, FamilyFilter(sort="head_name", descending=False))
    keys = [r.head_name for r in families.load_family_rows(ws, by_name[:50])]
    assert len(keys) == 50
    with ws.db.read() as s:
        ordered = s.scalars(select(SpecialFamily.name_key).where(SpecialFamily.id.in_(by_name[:50]))).all()
    assert sorted(ordered) == [k for k in sorted(ordered)]  # pinyin order comes from name_key
    registered = families.list_family_ids(ws, FamilyFilter(status=FamilyStatus.REGISTERED))
    rows = families.load_family_rows(ws, registered)
    assert rows and all(r.status is FamilyStatus.REGISTERED for r in rows)
    disabled = families.load_family_rows(
        ws, families.list_family_ids(ws, FamilyFilter(category=FamilyCategory.DISABLED))
    )
    assert disabled and all(r.category is FamilyCategory.DISABLED for r in disabled)
    township = rows[0].division_code[:9] + "000"
    in_township = families.load_family_rows(
        ws, families.list_family_ids(ws, FamilyFilter(division_code=township))
    )
    assert in_township and all(r.division_code.startswith(township[:9]) for r in in_township)
    last = families.load_family_rows(ws, families.list_family_ids(ws, FamilyFilter(sort="last_visit")))
    dates = [r.last_visit_on for r in last if r.last_visit_on]
    assert dates == sorted(dates, reverse=True)


def test_marked_deleted_families_leave_the_list_but_stay_in_the_database(workspace: Workspace) -> None:
    fid = families.save_family(workspace, family(), today=TODAY)
    families.mark_family_deleted(workspace, fid)
    assert families.list_family_ids(workspace) == []
    assert families.find_by_id_number(workspace, HEAD_ID) == []
    assert count(workspace, SpecialFamily) == 1
    with pytest.raises(NotFound):
        families.save_family(workspace, family(id=fid), today=TODAY)


def test_villages_to_choose_from_are_the_countys(workspace: Workspace) -> None:
    villages = families.village_choices(workspace)
    assert villages and all(v.code.startswith("430121") and v.code[9:] != "000" for v in villages)
    assert any(v.code == VILLAGE and v.township for v in villages)
    tree = families.family_divisions(workspace)
    assert tree[0].code == "430121000000" or any(d.code == "430121000000" for d in tree)
    assert "430121" in families.known_id_regions()
