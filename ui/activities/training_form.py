"""Record a training (培训): audience, date, days, place, organiser, participants, spending.

Enter or Ctrl+S saves, Ctrl+N starts the next one, Esc closes (asking if unsaved); an unsaved
form is kept as a draft (kind ``training``, key: the record id or ``new``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from app.domain.enums import TrainingAudience
from app.domain.records.activities import TrainingInput
from app.domain.records.org import DivisionChoice
from app.services import activities, organisation
from ui.shell.page import PageContext
from ui.widgets.fields import ChoiceField, TextField
from ui.widgets.record_form import CountField, DivisionField, RecordForm
from ui.widgets.value_fields import DateField, MoneyField


class TrainingForm(RecordForm):
    draft_kind = "training"
    help_topic = "activities"

    def __init__(
        self, context: PageContext, training_id: str | None = None, *, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, training_id, parent)
        self.title_field = TextField("title", self.tr("Title"), required=True, max_length=120)
        self.audience = ChoiceField("audience", self.tr("audience"), required=True)
        for a in TrainingAudience:
            self.audience.combo.addItem(a.value, a.value)
        self.held_on = DateField("held_on", self.tr("Start date"), required=True)
        self.days = CountField("days", self.tr("Days"), minimum=1, required=True)
        self.division = DivisionField("division_code", self.tr("division"))
        self.place_field = TextField("place", self.tr("Place"), max_length=120)
        self.organiser = TextField("organiser", self.tr("Organiser"), max_length=80)
        self.participants = CountField("participants", self.tr("Participants"), required=True)
        self.spending = MoneyField("spending_fen", self.tr("Spending"))
        self.note = TextField("note", self.tr("Note"))

        self.place(0, 0, self.tr("&Title"), self.title_field, 3)
        self.place(1, 0, self.tr("&Audience"), self.audience)
        self.place(1, 2, self.tr("Start &date"), self.held_on)
        self.place(2, 0, self.tr("Da&ys"), self.days)
        self.place(2, 2, self.tr("Pa&rticipants"), self.participants)
        self.place(3, 0, self.tr("Di&vision"), self.division)
        self.place(3, 2, self.tr("P&lace"), self.place_field)
        self.place(4, 0, self.tr("Or&ganiser"), self.organiser)
        self.place(4, 2, self.tr("S&pending"), self.spending)
        self.place(5, 0, self.tr("N&ote"), self.note, 3)
        self.finish_layout(800, 400)

        ws = context.workspace
        context.runner.run(
            organisation.division_choices, ws, on_done=self._set_divisions, on_error=self.show_error
        )
        if training_id is None:
            self.start_new()
        else:
            context.runner.run(
                activities.training_detail, ws, training_id, on_done=self.load, on_error=self.show_error
            )

    def _set_divisions(self, choices: Sequence[DivisionChoice]) -> None:
        with self.loading():
            self.division.set_choices(choices)

    def start_new(self) -> None:
        self.record_id = None
        self.setWindowTitle(self.tr("New training"))
        with self.loading():
            self.clear_fields()
            self.days.set_value(1)
            self.held_on.set_date(date.today())
            self.division.set_value(self.context.workspace.division_code)
        self.mark_clean()
        self.offer_draft()
        self.title_field.setFocus()

    def load(self, inp: TrainingInput) -> None:
        self.record_id = inp.id
        self.setWindowTitle(self.tr("Training: %1").replace("%1", inp.title))
        with self.loading():
            self.title_field.set_text(inp.title)
            self.audience.set_value(inp.audience.value)
            self.held_on.set_date(inp.held_on)
            self.days.set_value(inp.days)
            self.division.set_value(inp.division_code)
            self.place_field.set_text(inp.place)
            self.organiser.set_text(inp.organiser)
            self.participants.set_value(inp.participants)
            self.spending.set_fen(inp.spending_fen)
            self.note.set_text(inp.note)
        self.mark_clean()
        self.offer_draft()

    def draft_title(self) -> str:
        return self.tr("Training: %1").replace("%1", self.title_field.text() or self.tr("(new)"))

    def training_input(self) -> TrainingInput:
        return TrainingInput(
            division_code=self.division.value() or "",
            title=self.title_field.text(),
            audience=TrainingAudience(self.audience.value()),
            held_on=self.held_on.date(),
            days=self.days.value() or 0,
            place=self.place_field.text(),
            organiser=self.organiser.text(),
            participants=self.participants.value() or 0,
            spending_fen=self.spending.fen() or 0,
            note=self.note.text(),
            id=self.record_id,
        )

    def save_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return activities.save_training, (self.context.workspace, self.training_input())
