"""The dashboard's pieces: a headline card with its change from a year earlier, and the list behind a bar."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import FpaError
from app.domain.records.dashboard import Card
from app.services.shared.export_xlsx import export_records
from app.services.shared.workspace import Workspace
from ui.models.rows_model import Column, RowsTableModel
from ui.shell import file_dialogs
from ui.shell.tasks import TaskRunner
from ui.widgets.empty_state import EmptyState


def card_value(card: Card) -> str:
    if card.value is None:
        return "—"
    if card.kind == "percent":
        return f"{card.value * 100:.1f}%"
    if card.kind == "money":
        yuan = card.value / 100
        return f"{yuan / 10_000:,.1f} 万" if yuan >= 100_000 else f"{yuan:,.0f}"
    return f"{int(card.value):,}"


class FigureCard(QFrame):
    """A headline figure: value and unit, caption, a detail line, the change from a year earlier."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(1)
        self.caption = QLabel()
        self.caption.setObjectName("cardCaption")
        self.value = QLabel("—")
        self.value.setObjectName("cardValue")
        self.detail = QLabel()
        self.detail.setObjectName("hint")
        self.detail.setWordWrap(True)
        self.change = QLabel()
        self.change.setObjectName("hint")
        for label in (self.caption, self.value, self.detail, self.change):
            layout.addWidget(label)

    def show_card(self, card: Card, previous_label: str) -> None:
        self.caption.setText(card.caption)
        unit = f" {card.unit}" if card.unit and card.value is not None else ""
        self.value.setText(card_value(card) + unit)
        self.detail.setText(card.detail)
        self.detail.setVisible(bool(card.detail))
        change = card.change
        if change is None:
            self.change.setText(
                self.tr("No figure for %1").replace("%1", previous_label)
                if card.previous is None and card.kind != "percent"
                else ""
            )
        else:
            arrow = "↑" if change > 0 else "↓" if change < 0 else "→"
            self.change.setText(
                self.tr("%1 %2 on %3")
                .replace("%1", arrow)
                .replace("%2", f"{abs(change) * 100:.1f}%")
                .replace("%3", previous_label)
            )
        self.setAccessibleName(card.caption)
        self.setAccessibleDescription(f"{self.value.text()} {card.detail} {self.change.text()}")


class DrillDialog(QDialog):
    """A list behind a figure, to read, export and work through (the township's to-do list)."""

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        title: str,
        summary: str,
        columns: Sequence[tuple[str, Callable[[Any], Any]]],
        rows: Sequence[Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace, self.runner, self.rows = workspace, runner, list(rows)
        self.list_title = title
        self.setWindowTitle(title)
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setObjectName("sectionTitle")
        layout.addWidget(heading)
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.columns = list(columns)
        self.model = RowsTableModel([Column(h, fn, text=_shown(fn)) for h, fn in self.columns], self)
        self.model.set_rows(self.rows)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        layout.addWidget(self.view, 1)
        EmptyState(self.view, self.tr("No records behind this figure in the period."), ready=True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = QPushButton(self.tr("Export to Excel"))
        self.export_button.setEnabled(bool(self.rows))
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.clicked.connect(self.choose_file)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def choose_file(self) -> None:
        suggested = f"{self.list_title}-{date.today():%Y%m%d}.xlsx"
        path = file_dialogs.save_file(
            self, self.tr("Export to Excel"), suggested, self.tr("Excel workbook (*.xlsx)")
        )
        if path:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        headers = [h for h, _ in self.columns]
        values = [[fn(row) for _, fn in self.columns] for row in self.rows]
        self.runner.run(
            export_records,
            self.workspace,
            path,
            self.list_title,
            headers,
            values,
            on_done=lambda n: self._said(
                self.tr("Exported %1 rows to %2").replace("%1", str(n)).replace("%2", path.name)
            ),
            on_error=self._failed,
        )

    def _said(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if error else "color: #1f4e79;")
        self.message.setVisible(True)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, FpaError):
            self._said(exc.message, error=True)
            return
        raise exc


def _shown(value_of: Callable[[Any], Any]) -> Callable[[Any], str]:
    """A column's text from its value (one closure per column, not a lambda over the loop)."""
    return lambda row: _text(value_of(row))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    return str(value)
