"""The two tables of the 同步 page: the result of the last merge and the bundles merged so far."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHeaderView, QTableView

from ui.models.rows_model import Column, RowsTableModel
from ui.widgets.empty_state import EmptyState

# Texts keep the page's translation context ("SyncPage"): the translators have them there.


def table_view(model: RowsTableModel, empty_hint: str = "", *, ready: bool = False) -> QTableView:
    """A read-only table; ``empty_hint`` says what to do while it has no rows (once read, or ``ready``)."""
    view = QTableView()
    view.setModel(model)
    view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    if empty_hint:
        EmptyState(view, empty_hint, ready=ready)
    return view


def merge_hint() -> str:
    return QCoreApplication.translate(
        "SyncPage",
        "No merge yet. “Merge bundles…” reads the .fpab files brought in; each file's result is listed here.",
    )


def history_hint() -> str:
    return QCoreApplication.translate(
        "SyncPage", "No bundle merged yet: every bundle merged here is listed, with its sender and number."
    )


def result_columns() -> list[Column]:
    return [
        Column(QCoreApplication.translate("SyncPage", "File"), lambda r: r.file),
        Column(
            QCoreApplication.translate("SyncPage", "Result"),
            lambda r: r.status,
            text=lambda r: (
                QCoreApplication.translate("SyncPage", "Merged")
                if r.status == "accepted"
                else QCoreApplication.translate("SyncPage", "Checked only")
                if r.status == "dry-run"
                else QCoreApplication.translate("SyncPage", "Refused")
            ),
        ),
        Column(
            QCoreApplication.translate("SyncPage", "Sender"),
            lambda r: r.sender_name,
            tooltip=lambda r: r.sender_division or "",
        ),
        Column(QCoreApplication.translate("SyncPage", "No."), lambda r: r.seq or 0, align_right=True),
        Column(QCoreApplication.translate("SyncPage", "New"), lambda r: r.inserted, align_right=True),
        Column(QCoreApplication.translate("SyncPage", "Updated"), lambda r: r.updated, align_right=True),
        Column(QCoreApplication.translate("SyncPage", "Conflicts"), lambda r: r.conflicts, align_right=True),
        Column(
            QCoreApplication.translate("SyncPage", "Possible duplicates"),
            lambda r: r.duplicates,
            align_right=True,
        ),
        Column(
            QCoreApplication.translate("SyncPage", "Missing earlier bundles"),
            lambda r: ", ".join(map(str, r.gaps)),
        ),
        Column(
            QCoreApplication.translate("SyncPage", "Reason"),
            lambda r: r.reason or "",
            tooltip=lambda r: r.reason or "",
        ),
    ]


def history_columns() -> list[Column]:
    return [
        Column(
            QCoreApplication.translate("SyncPage", "Merged at"),
            lambda r: r.merged_at,
            text=lambda r: f"{r.merged_at:%Y-%m-%d %H:%M}",
        ),
        Column(
            QCoreApplication.translate("SyncPage", "Sender"),
            lambda r: r.sender_name,
            tooltip=lambda r: r.sender_division,
        ),
        Column(QCoreApplication.translate("SyncPage", "Device"), lambda r: r.sender_device),
        Column(QCoreApplication.translate("SyncPage", "No."), lambda r: r.seq, align_right=True),
        Column(QCoreApplication.translate("SyncPage", "New"), lambda r: r.inserted, align_right=True),
        Column(QCoreApplication.translate("SyncPage", "Updated"), lambda r: r.updated, align_right=True),
        Column(QCoreApplication.translate("SyncPage", "Conflicts"), lambda r: r.conflicts, align_right=True),
        Column(QCoreApplication.translate("SyncPage", "File"), lambda r: r.file_name),
    ]
