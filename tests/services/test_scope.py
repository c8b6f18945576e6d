"""Roles and division scope through the services, on the demo county: what a township clerk, a
county administrator and a read-only viewer see, may change and get masked."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from app.database.models import (
    ChangeLogEntry,
    DuplicateCandidate,
    FamilyMember,
    MergeConflict,
    SpecialFamily,
)
from app.domain.enums import FamilyStatus, UserRole
from app.domain.errors import NotFound, UserInputError
from app.domain.permissions import mask_bank_account, mask_id_number
from app.domain.records.accounts import SignedInUser
from app.domain.records.families import FamilyDetail, FamilyFilter, FamilyInput, MemberInput
from app.services import families, projects
from app.services.families import visits
from app.services.families.visit_sheets import visit_sheets
from app.services.home import overview
from app.services.shared import audit as audit_service
from app.services.shared import search
from app.services.shared.export_xlsx import export_records
from app.services.shared.workspace import Workspace
from app.services.sync import conflicts

TOWNSHIP = "430121001000"  # 星沙街道
PREFIX = "430121001"


def sign_in_as(ws: Workspace, role: UserRole, division: str = TOWNSHIP) -> None:
    ws.user = SignedInUser(f"user-{role.name.lower()}", "测试用户", role, division)


def families_by_place(ws: Workspace) -> tuple[list[SpecialFamily], list[SpecialFamily]]:
    """(live families of the clerk's township, live families elsewhere), read without a user."""
    with ws.db.read() as s:
        rows = s.scalars(select(SpecialFamily).where(SpecialFamily.deleted.is_(False))).all()
    inside = [f for f in rows if f.division_code.startswith(PREFIX)]
    return inside, [f for f in rows if not f.division_code.startswith(PREFIX)]


def changes(ws: Workspace) -> int:
    with ws.db.read() as s:
        return s.scalar(select(func.count()).select_from(ChangeLogEntry)) or 0


def to_input(detail: FamilyDetail) -> FamilyInput:
    return FamilyInput(
        division_code=detail.division_code,
        category=detail.category,
        members=tuple(
            MemberInput(
                m.name,
                m.relation,
                m.id_number,
                m.sex,
                m.birth_date,
                m.is_deceased,
                m.died_on,
                m.disability_grade,
                m.phone,
                m.bank_name,
                m.bank_account,
                m.receives_support,
                m.health_note,
                id=m.id,
            )
            for m in detail.members
        ),
        disability_grade=detail.disability_grade,
        status=detail.status,
        status_changed_on=detail.status_changed_on,
        registered_on=detail.registered_on,
        family_no=detail.family_no,
        phone=detail.phone,
        address=detail.address,
        monthly_support_fen=detail.monthly_support_fen,
        needs=detail.needs,
        note=detail.note,
        coverage=detail.coverage,
        id=detail.id,
    )


def test_a_township_clerk_sees_only_its_township_in_the_list_search_and_home_figures(
    demo_workspace: Workspace,
) -> None:
    ws = demo_workspace
    inside, outside = families_by_place(ws)
    assert inside and outside
    everything = overview.overview(ws)
    sign_in_as(ws, UserRole.TOWNSHIP_CLERK)

    ids = families.list_family_ids(ws, FamilyFilter(sort="family_no"))
    assert set(ids) == {f.id for f in inside}
    rows = families.load_family_rows(ws, [f.id for f in outside[:5]] + ids[:5])
    assert [r.id for r in rows] == ids[:5]  # rows of other townships are not handed out by id either
    assert all(r.division_code.startswith(PREFIX) for r in rows)
    # Asking for another township by the division filter gives nothing, not that township.
    assert families.list_family_ids(ws, FamilyFilter(division_code=outside[0].division_code)) == []
    assert {d.code[:9] for d in families.family_divisions(ws) if d.level == "village"} <= {PREFIX}

    figures = overview.overview(ws)
    registered = sum(1 for f in inside if f.status is FamilyStatus.REGISTERED)
    assert figures.families == registered < everything.families
    assert figures.division_name == "星沙街道"

    stranger, neighbour = outside[0], inside[0]
    assert stranger.head_id_number and neighbour.head_id_number
    assert search.search_family_ids(ws, stranger.head_id_number) == []
    assert search.search_family_ids(ws, neighbour.head_id_number) == [neighbour.id]
    assert families.list_family_ids(ws, FamilyFilter(text=stranger.head_id_number)) == []
    assert all(d.family_id in ids for d in visits.visits_due(ws, limit=1000))


def test_other_townships_records_cannot_be_opened_or_changed(demo_workspace: Workspace) -> None:
    ws = demo_workspace
    inside, outside = families_by_place(ws)
    sign_in_as(ws, UserRole.TOWNSHIP_CLERK)
    before = changes(ws)
    stranger = outside[0]
    with pytest.raises(NotFound):
        families.family_detail(ws, stranger.id)
    ws.user = None
    theirs = families.family_detail(ws, stranger.id)
    sign_in_as(ws, UserRole.TOWNSHIP_CLERK)
    with pytest.raises(NotFound, match="管辖区划"):
        families.save_family(ws, replace(to_input(theirs), address="改过的地址"), accept_warnings=True)
    with pytest.raises(NotFound):
        families.mark_family_deleted(ws, stranger.id)
    with pytest.raises(NotFound):
        families.set_coverage(ws, stranger.id, theirs.coverage)
    # Moving an own family into another township is refused by the village check.
    mine = families.family_detail(ws, inside[0].id)
    with pytest.raises(UserInputError):
        families.save_family(
            ws, replace(to_input(mine), division_code=stranger.division_code), accept_warnings=True
        )
    assert changes(ws) == before
    with ws.db.read() as s:
        assert s.get(SpecialFamily, stranger.id).address == stranger.address  # type: ignore[union-attr]
    project_ids = projects.list_project_ids(ws)
    assert all(r.division_code.startswith(PREFIX) for r in projects.load_project_rows(ws, project_ids))


def test_read_only_changes_nothing(demo_workspace: Workspace) -> None:
    ws = demo_workspace
    inside, _ = families_by_place(ws)
    sign_in_as(ws, UserRole.READ_ONLY)
    before = changes(ws)
    mine = families.family_detail(ws, inside[0].id)
    assert families.list_family_ids(ws)  # reading is allowed
    with pytest.raises(UserInputError, match="当前账户为只读查看，不能修改"):
        families.save_family(ws, replace(to_input(mine), address="新地址"), accept_warnings=True)
    with pytest.raises(UserInputError, match="只读查看"):
        families.mark_family_deleted(ws, inside[0].id)
    with pytest.raises(UserInputError, match="不能查看完整的身份证号"):
        families.unmask_member(ws, mine.members[0].id)
    assert changes(ws) == before


def _member_with_numbers(ws: Workspace) -> tuple[SpecialFamily, FamilyMember]:
    with ws.db.read() as s:
        found = s.execute(
            select(SpecialFamily, FamilyMember)
            .join(FamilyMember, FamilyMember.family_id == SpecialFamily.id)
            .where(
                SpecialFamily.division_code.startswith(PREFIX),
                SpecialFamily.deleted.is_(False),
                FamilyMember.deleted.is_(False),
                FamilyMember.id_number.is_not(None),
            )
            .limit(1)
        ).one()
    return found[0], found[1]


def test_numbers_are_masked_for_a_clerk_and_unmasking_one_member_is_audited(
    demo_workspace: Workspace,
) -> None:
    ws = demo_workspace
    family, member = _member_with_numbers(ws)
    with ws.db.session() as s:  # give the member a bank account to mask
        s.get(FamilyMember, member.id).bank_account = "6217001234567890123"  # type: ignore[union-attr]
    sign_in_as(ws, UserRole.TOWNSHIP_CLERK)

    detail = families.family_detail(ws, family.id)
    shown = next(m for m in detail.members if m.id == member.id)
    assert shown.id_number == mask_id_number(member.id_number) != member.id_number
    assert shown.bank_account == "***************0123" == mask_bank_account("6217001234567890123")
    (row,) = families.load_family_rows(ws, [family.id])
    assert "*" in row.head_id_masked and "*" in row.head_id_export

    full = families.unmask_member(ws, member.id)
    assert (full.id_number, full.bank_account) == (member.id_number, "6217001234567890123")
    entries = audit_service.list_entries(ws, 5)
    assert entries[0].action == "unmask" and entries[0].username == "user-township_clerk"
    assert member.id_number not in str(entries[0].detail) and "6217" not in str(entries[0].detail)
    assert entries[1].action == "view_person" and entries[1].target == f"家庭 {family.id}"
    assert audit_service.verify(ws).ok

    # Saving the form as shown (masked) keeps the stored numbers.
    before = changes(ws)
    families.save_family(ws, to_input(detail), accept_warnings=True)
    with ws.db.read() as s:
        stored = s.get(FamilyMember, member.id)
        assert stored is not None and stored.id_number == member.id_number
        assert stored.bank_account == "6217001234567890123"
    assert changes(ws) == before  # nothing changed, so nothing was logged for sync


def test_a_county_administrator_sees_full_numbers(demo_workspace: Workspace) -> None:
    ws = demo_workspace
    family, member = _member_with_numbers(ws)
    sign_in_as(ws, UserRole.COUNTY_ADMIN, "430121000000")
    detail = families.family_detail(ws, family.id)
    assert next(m for m in detail.members if m.id == member.id).id_number == member.id_number
    (row,) = families.load_family_rows(ws, [family.id])
    assert row.head_id_export == family.head_id_number and "*" in row.head_id_masked
    _, outside = families_by_place(ws)
    assert families.family_detail(ws, outside[0].id).id == outside[0].id  # the whole county


@pytest.mark.parametrize("role", [UserRole.TOWNSHIP_CLERK, UserRole.COUNTY_ADMIN])
def test_an_exported_family_list_is_masked_unless_the_role_sees_full_numbers(
    demo_workspace: Workspace, tmp_path: Path, role: UserRole
) -> None:
    ws = demo_workspace
    sign_in_as(ws, role, TOWNSHIP if role is UserRole.TOWNSHIP_CLERK else "430121000000")
    ids = families.list_family_ids(ws, FamilyFilter(division_code=TOWNSHIP))
    rows = families.load_family_rows(ws, ids)
    target = tmp_path / "families.xlsx"
    written = export_records(
        ws, target, "特殊家庭", ["户主", "身份证号"], ([r.head_name, r.head_id_export] for r in rows)
    )
    assert written == len(ids) > 0
    values = [row[1] for row in load_workbook(target).active.iter_rows(min_row=2, values_only=True)]
    with ws.db.read() as s:
        numbers = dict(s.execute(select(SpecialFamily.id, SpecialFamily.head_id_number)).all())
    expected = [numbers[i] if role is UserRole.COUNTY_ADMIN else mask_id_number(numbers[i]) for i in ids]
    assert values == expected
    entry = audit_service.list_entries(ws, 1)[0]
    assert entry.action == "export" and entry.detail == {"rows": len(ids), "file": "families.xlsx"}


def test_an_edit_is_written_to_the_audit_log_with_what_it_changed(demo_workspace: Workspace) -> None:
    ws = demo_workspace
    inside, _ = families_by_place(ws)
    sign_in_as(ws, UserRole.TOWNSHIP_CLERK)
    detail = families.family_detail(ws, inside[0].id)
    families.save_family(ws, replace(to_input(detail), address="星沙街道新地址 8 号"), accept_warnings=True)
    entry = audit_service.list_entries(ws, 1)[0]
    assert (entry.action, entry.username) == ("edit", "user-township_clerk")
    assert entry.target == f"special_family:{detail.id}"
    assert entry.detail == {"rows": 1, "changes": [f"update special_family:{detail.id}"]}
    families.save_family(ws, replace(to_input(detail), address="星沙街道新地址 8 号"), accept_warnings=True)
    assert audit_service.list_entries(ws, 1)[0].seq == entry.seq  # nothing changed, nothing logged
    assert audit_service.verify(ws).ok


def test_printed_visit_forms_hold_the_clerks_families_only_and_are_audited(demo_workspace: Workspace) -> None:
    ws = demo_workspace
    inside, outside = families_by_place(ws)
    sign_in_as(ws, UserRole.TOWNSHIP_CLERK)
    sheets = visit_sheets(ws, [f.id for f in outside[:3]] + [f.id for f in inside[:2]])
    assert [s.family_id for s in sheets] == [f.id for f in inside[:2]]
    assert all("*" in s.head_id_masked for s in sheets if s.head_id_masked)
    entry = audit_service.list_entries(ws, 1)[0]
    assert (entry.action, entry.target, entry.detail) == (
        "export",
        "走访表",
        {"kind": "visit_sheets", "sheets": 2},
    )


def test_conflicts_and_duplicates_show_numbers_masked_to_a_clerk(demo_workspace: Workspace) -> None:
    ws = demo_workspace
    _family, member = _member_with_numbers(ws)
    assert member.id_number is not None
    other = member.id_number[:-1] + ("0" if member.id_number[-1] != "0" else "1")
    with ws.db.session() as s:  # what a merge leaves behind: a losing value and a duplicate pair
        s.add(
            MergeConflict(
                id="c1",
                table_name="family_member",
                row_id=member.id,
                field="id_number",
                losing_value=other,
                losing_stamp="0" * 20 + "ffffffffffffffff",
            )
        )
        s.add(
            DuplicateCandidate(
                id="d1", table_name="family_member", id_number=member.id_number, row_a=member.id, row_b="x"
            )
        )
    sign_in_as(ws, UserRole.TOWNSHIP_CLERK)
    (conflict,) = conflicts.list_conflicts(ws, only_open=False)
    assert (conflict.losing_value, conflict.current_value) == (
        mask_id_number(other),
        mask_id_number(member.id_number),
    )
    (duplicate,) = conflicts.list_duplicates(ws)
    assert duplicate.id_number == mask_id_number(member.id_number)
    with pytest.raises(UserInputError, match="只有系统管理员和县级管理员"):
        conflicts.keep_current(ws, "c1")
    sign_in_as(ws, UserRole.COUNTY_ADMIN, "430121000000")
    assert conflicts.list_conflicts(ws, only_open=False)[0].losing_value == other
