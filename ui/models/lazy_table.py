"""A generic lazy table model for big lists: ids first, rows fetched in pages on demand, cached.

Any list of records (families, persons, associations, projects, activities …) uses it this way::

    columns = [
        LazyColumn("name", self.tr("Name"), lambda r: r.name, width_chars=8),
        date_column("registered", self.tr("Registered"), lambda r: r.registered_on),
        money_column("cash", self.tr("Cash (yuan)"), lambda r: r.cash_fen),
        LazyColumn("address", self.tr("Address"), lambda r: r.address, sortable=False, visible=False),
    ]
    model = LazyTableModel(columns, fetch=lambda ids: some_service.load_rows(ws, ids))
    model.set_ids(some_service.list_ids(ws, filter, sort="name"))

- The id list comes from one SQL query that already filtered and sorted; the model never sorts or
  filters in Python (a QSortFilterProxyModel over 100 000 rows costs seconds per keystroke).
- Clicking a header calls ``sort()``, which only emits ``sort_requested(key, descending)``; the
  owner (usually ``ui.widgets.record_list.RecordList``) queries the ids again in that order.
- ``data()`` for a row not yet loaded fetches its whole page (``PAGE_SIZE`` ids, by primary key)
  synchronously. That costs a few milliseconds, far below a frame, and keeps the model simple:
  no half-drawn rows, no dataChanged storms, and ``qtmodeltester`` sees a plain table. Only the
  ids query, which can touch every row, goes through the task runner.
- Loaded pages are cached (least recently used pages are dropped beyond ``MAX_PAGES``), with each
  row's shown texts and colours worked out once: a repaint asks ``data()`` thousands of times.
  ``mark_stale()`` drops the cache after a save or a sync, so rows reload when next shown.
- Rows are frozen dataclasses from ``app.domain.records``; ``row_id`` says how to get a row's id
  (``row.id`` by default). A row that vanished between the ids query and the fetch shows empty.

Roles: DisplayRole (text), ``SORT_ROLE`` (the native value: date, int, str), ``ID_ROLE`` (the
record id), TextAlignmentRole, ToolTipRole, ForegroundRole (``LazyColumn.color``).
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from app.domain.validation import format_fen

log = logging.getLogger(__name__)

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
PAGE_SIZE = 50  # two screens of rows: what a keystroke waits for before the first rows are drawn
MAX_PAGES = 200  # 10 000 rows kept: plenty for scrolling back, bounded on a 4 GB laptop

Index = QModelIndex | QPersistentModelIndex
Row = Any


@dataclass(frozen=True)
class LazyColumn:
    """One column: ``key`` names it for sorting (passed to the service) and for the column chooser."""

    key: str
    header: str
    value: Callable[[Row], Any]  # the native value: sort role and, unless ``export`` says else, Excel
    text: Callable[[Row], str] | None = None  # shown text; str(value) when absent, "" for None
    align_right: bool = False
    sortable: bool = True
    visible: bool = True  # shown until the user hides it in the column chooser
    width_chars: int = 10  # initial width, in average character widths (a Chinese character is ~2)
    tooltip: Callable[[Row], str] | None = None
    color: Callable[[Row], str | None] | None = None  # e.g. "#b34700" for a gap to notice
    export: Callable[[Row], Any] | None = None  # value written to Excel; ``value`` when absent

    def display(self, row: Row) -> str:
        if self.text is not None:
            return self.text(row)
        value = self.value(row)
        return "" if value is None else str(value)

    def export_value(self, row: Row) -> Any:
        if self.export is not None:
            return self.export(row)
        value = self.value(row)
        if isinstance(value, bool):
            return self.display(row)
        return value


def date_text(value: date | None) -> str:
    """Dates in lists read 2026-11-23 everywhere in the program."""
    return "" if value is None else f"{value:%Y-%m-%d}"


def date_column(key: str, header: str, getter: Callable[[Row], date | None], **kw: Any) -> LazyColumn:
    kw.setdefault("width_chars", 11)
    return LazyColumn(key, header, getter, text=lambda r: date_text(getter(r)), **kw)


def money_column(key: str, header: str, fen: Callable[[Row], int | None], **kw: Any) -> LazyColumn:
    """Money is stored in fen; shown as yuan with two decimals, exported as a yuan number."""

    def text(row: Row) -> str:
        value = fen(row)
        return "" if value is None else format_fen(value)

    def export(row: Row) -> Decimal | None:
        value = fen(row)
        return None if value is None else Decimal(value) / 100

    kw.setdefault("align_right", True)
    return LazyColumn(key, header, fen, text=text, export=export, **kw)


def yes_no_column(
    key: str, header: str, getter: Callable[[Row], bool], yes: str, no: str, **kw: Any
) -> LazyColumn:
    """A flag shown as words; a missing item (``no``) is drawn in the warning colour."""
    kw.setdefault("width_chars", 6)
    return LazyColumn(
        key,
        header,
        getter,
        text=lambda r: yes if getter(r) else no,
        color=lambda r: None if getter(r) else "#b34700",
        **kw,
    )


@dataclass(frozen=True)
class _Cells:
    """A loaded row with what the view asks for most, computed once per page load."""

    record: Row
    texts: tuple[str, ...]
    colours: tuple[QColor | None, ...]


class LazyTableModel(QAbstractTableModel):
    """Holds the ids of a list and fetches its rows page by page when the view asks for them."""

    sort_requested = Signal(str, bool)  # column key, descending
    fetch_failed = Signal(object)  # the exception, for the owner to show once

    def __init__(
        self,
        columns: Sequence[LazyColumn],
        fetch: Callable[[Sequence[str]], Sequence[Row]],
        *,
        row_id: Callable[[Row], str] | None = None,
        page_size: int = PAGE_SIZE,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._fetch = fetch
        self._row_id = row_id or (lambda r: r.id)
        self._page_size = page_size
        self._ids: list[str] = []
        self._pages: OrderedDict[int, dict[str, _Cells]] = OrderedDict()
        self._last: tuple[int, dict[str, _Cells]] | None = None
        self._align = [
            int(
                (Qt.AlignmentFlag.AlignRight if c.align_right else Qt.AlignmentFlag.AlignLeft)
                | Qt.AlignmentFlag.AlignVCenter
            )
            for c in self.columns
        ]
        self._colours: dict[str, QColor] = {}
        self._sort: tuple[str, bool] | None = None
        self.fetch_count = 0  # pages fetched since the last reset; tests and the bench read it

    # --- the id list ---------------------------------------------------------------------------

    def set_ids(self, ids: Sequence[str]) -> None:
        """A new result of the ids query (new filter or sort): the view starts over."""
        self.beginResetModel()
        self._ids = list(ids)
        self._drop_pages()
        self.fetch_count = 0
        self.endResetModel()

    def append_ids(self, more: Sequence[str]) -> None:
        """More ids at the end (the rest of a list whose first rows are shown): no reset."""
        if not more:
            return
        start = len(self._ids)
        if start % self._page_size:  # the last page was fetched short: fetch it again when shown
            self._pages.pop(start // self._page_size, None)
            self._last = None
        self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
        self._ids.extend(more)
        self.endInsertRows()

    def ids(self) -> list[str]:
        return list(self._ids)

    def id_at(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: str) -> int:
        """The position of a record in the list, or -1."""
        try:
            return self._ids.index(record_id)
        except ValueError:
            return -1

    def mark_stale(self) -> None:
        """Drop every loaded row (after a save or a sync); they reload when next shown."""
        self._drop_pages()
        if self._ids:
            last = self.index(len(self._ids) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def _drop_pages(self) -> None:
        self._pages.clear()
        self._last = None

    def record(self, row: int) -> Row | None:
        """The row at a position, fetching its page if needed (None if it has vanished)."""
        cells = self._cells(row)
        return cells.record if cells is not None else None

    def _cells(self, row: int) -> _Cells | None:
        if not 0 <= row < len(self._ids):
            return None
        page_no = row // self._page_size
        if self._last is not None and self._last[0] == page_no:
            page = self._last[1]
        else:
            found = self._pages.get(page_no)
            if found is None:
                found = self._load_page(page_no)
            else:
                self._pages.move_to_end(page_no)
            page = found
            self._last = (page_no, page)
        return page.get(self._ids[row])

    def _load_page(self, page_no: int) -> dict[str, _Cells]:
        start = page_no * self._page_size
        wanted = self._ids[start : start + self._page_size]
        try:
            rows = self._fetch(wanted)
        except Exception as exc:  # shown by the owner; the view keeps drawing empty cells
            log.exception("loading rows %d–%d failed", start, start + len(wanted))
            self.fetch_failed.emit(exc)
            rows = []
        page = {self._row_id(r): self._prepare(r) for r in rows}
        self._pages[page_no] = page
        self.fetch_count += 1
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return page

    def _prepare(self, record: Row) -> _Cells:
        colours = []
        for c in self.columns:
            name = c.color(record) if c.color is not None else None
            colours.append(self._colour(name) if name else None)
        return _Cells(record, tuple(c.display(record) for c in self.columns), tuple(colours))

    def _colour(self, name: str) -> QColor:
        if name not in self._colours:
            self._colours[name] = QColor(name)
        return self._colours[name]

    # --- sorting is the service's job -----------------------------------------------------------

    def sort_state(self) -> tuple[str, bool] | None:
        return self._sort

    def set_sort_state(self, key: str, descending: bool) -> None:
        """Record the order the ids came in, without asking for a new query."""
        self._sort = (key, descending)

    def column_of(self, key: str) -> int:
        return next((i for i, c in enumerate(self.columns) if c.key == key), -1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self.columns)) or not self.columns[column].sortable:
            return
        wanted = (self.columns[column].key, order == Qt.SortOrder.DescendingOrder)
        if wanted != self._sort:
            self._sort = wanted
            self.sort_requested.emit(*wanted)

    # --- QAbstractTableModel ----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not (0 <= section < len(self.columns)):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.header
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags  # asked per cell per paint

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called thousands of times per repaint: the common roles are answered from _Cells.
        if role not in _ROW_ROLES or not index.isValid():
            return None
        row, col = index.row(), index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._align[col] if 0 <= row < len(self._ids) else None
        if role == ID_ROLE:
            return self.id_at(row)
        cells = self._cells(row)
        if cells is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return cells.texts[col]
        if role == Qt.ItemDataRole.ForegroundRole:
            return cells.colours[col]
        column = self.columns[col]
        if role == SORT_ROLE:
            return column.value(cells.record)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(cells.record)
        return None


    def multiData(self, index: Index, roleDataSpan: QModelRoleDataSpan | QModelRoleData) -> None:
        """All the roles a cell is drawn with, in one call (Qt's item delegate asks this way).

        Seven roles per cell, 300 to 400 cells per screen: one Python call per cell instead of seven
        is most of what a keystroke's repaint costs. The delegate hands in a fresh span, so the
        roles left unanswered stay empty, as ``data()`` returning None would leave them.
        """
        if not index.isValid():
            return
        row, col = index.row(), index.column()
        if not 0 <= row < len(self._ids):
            return
        cells: _Cells | None = None
        span: Iterable[QModelRoleData] = (
            (roleDataSpan,) if isinstance(roleDataSpan, QModelRoleData) else roleDataSpan  # type: ignore[assignment]
        )
        for item in span:
            role = item.role()
            if role == _DISPLAY:
                cells = cells or self._cells(row)
                if cells is not None:
                    item.setData(cells.texts[col])
            elif role == _ALIGNMENT:
                item.setData(self._align[col])
            elif role == _FOREGROUND:
                cells = cells or self._cells(row)
                colour = cells.colours[col] if cells is not None else None
                if colour is not None:
                    item.setData(colour)
            elif role in _ROW_ROLES:
                item.setData(self.data(index, role))


_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_ROW_ROLES = frozenset(
    int(r)
    for r in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.ToolTipRole,
        SORT_ROLE,
        ID_ROLE,
    )
)
