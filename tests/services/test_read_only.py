"""只读查看 never writes: every service that changes records (or accounts, divisions, merges)
refuses a read-only viewer before it reads its input, and the database is left as it was."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.database.models import AuditEntry, ChangeLogEntry
from app.domain.enums import UserRole
from app.domain.errors import UserInputError
from app.domain.records.accounts import SignedInUser
from app.services import activities, families, organisation, projects, sync
from app.services.families import visits
from app.services.shared.workspace import Workspace
from app.services.sync import conflicts
from app.services.system import installation, users

DAY = date(2026, 11, 23)
# Each action with arguments it never gets to look at: the refusal comes first.
WRITES: dict[str, tuple[Callable[..., Any], tuple[Any, ...]]] = {
    "save_family": (families.save_family, (None,)),
    "set_coverage": (families.set_coverage, ("x", None)),
    "mark_family_deleted": (families.mark_family_deleted, ("x",)),
    "record_visit": (visits.record_visit, (None,)),
    "save_project": (projects.save_project, (None,)),
    "advance_project": (projects.advance_project, ("x", DAY)),
    "mark_project_deleted": (projects.mark_project_deleted, ("x",)),
    "save_beneficiary": (projects.save_beneficiary, (None,)),
    "remove_beneficiary": (projects.remove_beneficiary, ("x",)),
    "record_payment": (projects.record_payment, (None,)),
    "mark_payment_deleted": (projects.mark_payment_deleted, ("x",)),
    "save_association": (organisation.save_association, (None,)),
    "record_term": (organisation.record_term, (None,)),
    "mark_association_deleted": (organisation.mark_association_deleted, ("x",)),
    "save_person": (organisation.save_person, (None, None)),
    "end_role": (organisation.end_role, ("x", DAY)),
    "mark_role_deleted": (organisation.mark_role_deleted, ("x",)),
    "save_position": (organisation.save_position, (None,)),
    "mark_position_deleted": (organisation.mark_position_deleted, ("x",)),
    "save_activity": (activities.save_activity, (None,)),
    "mark_activity_deleted": (activities.mark_activity_deleted, ("x",)),
    "save_training": (activities.save_training, (None,)),
    "mark_training_deleted": (activities.mark_training_deleted, ("x",)),
    "add_local_division": (installation.add_local_division, ("x", "x", "x", DAY)),
    "rename_local_division": (installation.rename_local_division, ("x", "x", DAY)),
    "retire_local_division": (installation.retire_local_division, ("x", DAY)),
    "add_user": (users.add_user, ("x", "x", UserRole.READ_ONLY, "x", "x")),
    "deactivate_user": (users.deactivate_user, ("x",)),
    "reset_password": (users.reset_password, ("x", "x", "x")),
    "merge_bundles": (sync.merge_bundles, (Path("x"), None, [])),
    "import_setup": (sync.import_setup, (Path("x"),)),
    "keep_current": (conflicts.keep_current, ("x",)),
    "restore_conflict": (conflicts.restore_conflict, ("x",)),
    "resolve_duplicate": (conflicts.resolve_duplicate, ("x", True, None)),
    "unmask_member": (families.unmask_member, ("x",)),
}


def counts(ws: Workspace) -> tuple[int, int]:
    with ws.db.read() as s:
        return (
            s.scalar(select(func.count()).select_from(ChangeLogEntry)) or 0,
            s.scalar(select(func.count()).select_from(AuditEntry)) or 0,
        )


@pytest.mark.parametrize("name", list(WRITES))
def test_a_read_only_viewer_is_refused_and_nothing_is_written(workspace: Workspace, name: str) -> None:
    workspace.user = SignedInUser("chakan", "查看", UserRole.READ_ONLY, "430121000000")
    before = counts(workspace)
    action, args = WRITES[name]
    with pytest.raises(UserInputError) as refused:
        action(workspace, *args)
    assert (
        "只读查看" in refused.value.message
        or "只有系统管理员和县级管理员" in refused.value.message
        or ("不能查看完整" in refused.value.message)
    )
    assert counts(workspace) == before
