"""绩效评价 page with real widgets offscreen: the sheet, the records behind a value, the divisions
and families short of a target, printing to PDF, the export re-read, reporting and locks."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.services.shared.workspace import Workspace
from tests.conftest import COUNTY
from tests.services.evaluation_fixture import TODAY, build, place
from ui.evaluation import tables
from ui.evaluation.page import EvaluationPage
from ui.evaluation.printing import print_list
from ui.shell.i18n import install_translators
from ui.shell.page import PageContext
from ui.shell.tasks import SyncTaskRunner


@pytest.fixture(autouse=True)
def chinese(qapp: QApplication) -> Iterator[None]:
    """The page as a user sees it: our .qm and Qt's own loaded."""
    translators = install_translators(qapp)
    yield
    for t in translators:
        qapp.removeTranslator(t)


def _page(qtbot: QtBot, ws: Workspace, today: date = TODAY) -> EvaluationPage:
    page = EvaluationPage(PageContext(ws, SyncTaskRunner()), today=today)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    index = page.period_box.findData("2026H1")
    page.period_box.setCurrentIndex(index)
    page.refresh()
    return page


@pytest.fixture
def county(workspace: Workspace) -> Workspace:
    with workspace.db.session() as s:
        build(s, place(s, COUNTY))
    return workspace


def _row_of(page: EvaluationPage, code: str) -> int:
    assert page.sheet is not None
    return [v.code for v in page.sheet.values].index(code)


def test_sheet_value_against_target_and_drill_down(qtbot: QtBot, county: Workspace) -> None:
    page = _page(qtbot, county)
    model = page.sheet_panel.model
    row = _row_of(page, "TSJT-LXR")
    assert model.index(row, tables.COL_VALUE).data() == "66.67%"
    assert model.index(row, tables.COL_TARGET).data() == "≥ 100.00%"
    assert model.index(row, tables.COL_MET).data() == "未达标"
    assert model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole).color() == tables.SHORT_COLOUR
    assert "达标 0 项，未达标 9 项" in page.summary.text()  # the nine indicators with a target

    # A click on the result: the divisions and the families short of it.
    page.sheet_panel.view.clicked.emit(model.index(row, tables.COL_MET))
    page._select(row)
    assert page.tabs.currentIndex() == 1
    assert len(page.short_records.rows()) == 1  # the family with one contact person
    assert any(r.met is False for r in page.short_divisions.rows())
    # A click on a value: the records behind it.
    money = _row_of(page, "TSJT-HJWW")
    page.sheet_panel.view.clicked.emit(model.index(money, tables.COL_VALUE))
    page._select(money)
    assert page.tabs.currentIndex() == 0
    assert len(page.behind.rows()) == 3 and page.behind.model.columnCount() == 4


def test_models_pass_qt_model_tester(qtbot: QtBot, county: Workspace, qtmodeltester: ModelTester) -> None:
    page = _page(qtbot, county)
    page._select(_row_of(page, "ZZ-JKZDY"))
    for panel in (page.sheet_panel, page.behind, page.short_divisions, page.short_records, page.reporting):
        qtmodeltester.check(panel.model)


def test_export_and_print_the_list_to_work_through(qtbot: QtBot, county: Workspace, tmp_path: Path) -> None:
    page = _page(qtbot, county)
    page._select(_row_of(page, "ZZ-JKZDY"))
    headers, cells = page.short_records.cells()
    target = tmp_path / "short.xlsx"
    page.export_to(str(target), page.short_records.heading.text(), headers, cells)
    sheet = load_workbook(target).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == headers and len(rows) == len(cells) + 1
    pdf = tmp_path / "short.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(pdf))
    print_list(printer, page.short_records.heading.text(), page.subtitle(), headers, cells[:60])
    assert pdf.stat().st_size > 1000
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "家庭健康指导员配备率" in text and cells[0][1] in text


def test_lock_and_unlock_from_the_page(
    qtbot: QtBot, county: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    county.username = "county-admin"
    page = _page(qtbot, county)
    assert page.lock_button.isVisible() or not page.isVisible()
    page.lock()
    assert [r.active for r in page.locks.rows()] == [True] and not page.lock_button.isEnabled()
    monkeypatch.setattr("ui.evaluation.page.QInputDialog.getText", lambda *a, **k: ("更正走访记录", True))
    page.unlock()
    assert [r.active for r in page.locks.rows()] == [False] and page.lock_button.isEnabled()


def test_demo_county_page_looks_right(qtbot: QtBot, demo_workspace: Workspace, tmp_path: Path) -> None:
    page = _page(qtbot, demo_workspace, today=date(2026, 12, 1))
    page.show()
    page._select(_row_of(page, "TSJT-LXR"))
    page.tabs.setCurrentIndex(1)
    assert page.sheet is not None and len(page.sheet.values) == 25
    assert len(page.reporting.rows()) > 10  # every township of the county
    shot = Path("/tmp/evaluation-page.png")
    page.grab().save(str(shot))
    assert shot.stat().st_size > 10_000
