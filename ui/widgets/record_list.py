"""A reusable list of records: search box, filters, division tree, lazy table, column chooser, Excel.

Every big list of the program (families, persons, associations, projects, activities) is one
``RecordList`` configured by its page::

    self.list = RecordList(
        context.runner,
        columns,                                   # ui.models.lazy_table.LazyColumn
        list_ids=lambda q: persons.list_person_ids(ws, to_filter(q)),   # runs in the task runner
        fetch_rows=lambda ids: persons.load_person_rows(ws, ids),     # a page of ~200, by id
        filters=[FilterSpec("role", self.tr("Role"), [(self.tr("All"), None), ("会员", "会员"), …])],
        divisions=lambda: families.family_divisions(ws),  # rows with code, name, parent_code; or None
        settings_key="persons",                    # remembers hidden columns under this name
        export_title=self.tr("Persons"),
        default_sort=("name", False),
    )
    self.list.activated.connect(self.open_record)  # double-click or Enter on a row: the record id

What the user gets: typing in the search box re-queries after a 150 ms pause (Ctrl+F jumps there,
Down goes to the table); each filter combo and the division tree re-query at once; clicking a
header sorts through the service (``ListQuery.sort_key`` is the column's key); right-clicking the
header hides or shows columns (remembered in ``ui-state.ini`` in the data folder); the count label
says how many records match; "导出 Excel" writes exactly what is shown — current query, visible
columns in their order — through ``app.services.export_xlsx`` in the task runner, with a progress
dialog and Cancel.

The page turns a ``ListQuery`` into its service's filter; ``reload()`` re-queries (after a save)
keeping the selected record, ``mark_stale()`` only reloads rows, ``loaded(count)`` fires after each
query. Results of a query overtaken by a newer one are dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QModelIndex, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import Cancelled, FpaError
from app.paths import data_dir
from app.services.export_xlsx import export_rows
from ui.models.lazy_table import PAGE_SIZE, LazyColumn, LazyTableModel
from ui.tasks import Task, TaskRunner

DEBOUNCE_MS = 150
CODE_ROLE = Qt.ItemDataRole.UserRole + 10


class DivisionNode(Protocol):
    """What the division tree needs of a division row (``app.services.divisions.DivisionRow`` fits)."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def parent_code(self) -> str | None: ...


@dataclass(frozen=True)
class FilterSpec:
    """A filter combo box: ``options`` are (shown text, value); value None means "all"."""

    key: str
    label: str
    options: Sequence[tuple[str, Any]]


@dataclass(frozen=True)
class ListQuery:
    """What the list shows; the page turns it into its service's filter."""

    text: str = ""
    filters: Mapping[str, Any] = field(default_factory=dict)
    division_code: str | None = None
    sort_key: str | None = None
    descending: bool = False


def ui_state() -> QSettings:
    """Remembered view settings (hidden columns …), beside the data so tests and USB use stay apart."""
    return QSettings(str(data_dir() / "ui-state.ini"), QSettings.Format.IniFormat)


def export_list(
    path: str | Path,
    title: str,
    columns: Sequence[LazyColumn],
    ids: Sequence[str],
    fetch_rows: Callable[[Sequence[str]], Sequence[Any]],
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the given records (in this order, these columns) to .xlsx; runs in the task runner."""

    def rows() -> Iterator[list[Any]]:
        for start in range(0, len(ids), PAGE_SIZE):
            page = list(ids[start : start + PAGE_SIZE])
            by_id = {getattr(r, "id", None): r for r in fetch_rows(page)}
            for record_id in page:
                record = by_id.get(record_id)
                if record is not None:  # deleted since the list was shown
                    yield [c.export_value(record) for c in columns]

    headers = [c.header for c in columns]
    return export_rows(path, title, headers, rows(), progress, cancelled, total=len(ids))


class _SearchBox(QLineEdit):
    """Down arrow moves to the results, as in a browser's address bar."""

    down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down.emit()
            return
        super().keyPressEvent(event)


class _Table(QTableView):
    enter = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.enter.emit()
            return
        super().keyPressEvent(event)


class RecordList(QWidget):
    loaded = Signal(int)  # records matching, after each query
    activated = Signal(str)  # the record id of a double-clicked row, or the row Enter was pressed on
    current_changed = Signal(object)  # the current record id, or None

    def __init__(
        self,
        runner: TaskRunner,
        columns: Sequence[LazyColumn],
        *,
        list_ids: Callable[[ListQuery], Sequence[str]],
        fetch_rows: Callable[[Sequence[str]], Sequence[Any]],
        settings_key: str,
        export_title: str,
        filters: Sequence[FilterSpec] = (),
        divisions: Callable[[], Sequence[DivisionNode]] | None = None,
        count_text: Callable[[int], str] | None = None,
        default_sort: tuple[str, bool] | None = None,
        search_hint: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self._list_ids = list_ids
        self._fetch_rows = fetch_rows
        self._settings_key = settings_key
        self.export_title = export_title
        self._count_text = count_text or (lambda n: self.tr("%1 records").replace("%1", f"{n:,}"))
        self._generation = 0
        self._pending_select: str | None = None
        self._export_task: Task | None = None
        self.model = LazyTableModel(columns, fetch_rows, parent=self)
        if default_sort is not None:
            self.model.set_sort_state(*default_sort)

        self.search = _SearchBox()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(search_hint or self.tr("Search (Ctrl+F)"))
        self.search.setMinimumWidth(220)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self.reload)

        top = QHBoxLayout()
        top.addWidget(self.search, 2)
        self.filter_boxes: dict[str, QComboBox] = {}
        for spec in filters:
            label = QLabel(spec.label)
            combo = QComboBox()
            for text, value in spec.options:
                combo.addItem(text, value)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(lambda _i: self.reload())
            label.setBuddy(combo)
            top.addWidget(label)
            top.addWidget(combo)
            self.filter_boxes[spec.key] = combo
        top.addStretch(1)
        self.count_label = QLabel()
        top.addWidget(self.count_label)
        self.export_button = QPushButton(self.tr("E&xport to Excel…"))
        self.export_button.clicked.connect(self.choose_export_file)
        top.addWidget(self.export_button)

        self.view = _Table()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vertical = self.view.verticalHeader()
        vertical.setVisible(False)
        # Fixed row heights: with 100 000 rows Qt must never measure rows one by one.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        header.setToolTip(self.tr("Click to sort; right-click to choose columns"))
        self._size_columns()
        self._restore_hidden_columns()
        state = self.model.sort_state()
        if state is not None and self.model.column_of(state[0]) >= 0:
            order = Qt.SortOrder.DescendingOrder if state[1] else Qt.SortOrder.AscendingOrder
            header.setSortIndicator(self.model.column_of(state[0]), order)
        self.view.setSortingEnabled(True)
        self.model.sort_requested.connect(lambda _k, _d: self.reload())
        self.model.fetch_failed.connect(self._show_fetch_error)
        self.view.doubleClicked.connect(self._activate_index)
        self.view.enter.connect(lambda: self._activate_index(self.view.currentIndex()))
        self.view.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self.current_changed.emit(
                self.model.id_at(cur.row()) if cur.isValid() else None
            )
        )
        self.search.down.connect(self._focus_table)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setVisible(False)

        body = QSplitter(Qt.Orientation.Horizontal)
        self.tree: QTreeView | None = None
        self.tree_model = QStandardItemModel(self)
        self._divisions = divisions
        if divisions is not None:
            self.tree = QTreeView()
            self.tree.setModel(self.tree_model)
            self.tree.setHeaderHidden(True)
            self.tree.setMinimumWidth(150)
            self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            self.tree.selectionModel().currentChanged.connect(lambda _c, _p: self.reload())
            body.addWidget(self.tree)
        body.addWidget(self.view)
        body.setStretchFactor(body.count() - 1, 1)
        if self.tree is not None:
            body.setSizes([190, 900])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(body, 1)
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.focus_search)

    # --- the query ---------------------------------------------------------------------------------

    def query(self) -> ListQuery:
        sort = self.model.sort_state()
        return ListQuery(
            text=self.search.text().strip(),
            filters={key: combo.currentData() for key, combo in self.filter_boxes.items()},
            division_code=self.current_division(),
            sort_key=sort[0] if sort else None,
            descending=sort[1] if sort else False,
        )

    def reload(self) -> None:
        """Query the ids again now; the selected record stays selected if it is still in the list."""
        self._debounce.stop()
        self._generation += 1
        generation = self._generation
        keep = self.current_id()
        self.runner.run(
            self._list_ids,
            self.query(),
            on_done=lambda ids: self._show_ids(generation, ids, keep),
            on_error=self._show_query_error,
        )

    def _show_ids(self, generation: int, ids: Sequence[str], keep: str | None) -> None:
        if generation != self._generation:
            return  # a newer query is on its way
        self.model.set_ids(ids)
        self.count_label.setText(self._count_text(len(ids)))
        wanted = self._pending_select or keep
        self._pending_select = None
        if wanted:
            self.select_id(wanted)
        self.loaded.emit(len(ids))

    def mark_stale(self) -> None:
        """Rows reload when next shown (after a save); the id list stays."""
        self.model.mark_stale()

    def load_divisions(self) -> None:
        """Fill the division tree (once, through the task runner)."""
        if self._divisions is not None and self.tree_model.rowCount() == 0:
            self.runner.run(self._divisions, on_done=self._fill_tree, on_error=self._show_query_error)

    def _fill_tree(self, nodes: Sequence[DivisionNode]) -> None:
        self.tree_model.clear()
        items: dict[str, QStandardItem] = {}
        for node in nodes:
            item = QStandardItem(node.name)
            item.setData(node.code, CODE_ROLE)
            item.setToolTip(node.code)
            items[node.code] = item
        roots = []
        for node in nodes:
            parent = items.get(node.parent_code or "")
            if parent is not None:
                parent.appendRow(items[node.code])
            else:
                roots.append(items[node.code])
        for item in roots:
            self.tree_model.appendRow(item)
        if self.tree is not None:
            for row in range(self.tree_model.rowCount()):
                self.tree.expand(self.tree_model.index(row, 0))

    def current_division(self) -> str | None:
        if self.tree is None:
            return None
        index = self.tree.currentIndex()
        if not index.isValid() or not index.parent().isValid():
            return None  # the top of the tree is the whole area: no narrowing
        code = index.data(CODE_ROLE)
        return str(code) if code else None

    def select_division(self, code: str | None) -> None:
        if self.tree is None:
            return
        if code is None:
            self.tree.setCurrentIndex(self.tree_model.index(0, 0))
            return
        found = self.tree_model.match(
            self.tree_model.index(0, 0),
            CODE_ROLE,
            code,
            1,
            Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive,
        )
        if found:
            self.tree.setCurrentIndex(found[0])
            self.tree.scrollTo(found[0])

    def set_filter(self, key: str, value: Any) -> None:
        """Choose a filter value as if picked in its combo box (re-queries)."""
        combo = self.filter_boxes[key]
        index = combo.findData(value)
        combo.setCurrentIndex(max(index, 0))

    def set_search(self, text: str, *, now: bool = True) -> None:
        self.search.setText(text)
        if now:
            self.reload()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # --- selection --------------------------------------------------------------------------------

    def current_id(self) -> str | None:
        index = self.view.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def current_record(self) -> Any:
        index = self.view.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def select_id(self, record_id: str) -> bool:
        row = self.model.row_of(record_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def select_after_reload(self, record_id: str) -> None:
        """Select this record once the next query has come back (after saving a new one)."""
        self._pending_select = record_id

    def _activate_index(self, index: QModelIndex) -> None:
        record_id = self.model.id_at(index.row()) if index.isValid() else None
        if record_id:
            self.activated.emit(record_id)

    def _focus_table(self) -> None:
        self.view.setFocus()
        if not self.view.currentIndex().isValid() and self.model.rowCount() > 0:
            self.view.setCurrentIndex(self.model.index(0, 0))

    # --- columns ------------------------------------------------------------------------------------

    def _size_columns(self) -> None:
        metrics = self.view.fontMetrics()
        header = self.view.horizontalHeader()
        for i, column in enumerate(self.model.columns):
            wanted = metrics.averageCharWidth() * column.width_chars + 16
            title = metrics.horizontalAdvance(column.header) + 28  # room for the sort arrow
            header.resizeSection(i, max(wanted, title))

    def visible_columns(self) -> list[LazyColumn]:
        """The columns shown, in the order the user sees them (sections can be dragged)."""
        header = self.view.horizontalHeader()
        logical = [header.logicalIndex(v) for v in range(header.count())]
        return [self.model.columns[i] for i in logical if not header.isSectionHidden(i)]

    def set_column_visible(self, key: str, visible: bool) -> None:
        index = self.model.column_of(key)
        if index < 0:
            return
        shown = [c for c in self.visible_columns() if c.key != key]
        if not visible and not shown:
            return  # never hide the last column: the list would look empty
        self.view.horizontalHeader().setSectionHidden(index, not visible)
        hidden = [c.key for i, c in enumerate(self.model.columns) if self.view.isColumnHidden(i)]
        ui_state().setValue(f"{self._settings_key}/hidden_columns", ",".join(hidden) or "-")

    def _restore_hidden_columns(self) -> None:
        saved = ui_state().value(f"{self._settings_key}/hidden_columns")
        if saved is None:
            hidden = {c.key for c in self.model.columns if not c.visible}
        else:
            hidden = set(str(saved).split(","))
        for i, column in enumerate(self.model.columns):
            self.view.setColumnHidden(i, column.key in hidden)

    def _column_menu(self, pos: QPoint) -> None:
        menu = self.column_menu()
        menu.exec(self.view.horizontalHeader().mapToGlobal(pos))

    def column_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.setTitle(self.tr("Columns"))
        for i, column in enumerate(self.model.columns):
            action = menu.addAction(column.header)
            action.setCheckable(True)
            action.setChecked(not self.view.isColumnHidden(i))
            action.toggled.connect(lambda on, key=column.key: self.set_column_visible(key, on))
        return menu

    # --- export ---------------------------------------------------------------------------------------

    def choose_export_file(self) -> None:
        suggested = Path.home() / f"{self.export_title}-{date.today():%Y%m%d}.xlsx"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export to Excel"), str(suggested), self.tr("Excel workbook (*.xlsx)")
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Write what the list shows now to ``path`` in the task runner, with progress and Cancel."""
        ids = self.model.ids()
        columns = self.visible_columns()
        dialog = QProgressDialog(
            self.tr("Writing %1 rows to Excel…").replace("%1", f"{len(ids):,}"),
            self.tr("Cancel"),
            0,
            max(len(ids), 1),
            self,
        )
        dialog.setWindowTitle(self.tr("Export to Excel"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        self.export_button.setEnabled(False)

        def finished(count: int) -> None:
            dialog.close()
            self.export_button.setEnabled(True)
            self.show_message(
                self.tr("Exported %1 rows to %2").replace("%1", f"{count:,}").replace("%2", str(path))
            )

        def failed(exc: BaseException) -> None:
            dialog.close()
            self.export_button.setEnabled(True)
            if isinstance(exc, Cancelled):
                self.show_message(self.tr("Export cancelled; no file was written."))
            elif isinstance(exc, FpaError):
                QMessageBox.warning(self, self.tr("Export to Excel"), exc.message)
            else:
                raise exc

        task = self.runner.run(
            export_list,
            path,
            self.export_title,
            columns,
            ids,
            self._fetch_rows,
            on_done=finished,
            on_error=failed,
            on_progress=lambda done, total: dialog.setValue(min(done, dialog.maximum())),
        )
        dialog.canceled.connect(task.cancel)
        self._export_task = task

    # --- messages --------------------------------------------------------------------------------------

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if error else "color: #1f4e79;")
        self.message.setVisible(bool(text))

    def _show_query_error(self, exc: BaseException) -> None:
        if isinstance(exc, FpaError):
            self.show_message(exc.message, error=True)
        else:
            raise exc

    def _show_fetch_error(self, exc: object) -> None:
        text = (
            exc.message
            if isinstance(exc, FpaError)
            else self.tr("Some rows could not be loaded; see the log.")
        )
        self.show_message(text, error=True)
