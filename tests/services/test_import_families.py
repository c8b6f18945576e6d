"""Importing a special-family roster end to end: checks of the form, update not duplicate, one
transaction (dry run, cancel and failure leave the database file as it was), report, command line."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from app.cli import main
from app.database.models import AuditEntry, ChangeLogEntry, FamilyMember, SpecialFamily
from app.domain.enums import FamilyCategory, FamilyStatus, MemberRelation
from app.domain.errors import Cancelled
from app.domain.idcard import check_digit
from app.services.families.imports import FamilyImport
from app.services.shared.imports import (
    ImportOptions,
    RowAction,
    plan_import,
    read_table,
    run_import,
    write_report,
)
from app.services.shared.workspace import Workspace, open_workspace
from tests.services.import_helpers import write_xlsx

TODAY = date(2026, 11, 23)
KIND = FamilyImport(today=TODAY)


def idn(birth: str, order: str) -> str:
    first17 = "430121" + birth + order
    return first17 + check_digit(first17)


HEAD1, WIFE1, HEAD2, HEAD3 = idn("19560310", "131"), idn("19580817", "242"), idn("19620101", "151"), idn("19700505", "171")
HEADER = ["序号", "乡镇", "村（社区）", "户主姓名", "与户主关系", "身份证号码", "家庭类别", "联系电话", "家庭住址", "村级联系人", "村级联系人电话", "家庭医生", "签约医疗机构", "签约日期"]


def roster(tmp_path: Path, name: str = "roster.xlsx", *, phone1: object = 13807310001) -> Path:
    rows = [
        ["2026年长沙县计划生育特殊家庭花名册"],
        ["填报单位：星沙街道计生协", None, None, None, None, None, None, "填报日期：2026年11月20日"],
        HEADER,
        [1, "星沙街道", "开元路社区", "张　三", "本人", HEAD1.lower()[:-1] + HEAD1[-1].lower(), "独生子女死亡", phone1, "开元路1组2号", "刘村干", "13907310002", "王医生", "星沙社区卫生服务中心", "2026.3.1"],
        [None, None, None, "李四", "妻子", WIFE1, None, None, None, None, None, None, None, None],
        [2, "星沙街道", "金茂路社区居委会", "王五", "户主", HEAD2, "伤残", "0731-84567890", None, None, None, None, None, "2026年2月30日"],
        [3, "星沙街道", "凉塘路社区", "赵六", "本人", 4.30121197005051e17, "失独", None, None, None, None, None, None, None],
        [4, "星沙街道", "不存在村", "钱七", "本人", HEAD3, "失独", None, None, None, None, None, None, None],
        [],
        ["合计", "4户"],
    ]
    return write_xlsx(tmp_path / name, rows, merges=["A1:N1", "A4:A5"])


def counts(ws: Workspace) -> tuple[int, int, int, int]:
    with ws.db.read() as s:
        return tuple(  # type: ignore[return-value]
            s.scalar(select(func.count()).select_from(m)) or 0
            for m in (SpecialFamily, FamilyMember, ChangeLogEntry, AuditEntry)
        )


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_roster_imported_with_exact_outcomes(workspace: Workspace) -> None:
    path = roster(workspace.path.parent)
    result = run_import(workspace, KIND, path)
    by_row = {o.number: o for o in result.plan.outcomes}
    assert {n: o.action for n, o in by_row.items()} == {
        4: RowAction.NEW, 5: RowAction.NEW, 6: RowAction.REFUSED, 7: RowAction.REFUSED, 8: RowAction.REFUSED,
    }
    assert [p.key for p in by_row[6].problems if p.is_error] == ["doctor_signed_on"]
    assert "不是有效的日期" in by_row[6].problems[0].message
    assert [p.key for p in by_row[7].problems if p.is_error] == ["id_number"]
    assert "后几位已经丢失" in by_row[7].problems[0].message
    assert [p.key for p in by_row[8].problems if p.is_error] == ["village"]
    assert (result.summary.read, result.summary.new, result.summary.updated, result.summary.refused) == (5, 2, 0, 3)
    with workspace.db.read() as s:
        fam = s.scalars(select(SpecialFamily)).one()
        members = {m.name: m for m in s.scalars(select(FamilyMember))}
        assert (fam.head_name, fam.head_id_number, fam.division_code) == ("张三", HEAD1, "430121001001")
        assert fam.category is FamilyCategory.BEREAVED and fam.status is FamilyStatus.REGISTERED
        assert (fam.phone, fam.contact_village_name, fam.doctor_signed_on) == ("13807310001", "刘村干", date(2026, 3, 1))
        assert fam.registered_on == TODAY
        assert set(members) == {"张三", "李四"}
        assert members["李四"].relation is MemberRelation.SPOUSE and members["李四"].id_number == WIFE1
        assert members["李四"].birth_date == date(1958, 8, 17)
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "import")).one()
        logged = s.scalars(select(ChangeLogEntry.table_name)).all()
    assert sorted(logged) == ["family_member", "family_member", "special_family"]
    assert entry.detail == {"kind": "families", "file": "roster.xlsx", "sheet": "花名册", "read": 5, "new": 2,
                            "updated": 0, "refused": 3, "skipped": 0}
    assert HEAD1 not in str(entry.detail) + (entry.target or "")


def test_second_import_updates_and_never_duplicates(workspace: Workspace, tmp_path: Path) -> None:
    run_import(workspace, KIND, roster(tmp_path))
    before = counts(workspace)
    again = run_import(workspace, KIND, roster(tmp_path, "v2.xlsx", phone1="13807319999"))
    assert [o.action for o in again.plan.outcomes[:2]] == [RowAction.UPDATE, RowAction.UPDATE]
    after = counts(workspace)
    assert after[:2] == before[:2]  # same families and members
    assert after[2] == before[2] + 1  # one change: the phone
    with workspace.db.read() as s:
        assert s.scalar(select(SpecialFamily.phone)) == "13807319999"


def test_person_already_in_another_family_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    run_import(workspace, KIND, roster(tmp_path))
    rows = [HEADER, [1, "星沙街道", "金茂路社区", "孙八", "本人", HEAD3, "失独"], [None, None, None, "李四", "配偶", WIFE1]]
    result = run_import(workspace, KIND, write_xlsx(tmp_path / "other.xlsx", rows))
    actions = [(o.action, [p.key for p in o.problems if p.is_error]) for o in result.plan.outcomes]
    assert actions == [(RowAction.REFUSED, [None]), (RowAction.REFUSED, ["id_number"])]
    assert "已登记在" in result.plan.outcomes[1].problems[0].message
    assert "整户未导入" in result.plan.outcomes[0].problems[0].message


def test_dry_run_cancel_and_failure_leave_the_file_unchanged(db_path: Path, tmp_path: Path) -> None:
    path = roster(tmp_path)
    original = file_hash(db_path)
    ws = open_workspace(db_path)
    try:
        dry = run_import(ws, KIND, path, dry_run=True)
        assert (dry.summary.new, dry.summary.written) == (2, False)
        with pytest.raises(Cancelled):
            stage: list[str] = []
            run_import(ws, KIND, path, progress=lambda d, t: stage.append("p"), cancelled=lambda: len(stage) > 1)

        def broken(done: int, total: int) -> None:
            if done and done == total and ws.db.engine.pool.checkedout():
                raise RuntimeError("disk unplugged")

        with pytest.raises(RuntimeError):
            table = read_table(path, KIND)
            plan = plan_import(ws, KIND, table)
            from app.services.shared.imports import write_import

            write_import(ws, KIND, table, plan, progress=broken)
        assert counts(ws)[:3] == (0, 0, 0)
    finally:
        ws.close()
    assert file_hash(db_path) == original


def test_hidden_rows_skipped_only_when_asked(workspace: Workspace, tmp_path: Path) -> None:
    rows = [HEADER, [1, "星沙街道", "开元路社区", "张三", "本人", HEAD1, "失独"], [2, "星沙街道", "金茂路社区", "王五", "本人", HEAD2, "伤残"]]
    path = write_xlsx(tmp_path / "hidden.xlsx", rows, hidden_rows=[3])
    table = read_table(path, KIND)
    assert [r.hidden for r in table.rows] == [False, True]
    plan = plan_import(workspace, KIND, table, ImportOptions(skip_hidden=True))
    assert [o.action for o in plan.outcomes] == [RowAction.NEW, RowAction.SKIPPED]


def test_report_reread_with_openpyxl(workspace: Workspace, tmp_path: Path) -> None:
    path = roster(tmp_path)
    result = run_import(workspace, KIND, path, dry_run=True)
    out = write_report(tmp_path / "report.xlsx", result.table, result.plan, result.summary, kind_label="特殊家庭")
    wb = load_workbook(out)
    sheet, summary = wb["花名册"], wb["导入汇总"]
    header = [c.value for c in sheet[3]]
    assert header[-2:] == ["导入结果", "问题"] and header[3] == "户主姓名"
    assert sheet.cell(4, 15).value == "新增" and sheet.cell(4, 16).value is None
    assert sheet.cell(7, 15).value == "拒绝" and "后几位已经丢失" in sheet.cell(7, 16).value
    assert sheet.cell(7, 6).fill.start_color.rgb.endswith("FFC7CE")  # the ID number cell is marked
    assert sheet.cell(4, 6).fill.fill_type is None
    assert "不是有效的日期" in sheet.cell(6, 16).value and sheet.cell(6, 14).fill.start_color.rgb.endswith("FFC7CE")
    assert sheet.max_row == 8  # the totals line is not copied as data
    facts = {r[0].value: r[1].value for r in summary.iter_rows() if r[0].value}
    assert (facts["读取行数"], facts["新增"], facts["更新"], facts["拒绝"]) == (5, 2, 0, 3)
    assert facts["是否已写入"].startswith("未写入")


def test_command_line(db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = roster(tmp_path)
    assert main(["import", "families", str(path), "--db", str(db_path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "试导入（未写入）：读取 5 行：新增 2，更新 0，拒绝 3" in out and "第 7 行 赵六" in out
    report = tmp_path / "r.xlsx"
    assert main(["import", "特殊家庭", str(path), "--db", str(db_path), "--report", str(report)]) == 0
    out = capsys.readouterr().out
    assert "读取 5 行：新增 2，更新 0，拒绝 3" in out and report.exists()
    assert HEAD1 not in out and WIFE1 not in out
    mapping = tmp_path / "map.json"
    mapping.write_text('{"联系电话": ""}', encoding="utf-8")
    assert main(["import", "families", str(path), "--db", str(db_path), "--mapping", str(mapping)]) == 0
    assert "更新 2" in capsys.readouterr().out
    assert main(["import", "visits", str(path), "--db", str(db_path)]) == 1
    assert "不能导入“visits”" in capsys.readouterr().err


def test_grouped_by_head_id_number_from_gbk_csv_and_xls(workspace: Workspace, tmp_path: Path) -> None:
    from tests.services.import_helpers import write_csv, write_xls

    head = ["户主身份证号", "姓名", "与户主关系", "身份证号", "村（社区）", "家庭类别"]
    rows = [
        head,
        [HEAD1, "李四", "配偶", WIFE1, None, None],  # the spouse's row comes first in this sheet
        [HEAD1, "张三", "本人", HEAD1, "开元路社区", "失独"],
        [HEAD2, "王五", "本人", HEAD2, "金茂路社区", None],  # no category: refused, not guessed
    ]
    result = run_import(workspace, KIND, write_csv(tmp_path / "r.csv", rows, encoding="gbk"))
    assert result.table.encoding == "GBK/GB18030"
    actions = {o.number: o.action for o in result.plan.outcomes}
    assert actions == {2: RowAction.NEW, 3: RowAction.NEW, 4: RowAction.REFUSED}
    assert [p.key for p in result.plan.outcomes[2].problems] == ["category"]
    with workspace.db.read() as s:
        assert s.scalar(select(SpecialFamily.head_name)) == "张三"
        assert s.scalar(select(func.count()).select_from(FamilyMember)) == 2
    again = run_import(workspace, KIND, write_xls(tmp_path / "r.xls", rows[:3]))
    assert [o.action for o in again.plan.outcomes] == [RowAction.UPDATE, RowAction.UPDATE]
    assert counts(workspace)[:2] == (1, 2)


def test_cancel_while_writing_leaves_the_file_unchanged(db_path: Path, tmp_path: Path) -> None:
    path = roster(tmp_path)
    original = file_hash(db_path)
    ws = open_workspace(db_path)
    try:
        from app.services.shared.imports import write_import

        table = read_table(path, KIND)
        plan = plan_import(ws, KIND, table)
        calls: list[int] = []
        with pytest.raises(Cancelled):
            write_import(ws, KIND, table, plan, progress=lambda d, t: calls.append(d), cancelled=lambda: bool(calls))
        assert calls  # the rows were inserted before the cancel came
        assert counts(ws)[:3] == (0, 0, 0)
    finally:
        ws.close()
    assert file_hash(db_path) == original
