"""The main window: navigation by module on the left, the pages on the right. Assembles only."""

from __future__ import annotations

import importlib
import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.services.workspace import Workspace
from ui.pages.base import Page, PageContext
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)

# (key, label, "module:Class"). A page whose module is not there yet shows what it will hold.
NAVIGATION: list[tuple[str, str, str]] = [
    ("home", "首页", "ui.pages.home:HomePage"),
    ("organisation", "组织建设", "ui.pages.organisation:OrganisationPage"),
    ("families", "特殊家庭", "ui.pages.families:FamiliesPage"),
    ("projects", "项目服务", "ui.pages.projects:ProjectsPage"),
    ("activities", "宣传活动与培训", "ui.pages.activities:ActivitiesPage"),
    ("evaluation", "绩效评价", "ui.pages.placeholder:EvaluationPage"),
    ("analysis", "数据分析", "ui.pages.placeholder:AnalysisPage"),
    ("sync", "同步", "ui.pages.sync:SyncPage"),
    ("system", "系统管理", "ui.pages.system:SystemPage"),
]


class ComingPage(QWidget):
    """Stands in for a module that is not built yet, and says so plainly."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        text = QLabel(self.tr("%1: this module is being built.").replace("%1", label))
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)
        layout.addWidget(text)


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, runner: TaskRunner, title: str) -> None:
        super().__init__()
        self.context = PageContext(workspace, runner)
        self.setWindowTitle(title)
        self.nav = QListWidget()
        self.nav.setMaximumWidth(200)
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        self._keys: list[str] = []
        for number, (key, label, _target) in enumerate(NAVIGATION, start=1):
            item = QListWidgetItem(label)
            item.setToolTip(f"Ctrl+{number}" if number < 10 else "")
            self.nav.addItem(item)
            self._keys.append(key)
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.stack.addWidget(holder)
            if number < 10:
                action = QAction(self)
                action.setShortcut(QKeySequence(f"Ctrl+{number}"))
                action.triggered.connect(lambda _=False, k=key: self.show_page(k))
                self.addAction(action)
        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)
        self.nav.currentRowChanged.connect(self._select)
        self.busy = QLabel()
        self.statusBar().addPermanentWidget(self.busy)
        self.statusBar().showMessage(f"{workspace.path} · {workspace.device_id}")
        runner.busy_changed.connect(lambda busy: self.busy.setText(self.tr("Working…") if busy else ""))
        self.nav.setCurrentRow(0)

    def page(self, key: str) -> QWidget:
        """The page for ``key``, built the first time it is shown."""
        if key not in self.pages:
            label, target = next((lab, t) for k, lab, t in NAVIGATION if k == key)
            module_name, class_name = target.split(":")
            widget: QWidget
            try:
                cls = getattr(importlib.import_module(module_name), class_name)
                widget = cls(self.context)
            except (ImportError, AttributeError):
                log.info("page %s not available yet", target)
                widget = ComingPage(label)
            holder = self.stack.widget(self._keys.index(key))
            layout = holder.layout()
            assert layout is not None
            layout.addWidget(widget)
            self.pages[key] = widget
        return self.pages[key]

    def show_page(self, key: str, **filters: object) -> QWidget:
        self.nav.setCurrentRow(self._keys.index(key))
        widget = self.page(key)
        apply = getattr(widget, "apply_filter", None)
        if filters and callable(apply):
            apply(**filters)
        return widget

    def _select(self, row: int) -> None:
        if row < 0:
            return
        widget = self.page(self._keys[row])
        self.stack.setCurrentIndex(row)
        if isinstance(widget, Page):
            widget.refresh()
