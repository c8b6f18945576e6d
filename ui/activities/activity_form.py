"""Record a campaign event (5·29, 7·11, 12·1, 健康知识进万家 …) with its counts and spending.

Enter or Ctrl+S saves, Ctrl+N starts the next event, Esc closes (asking if unsaved); an unsaved
form is kept as a draft (kind ``activity``, key: the record id or ``new``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtWidgets import QWidget

from app.domain.enums import ActivityKind, Campaign
from app.domain.records.activities import CAMPAIGN_DAYS, ActivityInput
from app.domain.records.org import DivisionChoice
from app.services import activities, organisation
from ui.shell.page import PageContext
from ui.widgets.fields import ChoiceField, TextField
from ui.widgets.record_form import CountField, DivisionField, RecordForm
from ui.widgets.value_fields import DateField, MoneyField

_DEFAULT_TITLES = {
    Campaign.MAY_29: "“5·29会员活动日”主题活动",
    Campaign.JULY_11: "“7·11世界人口日”宣传活动",
    Campaign.DEC_1: "“12·1世界艾滋病日”宣传活动",
    Campaign.HEALTH_KNOWLEDGE: "健康知识进万家",
}


class ActivityForm(RecordForm):
    draft_kind = "activity"
    help_topic = "activities"

    def __init__(
        self, context: PageContext, activity_id: str | None = None, *, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, activity_id, parent)
        self.campaign = ChoiceField("campaign", self.tr("campaign"), required=True)
        for c in Campaign:
            self.campaign.combo.addItem(c.value, c.value)
        self.kind = ChoiceField("kind", self.tr("kind"), required=True)
        for k in ActivityKind:
            self.kind.combo.addItem(k.value, k.value)
        self.title_field = TextField("title", self.tr("Title"), required=True, max_length=120)
        self.held_on = DateField("held_on", self.tr("Date"), required=True)
        self.division = DivisionField("division_code", self.tr("division"))
        self.place_field = TextField("place", self.tr("Place"), max_length=120)
        self.sessions = CountField("sessions", self.tr("Sessions"), minimum=1, required=True)
        self.participants = CountField("participants", self.tr("Participants (person-times)"))
        self.materials = CountField("materials", self.tr("Materials handed out"))
        self.served = CountField("served", self.tr("Services (person-times)"))
        self.beneficiaries = CountField("beneficiaries", self.tr("People reached"))
        self.spending = MoneyField("spending_fen", self.tr("Spending"))
        self.note = TextField("note", self.tr("Note"))

        self.place(0, 0, self.tr("Cam&paign"), self.campaign)
        self.place(0, 2, self.tr("&Kind"), self.kind)
        self.place(1, 0, self.tr("&Title"), self.title_field, 3)
        self.place(2, 0, self.tr("&Date"), self.held_on)
        self.place(2, 2, self.tr("P&lace"), self.place_field)
        self.place(3, 0, self.tr("Di&vision"), self.division)
        self.place(4, 0, self.tr("Sess&ions"), self.sessions)
        self.place(4, 2, self.tr("Pa&rticipants"), self.participants)
        self.place(5, 0, self.tr("&Materials"), self.materials)
        self.place(5, 2, self.tr("Servi&ces"), self.served)
        self.place(6, 0, self.tr("People reac&hed"), self.beneficiaries)
        self.place(6, 2, self.tr("Spendin&g"), self.spending)
        self.place(7, 0, self.tr("N&ote"), self.note, 3)
        self.finish_layout(820, 420)
        self.campaign.combo.currentIndexChanged.connect(lambda _i: self._campaign_chosen())

        ws = context.workspace
        context.runner.run(
            organisation.division_choices, ws, on_done=self._set_divisions, on_error=self.show_error
        )
        if activity_id is None:
            self.start_new()
        else:
            context.runner.run(
                activities.activity_detail, ws, activity_id, on_done=self.load, on_error=self.show_error
            )

    def _set_divisions(self, choices: Sequence[DivisionChoice]) -> None:
        with self.loading():
            self.division.set_choices(choices)

    def _campaign_chosen(self) -> None:
        """A new event of a dated campaign takes its day and usual title, unless typed already."""
        if self._loading or self.record_id is not None:
            return
        self._campaign_defaults()

    def _campaign_defaults(self) -> None:
        campaign = Campaign(self.campaign.value())
        day = CAMPAIGN_DAYS.get(campaign)
        if day is not None:
            today = date.today()
            held = date(today.year, *day)
            # This year's day, or last year's while this year's is still to come.
            self.held_on.set_date(held if held <= today else date(today.year - 1, *day))
        if not self.title_field.text() or self.title_field.text() in _DEFAULT_TITLES.values():
            self.title_field.set_text(_DEFAULT_TITLES.get(campaign, ""))

    def start_new(self) -> None:
        self.record_id = None
        self.setWindowTitle(self.tr("New activity"))
        with self.loading():
            self.clear_fields()
            self.sessions.set_value(1)
            self.held_on.set_date(date.today())
            self.division.set_value(self.context.workspace.division_code)
            self._campaign_defaults()
        self.mark_clean()
        self.offer_draft()
        self.campaign.setFocus()

    def load(self, inp: ActivityInput) -> None:
        self.record_id = inp.id
        self.setWindowTitle(self.tr("Activity: %1").replace("%1", inp.title))
        with self.loading():
            self.campaign.set_value(inp.campaign.value)
            self.kind.set_value(inp.kind.value)
            self.title_field.set_text(inp.title)
            self.held_on.set_date(inp.held_on)
            self.division.set_value(inp.division_code)
            self.place_field.set_text(inp.place)
            for field in (self.sessions, self.participants, self.materials, self.served, self.beneficiaries):
                field.set_value(getattr(inp, field.field))
            self.spending.set_fen(inp.spending_fen)
            self.note.set_text(inp.note)
        self.mark_clean()
        self.offer_draft()

    def draft_title(self) -> str:
        return self.tr("Activity: %1").replace("%1", self.title_field.text() or self.tr("(new)"))

    def activity_input(self) -> ActivityInput:
        return ActivityInput(
            division_code=self.division.value() or "",
            campaign=Campaign(self.campaign.value()),
            kind=ActivityKind(self.kind.value() or ActivityKind.PUBLICITY.value),
            title=self.title_field.text(),
            held_on=self.held_on.date(),
            place=self.place_field.text(),
            sessions=self.sessions.value() or 0,
            participants=self.participants.value() or 0,
            materials=self.materials.value() or 0,
            served=self.served.value() or 0,
            beneficiaries=self.beneficiaries.value() or 0,
            spending_fen=self.spending.fen() or 0,
            note=self.note.text(),
            id=self.record_id,
        )

    def save_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return activities.save_activity, (self.context.workspace, self.activity_input())
