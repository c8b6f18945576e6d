"""What the project modules share: a live project in the user's scope, the lifecycle's order, sums paid."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.database.models import Project, ProjectPayment
from app.domain.enums import ProjectStatus
from app.domain.errors import NotFound
from app.services.shared.scope import ensure_in_scope
from app.services.shared.workspace import Workspace

_ORDER = list(ProjectStatus)


def stage(status: ProjectStatus) -> int:
    """How far along the lifecycle a status is (申报 = 0), to compare steps."""
    return _ORDER.index(status)


NO_PROJECT = "这个项目不存在，可能已被删除或尚未同步到本机。"


def live_project(s: Session, ws: Workspace, project_id: str) -> Project:
    """The project, not deleted and inside the user's divisions; else NotFound."""
    project = s.get(Project, project_id)
    if project is None or project.deleted:
        raise NotFound(NO_PROJECT)
    ensure_in_scope(ws, project.division_code, NO_PROJECT)
    return project


def paid_by(s: Session, beneficiary_ids: Sequence[str]) -> dict[str, tuple[int, int]]:
    """beneficiary id → (fen paid, number of payments)."""
    rows = s.execute(
        select(ProjectPayment.beneficiary_id, func.sum(ProjectPayment.amount_fen), func.count())
        .where(ProjectPayment.beneficiary_id.in_(beneficiary_ids), ProjectPayment.deleted.is_(False))
        .group_by(ProjectPayment.beneficiary_id)
    ).all()
    return {b: (int(fen), int(n)) for b, fen, n in rows}
