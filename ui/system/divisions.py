"""The division list on the system page: a lazily filled tree, and add / rename / retire dialogs.

The rules (codes under the parent's, dates, no retiring with live divisions below) live in
``app.services.system.divisions``; a refusal is shown in the dialog, which stays open to be corrected.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import DivisionLevel
from app.domain.errors import FpaError
from app.services.system import installation
from app.services.system.divisions import DivisionRow
from ui.shell.page import PageContext
from ui.system.population import PopulationDialog

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
ADD, RENAME, RETIRE = "add", "rename", "retire"


class DivisionDialog(QDialog):
    """Add below, rename or retire a division; runs the service and stays open on a refusal."""

    done_with = Signal(str)  # the division code changed

    def __init__(
        self, context: PageContext, mode: str, row: DivisionRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context, self.mode, self.row = context, mode, row
        titles = {
            ADD: self.tr("Add a division below %1"),
            RENAME: self.tr("Rename %1"),
            RETIRE: self.tr("Retire %1"),
        }
        self.setWindowTitle(titles[mode].replace("%1", row.name))
        form = QFormLayout(self)
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("12 digits, under %1").replace("%1", row.code))
        self.code.setMaxLength(12)
        self.name = QLineEdit(row.name if mode == RENAME else "")
        self.name.setMaxLength(60)
        self.on = QDateEdit(QDate.currentDate())
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("yyyy-MM-dd")
        if mode == ADD:
            form.addRow(self.tr("&Code:"), self.code)
        if mode in (ADD, RENAME):
            form.addRow(self.tr("&Name:"), self.name)
        labels = {
            ADD: self.tr("In use &from:"),
            RENAME: self.tr("New name &from:"),
            RETIRE: self.tr("Retired &on:"),
        }
        form.addRow(labels[mode], self.on)
        if mode == RETIRE:
            note = QLabel(
                self.tr("Records stay with the retired division; it is no longer offered for new records.")
            )
            note.setWordWrap(True)
            note.setObjectName("hint")
            form.addRow(note)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        form.addRow(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(420)

    def when(self) -> date:
        chosen = self.on.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def submit(self) -> None:
        ws, code = self.context.workspace, self.row.code
        self.message.clear()
        if self.mode == ADD:
            self.context.runner.run(
                installation.add_local_division,
                ws,
                code,
                self.code.text(),
                self.name.text(),
                self.when(),
                on_done=lambda _id: self._finished(self.code.text().strip()),
                on_error=self._refused,
            )
        elif self.mode == RENAME:
            self.context.runner.run(
                installation.rename_local_division,
                ws,
                code,
                self.name.text(),
                self.when(),
                on_done=lambda _r: self._finished(code),
                on_error=self._refused,
            )
        else:
            self.context.runner.run(
                installation.retire_local_division,
                ws,
                code,
                self.when(),
                on_done=lambda _r: self._finished(code),
                on_error=self._refused,
            )

    def _finished(self, code: str) -> None:
        self.done_with.emit(code)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        if not isinstance(exc, FpaError):
            raise exc
        self.message.setText(exc.message)


class DivisionsPanel(QGroupBox):
    """The tree of this installation's divisions with its three actions."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Divisions"))
        self.context = context
        self.rows: dict[str, DivisionRow] = {}
        self._children: dict[str, list[DivisionRow]] = {}
        layout = QVBoxLayout(self)
        self.tree_model = QStandardItemModel(self)
        self.tree_model.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Code"), self.tr("Level"), self.tr("Status")]
        )
        self.tree = QTreeView()
        self.tree.setModel(self.tree_model)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        for column in (1, 2, 3):
            self.tree.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.expanded.connect(self._fill_children)
        self.tree.setMinimumHeight(260)
        layout.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add below…"))
        self.rename_button = QPushButton(self.tr("&Rename…"))
        self.retire_button = QPushButton(self.tr("R&etire…"))
        self.population_button = QPushButton(self.tr("Resident po&pulation…"))
        self.population_button.clicked.connect(lambda: self.population_dialog())
        self.add_button.clicked.connect(lambda: self._edit(ADD))
        self.rename_button.clicked.connect(lambda: self._edit(RENAME))
        self.retire_button.clicked.connect(lambda: self._edit(RETIRE))
        for button in (self.add_button, self.rename_button, self.retire_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.population_button)
        layout.addLayout(buttons)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def population_dialog(self) -> PopulationDialog:
        """常住人口 by township, for the per-10 000-residents figures."""
        dialog = PopulationDialog(self.context, self)
        dialog.open()
        return dialog

    def reload(self, select: str | None = None) -> None:
        """Read the division list again, keeping (or moving to) the selected division."""
        current = self.current_division()
        keep = select or (current.code if current else None)
        self.context.runner.run(
            installation.division_list,
            self.context.workspace,
            on_done=lambda rows: self.show_divisions(rows, keep),
        )

    def show_divisions(self, rows: list[DivisionRow], select: str | None = None) -> None:
        self.rows = {r.code: r for r in rows}
        self._children = {}
        for r in rows:
            self._children.setdefault(r.parent_code or "", []).append(r)
        self.tree_model.removeRows(0, self.tree_model.rowCount())
        roots = [r for r in rows if r.parent_code not in self.rows]
        for r in roots:
            self.tree_model.appendRow(self._items(r))
        if roots:
            self.tree.expand(self.tree_model.index(0, 0))
        self.select_division(select or (roots[0].code if roots else None))

    def _items(self, r: DivisionRow) -> list[QStandardItem]:
        status = self.tr("retired %1").replace("%1", f"{r.valid_to:%Y-%m-%d}") if r.valid_to else ""
        if r.local:
            status = (status + " · " if status else "") + self.tr("changed here")
        items = [
            QStandardItem(r.name),
            QStandardItem(r.code),
            QStandardItem(r.level.label),
            QStandardItem(status),
        ]
        for item in items:
            item.setData(r.code, CODE_ROLE)
            if r.retired:
                item.setForeground(Qt.GlobalColor.gray)
        if self._children.get(r.code):
            items[0].appendRow(QStandardItem())  # placeholder: children are added when expanded
        return items

    def _fill_children(self, index: object) -> None:
        item = self.tree_model.itemFromIndex(index)  # type: ignore[arg-type]
        if item is None or item.rowCount() != 1 or item.child(0).data(CODE_ROLE) is not None:
            return
        item.removeRow(0)
        for r in self._children.get(item.data(CODE_ROLE), []):
            item.appendRow(self._items(r))

    def select_division(self, code: str | None) -> None:
        """Select a division in the tree, opening its ancestors."""
        if code is None or code not in self.rows:
            return
        chain = [code]
        while (parent := self.rows[chain[-1]].parent_code) in self.rows:
            chain.append(parent)
        parent_item = self.tree_model.invisibleRootItem()
        found = None
        for step in reversed(chain):
            found = next(
                (
                    parent_item.child(i)
                    for i in range(parent_item.rowCount())
                    if parent_item.child(i).data(CODE_ROLE) == step
                ),
                None,
            )
            if found is None:
                return
            self.tree.expand(found.index())
            parent_item = found
        if found is not None:
            self.tree.setCurrentIndex(found.index())
            self.tree.scrollTo(found.index())

    def current_division(self) -> DivisionRow | None:
        code = self.tree.currentIndex().data(CODE_ROLE)
        return self.rows.get(code) if isinstance(code, str) else None

    def _update_buttons(self) -> None:
        row = self.current_division()
        live = row is not None and not row.retired
        self.add_button.setEnabled(live and row is not None and row.level is not DivisionLevel.VILLAGE)
        self.rename_button.setEnabled(live)
        self.retire_button.setEnabled(live)

    def division_dialog(self, mode: str, row: DivisionRow | None = None) -> DivisionDialog | None:
        row = row or self.current_division()
        if row is None:
            return None
        dialog = DivisionDialog(self.context, mode, row, self)
        dialog.done_with.connect(self._division_changed)
        return dialog

    def add_division_dialog(self) -> DivisionDialog | None:
        return self.division_dialog(ADD)

    def rename_division_dialog(self) -> DivisionDialog | None:
        return self.division_dialog(RENAME)

    def _edit(self, mode: str) -> None:
        dialog = self.division_dialog(mode)
        if dialog is not None:
            dialog.open()

    def _division_changed(self, code: str) -> None:
        self.reload(code)
