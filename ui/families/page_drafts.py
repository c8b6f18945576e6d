"""Reopening the families page's unfinished forms of a family's own records (保单, 理赔, 志愿服务)
from their drafts: the draft's key names the record, or ``new-<parent id>`` for a new one."""

from __future__ import annotations

from typing import Any

from app.domain.errors import FpaError
from app.services.families import claims, insurance, volunteer_services
from ui.families.claims import ClaimForm
from ui.families.insurance import PolicyForm
from ui.families.volunteer_services import VolunteerServiceForm
from ui.shell.page import Page
from ui.widgets.record_list import RecordList


class ReopensRecordDrafts(Page):
    list: RecordList  # built by the page

    def _keep(self, form: Any) -> None:
        raise NotImplementedError  # the page's own: keeps the form and opens it

    def _row(self, family_id: str) -> Any:
        raise NotImplementedError  # the page's own: the family's list row, if loaded

    def _open_policy_draft(self, key: str) -> PolicyForm | None:
        try:
            family_id = key.removeprefix("new-") if key.startswith("new-") else None
            policy_id = None if family_id else key
            if family_id is None:
                family_id = insurance.policy_detail(self.context.workspace, key).family_id
        except FpaError as exc:
            self.list.show_message(exc.message, error=True)
            return None
        row = self._row(family_id)
        form = PolicyForm(
            self.context, family_id, policy_id, family_name=row.head_name if row else "", parent=self
        )
        self._keep(form)
        return form

    def _open_claim_draft(self, key: str) -> ClaimForm | None:
        try:
            policy_id = key.removeprefix("new-") if key.startswith("new-") else None
            claim_id = None if policy_id else key
            if policy_id is None:
                policy_id = claims.claim_detail(self.context.workspace, key).policy_id
        except FpaError as exc:
            self.list.show_message(exc.message, error=True)
            return None
        form = ClaimForm(self.context, policy_id, claim_id, parent=self)
        self._keep(form)
        return form

    def _open_service_draft(self, key: str) -> VolunteerServiceForm | None:
        try:
            family_id = key.removeprefix("new-") if key.startswith("new-") else None
            service_id = None if family_id else key
            if family_id is None:
                family_id = volunteer_services.volunteer_service_detail(self.context.workspace, key).family_id
        except FpaError as exc:
            self.list.show_message(exc.message, error=True)
            return None
        form = VolunteerServiceForm(self.context, family_id, service_id, parent=self)
        self._keep(form)
        return form
