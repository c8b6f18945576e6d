"""组织建设 services: associations and 换届, people in their roles, instructors per village, 阵地."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from app.database.models import Association, ChangeLogEntry, Person, PersonRole
from app.domain.enums import AssociationKind, PersonRoleKind, PositionKind, Sex, StaffKind
from app.domain.errors import NotFound, UserInputError, ValidationFailed
from app.domain.idcard import check_digit
from app.domain.records.families import WarningsToConfirm
from app.domain.records.org import (
    INSTRUCTOR_ROLES,
    MEMBER_ROLES,
    STAFF_ROLES,
    AssociationFilter,
    AssociationInput,
    PersonFilter,
    PersonInput,
    PositionFilter,
    PositionInput,
    RoleInput,
    TermInput,
)
from app.services import organisation as org
from app.services.shared.workspace import Workspace

TODAY = date(2026, 11, 23)
TOWNSHIP = "430121001000"  # 星沙街道
VILLAGE = "430121001001"  # 开元路社区居委会
OTHER_VILLAGE = "430121001002"


def id_number(birth: str, order: str) -> str:
    first17 = "430121" + birth + order
    return first17 + check_digit(first17)


def new_association(ws: Workspace, *, accept_warnings: bool = False, **kw: object) -> str:
    values: dict[str, object] = {
        "division_code": VILLAGE,
        "name": "开元路社区计生协",
        "president": "王会长",
        "member_count": 120,
        "member_group_count": 4,
    }
    values.update(kw)
    inp = AssociationInput(**values)  # type: ignore[arg-type]
    return org.save_association(ws, inp, accept_warnings=accept_warnings, today=TODAY)


def person(name: str, number: str = "", division: str = VILLAGE, **kw: object) -> PersonInput:
    return PersonInput(name=name, division_code=division, id_number=number, **kw)  # type: ignore[arg-type]


# --- associations and terms -------------------------------------------------------------------------


def test_association_saved_listed_and_level_taken_from_the_division(workspace: Workspace) -> None:
    aid = new_association(workspace, has_member_home=True, phone="138 0731 0001")
    ids = org.list_association_ids(workspace, AssociationFilter(division_code=TOWNSHIP))
    assert ids == [aid]
    (row,) = org.load_association_rows(workspace, ids)
    assert row.name == "开元路社区计生协"
    assert row.level.value == "村级"
    assert row.division_name == "开元路社区居委会"
    assert row.member_count == 120 and row.has_member_home
    assert row.phone == "13807310001"
    assert org.list_association_ids(workspace, AssociationFilter(text="开元")) == [aid]
    assert org.list_association_ids(workspace, AssociationFilter(text="王会长")) == [aid]
    assert org.list_association_ids(workspace, AssociationFilter(division_code=OTHER_VILLAGE)) == []


def test_association_refused_without_name_or_outside_the_county(workspace: Workspace) -> None:
    with pytest.raises(ValidationFailed) as caught:
        org.save_association(workspace, AssociationInput(division_code="430102000000", name=" "))
    fields = {i.field for i in caught.value.issues}  # type: ignore[attr-defined]
    assert fields == {"name", "division_code"}
    assert "请填写协会名称" in caught.value.message


def test_same_name_in_the_same_division_is_asked_about_once(workspace: Workspace) -> None:
    new_association(workspace)
    with pytest.raises(WarningsToConfirm, match="同名协会"):
        new_association(workspace)
    new_association(workspace, accept_warnings=True)
    assert len(org.list_association_ids(workspace)) == 2


def test_recording_a_term_updates_officers_and_lists_terms_newest_first(workspace: Workspace) -> None:
    aid = new_association(workspace, founded_on=date(1990, 5, 1))
    org.record_term(
        workspace,
        TermInput(aid, date(2016, 3, 1), "李旧会长", "赵秘书长", council_size=9),
        today=TODAY,
    )
    org.record_term(workspace, TermInput(aid, date(2021, 3, 8), "张会长", "钱秘书长"), today=TODAY)
    # An older term recorded later does not overwrite the current officers.
    org.record_term(workspace, TermInput(aid, date(2011, 2, 1), "更早会长"), today=TODAY)
    detail = org.association_detail(workspace, aid)
    assert detail.president == "张会长" and detail.secretary_general == "钱秘书长"
    assert detail.last_election_on == date(2021, 3, 8)
    assert [t.elected_on.year for t in detail.terms] == [2021, 2016, 2011]
    assert detail.terms[0].ends_on == date(2026, 3, 8)
    (row,) = org.load_association_rows(workspace, [aid])
    assert row.term_ends_on == date(2026, 3, 8) and row.term_due(TODAY)
    assert org.list_association_ids(workspace, AssociationFilter(term_due=True), today=TODAY) == [aid]
    assert org.list_association_ids(workspace, AssociationFilter(term_due=True), today=date(2025, 1, 1)) == []


def test_term_refused_twice_on_one_day_or_in_the_future(workspace: Workspace) -> None:
    aid = new_association(workspace)
    org.record_term(workspace, TermInput(aid, date(2021, 3, 8), "张会长"), today=TODAY)
    with pytest.raises(ValidationFailed, match="已经登记过"):
        org.record_term(workspace, TermInput(aid, date(2021, 3, 8), "张会长"), today=TODAY)
    with pytest.raises(ValidationFailed, match="不能晚于今天"):
        org.record_term(workspace, TermInput(aid, date(2027, 1, 1), "张会长"), today=TODAY)
    with pytest.raises(ValidationFailed, match="请填写会长"):
        org.record_term(workspace, TermInput(aid, date(2020, 1, 1), ""), today=TODAY)
    assert len(org.association_detail(workspace, aid).terms) == 1


def test_association_with_people_is_not_deleted(workspace: Workspace) -> None:
    aid = new_association(workspace)
    rid = org.save_person(
        workspace, person("刘专干"), RoleInput(PersonRoleKind.VOLUNTEER, association_id=aid), today=TODAY
    )
    with pytest.raises(UserInputError, match="1 个人员角色"):
        org.mark_association_deleted(workspace, aid)
    org.mark_role_deleted(workspace, rid)
    org.mark_association_deleted(workspace, aid)
    assert org.list_association_ids(workspace) == []
    with workspace.db.read() as s:  # a tombstone, never a hard delete
        assert s.scalar(select(Association.deleted).where(Association.id == aid)) is True


# --- people in their roles ----------------------------------------------------------------------------


def test_staff_member_registered_with_id_number_filling_sex_and_birth(workspace: Workspace) -> None:
    number = id_number("19800412", "231")
    rid = org.save_person(
        workspace,
        person("周专干", number, division=TOWNSHIP, phone="13807310002"),
        RoleInput(
            PersonRoleKind.STAFF, staff_kind=StaffKind.CONTRACT, title="专干", started_on=date(2020, 1, 1)
        ),
        today=TODAY,
    )
    ids = org.list_person_ids(workspace, PersonFilter(roles=STAFF_ROLES), today=TODAY)
    assert ids == [rid]
    (row,) = org.load_person_rows(workspace, ids, today=TODAY)
    assert (row.name, row.sex, row.age, row.staff_kind, row.title) == (
        "周专干",
        Sex.MALE,
        46,
        StaffKind.CONTRACT,
        "专干",
    )
    assert row.id_masked == number[:6] + "********" + number[-4:]
    assert row.township == "星沙街道" and row.village == ""
    assert org.list_person_ids(workspace, PersonFilter(roles=MEMBER_ROLES), today=TODAY) == []
    assert org.list_person_ids(workspace, PersonFilter(roles=STAFF_ROLES, text="zzg"), today=TODAY) == [rid]
    assert org.list_person_ids(workspace, PersonFilter(roles=STAFF_ROLES, text="0412"), today=TODAY) == [rid]


def test_staff_needs_a_kind_and_a_bad_id_number_is_refused(workspace: Workspace) -> None:
    with pytest.raises(ValidationFailed) as caught:
        org.save_person(
            workspace, person("吴某", "430121198004122310"), RoleInput(PersonRoleKind.STAFF), today=TODAY
        )
    messages = " ".join(str(i) for i in caught.value.issues)  # type: ignore[attr-defined]
    assert "在编" in messages and "校验位" in messages
    with workspace.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 0


def test_known_id_number_adds_a_role_to_the_same_person(workspace: Workspace) -> None:
    number = id_number("19700101", "142")
    first = org.save_person(
        workspace, person("陈会员", number), RoleInput(PersonRoleKind.MEMBER), today=TODAY
    )
    holders = org.find_people_by_id_number(workspace, number)
    assert [h.name for h in holders] == ["陈会员"] and "会员（开元路社区居委会）" in holders[0].roles
    role = RoleInput(PersonRoleKind.VOLUNTEER, service_hours=12)
    with pytest.raises(WarningsToConfirm, match="添加这一角色"):
        org.save_person(workspace, person("陈会员", number), role, today=TODAY)
    second = org.save_person(workspace, person("陈会员", number), role, accept_warnings=True, today=TODAY)
    with workspace.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == 1
        assert s.scalar(select(func.count()).select_from(PersonRole)) == 2
    detail = org.person_role_detail(workspace, second)
    assert detail.other_roles == ("会员（开元路社区居委会）",)
    # The same role twice in the same village is refused.
    with pytest.raises(ValidationFailed, match="不能重复登记"):
        org.save_person(
            workspace,
            person("陈会员", number),
            RoleInput(PersonRoleKind.MEMBER),
            accept_warnings=True,
            today=TODAY,
        )
    assert first != second


def test_editing_a_role_keeps_untouched_fields_stamps(workspace: Workspace) -> None:
    rid = org.save_person(
        workspace,
        person("郑骨干"),
        RoleInput(PersonRoleKind.CORE_MEMBER, started_on=date(2019, 1, 1)),
        today=TODAY,
    )
    detail = org.person_role_detail(workspace, rid)
    org.save_person(workspace, detail.person, detail.role, today=TODAY)  # nothing changed
    with workspace.db.read() as s:
        assert (
            s.scalar(select(func.count()).select_from(ChangeLogEntry).where(ChangeLogEntry.op == "update"))
            == 0
        )
    from dataclasses import replace

    org.save_person(workspace, replace(detail.person, phone="0731-84567890"), detail.role, today=TODAY)
    (row,) = org.load_person_rows(workspace, [rid])
    assert row.phone == "0731-84567890" and row.role is PersonRoleKind.CORE_MEMBER
    ids = org.list_person_ids(workspace, PersonFilter(roles=MEMBER_ROLES, role=PersonRoleKind.CORE_MEMBER))
    assert ids == [rid]


def test_ended_roles_leave_the_current_list(workspace: Workspace) -> None:
    rid = org.save_person(workspace, person("冯志愿"), RoleInput(PersonRoleKind.VOLUNTEER), today=TODAY)
    org.end_role(workspace, rid, date(2026, 6, 30))
    assert org.list_person_ids(workspace, PersonFilter(roles=(PersonRoleKind.VOLUNTEER,)), today=TODAY) == []
    everyone = PersonFilter(roles=(PersonRoleKind.VOLUNTEER,), current_only=False)
    assert org.list_person_ids(workspace, everyone, today=TODAY) == [rid]
    org.mark_role_deleted(workspace, rid)
    assert org.list_person_ids(workspace, everyone, today=TODAY) == []
    with pytest.raises(NotFound):
        org.person_role_detail(workspace, rid)


def test_villages_below_the_instructor_target(workspace: Workspace) -> None:
    role = RoleInput(
        PersonRoleKind.HEALTH_INSTRUCTOR, trained_on=date(2025, 4, 1), certificate_no="JKZD000001"
    )
    org.save_person(workspace, person("指导员甲"), role, today=TODAY)
    org.save_person(workspace, person("指导员乙"), role, today=TODAY)
    org.save_person(workspace, person("指导员丙", division=OTHER_VILLAGE), role, today=TODAY)
    below = org.villages_below_instructor_target(workspace, TOWNSHIP, today=TODAY)
    codes = {v.code: v for v in below}
    assert VILLAGE not in codes  # two instructors: on target
    assert codes[OTHER_VILLAGE].instructors == 1 and codes[OTHER_VILLAGE].names == "指导员丙"
    assert below[0].instructors == 0 and below[-1].code == OTHER_VILLAGE
    cover = org.instructor_coverage(workspace, TOWNSHIP, today=TODAY)
    assert cover.villages_on_target == 1 and cover.instructors == 3
    assert cover.villages == len(below) + 1
    ids = org.list_person_ids(workspace, PersonFilter(roles=INSTRUCTOR_ROLES, text="jkzd000001"), today=TODAY)
    assert len(ids) == 3


def test_instructor_without_training_date_or_at_a_township_is_asked_about(workspace: Workspace) -> None:
    with pytest.raises(WarningsToConfirm) as caught:
        org.save_person(
            workspace,
            person("指导员丁", division=TOWNSHIP),
            RoleInput(PersonRoleKind.HEALTH_INSTRUCTOR),
            today=TODAY,
        )
    fields = {i.field for i in caught.value.issues}  # type: ignore[attr-defined]
    assert fields == {"division_code", "trained_on"}


# --- positions ----------------------------------------------------------------------------------------


def test_positions_saved_counted_and_closed(workspace: Workspace) -> None:
    aid = new_association(workspace)
    home = org.save_position(
        workspace,
        PositionInput(
            VILLAGE,
            PositionKind.MEMBER_HOME,
            "开元路会员之家",
            association_id=aid,
            opened_on=date(2024, 5, 1),
            plaque_on=date(2024, 5, 29),
            funding_fen=3_000_000,
        ),
        today=TODAY,
    )
    org.save_position(
        workspace,
        PositionInput(TOWNSHIP, PositionKind.CHILDCARE_POINT, "星沙普惠托育点", funding_fen=5_000_000, places=80),
        today=TODAY,
    )
    (row,) = org.load_position_rows(workspace, [home])
    assert row.level.value == "村级" and row.association_name == "开元路社区计生协"
    assert row.plaque_on == date(2024, 5, 29) and row.funding_fen == 3_000_000
    counts = {c.kind: (c.count, c.funding_fen) for c in org.position_counts(workspace, today=TODAY)}
    assert counts == {PositionKind.MEMBER_HOME: (1, 3_000_000), PositionKind.CHILDCARE_POINT: (1, 5_000_000)}
    kind = PositionFilter(kind=PositionKind.CHILDCARE_POINT)
    assert len(org.list_position_ids(workspace, kind, today=TODAY)) == 1
    detail = org.position_detail(workspace, home)
    from dataclasses import replace

    org.save_position(workspace, replace(detail, closed_on=date(2026, 1, 1)), today=TODAY)
    assert home not in org.list_position_ids(workspace, today=TODAY)
    assert home in org.list_position_ids(workspace, PositionFilter(open_only=False), today=TODAY)


def test_childcare_places_belong_to_a_childcare_point(workspace: Workspace) -> None:
    point = PositionInput(TOWNSHIP, PositionKind.CHILDCARE_POINT, "星沙普惠托育点")
    with pytest.raises(WarningsToConfirm, match="请填写托位数"):
        org.save_position(workspace, point, today=TODAY)
    with pytest.raises(ValidationFailed, match="托位数不能为负数"):
        org.save_position(workspace, replace(point, places=-1), today=TODAY)
    pid = org.save_position(workspace, replace(point, places=60), today=TODAY)
    assert org.position_detail(workspace, pid).places == 60
    (row,) = org.load_position_rows(workspace, [pid])
    assert row.places == 60
    home = org.save_position(
        workspace, PositionInput(VILLAGE, PositionKind.MEMBER_HOME, "开元路会员之家", places=12), today=TODAY
    )
    assert org.position_detail(workspace, home).places is None  # a 会员之家 has no 托位


def test_position_dates_checked(workspace: Workspace) -> None:
    bad = PositionInput(
        VILLAGE, PositionKind.WARM_HOME, "暖心家园", opened_on=date(2025, 1, 1), closed_on=date(2024, 1, 1)
    )
    with pytest.raises(ValidationFailed, match="停用日期不能早于建成日期"):
        org.save_position(workspace, bad, today=TODAY)
    early = PositionInput(
        VILLAGE, PositionKind.WARM_HOME, "暖心家园", opened_on=date(2025, 1, 1), plaque_on=date(2024, 12, 1)
    )
    with pytest.raises(WarningsToConfirm, match="挂牌日期早于建成日期"):
        org.save_position(workspace, early, today=TODAY)


def test_division_choices_label_villages_with_their_township(workspace: Workspace) -> None:
    choices = {c.code: c for c in org.division_choices(workspace)}
    assert choices[VILLAGE].label == "星沙街道 · 开元路社区居委会"
    assert choices[TOWNSHIP].level == "乡镇街道"
    assert "430000000000" not in choices  # the province is above this county


def test_demo_lists_load_and_sort(demo_workspace: Workspace) -> None:
    ws = demo_workspace
    ids = org.list_association_ids(ws, AssociationFilter(sort="members", descending=True))
    rows = org.load_association_rows(ws, ids[:50])
    assert [r.member_count for r in rows] == sorted((r.member_count for r in rows), reverse=True)
    kinds = {r.kind for r in org.load_association_rows(ws, ids)}
    assert AssociationKind.HOSPITAL in kinds
    staff = org.list_person_ids(ws, PersonFilter(roles=STAFF_ROLES, sort="age"))
    ages = [r.age for r in org.load_person_rows(ws, staff[:40]) if r.age is not None]
    assert ages == sorted(ages)  # by age: the youngest first
    cover = org.instructor_coverage(ws)
    assert 0 < cover.villages_on_target < cover.villages
    below = org.villages_below_instructor_target(ws)
    assert len(below) == cover.villages - cover.villages_on_target
