"""志愿服务 in the family form: the services volunteers gave the family, and the form for one.

``VolunteerServicesSection`` is a tab of the family form, empty with a hint until the family is
saved; ``VolunteerServiceForm`` is a ``RecordForm`` (a draft of kind ``volunteer_service`` keyed by
the service id or ``new-<family id>``) where the volunteer is picked from those registered near
the family or, when not registered, typed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QWidget,
)

from app.domain.enums import WarmAction
from app.domain.records.families import VolunteerChoice, VolunteerServiceInput, VolunteerServiceRow
from app.services.families import volunteer_services as services
from ui.families.record_panel import Call, RecordPanel
from ui.models.lazy_table import date_text
from ui.models.rows_model import Column
from ui.shell.page import PageContext
from ui.widgets.fields import ChoiceField, TextField
from ui.widgets.record_form import CountField, RecordForm
from ui.widgets.value_fields import DateField


class VolunteerServiceForm(RecordForm):
    draft_kind = "volunteer_service"

    def __init__(
        self,
        context: PageContext,
        family_id: str,
        service_id: str | None = None,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, service_id, parent)
        self.family_id = family_id
        self.loaded: VolunteerServiceInput | None = None
        self.served_on = DateField("served_on", self.tr("Date"), required=True)
        self.volunteer = ChoiceField("person_id", self.tr("volunteer"))
        self.volunteer_name = TextField("volunteer_name", self.tr("Volunteer not registered"), max_length=40)
        self.system = ChoiceField("system", self.tr("system"), required=True)
        for w in WarmAction:
            self.system.combo.addItem(w.value, w.value)
        self.service = TextField("service", self.tr("Service"), required=True, max_length=120)
        self.service.edit.setPlaceholderText(self.tr("e.g. went with her to hospital, cleaned the house"))
        self.hours = CountField("hours", self.tr("Hours"))
        self.note = TextField("note", self.tr("Note"))
        self.place(0, 0, self.tr("&Date"), self.served_on)
        self.place(0, 2, self.tr("S&ystem"), self.system)
        self.place(1, 0, self.tr("&Volunteer"), self.volunteer)
        self.place(1, 2, self.tr("or &name"), self.volunteer_name)
        self.place(2, 0, self.tr("&Service"), self.service, 3)
        self.place(3, 0, self.tr("&Hours"), self.hours)
        self.place(4, 0, self.tr("N&ote"), self.note, 3)
        self.finish_layout(760, 260)
        ws = context.workspace
        context.runner.run(
            services.volunteer_choices, ws, family_id, on_done=self._set_volunteers, on_error=self.show_error
        )
        if service_id is None:
            self.start_new()
        else:
            context.runner.run(
                services.volunteer_service_detail, ws, service_id, on_done=self.load, on_error=self.show_error
            )

    def _set_volunteers(self, choices: Sequence[VolunteerChoice]) -> None:
        current = self.volunteer.value() or (self.loaded.person_id if self.loaded else None)
        with self.loading():
            self.volunteer.combo.clear()
            self.volunteer.combo.addItem("", "")
            for c in choices:
                self.volunteer.combo.addItem(f"{c.name}（{c.division_name}）", c.person_id)
            self.volunteer.set_value(current)

    def draft_key(self) -> str:
        return self.record_id or f"new-{self.family_id}"

    def draft_title(self) -> str:
        return self.tr("Volunteer service")

    def start_new(self) -> None:
        self.record_id, self.loaded = None, None
        self.setWindowTitle(self.tr("New volunteer service"))
        with self.loading():
            self.clear_fields()
            self.system.set_value(WarmAction.VOLUNTEER_SERVICE.value)
        self.mark_clean()
        self.offer_draft()
        self.served_on.setFocus()

    def load(self, inp: VolunteerServiceInput) -> None:
        self.loaded = inp
        self.record_id = inp.id
        self.setWindowTitle(self.tr("Volunteer service"))
        with self.loading():
            self.served_on.set_date(inp.served_on)
            self.volunteer.set_value(inp.person_id or "")
            self.volunteer_name.set_text("" if inp.person_id else inp.volunteer_name)
            self.system.set_value(inp.system)
            self.service.set_text(inp.service)
            self.hours.set_value(inp.hours)
            self.note.set_text(inp.note)
        self.mark_clean()
        self.offer_draft()

    def service_input(self) -> VolunteerServiceInput:
        return VolunteerServiceInput(
            family_id=self.family_id,
            served_on=self.served_on.date(),
            volunteer_name=self.volunteer_name.text(),
            person_id=self.volunteer.value() or None,
            system=self.system.value() or WarmAction.VOLUNTEER_SERVICE.value,
            service=self.service.text(),
            hours=self.hours.value(),
            note=self.note.text(),
            id=self.record_id,
        )

    def save_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return services.save_volunteer_service, (self.context.workspace, self.service_input())


class VolunteerServicesSection(RecordPanel):
    """The family's volunteer services with add / edit / mark deleted; disabled for a new family."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(
            context,
            [
                Column(self.tr("Date"), lambda r: r.served_on, text=lambda r: date_text(r.served_on)),
                Column(self.tr("Volunteer"), lambda r: r.volunteer_name),
                Column(self.tr("System"), lambda r: r.system),
                Column(self.tr("Service"), lambda r: r.service),
                Column(self.tr("Hours"), lambda r: r.hours, align_right=True),
            ],
            (self.tr("Add ser&vice…"), self.tr("Edit servi&ce…"), self.tr("Delete servic&e")),
            parent,
        )
        self.family_id: str | None = None
        self.set_family(None)

    def set_family(self, family_id: str | None) -> None:
        self.family_id = family_id
        self.setEnabled(family_id is not None)
        self.model.set_rows([])
        self.count.setText(
            "" if family_id else self.tr("Save the family first, then record its volunteer services.")
        )
        self.refresh()

    def rows_call(self) -> Call | None:
        if self.family_id is None:
            return None
        return services.list_volunteer_services, (self.context.workspace, self.family_id)

    def count_text(self, rows: Sequence[VolunteerServiceRow]) -> str:
        if not rows:
            return self.tr("No volunteer service recorded yet: Add service records one.")
        hours = sum(r.hours or 0 for r in rows)
        return self.tr("%1 services, %2 hours").replace("%1", str(len(rows))).replace("%2", str(hours))

    def make_form(self, record_id: str | None) -> VolunteerServiceForm | None:
        if self.family_id is None:
            return None
        return VolunteerServiceForm(self.context, self.family_id, record_id, parent=self)

    def delete_call(self, row: VolunteerServiceRow) -> Call:
        return services.mark_volunteer_service_deleted, (self.context.workspace, row.id)

    def delete_question(self, row: VolunteerServiceRow) -> tuple[str, str]:
        return self.tr("Delete service"), self.tr("Mark the service of %1 as deleted?").replace(
            "%1", date_text(row.served_on)
        )
