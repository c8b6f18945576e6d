"""宣传活动与培训: campaign events and trainings as lists, and a year's totals by campaign and audience.

Alt+1…3 switch tabs; Ctrl+N records a new event or training on the tab shown. Each list filters
by year, campaign (audience) and division, searches titles and places, sorts in the database and
exports what it shows to Excel.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import Campaign, TrainingAudience
from app.domain.records.activities import ActivityFilter, CampaignTotals, TrainingFilter, TrainingTotals
from app.domain.validation import format_fen
from app.services import activities, families
from app.services.activities.imports import ActivityImport, TrainingImport
from ui.activities.activity_form import ActivityForm
from ui.activities.training_form import TrainingForm
from ui.models.lazy_table import LazyColumn, date_column, money_column
from ui.models.rows_model import Column, RowsTableModel
from ui.shell.page import Page, PageContext
from ui.widgets.draft_dialog import DraftDialog
from ui.widgets.empty_state import EmptyState
from ui.widgets.record_list import FilterSpec, ListQuery, RecordList
from ui.widgets.record_tab import RecordTab

YEARS_OFFERED = 8  # the year filters offer this year and the seven before


def year_options(every: str) -> list[tuple[str, Any]]:
    this = date.today().year
    return [(every, None)] + [(str(y), y) for y in range(this, this - YEARS_OFFERED, -1)]


def _total_column(header: str, name: str) -> Column:
    """A count of a totals row (its attribute ``name``), right-aligned with thousands separators."""
    return Column(
        header, lambda t: getattr(t, name), text=lambda t: f"{getattr(t, name):,}", align_right=True
    )


def _count(key: str, header: str, getter: Any, width: int = 7) -> LazyColumn:
    return LazyColumn(
        key, header, getter, text=lambda r: f"{getter(r):,}", align_right=True, width_chars=width
    )


class ActivitiesPage(Page):
    draft_kinds: ClassVar[tuple[str, ...]] = ("activity", "training")
    screenshot_dialogs: ClassVar[tuple[str, ...]] = ("activity_form", "training_form")

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.title = self.tr("Campaigns and trainings")
        ws = context.workspace
        every = self.tr("All")
        self.activity_list = RecordList(
            context.runner,
            self._activity_columns(),
            workspace=ws,
            list_ids=self._activity_ids,
            fetch_rows=lambda ids: activities.load_activity_rows(ws, ids),
            filters=[
                FilterSpec("year", self.tr("&Year"), year_options(every)),
                FilterSpec(
                    "campaign", self.tr("&Campaign"), [(every, None)] + [(c.value, c.value) for c in Campaign]
                ),
            ],
            divisions=lambda: families.family_divisions(ws),
            settings_key="activities",
            export_title=self.tr("Campaign activities"),
            count_text=lambda n: self.tr("%1 activities").replace("%1", f"{n:,}"),
            default_sort=("held_on", True),
            search_hint=self.tr("Search: title or place (Ctrl+F)"),
        )
        self.training_list = RecordList(
            context.runner,
            self._training_columns(),
            workspace=ws,
            list_ids=self._training_ids,
            fetch_rows=lambda ids: activities.load_training_rows(ws, ids),
            filters=[
                FilterSpec("year", self.tr("&Year"), year_options(every)),
                FilterSpec(
                    "audience",
                    self.tr("A&udience"),
                    [(every, None)] + [(a.value, a.value) for a in TrainingAudience],
                ),
            ],
            divisions=lambda: families.family_divisions(ws),
            settings_key="trainings",
            export_title=self.tr("Trainings"),
            count_text=lambda n: self.tr("%1 trainings").replace("%1", f"{n:,}"),
            default_sort=("held_on", True),
            search_hint=self.tr("Search: title, place or organiser (Ctrl+F)"),
        )
        self.activity_tab = RecordTab(
            context,
            self.activity_list,
            new_label=self.tr("&New activity"),
            open_form=lambda rid, parent: ActivityForm(context, rid, parent=parent),
            delete=activities.mark_activity_deleted,
            describe=lambda r: f"“{r.title}”",
            import_kind=ActivityImport,
        )
        self.training_tab = RecordTab(
            context,
            self.training_list,
            new_label=self.tr("&New training"),
            open_form=lambda rid, parent: TrainingForm(context, rid, parent=parent),
            delete=activities.mark_training_deleted,
            describe=lambda r: f"“{r.title}”",
            import_kind=TrainingImport,
        )
        self.totals = TotalsPanel(context)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.activity_tab, self.tr("&1 Campaign activities"))
        self.tabs.addTab(self.training_tab, self.tr("&2 Trainings"))
        self.tabs.addTab(self.totals, self.tr("&3 Yearly totals"))
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        QShortcut(QKeySequence.StandardKey.New, self).activated.connect(self.new_record)
        self._shown: set[int] = set()

    # --- lists ------------------------------------------------------------------------------------------

    def _activity_columns(self) -> list[LazyColumn]:
        return [
            date_column("held_on", self.tr("Date"), lambda r: r.held_on),
            LazyColumn("title", self.tr("Title"), lambda r: r.title, width_chars=26),
            LazyColumn("campaign", self.tr("Campaign"), lambda r: r.campaign, width_chars=14),
            LazyColumn("kind", self.tr("Kind"), lambda r: r.kind, sortable=False, width_chars=5),
            LazyColumn("division", self.tr("Division"), lambda r: r.division_name, width_chars=12),
            LazyColumn("place", self.tr("Place"), lambda r: r.place, width_chars=16, visible=False),
            _count("sessions", self.tr("Sessions"), lambda r: r.sessions, 5),
            _count("participants", self.tr("Participants"), lambda r: r.participants),
            _count("materials", self.tr("Materials"), lambda r: r.materials),
            _count("served", self.tr("Services"), lambda r: r.served),
            _count("beneficiaries", self.tr("Reached"), lambda r: r.beneficiaries),
            money_column("spending", self.tr("Spending (yuan)"), lambda r: r.spending_fen, width_chars=11),
        ]

    def _training_columns(self) -> list[LazyColumn]:
        return [
            date_column("held_on", self.tr("Start date"), lambda r: r.held_on),
            LazyColumn("title", self.tr("Title"), lambda r: r.title, width_chars=26),
            LazyColumn("audience", self.tr("Audience"), lambda r: r.audience, width_chars=12),
            _count("days", self.tr("Days"), lambda r: r.days, 4),
            _count("participants", self.tr("Participants"), lambda r: r.participants),
            _count("person_days", self.tr("Person-days"), lambda r: r.person_days),
            LazyColumn("division", self.tr("Division"), lambda r: r.division_name, width_chars=12),
            LazyColumn("organiser", self.tr("Organiser"), lambda r: r.organiser, width_chars=14),
            LazyColumn("place", self.tr("Place"), lambda r: r.place, width_chars=16, visible=False),
            money_column("spending", self.tr("Spending (yuan)"), lambda r: r.spending_fen, width_chars=11),
        ]

    def _activity_ids(self, q: ListQuery) -> list[str]:
        campaign = q.filters.get("campaign")
        flt = ActivityFilter(
            text=q.text,
            year=q.filters.get("year"),
            campaign=Campaign(campaign) if campaign else None,
            division_code=q.division_code,
            sort=q.sort_key or "held_on",
            descending=q.descending,
        )
        return activities.list_activity_ids(self.workspace, flt, limit=q.limit)

    def _training_ids(self, q: ListQuery) -> list[str]:
        audience = q.filters.get("audience")
        flt = TrainingFilter(
            text=q.text,
            year=q.filters.get("year"),
            audience=TrainingAudience(audience) if audience else None,
            division_code=q.division_code,
            sort=q.sort_key or "held_on",
            descending=q.descending,
        )
        return activities.list_training_ids(self.workspace, flt, limit=q.limit)

    # --- page -------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        current = self.tabs.currentWidget()
        if current is self.totals:
            self.totals.reload()
            return
        tab = current if isinstance(current, RecordTab) else self.activity_tab
        tab.list.load_divisions()
        tab.list.reload()

    def new_record(self) -> DraftDialog | None:
        """Ctrl+N: a new record of the tab shown (an activity from the totals tab)."""
        current = self.tabs.currentWidget()
        tab = current if isinstance(current, RecordTab) else self.activity_tab
        return tab.new_record()

    def open_draft(self, kind: str, key: str) -> DraftDialog | None:
        """Reopen an unfinished form listed on the home page."""
        tab = {ActivityForm.draft_kind: self.activity_tab, TrainingForm.draft_kind: self.training_tab}.get(
            kind
        )
        if tab is None:
            return None
        self.tabs.setCurrentWidget(tab)
        return tab.new_record() if key == "new" else tab.edit_record(key)

    # --- forms for scripts/screenshots.py: the latest record, not opened -----------------------------

    def activity_form(self) -> ActivityForm:
        first = activities.list_activity_ids(self.workspace, limit=1)
        return ActivityForm(self.context, first[0] if first else None, parent=self)

    def training_form(self) -> TrainingForm:
        first = activities.list_training_ids(self.workspace, limit=1)
        return TrainingForm(self.context, first[0] if first else None, parent=self)


class TotalsPanel(QWidget):
    """A year's events by campaign and trainings by audience, each with a total line."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.year = QComboBox()
        for text, value in year_options("")[1:]:
            self.year.addItem(text, value)
        self.year.currentIndexChanged.connect(lambda _i: self.reload())
        label = QLabel(self.tr("&Year"))
        label.setBuddy(self.year)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.year)
        top.addStretch(1)

        total = self.tr("Total")
        self.campaign_model = RowsTableModel(
            [
                Column(self.tr("Campaign"), lambda t: t.campaign.value if t.campaign else total),
                *(
                    _total_column(header, field)
                    for field, header in (
                        ("events", self.tr("Activities")),
                        ("sessions", self.tr("Sessions")),
                        ("participants", self.tr("Participants")),
                        ("materials", self.tr("Materials")),
                        ("served", self.tr("Services")),
                        ("beneficiaries", self.tr("Reached")),
                    )
                ),
                Column(
                    self.tr("Spending (yuan)"),
                    lambda t: t.spending_fen,
                    text=lambda t: format_fen(t.spending_fen),
                    align_right=True,
                ),
            ],
            parent=self,
        )
        self.training_model = RowsTableModel(
            [
                Column(self.tr("Audience"), lambda t: t.audience.value if t.audience else total),
                *(
                    _total_column(header, field)
                    for field, header in (
                        ("trainings", self.tr("Trainings")),
                        ("days", self.tr("Days")),
                        ("participants", self.tr("Participants")),
                        ("person_days", self.tr("Person-days")),
                    )
                ),
                Column(
                    self.tr("Spending (yuan)"),
                    lambda t: t.spending_fen,
                    text=lambda t: format_fen(t.spending_fen),
                    align_right=True,
                ),
            ],
            parent=self,
        )
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        self.campaign_view = self._table(self.campaign_model)
        self.training_view = self._table(self.training_model)
        EmptyState(self.campaign_view, self.tr("No activities this year: record them on the first tab."))
        EmptyState(self.training_view, self.tr("No trainings this year: record them on the second tab."))
        for title, view in (
            (self.tr("Campaign activities by campaign"), self.campaign_view),
            (self.tr("Trainings by audience"), self.training_view),
        ):
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(view)
            layout.addWidget(box, 1)
        self.message = QLabel()
        self.message.setVisible(False)
        layout.addWidget(self.message)

    @staticmethod
    def _table(model: RowsTableModel) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        view.verticalHeader().setVisible(False)
        view.setAlternatingRowColors(True)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        return view

    def reload(self) -> None:
        year = self.year.currentData()
        ws = self.context.workspace
        run = self.context.runner.run
        run(activities.campaign_totals, ws, year, on_done=self._campaigns, on_error=self._error)
        run(activities.training_totals, ws, year, on_done=self._trainings, on_error=self._error)

    def _campaigns(self, lines: list[CampaignTotals]) -> None:
        self.campaign_model.set_rows(lines)

    def _trainings(self, lines: list[TrainingTotals]) -> None:
        self.training_model.set_rows(lines)

    def _error(self, exc: BaseException) -> None:
        self.message.setText(str(exc))
        self.message.setVisible(True)
