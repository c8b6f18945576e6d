"""The behaviour every record form shares: drafts, saving with errors and warnings, Ctrl+N, Esc.

A form subclasses ``DraftDialog`` and supplies what is particular to it: the draft's kind and
key, its fields as a dict and back, the issues its fields see, the service call that saves, and
how to show a service issue at its field. In return it gets:

- a draft written after a pause in typing (``changed()``) and when the window closes unsaved,
  offered back when the same form opens again (``offer_draft()``), discarded after a save;
- ``save()``: the fields' own errors block at once; the service's ``ValidationFailed`` is shown
  at the fields; its ``WarningsToConfirm`` is asked about once, then the save is repeated with
  ``accept_warnings=True``;
- Enter or Ctrl+S saves, Ctrl+N starts a new record (asking about unsaved changes), Esc asks
  before closing an unsaved form; the title-bar close button keeps the draft without asking;
  F1 opens the help named by ``help_topic`` (resources/help/<topic>.md).

Questions to the user go through ``ask_*`` / ``confirm_warnings`` methods so tests can answer them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QPushButton, QWidget

from app.domain.errors import FpaError, ValidationFailed
from app.domain.records.families import WarningsToConfirm
from app.domain.validation import Issue, Severity
from app.services.shared import drafts
from app.services.shared.drafts import DraftInfo
from ui.shell.help import add_help_key
from ui.shell.page import PageContext

DRAFT_DELAY_MS = 800


class DraftDialog(QDialog):
    saved = Signal(str)  # the record id, after a successful save
    draft_kind = "record"
    help_topic = ""  # F1's help: the form's own topic, or its page's
    # Drafts the user already chose to continue (继续填写 on the home page): restored without asking.
    _resuming: ClassVar[set[tuple[str, str]]] = set()

    @staticmethod
    def resume(kind: str, key: str) -> None:
        """The form that next offers this draft restores it at once: the user asked for it already."""
        DraftDialog._resuming = {(kind, key)}

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._dirty = False
        self._loading = False
        self._closing_ok = False
        self._new_after_save = False
        self._tracking_errors = False  # the summary lists the fields' errors and follows their fixes
        self.setSizeGripEnabled(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setVisible(False)
        self.buttons = QDialogButtonBox()
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setDefault(True)
        self.save_button.setToolTip(self.tr("Enter or Ctrl+S"))
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        for keys, slot in (
            (QKeySequence.StandardKey.Save, self.save),
            (QKeySequence.StandardKey.New, self.new_record),
        ):
            QShortcut(keys, self).activated.connect(slot)
        if self.help_topic:
            add_help_key(self, self.help_topic)
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.write_draft)

    def fit_to_screen(self, width: int, height: int) -> None:
        """Open at the wanted size, or smaller on a small screen (1366×768 at 150 % is 911×512)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            room = screen.availableGeometry()
            width, height = min(width, room.width() - 24), min(height, room.height() - 48)
        self.resize(width, height)

    # --- what a form supplies ---------------------------------------------------------------------------

    def draft_key(self) -> str:
        raise NotImplementedError

    def draft_title(self) -> str:
        return ""

    def form_data(self) -> dict[str, Any]:
        raise NotImplementedError

    def apply_data(self, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def local_issues(self) -> list[Issue]:
        """The fields' own issues, shown at the fields (called when the user saves)."""
        return []

    def save_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        """The service function and its arguments; ``accept_warnings`` is added by ``save``."""
        raise NotImplementedError

    def show_issues(self, issues: Sequence[Issue]) -> None:
        """Show the service's issues at their fields."""

    def focus_issue(self, issue: Issue) -> None:
        """Bring the field of an issue into view and give it the focus."""

    def start_new(self) -> None:
        """Empty the form for a new record (Ctrl+N)."""
        raise NotImplementedError

    def after_save(self, record_id: str) -> None:
        """Called after a save, before the window closes."""

    # --- drafts -------------------------------------------------------------------------------------------

    def changed(self) -> None:
        """Connect every field's change here: marks the form unsaved and schedules the draft."""
        if self._loading:
            return
        self._dirty = True
        self._draft_timer.start()
        if self._tracking_errors:
            self.recheck()

    def recheck(self) -> None:
        """After a refused save: the red summary lists what is still wrong, and goes once all is fixed."""
        errors = self.local_errors()
        if errors:
            self.show_summary(self.not_saved_text(errors), error=True)
        else:
            self._tracking_errors = False
            self.show_summary("")

    def local_errors(self) -> list[Issue]:
        return [i for i in self.local_issues() if i.severity is Severity.ERROR]

    def not_saved_text(self, errors: Sequence[Issue]) -> str:
        """未保存：… with each problem once, in the order of the fields."""
        return self.tr("Not saved: %1").replace("%1", "；".join(dict.fromkeys(i.message for i in errors)))

    def mark_clean(self) -> None:
        self._dirty = False
        self._draft_timer.stop()

    def is_dirty(self) -> bool:
        return self._dirty

    def loading(self) -> _Loading:
        """``with self.loading():`` fills fields without counting it as the user's change."""
        return _Loading(self)

    def write_draft(self) -> None:
        self._draft_timer.stop()
        if not self._dirty:
            return
        try:
            drafts.save_draft(
                self.context.workspace,
                self.draft_kind,
                self.draft_key(),
                self.form_data(),
                title=self.draft_title(),
            )
        except FpaError as exc:
            self.show_summary(exc.message, error=True)

    def offer_draft(self) -> bool:
        """Offer the draft of this form back; True when it was restored."""
        info = drafts.draft_info(self.context.workspace, self.draft_kind, self.draft_key())
        data = drafts.load_draft(self.context.workspace, self.draft_kind, self.draft_key())
        chosen = (self.draft_kind, self.draft_key()) in DraftDialog._resuming
        DraftDialog._resuming = set()  # once only: opening the form again later asks as usual
        if info is None or data is None:
            return False
        if not chosen and not self.ask_restore(info):
            drafts.discard_draft(self.draft_kind, self.draft_key())
            return False
        with self.loading():
            self.apply_data(data)
        self._dirty = True
        when = f"{info.saved_at:%Y-%m-%d %H:%M}"
        self.show_summary(self.tr("The draft of %1 was restored; save to keep it.").replace("%1", when))
        return True

    def ask_restore(self, info: DraftInfo) -> bool:
        when = f"{info.saved_at:%Y-%m-%d %H:%M}"
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved draft"),
            self.tr("A draft of this form from %1 was never saved. Restore it?").replace("%1", when),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

    # --- saving -----------------------------------------------------------------------------------------

    def save(self) -> None:
        errors = self.local_errors()
        if errors:
            self._tracking_errors = True
            self.show_summary(self.not_saved_text(errors), error=True)
            self.focus_issue(errors[0])
            self._new_after_save = False
            return
        self._run_save(accept_warnings=False)

    def _run_save(self, *, accept_warnings: bool) -> None:
        self._tracking_errors = False
        fn, args = self.save_call()
        self.save_button.setEnabled(False)
        self.context.runner.run(
            fn, *args, accept_warnings=accept_warnings, on_done=self._saved, on_error=self._save_failed
        )

    def _saved(self, record_id: str) -> None:
        self.save_button.setEnabled(True)
        drafts.discard_draft(self.draft_kind, self.draft_key())
        self.mark_clean()
        self.after_save(record_id)
        self.saved.emit(record_id)
        if self._new_after_save:
            self._new_after_save = False
            self.start_new()
            return
        self._closing_ok = True
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, WarningsToConfirm):
            issues = [i for i in exc.issues if isinstance(i, Issue)]
            self.show_issues(issues)
            if self.confirm_warnings(issues):
                self._run_save(accept_warnings=True)
            else:
                self._new_after_save = False
            return
        self._new_after_save = False
        if isinstance(exc, ValidationFailed):
            issues = [i for i in exc.issues if isinstance(i, Issue)]
            self.show_issues(issues)
            self.show_summary(exc.message, error=True)
            if issues:
                self.focus_issue(issues[0])
            return
        self.show_error(exc)

    def confirm_warnings(self, issues: Sequence[Issue]) -> bool:
        text = "\n".join(f"• {i.message}" for i in issues)
        answer = QMessageBox.question(
            self,
            self.tr("Please confirm"),
            self.tr("Please check:\n%1\n\nSave anyway?").replace("%1", text),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Save

    def show_summary(self, text: str, *, error: bool = False) -> None:
        self.summary.setText(text)
        self.summary.setStyleSheet("color: #b00020;" if error else "color: #1f4e79;")
        self.summary.setVisible(bool(text))

    def show_error(self, exc: BaseException) -> None:
        if isinstance(exc, FpaError):
            self.show_summary(exc.message, error=True)
            return
        raise exc

    # --- new record, closing -----------------------------------------------------------------------

    def new_record(self) -> None:
        """Ctrl+N: a new record in this window; unsaved changes are saved or dropped as the user says."""
        if self._dirty:
            choice = self.ask_unsaved()
            if choice == "cancel":
                return
            if choice == "save":
                self._new_after_save = True
                self.save()
                return
            drafts.discard_draft(self.draft_kind, self.draft_key())
            self.mark_clean()
        self.start_new()

    def ask_unsaved(self) -> str:
        """ "save", "discard" or "cancel"."""
        return self._ask(
            self.tr("This record has unsaved changes."),
            [
                ("save", self.tr("&Save")),
                ("discard", self.tr("&Discard")),
                ("cancel", self.tr("&Keep editing")),
            ],
        )

    def ask_close(self) -> str:
        """ "keep" (close and keep the draft), "discard" or "cancel"."""
        return self._ask(
            self.tr("The changes are not saved. Kept as a draft, they are offered back next time."),
            [
                ("keep", self.tr("Close, keep the &draft")),
                ("discard", self.tr("Disca&rd changes")),
                ("cancel", self.tr("&Keep editing")),
            ],
        )

    def _ask(self, text: str, choices: Sequence[tuple[str, str]]) -> str:
        box = QMessageBox(self)
        box.setWindowTitle(self.windowTitle())
        box.setText(text)
        roles = (QMessageBox.ButtonRole.AcceptRole, QMessageBox.ButtonRole.DestructiveRole)
        buttons = {}
        for i, (key, label) in enumerate(choices):
            role = roles[i] if i < len(roles) else QMessageBox.ButtonRole.RejectRole
            buttons[key] = box.addButton(label, role)
        box.setDefaultButton(buttons[choices[0][0]])
        box.exec()
        clicked = box.clickedButton()
        return next((key for key, button in buttons.items() if button is clicked), "cancel")

    def reject(self) -> None:
        if self._dirty and not self._closing_ok:
            choice = self.ask_close()
            if choice == "cancel":
                return
            if choice == "discard":
                drafts.discard_draft(self.draft_kind, self.draft_key())
                self.mark_clean()
            else:
                self.write_draft()
        self._closing_ok = True
        super().reject()

    def showEvent(self, event: QShowEvent) -> None:
        # Enter saves from any field: other buttons must not take over as "auto default" when they
        # get the focus, and the save button is made the default once it sits in this dialog.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(button is self.save_button)
        self.save_button.setDefault(True)
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # The title-bar button: nothing is asked and nothing is lost; the draft keeps the changes.
        self.write_draft()
        self._closing_ok = True
        super().closeEvent(event)


class _Loading:
    def __init__(self, dialog: DraftDialog) -> None:
        self.dialog = dialog
        self.before = False

    def __enter__(self) -> None:
        self.before = self.dialog._loading
        self.dialog._loading = True

    def __exit__(self, *exc: object) -> None:
        self.dialog._loading = self.before
