"""Database work off the GUI thread: one writer lane, a few reader lanes; results come back on the GUI thread.

``run()`` is the writer lane: service calls one at a time, in the order asked (SQLite has one
writer anyway, and a save must not overtake the save before it). ``read()`` is for work that only
reads — a list's ids, the home page's figures, a division tree: it runs on one of ``READERS``
threads, each with its own connection from the engine's pool (an encrypted database's key is
given to every new connection by the engine), so the first page's list is not kept waiting
behind the home page's counts, nor behind a long export or the automatic backup.

A read never sees less than was asked before it: it waits until every write asked for before it
(with ``run()``) has finished, so a list reloaded after a save shows the save. A long job that
writes nothing the lists show (the automatic backup: a copy of the file and one audit entry) is
started with ``run(..., holds_reads=False)``, and reads do not wait for it.

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

READERS = 2  # a list reads beside the home figures; each reader holds a connection and its page cache


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)


class WriteOrder:
    """Counts the writes asked for and finished, so a read can wait for those asked before it.

    The writer lane runs one task at a time in order, so "the first n finished" is one number.
    """

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self.asked = 0
        self.finished = 0

    def ask(self) -> int:
        with self._changed:
            self.asked += 1
            return self.asked

    def finish(self) -> None:
        with self._changed:
            self.finished += 1
            self._changed.notify_all()

    def wait_for(self, number: int) -> None:
        with self._changed:
            self._changed.wait_for(lambda: self.finished >= number)


class Task(QRunnable):
    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.signals = _Signals()
        self.cancel_event = threading.Event()
        self.before: Callable[[], None] = lambda: None  # a read: wait for the writes asked before it
        self.after: Callable[[], None] = lambda: None  # a write: count it as finished
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
            self.before()
            result = self.call()
        except BaseException as exc:  # everything goes back to the GUI thread to be shown
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)
        finally:
            # After the result is on its way: a read waiting for this write answers after it.
            self.after()


class TaskRunner(QObject):
    """Runs service calls off the GUI thread: writes one at a time (``run``), reads beside them (``read``)."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, *, readers: int = READERS) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)  # the writer lane
        self.pool.setMaxThreadCount(1)
        self.readers = QThreadPool(self)
        self.readers.setMaxThreadCount(max(1, readers))
        self.writes = WriteOrder()
        self._live: set[Task] = set()

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Done | None = None,
        on_error: Failed | None = None,
        on_progress: Progress | None = None,
        holds_reads: bool = True,
        **kwargs: Any,
    ) -> Task:
        """On the writer lane, after every task asked for before it with ``run``.

        ``holds_reads=False``: reads asked for later need not wait for it (see the module's text).
        """
        task = self._task(fn, args, kwargs, on_done, on_error, on_progress)
        if holds_reads:
            self.writes.ask()
            task.after = self.writes.finish
        self._start(task)
        return task

    def read(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Done | None = None,
        on_error: Failed | None = None,
        on_progress: Progress | None = None,
        **kwargs: Any,
    ) -> Task:
        """On a reader lane: ``fn`` must only read. It starts once the writes asked before it are done."""
        task = self._task(fn, args, kwargs, on_done, on_error, on_progress)
        asked = self.writes.asked
        task.before = lambda: self.writes.wait_for(asked)
        self._start_read(task)
        return task

    def _task(
        self,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        on_done: Done | None,
        on_error: Failed | None,
        on_progress: Progress | None,
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
        return task

    def _start(self, task: Task) -> None:
        self.pool.start(task)

    def _start_read(self, task: Task) -> None:
        self.readers.start(task)

    def _forget(self, task: Task) -> None:
        self._live.discard(task)
        if not self._live:
            self.busy_changed.emit(False)

    def is_busy(self) -> bool:
        """Whether some task has not yet come back (its result delivered on the GUI thread)."""
        return bool(self._live)

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for every task, writes and reads (``msecs`` for each lane)."""
        written = self.pool.waitForDone(msecs)
        return self.readers.waitForDone(msecs) and written


class SyncTaskRunner(TaskRunner):
    """Runs each task at once on the calling thread: tests see results without waiting."""

    def _start(self, task: Task) -> None:
        task.run()

    def _start_read(self, task: Task) -> None:
        # Every write asked before has run already (or is calling back from inside its on_done,
        # its transaction committed): nothing to wait for, and waiting here would never end.
        task.before = lambda: None
        task.run()
