"""项目服务: catalogue, funds, the lifecycle in order with its dates, the list, payments by the list."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from app.database.models import ChangeLogEntry, ProjectPayment
from app.domain.enums import FamilyCategory, MemberRelation, PaymentMethod, ProjectStatus
from app.domain.errors import UserInputError, ValidationFailed
from app.domain.idcard import check_digit
from app.domain.records.families import FamilyInput, MemberInput, WarningsToConfirm
from app.domain.records.projects import BeneficiaryInput, PaymentInput, ProjectFilter, ProjectInput
from app.services import families
from app.services import projects as prj
from app.services.shared.workspace import Workspace

TODAY = date(2026, 11, 23)
VILLAGE = "430121001001"
COUNTY = "430121000000"


def id_number(birth: str, order: str) -> str:
    first17 = "430121" + birth + order
    return first17 + check_digit(first17)


ZHANG = id_number("19560310", "131")
LI = id_number("19600101", "242")
STRANGER = id_number("19700505", "353")


def new_project(ws: Workspace, code: str = "ZYHLBT", **kw: object) -> str:
    values: dict[str, object] = {
        "catalogue_code": code,
        "name": "2026年住院护理补贴",
        "year": 2026,
        "division_code": COUNTY,
        "allocated_fen": 10_000_000,
        "matched_fen": 2_000_000,
    }
    values.update(kw)
    return prj.save_project(ws, ProjectInput(**values), today=TODAY)  # type: ignore[arg-type]


def to_status(ws: Workspace, pid: str, status: ProjectStatus) -> None:
    """Walk a project along with the dates each step needs."""
    steps = {
        ProjectStatus.APPROVED: lambda: prj.advance_project(
            ws, pid, date(2026, 3, 1), document_no="湘计生协发〔2026〕5号", today=TODAY
        ),
        ProjectStatus.IN_PROGRESS: lambda: prj.advance_project(ws, pid, date(2026, 4, 1), today=TODAY),
        ProjectStatus.PUBLIC_NOTICE: lambda: prj.advance_project(
            ws, pid, date(2026, 6, 1), notice_to=date(2026, 6, 7), today=TODAY
        ),
        ProjectStatus.FINAL_REPORT: lambda: prj.advance_project(ws, pid, date(2026, 11, 1), today=TODAY),
        ProjectStatus.EVALUATED: lambda: prj.advance_project(ws, pid, date(2026, 11, 20), today=TODAY),
    }
    current = prj.project_detail(ws, pid).row.status
    for step in list(ProjectStatus)[
        list(ProjectStatus).index(current) + 1 : list(ProjectStatus).index(status) + 1
    ]:
        steps[step]()


def put_on_list(ws: Workspace, pid: str, name: str, number: str, **kw: object) -> str:
    inp = BeneficiaryInput(pid, name, number, VILLAGE, **kw)  # type: ignore[arg-type]
    return prj.save_beneficiary(ws, inp, today=TODAY)


def test_catalogue_falls_back_to_the_shipped_list(workspace: Workspace) -> None:
    entries = {c.code: c for c in prj.catalogue(workspace)}
    assert entries["ZYHLBT"].name == "住院护理补贴" and entries["ZYHLBT"].pays_individuals
    assert not entries["PHTY"].pays_individuals
    assert len(entries) >= 16


def test_project_registered_as_applied_with_its_funds(workspace: Workspace) -> None:
    pid = new_project(workspace, self_raised_fen=500_000, donated_fen=100_000, document_no="")
    (row,) = prj.load_project_rows(workspace, [pid])
    assert row.status is ProjectStatus.APPLIED and row.catalogue_name == "住院护理补贴"
    assert row.level.value == "省级" and row.division_name == "长沙县"
    assert row.total_fen == 12_600_000 and row.paid_fen == 0
    assert prj.list_project_ids(workspace, ProjectFilter(year=2026, status=ProjectStatus.APPLIED)) == [pid]
    assert prj.list_project_ids(workspace, ProjectFilter(year=2025)) == []
    assert prj.list_project_ids(workspace, ProjectFilter(catalogue_code="JSBX")) == []
    assert prj.list_project_ids(workspace, ProjectFilter(text="护理")) == [pid]
    assert prj.project_years(workspace) == [2026]
    detail = prj.project_detail(workspace, pid)
    assert detail.next_status is ProjectStatus.APPROVED and detail.next_needs == "立项文号"


def test_project_refused_without_catalogue_or_with_negative_money(workspace: Workspace) -> None:
    with pytest.raises(ValidationFailed) as caught:
        new_project(workspace, code="NOPE", allocated_fen=-1, year=1990)
    fields = {i.field for i in caught.value.issues}  # type: ignore[attr-defined]
    assert fields == {"catalogue_code", "allocated_fen", "year"}


def test_lifecycle_in_order_with_the_dates_each_step_needs(workspace: Workspace) -> None:
    pid = new_project(workspace)
    with pytest.raises(ValidationFailed, match="立项文号"):
        prj.advance_project(workspace, pid, date(2026, 3, 1), today=TODAY)
    to_status(workspace, pid, ProjectStatus.IN_PROGRESS)
    assert prj.project_detail(workspace, pid).row.started_on == date(2026, 4, 1)
    # 公示 of a programme paying individuals needs the reported list and notice dates.
    with pytest.raises(ValidationFailed) as caught:
        prj.advance_project(workspace, pid, date(2026, 6, 1), today=TODAY)
    assert {i.field for i in caught.value.issues} == {"notice_to", "beneficiaries"}  # type: ignore[attr-defined]
    put_on_list(workspace, pid, "张三", ZHANG)
    with pytest.raises(ValidationFailed, match="不能早于开始日期"):
        prj.advance_project(workspace, pid, date(2026, 6, 1), notice_to=date(2026, 5, 1), today=TODAY)
    to_status(workspace, pid, ProjectStatus.PUBLIC_NOTICE)
    row = prj.project_detail(workspace, pid).row
    assert (row.notice_from, row.notice_to) == (date(2026, 6, 1), date(2026, 6, 7))
    with pytest.raises(ValidationFailed, match="公示结束后"):
        prj.advance_project(workspace, pid, date(2026, 6, 5), today=TODAY)
    with pytest.raises(ValidationFailed, match="不能晚于今天"):
        prj.advance_project(workspace, pid, date(2026, 12, 5), today=TODAY)
    to_status(workspace, pid, ProjectStatus.FINAL_REPORT)
    to_status(workspace, pid, ProjectStatus.EVALUATED)
    row = prj.project_detail(workspace, pid).row
    # Nothing paid (0 of 40 points), published (20 of 20); no payment to individuals and no due
    # date: those two do not apply. 20 of 60 → 33.
    assert (row.status, row.final_report_on, row.evaluation_score) == (
        ProjectStatus.EVALUATED,
        date(2026, 11, 1),
        33,
    )
    with pytest.raises(UserInputError, match="生命周期已经结束"):
        prj.advance_project(workspace, pid, date(2026, 11, 22), today=TODAY)


def test_refused_step_writes_nothing(workspace: Workspace) -> None:
    pid = new_project(workspace)

    def changes() -> int:
        with workspace.db.read() as s:
            return s.scalar(select(func.count()).select_from(ChangeLogEntry)) or 0

    before = changes()
    with pytest.raises(ValidationFailed):
        prj.advance_project(workspace, pid, date(2026, 3, 1), today=TODAY)
    assert changes() == before
    assert prj.project_detail(workspace, pid).row.status is ProjectStatus.APPLIED


def test_list_needs_id_numbers_and_takes_nobody_twice(workspace: Workspace) -> None:
    pid = new_project(workspace)
    with pytest.raises(ValidationFailed, match="请填写身份证号"):
        put_on_list(workspace, pid, "无号码", "")
    put_on_list(workspace, pid, "张三", ZHANG, reason="住院 12 天")
    with pytest.raises(ValidationFailed, match="已在本项目的上报名单中"):
        put_on_list(workspace, pid, "张三", ZHANG)
    ids = prj.list_beneficiary_ids(workspace, pid)
    (row,) = prj.load_beneficiary_rows(workspace, ids)
    assert row.name == "张三" and row.id_masked.endswith(ZHANG[-4:]) and "*" in row.id_masked
    assert row.village == "开元路社区居委会" and row.reason == "住院 12 天"
    assert prj.list_beneficiary_ids(workspace, pid, "张") == ids


def test_a_special_family_is_picked_onto_the_list(workspace: Workspace) -> None:
    head = MemberInput(name="王五", relation=MemberRelation.SELF, id_number=LI)
    fid = families.save_family(
        workspace, FamilyInput(VILLAGE, FamilyCategory.BEREAVED, (head,)), accept_warnings=True, today=TODAY
    )
    (pick,) = prj.family_picks(workspace, "ww")
    assert pick.family_id == fid and pick.village == "开元路社区居委会" and "失独" in pick.label
    pid = new_project(workspace)
    bid = prj.save_beneficiary(workspace, BeneficiaryInput(pid, family_id=fid), today=TODAY)
    (row,) = prj.load_beneficiary_rows(workspace, [bid])
    assert (row.name, row.family_id, row.division_code) == ("王五", fid, VILLAGE)


def test_payments_only_to_people_on_the_list(workspace: Workspace) -> None:
    pid = new_project(workspace)
    zhang = put_on_list(workspace, pid, "张三", ZHANG)
    pay = PaymentInput(pid, date(2026, 6, 20), 150_000, PaymentMethod.ONE_CARD, beneficiary_id=zhang)
    with pytest.raises(ValidationFailed, match="实施后才能登记发放"):
        prj.record_payment(workspace, pay, today=TODAY)
    to_status(workspace, pid, ProjectStatus.PUBLIC_NOTICE)
    prj.record_payment(workspace, replace(pay, bank_account="6217 0000 1111 2222"), today=TODAY)
    # By ID number: found on the list.
    prj.record_payment(
        workspace, PaymentInput(pid, date(2026, 7, 20), 50_000, payee_id_number=ZHANG), today=TODAY
    )
    # Someone not on the list: refused with the reason, nothing written.
    stranger = PaymentInput(pid, date(2026, 7, 20), 50_000, payee_id_number=STRANGER, payee_name="赵六")
    with pytest.raises(ValidationFailed) as caught:
        prj.record_payment(workspace, stranger, accept_warnings=True, today=TODAY)
    assert "不在本项目的上报名单中" in caught.value.message and "赵六" in caught.value.message
    with workspace.db.read() as s:
        assert s.scalar(select(func.count()).select_from(ProjectPayment)) == 2
    ids = prj.list_payment_ids(workspace, pid)
    rows = prj.load_payment_rows(workspace, ids)
    assert [r.paid_on for r in rows] == [date(2026, 7, 20), date(2026, 6, 20)]
    assert rows[1].bank_account_masked.endswith("2222") and "*" in rows[1].bank_account_masked
    detail = prj.project_detail(workspace, pid)
    assert detail.row.paid_fen == 200_000 and detail.payment_count == 2
    assert detail.balance_fen == 10_000_000 - 200_000
    (entry,) = prj.load_beneficiary_rows(workspace, [zhang])
    assert (entry.paid_fen, entry.payment_count) == (200_000, 2)


def test_payment_to_another_projects_list_entry_is_refused(workspace: Workspace) -> None:
    first = new_project(workspace)
    second = new_project(workspace, name="2026年生育关怀", catalogue_code="SYGH")
    elsewhere = put_on_list(workspace, second, "张三", ZHANG)
    to_status(workspace, first, ProjectStatus.IN_PROGRESS)
    with pytest.raises(ValidationFailed, match="不在本项目的上报名单中"):
        prj.record_payment(
            workspace, PaymentInput(first, date(2026, 6, 1), 1000, beneficiary_id=elsewhere), today=TODAY
        )


def test_payment_warnings_unpublished_list_and_overspending(workspace: Workspace) -> None:
    pid = new_project(workspace, allocated_fen=100_000, matched_fen=0)
    zhang = put_on_list(workspace, pid, "张三", ZHANG)
    to_status(workspace, pid, ProjectStatus.IN_PROGRESS)
    pay = PaymentInput(pid, date(2026, 6, 20), 150_000, beneficiary_id=zhang)
    with pytest.raises(WarningsToConfirm) as caught:
        prj.record_payment(workspace, pay, today=TODAY)
    text = caught.value.message
    assert "尚未公示" in text and "将超过项目资金 1,000.00 元" in text
    prj.record_payment(workspace, pay, accept_warnings=True, today=TODAY)
    with pytest.raises(WarningsToConfirm, match="相同金额"):
        prj.record_payment(workspace, pay, today=TODAY)


def test_paid_people_stay_on_the_list_and_paid_projects_stay(workspace: Workspace) -> None:
    pid = new_project(workspace)
    zhang = put_on_list(workspace, pid, "张三", ZHANG)
    li = put_on_list(workspace, pid, "李四", LI)
    to_status(workspace, pid, ProjectStatus.PUBLIC_NOTICE)
    payment = prj.record_payment(
        workspace, PaymentInput(pid, date(2026, 6, 20), 1000, beneficiary_id=zhang), today=TODAY
    )
    with pytest.raises(UserInputError, match="不能移出名单"):
        prj.remove_beneficiary(workspace, zhang)
    prj.remove_beneficiary(workspace, li)
    assert prj.list_beneficiary_ids(workspace, pid) == [zhang]
    with pytest.raises(UserInputError, match="发放记录"):
        prj.mark_project_deleted(workspace, pid)
    prj.mark_payment_deleted(workspace, payment)
    prj.mark_project_deleted(workspace, pid)
    assert prj.list_project_ids(workspace) == []


def test_funds_summary_and_demo_lists(demo_workspace: Workspace) -> None:
    ws = demo_workspace
    years = prj.project_years(ws)
    summary = prj.funds_summary(ws, years[0])
    ids = prj.list_project_ids(ws, ProjectFilter(year=years[0], sort="allocated", descending=True))
    rows = prj.load_project_rows(ws, ids)
    assert summary.projects == len(rows) > 0
    assert summary.allocated_fen == sum(r.allocated_fen for r in rows)
    assert summary.paid_fen == sum(r.paid_fen for r in rows)
    assert [r.allocated_fen for r in rows] == sorted((r.allocated_fen for r in rows), reverse=True)
    by_status = prj.list_project_ids(ws, ProjectFilter(sort="status", descending=False))
    statuses = [r.status for r in prj.load_project_rows(ws, by_status)]
    order = list(ProjectStatus)
    assert [order.index(s) for s in statuses] == sorted(order.index(s) for s in statuses)


def test_evaluation_scores_the_projects_own_indicators(workspace: Workspace) -> None:
    pid = new_project(workspace, final_report_due_on=date(2026, 11, 15))
    put_on_list(workspace, pid, "张三", ZHANG)
    put_on_list(workspace, pid, "李四", LI)
    to_status(workspace, pid, ProjectStatus.PUBLIC_NOTICE)
    pay = {"project_id": pid, "paid_on": date(2026, 6, 10)}
    prj.record_payment(workspace, PaymentInput(**pay, amount_fen=6_000_000, payee_id_number=ZHANG), accept_warnings=True, today=TODAY)  # type: ignore[arg-type]
    prj.record_payment(workspace, PaymentInput(**pay, amount_fen=2_000_000, method=PaymentMethod.CASH, payee_id_number=LI), accept_warnings=True, today=TODAY)  # type: ignore[arg-type]
    to_status(workspace, pid, ProjectStatus.FINAL_REPORT)
    prj.advance_project(workspace, pid, date(2026, 11, 20), today=TODAY)  # 绩效评价: the score is stored
    evaluation = prj.project_evaluation(workspace, pid, on=date(2026, 11, 20))
    shown = {c.code: (c.value, c.points, c.weight) for c in evaluation.criteria}
    assert shown == {
        "XM-YSZX": (80.0, 32.0, 40),  # 8 万 of 10 万 allocated
        "XM-YKT": (75.0, 15.0, 20),  # 6 万 of 8 万 by 一卡通
        "XM-GS": (100.0, 20.0, 20),
        "XM-ZQBG": (100.0, 20.0, 20),  # in on 11-01, due 11-15
    }
    assert evaluation.score == 87
    assert prj.project_detail(workspace, pid).row.evaluation_score == 87


def test_final_report_content_kept_and_a_late_report_costs_points(workspace: Workspace) -> None:
    pid = new_project(workspace, final_report_due_on=date(2026, 10, 31))
    put_on_list(workspace, pid, "张三", ZHANG)
    to_status(workspace, pid, ProjectStatus.PUBLIC_NOTICE)
    prj.advance_project(workspace, pid, date(2026, 11, 1), final_report_content="  发放完毕，群众满意  ", today=TODAY)
    row = prj.project_detail(workspace, pid).row
    assert row.final_report_content == "发放完毕，群众满意" and row.final_report_due_on == date(2026, 10, 31)
    late = {c.code: c.value for c in prj.project_evaluation(workspace, pid, on=date(2026, 11, 20)).criteria}
    assert late["XM-ZQBG"] == 0.0
