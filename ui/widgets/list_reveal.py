"""After a save, the list shows the record just saved, even when a search or a filter would hide it.

A clerk who searched for "张", then registers 李四, expects to see 李四 in the list. ``RevealSaved``
reloads the list with the record selected; if the query in force leaves it out, the search box,
the filters and the division tree are cleared (the user sees them empty, and a line says why)
and the list is asked again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from ui.widgets.record_list import RecordList


class RevealSaved(QObject):
    def __init__(self, records: RecordList) -> None:
        super().__init__(records)
        self.records = records
        self._target: str | None = None
        records.completed.connect(self._completed)

    def reveal(self, record_id: str) -> None:
        """Reload the list and select ``record_id``, clearing the search if it hides the record."""
        self._target = record_id
        self.records.select_after_reload(record_id)
        self.records.reload()

    def _completed(self, _count: int) -> None:
        target, self._target = self._target, None
        if target is None or self.records.model.row_of(target) >= 0 or not self.narrowed():
            return
        self.clear_query()
        text = self.tr("The search and filters were cleared to show the record just saved.")
        self.records.show_message(text)
        self.records.select_after_reload(target)
        self.records.requery()

    def narrowed(self) -> bool:
        """Whether the list's query leaves records out (a search, a filter, a division)."""
        q = self.records.query()
        return bool(q.text or q.division_code or any(v is not None for v in q.filters.values()))

    def clear_query(self) -> None:
        """Empty the search box, set every filter to 全部 and the tree to the whole area, quietly."""
        lst = self.records
        lst.search.blockSignals(True)
        lst.search.clear()
        lst.search.blockSignals(False)
        for combo in lst.filter_boxes.values():
            combo.blockSignals(True)
            combo.setCurrentIndex(next((i for i in range(combo.count()) if combo.itemData(i) is None), 0))
            combo.blockSignals(False)
        if lst.tree is not None and lst.tree.is_filled():
            selection = lst.tree.selectionModel()
            selection.blockSignals(True)
            lst.tree.select_code(None)
            selection.blockSignals(False)
