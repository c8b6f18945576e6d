"""组织建设: associations by division (officers, members, 会员之家, 换届), staff, members, volunteers,
family-health instructors with the villages still below two, and positions (阵地).

Alt+1…6 switch tabs; Ctrl+N registers a new record on the tab shown. Every list searches,
filters by division on its tree, sorts in the database and exports what it shows to Excel.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGroupBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import AssociationKind, PersonRoleKind, PositionKind, StaffKind
from app.domain.records.org import (
    INSTRUCTOR_ROLES,
    INSTRUCTOR_TARGET,
    MEMBER_ROLES,
    STAFF_ROLES,
    VOLUNTEER_ROLES,
    AssociationFilter,
    InstructorCoverage,
    PersonFilter,
    PositionCount,
    PositionFilter,
    VillageInstructors,
)
from app.domain.validation import format_fen
from app.services import families, organisation
from ui.dialogs.association_form import AssociationForm
from ui.dialogs.draft_dialog import DraftDialog
from ui.dialogs.person_form import PersonForm
from ui.dialogs.position_form import PositionForm
from ui.models.lazy_table import LazyColumn, date_column, money_column, yes_no_column
from ui.models.rows_model import Column, RowsTableModel
from ui.pages.base import Page, PageContext
from ui.pages.record_tab import RecordTab
from ui.widgets.record_list import FilterSpec, ListQuery, RecordList


@dataclass(frozen=True)
class PeopleGroup:
    """One list of people in their roles: which roles, which role columns it shows."""

    key: str  # settings and draft key: staff / members / volunteers / instructors
    roles: tuple[PersonRoleKind, ...]
    columns: frozenset[str]


GROUPS = (
    PeopleGroup("staff", STAFF_ROLES, frozenset({"role", "staff_kind", "title", "association", "workplace"})),
    PeopleGroup("members", MEMBER_ROLES, frozenset({"role", "association"})),
    PeopleGroup("volunteers", VOLUNTEER_ROLES, frozenset({"hours", "association"})),
    PeopleGroup("instructors", INSTRUCTOR_ROLES, frozenset({"trained_on", "certificate"})),
)


class OrganisationPage(Page):
    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.title = self.tr("Organisation")
        ws = context.workspace
        self.association_list = RecordList(
            context.runner,
            self._association_columns(),
            list_ids=self._association_ids,
            fetch_rows=lambda ids: organisation.load_association_rows(ws, ids),
            filters=[
                FilterSpec(
                    "kind",
                    self.tr("&Kind"),
                    [(self.tr("All"), None)] + [(k.value, k.value) for k in AssociationKind],
                ),
                FilterSpec(
                    "term_due", self.tr("&Term"), [(self.tr("All"), None), (self.tr("Re-election due"), True)]
                ),
            ],
            divisions=lambda: families.family_divisions(ws),
            settings_key="associations",
            export_title=self.tr("Associations"),
            count_text=lambda n: self.tr("%1 associations").replace("%1", f"{n:,}"),
            default_sort=("division", False),
            search_hint=self.tr("Search: association, president or secretary-general (Ctrl+F)"),
        )
        self.associations = RecordTab(
            context,
            self.association_list,
            new_label=self.tr("&New association"),
            open_form=lambda rid, parent: AssociationForm(context, rid, parent=parent),
            delete=organisation.mark_association_deleted,
            describe=lambda r: f"“{r.name}”",
        )
        self.people: dict[str, RecordTab] = {g.key: self._people_tab(g) for g in GROUPS}
        self.instructor_gaps = InstructorGaps(context)
        instructors = QSplitter(Qt.Orientation.Vertical)
        instructors.addWidget(self.people["instructors"])
        instructors.addWidget(self.instructor_gaps)
        instructors.setStretchFactor(0, 3)
        instructors.setStretchFactor(1, 2)
        instructors.setChildrenCollapsible(False)
        self.position_list = RecordList(
            context.runner,
            self._position_columns(),
            list_ids=self._position_ids,
            fetch_rows=lambda ids: organisation.load_position_rows(ws, ids),
            filters=[
                FilterSpec(
                    "kind",
                    self.tr("&Kind"),
                    [(self.tr("All"), None)] + [(k.value, k.value) for k in PositionKind],
                ),
                FilterSpec(
                    "open", self.tr("&Show"), [(self.tr("In use"), True), (self.tr("Also closed"), False)]
                ),
            ],
            divisions=lambda: families.family_divisions(ws),
            settings_key="positions",
            export_title=self.tr("Positions"),
            count_text=lambda n: self.tr("%1 positions").replace("%1", f"{n:,}"),
            default_sort=("opened_on", True),
            search_hint=self.tr("Search: name or address (Ctrl+F)"),
        )
        self.positions = RecordTab(
            context,
            self.position_list,
            new_label=self.tr("&New position"),
            open_form=lambda rid, parent: PositionForm(context, rid, parent=parent),
            delete=organisation.mark_position_deleted,
            describe=lambda r: f"“{r.name}”",
        )
        self.position_counts = QLabel()
        self.position_counts.setWordWrap(True)
        self.positions.layout().insertWidget(0, self.position_counts)  # type: ignore[union-attr]

        self.tabs = QTabWidget()
        self.tabs.addTab(self.associations, self.tr("&1 Associations"))
        self.tabs.addTab(self.people["staff"], self.tr("&2 Staff"))
        self.tabs.addTab(self.people["members"], self.tr("&3 Members"))
        self.tabs.addTab(self.people["volunteers"], self.tr("&4 Volunteers"))
        self.tabs.addTab(instructors, self.tr("&5 Health instructors"))
        self.tabs.addTab(self.positions, self.tr("&6 Positions"))
        self.tabs.currentChanged.connect(lambda _i: self.refresh())
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        QShortcut(QKeySequence.StandardKey.New, self).activated.connect(self.new_record)
        self.people["instructors"].list.completed.connect(lambda _n: self.instructor_gaps.reload())

    # --- associations --------------------------------------------------------------------------------

    def _association_columns(self) -> list[LazyColumn]:
        return [
            LazyColumn("name", self.tr("Association"), lambda r: r.name, width_chars=22),
            LazyColumn("division", self.tr("Division"), lambda r: r.division_name, width_chars=14),
            LazyColumn("kind", self.tr("Kind"), lambda r: r.kind, width_chars=10),
            LazyColumn("level", self.tr("Level"), lambda r: r.level, width_chars=6, visible=False),
            LazyColumn("president", self.tr("President"), lambda r: r.president, width_chars=7),
            LazyColumn(
                "secretary", self.tr("Secretary-general"), lambda r: r.secretary_general, sortable=False
            ),
            LazyColumn(
                "members", self.tr("Members"), lambda r: r.member_count, align_right=True, width_chars=6
            ),
            LazyColumn(
                "groups", self.tr("Groups"), lambda r: r.member_group_count, align_right=True, width_chars=5
            ),
            yes_no_column(
                "member_home",
                self.tr("Member home"),
                lambda r: r.has_member_home,
                self.tr("Yes"),
                self.tr("No"),
            ),
            date_column("election", self.tr("Last election"), lambda r: r.last_election_on),
            date_column("term_ends", self.tr("Term ends"), lambda r: r.term_ends_on),
            LazyColumn("phone", self.tr("Phone"), lambda r: r.phone, sortable=False, visible=False),
        ]

    def _association_ids(self, q: ListQuery) -> list[str]:
        kind = q.filters.get("kind")
        flt = AssociationFilter(
            text=q.text,
            division_code=q.division_code,
            kind=AssociationKind(kind) if kind else None,
            term_due=bool(q.filters.get("term_due")),
            sort=q.sort_key or "division",
            descending=q.descending,
        )
        return organisation.list_association_ids(self.workspace, flt, limit=q.limit)

    # --- people ---------------------------------------------------------------------------------------

    def _people_tab(self, group: PeopleGroup) -> RecordTab:
        ws = self.workspace
        every = self.tr("All")
        filters = [
            FilterSpec(
                "current", self.tr("&Show"), [(self.tr("Current"), True), (self.tr("Also former"), False)]
            )
        ]
        if len(group.roles) > 1:
            filters.insert(
                0,
                FilterSpec(
                    "role", self.tr("&Role"), [(every, None)] + [(r.value, r.value) for r in group.roles]
                ),
            )
        if group.key == "staff":
            filters.insert(
                1,
                FilterSpec(
                    "staff_kind",
                    self.tr("Staff &kind"),
                    [(every, None)] + [(k.value, k.value) for k in StaffKind],
                ),
            )
        record_list = RecordList(
            self.runner,
            self._person_columns(group),
            list_ids=lambda q: self._person_ids(group, q),
            fetch_rows=lambda ids: organisation.load_person_rows(ws, ids),
            filters=filters,
            divisions=lambda: families.family_divisions(ws),
            settings_key=f"people_{group.key}",
            export_title={
                "staff": self.tr("Staff"),
                "members": self.tr("Members"),
                "volunteers": self.tr("Volunteers"),
                "instructors": self.tr("Family health instructors"),
            }[group.key],
            count_text=lambda n: self.tr("%1 people").replace("%1", f"{n:,}"),
            default_sort=("name", False),
            search_hint=self.tr("Search: name, pinyin initials (zs), ID number, phone (Ctrl+F)"),
        )
        return RecordTab(
            self.context,
            record_list,
            new_label=self.tr("&New person"),
            open_form=lambda rid, parent: PersonForm(
                self.context, rid, group.roles, group.key, parent=parent
            ),
            delete=organisation.mark_role_deleted,
            describe=lambda r: f"{r.name}（{r.role}）",
        )

    def _person_columns(self, group: PeopleGroup) -> list[LazyColumn]:
        shown = group.columns
        return [
            LazyColumn("name", self.tr("Name"), lambda r: r.name, width_chars=7),
            LazyColumn("sex", self.tr("Sex"), lambda r: r.sex, width_chars=3),
            LazyColumn("age", self.tr("Age"), lambda r: r.age, align_right=True, width_chars=4),
            LazyColumn(
                "id_number", self.tr("ID number"), lambda r: r.id_masked, sortable=False, width_chars=17
            ),
            LazyColumn("phone", self.tr("Phone"), lambda r: r.phone, width_chars=12),
            LazyColumn("role", self.tr("Role"), lambda r: r.role, width_chars=8, visible="role" in shown),
            LazyColumn(
                "staff_kind",
                self.tr("Staff kind"),
                lambda r: r.staff_kind,
                width_chars=7,
                visible="staff_kind" in shown,
            ),
            LazyColumn("title", self.tr("Post"), lambda r: r.title, width_chars=7, visible="title" in shown),
            LazyColumn("township", self.tr("Township"), lambda r: r.township, width_chars=8),
            LazyColumn("village", self.tr("Village"), lambda r: r.village, width_chars=12),
            LazyColumn(
                "association",
                self.tr("Association"),
                lambda r: r.association_name,
                sortable=False,
                width_chars=16,
                visible="association" in shown,
            ),
            LazyColumn(
                "workplace",
                self.tr("Workplace"),
                lambda r: r.workplace,
                sortable=False,
                width_chars=16,
                visible="workplace" in shown,
            ),
            date_column(
                "trained_on", self.tr("Trained on"), lambda r: r.trained_on, visible="trained_on" in shown
            ),
            LazyColumn(
                "certificate",
                self.tr("Certificate"),
                lambda r: r.certificate_no,
                width_chars=11,
                visible="certificate" in shown,
            ),
            LazyColumn(
                "hours",
                self.tr("Service hours"),
                lambda r: r.service_hours,
                align_right=True,
                width_chars=6,
                visible="hours" in shown,
            ),
            date_column("started_on", self.tr("Since"), lambda r: r.started_on),
            date_column("ended_on", self.tr("Until"), lambda r: r.ended_on, visible=False),
        ]

    def _person_ids(self, group: PeopleGroup, q: ListQuery) -> list[str]:
        role, staff = q.filters.get("role"), q.filters.get("staff_kind")
        flt = PersonFilter(
            roles=group.roles,
            text=q.text,
            division_code=q.division_code,
            role=PersonRoleKind(role) if role else None,
            staff_kind=StaffKind(staff) if staff else None,
            current_only=q.filters.get("current", True) is not False,
            sort=q.sort_key or "name",
            descending=q.descending,
        )
        return organisation.list_person_ids(self.workspace, flt, limit=q.limit)

    # --- positions ------------------------------------------------------------------------------------

    def _position_columns(self) -> list[LazyColumn]:
        return [
            LazyColumn("name", self.tr("Position name"), lambda r: r.name, width_chars=20),
            LazyColumn("kind", self.tr("Kind"), lambda r: r.kind, width_chars=10),
            LazyColumn("level", self.tr("Level"), lambda r: r.level, width_chars=6),
            LazyColumn("division", self.tr("Division"), lambda r: r.division_name, width_chars=12),
            LazyColumn(
                "association",
                self.tr("Association"),
                lambda r: r.association_name,
                sortable=False,
                width_chars=16,
                visible=False,
            ),
            date_column("opened_on", self.tr("Opened"), lambda r: r.opened_on),
            date_column("plaque_on", self.tr("Plaque"), lambda r: r.plaque_on),
            money_column("funding", self.tr("Funding (yuan)"), lambda r: r.funding_fen, width_chars=11),
            LazyColumn("area", self.tr("Area (m²)"), lambda r: r.area_m2, align_right=True, width_chars=6),
            LazyColumn("address", self.tr("Address"), lambda r: r.address, sortable=False, visible=False),
            date_column("closed_on", self.tr("Closed"), lambda r: r.closed_on, visible=False),
        ]

    def _position_ids(self, q: ListQuery) -> list[str]:
        kind = q.filters.get("kind")
        flt = PositionFilter(
            text=q.text,
            division_code=q.division_code,
            kind=PositionKind(kind) if kind else None,
            open_only=q.filters.get("open", True) is not False,
            sort=q.sort_key or "opened_on",
            descending=q.descending,
        )
        return organisation.list_position_ids(self.workspace, flt, limit=q.limit)

    def _show_position_counts(self, counts: Sequence[PositionCount]) -> None:
        parts = [f"{c.kind.value} {c.count}" for c in counts]
        funding = sum(c.funding_fen for c in counts)
        text = self.tr("In use: %1; funding %2 yuan").replace("%1", "，".join(parts) or "0")
        self.position_counts.setText(text.replace("%2", format_fen(funding)))

    # --- the page -------------------------------------------------------------------------------------

    def current_tab(self) -> RecordTab:
        current = self.tabs.currentWidget()
        if isinstance(current, RecordTab):
            return current
        return self.people["instructors"]  # the instructors' splitter

    def refresh(self) -> None:
        tab = self.current_tab()
        tab.list.load_divisions()
        tab.list.reload()
        if tab is self.positions:
            self.runner.run(
                organisation.position_counts,
                self.workspace,
                on_done=self._show_position_counts,
                on_error=tab.show_error,
            )

    def new_record(self) -> DraftDialog:
        return self.current_tab().new_record()

    def apply_filter(self, **filters: Any) -> None:
        """Open a tab narrowed: tab="instructors" | "positions" …, division_code=, text=."""
        tab_key = filters.get("tab")
        tabs = {"associations": self.associations, "positions": self.positions, **self.people}
        if tab_key in tabs:
            target = tabs[tab_key]
            index = self.tabs.indexOf(target)
            self.tabs.setCurrentIndex(index if index >= 0 else self.tabs.count() - 2)
        tab = self.current_tab()
        if "division_code" in filters:
            tab.list.select_division(filters["division_code"])
        if "text" in filters:
            tab.list.set_search(str(filters["text"] or ""), now=False)
        tab.list.reload()

    def open_draft(self, kind: str, key: str) -> DraftDialog | None:
        """Reopen an unfinished form listed on the home page."""
        if kind == AssociationForm.draft_kind:
            tab = self.associations
        elif kind == PositionForm.draft_kind:
            tab = self.positions
        elif kind == PersonForm.draft_kind:
            group = key.removeprefix("new-") if key.startswith("new-") else "staff"
            tab = self.people.get(group, self.people["staff"])
            if key.startswith("new-"):
                return tab.new_record()
        else:
            return None
        return tab.new_record() if key == "new" else tab.edit_record(key)


class InstructorGaps(QWidget):
    """Villages with fewer than two family-health instructors (the 2023 plan: every village ≥ 2)."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = RowsTableModel(
            [
                Column(self.tr("Township"), lambda v: v.township),
                Column(self.tr("Village"), lambda v: v.name),
                Column(self.tr("Instructors"), lambda v: v.instructors, align_right=True),
                Column(self.tr("Names"), lambda v: v.names),
            ],
            parent=self,
        )
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().setVisible(False)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        box = QGroupBox(
            self.tr("Villages with fewer than %1 family health instructors").replace(
                "%1", str(INSTRUCTOR_TARGET)
            )
        )
        inner = QVBoxLayout(box)
        inner.addWidget(self.summary)
        inner.addWidget(self.view, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)

    def reload(self) -> None:
        ws = self.context.workspace
        run = self.context.runner.run
        run(organisation.instructor_coverage, ws, on_done=self._coverage, on_error=self._error)
        run(
            organisation.villages_below_instructor_target,
            ws,
            on_done=self.model.set_rows,
            on_error=self._error,
        )

    def _coverage(self, cover: InstructorCoverage) -> None:
        below = cover.villages - cover.villages_on_target
        text = self.tr(
            "%1 of %2 villages have at least %3 instructors; %4 still below; %5 instructors in all."
        )
        for mark, value in (
            ("%1", cover.villages_on_target),
            ("%2", cover.villages),
            ("%3", cover.target),
            ("%4", below),
            ("%5", cover.instructors),
        ):
            text = text.replace(mark, f"{value:,}")
        self.summary.setText(text)
        self.summary.setStyleSheet("color: #b35c00;" if below else "color: #1f6f3f;")

    def rows(self) -> list[VillageInstructors]:
        return [self.model.row_at(r) for r in range(self.model.rowCount())]

    def _error(self, exc: BaseException) -> None:
        self.summary.setText(str(exc))
