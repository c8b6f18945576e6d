"""The 阵地 form: kind (会员之家, 暖心家园, 向日葵亲子小屋, 普惠托育点 …), name, division and association,
opening and plaque (挂牌) dates, funding, floor area, address, and the date it closed if it did.

Enter or Ctrl+S saves, Ctrl+N starts a new one, Esc closes (asking if unsaved); drafts per record.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QWidget

from app.domain.enums import PositionKind
from app.domain.records.org import AssociationChoice, DivisionChoice, PositionInput
from app.services import organisation
from ui.shell.page import PageContext
from ui.widgets.fields import ChoiceField, TextField
from ui.widgets.record_form import CountField, DivisionField, RecordForm
from ui.widgets.value_fields import DateField, MoneyField


class PositionForm(RecordForm):
    draft_kind = "position"
    help_topic = "organisation"

    def __init__(
        self, context: PageContext, position_id: str | None = None, *, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, position_id, parent)
        self.loaded: PositionInput | None = None
        self.kind = ChoiceField("kind", self.tr("kind"), required=True)
        for k in PositionKind:
            self.kind.combo.addItem(k.value, k.value)
        self.name_field = TextField("name", self.tr("Name"), required=True, max_length=80)
        self.division = DivisionField("division_code", self.tr("division"))
        self.association = ChoiceField("association_id", self.tr("association"))
        self.opened_on = DateField("opened_on", self.tr("Opened on"))
        self.plaque_on = DateField("plaque_on", self.tr("Plaque on"))
        self.funding = MoneyField("funding_fen", self.tr("Funding"))
        self.area = CountField("area_m2", self.tr("Floor area"))
        self.address = TextField("address", self.tr("Address"), max_length=120)
        self.closed_on = DateField("closed_on", self.tr("Closed on"))
        self.places = CountField("places", self.tr("Childcare places"))

        self.place(0, 0, self.tr("&Kind"), self.kind)
        self.place(0, 2, self.tr("Di&vision"), self.division)
        self.place(1, 0, self.tr("&Name"), self.name_field, 3)
        self.place(2, 0, self.tr("Associa&tion"), self.association, 3)
        self.place(3, 0, self.tr("&Opened on"), self.opened_on)
        self.place(3, 2, self.tr("&Plaque on"), self.plaque_on)
        self.place(4, 0, self.tr("&Funding"), self.funding)
        self.place(4, 2, self.tr("Floor &area (m²)"), self.area)
        self.place(5, 0, self.tr("A&ddress"), self.address, 3)
        self.place(6, 0, self.tr("&Closed on"), self.closed_on)
        self.place(6, 2, self.tr("Childcare p&laces"), self.places)
        self.finish_layout(800, 380)
        self.kind.combo.currentIndexChanged.connect(lambda _i: self._kind_chosen())
        self.division.combo.currentIndexChanged.connect(lambda _i: self._division_chosen())

        ws = context.workspace
        run = context.runner.run
        run(organisation.division_choices, ws, on_done=self._set_divisions, on_error=self.show_error)
        run(organisation.association_choices, ws, on_done=self._set_associations, on_error=self.show_error)
        if position_id is None:
            self.start_new()
        else:
            run(organisation.position_detail, ws, position_id, on_done=self.load, on_error=self.show_error)

    def _set_divisions(self, choices: Sequence[DivisionChoice]) -> None:
        self.divisions = {c.code: c for c in choices}
        with self.loading():
            self.division.set_choices(choices)

    def _set_associations(self, choices: Sequence[AssociationChoice]) -> None:
        self.associations = list(choices)
        current = self.association.value() or (self.loaded.association_id if self.loaded else None)
        with self.loading():
            self.association.combo.clear()
            self.association.combo.addItem("", "")
            for a in choices:
                self.association.combo.addItem(a.name, a.id)
            self.association.set_value(current)

    def _division_chosen(self) -> None:
        """The division's own association is the usual one: chosen unless one was picked already."""
        if self._loading or self.association.value():
            return
        code = self.division.value()
        own = next((a for a in getattr(self, "associations", []) if a.division_code == code), None)
        if own is not None:
            self.association.set_value(own.id)
        self._suggest_name()

    def _kind_chosen(self) -> None:
        """托位 belong to a 普惠托育点 only: the field is offered for that kind alone."""
        self.places.setEnabled(self.kind.value() == PositionKind.CHILDCARE_POINT.value)
        self._suggest_name()

    def _suggest_name(self) -> None:
        """A new position is named after its place and kind: 和平村会员之家."""
        if self._loading or self.record_id is not None:
            return
        place = getattr(self, "divisions", {}).get(self.division.value() or "")
        typed = self.name_field.text()
        if place is not None and (not typed or typed == getattr(self, "_suggested", "")):
            self._suggested = f"{place.name}{self.kind.value()}"
            self.name_field.set_text(self._suggested)

    def start_new(self) -> None:
        self.record_id, self.loaded = None, None
        self._suggested = ""
        self.setWindowTitle(self.tr("New position"))
        with self.loading():
            self.clear_fields()
        self.places.setEnabled(self.kind.value() == PositionKind.CHILDCARE_POINT.value)
        self.mark_clean()
        self.offer_draft()
        self.kind.setFocus()

    def load(self, inp: PositionInput) -> None:
        self.loaded = inp
        self.record_id = inp.id
        self.setWindowTitle(self.tr("Position: %1").replace("%1", inp.name))
        with self.loading():
            self.kind.set_value(inp.kind.value)
            self.name_field.set_text(inp.name)
            self.division.set_value(inp.division_code)
            self.association.set_value(inp.association_id)
            self.opened_on.set_date(inp.opened_on)
            self.plaque_on.set_date(inp.plaque_on)
            self.funding.set_fen(inp.funding_fen)
            self.area.set_value(inp.area_m2)
            self.address.set_text(inp.address)
            self.closed_on.set_date(inp.closed_on)
            self.places.set_value(inp.places)
        self.places.setEnabled(inp.kind is PositionKind.CHILDCARE_POINT)
        self.mark_clean()
        self.offer_draft()

    def draft_title(self) -> str:
        return self.tr("Position: %1").replace("%1", self.name_field.text() or self.tr("(new)"))

    def position_input(self) -> PositionInput:
        return PositionInput(
            division_code=self.division.value() or "",
            kind=PositionKind(self.kind.value()),
            name=self.name_field.text(),
            association_id=self.association.value() or None,
            opened_on=self.opened_on.date(),
            plaque_on=self.plaque_on.date(),
            funding_fen=self.funding.fen() or 0,
            area_m2=self.area.value(),
            address=self.address.text(),
            closed_on=self.closed_on.date(),
            places=self.places.value(),
            id=self.record_id,
        )

    def save_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return organisation.save_position, (self.context.workspace, self.position_input())
