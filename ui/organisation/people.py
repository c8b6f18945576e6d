"""The organisation page's lists of people in their roles, and the villages below two instructors.

``PeopleLists`` builds one ``RecordTab`` per group (staff, members, volunteers, instructors): the
same columns, each group showing its role's own (staff kind and post, service hours, training
date and certificate); ``InstructorGaps`` lists the villages short of the 2023 target.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QGroupBox, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from app.domain.enums import PersonRoleKind, StaffKind
from app.domain.records.org import (
    INSTRUCTOR_ROLES,
    INSTRUCTOR_TARGET,
    MEMBER_ROLES,
    STAFF_ROLES,
    VOLUNTEER_ROLES,
    InstructorCoverage,
    PersonFilter,
    VillageInstructors,
)
from app.services import families, organisation
from app.services.organisation.imports import PEOPLE_IMPORTS
from ui.models.lazy_table import LazyColumn, date_column
from ui.models.rows_model import Column, RowsTableModel
from ui.organisation.person_form import PersonForm
from ui.shell.page import PageContext
from ui.widgets.empty_state import EmptyState
from ui.widgets.record_list import FilterSpec, ListQuery, RecordList
from ui.widgets.record_tab import RecordTab


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


class PeopleLists(QObject):
    """Builds the tabs of people in their roles for the organisation page."""

    def __init__(self, context: PageContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context

    def tab(self, group: PeopleGroup) -> RecordTab:
        ws = self.context.workspace
        every = self.tr("All")
        filters = [
            FilterSpec(
                "current",
                self.tr("&Show"),
                [(self.tr("Current"), "current"), (self.tr("Also former"), "all")],
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
            self.context.runner,
            self._person_columns(group),
            workspace=ws,
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
            import_kind=PEOPLE_IMPORTS[group.key],
        )

    def _person_columns(self, group: PeopleGroup) -> list[LazyColumn]:
        shown = group.columns
        return [
            LazyColumn("name", self.tr("Name"), lambda r: r.name, width_chars=7),
            LazyColumn("sex", self.tr("Sex"), lambda r: r.sex, width_chars=3),
            LazyColumn("age", self.tr("Age"), lambda r: r.age, align_right=True, width_chars=4),
            LazyColumn(
                "id_number",
                self.tr("ID number"),
                lambda r: r.id_masked,
                sortable=False,
                width_chars=17,
                export=lambda r: r.id_export or r.id_masked,
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
            current_only=q.filters.get("current") != "all",
            sort=q.sort_key or "name",
            descending=q.descending,
        )
        return organisation.list_person_ids(self.context.workspace, flt, limit=q.limit)


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
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.view.verticalHeader().setVisible(False)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.hint = EmptyState(self.view, self.tr("Every village has at least two instructors."))
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
