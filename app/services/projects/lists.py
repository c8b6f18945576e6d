"""A project's reported list (上报名单) and its payments: money goes to individuals strictly by the list.

A payment must name someone on that project's list — chosen from it, or typed by ID number and
found on it; anyone else is refused with the reason, and nothing is written. Re-exported by
``app.services.projects``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from app.database.models import Project, ProjectBeneficiary, ProjectPayment, SpecialFamily
from app.domain.enums import ProjectStatus
from app.domain.errors import NotFound, UserInputError, ValidationFailed
from app.domain.idcard import check_id_number, mask_id_number, normalize_id_number
from app.domain.permissions import is_masked, mask_bank_account
from app.domain.records.projects import (
    BeneficiaryInput,
    BeneficiaryRow,
    FamilyPick,
    PaymentInput,
    PaymentRow,
)
from app.domain.validation import MAX_FEN, Issue, check_date, error, format_fen, require, warning
from app.services.projects.issued_catalogue import pays_individuals
from app.services.shared.divisions import known_id_regions
from app.services.shared.records import check_division, places, raise_for, text_or_none
from app.services.shared.scope import (
    bank_shown,
    edit_session,
    ensure_in_scope,
    ensure_writable,
    id_shown,
    in_scope,
    within,
)
from app.services.shared.search import family_clause, like_ignores_case, like_pattern, words
from app.services.shared.workspace import Workspace

_ORDER = list(ProjectStatus)


def _stage(status: ProjectStatus) -> int:
    return _ORDER.index(status)


_NO_PROJECT = "这个项目不存在，可能已被删除或尚未同步到本机。"


def _project(s: Session, ws: Workspace, project_id: str) -> Project:
    project = s.get(Project, project_id)
    if project is None or project.deleted:
        raise NotFound(_NO_PROJECT)
    ensure_in_scope(ws, project.division_code, _NO_PROJECT)
    return project


def _payment_in_scope(ws: Workspace) -> list[ColumnElement[bool]]:
    """Payments of projects inside the user's divisions; [] when nobody signed in."""
    inside = within(ws, Project.division_code)
    return [ProjectPayment.project_id.in_(select(Project.id).where(*inside))] if inside else []


def _paid_by(s: Session, beneficiary_ids: Sequence[str]) -> dict[str, tuple[int, int]]:
    """beneficiary id → (fen paid, number of payments)."""
    rows = s.execute(
        select(ProjectPayment.beneficiary_id, func.sum(ProjectPayment.amount_fen), func.count())
        .where(ProjectPayment.beneficiary_id.in_(beneficiary_ids), ProjectPayment.deleted.is_(False))
        .group_by(ProjectPayment.beneficiary_id)
    ).all()
    return {b: (int(fen), int(n)) for b, fen, n in rows}


# --- the reported list ---------------------------------------------------------------------------


def list_beneficiary_ids(
    ws: Workspace, project_id: str, text: str = "", *, limit: int | None = None
) -> list[str]:
    """The project's list in name order; ``text`` matches names and ID numbers."""
    where = [
        ProjectBeneficiary.project_id == project_id,
        ProjectBeneficiary.deleted.is_(False),
        *within(ws, ProjectBeneficiary.division_code),
    ]
    for word in words(text):
        pattern = like_pattern(word.upper() if word[:1].isdigit() else word)
        where.append(
            or_(
                ProjectBeneficiary.name.like(pattern, escape="\\"),
                ProjectBeneficiary.id_number.like(pattern, escape="\\"),
            )
        )
    query = (
        select(ProjectBeneficiary.id)
        .where(*where)
        .order_by(ProjectBeneficiary.division_code, ProjectBeneficiary.name, ProjectBeneficiary.id)
        .limit(limit)
    )
    with ws.db.read() as s:
        return list(s.scalars(query))


def load_beneficiary_rows(ws: Workspace, ids: Sequence[str]) -> list[BeneficiaryRow]:
    ids = list(ids)
    if not ids:
        return []
    with ws.db.read() as s:
        found = {
            b.id: b
            for b in s.scalars(
                select(ProjectBeneficiary).where(
                    ProjectBeneficiary.id.in_(ids), *within(ws, ProjectBeneficiary.division_code)
                )
            )
        }
        paid = _paid_by(s, ids)
        names = places(s, {b.division_code for b in found.values()})
    return [
        BeneficiaryRow(
            id=b.id,
            project_id=b.project_id,
            family_id=b.family_id,
            name=b.name,
            id_masked=mask_id_number(b.id_number),
            division_code=b.division_code,
            village=names[b.division_code].name,
            reason=b.reason or "",
            approved_on=b.approved_on,
            paid_fen=paid.get(b.id, (0, 0))[0],
            payment_count=paid.get(b.id, (0, 0))[1],
            id_export=id_shown(ws, b.id_number),
        )
        for b in (found.get(i) for i in ids)
        if b is not None
    ]


def family_picks(ws: Workspace, term: str, *, limit: int = 20) -> list[FamilyPick]:
    """Special families matching a search (name, pinyin initials, ID number), to put on a list."""
    clause = family_clause(term, like_ignores_case=like_ignores_case(ws))
    if clause is None:
        return []
    with ws.db.read() as s:
        families = s.scalars(
            select(SpecialFamily)
            .where(SpecialFamily.deleted.is_(False), clause, *within(ws, SpecialFamily.division_code))
            .order_by(SpecialFamily.name_key, SpecialFamily.id)
            .limit(limit)
        ).all()
        names = places(s, {f.division_code for f in families})
    return [
        FamilyPick(
            f.id,
            f.head_name,
            mask_id_number(f.head_id_number),
            f.category,
            f.division_code,
            names[f.division_code].name,
        )
        for f in families
    ]


def _check_beneficiary(
    s: Session, ws: Workspace, inp: BeneficiaryInput, today: date
) -> tuple[BeneficiaryInput, list[Issue]]:
    project = _project(s, ws, inp.project_id)
    issues: list[Issue] = []
    if _stage(project.status) >= _stage(ProjectStatus.FINAL_REPORT):
        issues.append(error("project", f"项目已进入“{project.status}”，上报名单不能再修改"))
    elif project.status is ProjectStatus.PUBLIC_NOTICE and inp.id is None:
        issues.append(warning("project", "名单已经公示：新增的人员需要补充公示后才能发放"))
    clean = inp
    if inp.family_id:
        family = s.get(SpecialFamily, inp.family_id)
        if family is None or family.deleted or not in_scope(ws, family.division_code):
            issues.append(error("family_id", "所选家庭不存在或已被删除"))
        else:
            # Picking a family fills what was left blank from its head (户主).
            clean = replace(
                clean,
                name=clean.name.strip() or family.head_name,
                id_number=clean.id_number.strip() or (family.head_id_number or ""),
                division_code=clean.division_code or family.division_code,
            )
    clean = replace(
        clean, name=clean.name.strip(), division_code=clean.division_code or project.division_code
    )
    issues += require("name", clean.name, "姓名")
    if len(clean.name) > 40:
        issues.append(error("name", "姓名不能超过 40 个字"))
    by_list = pays_individuals(s, project.catalogue_code)
    if clean.id_number.strip():
        info, found = check_id_number(
            "id_number", clean.id_number, known_region=known_id_regions().__contains__, today=today
        )
        issues += found
        if info is not None:
            clean = replace(clean, id_number=info.number)
    elif by_list:
        issues.append(error("id_number", "本项目按名单发放资金：请填写身份证号"))
    issues += check_division(s, ws, "division_code", clean.division_code)[1]
    issues += check_date("approved_on", clean.approved_on, label="审核日期", today=today)
    duplicates = [ProjectBeneficiary.family_id == clean.family_id] if clean.family_id else []
    if clean.id_number:
        duplicates.append(ProjectBeneficiary.id_number == clean.id_number)
    if duplicates:
        taken = s.scalar(
            select(ProjectBeneficiary.name)
            .where(
                ProjectBeneficiary.project_id == project.id,
                ProjectBeneficiary.deleted.is_(False),
                ProjectBeneficiary.id != (clean.id or ""),
                or_(*duplicates),
            )
            .limit(1)
        )
        if taken is not None:
            issues.append(error("id_number", f"{taken} 已在本项目的上报名单中"))
    return clean, issues


def save_beneficiary(
    ws: Workspace, inp: BeneficiaryInput, *, accept_warnings: bool = False, today: date | None = None
) -> str:
    """Put someone on a project's reported list (or correct their entry); returns the entry's id."""
    ensure_writable(ws)
    today = today or date.today()
    with edit_session(ws) as s:
        clean, issues = _check_beneficiary(s, ws, inp, today)
        raise_for(issues, accept_warnings)
        values = {
            "project_id": clean.project_id,
            "family_id": clean.family_id or None,
            "name": clean.name,
            "id_number": clean.id_number or None,
            "division_code": clean.division_code,
            "reason": text_or_none(clean.reason),
            "approved_on": clean.approved_on,
        }
        if clean.id is None:
            row = ProjectBeneficiary(**values)
            s.add(row)
            s.flush()
            return row.id
        found = s.get(ProjectBeneficiary, clean.id)
        if (
            found is None
            or found.deleted
            or found.project_id != clean.project_id
            or not in_scope(ws, found.division_code)
        ):
            raise NotFound("名单中的这一条已被删除，修改未保存。")
        for name, value in values.items():
            if getattr(found, name) != value:
                setattr(found, name, value)
        return found.id


def remove_beneficiary(ws: Workspace, beneficiary_id: str) -> None:
    """Take someone off the list; refused once they were paid (the payment needs its list entry)."""
    ensure_writable(ws)
    with edit_session(ws) as s:
        row = s.get(ProjectBeneficiary, beneficiary_id)
        if row is None or row.deleted or not in_scope(ws, row.division_code):
            raise NotFound("名单中的这一条不存在或已被删除。")
        project = _project(s, ws, row.project_id)
        if _stage(project.status) >= _stage(ProjectStatus.FINAL_REPORT):
            raise UserInputError(f"项目已进入“{project.status}”，上报名单不能再修改。")
        paid = _paid_by(s, [row.id]).get(row.id)
        if paid:
            raise UserInputError(
                f"{row.name} 已领取 {paid[1]} 笔共 {format_fen(paid[0])} 元，不能移出名单；请先核对发放记录。"
            )
        row.deleted = True


# --- payments --------------------------------------------------------------------------------------


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


def _check_payment(
    s: Session, ws: Workspace, inp: PaymentInput, today: date
) -> tuple[ProjectBeneficiary | None, list[Issue]]:
    project = _project(s, ws, inp.project_id)
    stage = _stage(project.status)
    if stage < _stage(ProjectStatus.IN_PROGRESS):
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
        payee, issues = _check_payment(s, ws, inp, today)
        if payee is None and not issues:  # pragma: no cover - _payee always says why
            issues = [error("beneficiary", "请选择领取人")]
        raise_for(issues, accept_warnings)
        if payee is None or inp.paid_on is None:
            raise ValidationFailed([error("beneficiary", "请选择领取人")])
        row = ProjectPayment(
            project_id=inp.project_id,
            beneficiary_id=payee.id,
            paid_on=inp.paid_on,
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
        project = _project(s, ws, row.project_id)
        if project.status is ProjectStatus.EVALUATED:
            raise UserInputError("项目已完成绩效评价，发放记录不能再删除。")
        row.deleted = True
