"""Importing people rosters (工作人员, 会员 and 骨干会员, 志愿者, 家庭健康指导员): the person form's
checks on every row, one person per ID number however often a roster comes, nothing written on a
dry run or a refused file, the command line."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.database.models import AuditEntry, Person, PersonRole
from app.domain.enums import PersonRoleKind, StaffKind
from app.domain.idcard import check_digit
from app.domain.records.org import AssociationInput, PersonInput, RoleInput
from app.services import organisation as org
from app.services.organisation.imports import instructor_import, member_import, staff_import, volunteer_import
from app.services.shared.imports import RowAction, run_import
from app.services.shared.workspace import Workspace
from tests.services.import_helpers import write_xlsx

TODAY = date(2026, 11, 23)
TOWNSHIP = "430121001000"  # 星沙街道
VILLAGE = "430121001001"  # 开元路社区居委会


def idn(birth: str, order: str) -> str:
    first17 = "430121" + birth + order
    return first17 + check_digit(first17)


A, B, C, D = idn("19800310", "131"), idn("19850817", "242"), idn("19900101", "151"), idn("19750505", "171")


def people(ws: Workspace) -> tuple[int, int]:
    with ws.db.read() as s:
        return (
            s.scalar(select(func.count()).select_from(Person).where(Person.deleted.is_(False))) or 0,
            s.scalar(select(func.count()).select_from(PersonRole).where(PersonRole.deleted.is_(False))) or 0,
        )


def roles_of(ws: Workspace, number: str) -> list[tuple[str, str, int | None]]:
    with ws.db.read() as s:
        rows = s.execute(
            select(PersonRole.role, PersonRole.division_code, PersonRole.service_hours)
            .join(Person, Person.id == PersonRole.person_id)
            .where(Person.id_number == number, PersonRole.deleted.is_(False))
            .order_by(PersonRole.role)
        ).all()
    return [(str(r), d, h) for r, d, h in rows]


def volunteer_roster(path: Path, hours_a: object = 12) -> Path:
    return write_xlsx(
        path,
        [
            ["2026年星沙街道计生协志愿者花名册"],
            ["填报单位：星沙街道计生协"],
            [
                "序号",
                "姓名",
                "性别",
                "身份证号码",
                "乡镇",
                "村（社区）",
                "手机号码",
                "服务时长（小时）",
                "加入日期",
            ],
            [1, "刘 志愿", "女", A, "星沙街道", "开元路社区", "13807310001", hours_a, "2025.3.1"],
            [2, "陈志愿", "男", B, "星沙街道", "开元路社区居委会", None, "８", "2024年5月3日"],
            [3, "错号码", "男", "430121198001011234", "星沙街道", "开元路社区", None, 2, None],
            [4, "不知村", "男", C, "星沙街道", "不存在村", None, 2, None],
            [5, "刘志愿", "女", A, "星沙街道", "开元路社区", None, 3, None],
            [6, "无号码", "女", None, "星沙街道", "开元路社区", None, 5, None],
        ],
    )


def test_volunteer_roster_rows_checked_by_the_form_rules(workspace: Workspace) -> None:
    path = volunteer_roster(workspace.path.parent / "volunteers.xlsx")
    result = run_import(workspace, volunteer_import(TODAY), path)
    by_row = {o.number: o for o in result.plan.outcomes}
    assert {n: o.action for n, o in by_row.items()} == {
        4: RowAction.NEW,
        5: RowAction.NEW,
        6: RowAction.REFUSED,
        7: RowAction.REFUSED,
        8: RowAction.REFUSED,
        9: RowAction.NEW,
    }
    assert [p.key for p in by_row[6].problems if p.is_error] == ["id_number"]
    assert "不存在村" in by_row[7].problems[0].message and by_row[7].problems[0].key == "village"
    assert "与本表第 4 行是同一人" in by_row[8].problems[0].message
    assert str(result.summary) == "读取 6 行：新增 3，更新 0，拒绝 3"
    assert people(workspace) == (3, 3)
    assert roles_of(workspace, A) == [("志愿者", VILLAGE, 12)]
    assert roles_of(workspace, B) == [("志愿者", VILLAGE, 8)]  # full-width digit read
    with workspace.db.read() as s:
        sex, born = s.execute(select(Person.sex, Person.birth_date).where(Person.id_number == B)).one()
        entry = s.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).one()
    assert (str(sex), born) == ("女", date(1985, 8, 17))  # the ID number says so, not the 性别 cell
    assert entry.target == "志愿者：volunteers.xlsx"
    assert entry.detail is not None and entry.detail["new"] == 3 and A not in str(entry.detail)


def test_the_same_roster_again_updates_and_never_doubles(workspace: Workspace) -> None:
    run_import(workspace, volunteer_import(TODAY), volunteer_roster(workspace.path.parent / "v1.xlsx"))
    again = run_import(
        workspace, volunteer_import(TODAY), volunteer_roster(workspace.path.parent / "v2.xlsx", 40)
    )
    actions = {o.number: o.action for o in again.plan.outcomes}
    assert actions[4] is RowAction.UPDATE and actions[5] is RowAction.UPDATE
    assert actions[9] is RowAction.UPDATE  # no ID number: the same name at the same village
    assert people(workspace) == (3, 3)
    assert roles_of(workspace, A) == [("志愿者", VILLAGE, 40)]
    with workspace.db.read() as s:
        phone = s.scalar(select(Person.phone).where(Person.id_number == A))
    assert phone == "13807310001"  # a blank cell elsewhere keeps what is stored


def test_member_roster_marks_core_members_and_adds_the_role_to_a_known_person(workspace: Workspace) -> None:
    org.save_person(
        workspace,
        PersonInput(name="刘志愿", division_code=VILLAGE, id_number=A),
        RoleInput(role=PersonRoleKind.STAFF, staff_kind=StaffKind.CONTRACT, division_code=TOWNSHIP),
        today=TODAY,
    )
    path = write_xlsx(
        workspace.path.parent / "members.xlsx",
        [
            ["姓名", "身份证号", "村（社区）", "是否骨干会员", "入会日期"],
            ["刘志愿", A, "开元路社区", "是", "2020-01-01"],
            ["新会员", C, "开元路社区", "否", "2021-5-3"],
            ["老会员", D, "开元路社区", None, None],
        ],
    )
    result = run_import(workspace, member_import(TODAY), path)
    assert [o.action for o in result.plan.outcomes] == [RowAction.UPDATE, RowAction.NEW, RowAction.NEW]
    assert roles_of(workspace, A) == [("工作人员", TOWNSHIP, None), ("骨干会员", VILLAGE, None)]
    assert roles_of(workspace, C) == [("会员", VILLAGE, None)]
    assert roles_of(workspace, D) == [("会员", VILLAGE, None)]
    assert people(workspace) == (3, 4)


def test_staff_roster_needs_a_staff_kind_and_finds_a_township_by_name(workspace: Workspace) -> None:
    path = write_xlsx(
        workspace.path.parent / "staff.xlsx",
        [
            ["姓名", "身份证号", "乡镇", "人员类别", "职务", "任职日期"],
            ["王专干", A, "星沙街道", "在编", "专职副会长", "2019-06-01"],
            ["李兼职", B, "星沙街道", None, "联络员", None],
        ],
    )
    result = run_import(workspace, staff_import(TODAY), path)
    first, second = result.plan.outcomes
    assert first.action is RowAction.NEW
    assert second.action is RowAction.REFUSED
    assert second.problems[0].key == "staff_kind" and "人员类别" in second.problems[0].message
    assert roles_of(workspace, A) == [("工作人员", TOWNSHIP, None)]


def test_instructors_warnings_do_not_refuse_and_associations_are_found_by_name(workspace: Workspace) -> None:
    org.save_association(
        workspace,
        AssociationInput(division_code=VILLAGE, name="开元路社区计生协", president="王会长"),
        accept_warnings=True,
        today=TODAY,
    )
    path = write_xlsx(
        workspace.path.parent / "instructors.xlsx",
        [
            ["姓名", "身份证号", "村（社区）", "所属协会", "证书编号", "培训日期"],
            ["周指导", A, "开元路社区", "开元路社区计生协", 20260012, 45000],
            ["吴指导", B, "开元路社区", None, None, None],
            ["郑指导", C, "开元路社区", "没有这个协会", None, None],
        ],
    )
    result = run_import(workspace, instructor_import(TODAY), path)
    first, second, third = result.plan.outcomes
    assert first.action is RowAction.NEW and not first.problems
    assert second.action is RowAction.NEW
    assert [p.is_error for p in second.problems] == [False] and "培训" in second.problems[0].message
    assert third.action is RowAction.REFUSED and third.problems[0].key == "association"
    with workspace.db.read() as s:
        cert, trained, assoc = s.execute(
            select(PersonRole.certificate_no, PersonRole.trained_on, PersonRole.association_id)
            .join(Person, Person.id == PersonRole.person_id)
            .where(Person.id_number == A)
        ).one()
    assert (cert, trained) == ("20260012", date(2023, 3, 15))  # an Excel date serial
    assert assoc is not None


def test_dry_run_and_all_refused_write_nothing(workspace: Workspace) -> None:
    path = volunteer_roster(workspace.path.parent / "volunteers.xlsx")
    before = hashlib.sha256(workspace.path.read_bytes()).hexdigest()
    result = run_import(workspace, volunteer_import(TODAY), path, dry_run=True)
    assert result.summary.new == 3 and not result.summary.written
    assert people(workspace) == (0, 0)
    assert hashlib.sha256(workspace.path.read_bytes()).hexdigest() == before


def test_command_line_imports_each_people_kind(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(workspace.path)
    workspace.close()
    path = volunteer_roster(Path(db).parent / "volunteers.xlsx")
    assert main(["import", "volunteers", str(path), "--db", db, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "新增 3" in out and "（未写入）" in out and "第 6 行 错号码" in out
    assert main(["import", "志愿者", str(path), "--db", db]) == 0
    assert "新增 3，更新 0，拒绝 3" in capsys.readouterr().out
    assert main(["import", "nobody", str(path), "--db", db]) == 1
    assert "工作人员" in capsys.readouterr().err
