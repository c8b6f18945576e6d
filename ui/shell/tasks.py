"""One worker thread for database work; results and errors come back on the GUI thread.

Services never see Qt: a long service takes ``progress(done, total)`` and ``cancelled()`` plain
callbacks, which the runner turns into signals for the progress dialog.
"""

from __future__ import annotations

import inspect
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]
Progress = Callable[[int, int], None]


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)


class Task(QRunnable):
    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.signals = _Signals()
        self.cancel_event = threading.Event()
        self.setAutoDelete(False)  # the runner keeps it until its signals have been delivered

    def cancel(self) -> None:
        self.cancel_event.set()

    def call(self) -> Any:
        kwargs = dict(self.kwargs)
        params = inspect.signature(self.fn).parameters
        if "progress" in params:
            kwargs["progress"] = lambda done, total: self.signals.progress.emit(int(done), int(total))
        if "cancelled" in params:
            kwargs["cancelled"] = self.cancel_event.is_set
        return self.fn(*self.args, **kwargs)

    def run(self) -> None:
        try:
            result = self.call()
        except BaseException as exc:  # everything goes back to the GUI thread to be shown
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class TaskRunner(QObject):
    """Runs service calls one at a time off the GUI thread (SQLite has one writer anyway)."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._live: set[Task] = set()

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Done | None = None,
        on_error: Failed | None = None,
        on_progress: Progress | None = None,
        **kwargs: Any,
    ) -> Task:
        task = Task(fn, args, kwargs)
        self._live.add(task)
        if on_progress:
            task.signals.progress.connect(on_progress)

        @Slot(object)
        def finished(result: Any) -> None:
            self._forget(task)
            if on_done:
                on_done(result)

        @Slot(object)
        def failed(exc: BaseException) -> None:
            self._forget(task)
            if on_error:
                on_error(exc)
            else:
                log.error("后台任务失败", exc_info=exc)
                raise exc

        task.signals.done.connect(finished)
        task.signals.failed.connect(failed)
        self.busy_changed.emit(True)
        self._start(task)
        return task

    def _start(self, task: Task) -> None:
        self.pool.start(task)

    def _forget(self, task: Task) -> None:
        self._live.discard(task)
        if not self._live:
            self.busy_changed.emit(False)

    def wait(self, msecs: int = 30_000) -> bool:
        return self.pool.waitForDone(msecs)


class SyncTaskRunner(TaskRunner):
    """Runs each task at once on the calling thread: tests see results without waiting."""

    def _start(self, task: Task) -> None:
        task.run()
