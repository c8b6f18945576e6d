"""The forms scripts/screenshots.py renders from the 特殊家庭 page: the family visited last, not opened."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.domain.records.families import FamilyFilter, FamilyRow
from app.services import families
from app.services.shared.workspace import Workspace
from ui.families.family_form import FamilyForm
from ui.families.visit_form import VisitForm
from ui.shell.page import PageContext


class SampleForms(QWidget):
    """Mixed into ``FamiliesPage`` (which gives ``context`` and ``workspace``)."""

    context: PageContext

    @property
    def workspace(self) -> Workspace:
        return self.context.workspace

    def _sample(self) -> FamilyRow | None:
        flt = FamilyFilter(sort="last_visit", descending=True)
        rows = families.load_family_rows(
            self.workspace, families.list_family_ids(self.workspace, flt, limit=1)
        )
        return rows[0] if rows else None

    def family_form(self) -> FamilyForm:
        sample = self._sample()
        form = FamilyForm(self.context, sample.id if sample else None, parent=self)
        form.tabs.setCurrentWidget(form.members)  # the members, read from their ID numbers
        return form

    def visit_form(self) -> VisitForm | None:
        sample = self._sample()
        return VisitForm(self.context, sample.id, sample.head_name, parent=self) if sample else None
