"""Crash handling: a rotating log under the data folder, and a dialog instead of a vanished window.

An unexpected error is written to the log and shown with what was kept (every save is its own
transaction, so whatever was saved is in the database; a form being filled in is kept as a
draft) and where the log is, to send to the county IT person. The log never holds an ID number
or a bank account: a filter on the handler masks long digit runs, tracebacks included.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from app.domain.errors import FpaError
from app.paths import ensure, logs_dir

LOG_NAME = "fpa.log"
LOG_BYTES = 2_000_000
LOG_GENERATIONS = 5
MASK = "[号码已隐去]"

# 18-digit (and old 15-digit) ID numbers, and bank accounts (16–19 digits, often in groups of 4).
# Shorter runs stay: division codes (12 digits) and timestamps are what a log reader needs.
_SENSITIVE = re.compile(r"(?<!\d)(?:\d{17}[\dXx]|\d{15,19}|\d{4}(?:[ \-]\d{4}){3}(?:[ \-]?\d{1,3})?)(?!\d)")

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]
Shower = Callable[[str, str, Path], None]


def mask_sensitive(text: str) -> str:
    return _SENSITIVE.sub(MASK, text)


class MaskSensitive(logging.Filter):
    """Masks ID numbers and account numbers in a record's message, arguments and traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_sensitive(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_sensitive(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_sensitive(record.stack_info)
        return True


def log_file() -> Path:
    return logs_dir() / LOG_NAME


def setup_logging(level: int = logging.INFO) -> Path:
    """Send the program's logging to the rotating file (and stderr when one is attached)."""
    ensure(logs_dir())
    handlers: list[logging.Handler] = [
        RotatingFileHandler(log_file(), maxBytes=LOG_BYTES, backupCount=LOG_GENERATIONS, encoding="utf-8")
    ]
    if sys.stderr is not None:  # a windowed Windows program has none
        handlers.append(logging.StreamHandler())
    for handler in handlers:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler.addFilter(MaskSensitive())
    logging.basicConfig(level=level, handlers=handlers, force=True)
    return log_file()


def crash_message(exc: BaseException) -> tuple[str, str]:
    """The dialog's headline and body: what happened, what was kept, what to do."""
    what = exc.message if isinstance(exc, FpaError) else f"{type(exc).__name__}: {exc}"
    headline = QCoreApplication.translate("CrashDialog", "The program met an unexpected error.")
    body = "\n\n".join(
        [
            mask_sensitive(what),
            QCoreApplication.translate(
                "CrashDialog",
                "Nothing you saved is lost: every save is written to the database at once, in a "
                "transaction of its own. A form you were filling in is kept as a draft and is "
                "offered back when you open it again.",
            ),
            QCoreApplication.translate(
                "CrashDialog",
                "Please send the log file below to your county's IT contact, and say what you were doing.",
            ),
        ]
    )
    return headline, body


def crash_box(headline: str, body: str, log: Path) -> tuple[QMessageBox, QPushButton]:
    """The dialog (not shown yet) and its "open log folder" button."""
    box = QMessageBox(
        QMessageBox.Icon.Critical, QCoreApplication.translate("CrashDialog", "Unexpected error"), headline
    )
    box.setInformativeText(
        body + "\n\n" + QCoreApplication.translate("CrashDialog", "Log file: %1").replace("%1", str(log))
    )
    open_folder = box.addButton(
        QCoreApplication.translate("CrashDialog", "Open log folder"), QMessageBox.ButtonRole.ActionRole
    )
    box.addButton(QMessageBox.StandardButton.Ok)
    return box, open_folder


def show_crash_dialog(headline: str, body: str, log: Path) -> None:
    if QApplication.instance() is None:
        print(f"{headline}\n{body}\n{log}", file=sys.stderr)
        return
    box, open_folder = crash_box(headline, body, log)
    box.exec()
    if box.clickedButton() is open_folder:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(log.parent)))


class CrashHandler:
    """``sys.excepthook`` (and ``threading.excepthook``): log the error, then show the dialog."""

    def __init__(self, show: Shower = show_crash_dialog) -> None:
        self.show = show
        self._showing = False  # an error inside the dialog is logged, not shown again

    def __call__(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        logging.getLogger("crash").critical("unhandled error", exc_info=(kind, exc, tb))
        if self._showing:
            return
        self._showing = True
        try:
            headline, body = crash_message(exc)
            self.show(headline, body, log_file())
        except Exception:  # the dialog itself failed: the log already has the error
            logging.getLogger("crash").exception("crash dialog failed")
        finally:
            self._showing = False

    def thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            logging.getLogger("crash").critical(
                "unhandled error in thread %s",
                args.thread.name if args.thread else "?",
                exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
            )


def install_crash_handler(show: Shower = show_crash_dialog) -> CrashHandler:
    handler = CrashHandler(show)
    sys.excepthook = handler
    threading.excepthook = handler.thread_hook
    return handler
