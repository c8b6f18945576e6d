"""项目服务: projects with their funds — the list, rows, the detail, saving, the year's funds, deleting.

Each public function is one user action in one transaction. The status moves only through
``lifecycle.advance_project``; the reported list and the payments are in ``lists`` and
``payments``, the catalogue in ``issued_catalogue``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, case, func, or_, select
from sqlalchemy.orm import Session

from app.database.models import Project, ProjectBeneficiary, ProjectPayment
from app.domain.enums import AdminLevel, ProjectStatus
from app.domain.errors import UserInputError
from app.domain.records.projects import (
    STEP_NEEDS,
    FundsSummary,
    ProjectDetail,
    ProjectFilter,
    ProjectInput,
    ProjectRow,
)
from app.domain.validation import MAX_FEN, Issue, check_date, error, format_fen, require, warning
from app.services.projects.base import live_project
from app.services.projects.issued_catalogue import all_entries, pays_individuals
from app.services.shared.records import assign_changed, check_division, places, raise_for, text_or_none, under
from app.services.shared.scope import edit_session, ensure_writable, within
from app.services.shared.search import like_pattern, words
from app.services.shared.workspace import Workspace

_FUNDS = ("allocated_fen", "matched_fen", "self_raised_fen", "donated_fen")
_FUND_LABELS = {
    "allocated_fen": "下拨资金",
    "matched_fen": "配套资金",
    "self_raised_fen": "自筹资金",
    "donated_fen": "社会捐赠",
}


def _paid() -> Any:
    return (
        select(func.coalesce(func.sum(ProjectPayment.amount_fen), 0))
        .where(ProjectPayment.project_id == Project.id, ProjectPayment.deleted.is_(False))
        .scalar_subquery()
    )


def _listed() -> Any:
    return (
        select(func.count())
        .select_from(ProjectBeneficiary)
        .where(ProjectBeneficiary.project_id == Project.id, ProjectBeneficiary.deleted.is_(False))
        .scalar_subquery()
    )


_STATUS_ORDER = case({s.value: i for i, s in enumerate(ProjectStatus)}, value=Project.status, else_=99)
_SORTS: dict[str, Any] = {
    "year": lambda: Project.year,
    "name": lambda: Project.name,
    "catalogue": lambda: Project.catalogue_code,
    "level": lambda: Project.level,
    "division": lambda: Project.division_code,
    "document_no": lambda: Project.document_no,
    "status": lambda: _STATUS_ORDER,
    "allocated": lambda: Project.allocated_fen,
    "matched": lambda: Project.matched_fen,
    "self_raised": lambda: Project.self_raised_fen,
    "donated": lambda: Project.donated_fen,
    "total": lambda: (
        Project.allocated_fen + Project.matched_fen + Project.self_raised_fen + Project.donated_fen
    ),
    "paid": _paid,
    "beneficiaries": _listed,
    "started_on": lambda: Project.started_on,
    "notice_from": lambda: Project.notice_from,
    "final_report_on": lambda: Project.final_report_on,
    "score": lambda: Project.evaluation_score,
}


def _conditions(ws: Workspace, flt: ProjectFilter) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [Project.deleted.is_(False), *within(ws, Project.division_code)]
    if flt.year is not None:
        where.append(Project.year == flt.year)
    if flt.status is not None:
        where.append(Project.status == flt.status)
    if flt.catalogue_code:
        where.append(Project.catalogue_code == flt.catalogue_code)
    where += under(Project.division_code, flt.division_code)
    for word in words(flt.text):
        pattern = like_pattern(word)
        where.append(
            or_(Project.name.like(pattern, escape="\\"), Project.document_no.like(pattern, escape="\\"))
        )
    return where


def list_project_ids(
    ws: Workspace, flt: ProjectFilter | None = None, *, limit: int | None = None
) -> list[str]:
    flt = flt or ProjectFilter()
    sort = _SORTS.get(flt.sort, _SORTS["year"])()
    order = [sort.desc() if flt.descending else sort.asc(), Project.name, Project.id]
    query = select(Project.id).where(*_conditions(ws, flt)).order_by(*order).limit(limit)
    with ws.db.read() as s:
        return list(s.connection().execute(query).scalars())


def _rows(s: Session, ids: Sequence[str]) -> list[ProjectRow]:
    found = {
        p.id: (p, int(paid), int(listed))
        for p, paid, listed in s.execute(
            select(Project, _paid().label("paid"), _listed().label("listed")).where(Project.id.in_(ids))
        ).all()
    }
    names = places(s, {p.division_code for p, _, _ in found.values()})
    entries = all_entries(s)
    rows = []
    for pid in ids:
        if pid not in found:
            continue
        p, paid, listed = found[pid]
        entry = entries.get(p.catalogue_code)
        rows.append(
            ProjectRow(
                id=p.id,
                name=p.name,
                catalogue_code=p.catalogue_code,
                catalogue_name=entry.name if entry else p.catalogue_code,
                year=p.year,
                level=p.level,
                division_code=p.division_code,
                division_name=names[p.division_code].name,
                document_no=p.document_no or "",
                status=p.status,
                allocated_fen=p.allocated_fen,
                matched_fen=p.matched_fen,
                self_raised_fen=p.self_raised_fen,
                donated_fen=p.donated_fen,
                paid_fen=paid,
                beneficiary_count=listed,
                started_on=p.started_on,
                notice_from=p.notice_from,
                notice_to=p.notice_to,
                final_report_on=p.final_report_on,
                evaluated_on=p.evaluated_on,
                evaluation_score=p.evaluation_score,
                final_report_due_on=p.final_report_due_on,
                final_report_content=p.final_report_content or "",
            )
        )
    return rows


def load_project_rows(ws: Workspace, ids: Sequence[str]) -> list[ProjectRow]:
    ids = list(ids)
    if not ids:
        return []
    with ws.db.read() as s:
        inside = set(
            s.scalars(select(Project.id).where(Project.id.in_(ids), *within(ws, Project.division_code)))
        )
        return _rows(s, [i for i in ids if i in inside])


def project_years(ws: Workspace) -> list[int]:
    """The years that have projects, newest first (the year filter's choices)."""
    with ws.db.read() as s:
        return list(
            s.scalars(
                select(Project.year)
                .where(Project.deleted.is_(False), *within(ws, Project.division_code))
                .distinct()
                .order_by(Project.year.desc())
            )
        )


def funds_summary(ws: Workspace, year: int | None = None, division_code: str | None = None) -> FundsSummary:
    """The money of a year's projects by source, and what was paid out to the lists."""
    flt = ProjectFilter(year=year, division_code=division_code)
    with ws.db.read() as s:
        count, *funds = s.execute(
            select(func.count(), *(func.coalesce(func.sum(getattr(Project, f)), 0) for f in _FUNDS)).where(
                *_conditions(ws, flt)
            )
        ).one()
        paid = s.scalar(
            select(func.coalesce(func.sum(ProjectPayment.amount_fen), 0))
            .join(Project, Project.id == ProjectPayment.project_id)
            .where(ProjectPayment.deleted.is_(False), *_conditions(ws, flt))
        )
    allocated, matched, self_raised, donated = (int(f) for f in funds)
    return FundsSummary(year, int(count), allocated, matched, self_raised, donated, int(paid or 0))


def project_detail(ws: Workspace, project_id: str) -> ProjectDetail:
    with ws.db.read() as s:
        project = live_project(s, ws, project_id)
        (row,) = _rows(s, [project_id])
        payments = s.scalar(
            select(func.count()).where(
                ProjectPayment.project_id == project_id, ProjectPayment.deleted.is_(False)
            )
        )
        individuals = pays_individuals(s, project.catalogue_code)
    following = project.status.next()
    return ProjectDetail(
        row=row,
        note=project.note or "",
        pays_individuals=individuals,
        payment_count=int(payments or 0),
        next_status=following,
        next_needs=STEP_NEEDS.get(following, "") if following else "",
    )


def _check(s: Session, ws: Workspace, inp: ProjectInput, today: date) -> tuple[dict[str, Any], list[Issue]]:
    entry = all_entries(s).get(inp.catalogue_code)
    issues: list[Issue] = []
    if entry is None or (inp.id is None and not entry.active):
        issues.append(error("catalogue_code", "请从项目目录中选择项目类别"))
    issues += require("name", inp.name, "项目名称")
    if len(inp.name.strip()) > 80:
        issues.append(error("name", "项目名称不能超过 80 个字"))
    if not 2000 <= inp.year <= today.year + 1:
        issues.append(error("year", f"项目年度应在 2000–{today.year + 1} 之间"))
    issues += check_division(s, ws, "division_code", inp.division_code)[1]
    if len(inp.document_no.strip()) > 60:
        issues.append(error("document_no", "文号不能超过 60 个字"))
    for name in _FUNDS:
        if not 0 <= getattr(inp, name) < MAX_FEN:
            issues.append(error(name, f"{_FUND_LABELS[name]}应为 0 或正数"))
    issues += check_date("started_on", inp.started_on, label="实施开始日期", not_future=False)
    if inp.notice_from and inp.notice_to and inp.notice_to < inp.notice_from:
        issues.append(error("notice_to", "公示结束日期不能早于开始日期"))
    if inp.notice_from and inp.started_on and inp.notice_from < inp.started_on:
        issues.append(warning("notice_from", "公示开始日期早于实施开始日期，请核对"))
    if inp.final_report_due_on and inp.final_report_due_on.year < inp.year:
        issues.append(error("final_report_due_on", "终期报告截止日期不能早于项目年度"))
    same = s.scalar(
        select(Project.id)
        .where(
            Project.catalogue_code == inp.catalogue_code,
            Project.year == inp.year,
            Project.division_code == inp.division_code,
            Project.deleted.is_(False),
            Project.id != (inp.id or ""),
        )
        .limit(1)
    )
    if same is not None and entry is not None:
        issues.append(warning("name", f"本区划 {inp.year} 年已登记“{entry.name}”项目，请确认不是重复登记"))
    if inp.id is not None:
        paid = s.scalar(
            select(func.coalesce(func.sum(ProjectPayment.amount_fen), 0)).where(
                ProjectPayment.project_id == inp.id, ProjectPayment.deleted.is_(False)
            )
        )
        if paid and inp.allocated_fen < paid:
            issues.append(
                warning("allocated_fen", f"下拨资金少于已发放的 {format_fen(int(paid))} 元，请核对")
            )
    values = {
        "catalogue_code": inp.catalogue_code,
        "name": inp.name.strip(),
        "year": inp.year,
        "level": inp.level or (entry.level if entry else AdminLevel.COUNTY),
        "division_code": inp.division_code,
        "document_no": text_or_none(inp.document_no),
        **{name: getattr(inp, name) for name in _FUNDS},
        "started_on": inp.started_on,
        "notice_from": inp.notice_from,
        "notice_to": inp.notice_to,
        "final_report_due_on": inp.final_report_due_on,
        "note": text_or_none(inp.note),
    }
    return values, issues


def save_project(
    ws: Workspace, inp: ProjectInput, *, accept_warnings: bool = False, today: date | None = None
) -> str:
    """Register (as 申报) or update a project; its status moves only through ``advance_project``."""
    ensure_writable(ws)
    today = today or date.today()
    with edit_session(ws) as s:
        if inp.id is not None:
            live_project(s, ws, inp.id)
        values, issues = _check(s, ws, inp, today)
        raise_for(issues, accept_warnings)
        if inp.id is None:
            project = Project(status=ProjectStatus.APPLIED, **values)
            s.add(project)
            s.flush()
            return project.id
        project = live_project(s, ws, inp.id)
        assign_changed(project, values)
        return project.id


def mark_project_deleted(ws: Workspace, project_id: str) -> None:
    """标记删除 a project entered by mistake, with its list; refused once money was paid out."""
    ensure_writable(ws)
    with edit_session(ws) as s:
        project = live_project(s, ws, project_id)
        paid = s.scalar(
            select(func.count()).where(
                ProjectPayment.project_id == project_id, ProjectPayment.deleted.is_(False)
            )
        )
        if paid:
            raise UserInputError(
                f"“{project.name}”已有 {paid} 笔发放记录，不能删除；请先核对并删除发放记录。"
            )
        for b in s.scalars(
            select(ProjectBeneficiary).where(
                ProjectBeneficiary.project_id == project_id, ProjectBeneficiary.deleted.is_(False)
            )
        ):
            b.deleted = True
        project.deleted = True
