"""A project's payments: money goes to individuals strictly by the reported list.

A payment must name someone on that project's list — chosen from it, or typed by ID number and
found on it; anyone else is refused with the reason, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from app.database.models import Project, ProjectBeneficiary, ProjectPayment
from app.domain.enums import ProjectStatus
from app.domain.errors import NotFound, UserInputError, ValidationFailed
from app.domain.idcard import mask_id_number, normalize_id_number
from app.domain.permissions import is_masked, mask_bank_account
from app.domain.records.projects import PaymentInput, PaymentRow
from app.domain.validation import MAX_FEN, Issue, check_date, error, format_fen, require, warning
from app.services.projects.base import live_project, stage
from app.services.projects.issued_catalogue import pays_individuals
from app.services.shared.records import raise_for, text_or_none
from app.services.shared.scope import bank_shown, edit_session, ensure_writable, id_shown, within
from app.services.shared.workspace import Workspace


def _payment_in_scope(ws: Workspace) -> list[ColumnElement[bool]]:
    """Payments of projects inside the user's divisions; [] when nobody signed in."""
    inside = within(ws, Project.division_code)
    return [ProjectPayment.project_id.in_(select(Project.id).where(*inside))] if inside else []


def list_payment_ids(ws: Workspace, project_id: str, *, limit: int | None = None) -> list[str]:
    """The project's payments, newest first."""
    query = (
        select(ProjectPayment.id)
        .where(
            ProjectPayment.project_id == project_id,
            ProjectPayment.deleted.is_(False),
            *_payment_in_scope(ws),
        )
        .order_by(ProjectPayment.paid_on.desc(), ProjectPayment.id)
        .limit(limit)
    )
    with ws.db.read() as s:
        return list(s.scalars(query))


def load_payment_rows(ws: Workspace, ids: Sequence[str]) -> list[PaymentRow]:
    ids = list(ids)
    if not ids:
        return []
    with ws.db.read() as s:
        pairs = {
            p.id: (p, b)
            for p, b in s.execute(
                select(ProjectPayment, ProjectBeneficiary)
                .join(
                    ProjectBeneficiary, ProjectBeneficiary.id == ProjectPayment.beneficiary_id, isouter=True
                )
                .where(ProjectPayment.id.in_(ids), *_payment_in_scope(ws))
            ).all()
        }
    return [
        PaymentRow(
            id=p.id,
            project_id=p.project_id,
            beneficiary_id=p.beneficiary_id,
            beneficiary_name=b.name if b is not None else "",
            id_masked=mask_id_number(b.id_number) if b is not None else "",
            paid_on=p.paid_on,
            amount_fen=p.amount_fen,
            method=p.method,
            bank_account_masked=mask_bank_account(p.bank_account),
            reference=p.reference or "",
            notice_published_on=p.notice_published_on,
            id_export=id_shown(ws, b.id_number) if b is not None else "",
            bank_account_export=bank_shown(ws, p.bank_account),
        )
        for p, b in (pairs[i] for i in ids if i in pairs)
    ]


def _payee(s: Session, inp: PaymentInput) -> tuple[ProjectBeneficiary | None, list[Issue]]:
    """The list entry the payment goes to, or why there is none."""
    if inp.beneficiary_id:
        row = s.get(ProjectBeneficiary, inp.beneficiary_id)
        if row is not None and not row.deleted and row.project_id == inp.project_id:
            return row, []
        who = row.name if row is not None else "所选领取人"
    else:
        number = normalize_id_number(inp.payee_id_number)
        if not number and not inp.payee_name.strip():
            return None, [error("beneficiary", "请从上报名单中选择领取人")]
        if number:
            found = s.scalars(
                select(ProjectBeneficiary).where(
                    ProjectBeneficiary.project_id == inp.project_id,
                    ProjectBeneficiary.id_number == number,
                    ProjectBeneficiary.deleted.is_(False),
                )
            ).first()
            if found is not None:
                return found, []
        who = " ".join(filter(None, (inp.payee_name.strip(), mask_id_number(number) if number else "")))
    return None, [
        error(
            "beneficiary",
            f"{who} 不在本项目的上报名单中。项目资金必须严格按上报名单发放，本次发放未登记；"
            "如确应发放，请先将其列入名单并公示。",
        )
    ]


def check_payment(
    s: Session, ws: Workspace, inp: PaymentInput, today: date
) -> tuple[ProjectBeneficiary | None, list[Issue]]:
    project = live_project(s, ws, inp.project_id)
    reached = stage(project.status)
    if reached < stage(ProjectStatus.IN_PROGRESS):
        return None, [error("project", f"项目还在“{project.status}”阶段，实施后才能登记发放")]
    if project.status is ProjectStatus.EVALUATED:
        return None, [error("project", "项目已完成绩效评价，不能再登记发放")]
    payee, issues = _payee(s, inp)
    issues += require("paid_on", inp.paid_on, "发放日期")
    issues += check_date("paid_on", inp.paid_on, label="发放日期", today=today)
    if inp.amount_fen <= 0:
        issues.append(error("amount_fen", "发放金额应大于 0"))
    elif inp.amount_fen >= MAX_FEN:
        issues.append(error("amount_fen", "发放金额过大，请核对"))
    account = inp.bank_account.replace(" ", "")
    if is_masked(account):
        issues.append(error("bank_account", "银行卡（一卡通）账号不完整，请输入完整账号"))
    elif account and not (account.isascii() and account.isdigit() and 8 <= len(account) <= 32):
        issues.append(error("bank_account", "银行卡（一卡通）账号应为 8–32 位数字"))
    if len(inp.reference.strip()) > 60:
        issues.append(error("reference", "凭证号不能超过 60 个字"))
    if payee is None or issues:
        return payee, issues
    if inp.paid_on and project.started_on and inp.paid_on < project.started_on:
        issues.append(warning("paid_on", f"发放日期早于项目实施开始日期 {project.started_on:%Y-%m-%d}"))
    if project.status is ProjectStatus.IN_PROGRESS and pays_individuals(s, project.catalogue_code):
        issues.append(warning("project", "上报名单尚未公示：按规定应先公示名单再发放"))
    paid = s.scalar(
        select(func.coalesce(func.sum(ProjectPayment.amount_fen), 0)).where(
            ProjectPayment.project_id == project.id, ProjectPayment.deleted.is_(False)
        )
    )
    funds = project.allocated_fen + project.matched_fen + project.self_raised_fen + project.donated_fen
    if int(paid or 0) + inp.amount_fen > funds:
        total = format_fen(int(paid or 0) + inp.amount_fen)
        issues.append(warning("amount_fen", f"累计发放 {total} 元将超过项目资金 {format_fen(funds)} 元"))
    twice = s.scalar(
        select(ProjectPayment.id)
        .where(
            ProjectPayment.beneficiary_id == payee.id,
            ProjectPayment.paid_on == inp.paid_on,
            ProjectPayment.amount_fen == inp.amount_fen,
            ProjectPayment.deleted.is_(False),
        )
        .limit(1)
    )
    if twice is not None:
        issues.append(warning("amount_fen", f"{payee.name} 同一天已有一笔相同金额的发放，请确认不是重复登记"))
    return payee, issues


def record_payment(
    ws: Workspace, inp: PaymentInput, *, accept_warnings: bool = False, today: date | None = None
) -> str:
    """Record a payment to someone on the project's list; returns its id. Nothing is written if refused."""
    ensure_writable(ws)
    today = today or date.today()
    with edit_session(ws) as s:
        payee, issues = check_payment(s, ws, inp, today)
        if payee is None and not issues:  # pragma: no cover - _payee always says why
            issues = [error("beneficiary", "请选择领取人")]
        raise_for(issues, accept_warnings)
        if payee is None or inp.paid_on is None:
            raise ValidationFailed([error("beneficiary", "请选择领取人")])
        return write_payment(s, inp, payee.id, inp.paid_on)


def write_payment(s: Session, inp: PaymentInput, beneficiary_id: str, paid_on: date) -> str:
    """Write a checked payment in the caller's transaction (the form, an import's rows)."""
    row = ProjectPayment(
        project_id=inp.project_id,
        beneficiary_id=beneficiary_id,
        paid_on=paid_on,
        amount_fen=inp.amount_fen,
        method=inp.method,
        bank_account=text_or_none(inp.bank_account.replace(" ", "")),
        reference=text_or_none(inp.reference),
        notice_published_on=inp.notice_published_on,
    )
    s.add(row)
    s.flush()
    return row.id


def mark_payment_deleted(ws: Workspace, payment_id: str) -> None:
    """标记删除 a payment entered by mistake (it stays in the change log and travels to the county)."""
    ensure_writable(ws)
    with edit_session(ws) as s:
        row = s.get(ProjectPayment, payment_id)
        if row is None or row.deleted:
            raise NotFound("这笔发放记录不存在或已被删除。")
        project = live_project(s, ws, row.project_id)
        if project.status is ProjectStatus.EVALUATED:
            raise UserInputError("项目已完成绩效评价，发放记录不能再删除。")
        row.deleted = True
