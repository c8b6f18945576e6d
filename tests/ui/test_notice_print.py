"""项目服务's 打印公示名单: the chosen project's payments as a notice, from the button to the PDF."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.database.models import ProjectPayment
from app.services.shared.workspace import Workspace
from ui.projects.page import ProjectsPage
from ui.shell.page import PageContext
from ui.shell.tasks import SyncTaskRunner


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_the_notice_of_the_chosen_project_prints(
    qtbot: QtBot, demo_workspace: Workspace, tmp_path: Path
) -> None:
    with demo_workspace.db.read() as s:
        project_id, paid = s.execute(
            select(ProjectPayment.project_id, func.count(func.distinct(ProjectPayment.beneficiary_id)))
            .where(ProjectPayment.deleted.is_(False))
            .group_by(ProjectPayment.project_id)
            .limit(1)
        ).one()
    page = ProjectsPage(PageContext(demo_workspace, SyncTaskRunner()))
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    qtbot.waitUntil(page.list.is_complete)
    qtbot.waitUntil(lambda: page.list.select_id(project_id) and page.project_id() == project_id)
    assert page.notice_button.isVisibleTo(page.payments)
    out = tmp_path / "notice.pdf"
    page.print_notice(pdf_printer(out))
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True).stdout
    assert "名单公示" in text and f"合计：{paid} 人" in text
    assert f"{paid}" in page.payments.message.text()
