"""组织建设: associations by division (officers, members, 会员之家, 换届), staff, members, volunteers,
family-health instructors with the villages still below two, and positions (阵地).

Alt+1…6 switch tabs; Ctrl+N registers a new record on the tab shown. Every list searches,
filters by division on its tree, sorts in the database and exports what it shows to Excel.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.enums import AssociationKind, PersonRoleKind, PositionKind
from app.domain.records.org import (
    AssociationDetail,
    AssociationFilter,
    PersonFilter,
    PersonRoleRow,
    PositionCount,
    PositionFilter,
)
from app.domain.validation import format_fen
from app.services import families, organisation
from app.services.organisation.association_imports import AssociationImport
from ui.models.lazy_table import LazyColumn, date_column, money_column, yes_no_column
from ui.organisation.association_form import AssociationForm, TermForm
from ui.organisation.people import GROUPS, InstructorGaps, PeopleLists
from ui.organisation.person_form import PersonForm
from ui.organisation.position_form import PositionForm
from ui.shell.page import Page, PageContext
from ui.widgets.draft_dialog import DraftDialog
from ui.widgets.record_list import FilterSpec, ListQuery, RecordList
from ui.widgets.record_tab import RecordTab


class OrganisationPage(Page):
    draft_kinds: ClassVar[tuple[str, ...]] = ("association", "term", "person", "position")
    screenshot_dialogs: ClassVar[tuple[str, ...]] = ("association_form", "person_form", "position_form")

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.title = self.tr("Organisation")
        ws = context.workspace
        self.association_list = RecordList(
            context.runner,
            self._association_columns(),
            workspace=ws,
            list_ids=self._association_ids,
            fetch_rows=lambda ids: organisation.load_association_rows(ws, ids),
            filters=[
                FilterSpec(
                    "kind",
                    self.tr("&Kind"),
                    [(self.tr("All"), None)] + [(k.value, k.value) for k in AssociationKind],
                ),
                FilterSpec(
                    "term_due",
                    self.tr("&Term"),
                    [(self.tr("All"), None), (self.tr("Re-election due"), "due")],
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
            import_kind=AssociationImport,
        )
        self.people_lists = PeopleLists(context, self)
        self.people: dict[str, RecordTab] = {g.key: self.people_lists.tab(g) for g in GROUPS}
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
            workspace=ws,
            list_ids=self._position_ids,
            fetch_rows=lambda ids: organisation.load_position_rows(ws, ids),
            filters=[
                FilterSpec(
                    "kind",
                    self.tr("&Kind"),
                    [(self.tr("All"), None)] + [(k.value, k.value) for k in PositionKind],
                ),
                FilterSpec(
                    "open", self.tr("&Show"), [(self.tr("In use"), "open"), (self.tr("Also closed"), "all")]
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
            term_due=q.filters.get("term_due") == "due",
            sort=q.sort_key or "division",
            descending=q.descending,
        )
        return organisation.list_association_ids(self.workspace, flt, limit=q.limit)

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
            LazyColumn("places", self.tr("Places"), lambda r: r.places, sortable=False, align_right=True),
            LazyColumn("address", self.tr("Address"), lambda r: r.address, sortable=False, visible=False),
            date_column("closed_on", self.tr("Closed"), lambda r: r.closed_on, visible=False),
        ]

    def _position_ids(self, q: ListQuery) -> list[str]:
        kind = q.filters.get("kind")
        flt = PositionFilter(
            text=q.text,
            division_code=q.division_code,
            kind=PositionKind(kind) if kind else None,
            open_only=q.filters.get("open") != "all",
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
        """Reopen an unfinished form listed on the home page (its draft is offered as it opens)."""
        if kind == TermForm.draft_kind:  # keyed by the association
            self.runner.run(
                organisation.association_detail,
                self.workspace,
                key,
                on_done=lambda detail: self._open_term(detail),
                on_error=self.associations.show_error,
            )
            return None
        if kind == PersonForm.draft_kind and not key.startswith("new-"):
            self.runner.run(
                organisation.load_person_rows,
                self.workspace,
                [key],
                on_done=lambda rows: self._open_person(key, rows),
                on_error=self.associations.show_error,
            )
            return None
        if kind == PersonForm.draft_kind:
            tab = self.people.get(key.removeprefix("new-"), self.people["staff"])
            self.tabs.setCurrentIndex(self._index_of(tab))
            return tab.new_record()
        other = {AssociationForm.draft_kind: self.associations, PositionForm.draft_kind: self.positions}.get(
            kind
        )
        if other is None:
            return None
        self.tabs.setCurrentIndex(self._index_of(other))
        return other.new_record() if key == "new" else other.edit_record(key)

    def _index_of(self, tab: RecordTab) -> int:
        index = self.tabs.indexOf(tab)
        return index if index >= 0 else self.tabs.count() - 2  # the instructors sit in a splitter

    def _open_term(self, detail: AssociationDetail) -> None:
        form = TermForm(self.context, detail, parent=self)
        form.saved.connect(lambda _id: self.associations.list.reload())
        self.associations.forms.append(form)
        form.open()

    def _open_person(self, role_id: str, rows: Sequence[PersonRoleRow]) -> None:
        role = rows[0].role if rows else PersonRoleKind.STAFF
        group = next((g for g in GROUPS if role in g.roles), GROUPS[0])
        tab = self.people[group.key]
        self.tabs.setCurrentIndex(self._index_of(tab))
        tab.edit_record(role_id)

    # --- forms for scripts/screenshots.py: built on the first record, not opened --------------------

    def association_form(self) -> AssociationForm | None:
        first = organisation.list_association_ids(self.workspace, limit=1)
        return AssociationForm(self.context, first[0], parent=self) if first else None

    def person_form(self) -> PersonForm:
        group = GROUPS[-1]
        first = organisation.list_person_ids(self.workspace, PersonFilter(roles=group.roles), limit=1)
        return PersonForm(self.context, first[0] if first else None, group.roles, group.key, parent=self)

    def position_form(self) -> PositionForm:
        return PositionForm(self.context, None, parent=self)
