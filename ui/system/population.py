"""常住人口 on the system page: each township's residents for a year, typed in a table and saved at
once; a township left blank keeps using its latest earlier figure (shown greyed)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import FpaError
from app.domain.records.evaluation import TownshipPopulation
from app.services import evaluation
from ui.shell.page import PageContext


class PopulationDialog(QDialog):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(self.tr("Resident population by township"))
        self.rows: list[TownshipPopulation] = []
        self.year = QComboBox()
        this = date.today().year
        for y in range(this, this - 6, -1):
            self.year.addItem(str(y), y)
        year_label = QLabel(self.tr("&Year"))
        year_label.setBuddy(self.year)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Township"), self.tr("Residents"), self.tr("Latest earlier figure")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.message = QLabel(self.tr("The per-10 000-residents figures divide by these numbers."))
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Save"))
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(620, 520)
        self.year.currentIndexChanged.connect(lambda _i: self.reload())
        self.reload()

    def reload(self) -> None:
        self.context.runner.run(
            evaluation.township_populations,
            self.context.workspace,
            int(self.year.currentData()),
            on_done=self.show_rows,
            on_error=self._failed,
        )

    def show_rows(self, rows: Sequence[TownshipPopulation]) -> None:
        self.rows = list(rows)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            name = QTableWidgetItem(row.name)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            value = QTableWidgetItem("" if row.residents is None else str(row.residents))
            value.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            latest = QTableWidgetItem(
                f"{row.latest:,}（{row.latest_year}）" if row.latest is not None else self.tr("none")
            )
            latest.setFlags(latest.flags() & ~Qt.ItemFlag.ItemIsEditable)
            latest.setForeground(Qt.GlobalColor.darkGray)
            for col, item in enumerate((name, value, latest)):
                self.table.setItem(r, col, item)

    def typed(self) -> dict[str, int | None] | None:
        """The figures as typed (digits and separators only), or None after saying which is wrong."""
        out: dict[str, int | None] = {}
        for r, row in enumerate(self.rows):
            item = self.table.item(r, 1)
            text = (item.text() if item else "").replace(",", "").replace("，", "").strip()
            if not text:
                if row.residents is not None:
                    out[row.code] = None
                continue
            if not text.isdigit():
                self.show_message(
                    self.tr("%1: the residents must be a whole number").replace("%1", row.name), True
                )
                return None
            if int(text) != row.residents:
                out[row.code] = int(text)
        return out

    def save(self) -> None:
        values = self.typed()
        if values is None:
            return
        self.context.runner.run(
            evaluation.save_populations,
            self.context.workspace,
            int(self.year.currentData()),
            values,
            on_done=self._saved,
            on_error=self._failed,
        )

    def _saved(self, changed: int) -> None:
        self.show_message(self.tr("Saved: %1 townships changed.").replace("%1", str(changed)))
        self.reload()

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if error else "")

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, FpaError):
            self.show_message(exc.message, True)
            return
        raise exc
