"""The family form's table of members: one row each, red with the issues as tooltip when one is wrong.

Only what is shown: the members themselves and their checks stay with ``MembersPanel``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from app.domain.idcard import mask_id_number
from app.domain.validation import Issue, Severity
from ui.widgets.fields import ERROR_COLOUR


class MemberTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Relation"), self.tr("ID number"), self.tr("Born")]
        )
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)

    def show_member(self, row: int, member: dict[str, Any], issues: Sequence[Issue]) -> None:
        """Row ``row`` shows ``member`` (its ID number masked), red when one of ``issues`` is an error."""
        values = [
            member.get("name") or self.tr("(no name)"),
            member.get("relation") or "",
            mask_id_number(str(member.get("id_number") or "")),
            member.get("birth_date") or "",
        ]
        bad = any(x.severity is Severity.ERROR for x in issues)
        for col, value in enumerate(values):
            item = self.item(row, col)
            if item is None:
                item = QTableWidgetItem()
                self.setItem(row, col, item)
            item.setText(str(value))
            item.setForeground(QBrush(QColor(ERROR_COLOUR)) if bad else QBrush())
            item.setToolTip("\n".join(x.message for x in issues))
