"""Parts of ``RecordList``: the search box, the table view, the division tree, the Excel export job.

Kept apart so ``record_list`` reads as the list's behaviour; nothing here knows about families.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, QPoint, QRect, QSettings, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QTableView,
    QTreeView,
    QWidget,
)

from app.domain.errors import Cancelled, FpaError
from app.paths import data_dir
from app.services.shared.workspace import Workspace
from ui.models.lazy_table import LazyColumn, LazyTableModel
from ui.shell.tasks import Task, TaskRunner

CODE_ROLE = Qt.ItemDataRole.UserRole + 10
EXPORT_CHUNK = 200  # rows fetched at a time for an export (the list itself fetches smaller pages)


def ui_state() -> QSettings:
    """Remembered view settings (hidden columns …), beside the data so tests and USB use stay apart."""
    return QSettings(str(data_dir() / "ui-state.ini"), QSettings.Format.IniFormat)


class DivisionNode(Protocol):
    """What the division tree needs of a division row (``app.services.system.divisions.DivisionRow`` fits)."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def parent_code(self) -> str | None: ...


class SearchBox(QLineEdit):
    """Down arrow moves to the results, as in a browser's address bar."""

    down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down.emit()
            return
        super().keyPressEvent(event)


class RecordTable(QTableView):
    """The list's table: whole rows, one at a time, fixed row height, Enter opens the row.

    It also keeps the columns: initial widths, and which are hidden (right-click on the header;
    remembered in ``ui-state.ini`` under ``settings_key``).
    """

    enter = Signal()

    def __init__(self, model: LazyTableModel, settings_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lazy = model
        self.settings_key = settings_key
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the list; arrows move in it
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vertical = self.verticalHeader()
        vertical.setVisible(False)
        # Fixed row heights: with 100 000 rows Qt must never measure rows one by one.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(
            lambda pos: self.column_menu().exec(header.mapToGlobal(pos))
        )
        self._size_columns()
        self._restore_hidden_columns()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.enter.emit()
            return
        if event.key() == Qt.Key.Key_Menu or (
            event.key() == Qt.Key.Key_F10 and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):  # the column chooser without a mouse: the menu key or Shift+F10
            self.show_column_menu()
            return
        super().keyPressEvent(event)

    def show_column_menu(self) -> QMenu:
        menu = self.column_menu()
        cell = self.visualRect(self.currentIndex()) if self.currentIndex().isValid() else QRect()
        menu.popup(self.viewport().mapToGlobal(cell.bottomLeft() if cell.isValid() else QPoint(0, 0)))
        return menu

    def _size_columns(self) -> None:
        metrics = self.fontMetrics()
        header = self.horizontalHeader()
        for i, column in enumerate(self.lazy.columns):
            wanted = metrics.averageCharWidth() * column.width_chars + 16
            title = metrics.horizontalAdvance(column.header) + 28  # room for the sort arrow
            header.resizeSection(i, max(wanted, title))

    def visible_columns(self) -> list[LazyColumn]:
        """The columns shown, in the order the user sees them (sections can be dragged)."""
        header = self.horizontalHeader()
        logical = [header.logicalIndex(v) for v in range(header.count())]
        return [self.lazy.columns[i] for i in logical if not header.isSectionHidden(i)]

    def set_column_visible(self, key: str, visible: bool) -> None:
        index = self.lazy.column_of(key)
        if index < 0 or (not visible and len(self.visible_columns()) <= 1):
            return  # never hide the last column: the list would look empty
        self.setColumnHidden(index, not visible)
        hidden = [c.key for i, c in enumerate(self.lazy.columns) if self.isColumnHidden(i)]
        ui_state().setValue(f"{self.settings_key}/hidden_columns", ",".join(hidden) or "-")

    def _restore_hidden_columns(self) -> None:
        saved = ui_state().value(f"{self.settings_key}/hidden_columns")
        if saved is None:
            hidden = {c.key for c in self.lazy.columns if not c.visible}
        else:
            hidden = set(str(saved).split(","))
        for i, column in enumerate(self.lazy.columns):
            self.setColumnHidden(i, column.key in hidden)

    def column_menu(self) -> QMenu:
        menu = QMenu(self.tr("Columns"), self)
        for i, column in enumerate(self.lazy.columns):
            action = menu.addAction(column.header)
            action.setCheckable(True)
            action.setChecked(not self.isColumnHidden(i))
            action.toggled.connect(lambda on, key=column.key: self.set_column_visible(key, on))
        return menu


class DivisionTree(QTreeView):
    """The area's divisions as a tree; the top item means the whole area (no narrowing)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items = QStandardItemModel(self)
        self.setModel(self.items)
        self.setHeaderHidden(True)
        self.setMinimumWidth(130)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

    def fill(self, nodes: Sequence[DivisionNode]) -> None:
        self.items.clear()
        made: dict[str, QStandardItem] = {}
        for node in nodes:
            item = QStandardItem(node.name)
            item.setData(node.code, CODE_ROLE)
            item.setToolTip(node.code)
            made[node.code] = item
        for node in nodes:
            parent = made.get(node.parent_code or "")
            if parent is not None:
                parent.appendRow(made[node.code])
            else:
                self.items.appendRow(made[node.code])
        for row in range(self.items.rowCount()):
            self.expand(self.items.index(row, 0))

    def is_filled(self) -> bool:
        return self.items.rowCount() > 0

    def current_code(self) -> str | None:
        index = self.currentIndex()
        if not index.isValid() or not index.parent().isValid():
            return None
        code = index.data(CODE_ROLE)
        return str(code) if code else None

    def select_code(self, code: str | None) -> None:
        if code is None:
            self.setCurrentIndex(self.items.index(0, 0))
            return
        flags = Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
        found = self.items.match(self.items.index(0, 0), CODE_ROLE, code, 1, flags)
        if found:
            self.setCurrentIndex(found[0])
            self.scrollTo(found[0])


def export_list(
    path: str | Path,
    title: str,
    columns: Sequence[LazyColumn],
    ids: Sequence[str],
    fetch_rows: Callable[[Sequence[str]], Sequence[Any]],
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    *,
    workspace: Workspace | None = None,
) -> int:
    """Write the given records (in this order, these columns) to .xlsx; runs in the task runner.

    With a workspace the export is the user's audited action (and refused for a role that may not).
    """

    def rows() -> Iterator[list[Any]]:
        for start in range(0, len(ids), EXPORT_CHUNK):
            page = list(ids[start : start + EXPORT_CHUNK])
            by_id = {getattr(r, "id", None): r for r in fetch_rows(page)}
            for record_id in page:
                record = by_id.get(record_id)
                if record is not None:  # deleted since the list was shown
                    yield [c.export_value(record) for c in columns]

    from app.services.shared.export_xlsx import export_records, export_rows  # openpyxl: when first used

    headers = [c.header for c in columns]
    if workspace is not None:
        return export_records(workspace, path, title, headers, rows(), progress, cancelled, total=len(ids))
    return export_rows(path, title, headers, rows(), progress, cancelled, total=len(ids))


class ExportJob(QObject):
    """``export_list`` in the task runner, with a progress dialog (after 0.4 s) whose Cancel stops it.

    ``on_finished`` gets the message to show: rows written, or cancelled; other errors are shown.
    """

    def __init__(
        self,
        parent: QWidget,
        runner: TaskRunner,
        on_finished: Callable[[str], None],
        workspace: Workspace | None = None,
    ) -> None:
        super().__init__(parent)
        self.widget = parent
        self.runner = runner
        self.workspace = workspace
        self.on_finished = on_finished
        self.task: Task | None = None

    def start(
        self,
        path: Path,
        title: str,
        columns: Sequence[LazyColumn],
        ids: Sequence[str],
        fetch_rows: Callable[[Sequence[str]], Sequence[Any]],
    ) -> Task:
        text = self.tr("Writing %1 rows to Excel…").replace("%1", f"{len(ids):,}")
        dialog = QProgressDialog(text, self.tr("Cancel"), 0, max(len(ids), 1), self.widget)
        dialog.setWindowTitle(self.tr("Export to Excel"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)

        def finished(count: int) -> None:
            dialog.close()
            self.on_finished(
                self.tr("Exported %1 rows to %2").replace("%1", f"{count:,}").replace("%2", str(path))
            )

        def failed(exc: BaseException) -> None:
            dialog.close()
            if isinstance(exc, Cancelled):
                self.on_finished(self.tr("Export cancelled; no file was written."))
            elif isinstance(exc, FpaError):
                self.on_finished("")
                QMessageBox.warning(self.widget, self.tr("Export to Excel"), exc.message)
            else:
                raise exc

        self.task = self.runner.run(
            export_list,
            path,
            title,
            columns,
            ids,
            fetch_rows,
            workspace=self.workspace,
            on_done=finished,
            on_error=failed,
            on_progress=lambda done, total: dialog.setValue(min(done, dialog.maximum())),
        )
        dialog.canceled.connect(self.task.cancel)
        return self.task
