"""``qtmodeltester`` on every item model of the program, over the demo county, as the user sees them.

Rather than a list kept by hand, the test opens every page of the main window and every form the
pages offer (the ones ``scripts/screenshots.py`` renders, which include the family form with its
visits and the association form with its terms), then checks every ``QAbstractItemModel`` that
lives under the window: the lazy lists, the short row tables, the division trees, the widgets'
own models (navigation, goods table, combo boxes). A tester stays attached to each model while
the lists are searched, sorted and filtered, so the resets and appended rows are checked too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QAbstractProxyModel
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.services.shared.workspace import Workspace
from ui.families.page import FamiliesPage
from ui.models.lazy_table import LazyTableModel
from ui.models.rows_model import RowsTableModel
from ui.projects.page import ProjectsPage
from ui.shell.main_window import NAVIGATION, MainWindow
from ui.shell.tasks import SyncTaskRunner
from ui.shell.welcome import WelcomeWizard
from ui.widgets.draft_dialog import DraftDialog
from ui.widgets.list_parts import DivisionTree


@pytest.fixture(autouse=True)
def no_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(DraftDialog, "ask_restore", lambda self, info: False)
    monkeypatch.setattr(DraftDialog, "ask_close", lambda self: "discard")


def open_everything(qtbot: QtBot, workspace: Workspace) -> tuple[MainWindow, list[QWidget]]:
    window = MainWindow(workspace, SyncTaskRunner())
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    dialogs: list[QWidget] = []
    for key, _label, _target in NAVIGATION:
        page = window.show_page(key)
        if isinstance(page, ProjectsPage):  # its beneficiaries and payments: a project with some
            sample = page._sample()
            assert sample is not None and page.list.select_id(sample.row.id)
        for tabs in page.findChildren(QTabWidget):  # tabs load their list when first shown
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
        for method in getattr(type(page), "screenshot_dialogs", ()):
            dialog = getattr(page, method)()
            if isinstance(dialog, QWidget):
                dialog.show()
                dialogs.append(dialog)
    return window, dialogs


def models_under(widgets: list[QWidget]) -> list[QAbstractItemModel]:
    seen: dict[int, QAbstractItemModel] = {}
    for widget in widgets:
        for model in widget.findChildren(QAbstractItemModel):
            if isinstance(model, QAbstractProxyModel):
                continue  # a completer's view onto a combo box's model, checked there
            seen.setdefault(id(model), model)
    return list(seen.values())


def test_every_model_passes_the_model_tester(
    qtbot: QtBot, demo_workspace: Workspace, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    window, dialogs = open_everything(qtbot, demo_workspace)
    wizard = WelcomeWizard(SyncTaskRunner(), tmp_path / "new" / "fpa.db")  # its division choosers
    qtbot.addWidget(wizard)
    wizard.show()
    dialogs.append(wizard)
    models = models_under([window, *dialogs])
    testers = []
    for model in models:
        tester = ModelTester(request.config)
        tester.check(model)  # Qt's own tester: any complaint fails the test
        testers.append(tester)

    lazy = [m for m in models if isinstance(m, LazyTableModel)]
    rows = [m for m in models if isinstance(m, RowsTableModel)]
    trees = window.findChildren(DivisionTree)
    # Every kind of model is there, and with the demo's data in it, not empty.
    assert len(lazy) >= 10 and all(m.rowCount() > 0 for m in lazy if m.parent() is not None)
    assert sum(1 for m in rows if m.rowCount() > 0) >= 5
    assert trees and all(t.items.rowCount() > 0 for t in trees if t.is_filled())
    filled = [d for d in dialogs if type(d).__name__ == "FamilyForm"]
    assert filled and any(m.rowCount() > 0 for m in models_under(filled) if isinstance(m, RowsTableModel)), (
        "the family form shows the sample family's visits"
    )

    # The lists change under the testers: search, sort, filter by division, back again.
    families = window.show_page("families")
    assert isinstance(families, FamiliesPage)
    listing = families.list
    before = listing.model.rowCount()
    listing.set_search("z", now=True)
    qtbot.waitUntil(listing.is_complete)
    assert 0 < listing.model.rowCount() < before
    listing.model.sort(1)
    qtbot.waitUntil(listing.is_complete)
    assert listing.tree is not None
    county = listing.tree.items.index(0, 0)
    listing.tree.setCurrentIndex(listing.tree.items.index(0, 0, county))  # its first township
    qtbot.waitUntil(listing.is_complete)
    listing.set_search("", now=True)
    qtbot.waitUntil(listing.is_complete)
    for model in lazy:
        for row in range(0, model.rowCount(), 97):  # pages fetched here and there
            model.index(row, 0).data()
        model.mark_stale()
    for dialog in dialogs:
        dialog.close()
    QApplication.processEvents()
