"""A project's reported list (上报名单): who is on it, putting a family or person on it, taking them off.

Money goes to individuals strictly by this list (see ``payments``). The list is fixed from the
final report on; someone already paid cannot be taken off.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.database.models import ProjectBeneficiary, SpecialFamily
from app.domain.enums import ProjectStatus
from app.domain.errors import NotFound, UserInputError
from app.domain.idcard import check_id_number, mask_id_number
from app.domain.records.projects import BeneficiaryInput, BeneficiaryRow, FamilyPick
from app.domain.validation import Issue, check_date, error, format_fen, require, warning
from app.services.projects.base import live_project, paid_by, stage
from app.services.projects.issued_catalogue import pays_individuals
from app.services.shared.divisions import known_id_regions
from app.services.shared.records import check_division, places, raise_for, text_or_none
from app.services.shared.scope import edit_session, ensure_writable, id_shown, in_scope, within
from app.services.shared.search import family_clause, like_ignores_case, like_pattern, words
from app.services.shared.workspace import Workspace


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
        paid = paid_by(s, ids)
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


def check_beneficiary(
    s: Session, ws: Workspace, inp: BeneficiaryInput, today: date
) -> tuple[BeneficiaryInput, list[Issue]]:
    project = live_project(s, ws, inp.project_id)
    issues: list[Issue] = []
    if stage(project.status) >= stage(ProjectStatus.FINAL_REPORT):
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
        clean, issues = check_beneficiary(s, ws, inp, today)
        raise_for(issues, accept_warnings)
        return write_beneficiary(s, ws, clean)


def write_beneficiary(s: Session, ws: Workspace, clean: BeneficiaryInput) -> str:
    """Write a checked list entry in the caller's transaction (the form, an import's rows)."""
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
        project = live_project(s, ws, row.project_id)
        if stage(project.status) >= stage(ProjectStatus.FINAL_REPORT):
            raise UserInputError(f"项目已进入“{project.status}”，上报名单不能再修改。")
        paid = paid_by(s, [row.id]).get(row.id)
        if paid:
            raise UserInputError(
                f"{row.name} 已领取 {paid[1]} 笔共 {format_fen(paid[0])} 元，不能移出名单；请先核对发放记录。"
            )
        row.deleted = True
