"""A reusable list of records: search box, filters, division tree, lazy table, column chooser, Excel.

Every big list of the program (families, persons, associations, projects, activities) is one
``RecordList`` configured by its page::

    self.list = RecordList(
        context.runner,
        columns,                                   # ui.models.lazy_table.LazyColumn
        list_ids=lambda q: persons.list_person_ids(ws, to_filter(q)),   # runs in the task runner
        fetch_rows=lambda ids: persons.load_person_rows(ws, ids),     # a page of ~200, by id
        filters=[FilterSpec("role", self.tr("&Role"), [(self.tr("All"), None), ("会员", "会员"), …])],
        divisions=lambda: families.family_divisions(ws),  # rows with code, name, parent_code; or None
        settings_key="persons",                    # remembers hidden columns under this name
        export_title=self.tr("Persons"),
        default_sort=("name", False),
        empty_hint=self.tr("No persons yet. Click “New person” (Ctrl+N) to register the first."),
    )
    self.list.add_action(QPushButton(self.tr("&New person")))   # the page's buttons, top left
    self.list.activated.connect(self.open_record)  # double-click or Enter on a row: the record id

What the user gets: the page's buttons, the count and "导出 Excel" on the first row; the search box
and the filter combos on the second; the division tree beside the table. Typing in the search
box re-queries after a 150 ms pause (Ctrl+F jumps there, Down goes to the table); each filter
and the division tree re-query at once; clicking a header sorts through the service
(``ListQuery.sort_key`` is the column's key); right-clicking the header hides or shows columns
(remembered in ``ui-state.ini`` in the data folder); "导出 Excel" writes exactly what is shown —
current query, visible columns in their order — through ``app.services.shared.export_xlsx`` in the
task runner, with a progress dialog and Cancel.

The page turns a ``ListQuery`` into its service's filter, honouring ``ListQuery.limit`` (the
first ids only: the list asks for the first ``FIRST_ROWS`` before the rest, so a broad query
shows rows at once; ``ui.widgets.list_queries`` runs the queries). ``reload()`` is for "the records
changed" (after a save, a sync): it forgets kept results and queries again, keeping the selected
record; a changed query (typing, filters, sort, tree) goes through ``requery()``, which reuses
the ids of the last few queries (so deleting a character costs nothing); ``mark_stale()`` only
reloads rows; ``loaded(count)`` fires when a query's rows are shown, ``completed(count)`` once
all its ids are in. A result overtaken by a newer query is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import FpaError
from app.services.shared.workspace import Workspace
from ui.models.lazy_table import LazyColumn, LazyTableModel
from ui.shell import file_dialogs
from ui.shell.page import SearchableList
from ui.shell.tasks import TaskRunner
from ui.widgets.empty_state import over_list
from ui.widgets.list_parts import DivisionNode, DivisionTree, ExportJob, RecordTable, SearchBox
from ui.widgets.list_queries import IdQueries, ListQuery

DEBOUNCE_MS = 150


@dataclass(frozen=True)
class FilterSpec:
    """A filter combo box: ``options`` are (shown text, value); value None means "all"."""

    key: str
    label: str
    options: Sequence[tuple[str, Any]]


class RecordList(SearchableList):
    loaded = Signal(int)  # rows shown after a query (its first rows, or all of them)
    completed = Signal(int)  # records matching, once the whole id list is in
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
        empty_hint: str = "",
        workspace: Workspace | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self._fetch_rows = fetch_rows
        self._divisions = divisions
        self.export_title = export_title
        self._count_text = count_text or (lambda n: self.tr("%1 records").replace("%1", f"{n:,}"))
        self._pending_select: str | None = None
        self._queries = IdQueries(runner, list_ids, self)
        self._complete_now = True
        self._tabs_ordered = False
        self.model = LazyTableModel(columns, fetch_rows, parent=self)
        if default_sort is not None:
            self.model.set_sort_state(*default_sort)

        self.actions_row = QHBoxLayout()
        self.count_label = QLabel()
        self.export_button = QPushButton(self.tr("E&xport to Excel…"))
        self.export_button.clicked.connect(self.choose_export_file)
        first = QHBoxLayout()
        first.addLayout(self.actions_row)
        first.addStretch(1)
        first.addWidget(self.count_label)
        first.addWidget(self.export_button)

        self.search = SearchBox()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(search_hint or self.tr("Search (Ctrl+F)"))
        self.search.setToolTip(self.search.placeholderText())  # in full, should a narrow screen cut it
        self.search.setMinimumWidth(200)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.requery)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self.requery)
        self.search.down.connect(self._focus_table)
        second = QHBoxLayout()
        second.addWidget(self.search, 1)
        self.filter_boxes: dict[str, QComboBox] = {}
        for spec in filters:
            label, combo = QLabel(spec.label), QComboBox()
            for text, value in spec.options:
                combo.addItem(text, value)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(lambda _i: self.requery())
            label.setBuddy(combo)
            second.addWidget(label)
            second.addWidget(combo)
            self.filter_boxes[spec.key] = combo

        self.view = RecordTable(self.model, settings_key)
        header = self.view.horizontalHeader()
        header.setToolTip(self.tr("Click to sort; right-click (or Shift+F10 in the list) to choose columns"))
        state = self.model.sort_state()
        if state is not None and self.model.column_of(state[0]) >= 0:
            order = Qt.SortOrder.DescendingOrder if state[1] else Qt.SortOrder.AscendingOrder
            header.setSortIndicator(self.model.column_of(state[0]), order)
        self.view.setSortingEnabled(True)  # after the indicator: no extra query at start
        self.model.sort_requested.connect(lambda _k, _d: self.requery())
        self.model.fetch_failed.connect(self._show_fetch_error)
        self.view.doubleClicked.connect(self._activate_index)
        self.view.enter.connect(lambda: self._activate_index(self.view.currentIndex()))
        self.view.selectionModel().currentRowChanged.connect(
            lambda cur, _prev: self.current_changed.emit(
                self.model.id_at(cur.row()) if cur.isValid() else None
            )
        )

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        body = QSplitter(Qt.Orientation.Horizontal)
        self.tree: DivisionTree | None = None
        if divisions is not None:
            self.tree = DivisionTree()
            self.tree.selectionModel().currentChanged.connect(lambda _c, _p: self.requery())
            body.addWidget(self.tree)
        body.addWidget(self.view)
        body.setStretchFactor(body.count() - 1, 1)
        if self.tree is not None:
            body.setSizes([170, 900])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.message)
        layout.addWidget(body, 1)
        # Ctrl+F is the main window's (``MainWindow.focus_search``): from anywhere on a page to its list.
        self.empty_hint = over_list(self, empty_hint or self.tr("Nothing here yet."))  # what to do first
        self._export = ExportJob(self, runner, self._exported, workspace)

    def add_action(self, button: QWidget) -> None:
        """A page's button on the first row, left of the count."""
        self.actions_row.addWidget(button)
        self._tabs_ordered = False
        if self.isVisible():
            self._order_tabs()

    def showEvent(self, event: QShowEvent) -> None:
        if not self._tabs_ordered:  # once in its window: alone, the focus chain is a circle
            self._order_tabs()
        super().showEvent(event)

    def _order_tabs(self) -> None:
        """Tab goes as the eye reads: the buttons, export, search, filters, the tree, the rows."""
        self._tabs_ordered = True
        items = [self.actions_row.itemAt(i) for i in range(self.actions_row.count())]
        chain = [w for item in items if item is not None and (w := item.widget()) is not None]
        chain += [self.export_button, self.search, *self.filter_boxes.values()]
        chain += [w for w in (self.tree, self.view) if w is not None]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    # --- the query ---------------------------------------------------------------------------------

    def query(self) -> ListQuery:
        sort = self.model.sort_state()
        return ListQuery(
            text=self.search.text().strip(),
            filters={key: combo.currentData() for key, combo in self.filter_boxes.items()},
            division_code=self.tree.current_code() if self.tree is not None else None,
            sort_key=sort[0] if sort else None,
            descending=sort[1] if sort else False,
        )

    def reload(self) -> None:
        """The records may have changed (a save, a sync): forget earlier results and query again.

        The selected record stays selected if it is still in the list.
        """
        self._queries.forget()
        self.requery()

    def requery(self) -> None:
        """The query changed (typing, a filter, the sort, the tree): show its ids.

        The first ``FIRST_ROWS`` ids are asked for first and shown at once; when there are more,
        the whole list follows in a second query and is appended (the count shows "counting…"
        meanwhile). Complete results of the last few queries are kept until ``reload()``:
        deleting a character or going back to an earlier filter shows its list at once.
        """
        self._debounce.stop()
        keep = self._pending_select or self.current_id()
        self._pending_select = None
        self._queries.ask(
            self.query(),
            shown=lambda ids, complete: self._show_ids(ids, keep, complete=complete),
            completed=lambda ids: self._complete(ids, keep),
            failed=self._show_query_error,
        )

    def is_complete(self) -> bool:
        """Whether every id of the current query is in (the rest of a long list may still come)."""
        return self._complete_now

    def _show_ids(self, ids: Sequence[str], keep: str | None, *, complete: bool) -> None:
        self._complete_now = complete
        self.model.set_ids(ids)
        self.count_label.setText(self._count_text(len(ids)) if complete else self.tr("Counting…"))
        if keep:
            self.select_id(keep)
        self.loaded.emit(len(ids))
        if complete:
            self.completed.emit(len(ids))

    def _complete(self, ids: Sequence[str], keep: str | None) -> None:
        shown = self.model.rowCount()
        if list(ids[:shown]) == self.model.ids():
            self.model.append_ids(ids[shown:])  # the view keeps its place and selection
        else:
            self.model.set_ids(ids)  # the data changed between the two queries
        self._complete_now = True
        self.count_label.setText(self._count_text(len(ids)))
        if keep and self.current_id() != keep:
            self.select_id(keep)
        self.completed.emit(len(ids))

    def mark_stale(self) -> None:
        """Rows reload when next shown (after a save); the id list stays."""
        self.model.mark_stale()

    def load_divisions(self) -> None:
        """Fill the division tree (once, through the task runner)."""
        if self.tree is not None and self._divisions is not None and not self.tree.is_filled():
            self.runner.read(self._divisions, on_done=self.tree.fill, on_error=self._show_query_error)

    def select_division(self, code: str | None) -> None:
        if self.tree is not None:
            self.tree.select_code(code)

    def set_filter(self, key: str, value: Any) -> None:
        """Choose a filter value as if picked in its combo box (re-queries)."""
        combo = self.filter_boxes[key]
        combo.setCurrentIndex(max(combo.findData(value), 0))

    def set_search(self, text: str, *, now: bool = True) -> None:
        self.search.setText(text)
        if now:
            self.requery()

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

    # --- columns (the table keeps and remembers them) ------------------------------------------------

    def visible_columns(self) -> list[LazyColumn]:
        return self.view.visible_columns()

    def set_column_visible(self, key: str, visible: bool) -> None:
        self.view.set_column_visible(key, visible)

    def column_menu(self) -> QMenu:
        return self.view.column_menu()

    # --- export and messages ---------------------------------------------------------------------------

    def choose_export_file(self) -> None:
        suggested = f"{self.export_title}-{date.today():%Y%m%d}.xlsx"
        path = file_dialogs.save_file(
            self, self.tr("Export to Excel"), suggested, self.tr("Excel workbook (*.xlsx)")
        )
        if path:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        """Write what the list shows now to ``path`` in the task runner, with progress and Cancel."""
        self.export_button.setEnabled(False)
        self._export.start(
            path, self.export_title, self.visible_columns(), self.model.ids(), self._fetch_rows
        )

    def _exported(self, text: str) -> None:
        self.export_button.setEnabled(True)
        self.show_message(text)

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if error else "color: #1f4e79;")
        self.message.setVisible(bool(text))

    def _show_query_error(self, exc: BaseException) -> None:
        if isinstance(exc, FpaError):
            self.show_message(exc.message, error=True)
            return
        raise exc

    def _show_fetch_error(self, exc: object) -> None:
        text = (
            exc.message
            if isinstance(exc, FpaError)
            else self.tr("Some rows could not be loaded; see the log.")
        )
        self.show_message(text, error=True)


__all__ = ["DivisionNode", "FilterSpec", "ListQuery", "RecordList"]
