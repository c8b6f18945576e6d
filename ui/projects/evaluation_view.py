"""The 绩效评价 step's figures: each criterion of the project (its indicator for this project alone),
value against target, points earned, and the score they make — read off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from app.domain.records.projects import ProjectEvaluation


class EvaluationView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Criterion"), self.tr("Value / target"), self.tr("Points"), self.tr("How")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(620)
        self.score = QLabel(self.tr("Working out the score…"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addWidget(self.score)
        self.evaluation: ProjectEvaluation | None = None

    def show_evaluation(self, evaluation: ProjectEvaluation) -> None:
        self.evaluation = evaluation
        self.table.setRowCount(len(evaluation.criteria))
        for r, c in enumerate(evaluation.criteria):
            if c.value is None:
                value, points = self.tr("does not apply"), "—"
            else:
                value = f"{c.value:g} % / {c.target:g} %"
                points = f"{c.points:g} / {c.weight}"
            for col, text in enumerate((c.name, value, points, c.detail)):
                self.table.setItem(r, col, QTableWidgetItem(text))
        self.table.resizeRowsToContents()
        self.table.setFixedHeight(
            self.table.horizontalHeader().height()
            + sum(self.table.rowHeight(r) for r in range(len(evaluation.criteria)))
            + 4
        )
        self.score.setText(self.tr("Score: %1 of 100").replace("%1", str(evaluation.score)))
