"""首页: what needs doing today — visits due, 三个全覆盖 gaps, changes not yet sent, drafts to finish.

Every figure that stands for a list is a button: it asks the main window (``navigate``) to open
that list already filtered. Families due for a visit and unfinished drafts are listed below the
figures; Enter or a double-click opens the visit form or the draft (``visit_requested``,
``draft_requested``). The page never opens other pages itself: the main window does.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.records.families import (
    MISSING_CONTACT,
    MISSING_DOCTOR,
    MISSING_GREEN_CHANNEL,
    MISSING_VISIT,
    VisitDue,
)
from app.domain.records.overview import Overview
from app.domain.validation import format_fen
from app.services.families import visits
from app.services.home import overview
from app.services.shared import drafts
from app.services.shared.drafts import DraftInfo
from ui.models.rows_model import Column, RowsTableModel
from ui.shell.page import Page, PageContext
from ui.widgets.draft_dialog import DraftDialog
from ui.widgets.empty_state import EmptyState
from ui.widgets.scan_entry import ScanEntry

WEEKDAYS = "一二三四五六日"
VISITS_LISTED = 100


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


class Card(QPushButton):
    """A figure with its caption; a button, so Tab, Enter and a click all open the list behind it."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        self.value = QLabel("—")
        self.value.setObjectName("cardValue")
        self.caption = QLabel(caption)
        self.caption.setObjectName("cardCaption")
        self.caption.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setObjectName("hint")
        self.detail.setWordWrap(True)
        for label in (self.value, self.caption, self.detail):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            layout.addWidget(label)
        layout.addStretch(1)  # a taller neighbour must not spread this card's lines apart
        self.setAccessibleName(caption)

    def sizeHint(self) -> QSize:
        layout = self.layout()
        return layout.sizeHint() if layout is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        return layout.minimumSize() if layout is not None else super().minimumSizeHint()

    def show_value(self, text: str, *, warn: bool = False, done: bool = False, detail: str = "") -> None:
        self.value.setText(text)
        self.value.setProperty("warn", warn)
        self.value.setProperty("done", done)
        self.value.style().unpolish(self.value)
        self.value.style().polish(self.value)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self.setAccessibleDescription(f"{text} {detail}")


def _table(model: RowsTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.setMinimumHeight(150)
    return view


class HomePage(Page):
    navigate = Signal(str, object)  # page key, filters for its apply_filter
    visit_requested = Signal(str)  # family id
    draft_requested = Signal(str, str)  # draft kind, key
    form_scanned = Signal(str, str)  # 扫码录入: family id ("" for a blank form), form number

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.title = self.tr("Home")
        self.data: Overview | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.addLayout(self._header())
        layout.addWidget(self._section(self.tr("To do")))
        layout.addLayout(self._todo_cards())
        layout.addWidget(self._section(self.tr("Three full coverages: still missing")))
        layout.addLayout(self._coverage_cards())
        layout.addLayout(self._lists(), 1)
        self.totals = QLabel()
        self.totals.setObjectName("hint")
        self.totals.setWordWrap(True)
        layout.addWidget(self.totals)

    # --- building -------------------------------------------------------------------------------------

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        titles = QVBoxLayout()
        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.subtitle = QLabel()
        self.subtitle.setObjectName("pageSubtitle")
        titles.addWidget(self.heading)
        titles.addWidget(self.subtitle)
        row.addLayout(titles, 1)
        self.scan = ScanEntry(self.context.workspace)
        self.scan.found.connect(self.form_scanned.emit)
        row.addWidget(self.scan, 1, Qt.AlignmentFlag.AlignTop)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.setToolTip("F5")
        self.refresh_button.clicked.connect(self.refresh)
        row.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def _section(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("sectionTitle")
        return label

    def _card(self, key: str, caption: str, target: str | None, **filters: Any) -> Card:
        card = Card(caption)
        self.cards[key] = card
        if target is None:  # a figure only: not a stop for Tab, no hand cursor
            card.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            card.setCursor(Qt.CursorShape.ArrowCursor)
        else:
            card.clicked.connect(lambda: self.navigate.emit(target, dict(filters)))
        return card

    def _todo_cards(self) -> QGridLayout:
        self.cards: dict[str, Card] = {}
        grid = QGridLayout()
        grid.setSpacing(10)
        row = [
            self._card(
                "visits_due", self.tr("Families not visited in six months"), "families", missing=MISSING_VISIT
            ),
            self._card("festival", self.tr("Festival visits"), None),
            self._card("unsynced", self.tr("Changes not yet written to a bundle"), "sync"),
            self._card("drafts", self.tr("Drafts to finish"), None),
        ]
        for column, card in enumerate(row):
            grid.addWidget(card, 0, column)
            grid.setColumnStretch(column, 1)  # equal cards, whatever their texts
        self.cards["drafts"].clicked.connect(lambda: self.draft_table.setFocus())
        return grid

    def _coverage_cards(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(10)
        row = [
            self._card(
                "missing_contact",
                self.tr("Families without both contact persons"),
                "families",
                missing=MISSING_CONTACT,
            ),
            self._card(
                "missing_doctor",
                self.tr("Families without a valid family-doctor contract"),
                "families",
                missing=MISSING_DOCTOR,
            ),
            self._card(
                "missing_green_channel",
                self.tr("Families without a hospital green channel"),
                "families",
                missing=MISSING_GREEN_CHANNEL,
            ),
            self._card("families", self.tr("Registered special families"), "families"),
        ]
        for column, card in enumerate(row):
            grid.addWidget(card, 0, column)
            grid.setColumnStretch(column, 1)  # equal cards, whatever their texts
        return grid

    def _lists(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.visit_model = RowsTableModel(
            [
                Column(self.tr("Head of family"), lambda r: r.head_name),
                Column(self.tr("Village"), lambda r: r.village),
                Column(self.tr("Category"), lambda r: r.category.value),
                Column(
                    self.tr("Last visit"),
                    lambda r: r.last_visit_on,
                    text=lambda r: f"{r.last_visit_on:%Y-%m-%d}" if r.last_visit_on else self.tr("never"),
                ),
                Column(self.tr("Follow-up"), lambda r: r.open_follow_up),
            ],
            self,
        )
        self.visit_table = _table(self.visit_model)
        self.visit_hint = EmptyState(self.visit_table, self._no_visits_due(None))
        self.visit_table.activated.connect(self._visit_activated)
        self.visit_button = QPushButton(self.tr("Record &visit"))
        self.visit_button.clicked.connect(lambda: self._visit_activated(self.visit_table.currentIndex()))
        row.addWidget(
            self._panel(self.tr("Families due for a visit"), self.visit_table, self.visit_button), 3
        )

        self.draft_model = RowsTableModel(
            [
                Column(self.tr("Unfinished form"), lambda d: d.title or d.kind),
                Column(
                    self.tr("Saved at"), lambda d: d.saved_at, text=lambda d: f"{d.saved_at:%Y-%m-%d %H:%M}"
                ),
            ],
            self,
        )
        self.draft_table = _table(self.draft_model)
        self.draft_hint = EmptyState(
            self.draft_table,
            self.tr("Nothing unfinished. A form closed before it was saved waits here to be finished."),
        )
        self.draft_table.activated.connect(self._draft_activated)
        self.draft_button = QPushButton(self.tr("&Continue draft"))
        self.draft_button.clicked.connect(lambda: self._draft_activated(self.draft_table.currentIndex()))
        row.addWidget(self._panel(self.tr("Drafts to finish"), self.draft_table, self.draft_button), 2)
        return row

    def _panel(self, title: str, table: QTableView, button: QPushButton) -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        layout.addWidget(table, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(button)
        layout.addLayout(buttons)
        return box

    # --- data -----------------------------------------------------------------------------------------

    def refresh(self) -> None:
        # Reads, beside each other and beside the other pages' lists (the figures take longest).
        self.runner.read(drafts.list_drafts, self.workspace, on_done=self.show_drafts)
        self.runner.read(visits.visits_due, self.workspace, limit=VISITS_LISTED, on_done=self.show_visits_due)
        self.runner.read(overview.overview, self.workspace, on_done=self.show_overview)

    def show_overview(self, data: Overview) -> None:
        self.data = data
        self.visit_hint.set_text(self._no_visits_due(data))
        self.heading.setText(f"{data.division_name} · {data.role}")
        self.subtitle.setText(f"{chinese_date(data.today)} 星期{WEEKDAYS[data.today.weekday()]}")
        c = self.cards
        c["visits_due"].show_value(
            self._households(data.not_visited_half_year), warn=data.not_visited_half_year > 0
        )
        festival = data.festival
        if festival is None:
            c["festival"].show_value("—", detail=self.tr("No festival in the coming months"))
        else:
            when = chinese_date(festival.on)
            detail = (
                self.tr("%1 on %2, in %3 days").replace("%3", str(festival.days_left))
                if festival.days_left > 0
                else self.tr("%1 on %2")
            )
            c["festival"].caption.setText(
                self.tr("Families not yet visited for %1").replace("%1", festival.occasion.value)
            )
            c["festival"].show_value(
                self._households(festival.not_visited),
                warn=festival.not_visited > 0 and festival.days_left <= 30,
                done=festival.not_visited == 0,
                detail=detail.replace("%1", festival.occasion.value).replace("%2", when),
            )
        c["unsynced"].show_value(
            f"{data.unsynced_changes:,}",
            warn=data.unsynced_changes > 0,
            detail=self.tr("%1 not yet confirmed by the level above").replace(
                "%1", f"{data.unconfirmed_changes:,}"
            ),
        )
        for key in ("missing_contact", "missing_doctor", "missing_green_channel"):
            value = getattr(data, key)
            c[key].show_value(self._households(value), warn=value > 0, done=value == 0)
        c["families"].show_value(
            self._households(data.families),
            detail=self.tr("%1 family members").replace("%1", f"{data.members:,}"),
        )
        self.totals.setText(
            self.tr("This year: %1 visits, %2 yuan in cash. Associations: %3. People: %4. Projects: %5.")
            .replace("%1", f"{data.visits_this_year:,}")
            .replace("%2", format_fen(data.cash_this_year_fen))
            .replace("%3", f"{data.associations:,}")
            .replace("%4", f"{data.persons:,}")
            .replace("%5", f"{data.projects:,}")
        )

    def _no_visits_due(self, data: Overview | None) -> str:
        if data is not None and data.families > 0:
            return self.tr("No family is due for a visit: each was visited in the last six months.")
        return self.tr("No families registered yet: register them on the Special families page (Ctrl+3).")

    def _households(self, n: int) -> str:
        return self.tr("%1 households").replace("%1", f"{n:,}")

    def show_visits_due(self, rows: list[VisitDue]) -> None:
        self.visit_model.set_rows(rows)
        self.visit_button.setEnabled(bool(rows))
        if rows:
            self.visit_table.selectRow(0)

    def show_drafts(self, rows: list[DraftInfo]) -> None:
        self.draft_model.set_rows(rows)
        self.cards["drafts"].show_value(
            f"{len(rows):,}",
            warn=bool(rows),
            done=not rows,
            detail=rows[0].title if rows else self.tr("Nothing left unfinished"),
        )
        self.draft_button.setEnabled(bool(rows))
        if rows:
            self.draft_table.selectRow(0)

    # --- actions --------------------------------------------------------------------------------------

    def _visit_activated(self, index: Any) -> None:
        if index.isValid():
            row: VisitDue = self.visit_model.row_at(index.row())
            self.visit_requested.emit(row.family_id)

    def _draft_activated(self, index: Any) -> None:
        if index.isValid():
            draft: DraftInfo = self.draft_model.row_at(index.row())
            DraftDialog.resume(draft.kind, draft.key)  # 继续填写 was the answer: the form does not ask again
            self.draft_requested.emit(draft.kind, draft.key)
