"""The main window: navigation by module on the left, the pages on the right. Assembles only.

Pages are named by import path and built the first time they are shown, so a module another
engineer has not delivered yet shows a "being built" page instead of stopping the program. A page
may offer ``apply_filter(**filters)`` (``show_page(key, **filters)`` calls it), ``open_draft(kind,
key)`` with a ``draft_kinds`` class attribute naming the draft kinds it reopens, and
``screenshot_dialogs`` (see scripts/screenshots.py).
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.records.overview import InstallationFacts
from app.paths import data_dir, ensure, logs_dir
from app.services.shared.workspace import Workspace
from app.services.system.installation import installation_facts
from ui.shell import file_dialogs, idle_lock
from ui.shell.auto_backup import WindowBackups
from ui.shell.help import add_help_actions
from ui.shell.idle_lock import IdleLock
from ui.shell.page import Page, PageContext, SearchableList
from ui.shell.settings import window_settings
from ui.shell.tasks import TaskRunner

log = logging.getLogger(__name__)


# (key, English label, "module:Class"). Order is the source documents' five modules around the
# township's daily work; Ctrl+1..9 follow it. Labels are translated when shown.
NAVIGATION: list[tuple[str, str, str]] = [
    ("home", str(QT_TRANSLATE_NOOP("MainWindow", "Home")), "ui.home.page:HomePage"),
    (
        "organisation",
        str(QT_TRANSLATE_NOOP("MainWindow", "Organisation")),
        "ui.organisation.page:OrganisationPage",
    ),
    ("families", str(QT_TRANSLATE_NOOP("MainWindow", "Special families")), "ui.families.page:FamiliesPage"),
    ("projects", str(QT_TRANSLATE_NOOP("MainWindow", "Projects")), "ui.projects.page:ProjectsPage"),
    (
        "activities",
        str(QT_TRANSLATE_NOOP("MainWindow", "Campaigns and training")),
        "ui.activities.page:ActivitiesPage",
    ),
    (
        "evaluation",
        str(QT_TRANSLATE_NOOP("MainWindow", "Performance evaluation")),
        "ui.evaluation.page:EvaluationPage",
    ),
    ("analysis", str(QT_TRANSLATE_NOOP("MainWindow", "Data analysis")), "ui.analysis.page:AnalysisPage"),
    ("sync", str(QT_TRANSLATE_NOOP("MainWindow", "Sync")), "ui.sync.page:SyncPage"),
    ("system", str(QT_TRANSLATE_NOOP("MainWindow", "System")), "ui.system.page:SystemPage"),
]
PROGRAM_NAME = str(QT_TRANSLATE_NOOP("MainWindow", "FPA offline data collection"))
# Draft kinds of pages that predate the ``draft_kinds`` attribute.
DRAFT_PAGES = {
    kind: "families" for kind in ("family", "visit", "policy", "claim", "volunteer_service")
}


def load_page_class(target: str) -> type[Any] | None:
    """The page class at "module:Class", or None when its module is not there yet."""
    module_name, class_name = target.split(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise  # the page exists but something it needs is missing: a real error
        return None
    cls = getattr(module, class_name, None)
    return cls if isinstance(cls, type) and issubclass(cls, QWidget) else None


class ComingPage(QWidget):
    """Stands in for a module that is not built yet, or failed to load, and says so plainly."""

    def __init__(self, label: str, problem: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problem = problem
        layout = QVBoxLayout(self)
        text = QLabel(
            self.tr("%1: this module could not be opened.").replace("%1", label) + "\n\n" + problem
            if problem
            else self.tr("%1: this module is being built.").replace("%1", label)
        )
        text.setObjectName("pageSubtitle")
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)
        layout.addWidget(text)


class MainWindow(QMainWindow):
    database_chosen = Signal(Path)  # the user opened another database (ui.main switches to it)
    province_chosen = Signal(str)  # a PostgreSQL province's URL, password in memory only (ui.main)
    restore_requested = Signal(object)  # a RestorePlan from the system page (ui.main restores and reopens)
    user_switch_requested = Signal(bool)  # 切换用户 (False) or 注销 (True): ui.main signs in again

    def __init__(self, workspace: Workspace, runner: TaskRunner, title: str | None = None) -> None:
        super().__init__()
        self.context = PageContext(workspace, runner)
        self.facts: InstallationFacts | None = None
        self.setWindowTitle(title or self.tr(PROGRAM_NAME))
        self._fixed_title = title
        self.pages: dict[str, QWidget] = {}
        self._keys = [key for key, _label, _target in NAVIGATION]
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(self.tr("Modules"))
        self.stack = QStackedWidget()
        for number, (key, label, _target) in enumerate(NAVIGATION, start=1):
            item = QListWidgetItem(self.tr(label))
            item.setToolTip(f"Ctrl+{number}")
            self.nav.addItem(item)
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.stack.addWidget(holder)
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _=False, k=key: self.show_page(k))
            self.addAction(action)
        refresh = QAction(self)
        refresh.setShortcut(QKeySequence("F5"))  # every page: read its data again
        refresh.triggered.connect(self.refresh_page)
        self.addAction(refresh)
        find = QAction(self)
        find.setShortcut(QKeySequence.StandardKey.Find)  # Ctrl+F: to the search box of the page's list
        find.triggered.connect(self.focus_search)
        self.addAction(find)
        self.nav.setMinimumWidth(self.nav.sizeHintForColumn(0) + 40)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)
        self.splitter.setSizes([self.nav.minimumWidth(), 1200])
        self.setCentralWidget(self.splitter)
        self._menus()
        self._status_bar(workspace, runner)
        self.nav.currentRowChanged.connect(self._select)
        runner.read(installation_facts, workspace, on_done=self._show_facts, on_error=self._facts_failed)
        self._restore()
        self.idle_lock = self._idle_lock(workspace)
        # Automatic backups: the shell turns them on (tests and screenshots never back up by themselves).
        self.backups = WindowBackups(self, runner, workspace)

    def _idle_lock(self, workspace: Workspace) -> IdleLock | None:
        """Auto-lock after idle minutes (window settings, default 10; 0: never), for a signed-in user."""
        if workspace.user is None:
            return None  # no sign-in happened (a plain database): there is no password to ask
        try:
            value = window_settings().value(idle_lock.SETTING, idle_lock.DEFAULT_IDLE_MINUTES)
            minutes = float(value) if isinstance(value, int | float | str) else idle_lock.DEFAULT_IDLE_MINUTES
        except ValueError:
            minutes = idle_lock.DEFAULT_IDLE_MINUTES
        if minutes <= 0:
            return None
        return IdleLock(self, workspace, int(minutes * 60_000))

    # --- assembling -----------------------------------------------------------------------------------

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.open_action = file_menu.addAction(self.tr("&Open database…"), self.choose_database)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.province_action = file_menu.addAction(self.tr("Open p&rovince database…"), self.choose_province)
        self.backup_action = file_menu.addAction(self.tr("&Back up…"), self.back_up)
        if self.context.workspace.user is not None:
            self.password_action = file_menu.addAction(self.tr("Change &password…"), self.change_password)
            # Another account on this computer, without restarting; open forms keep their drafts.
            self.switch_user_action = file_menu.addAction(
                self.tr("S&witch user…"), lambda: self.user_switch_requested.emit(False)
            )
            self.sign_out_action = file_menu.addAction(
                self.tr("Sign o&ut"), lambda: self.user_switch_requested.emit(True)
            )
        self.backup_action.setShortcut(QKeySequence("Ctrl+Shift+B"))
        file_menu.addSeparator()
        quit_action = file_menu.addAction(self.tr("E&xit"), self.close)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        add_help_actions(self, help_menu, self.current_key)  # F1: the shown page's help; 快速入门
        help_menu.addAction(self.tr("&About"), self.show_about)
        help_menu.addAction(self.tr("Open &log folder"), self.open_log_folder)

    def _status_bar(self, workspace: Workspace, runner: TaskRunner) -> None:
        self.database_label = QLabel(self.tr("Database: %1").replace("%1", str(workspace.path)))
        self.device_label = QLabel(self.tr("Device: %1").replace("%1", workspace.device_id))
        user = workspace.user
        self.user_label = QLabel(
            self.tr("Signed in: %1 (%2)").replace("%1", user.display_name).replace("%2", user.role.value)
            if user is not None
            else ""
        )
        self.busy_label = QLabel()
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # "working", with no amount: long jobs have their own dialog
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        bar = self.statusBar()
        bar.addWidget(self.database_label, 1)
        bar.addPermanentWidget(self.busy_label)
        bar.addPermanentWidget(self.busy_bar)
        bar.addPermanentWidget(self.user_label)
        bar.addPermanentWidget(self.device_label)
        runner.busy_changed.connect(self.set_busy)

    def set_busy(self, busy: bool) -> None:
        self.busy_label.setText(self.tr("Working…") if busy else "")
        self.busy_bar.setVisible(busy)

    def _show_facts(self, facts: InstallationFacts) -> None:
        self.facts = facts
        if self._fixed_title is None:
            self.setWindowTitle(f"{self.tr(PROGRAM_NAME)} — {facts.division_name} · {facts.role_label}")

    def _facts_failed(self, exc: BaseException) -> None:
        log.warning("installation facts not read: %s", exc)

    # --- pages ----------------------------------------------------------------------------------------

    def label(self, key: str) -> str:
        return self.tr(next(label for k, label, _t in NAVIGATION if k == key))

    def page(self, key: str) -> QWidget:
        """The page for ``key``, built the first time it is asked for."""
        if key not in self.pages:
            target = next(t for k, _label, t in NAVIGATION if k == key)
            widget: QWidget
            try:
                cls = load_page_class(target)
                widget = cls(self.context) if cls is not None else ComingPage(self.label(key))
            except Exception as exc:  # one broken module must not take the others down
                log.exception("page %s failed to load", target)
                widget = ComingPage(self.label(key), f"{type(exc).__name__}: {exc}")
            self._connect(key, widget)
            holder = self.stack.widget(self._keys.index(key))
            layout = holder.layout() if holder is not None else None
            assert layout is not None
            layout.addWidget(widget)
            self.pages[key] = widget
        return self.pages[key]

    def _connect(self, key: str, widget: QWidget) -> None:
        navigate = getattr(widget, "navigate", None)
        if navigate is not None and hasattr(navigate, "connect"):
            navigate.connect(lambda target, filters: self.show_page(target, **(filters or {})))
        if hasattr(widget, "visit_requested"):
            widget.visit_requested.connect(self.record_visit)
        if hasattr(widget, "draft_requested"):
            widget.draft_requested.connect(self.open_draft)
        if hasattr(widget, "form_scanned"):  # 扫码录入 on the home page: the visit entry on 特殊家庭
            widget.form_scanned.connect(
                lambda family_id, number: self.call_page("families", "visit_from_form", family_id, number)
            )
        if hasattr(widget, "restore_requested"):
            widget.restore_requested.connect(self.restore_requested)

    def show_page(self, key: str, **filters: Any) -> QWidget:
        """Show a module's page; with filters, ask the page to narrow its list (``apply_filter``)."""
        self.nav.setCurrentRow(self._keys.index(key))
        widget = self.page(key)
        apply = getattr(widget, "apply_filter", None)
        if filters and callable(apply):
            apply(**filters)
        return widget

    def current_key(self) -> str:
        return self._keys[max(self.nav.currentRow(), 0)]

    def _select(self, row: int) -> None:
        if row < 0:
            return
        widget = self.page(self._keys[row])
        self.stack.setCurrentIndex(row)
        if isinstance(widget, Page):
            widget.refresh()

    def refresh_page(self) -> None:
        widget = self.pages.get(self.current_key())
        if isinstance(widget, Page):
            widget.refresh()

    def focus_search(self) -> None:  # not ``find``: that is QWidget.find()
        """The search box of the list the focus is in, or else of the page's first list shown."""
        widget = QApplication.focusWidget()
        while widget is not None and not isinstance(widget, SearchableList):
            widget = widget.parentWidget()
        if widget is None:
            page = self.pages.get(self.current_key())
            lists = page.findChildren(SearchableList) if page is not None else []
            shown = [r for r in lists if r.isVisible()]
            widget = shown[0] if shown else None
        if isinstance(widget, SearchableList):
            widget.focus_search()

    def call_page(self, key: str, method: str, *args: Any) -> Any:
        """Show a page and call one of its actions, if the page offers it."""
        widget = self.show_page(key)
        action = getattr(widget, method, None)
        return action(*args) if callable(action) else None

    def record_visit(self, family_id: str) -> Any:
        return self.call_page("families", "record_visit", family_id)

    def draft_page(self, kind: str) -> str | None:
        for key, _label, target in NAVIGATION:
            cls = load_page_class(target)
            if cls is not None and kind in getattr(cls, "draft_kinds", ()):
                return key
        return DRAFT_PAGES.get(kind)

    def open_draft(self, kind: str, key: str) -> Any:
        page_key = self.draft_page(kind)
        if page_key is None:
            self.statusBar().showMessage(self.tr("No module reopens drafts of this kind."), 5000)
            return None
        return self.call_page(page_key, "open_draft", kind, key)

    # --- menu actions ---------------------------------------------------------------------------------

    def choose_database(self) -> None:
        path = file_dialogs.open_file(
            self, self.tr("Open database"), self.tr("Databases (*.db);;All files (*)"), start=data_dir()
        )
        if path:
            self.database_chosen.emit(path)

    def choose_province(self) -> None:
        from ui.shell.open_province import OpenProvinceDialog

        dialog = OpenProvinceDialog(self)
        if dialog.exec() == OpenProvinceDialog.DialogCode.Accepted and dialog.url:
            self.province_chosen.emit(dialog.url)

    def change_password(self) -> None:
        from ui.shell.login import ChangePasswordDialog

        ChangePasswordDialog(self.context.workspace, self.context.runner, self).exec()

    def back_up(self) -> None:
        self.call_page("system", "choose_backup_folder")

    def show_about(self) -> None:
        from ui.shell.about import AboutDialog

        AboutDialog(self.facts, self).exec()

    def open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(ensure(logs_dir()))))

    # --- remembered state -----------------------------------------------------------------------------

    def _restore(self) -> None:
        settings = window_settings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 720)
        splitter = settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        last = settings.value("window/page", "home")
        self.show_page(last if isinstance(last, str) and last in self._keys else "home")

    def save_state(self) -> None:
        settings = window_settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self.splitter.saveState())
        settings.setValue("window/page", self.current_key())
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.backups.hold_close():  # a backup is due: the window closes once it is written
            event.ignore()
            return
        if self.idle_lock is not None:
            self.idle_lock.stop()
        self.save_state()
        super().closeEvent(event)
