"""Members' ID and bank numbers: who already holds a number, masked numbers back from the form, un-masking.

A user who may not see numbers in full gets them masked; ``unmask_member`` shows one member's
in full and writes the look to the audit log (never the numbers themselves).
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.database.audit import AuditAction, record
from app.database.models import Division, FamilyMember, SpecialFamily
from app.domain.errors import NotFound
from app.domain.idcard import normalize_id_number
from app.domain.permissions import Permission, is_masked
from app.domain.records.families import FamilyInput, IdNumberHolder, UnmaskedNumbers
from app.domain.validation import Issue, error
from app.services.shared.scope import allowed, ensure_in_scope, ensure_may, shows_full_numbers
from app.services.shared.workspace import Workspace


def can_unmask(ws: Workspace) -> bool:
    """Whether the form may offer "show full numbers" (a clerk may; a read-only viewer may not)."""
    return shows_full_numbers(ws) or allowed(ws, Permission.UNMASK)


def can_see_sensitive(ws: Workspace) -> bool:
    """Whether this user sees ID and bank numbers in full in forms (else masked until un-masked)."""
    return shows_full_numbers(ws)


def id_number_holders(s: Session, number: str) -> list[IdNumberHolder]:
    """The live families' members holding this (normalised) ID number."""
    rows = s.execute(
        select(FamilyMember, SpecialFamily)
        .join(SpecialFamily, SpecialFamily.id == FamilyMember.family_id)
        .where(
            FamilyMember.id_number == number,
            FamilyMember.deleted.is_(False),
            SpecialFamily.deleted.is_(False),
        )
    ).all()
    villages = dict(
        s.execute(
            select(Division.code, Division.name).where(
                Division.code.in_({f.division_code for _, f in rows}), Division.deleted.is_(False)
            )
        ).all()
    )
    return [
        IdNumberHolder(
            f.id, m.id, m.name, m.relation, f.head_name, villages.get(f.division_code, ""), f.status
        )
        for m, f in rows
    ]


def find_by_id_number(
    ws: Workspace, number: str, *, except_family: str | None = None
) -> list[IdNumberHolder]:
    """Who already holds this ID number in a live family (the form's duplicate warning)."""
    normal = normalize_id_number(number)
    if len(normal) != 18:
        return []
    with ws.db.read() as s:
        return [h for h in id_number_holders(s, normal) if h.family_id != except_family]


def restore_masked(s: Session, inp: FamilyInput) -> tuple[FamilyInput, list[Issue]]:
    """Masked numbers back from the form stand for the stored ones: put those back before checking.

    A member whose numbers were shown masked and left alone keeps them; a masked number on a
    member that has none stored (a new member) is an error: it has to be typed in full.
    """
    if not any(is_masked(m.id_number) or is_masked(m.bank_account) for m in inp.members):
        return inp, []
    stored: dict[str, FamilyMember] = {}
    if inp.id is not None:
        stored = {
            m.id: m
            for m in s.scalars(
                select(FamilyMember).where(FamilyMember.family_id == inp.id, FamilyMember.deleted.is_(False))
            )
        }
    issues: list[Issue] = []
    members = []
    for i, member in enumerate(inp.members):
        row = stored.get(member.id or "")
        if is_masked(member.id_number):
            if row is not None and row.id_number:
                member = replace(member, id_number=row.id_number)
            else:
                issues.append(
                    error(f"members.{i}.id_number", f"第 {i + 1} 位成员的身份证号不完整，请输入全部 18 位")
                )
        if is_masked(member.bank_account):
            if row is not None and row.bank_account:
                member = replace(member, bank_account=row.bank_account)
            else:
                issues.append(
                    error(f"members.{i}.bank_account", f"第 {i + 1} 位成员的银行账号不完整，请输入完整账号")
                )
        members.append(member)
    return replace(inp, members=tuple(members)), issues


def unmask_member(ws: Workspace, member_id: str) -> UnmaskedNumbers:
    """One member's ID and bank numbers in full, for a user who sees them masked; audited.

    The audit entry names the member and the family, never the numbers. Refused for a role
    without the right to un-mask (只读查看) and for a member outside the user's divisions.
    """
    if not shows_full_numbers(ws):
        ensure_may(ws, Permission.UNMASK)
    gone = "这位家庭成员不存在，可能已被删除。"
    with ws.db.session() as s:  # a look, not an edit: audited below
        member = s.get(FamilyMember, member_id)
        family = s.get(SpecialFamily, member.family_id) if member is not None else None
        if member is None or family is None or member.deleted or family.deleted:
            raise NotFound(gone)
        ensure_in_scope(ws, family.division_code, gone)
        record(
            s,
            ws.username,
            AuditAction.UNMASK,
            f"家庭成员 {member.id}",
            {"family": family.id, "fields": ["身份证号", "银行账号"]},
        )
        return UnmaskedNumbers(member.id, member.id_number or "", member.bank_account or "")
