"""数据分析 until the figures work lands: what each page will show, said plainly."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ui.shell.page import Page, PageContext


class PlannedPage(Page):
    """A page of a module still to come: its purpose and the list of what it will hold."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        heading, purpose, plans = self.describe()
        self.title = heading
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 22)
        title = QLabel(heading)
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        # An explicit context: self.tr() in a base class looks texts up under the subclass's name.
        status = QLabel(
            QCoreApplication.translate(
                "PlannedPage",
                "This module comes with the indicators work; until then this page shows what it will hold.",
            )
        )
        status.setObjectName("pageSubtitle")
        status.setWordWrap(True)
        layout.addWidget(status)
        panel = QFrame()
        panel.setObjectName("panel")
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(18, 14, 18, 14)
        self.purpose = QLabel(purpose)
        self.purpose.setWordWrap(True)
        inner.addWidget(self.purpose)
        self.plans = QLabel("<ul>" + "".join(f"<li>{item}</li>" for item in plans) + "</ul>")
        self.plans.setTextFormat(Qt.TextFormat.RichText)
        self.plans.setWordWrap(True)
        inner.addWidget(self.plans)
        layout.addWidget(panel)
        hint = QLabel(
            QCoreApplication.translate(
                "PlannedPage",
                "Everything entered in the other modules already counts: the indicators will be "
                "computed from those records, never typed in.",
            )
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addStretch(1)

    def describe(self) -> tuple[str, str, tuple[str, ...]]:
        """Heading, purpose and planned contents; each subclass says its own."""
        raise NotImplementedError


class AnalysisPage(PlannedPage):
    def describe(self) -> tuple[str, str, tuple[str, ...]]:
        return (
            self.tr("Data analysis"),
            self.tr("Figures across townships and years, to see where work lags behind and how it develops."),
            (
                self.tr("Special families by category, status and township, with the change from last year"),
                self.tr("Visits by occasion and month; families not visited for a long time"),
                self.tr("Organisation census: associations, staff, members, volunteers, instructors"),
                self.tr("Activities and trainings by campaign: events, participants, people served"),
                self.tr("Charts and tables exported to Excel for reports"),
            ),
        )
