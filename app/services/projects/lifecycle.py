"""A project's lifecycle 申报 → 立项 → 实施 → 公示 → 终期报告 → 绩效评价, one step at a time.

``advance_project`` enforces what each step needs: a 文号 to approve, notice dates (and for a
programme paying individuals, the reported list) to publish, the end of the notice period before
the final report; the evaluation's score comes from the project's own indicators (see
``projects.evaluation``), not from a typed number. Steps cannot be skipped or taken back.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.database.models import Project, ProjectBeneficiary
from app.domain.enums import ProjectStatus
from app.domain.errors import UserInputError, ValidationFailed
from app.domain.validation import Issue, check_date, error
from app.services.projects.base import live_project
from app.services.projects.evaluation import evaluate_in_session
from app.services.projects.issued_catalogue import pays_individuals
from app.services.shared.records import assign_changed
from app.services.shared.scope import edit_session, ensure_writable
from app.services.shared.workspace import Workspace


def _step_issues(
    s: Session, project: Project, target: ProjectStatus, on: date, notice: tuple[date | None, date | None]
) -> list[Issue]:
    """What stands in the way of moving ``project`` to ``target`` on the day ``on``."""
    issues: list[Issue] = []
    if target is ProjectStatus.APPROVED and not project.document_no:
        issues.append(error("document_no", "立项需要立项文号，请填写后再立项"))
    if target is ProjectStatus.PUBLIC_NOTICE:
        start, end = notice
        if start is None or end is None:
            issues.append(error("notice_to", "公示需要公示起止日期"))
        elif end < start:
            issues.append(error("notice_to", "公示结束日期不能早于开始日期"))
        if start is not None and project.started_on is not None and start < project.started_on:
            issues.append(
                error("notice_from", f"公示开始日期不能早于实施开始日期 {project.started_on:%Y-%m-%d}")
            )
        listed = s.scalar(
            select(func.count()).where(
                ProjectBeneficiary.project_id == project.id, ProjectBeneficiary.deleted.is_(False)
            )
        )
        if pays_individuals(s, project.catalogue_code) and not listed:
            issues.append(error("beneficiaries", "本项目按名单发放：请先录入上报名单，再公示"))
    if target is ProjectStatus.FINAL_REPORT and project.notice_to is not None and on <= project.notice_to:
        issues.append(error("on", f"公示期至 {project.notice_to:%Y-%m-%d}，公示结束后才能提交终期报告"))
    if target is ProjectStatus.EVALUATED and project.final_report_on and on < project.final_report_on:
        issues.append(error("on", f"绩效评价日期不能早于终期报告日期 {project.final_report_on:%Y-%m-%d}"))
    return issues


def advance_project(
    ws: Workspace,
    project_id: str,
    on: date,
    *,
    document_no: str = "",
    notice_from: date | None = None,
    notice_to: date | None = None,
    final_report_content: str = "",
    today: date | None = None,
) -> ProjectStatus:
    """Move a project one step along its lifecycle on the day ``on``; returns the new status.

    申报 → 立项 needs a 文号; → 实施 starts on ``on``; → 公示 needs notice dates (and, for a
    programme paying individuals, the reported list); → 终期报告 only after the notice period;
    → 绩效评价 scores the project on its indicators as of ``on``. Steps cannot be skipped or
    taken back.
    """
    ensure_writable(ws)
    today = today or date.today()
    with edit_session(ws) as s:
        project = live_project(s, ws, project_id)
        target = project.status.next()
        if target is None:
            raise UserInputError("这个项目已完成绩效评价，生命周期已经结束。")
        issues = check_date("on", on, label=f"{target}日期", today=today)
        if document_no.strip():
            project.document_no = document_no.strip()
        start = notice_from or project.notice_from or (on if target is ProjectStatus.PUBLIC_NOTICE else None)
        end = notice_to or project.notice_to
        issues += _step_issues(s, project, target, on, (start, end))
        if len(final_report_content) > 4000:
            issues.append(error("final_report_content", "终期报告内容不能超过 4000 字，请精简或作为附件另存"))
        if issues:
            raise ValidationFailed(
                list[object](issues), f"项目未能进入“{target}”：" + "；".join(i.message for i in issues)
            )
        if target is ProjectStatus.IN_PROGRESS:
            project.started_on = on
        elif target is ProjectStatus.PUBLIC_NOTICE:
            assign_changed(project, {"notice_from": start, "notice_to": end})
        elif target is ProjectStatus.FINAL_REPORT:
            content = final_report_content.strip() or None
            assign_changed(project, {"final_report_on": on, "final_report_content": content})
        elif target is ProjectStatus.EVALUATED:
            score = evaluate_in_session(s, project, on).score
            assign_changed(project, {"evaluated_on": on, "evaluation_score": score})
        project.status = target
        return target
