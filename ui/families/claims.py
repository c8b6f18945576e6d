"""理赔 in 保险保障: the chosen policy's claims below the policies, and the form for one claim.

``ClaimsPanel`` lists the claims of the policy chosen above it, newest first, with add / edit
(Enter or double-click) / mark deleted; ``ClaimForm`` is a ``RecordForm`` kept as a draft of kind
``claim`` keyed by the claim id or ``new-<policy id>``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QWidget,
)

from app.domain.records.insurance import ClaimInput, ClaimRow
from app.domain.validation import format_fen
from app.services.families import claims
from ui.families.record_panel import Call, RecordPanel
from ui.models.lazy_table import date_text
from ui.models.rows_model import Column
from ui.shell.page import PageContext
from ui.widgets.fields import TextField
from ui.widgets.record_form import RecordForm
from ui.widgets.value_fields import DateField, MoneyField


class ClaimForm(RecordForm):
    draft_kind = "claim"

    def __init__(
        self,
        context: PageContext,
        policy_id: str,
        claim_id: str | None = None,
        *,
        policy_label: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, claim_id, parent)
        self.policy_id = policy_id
        self.claimed_on = DateField("claimed_on", self.tr("Claimed on"), required=True)
        self.amount = MoneyField("amount_fen", self.tr("Amount"))
        self.paid_on = DateField("paid_on", self.tr("Paid on"))
        self.reason = TextField("reason", self.tr("Reason"), max_length=120)
        self.place(0, 0, self.tr("&Claimed on"), self.claimed_on)
        self.place(0, 2, self.tr("&Amount (yuan)"), self.amount)
        self.place(1, 0, self.tr("&Paid on"), self.paid_on)
        self.place(2, 0, self.tr("&Reason"), self.reason, 3)
        self.finish_layout(700, 220)
        self.show_header(self.tr("Policy: %1").replace("%1", policy_label) if policy_label else "")
        if claim_id is None:
            self.start_new()
        else:
            context.runner.run(
                claims.claim_detail, context.workspace, claim_id, on_done=self.load, on_error=self.show_error
            )

    def draft_key(self) -> str:
        return self.record_id or f"new-{self.policy_id}"

    def draft_title(self) -> str:
        return self.tr("Insurance claim")

    def start_new(self) -> None:
        self.record_id = None
        self.setWindowTitle(self.tr("New insurance claim"))
        with self.loading():
            self.clear_fields()
        self.mark_clean()
        self.offer_draft()
        self.claimed_on.setFocus()

    def load(self, inp: ClaimInput) -> None:
        self.record_id = inp.id
        self.setWindowTitle(self.tr("Insurance claim"))
        with self.loading():
            self.claimed_on.set_date(inp.claimed_on)
            self.amount.set_fen(inp.amount_fen)
            self.paid_on.set_date(inp.paid_on)
            self.reason.set_text(inp.reason)
        self.mark_clean()
        self.offer_draft()

    def claim_input(self) -> ClaimInput:
        return ClaimInput(
            policy_id=self.policy_id,
            claimed_on=self.claimed_on.date(),
            amount_fen=self.amount.fen() or 0,
            paid_on=self.paid_on.date(),
            reason=self.reason.text(),
            id=self.record_id,
        )

    def save_call(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return claims.save_claim, (self.context.workspace, self.claim_input())


class ClaimsPanel(RecordPanel):
    """The claims of one policy; empty, with a hint, until a policy is chosen."""

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(
            context,
            [
                Column(self.tr("Claimed on"), lambda c: c.claimed_on, text=lambda c: date_text(c.claimed_on)),
                Column(
                    self.tr("Amount (yuan)"),
                    lambda c: c.amount_fen,
                    text=lambda c: format_fen(c.amount_fen),
                    align_right=True,
                ),
                Column(self.tr("Paid on"), lambda c: c.paid_on, text=lambda c: date_text(c.paid_on)),
                Column(self.tr("Reason"), lambda c: c.reason),
            ],
            (self.tr("Add &claim…"), self.tr("Edit c&laim…"), self.tr("Delete clai&m")),
            parent,
        )
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.policy_id: str | None = None
        self.policy_label = ""
        self.set_policy(None)

    def set_policy(self, policy_id: str | None, label: str = "") -> None:
        self.policy_id, self.policy_label = policy_id, label
        self.setEnabled(policy_id is not None)
        self.model.set_rows([])
        self.count.setText(self.tr("Choose a policy above to see its claims.") if policy_id is None else "")
        self.refresh()

    def rows_call(self) -> Call | None:
        return (
            None if self.policy_id is None else (claims.list_claims, (self.context.workspace, self.policy_id))
        )

    def count_text(self, rows: Sequence[ClaimRow]) -> str:
        if not rows:
            return self.tr("No claims on this policy yet: Add claim records a payout.")
        total = format_fen(sum(c.amount_fen for c in rows))
        return self.tr("Claims: %1, %2 yuan").replace("%1", str(len(rows))).replace("%2", total)

    def make_form(self, record_id: str | None) -> ClaimForm | None:
        if self.policy_id is None:
            return None
        return ClaimForm(self.context, self.policy_id, record_id, policy_label=self.policy_label, parent=self)

    def delete_call(self, row: ClaimRow) -> Call:
        return claims.mark_claim_deleted, (self.context.workspace, row.id)

    def delete_question(self, row: ClaimRow) -> tuple[str, str]:
        return self.tr("Delete claim"), self.tr("Mark the claim of %1 as deleted?").replace(
            "%1", date_text(row.claimed_on)
        )
