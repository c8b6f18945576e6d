"""同步: write a bundle to a USB stick or folder, merge bundles, receipts, setup packages, history."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.records.exchange import IssueTarget, LedgerRow, MergeResultRow, SyncStatus
from app.paths import identity_dir
from app.services import sync
from ui.models.rows_model import RowsTableModel
from ui.shell import file_dialogs
from ui.shell.page import Page, PageContext
from ui.sync.issue_dialog import IssueSetupDialog, issued_text
from ui.sync.keys import KeyActions
from ui.sync.steps import next_step
from ui.sync.tables import history_columns, history_hint, merge_hint, result_columns, table_view


class SyncPage(KeyActions, Page):
    """The exchange with the level above (and, at a county, with the townships below)."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.title = self.tr("Sync")
        self.status: SyncStatus | None = None
        outer = QVBoxLayout(self)  # the page scrolls on a small screen instead of cutting its text
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)

        box = QGroupBox(self.tr("This installation"))
        form = self._form = QFormLayout(box)
        self._labels: dict[str, QLabel] = {}
        for key, label in (
            ("device", self.tr("Device")),
            ("keys", self.tr("Device keys")),
            ("setup", self.tr("Setup package")),
            ("unsent", self.tr("Changes not yet confirmed by the receiver")),
            ("bundles", self.tr("Bundles written")),
        ):
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self._labels[key] = value
            form.addRow(label + "：", value)
        layout.addWidget(box)

        setup_row, exchange_row = QHBoxLayout(), QHBoxLayout()  # two rows: one is too wide at 150 %
        self.keys_button = QPushButton(self.tr("Create device &keys…"))
        self.key_file_button = QPushButton(self.tr("Write key &file…"))
        self.setup_button = QPushButton(self.tr("Import setup &package…"))
        self.export_button = QPushButton(self.tr("&Write bundle…"))
        self.merge_button = QPushButton(self.tr("&Merge bundles…"))
        self.receipt_button = QPushButton(self.tr("Write &receipt…"))
        self.ack_button = QPushButton(self.tr("&Import receipts…"))
        self.issue_button = QPushButton(self.tr("Issue setup packa&ge…"))
        for b in (self.keys_button, self.key_file_button, self.setup_button, self.issue_button):
            setup_row.addWidget(b)
        for b in (self.export_button, self.merge_button, self.receipt_button, self.ack_button):
            exchange_row.addWidget(b)
        self.next_step = QLabel()  # what to do next, in order: a new user needs no manual
        self.next_step.setObjectName("hint")
        self.next_step.setWordWrap(True)
        layout.addWidget(self.next_step)
        for row in (setup_row, exchange_row):
            row.addStretch(1)
            layout.addLayout(row)
        self.keys_button.clicked.connect(self.create_keys)
        self.key_file_button.clicked.connect(self.choose_key_file_folder)
        self.setup_button.clicked.connect(self.choose_setup_package)
        self.export_button.clicked.connect(self.choose_export_folder)
        self.merge_button.clicked.connect(self.choose_bundles)
        self.receipt_button.clicked.connect(self.choose_receipt_folder)
        self.ack_button.clicked.connect(self.choose_receipts)
        self.issue_button.clicked.connect(self.open_issue_dialog)

        self.tabs = QTabWidget()
        self.results_model = RowsTableModel(result_columns(), self)
        self.history_model = RowsTableModel(history_columns(), self)
        self.results_view = table_view(self.results_model, merge_hint(), ready=True)  # filled by a merge
        self.history_view = table_view(self.history_model, history_hint())
        self.tabs.addTab(self.results_view, self.tr("Last merge"))
        self.tabs.addTab(self.history_view, self.tr("Merged bundles"))
        layout.addWidget(self.tabs, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.refresh()

    # --- display ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.runner.run(
            sync.sync_status,
            self.workspace,
            identity_dir(),
            on_done=self._show_status,
            on_error=self._show_error,
        )
        self.runner.run(
            sync.bundle_history, self.workspace, on_done=self._show_history, on_error=self._show_error
        )

    def _show_status(self, status: SyncStatus) -> None:
        self.status = status
        lab = self._labels
        lab["device"].setText(f"{status.device_id}（{status.division_code}）")
        if status.has_identity:
            lab["keys"].setText(
                self.tr("Key id %1%2")
                .replace("%1", status.identity_key_id or "")
                .replace(
                    "%2", "" if status.identity_protected else self.tr(" — not protected by a passphrase")
                )
            )
        else:
            lab["keys"].setText(self.tr("None yet: create the device keys first."))
        if status.setup_package_id:
            lab["setup"].setText(
                self.tr("%1, issued %2; %3 recipients, %4 trusted senders")
                .replace("%1", status.setup_package_id[:8])
                .replace("%2", (status.setup_issued_at or "")[:10])
                .replace("%3", str(status.recipients))
                .replace("%4", str(status.trusted_signers))
            )
        else:
            lab["setup"].setText(self.tr("Not imported yet: import the setup package from the level above."))
        lab["unsent"].setText(str(status.unsent_changes))
        lab["bundles"].setText(str(status.last_bundle_seq))
        merging = status.role in ("county", "province")
        # The province sends nothing upward: writing bundles and the unsent count mean nothing there.
        upward = status.role != "province"
        self.export_button.setVisible(upward)
        self.ack_button.setVisible(upward)
        for key in ("unsent", "bundles"):
            self._labels[key].setVisible(upward)
            label = self._form.labelForField(self._labels[key])
            if label is not None:
                label.setVisible(upward)
        self.keys_button.setVisible(not status.has_identity)
        self.key_file_button.setVisible(status.has_identity and upward)
        self.merge_button.setVisible(merging)
        self.receipt_button.setVisible(merging)
        self.issue_button.setVisible(merging)
        # A button the account may not use is disabled with the reason, not refused after a dialog.
        denied = status.denied
        no_keys = None if status.has_identity else self.tr("Create this computer's keys first.")
        no_setup = (
            None
            if status.setup_package_id
            else self.tr("Import the setup package from the level above first.")
        )
        no_recipient = (
            None if status.recipients > 0 else self.tr("The setup package names nobody to send to.")
        )
        _gate(self.export_button, denied.get("send") or no_keys or no_recipient)
        _gate(self.ack_button, denied.get("send"))
        _gate(self.merge_button, denied.get("merge") or no_keys)
        _gate(self.receipt_button, denied.get("merge") or no_keys)
        _gate(self.setup_button, denied.get("merge"))
        _gate(self.issue_button, denied.get("issue") or no_keys or no_setup)
        self.next_step.setText(next_step(status, upward))

    def _show_history(self, rows: list[LedgerRow]) -> None:
        self.history_model.set_rows(rows)

    def _show_error(self, exc: BaseException) -> None:
        text = getattr(exc, "message", None) or str(exc)
        self.message.setText(text)
        QMessageBox.warning(self, self.tr("Sync"), text)

    def _done(self, text: str) -> None:
        self.message.setText(text)
        self.refresh()

    # --- actions ---------------------------------------------------------------------------------

    def choose_setup_package(self) -> None:
        path = file_dialogs.open_file(
            self, self.tr("Import setup package"), self.tr("Setup packages (*.fpas)")
        )
        if path:
            self.import_setup_package(path)

    def import_setup_package(self, path: Path, *, confirm: bool = True) -> None:
        try:
            key_id, name = sync.setup_signer(path)
        except Exception as exc:  # a file that is not a package at all: say so
            self._show_error(exc)
            return
        trust = None
        if self.status is None or self.status.trusted_signers == 0:
            if confirm:
                answer = QMessageBox.question(
                    self,
                    self.tr("Trust the issuer?"),
                    self.tr("This package is signed by “%1” with key id").replace("%1", name)
                    + f"\n\n{key_id}\n\n"
                    + self.tr("Compare this key id with the one the level above gave you. Trust it?"),
                )
                if answer != QMessageBox.StandardButton.Yes:
                    return
            trust = key_id
        self.runner.run(
            sync.import_setup,
            self.workspace,
            path,
            trust=trust,
            on_done=lambda r: self._done(self.tr("Setup package imported from %1.").replace("%1", r.signer)),
            on_error=self._show_error,
        )

    def choose_export_folder(self) -> None:
        folder = file_dialogs.choose_folder(self, self.tr("Write bundle to (USB stick or shared folder)"))
        if folder:
            self.write_bundle(folder)

    def write_bundle(self, folder: Path, passphrase: str | None = None, *, ask: bool = True) -> None:
        if ask:
            ok, passphrase = self._passphrase()
            if not ok:
                return
        self.runner.run(
            sync.write_bundle,
            self.workspace,
            identity_dir(),
            passphrase,
            folder,
            on_done=lambda r: self._done(
                self.tr("Bundle %1 written with %2 records.")
                .replace("%1", r.path.name)
                .replace("%2", str(r.records))
            ),
            on_error=self._show_error,
        )

    def choose_bundles(self) -> None:
        paths = file_dialogs.open_files(self, self.tr("Merge bundles"), self.tr("Bundles (*.fpab)"))
        if paths:
            self.merge(paths)

    def merge(self, paths: list[Path], passphrase: str | None = None, *, ask: bool = True) -> None:
        if ask:
            ok, passphrase = self._passphrase()
            if not ok:
                return
        self.runner.run(
            sync.merge_bundles,
            self.workspace,
            identity_dir(),
            passphrase,
            paths,
            on_done=self._show_results,
            on_error=self._show_error,
        )

    def _show_results(self, results: Any) -> None:
        rows: list[MergeResultRow] = sync.merge_result_rows(self.workspace, results)
        self.results_model.set_rows(rows)
        self.tabs.setCurrentWidget(self.results_view)
        accepted = sum(1 for r in rows if r.accepted)
        self._done(
            self.tr("%1 of %2 bundles merged; refused bundles changed nothing.")
            .replace("%1", str(accepted))
            .replace("%2", str(len(rows)))
        )

    def choose_receipt_folder(self) -> None:
        folder = file_dialogs.choose_folder(self, self.tr("Write receipt to"))
        if folder:
            ok, passphrase = self._passphrase()
            if ok:
                self.runner.run(
                    sync.write_sync_receipt,
                    self.workspace,
                    identity_dir(),
                    passphrase,
                    Path(folder),
                    on_done=lambda p: self._done(self.tr("Receipt %1 written.").replace("%1", p.name)),
                    on_error=self._show_error,
                )

    def open_issue_dialog(self) -> None:
        self.runner.run(
            sync.issue_targets, self.workspace, on_done=self._issue_with, on_error=self._show_error
        )

    def _issue_with(self, targets: list[IssueTarget]) -> None:
        key_id = self.status.identity_key_id if self.status else None
        dialog = IssueSetupDialog(targets, key_id or "", self)
        if dialog.exec() != IssueSetupDialog.DialogCode.Accepted:
            return
        ok, passphrase = self._passphrase()
        if ok:
            self.issue_setup(*dialog.choice(), passphrase=passphrase)

    def issue_setup(self, division: str, key_file: Path, folder: Path, passphrase: str | None = None) -> None:
        self.runner.run(
            sync.issue_setup,
            self.workspace,
            identity_dir(),
            passphrase,
            key_file,
            division,
            folder,
            on_done=lambda done: self._done(issued_text(done)),
            on_error=self._show_error,
        )

    def choose_receipts(self) -> None:
        paths = file_dialogs.open_files(self, self.tr("Import receipts"), self.tr("Receipts (*.fpar)"))
        for p in paths:
            self.runner.run(
                sync.import_sync_receipt,
                self.workspace,
                Path(p),
                on_done=lambda r: self._done(
                    self.tr("Receipt imported: %1 bundles confirmed.").replace("%1", str(r.confirmed))
                ),
                on_error=self._show_error,
            )


def _gate(button: QPushButton, reason: str | None) -> None:
    button.setEnabled(reason is None)
    button.setToolTip(reason or "")
