"""Reopening the families page's unfinished forms of a family's own records (保单, 理赔, 志愿服务)
from their drafts: the draft's key names the record, or ``new-<parent id>`` for a new one."""

from __future__ import annotations

from collections.abc import Callable
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

    def _draft_owner(self, key: str, owner_of: Callable[[str], str]) -> tuple[str, str | None] | None:
        """The parent record and the record a draft key names (``new-<parent>`` for a new one);
        None, said on the list, when the record is gone."""
        if key.startswith("new-"):
            return key.removeprefix("new-"), None
        try:
            return owner_of(key), key
        except FpaError as exc:
            self.list.show_message(exc.message, error=True)
            return None

    def _open_policy_draft(self, key: str) -> PolicyForm | None:
        ws = self.context.workspace
        found = self._draft_owner(key, lambda k: insurance.policy_detail(ws, k).family_id)
        if found is None:
            return None
        row = self._row(found[0])
        form = PolicyForm(self.context, *found, family_name=row.head_name if row else "", parent=self)
        self._keep(form)
        return form

    def _open_claim_draft(self, key: str) -> ClaimForm | None:
        ws = self.context.workspace
        found = self._draft_owner(key, lambda k: claims.claim_detail(ws, k).policy_id)
        if found is None:
            return None
        form = ClaimForm(self.context, *found, parent=self)
        self._keep(form)
        return form

    def _open_service_draft(self, key: str) -> VolunteerServiceForm | None:
        ws = self.context.workspace
        found = self._draft_owner(key, lambda k: volunteer_services.volunteer_service_detail(ws, k).family_id)
        if found is None:
            return None
        form = VolunteerServiceForm(self.context, *found, parent=self)
        self._keep(form)
        return form
