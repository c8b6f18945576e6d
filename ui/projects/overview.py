"""The chosen project's overview: funds with paid against allocated, and the lifecycle strip with
the dates each status was reached and the button for the next step."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import ProjectStatus
from app.domain.records.projects import ProjectDetail, ProjectRow
from app.domain.validation import format_fen
from ui.models.lazy_table import date_text

_DONE_COLOUR = "#1f6f3f"
_CURRENT_COLOUR = "#1f4e79"


class ProjectOverview(QWidget):
    """Funds (paid against allocated) and the lifecycle strip with the next step's button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.funds: dict[str, QLabel] = {}
        grid = QGridLayout()
        labels = (
            ("allocated", self.tr("Allocated")),
            ("matched", self.tr("Matched")),
            ("self_raised", self.tr("Self-raised")),
            ("donated", self.tr("Donated")),
            ("total", self.tr("Total funds")),
            ("paid", self.tr("Paid to the list")),
            ("balance", self.tr("Allocated not yet paid")),
        )
        for i, (key, text) in enumerate(labels):
            value = QLabel()
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.funds[key] = value
            grid.addWidget(QLabel(text), i // 4, i % 4 * 2)
            grid.addWidget(value, i // 4, i % 4 * 2 + 1)
        grid.setColumnStretch(8, 1)
        grid.setHorizontalSpacing(16)
        self.paid_bar = QProgressBar()
        self.paid_bar.setRange(0, 100)
        self.paid_bar.setFormat(self.tr("Paid %p% of allocated"))
        self.steps: list[QLabel] = []
        strip = QHBoxLayout()
        for status in ProjectStatus:
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setTextFormat(Qt.TextFormat.RichText)
            self.steps.append(label)
            strip.addWidget(label, 1)
            if status is not ProjectStatus.EVALUATED:
                strip.addWidget(QLabel("→"))
        self.step_button = QPushButton()
        self.step_button.setToolTip("Ctrl+G")
        self.step_note = QLabel()
        self.step_note.setWordWrap(True)
        step_row = QHBoxLayout()
        step_row.addWidget(self.step_button)
        step_row.addWidget(self.step_note, 1)
        self.body = QWidget()  # hidden until a project is chosen: no empty figures and lone arrows
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(grid)
        body.addWidget(self.paid_bar)
        body.addLayout(strip)
        body.addLayout(step_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.body)
        layout.addStretch(1)

    def set_detail(self, detail: ProjectDetail | None) -> None:
        if detail is None:
            self.heading.setText(self.tr("Choose a project in the list above."))
            for value in self.funds.values():
                value.clear()
            self.paid_bar.setValue(0)
            for label in self.steps:
                label.clear()
            self.step_button.setText(self.tr("Next step…"))
            self.step_button.setEnabled(False)
            self.step_note.clear()
            self.body.setVisible(False)
            return
        self.body.setVisible(True)
        row = detail.row
        self.heading.setText(
            f"{row.name} · {row.catalogue_name} · {row.division_name} · {row.document_no or '—'}"
        )
        amounts = {
            "allocated": row.allocated_fen,
            "matched": row.matched_fen,
            "self_raised": row.self_raised_fen,
            "donated": row.donated_fen,
            "total": row.total_fen,
            "paid": row.paid_fen,
            "balance": detail.balance_fen,
        }
        for key, fen in amounts.items():
            self.funds[key].setText(self.tr("%1 yuan").replace("%1", format_fen(fen)))
        self.funds["balance"].setStyleSheet("color: #b00020;" if detail.balance_fen < 0 else "")
        share = row.paid_fen * 100 // row.allocated_fen if row.allocated_fen else 0
        self.paid_bar.setValue(min(share, 100))
        self._strip(row)
        following = detail.next_status
        self.step_button.setEnabled(following is not None)
        if following is None:
            self.step_button.setText(self.tr("Lifecycle complete"))
            self.step_note.clear()
        else:
            self.step_button.setText(self.tr("Next &step: %1…").replace("%1", following.value))
            self.step_note.setText(self.tr("Needs: %1").replace("%1", detail.next_needs))

    def _strip(self, row: ProjectRow) -> None:
        dates: dict[ProjectStatus, date | None] = {
            ProjectStatus.APPLIED: None,
            ProjectStatus.APPROVED: None,
            ProjectStatus.IN_PROGRESS: row.started_on,
            ProjectStatus.PUBLIC_NOTICE: row.notice_from,
            ProjectStatus.FINAL_REPORT: row.final_report_on,
            ProjectStatus.EVALUATED: row.evaluated_on,
        }
        reached = list(ProjectStatus).index(row.status)
        for i, (status, label) in enumerate(zip(ProjectStatus, self.steps, strict=True)):
            when = date_text(dates[status]) if i <= reached else ""
            if status is ProjectStatus.PUBLIC_NOTICE and row.notice_to:
                when = f"{when}–{row.notice_to:%m-%d}"
            if status is ProjectStatus.EVALUATED and row.evaluation_score is not None:
                when = f"{when} · {row.evaluation_score}"
            if i < reached:
                text = f"<span style='color:{_DONE_COLOUR}'>✓ {status.value}</span>"
            elif i == reached:
                text = f"<b style='color:{_CURRENT_COLOUR}'>● {status.value}</b>"
            else:
                text = f"<span style='color:#777'>{status.value}</span>"
            label.setText(f"{text}<br><small>{when}</small>" if when else text)
