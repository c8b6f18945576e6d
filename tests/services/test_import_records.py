"""Importing records without ID numbers — associations, activity and training ledgers: the form's
checks per row, the same record (division + name, and date for events) updated instead of doubled,
and the command line for each kind."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.database.models import Activity, Association, Training
from app.services.activities.imports import ActivityImport, TrainingImport
from app.services.organisation.association_imports import AssociationImport
from app.services.shared.imports import RowAction, run_import
from app.services.shared.workspace import Workspace
from tests.services.import_helpers import write_xlsx

TODAY = date(2026, 11, 23)
TOWNSHIP = "430121001000"  # 星沙街道
VILLAGE = "430121001001"  # 开元路社区居委会


def count(ws: Workspace, model: type) -> int:
    with ws.db.read() as s:
        return s.scalar(select(func.count()).select_from(model).where(model.deleted.is_(False))) or 0  # type: ignore[attr-defined]


def associations_sheet(path: Path, members: int = 120) -> Path:
    return write_xlsx(
        path,
        [
            ["长沙县村级计生协名册"],
            ["协会名称", "乡镇", "村（社区）", "会长", "会员人数", "会员小组数", "是否建有会员之家"],
            ["开元路社区计生协", "星沙街道", "开元路社区", "王会长", members, 4, "是"],
            ["星沙街道计生协", "星沙街道", None, "李会长", 300, 10, "否"],
            ["无村协会", "星沙街道", "不存在村", None, 10, 1, None],
            ["小组太多协会", "星沙街道", "开元路社区", None, 3, 5, None],
            [None, "星沙街道", "开元路社区", None, 3, 1, None],
        ],
    )


def test_associations_imported_by_the_forms_rules_and_updated_by_name(workspace: Workspace) -> None:
    first = run_import(workspace, AssociationImport(TODAY), associations_sheet(workspace.path.parent / "a.xlsx"))
    actions = [o.action for o in first.plan.outcomes]
    assert actions == [RowAction.NEW, RowAction.NEW, RowAction.REFUSED, RowAction.NEW, RowAction.REFUSED]
    assert "不存在村" in first.plan.outcomes[2].problems[0].message
    warning = first.plan.outcomes[3].problems[0]
    assert not warning.is_error and "会员小组数多于会员人数" in warning.message
    assert "协会名称" in first.plan.outcomes[4].problems[0].message
    with workspace.db.read() as s:
        town = s.scalar(select(Association.division_code).where(Association.name == "星沙街道计生协"))
        home = s.scalar(select(Association.has_member_home).where(Association.name == "开元路社区计生协"))
    assert (town, home) == (TOWNSHIP, True)
    again = run_import(workspace, AssociationImport(TODAY), associations_sheet(workspace.path.parent / "b.xlsx", 150))
    assert [o.action for o in again.plan.outcomes][:2] == [RowAction.UPDATE, RowAction.UPDATE]
    assert count(workspace, Association) == 3
    with workspace.db.read() as s:
        members = s.scalar(select(Association.member_count).where(Association.name == "开元路社区计生协"))
    assert members == 150


def test_activity_ledger_with_campaign_names_as_written(workspace: Workspace) -> None:
    rows = [
        ["活动名称", "活动日期", "活动节点", "村（社区）", "场次", "参与人次", "发放资料份数", "经费（元）"],
        ["会员活动日宣传", "2026-05-29", "5·29", "开元路社区", 2, 150, 300, "1,500"],
        ["人口日咨询", "2026年7月11日", "世界人口日", "开元路社区", 1, 80, 100, 0],
        ["离节点太远", "2026-03-01", "12·1", "开元路社区", 1, 20, 0, 0],
        ["没有日期", None, None, "开元路社区", 1, 20, 0, 0],
        ["会员活动日宣传", "2026-05-29", "5·29", "开元路社区", 2, 150, 300, 1500],
    ]
    result = run_import(workspace, ActivityImport(TODAY), write_xlsx(workspace.path.parent / "act.xlsx", rows))
    outcomes = result.plan.outcomes
    assert [o.action for o in outcomes] == [
        RowAction.NEW, RowAction.NEW, RowAction.NEW, RowAction.REFUSED, RowAction.REFUSED,
    ]
    assert not outcomes[2].problems[0].is_error and "离活动日较远" in outcomes[2].problems[0].message
    assert "活动日期" in outcomes[3].problems[0].message
    assert "第 2 行是同一条记录" in outcomes[4].problems[0].message
    with workspace.db.read() as s:
        spent, campaign = s.execute(
            select(Activity.spending_fen, Activity.campaign).where(Activity.title == "会员活动日宣传")
        ).one()
    assert (spent, str(campaign)) == (150_000, "5·29会员活动日")
    run_import(workspace, ActivityImport(TODAY), write_xlsx(workspace.path.parent / "act2.xlsx", rows[:3]))
    assert count(workspace, Activity) == 3


def test_training_needs_its_audience_and_is_not_doubled(workspace: Workspace) -> None:
    rows = [
        ["培训名称", "培训日期", "培训对象", "乡镇", "天数", "参训人数"],
        ["指导员培训班", "2026-04-10", "指导员", "星沙街道", 2, 45],
        ["无对象培训", "2026-04-11", None, "星沙街道", 1, 20],
    ]
    result = run_import(workspace, TrainingImport(TODAY), write_xlsx(workspace.path.parent / "t.xlsx", rows))
    assert [o.action for o in result.plan.outcomes] == [RowAction.NEW, RowAction.REFUSED]
    assert result.plan.outcomes[1].problems[0].key == "audience"
    again = run_import(workspace, TrainingImport(TODAY), write_xlsx(workspace.path.parent / "t2.xlsx", rows[:2]))
    assert again.plan.outcomes[0].action is RowAction.UPDATE
    with workspace.db.read() as s:
        division, audience = s.execute(select(Training.division_code, Training.audience)).one()
    assert (division, str(audience)) == (TOWNSHIP, "家庭健康指导员")


@pytest.mark.parametrize("kind", ["associations", "协会", "activities", "trainings"])
def test_command_line_knows_each_record_kind(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    db = str(workspace.path)
    workspace.close()
    sheet = associations_sheet(Path(db).parent / "a.xlsx")
    code = main(["import", kind, str(sheet), "--db", db, "--dry-run"])
    if kind in ("associations", "协会"):
        assert code == 0 and "新增 3" in capsys.readouterr().out
    else:  # an association list is not a ledger of events: it has no date column
        assert code == 1 and "没有找到必填的列" in capsys.readouterr().err
