"""Automatic backups from the window: their settings, and the backup taken at start and as the program closes.

The settings live with the window's (``window_settings``): on by default, into the backups folder,
and, if the user chose one on the system page, also into a USB stick or folder. Whether a backup
is due is the service's decision (``app.services.system.backup_auto``); here it is only started, off the
GUI thread, with the progress dialog (and its Cancel) when the program closes.

The one at start keeps out of the first page's way: it begins once the page's own work has come
back (the runner is idle, or ``START_AT_LATEST_MS`` have passed), and the page's reads never wait
for it (``holds_reads=False``: a copy of the file changes nothing a list shows).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from app.domain.records.backup import AutoBackupResult
from app.paths import backups_dir
from app.services.shared.workspace import Workspace
from app.services.system.backup_auto import NOT_PLUGGED_IN, auto_backup, due_folders
from ui.shell.progress import JobProgress, run_with_progress
from ui.shell.settings import window_settings
from ui.shell.tasks import Task, TaskRunner

log = logging.getLogger(__name__)

ENABLED = "backup/auto"
EXTRA_FOLDER = "backup/extra_folder"
EXTRA_ENABLED = "backup/extra_enabled"
START_AT_LATEST_MS = 15_000  # the backup at start waits for the first page's work, this long at most


@dataclass
class AutoBackupSettings:
    enabled: bool = True
    extra_folder: Path | None = None  # a USB stick or folder, also written to when extra_enabled
    extra_enabled: bool = False

    @property
    def extra(self) -> Path | None:
        return self.extra_folder if self.extra_enabled else None


def _settings() -> QSettings:
    return window_settings()


def _flag(value: Any, default: bool) -> bool:
    if isinstance(value, str):  # an .ini file gives "true" / "false"
        return value.lower() in ("true", "1", "yes")
    return default if value is None else bool(value)


def load_settings() -> AutoBackupSettings:
    settings = _settings()
    folder = settings.value(EXTRA_FOLDER, "")
    return AutoBackupSettings(
        enabled=_flag(settings.value(ENABLED), True),
        extra_folder=Path(folder) if isinstance(folder, str) and folder else None,
        extra_enabled=_flag(settings.value(EXTRA_ENABLED), False),
    )


def save_settings(chosen: AutoBackupSettings) -> None:
    settings = _settings()
    settings.setValue(ENABLED, chosen.enabled)
    settings.setValue(EXTRA_FOLDER, str(chosen.extra_folder) if chosen.extra_folder else "")
    settings.setValue(EXTRA_ENABLED, chosen.extra_enabled)
    settings.sync()


def problems(result: AutoBackupResult) -> list[str]:
    """What the user should hear about: a folder that failed (a stick not plugged in is only logged)."""
    for folder, reason in result.skipped:
        log.info("automatic backup skipped %s: %s", folder, reason)
    return [f"{folder}：{reason}" for folder, reason in result.skipped if reason != NOT_PLUGGED_IN]


def _tr(text: str) -> str:
    return QApplication.translate("AutoBackup", text)


def start_in_background(
    runner: TaskRunner, workspace: Workspace, on_done: Callable[[AutoBackupResult], None]
) -> Task | None:
    """At start: a backup in the background when one is due (the status bar shows the work)."""
    chosen = load_settings()
    if not chosen.enabled or not due_folders(workspace, backups_dir(), chosen.extra):
        return None
    return runner.run(
        auto_backup,
        workspace,
        backups_dir(),
        chosen.extra,
        on_done=on_done,
        on_error=lambda exc: log.warning("automatic backup at start failed: %s", exc),
        holds_reads=False,  # the lists need not wait for a copy of the file
    )


def start_on_close(
    runner: TaskRunner,
    workspace: Workspace,
    parent: QWidget,
    finished: Callable[[list[str]], None],
) -> JobProgress | None:
    """As the program closes: a backup with the progress dialog when one is due, else None.

    ``finished`` gets the problems to tell the user (empty when all went well, or on Cancel);
    the window closes after it.
    """
    chosen = load_settings()
    if not chosen.enabled or not due_folders(workspace, backups_dir(), chosen.extra):
        return None

    def failed(exc: BaseException) -> None:
        log.warning("automatic backup on close failed: %s", exc)
        finished([getattr(exc, "message", str(exc))])

    return run_with_progress(
        runner,
        parent,
        _tr("Automatic backup before closing…"),
        auto_backup,
        workspace,
        backups_dir(),
        chosen.extra,
        on_done=lambda result: finished(problems(result)),
        on_error=failed,
        on_cancelled=lambda: finished([]),
    )


class WindowBackups(QObject):
    """The automatic backups of one main window: one at start when due, and one before it closes.

    ``enabled`` is off until the shell turns it on, so tests and screenshots never back up.
    """

    def __init__(self, window: QMainWindow, runner: TaskRunner, workspace: Workspace) -> None:
        super().__init__(window)
        self.window, self.runner, self.workspace = window, runner, workspace
        self.enabled = False
        self.start_task: Task | None = None
        self.waiting = False  # the backup at start waits for the first page's work
        self.closing: JobProgress | None = None
        self.finished = False
        self._latest = QTimer(self)
        self._latest.setSingleShot(True)
        self._latest.setInterval(START_AT_LATEST_MS)
        self._latest.timeout.connect(self._start_now)

    def at_start(self) -> None:
        """In the background when one is due (none today), once the first page's work is back.

        The status bar says when it is written.
        """
        if not self.enabled or self.waiting or self.start_task is not None:
            return
        if not self.runner.is_busy():
            self._start_now()
            return
        self.waiting = True
        self.runner.busy_changed.connect(self._runner_busy)
        self._latest.start()

    def _runner_busy(self, busy: bool) -> None:
        if not busy:
            self._start_now()

    def _stop_waiting(self) -> None:
        if self.waiting:
            self.waiting = False
            self._latest.stop()
            self.runner.busy_changed.disconnect(self._runner_busy)

    def _start_now(self) -> None:
        self._stop_waiting()
        if self.enabled and not self.finished and self.closing is None and self.start_task is None:
            self.start_task = start_in_background(self.runner, self.workspace, self._written_at_start)

    def _written_at_start(self, result: AutoBackupResult) -> None:
        self.start_task = None
        if result.written:
            text = self.tr("Automatic backup written: %1").replace("%1", str(result.written[0]))
            self.window.statusBar().showMessage(text, 8000)

    def hold_close(self) -> bool:
        """True when the window must wait: a backup was started (or is running) before it closes."""
        if not self.enabled or self.finished:
            return False
        if self.closing is not None:
            return True  # already running: its dialog offers Cancel
        self._stop_waiting()  # not begun yet: the one at closing is taken instead
        if self.start_task is not None:
            self.start_task.cancel()  # the one at start gives way; the one at closing runs instead
        self.closing = start_on_close(self.runner, self.workspace, self.window, self._closing_finished)
        if self.closing is None:
            return False
        self.window.statusBar().showMessage(self.tr("Backing up before closing…"))
        return True

    def _closing_finished(self, problems: list[str]) -> None:
        self.finished = True
        self.closing = None
        if problems:
            self.report(problems)
        QTimer.singleShot(0, self.window.close)  # not from inside the close event that started it

    def report(self, problems: list[str]) -> None:
        QMessageBox.warning(
            self.window,
            self.tr("Automatic backup"),
            self.tr("The automatic backup was not written:") + "\n" + "\n".join(problems),
        )
