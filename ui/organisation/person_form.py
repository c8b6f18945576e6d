"""The person form: a person (by ID number, which fills sex and birth date) in one role — staff,
member or 骨干会员, volunteer, or family-health instructor — with that role's own fields.

Typing an ID number already on file says at once who holds it; saving then adds this role to
that person (after asking once) instead of registering them twice. Enter or Ctrl+S saves, Ctrl+N
starts the next person, Esc closes (asking if unsaved); drafts per role (``new-<group>`` for new).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtWidgets import QPushButton, QWidget

from app.domain.enums import PersonRoleKind, Sex, StaffKind
from app.domain.idcard import IdNumberInfo
from app.domain.records.org import (
    AssociationChoice,
    DivisionChoice,
    IdHolder,
    PersonInput,
    PersonRoleDetail,
    RoleInput,
)
from app.domain.validation import Severity
from app.services import families, organisation
from ui.shell.page import PageContext
from ui.widgets.fields import ChoiceField, TextField
from ui.widgets.record_form import CountField, DivisionField, RecordForm
from ui.widgets.value_fields import DateField, IdNumberField, PhoneField

# Which role fields each role shows.
_ROLE_FIELDS = {
    PersonRoleKind.STAFF: {"staff_kind", "title"},
    PersonRoleKind.OFFICER: {"title"},
    PersonRoleKind.MEMBER: set(),
    PersonRoleKind.CORE_MEMBER: set(),
    PersonRoleKind.VOLUNTEER: {"service_hours"},
    PersonRoleKind.HEALTH_INSTRUCTOR: {"trained_on", "certificate_no"},
}


class PersonForm(RecordForm):
    draft_kind = "person"
    help_topic = "organisation"

    def __init__(
        self,
        context: PageContext,
        role_id: str | None,
        roles: Sequence[PersonRoleKind],
        group: str,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, role_id, parent)
        self.roles = tuple(roles)
        self.group = group  # staff / members / volunteers / instructors: the draft key of a new one
        self.detail: PersonRoleDetail | None = None
        self.holders: list[IdHolder] = []
        self.name_field = TextField("name", self.tr("Name"), required=True, max_length=40)
        self.id_number = IdNumberField(
            "id_number", self.tr("ID number"), known_region=families.known_id_regions().__contains__
        )
        self.sex = ChoiceField("sex", self.tr("sex"))
        self.sex.combo.addItem("", None)
        for s in Sex:
            self.sex.combo.addItem(s.value, s.value)
        self.birth_date = DateField("birth_date", self.tr("Birth date"))
        self.phone = PhoneField("phone", self.tr("Phone"))
        self.division = DivisionField("division_code", self.tr("division"))
        self.workplace = TextField("workplace", self.tr("Workplace"), max_length=80)
        self.address = TextField("address", self.tr("Address"), max_length=120)
        self.role = ChoiceField("role", self.tr("role"), required=True)
        for r in self.roles:
            self.role.combo.addItem(r.value, r.value)
        self.association = ChoiceField("association_id", self.tr("association"))
        self.staff_kind = ChoiceField("staff_kind", self.tr("staff kind"))
        self.staff_kind.combo.addItem("", None)
        for k in StaffKind:
            self.staff_kind.combo.addItem(k.value, k.value)
        self.title_field = TextField("title", self.tr("Post"), max_length=40)
        self.started_on = DateField("started_on", self.tr("Since"))
        self.ended_on = DateField("ended_on", self.tr("Until"), not_future=False)
        self.trained_on = DateField("trained_on", self.tr("Trained on"))
        self.certificate = TextField("certificate_no", self.tr("Certificate no."), max_length=40)
        self.hours = CountField("service_hours", self.tr("Service hours"))

        self.place(0, 0, self.tr("&Name"), self.name_field)
        self.place(0, 2, self.tr("&ID number"), self.id_number)
        self.place(1, 0, self.tr("Se&x"), self.sex)
        self.place(1, 2, self.tr("&Birth date"), self.birth_date)
        self.place(2, 0, self.tr("P&hone"), self.phone)
        self.place(2, 2, self.tr("Di&vision"), self.division)
        self.place(3, 0, self.tr("&Workplace"), self.workplace)
        self.place(3, 2, self.tr("A&ddress"), self.address)
        self.place(4, 0, self.tr("&Role"), self.role)
        self.place(4, 2, self.tr("Associa&tion"), self.association)
        self.place(5, 0, self.tr("Staff &kind"), self.staff_kind)
        self.place(5, 2, self.tr("&Post"), self.title_field)
        self.place(6, 0, self.tr("Tr&ained on"), self.trained_on)
        self.place(6, 2, self.tr("&Certificate no."), self.certificate)
        self.place(7, 0, self.tr("Service h&ours"), self.hours)
        self.place(8, 0, self.tr("Sinc&e"), self.started_on)
        self.place(8, 2, self.tr("&Until"), self.ended_on)
        self.finish_layout(860, 460)
        # A number shown masked (the role may not see it) is read-only until shown in full on
        # request, which the service writes to the audit log. Tab: number, this button, sex.
        self.unmask_button = QPushButton(self.tr("Show &full number"))
        self.unmask_button.setToolTip(self.tr("Shows this person's ID number; the viewing is logged"))
        self.unmask_button.clicked.connect(self.unmask)
        self.unmask_button.setVisible(False)
        self.id_number.row.addWidget(self.unmask_button)
        QWidget.setTabOrder(self.id_number.edit, self.unmask_button)
        QWidget.setTabOrder(self.unmask_button, self.sex.focusProxy() or self.sex)
        self.role.combo.currentIndexChanged.connect(lambda _i: self._role_chosen())
        self.id_number.info_changed.connect(self._id_parsed)

        ws = context.workspace
        run = context.runner.run
        run(organisation.division_choices, ws, on_done=self._set_divisions, on_error=self.show_error)
        run(organisation.association_choices, ws, on_done=self._set_associations, on_error=self.show_error)
        if role_id is None:
            self.start_new()
        else:
            run(organisation.person_role_detail, ws, role_id, on_done=self.load, on_error=self.show_error)

    # --- choices -------------------------------------------------------------------------------------------

    def _set_divisions(self, choices: Sequence[DivisionChoice]) -> None:
        with self.loading():
            self.division.set_choices(choices)

    def _set_associations(self, choices: Sequence[AssociationChoice]) -> None:
        current = self.association.value() or (self.detail.role.association_id if self.detail else None)
        with self.loading():
            self.association.combo.clear()
            self.association.combo.addItem("", "")
            for a in choices:
                self.association.combo.addItem(a.name, a.id)
            self.association.set_value(current)

    def _role_chosen(self) -> None:
        wanted = _ROLE_FIELDS.get(PersonRoleKind(self.role.value()), set()) if self.role.value() else set()
        for name in ("staff_kind", "title", "trained_on", "certificate_no", "service_hours"):
            editor = self.editors[name]
            editor.setEnabled(name in wanted)
        self.staff_kind.required = "staff_kind" in wanted

    def _id_parsed(self, info: IdNumberInfo | None) -> None:
        """A valid number fills sex and birth date, and asks who already holds it."""
        if info is None:
            return
        self.sex.set_value(info.sex.value)
        self.birth_date.set_date(info.birth_date)
        person = self.detail.person.id if self.detail else None
        self.context.runner.run(
            organisation.find_people_by_id_number,
            self.context.workspace,
            info.number,
            except_person=person,
            on_done=self._show_holders,
            on_error=self.show_error,
        )

    def _show_holders(self, holders: Sequence[IdHolder]) -> None:
        self.holders = list(holders)
        if not holders:
            return
        h = holders[0]
        roles = "、".join(h.roles) or self.tr("no role")
        text = self.tr("Already registered: %1 (%2). Saving adds this role to the same person.")
        self.id_number.show_note(text.replace("%1", h.name).replace("%2", roles), Severity.WARNING)

    # --- records -------------------------------------------------------------------------------------------

    def draft_key(self) -> str:
        return self.record_id or f"new-{self.group}"

    def draft_title(self) -> str:
        return self.tr("Person: %1").replace("%1", self.name_field.text() or self.tr("(new)"))

    def start_new(self) -> None:
        self.record_id, self.detail = None, None
        self.holders = []
        self.setWindowTitle(self.tr("New: %1").replace("%1", self.roles[0].value))
        with self.loading():
            self.clear_fields()
            self._show_masking("")
            self.role.combo.setCurrentIndex(0)
            self.started_on.set_date(date.today())
        self._role_chosen()
        self.show_header("")
        self.mark_clean()
        self.offer_draft()
        self.name_field.setFocus()

    def load(self, detail: PersonRoleDetail) -> None:
        self.detail = detail
        self.record_id = detail.role.id
        p, r = detail.person, detail.role
        self.setWindowTitle(self.tr("%1: %2").replace("%1", r.role.value).replace("%2", p.name))
        with self.loading():
            if self.role.combo.findData(r.role.value) < 0:
                self.role.combo.addItem(r.role.value, r.role.value)
            self.name_field.set_text(p.name)
            self.id_number.set_text(p.id_number)
            self.sex.set_value(p.sex.value if p.sex else None)
            self.birth_date.set_date(p.birth_date)
            self.phone.set_text(p.phone)
            self.division.set_value(p.division_code)
            self.workplace.set_text(p.workplace)
            self.address.set_text(p.address)
            self.role.set_value(r.role.value)
            self.association.set_value(r.association_id)
            self.staff_kind.set_value(r.staff_kind.value if r.staff_kind else None)
            self.title_field.set_text(r.title)
            self.started_on.set_date(r.started_on)
            self.ended_on.set_date(r.ended_on)
            self.trained_on.set_date(r.trained_on)
            self.certificate.set_text(r.certificate_no)
            self.hours.set_value(r.service_hours)
            self._show_masking(p.id_number)
        self._role_chosen()
        others = "、".join(detail.other_roles)
        self.show_header(self.tr("Also registered as: %1").replace("%1", others) if others else "")
        self.mark_clean()
        self.offer_draft()

    def _show_masking(self, number: str) -> None:
        masked = "*" in number
        self.id_number.edit.setReadOnly(masked)
        self.id_number.facts.setVisible(not masked)
        self.unmask_button.setVisible(masked and families.can_unmask(self.context.workspace))

    def unmask(self) -> None:
        """显示完整号码: the full number from the service, which logs the viewing."""
        if self.record_id is None:
            return
        self.context.runner.run(
            organisation.unmask_person,
            self.context.workspace,
            self.record_id,
            on_done=self._show_unmasked,
            on_error=self.show_error,
        )

    def _show_unmasked(self, number: str) -> None:
        with self.loading():  # showing the stored number is not an edit
            self.id_number.set_text(number)
            self._show_masking(number)
        self.id_number.setFocus()

    def inputs(self) -> tuple[PersonInput, RoleInput]:
        sex = self.sex.value()
        staff = self.staff_kind.value()
        enabled = {n for n, e in self.editors.items() if e.isEnabled()}
        person = PersonInput(
            name=self.name_field.text(),
            division_code=self.division.value() or "",
            id_number=self.id_number.text(),
            sex=Sex(sex) if sex else None,
            birth_date=self.birth_date.date(),
            phone=self.phone.text(),
            address=self.address.text(),
            workplace=self.workplace.text(),
            id=self.detail.person.id if self.detail else None,
        )
        role = RoleInput(
            role=PersonRoleKind(self.role.value()),
            division_code=self.division.value() or "",
            association_id=self.association.value() or None,
            staff_kind=StaffKind(staff) if staff and "staff_kind" in enabled else None,
            title=self.title_field.text() if "title" in enabled else "",
            started_on=self.started_on.date(),
            ended_on=self.ended_on.date(),
            trained_on=self.trained_on.date() if "trained_on" in enabled else None,
            certificate_no=self.certificate.text() if "certificate_no" in enabled else "",
            service_hours=self.hours.value() if "service_hours" in enabled else None,
            id=self.record_id,
        )
        return person, role

    def save_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        person, role = self.inputs()
        return organisation.save_person, (self.context.workspace, person, role)
