"""The family form: family, members and 三个全覆盖 in one window, checked as you type, kept as a draft.

Keyboard: Tab moves field to field, Alt+1…5 switch tabs (5: insurance), Enter or Ctrl+S saves,
Ctrl+N starts a new family, Esc closes (asking first when something is unsaved). Errors block
saving; warnings (an unknown old region code, an ID number already in another family …) are asked about once.
Typing a valid ID number fills sex and birth date and at once warns when another family already
holds the number, with a link that opens that family.

Drafts (kind ``family``, key: the family id or ``new``) come from ``DraftDialog``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCompleter, QTabWidget, QVBoxLayout, QWidget

from app.domain.enums import FamilyCategory, FamilyStatus, MemberRelation
from app.domain.records.families import (
    Coverage,
    FamilyDetail,
    FamilyInput,
    IdNumberHolder,
    UnmaskedNumbers,
    VillageChoice,
)
from app.domain.validation import Issue, Severity
from app.services import families
from app.services.families.visits import list_visits
from app.services.shared import drafts
from ui.families.insurance import InsuranceSection
from ui.families.member_data import empty_member, member_from_row
from ui.families.members import MembersPanel
from ui.families.sections import CoverageSection, GeneralSection, VisitsSection
from ui.families.volunteer_services import VolunteerServicesSection
from ui.shell.page import PageContext
from ui.widgets.draft_dialog import DraftDialog


class FamilyForm(DraftDialog):
    draft_kind = "family"
    help_topic = "family_form"
    visit_requested = Signal(str)  # the family id: record a visit for it

    def __init__(
        self, context: PageContext, family_id: str | None = None, *, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, parent)
        self.family_id = family_id
        self.detail: FamilyDetail | None = None
        self.duplicates: dict[int, list[IdNumberHolder]] = {}
        self.other_forms: list[FamilyForm] = []
        self.setWindowTitle(self.tr("New family"))

        ws = context.workspace
        self.general = GeneralSection()
        self.members = MembersPanel(known_region=families.known_id_regions().__contains__)
        self.coverage = CoverageSection()
        self.visits = VisitsSection()
        self.insurance = InsuranceSection(context)
        self.volunteering = VolunteerServicesSection(context)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.general.scroll_area, self.tr("&1 Family"))
        self.tabs.addTab(self.members, self.tr("&2 Members"))
        self.tabs.addTab(self.coverage.scroll_area, self.tr("&3 Three coverages"))
        self.tabs.addTab(self.visits, self.tr("&4 Visits"))
        self.tabs.addTab(self.insurance, self.tr("&5 Insurance"))
        self.tabs.addTab(self.volunteering, self.tr("&6 Volunteer services"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

        self.general.changed.connect(self.changed)
        self.coverage.changed.connect(self.changed)
        self.members.changed.connect(self.changed)
        self.members.id_number_ready.connect(self._look_up_id_number)
        self.members.unmask_requested.connect(self.unmask_member)
        self.members.set_unmask_allowed(families.can_unmask(ws))
        self.members.id_number.note.linkActivated.connect(self.open_family)
        self.visits.record_button.clicked.connect(self._request_visit)
        self.fit_to_screen(940, 600)

        context.runner.run(families.village_choices, ws, on_done=self._set_villages, on_error=self.show_error)
        if family_id is None:
            self.start_new()
        else:
            context.runner.run(
                families.family_detail, ws, family_id, on_done=self.load_detail, on_error=self.show_error
            )

    # --- loading ------------------------------------------------------------------------------------

    def _set_villages(self, villages: Sequence[VillageChoice]) -> None:
        combo = self.general.village
        current = combo.currentData() or (self.detail.division_code if self.detail else None)
        with self.loading():
            combo.clear()
            combo.addItem("", "")
            for v in villages:
                combo.addItem(v.label, v.code)
            completer = QCompleter([v.label for v in villages], combo)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            combo.setCompleter(completer)
            combo.setCurrentIndex(max(combo.findData(current), 0))

    def start_new(self) -> None:
        self.family_id, self.detail = None, None
        self.duplicates.clear()
        self.setWindowTitle(self.tr("New family"))
        with self.loading():
            self.general.clear()
            self.coverage.set_coverage(Coverage())
            self.members.set_members([empty_member(MemberRelation.SELF)])
            self.visits.set_visits([])
        self.visits.set_saved(False)
        self.insurance.set_family(None)
        self.volunteering.set_family(None)
        self.mark_clean()
        self.tabs.setCurrentIndex(0)
        self.offer_draft()
        self.general.village.setFocus()

    def load_detail(self, detail: FamilyDetail) -> None:
        self.detail = detail
        self.family_id = detail.id
        self.setWindowTitle(self.tr("Family: %1").replace("%1", detail.head_name))
        with self.loading():
            self.general.set_detail(detail)
            self.coverage.set_coverage(detail.coverage)
            self.members.set_members([member_from_row(m) for m in detail.members])
        self.visits.set_saved(True)
        self.refresh_visits()
        self.insurance.set_family(detail.id, detail.head_name)
        self.volunteering.set_family(detail.id)
        self.mark_clean()
        self.offer_draft()

    def refresh_visits(self) -> None:
        if self.family_id:
            self.context.runner.run(
                list_visits,
                self.context.workspace,
                self.family_id,
                on_done=self.visits.set_visits,
                on_error=self.show_error,
            )

    # --- DraftDialog ----------------------------------------------------------------------------------

    def draft_key(self) -> str:
        return self.family_id or "new"

    def draft_title(self) -> str:
        head = next(
            (m.get("name") for m in self.members.members if m.get("relation") == MemberRelation.SELF), ""
        )
        return self.tr("Family: %1").replace("%1", head or self.tr("(new)"))

    def form_data(self) -> dict[str, Any]:
        return {
            "general": self.general.data(),
            "members": [dict(m) for m in self.members.members],
            "coverage": self.coverage.data(),
            "member_index": self.members.current_index(),
        }

    def apply_data(self, data: dict[str, Any]) -> None:
        self.general.apply(data.get("general") or {})
        self.coverage.apply(data.get("coverage") or {})
        self.members.set_members(data.get("members") or [empty_member(MemberRelation.SELF)])
        self.members.select(int(data.get("member_index") or 0))

    def family_input(self) -> FamilyInput:
        g = self.general
        return FamilyInput(
            division_code=g.village.currentData() or "",
            category=FamilyCategory(g.category.currentData()),
            members=self.members.inputs(),
            status=FamilyStatus(g.status.currentData()),
            family_no=g.family_no.text(),
            disability_grade=g.grade.currentData() if g.grade.isEnabled() else None,
            status_changed_on=g.status_changed_on.date(),
            registered_on=g.registered_on.date(),
            phone=g.phone.text(),
            address=g.address.text(),
            monthly_support_fen=g.support.fen(),
            needs=g.needs.text(),
            note=g.note.text(),
            coverage=self.coverage.coverage(),
            id=self.family_id,
        )

    def save_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return families.save_family, (self.context.workspace, self.family_input())

    def local_issues(self) -> list[Issue]:
        members = self.members.local_issues()  # every member's, named members.<i>.<field>
        found = self.general.validate() + self.coverage.validate() + members
        covered, row = {i.field for i in members}, self.members.current_index()
        for f in self.members.fields.values():  # the chosen member's editor shows its notes …
            # … and adds only what the members' check did not already say ("请填写姓名" twice before)
            found += [i for i in f.validate() if f"members.{row}.{f.field}" not in covered]
        return found

    def after_save(self, record_id: str) -> None:
        if self.draft_key() != record_id:
            drafts.discard_draft(self.draft_kind, record_id)
        self.family_id = record_id

    def show_issues(self, issues: Sequence[Issue]) -> None:
        self.members.show_issues(issues)
        self.general.show_issues(issues)
        self.coverage.show_issues(issues)

    def focus_issue(self, issue: Issue) -> None:
        parts = issue.field.split(".")
        if parts[0] == "members":
            self.tabs.setCurrentWidget(self.members)
            row = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else self.members.first_error_row()
            if row >= 0:
                self.members.select(row)
                target = self.members.fields.get(parts[2] if len(parts) > 2 else "name")
                (target or self.members.name).setFocus()
            return
        section = self.coverage if parts[0] == "coverage" else self.general
        self.tabs.setCurrentWidget(section.scroll_area)
        widget = section.widget_for(parts[-1])
        if widget is not None:
            widget.setFocus()

    # --- the duplicate ID warning, other families, visits ----------------------------------------

    def _look_up_id_number(self, index: int, number: str) -> None:
        self.context.runner.run(
            families.find_by_id_number,
            self.context.workspace,
            number,
            except_family=self.family_id,
            on_done=lambda holders: self._show_duplicates(index, number, holders),
            on_error=self.show_error,
        )

    def _show_duplicates(self, index: int, number: str, holders: Sequence[IdNumberHolder]) -> None:
        if index >= len(self.members.members) or self.members.members[index].get("id_number") != number:
            return  # the number was changed meanwhile
        self.duplicates[index] = list(holders)
        if not holders or index != self.members.current_index():
            return
        lines = [
            self.tr('Already registered: %1, in the family of %2 (%3, %4). <a href="%5">Open that family</a>')
            .replace("%1", h.name)
            .replace("%2", f"{h.village} {h.head_name}")
            .replace("%3", h.relation.value)
            .replace("%4", h.status.value)
            .replace("%5", h.family_id)
            for h in holders
        ]
        self.members.id_number.show_note("<br>".join(lines), Severity.WARNING)

    def open_family(self, family_id: str) -> FamilyForm:
        """Open another family (the holder of a duplicate ID) on top; this form keeps its draft."""
        self.write_draft()
        other = FamilyForm(self.context, family_id, parent=self)
        other.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.other_forms.append(other)
        other.open()
        return other

    def unmask_member(self, member_id: str) -> None:
        """显示完整号码: the service hands out one member's numbers and writes it to the audit log."""
        self.context.runner.run(
            families.unmask_member,
            self.context.workspace,
            member_id,
            on_done=self._show_unmasked,
            on_error=self.show_error,
        )

    def _show_unmasked(self, numbers: UnmaskedNumbers) -> None:
        with self.loading():  # showing the stored numbers is not an edit
            self.members.set_unmasked(numbers)

    def _request_visit(self) -> None:
        if self.family_id:
            self.visit_requested.emit(self.family_id)
