"""Long jobs with a progress dialog that appears only if the job takes a while, and a Cancel button.

Any page can use it::

    run_with_progress(self.runner, self, self.tr("Writing the backup…"), backup_database,
                      self.workspace, folder, on_done=self.backup_written, on_error=self.show_error)

The service function gets ``progress(done, total)`` and ``cancelled()`` from the runner when its
signature asks for them. The dialog shows after ``DELAY_MS`` (a job that ends sooner never
flickers a window), Cancel sets the task's cancel flag, and a job that ends with ``Cancelled``
calls ``on_cancelled`` (by default nothing: the user asked for it, the service rolled back).
A job whose function takes no ``cancelled`` cannot stop halfway: its dialog has no Cancel button.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.domain.errors import Cancelled
from ui.shell.tasks import Task, TaskRunner

DELAY_MS = 400


class JobProgress(QObject):
    """The dialog of one running job; it deletes itself when the job ends."""

    def __init__(self, parent: QWidget | None, text: str, delay_ms: int = DELAY_MS) -> None:
        super().__init__(parent)
        self.finished = False
        self.cancellable = True
        self.task: Task | None = None
        self.dialog = QProgressDialog(text, self.tr("Cancel"), 0, 0, parent)
        self.dialog.setWindowTitle(self.tr("Please wait"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumDuration(2**30)  # shown by our timer, not by Qt's own guess
        self.dialog.setMinimumWidth(420)
        self.dialog.canceled.connect(self.cancel)
        self.dialog.hide()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._show)
        self.timer.start(delay_ms)

    def _show(self) -> None:
        if not self.finished:
            self.dialog.show()

    def cannot_cancel(self) -> None:
        self.cancellable = False
        self.dialog.setCancelButton(None)

    def cancel(self) -> None:
        if self.task is not None and not self.finished and self.cancellable:
            self.task.cancel()
            self.dialog.setLabelText(self.tr("Cancelling… the work done so far is being undone."))
            self.dialog.setCancelButtonText(self.tr("Cancelling…"))

    def step(self, done: int, total: int) -> None:
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))

    def finish(self) -> None:
        self.finished = True
        self.timer.stop()
        self.dialog.hide()
        self.dialog.deleteLater()
        self.deleteLater()

    @property
    def visible(self) -> bool:
        return not self.finished and self.dialog.isVisible()


def run_with_progress(
    runner: TaskRunner,
    parent: QWidget | None,
    text: str,
    fn: Callable[..., Any],
    *args: Any,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    delay_ms: int = DELAY_MS,
    **kwargs: Any,
) -> JobProgress:
    """Run ``fn(*args, **kwargs)`` on the runner with a delayed progress dialog; returns the dialog's job."""
    job = JobProgress(parent, text, delay_ms)
    if "cancelled" not in inspect.signature(fn).parameters:
        job.cannot_cancel()

    def done(result: Any) -> None:
        job.finish()
        if on_done is not None:
            on_done(result)

    def failed(exc: BaseException) -> None:
        job.finish()
        if isinstance(exc, Cancelled):
            if on_cancelled is not None:
                on_cancelled()
            return
        if on_error is None:
            raise exc
        on_error(exc)

    task = runner.run(fn, *args, on_done=done, on_error=failed, on_progress=job.step, **kwargs)
    job.task = task
    return job
