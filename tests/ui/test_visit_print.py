"""Printing visit forms before going out: narrow the family list, print one page per family."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from app.domain.records.families import MISSING_VISIT
from app.services.families.visit_sheets import visit_sheets
from app.services.shared.workspace import Workspace
from ui.families.page import FamiliesPage
from ui.families.visit_print import print_sheets
from ui.shell.i18n import install_translators
from ui.shell.page import PageContext
from ui.shell.tasks import SyncTaskRunner


@pytest.fixture
def page(qtbot: QtBot, demo_workspace: Workspace) -> FamiliesPage:
    widget = FamiliesPage(PageContext(demo_workspace, SyncTaskRunner()))
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    widget.refresh()
    return widget


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def pages_in(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", path.read_bytes()))


def test_the_families_not_visited_in_a_village_print_one_page_each(
    qtbot: QtBot,
    page: FamiliesPage,
    demo_workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[int] = []
    monkeypatch.setattr(FamiliesPage, "confirm_print", lambda self, n: asked.append(n) or True)
    listing = page.list
    listing.set_filter("missing", MISSING_VISIT)
    assert listing.tree is not None
    township = listing.tree.items.index(0, 0).model().index(0, 0, listing.tree.items.index(0, 0))
    listing.tree.setCurrentIndex(township)
    qtbot.waitUntil(listing.is_complete)
    wanted = listing.model.ids()
    assert 0 < len(wanted) <= 30
    out = tmp_path / "visit-forms.pdf"
    page.print_visit_forms(pdf_printer(out))
    assert out.exists() and pages_in(out) == len(wanted)
    assert asked == []  # a village's few forms print without a question
    assert f"{len(wanted)}" in listing.message.text()


def test_an_empty_list_prints_nothing_and_says_so(page: FamiliesPage, tmp_path: Path, qtbot: QtBot) -> None:
    page.list.set_search("没有这个人", now=True)
    qtbot.waitUntil(page.list.is_complete)
    out = tmp_path / "none.pdf"
    page.print_visit_forms(pdf_printer(out))
    assert not out.exists() and page.list.message.isVisible()


def test_with_nothing_selected_only_families_in_the_register_print(
    page: FamiliesPage,
    demo_workspace: Workspace,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.domain.enums import FamilyStatus
    from app.services.families.listing import load_family_rows

    monkeypatch.setattr(FamiliesPage, "confirm_print", lambda self, n: True)
    qtbot.waitUntil(page.list.is_complete)
    shown = page.list.model.ids()
    registered = [
        r.id for r in load_family_rows(demo_workspace, shown) if r.status is FamilyStatus.REGISTERED
    ]
    assert 0 < len(registered) < len(shown)  # the demo county has deceased and moved-out families
    out = tmp_path / "register.pdf"
    page.print_visit_forms(pdf_printer(out))
    assert pages_in(out) == len(registered)
    # Two rows selected: those two, whatever their status.
    gone = next(i for i in shown if i not in registered)
    view = page.list.view
    view.selectRow(page.list.model.row_of(registered[0]))
    view.selectionModel().select(
        page.list.model.index(page.list.model.row_of(gone), 0),
        view.selectionModel().SelectionFlag.Select | view.selectionModel().SelectionFlag.Rows,
    )
    assert set(page.selected_ids()) == {registered[0], gone}
    chosen = tmp_path / "chosen.pdf"
    page.print_visit_forms(pdf_printer(chosen))
    assert pages_in(chosen) == 2


def test_cancel_stops_after_the_pages_printed_so_far(demo_workspace: Workspace, tmp_path: Path) -> None:
    from app.services.families.listing import list_family_ids

    sheets = visit_sheets(demo_workspace, list_family_ids(demo_workspace, limit=5))
    out = tmp_path / "cut-short.pdf"
    asked: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        asked.append((done, total))
        return done < 2  # Cancel pressed while the third sheet was due

    assert print_sheets(pdf_printer(out), sheets, progress=progress) is False
    assert asked == [(0, 5), (1, 5), (2, 5)] and pages_in(out) == 2


def test_blank_forms_print_one_page_each_with_numbers_of_their_own(
    page: FamiliesPage, tmp_path: Path
) -> None:
    out = tmp_path / "blank.pdf"
    page.print_blank_forms(3, pdf_printer(out))
    assert pages_in(out) == 3 and "3" in page.list.message.text()
    import subprocess

    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    numbers = set(re.findall(r"ZF\d{8}-[0-9A-Z]{4}\b", text))
    assert len(numbers) == 3 and "（请填写）" in text


def test_one_family_selected_asks_whether_to_print_it_or_the_list(
    page: FamiliesPage, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A click on a family selects its row, so one selected row is no clear choice: the worker is
    asked, and gets that family's form, the list's, or nothing on Cancel."""
    answers: list[str | None] = ["one", None, "all"]
    asked: list[int] = []

    def choose(self: FamiliesPage, listed: int) -> str | None:
        asked.append(listed)
        return answers.pop(0)

    monkeypatch.setattr(FamiliesPage, "choose_print_scope", choose)
    monkeypatch.setattr(FamiliesPage, "confirm_print", lambda self, n: True)
    qtbot.waitUntil(page.list.is_complete)
    shown = page.list.model.ids()
    page.list.view.selectRow(page.list.model.row_of(shown[0]))
    assert page.selected_ids() == (shown[0],)
    one = tmp_path / "one.pdf"
    page.print_visit_forms(pdf_printer(one))
    assert pages_in(one) == 1 and asked == [len(shown)]
    cancelled = tmp_path / "cancelled.pdf"
    page.print_visit_forms(pdf_printer(cancelled))
    assert not cancelled.exists()
    every = tmp_path / "all.pdf"
    page.print_visit_forms(pdf_printer(every))
    assert 1 < pages_in(every) <= len(shown)


def test_the_scope_question_is_in_chinese(page: FamiliesPage, qapp: QApplication) -> None:
    seen: list[str] = []
    translators = install_translators(qapp)

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        seen.extend(b.text() for b in box.buttons())
        box.reject()

    QTimer.singleShot(0, answer)
    try:
        assert page.choose_print_scope(12) is None
    finally:
        for t in translators:
            qapp.removeTranslator(t)
    assert "所选家庭" in seen[0] and any("12 户" in t for t in seen[1:]), seen
