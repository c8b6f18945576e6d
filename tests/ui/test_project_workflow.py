"""项目服务 through the widgets: register a project, move it along its lifecycle, put someone on its
list, pay them, and see a payment to someone not on the list refused with nothing written."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.database.models import ChangeLogEntry, ProjectPayment
from app.domain.enums import FamilyCategory, MemberRelation, ProjectStatus
from app.domain.idcard import check_digit
from app.domain.records.families import FamilyInput, MemberInput
from app.domain.records.projects import ProjectInput
from app.services import families, projects
from app.services.shared.workspace import Workspace
from ui.projects.page import ProjectsPage
from ui.projects.payment_form import BeneficiaryForm, PaymentForm
from ui.projects.project_form import ProjectForm, StepDialog
from ui.shell.page import PageContext
from ui.shell.tasks import SyncTaskRunner
from ui.widgets.draft_dialog import DraftDialog

VILLAGE = "430121001001"
TODAY = date.today()


def id_number(birth: str, order: str) -> str:
    first17 = "430121" + birth + order
    return first17 + check_digit(first17)


ZHANG = id_number("19560310", "131")
STRANGER = id_number("19700505", "353")


@pytest.fixture(autouse=True)
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    given: dict[str, object] = {"warnings": True, "asked": []}

    def note(kind: str, value: object) -> object:
        given["asked"].append(kind)  # type: ignore[union-attr]
        return value

    monkeypatch.setattr(DraftDialog, "ask_restore", lambda self, info: note("restore", False))
    monkeypatch.setattr(
        DraftDialog, "confirm_warnings", lambda self, issues: note("warnings", given["warnings"])
    )
    monkeypatch.setattr(DraftDialog, "ask_close", lambda self: note("close", "discard"))
    return given


@pytest.fixture
def page(qtbot: QtBot, workspace: Workspace) -> ProjectsPage:
    widget = ProjectsPage(PageContext(workspace, SyncTaskRunner()))
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    widget.refresh()
    return widget


def payments(ws: Workspace) -> int:
    with ws.db.read() as s:
        return s.scalar(select(func.count()).select_from(ProjectPayment)) or 0


def step(page: ProjectsPage, **texts: str) -> StepDialog:
    dialog = page.next_step()
    assert isinstance(dialog, StepDialog)
    for name, text in texts.items():
        getattr(dialog, name).edit.setText(text)
    dialog.advance()
    return dialog


def test_project_through_lifecycle_list_and_payments(
    qtbot: QtBot, qtmodeltester: ModelTester, page: ProjectsPage, workspace: Workspace
) -> None:
    # Register: Ctrl+N on the page, the programme picked, the name suggested, the funds typed.
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = page.tab.forms[-1]
    assert isinstance(form, ProjectForm)
    form.catalogue.set_value("ZYHLBT")
    assert form.name_field.text() == f"{TODAY.year}年住院护理补贴"
    qtbot.keyClicks(form.allocated.edit, "100000")
    qtbot.keyClicks(form.matched.edit, "20000")
    qtbot.keyClick(form.allocated.edit, Qt.Key.Key_Return)
    assert not form.isVisible()
    (pid,) = projects.list_project_ids(workspace)
    assert page.list.current_id() == pid
    assert page.detail is not None and page.detail.row.status is ProjectStatus.APPLIED
    assert "100,000.00" in page.overview.funds["allocated"].text()

    # 立项 is refused without a 文号, in Chinese, and the project stays 申报.
    refused = step(page)
    assert refused.isVisible() and "立项文号" in refused.message.text()
    refused.reject()
    step(page, document_no="湘计生协发〔2026〕5号")
    assert page.detail is not None and page.detail.row.status is ProjectStatus.APPROVED
    step(page)  # 实施 from today
    assert page.detail is not None and page.detail.row.status is ProjectStatus.IN_PROGRESS

    # Someone on the reported list: a special family found by pinyin initials fills the head.
    head = MemberInput(name="张三", relation=MemberRelation.SELF, id_number=ZHANG)
    families.save_family(
        workspace, FamilyInput(VILLAGE, FamilyCategory.BEREAVED, (head,)), accept_warnings=True
    )
    add = page.add_beneficiary()
    assert isinstance(add, BeneficiaryForm)
    qtbot.keyClicks(add.family_search, "zs")
    qtbot.keyClick(add.family_search, Qt.Key.Key_Return)
    assert add.name_field.text() == "张三" and add.family_id is not None
    add.reason.edit.setText("住院 12 天")
    add.save()
    assert not add.isVisible()
    assert page.beneficiaries.model.rowCount() == 1
    qtmodeltester.check(page.beneficiaries.model)

    # 公示 with its dates.
    step(page, notice_to=f"{TODAY + timedelta(days=6):%Y-%m-%d}")
    assert page.detail is not None and page.detail.row.status is ProjectStatus.PUBLIC_NOTICE
    early = step(page)  # 终期报告 before the notice period ends is refused
    assert "公示结束后" in early.message.text()
    early.reject()

    # A payment to the person on the list, picked from it.
    pay = page.record_payment()
    assert isinstance(pay, PaymentForm)
    assert pay.payee.combo.count() == 2  # the blank line and 张三
    pay.payee.combo.setCurrentIndex(1)
    qtbot.keyClicks(pay.amount.edit, "1500")
    pay.bank_account.edit.setText("6217000011112222")
    pay.save()
    assert not pay.isVisible()
    assert payments(workspace) == 1
    assert page.detail is not None and page.detail.row.paid_fen == 150_000
    assert "1,500.00" in page.overview.funds["paid"].text()
    assert page.payments.model.rowCount() == 1
    qtmodeltester.check(page.payments.model)
    qtmodeltester.check(page.list.model)


def test_payment_to_someone_not_on_the_list_is_refused(
    qtbot: QtBot, page: ProjectsPage, workspace: Workspace
) -> None:
    project = ProjectInput("ZYHLBT", "住院护理补贴", TODAY.year, "430121000000", allocated_fen=1_000_000)
    pid = projects.save_project(workspace, project)
    projects.advance_project(workspace, pid, TODAY, document_no="文号1")
    projects.advance_project(workspace, pid, TODAY)
    page.refresh()
    page.list.select_id(pid)
    pay = page.record_payment()
    assert isinstance(pay, PaymentForm)
    editor = pay.payee.combo.lineEdit()
    assert editor is not None
    qtbot.keyClicks(editor, STRANGER)
    qtbot.keyClicks(pay.amount.edit, "800")

    def changes() -> int:
        with workspace.db.read() as s:
            return s.scalar(select(func.count()).select_from(ChangeLogEntry)) or 0

    before = changes()
    pay.save()
    assert pay.isVisible()
    assert "不在本项目的上报名单中" in pay.summary.text()
    assert "未登记" in pay.summary.text()
    assert payments(workspace) == 0 and changes() == before
    assert "不在本项目的上报名单中" in pay.payee.note.text()


def test_reported_list_imported_from_a_sheet_on_the_chosen_project(
    qtbot: QtBot, page: ProjectsPage, workspace: Workspace, tmp_path: object
) -> None:
    from pathlib import Path

    from openpyxl import Workbook

    from ui.widgets.import_pages import FilePage, PreviewPage

    assert not page.import_list_button.isEnabled()  # no project chosen yet
    pid = projects.save_project(
        workspace,
        ProjectInput(catalogue_code="ZYHLBT", name="2026年住院护理补贴", year=TODAY.year, division_code="430121000000"),
    )
    page.refresh()
    qtbot.waitUntil(lambda: page.project_id() == pid)
    assert page.import_list_button.isEnabled() and page.import_payments_button.isEnabled()
    book = Workbook()
    book.active.append(["姓名", "身份证号码", "村（社区）", "纳入原因"])
    book.active.append(["张三", ZHANG, "开元路社区", "住院"])
    book.active.append(["外人", None, "开元路社区", None])
    sheet = Path(str(tmp_path)) / "名单.xlsx"
    book.save(sheet)
    wizard = page.import_sheet(of_payments=False)
    assert wizard is not None and wizard.windowTitle() == "Import 项目上报名单"
    first = wizard.currentPage()
    assert isinstance(first, FilePage)
    first.path.setText(str(sheet))
    for _ in range(4):
        wizard.next()
    preview = wizard.currentPage()
    assert isinstance(preview, PreviewPage)
    assert [preview.grid.item(r, 1).text() for r in range(2)] == ["新增", "拒绝"]
    wizard.button(wizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: page.beneficiaries.model.rowCount() == 1)
    record = page.beneficiaries.model.record(0)
    assert record is not None and record.name == "张三"


def test_final_report_and_evaluation_steps_show_the_projects_figures(
    qtbot: QtBot, page: ProjectsPage, workspace: Workspace
) -> None:
    from app.domain.records.projects import BeneficiaryInput, PaymentInput

    year = TODAY.year
    pid = projects.save_project(
        workspace,
        ProjectInput(
            catalogue_code="ZYHLBT",
            name="住院护理补贴",
            year=year,
            division_code="430121000000",
            allocated_fen=1_000_000,
            final_report_due_on=TODAY - timedelta(days=1),
        ),
    )
    projects.save_beneficiary(workspace, BeneficiaryInput(pid, "张三", ZHANG, VILLAGE))
    start = date(year, 1, 2)
    projects.advance_project(workspace, pid, start, document_no="文号")
    projects.advance_project(workspace, pid, start)
    projects.advance_project(workspace, pid, start, notice_to=start + timedelta(days=6))
    projects.record_payment(
        workspace,
        PaymentInput(pid, start + timedelta(days=10), 500_000, payee_id_number=ZHANG),
        accept_warnings=True,
    )
    page.refresh()
    qtbot.waitUntil(lambda: page.detail is not None and page.detail.row.id == pid)
    report = page.next_step()
    assert isinstance(report, StepDialog) and report.report.isVisible()
    report.on.edit.setText(f"{TODAY - timedelta(days=2):%Y-%m-%d}")
    report.report.setPlainText("补贴已全部按名单发放")
    report.advance()
    assert not report.isVisible()
    assert page.detail is not None and page.detail.row.final_report_content == "补贴已全部按名单发放"
    evaluate = page.next_step()
    assert isinstance(evaluate, StepDialog)
    qtbot.waitUntil(lambda: evaluate.evaluation.evaluation is not None)
    table = evaluate.evaluation.table
    rows = {table.item(r, 0).text(): table.item(r, 2).text() for r in range(table.rowCount())}
    assert rows == {"项目预算执行率": "20 / 40", "一卡通直达率": "20 / 20", "项目公示率": "20 / 20", "终期报告按时率": "20 / 20"}
    assert evaluate.evaluation.score.text() == "Score: 80 of 100"
    evaluate.grab().save("/tmp/evaluation-step.png")
    evaluate.advance()
    assert page.detail is not None and page.detail.row.evaluation_score == 80
