"""Importing a project's reported list and its payments: the form's checks on every row, nobody
listed twice, money strictly by the list, the same payment sheet imported twice pays nobody twice."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.database.models import ProjectBeneficiary, ProjectPayment
from app.domain.enums import PaymentMethod, ProjectStatus
from app.domain.errors import UserInputError
from app.services.projects.imports import BeneficiaryImport, PaymentImport
from app.services.shared.imports import RowAction, run_import
from app.services.shared.workspace import Workspace
from tests.services.import_helpers import write_xlsx
from tests.services.test_projects import (
    LI,
    STRANGER,
    TODAY,
    VILLAGE,
    ZHANG,
    new_project,
    put_on_list,
    to_status,
)


def count(ws: Workspace, model: type, pid: str) -> int:
    with ws.db.read() as s:
        return s.scalar(select(func.count()).select_from(model).where(model.project_id == pid)) or 0  # type: ignore[attr-defined]


def list_sheet(path: Path) -> Path:
    return write_xlsx(
        path,
        [
            ["2026年住院护理补贴上报名单"],
            ["序号", "姓名", "身份证号码", "乡镇", "村（社区）", "纳入原因"],
            [1, "张三", ZHANG, "星沙街道", "开元路社区", "住院"],
            [2, "李四", LI, "星沙街道", "开元路社区", None],
            [3, "没号码", None, "星沙街道", "开元路社区", None],
            [4, "张三", ZHANG, "星沙街道", "开元路社区", None],
        ],
    )


def test_reported_list_imported_with_the_forms_rules(workspace: Workspace) -> None:
    pid = new_project(workspace)
    put_on_list(workspace, pid, "李四", LI, reason="旧原因")
    result = run_import(
        workspace, BeneficiaryImport(pid, TODAY), list_sheet(workspace.path.parent / "list.xlsx")
    )
    outcomes = {o.number: o for o in result.plan.outcomes}
    assert {n: o.action for n, o in outcomes.items()} == {
        3: RowAction.NEW,
        4: RowAction.UPDATE,
        5: RowAction.REFUSED,
        6: RowAction.REFUSED,
    }
    assert "身份证号" in outcomes[5].problems[0].message  # this project pays by the list
    assert "第 3 行是同一人" in outcomes[6].problems[0].message
    assert count(workspace, ProjectBeneficiary, pid) == 2
    with workspace.db.read() as s:
        reason = s.scalar(select(ProjectBeneficiary.reason).where(ProjectBeneficiary.id_number == LI))
        place = s.scalar(
            select(ProjectBeneficiary.division_code).where(ProjectBeneficiary.id_number == ZHANG)
        )
    assert reason == "旧原因"  # a blank cell keeps what is stored
    assert place == VILLAGE


def test_payments_strictly_by_the_list_and_never_twice(workspace: Workspace) -> None:
    pid = new_project(workspace)
    put_on_list(workspace, pid, "张三", ZHANG)
    put_on_list(workspace, pid, "李四", LI)
    to_status(workspace, pid, ProjectStatus.PUBLIC_NOTICE)
    rows = [
        ["姓名", "身份证号", "发放日期", "金额（元）", "发放方式", "银行账号"],
        ["张三", ZHANG, "2026-06-10", "1,200.00", "一卡通", "6217 0000 1234 5678"],
        ["李四", LI, date(2026, 6, 10), 800, None, None],
        ["外人", STRANGER, "2026-06-10", 500, None, None],
        ["张三", ZHANG, "2026-06-10", 1200, None, None],
    ]
    first = run_import(
        workspace, PaymentImport(pid, TODAY), write_xlsx(workspace.path.parent / "pay.xlsx", rows)
    )
    actions = [o.action for o in first.plan.outcomes]
    assert actions == [RowAction.NEW, RowAction.NEW, RowAction.REFUSED, RowAction.REFUSED]
    assert "不在本项目的上报名单中" in first.plan.outcomes[2].problems[0].message
    assert STRANGER not in first.plan.outcomes[2].problems[0].message
    assert "同一笔发放" in first.plan.outcomes[3].problems[0].message
    with workspace.db.read() as s:
        paid = s.execute(
            select(ProjectPayment.amount_fen, ProjectPayment.method, ProjectPayment.bank_account).order_by(
                ProjectPayment.amount_fen
            )
        ).all()
    assert [(a, str(m), b) for a, m, b in paid] == [
        (80_000, str(PaymentMethod.ONE_CARD), None),
        (120_000, str(PaymentMethod.ONE_CARD), "6217000012345678"),
    ]
    again = run_import(
        workspace, PaymentImport(pid, TODAY), write_xlsx(workspace.path.parent / "pay2.xlsx", rows[:3])
    )
    assert [o.action for o in again.plan.outcomes] == [RowAction.UPDATE, RowAction.UPDATE]
    assert "已登记过" in again.plan.outcomes[0].problems[0].message
    assert count(workspace, ProjectPayment, pid) == 2


def test_a_project_not_taking_payments_refuses_the_whole_file(workspace: Workspace) -> None:
    pid = new_project(workspace)  # still 申报
    sheet = write_xlsx(
        workspace.path.parent / "pay.xlsx",
        [["姓名", "身份证号", "发放日期", "金额"], ["张三", ZHANG, "2026-06-10", 10]],
    )
    with pytest.raises(UserInputError, match="实施后才能登记发放"):
        run_import(workspace, PaymentImport(pid, TODAY), sheet)
    assert count(workspace, ProjectPayment, pid) == 0


def test_command_line_needs_the_project(workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    pid = new_project(workspace)
    db = str(workspace.path)
    workspace.close()
    sheet = list_sheet(Path(db).parent / "list.xlsx")
    assert main(["import", "beneficiaries", str(sheet), "--db", db]) == 1
    assert "--project" in capsys.readouterr().err
    assert main(["import", "beneficiaries", str(sheet), "--db", db, "--project", pid]) == 0
    assert "新增 2，更新 0，拒绝 2" in capsys.readouterr().out
