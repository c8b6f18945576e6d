"""The 数据分析 page over the demo county, offscreen: cards, charts, a click on a bar, exports."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from matplotlib.patches import Rectangle
from openpyxl import load_workbook
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from app.services import analysis
from ui.analysis import charts
from ui.analysis.page import AnalysisPage
from ui.shell.page import PageContext
from ui.shell.tasks import SyncTaskRunner

TODAY = date(2026, 11, 23)


def _page(qtbot: QtBot, workspace) -> AnalysisPage:  # type: ignore[no-untyped-def]
    page = AnalysisPage(PageContext(workspace, SyncTaskRunner()), today=TODAY)
    qtbot.addWidget(page)
    page.resize(1200, 720)
    page.show()
    page.refresh()
    return page


def _bars(page: AnalysisPage, key: str) -> list[Rectangle]:
    (ax, *_) = page.figures[key].axes
    return [p for p in ax.patches if isinstance(p, Rectangle) and p.get_gid()]


def test_the_page_shows_the_figures_of_the_service(qtbot: QtBot, demo_workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, demo_workspace)
    expected = analysis.dashboard(demo_workspace, None, "2026")
    assert page.period_code() == "2026" and page.data == expected
    registered = next(c for c in expected.cards if c.key == "registered")
    assert page.cards[0].value.text() == f"{registered.value:,} 户"
    assert page.cards[0].change.text()  # the change from 2025 is said
    assert len(_bars(page, "coverage")) == 2 * len(expected.coverage) > 0
    assert len(_bars(page, "trend")) == 12
    assert len(_bars(page, "funds")) == 2 * len(expected.funds)
    shot = tmp_path / "analysis.png"
    assert page.grab().save(str(shot)) and shot.stat().st_size > 20_000
    page.period.setCurrentIndex(page.period.findData("2026H1"))
    assert page.data is not None and page.data.period_code == "2026H1" and len(_bars(page, "trend")) == 6


def test_a_click_on_a_townships_bar_lists_its_families_not_visited(qtbot: QtBot, demo_workspace) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, demo_workspace)
    canvas = page.canvases["coverage"]
    bar = _bars(page, "coverage")[0]
    box = bar.get_window_extent()
    ratio = canvas.devicePixelRatioF()
    point = QPoint(
        int(box.x0 + box.width / 2) // int(ratio), int(canvas.height() - (box.y0 + box.height / 4) / ratio)
    )
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=point)
    assert page.dialog is not None and page.dialog.isVisible()
    code = str(bar.get_gid()).split(":", 1)[1]
    todo = analysis.families_behind(demo_workspace, code, "2026")
    assert page.dialog.model.rowCount() == len(todo)
    assert "尚未走访" in page.dialog.windowTitle() or "not visited" in page.dialog.windowTitle()


def test_a_month_and_a_project_open_their_lists(qtbot: QtBot, demo_workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, demo_workspace)
    page.open_drill("month:2026-02")
    ledger = analysis.build_report(demo_workspace, "visits", None, "2026-02")
    assert page.dialog is not None and page.dialog.model.rowCount() == len(ledger.rows) > 0
    project = page.data.funds[0] if page.data else None
    assert project is not None
    page.open_drill(f"project:{project.project_id}")
    assert page.dialog.model.rowCount() == len(
        analysis.payments_behind(demo_workspace, project.project_id, "2026")
    )
    target = tmp_path / "list.xlsx"
    page.dialog.export_to(target)
    assert target.exists() and load_workbook(target).active.max_row == page.dialog.model.rowCount() + 1


def test_a_standard_table_is_exported_from_the_page(qtbot: QtBot, demo_workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, demo_workspace)
    target = tmp_path / "帮扶.xlsx"
    page.export_table("special-families", target)
    sheet = load_workbook(target).active
    assert sheet["A1"].value == "计生特殊家庭帮扶情况表" and str(target) in page.message.text()
    (tmp_path / "blocked").write_text("a file, not a folder")
    page.export_table("visits", tmp_path / "blocked" / "台账.xlsx")
    assert "无法写入文件" in page.message.text() and page.export_button.isEnabled()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_same_figure_code_writes_a_png_and_a_pdf(demo_workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = analysis.dashboard(demo_workspace, None, "2026")
    figure = charts.new_figure()
    charts.draw_year_on_year(figure, data.year_on_year)
    png = charts.save_figure(figure, tmp_path / "change.png")
    pdf = charts.save_figure(figure, tmp_path / "change.pdf")
    assert png.read_bytes()[:4] == b"\x89PNG" and pdf.read_bytes()[:4] == b"%PDF"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "在册特殊家庭(户)" in text and "走访户数" in text  # Chinese labels are real text, not empty boxes
