"""首页: today's picture — families registered, coverage still missing, visits, what waits to be sent."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from app.domain.records.overview import Overview
from app.domain.validation import format_fen
from app.services.overview import overview
from ui.pages.base import Page, PageContext


class Card(QFrame):
    """One figure with its label; warnings are drawn in the accent colour."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumSize(220, 96)
        layout = QVBoxLayout(self)
        self.value = QLabel("—")
        font = self.value.font()
        font.setPointSize(font.pointSize() + 12)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = QLabel(label)
        self.caption.setWordWrap(True)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def show_value(self, text: str, *, warn: bool = False) -> None:
        self.value.setText(text)
        self.value.setStyleSheet("color: #b34700;" if warn else "color: #1f4e79;")


class HomePage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSize(font.pointSize() + 4)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        grid = QGridLayout()
        self.cards: dict[str, Card] = {}
        specs = [
            ("families", self.tr("Registered special families")),
            ("members", self.tr("Family members")),
            ("missing_contact", self.tr("Families without both contact persons")),
            ("missing_doctor", self.tr("Families without a valid family-doctor contract")),
            ("missing_green_channel", self.tr("Families without a hospital green channel")),
            ("not_visited_half_year", self.tr("Families not visited in six months")),
            ("visits_this_year", self.tr("Visits this year")),
            ("cash_this_year", self.tr("Cash handed out this year (yuan)")),
            ("associations", self.tr("Associations")),
            ("persons", self.tr("Staff, members, volunteers and instructors")),
            ("projects", self.tr("Projects")),
            ("unsent_changes", self.tr("Changes not yet confirmed by the level above")),
        ]
        for i, (key, label) in enumerate(specs):
            card = Card(label)
            self.cards[key] = card
            grid.addWidget(card, i // 4, i % 4)
        layout.addLayout(grid)
        layout.addStretch(1)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignLeft)

    def refresh(self) -> None:
        self.runner.run(overview, self.workspace, on_done=self.show_overview)

    def show_overview(self, data: Overview) -> None:
        self.heading.setText(f"{data.division_name} · {data.role}")
        c = self.cards
        c["families"].show_value(f"{data.families:,}")
        c["members"].show_value(f"{data.members:,}")
        for key in ("missing_contact", "missing_doctor", "missing_green_channel", "not_visited_half_year"):
            value = getattr(data, key)
            c[key].show_value(f"{value:,}", warn=value > 0)
        c["visits_this_year"].show_value(f"{data.visits_this_year:,}")
        c["cash_this_year"].show_value(format_fen(data.cash_this_year_fen))
        c["associations"].show_value(f"{data.associations:,}")
        c["persons"].show_value(f"{data.persons:,}")
        c["projects"].show_value(f"{data.projects:,}")
        c["unsent_changes"].show_value(f"{data.unsent_changes:,}", warn=data.unsent_changes > 0)
