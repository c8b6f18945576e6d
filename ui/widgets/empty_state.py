"""What to do first, written across an empty list: "还没有家庭。点“新增家庭”（Ctrl+N）登记第一户".

``EmptyState`` lies over a table's or tree's viewport (below its header) and shows while the
model has no rows; it hides by itself when rows arrive and comes back when they go. A list read
in the background says nothing until its first rows came back (``ready=False``, the default), so
a big list never flashes "nothing here" while it loads. A list that can be narrowed says so
instead when a search or filter left nothing (``filtered``), since then "add the first one"
would be wrong.

    hint = EmptyState(view, self.tr("No visits yet. …"))
    hint.set_text(self.tr("Save the family first, then record its visits."))  # the hint can change

``over_list(record_list)`` fits one to a ``RecordList`` (search box, filter boxes, division tree).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLabel, QLineEdit

MARGIN = 24


class _Tree(Protocol):
    def current_code(self) -> str | None: ...


class _NarrowableList(Protocol):
    """What ``over_list`` needs of a ``RecordList`` (named by shape: no import of the list)."""

    @property
    def view(self) -> QAbstractItemView: ...
    @property
    def search(self) -> QLineEdit: ...
    @property
    def filter_boxes(self) -> dict[str, QComboBox]: ...
    @property
    def tree(self) -> _Tree | None: ...


class EmptyState(QLabel):
    def __init__(
        self,
        view: QAbstractItemView,
        text: str,
        *,
        ready: bool = False,
        filtered: Callable[[], bool] | None = None,
        filtered_text: str = "",
    ) -> None:
        super().__init__(view.viewport())
        self.setObjectName("emptyHint")
        self.view = view
        self._text = text
        self._filtered = filtered
        self._filtered_text = filtered_text or self.tr(
            "Nothing matches the search or filters. Clear the search box or choose All in the filters."
        )
        self._ready = ready
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # clicks reach the list
        view.viewport().installEventFilter(self)
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(self._model_changed)
        self.update_state()

    def set_text(self, text: str) -> None:
        self._text = text
        self.update_state()

    def hint(self) -> str:
        """The hint the list shows now, or "" when it has rows (or has not been read yet)."""
        return self.text() if self.isVisibleTo(self.view) else ""

    def mark_ready(self) -> None:
        """The list was read (for a widget filled without a model signal, e.g. zero rows set to zero)."""
        self._ready = True
        self.update_state()

    def _model_changed(self, *_args: object) -> None:
        self._ready = True
        self.update_state()

    def update_state(self) -> None:
        empty = self.view.model().rowCount() == 0
        show = self._ready and empty and bool(self._text)
        if show:
            narrowed = self._filtered is not None and self._filtered()
            self.setText(self._filtered_text if narrowed else self._text)
            self._place()
        self.setVisible(show)

    def _place(self) -> None:
        area = self.view.viewport().rect().adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        height = min(area.height(), max(self.heightForWidth(area.width()), 0) + MARGIN)
        self.setGeometry(area.x(), area.y(), area.width(), max(height, 1))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False


def over_list(record_list: _NarrowableList, text: str) -> EmptyState:
    """A hint for a ``RecordList``: ``text`` when it holds nothing at all, else "nothing matches"."""

    def narrowed() -> bool:
        tree = record_list.tree
        return (
            bool(record_list.search.text().strip())
            or any(box.currentIndex() > 0 for box in record_list.filter_boxes.values())
            or (tree is not None and tree.current_code() is not None)
        )

    return EmptyState(record_list.view, text, filtered=narrowed)
