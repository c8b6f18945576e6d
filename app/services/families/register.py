"""特殊家庭: saving one family — checking, saving with its members, 三个全覆盖, marking deleted.

Each public function is one user action in one transaction. Saving checks the input first
(``checks``): errors raise ``ValidationFailed``; warnings raise ``WarningsToConfirm`` until the
form saves again with ``accept_warnings=True`` after asking the user once. The detail the form
opens is in ``detail``, the numbers (look-up, masking, un-masking) in ``numbers``, the list in
``listing``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.database.models import Division, FamilyMember, SpecialFamily
from app.domain.enums import DivisionLevel, MemberRelation
from app.domain.errors import NotFound
from app.domain.pinyin import search_key
from app.domain.records.families import Coverage, FamilyInput, MemberInput
from app.domain.validation import Issue
from app.services.families import checks as family_checks
from app.services.families import numbering
from app.services.families.numbers import id_number_holders, restore_masked
from app.services.families.support import SupportStandards
from app.services.shared.divisions import division_prefix, known_id_regions
from app.services.shared.records import assign_changed, raise_for, text_or_none
from app.services.shared.scope import edit_session, ensure_in_scope, ensure_writable, root_code
from app.services.shared.workspace import Workspace


def _check(s: Session, ws: Workspace, inp: FamilyInput, today: date) -> tuple[FamilyInput, list[Issue]]:
    prefix = division_prefix(root_code(ws))

    def village_exists(code: str) -> bool:
        found = s.scalar(
            select(Division.level).where(Division.code == code, Division.deleted.is_(False)).limit(1)
        )
        return found in (DivisionLevel.VILLAGE, DivisionLevel.TOWNSHIP) and code.startswith(prefix)

    def family_no_taken(number: str) -> bool:
        taken = select(SpecialFamily.id).where(
            SpecialFamily.family_no == number,
            SpecialFamily.deleted.is_(False),
            SpecialFamily.id != (inp.id or ""),
        )
        return s.scalar(taken.limit(1)) is not None

    inp, masked_issues = restore_masked(s, inp)
    regions = known_id_regions()
    clean, issues = family_checks.check_family(
        inp,
        today=today,
        village_exists=village_exists,
        holders_of=lambda number: id_number_holders(s, number),
        known_region=regions.__contains__,
        family_no_taken=family_no_taken,
        support=SupportStandards.load(s).fill,
    )
    return clean, masked_issues + issues


def check_family(ws: Workspace, inp: FamilyInput, *, today: date | None = None) -> list[Issue]:
    """Every issue saving would meet, without saving (the form shows them beside the fields)."""
    with ws.db.read() as s:
        return _check(s, ws, inp, today or date.today())[1]


def _coverage_values(cov: Coverage) -> dict[str, Any]:
    return {name: text_or_none(v) if isinstance(v, str) else v for name, v in vars(cov).items()}


def _member_values(m: MemberInput) -> dict[str, Any]:
    return {
        "name": m.name,
        "relation": m.relation,
        "id_number": m.id_number or None,
        "sex": m.sex,
        "birth_date": m.birth_date,
        "is_deceased": m.is_deceased,
        "died_on": m.died_on,
        "disability_grade": m.disability_grade,
        "health_note": text_or_none(m.health_note),
        "phone": text_or_none(m.phone),
        "bank_name": text_or_none(m.bank_name),
        "bank_account": text_or_none(m.bank_account),
        "receives_support": m.receives_support,
    }


def save_family(
    ws: Workspace, inp: FamilyInput, *, accept_warnings: bool = False, today: date | None = None
) -> str:
    """Create or update a family and its members in one transaction; returns the family id.

    Members left out of ``inp.members`` are marked deleted (never removed: the merge needs them).
    """
    ensure_writable(ws)
    today = today or date.today()
    with edit_session(ws) as s:
        if inp.id is not None:
            found = s.get(SpecialFamily, inp.id)
            if found is not None:
                ensure_in_scope(ws, found.division_code)
        clean, issues = _check(s, ws, inp, today)
        raise_for(issues, accept_warnings)
        family_no = clean.family_no
        if not family_no and clean.id is None:  # a new family left blank: numbered by the county's rule
            year = (clean.registered_on or today).year
            family_no = numbering.next_family_no(s, numbering.stored_rule(s), clean.division_code, year)
        head = next(m for m in clean.members if m.relation is MemberRelation.SELF)
        values: dict[str, Any] = {
            "division_code": clean.division_code,
            "family_no": text_or_none(family_no),
            "category": clean.category,
            "disability_grade": clean.disability_grade,
            "status": clean.status,
            "status_changed_on": clean.status_changed_on,
            "registered_on": clean.registered_on or (today if clean.id is None else None),
            "head_name": head.name,
            "head_id_number": head.id_number or None,
            "name_key": search_key(head.name),
            "phone": text_or_none(clean.phone),
            "address": text_or_none(clean.address),
            "monthly_support_fen": clean.monthly_support_fen,
            "needs": text_or_none(clean.needs),
            "note": text_or_none(clean.note),
            **_coverage_values(clean.coverage),
        }
        if clean.id is None:
            family = SpecialFamily(**values)
            s.add(family)
            s.flush()
            existing: dict[str, FamilyMember] = {}
        else:
            found = s.get(SpecialFamily, clean.id)
            if found is None or found.deleted:
                raise NotFound("这户家庭已被删除（可能是同步带来的删除），修改未保存。")
            family = found
            if values["registered_on"] is None:
                values["registered_on"] = family.registered_on
            if values["family_no"] is None:  # blank means "give it one", never "take its number away"
                values["family_no"] = family.family_no
            assign_changed(family, values)
            existing = {
                m.id: m
                for m in s.scalars(
                    select(FamilyMember).where(
                        FamilyMember.family_id == family.id, FamilyMember.deleted.is_(False)
                    )
                )
            }
        kept: set[str] = set()
        for member in clean.members:
            row = existing.get(member.id or "")
            if row is None:
                s.add(FamilyMember(family_id=family.id, **_member_values(member)))
            else:
                kept.add(row.id)
                assign_changed(row, _member_values(member))
        for member_id, row in existing.items():
            if member_id not in kept:
                row.deleted = True
        return family.id


def set_coverage(
    ws: Workspace,
    family_id: str,
    coverage: Coverage,
    *,
    accept_warnings: bool = False,
    today: date | None = None,
) -> None:
    """Record a family's 三个全覆盖 (contact persons, family doctor, green channel) on its own."""
    ensure_writable(ws)
    clean, issues = family_checks.check_coverage(coverage, today=today or date.today())
    raise_for(issues, accept_warnings)
    with edit_session(ws) as s:
        family = s.get(SpecialFamily, family_id)
        if family is None or family.deleted:
            raise NotFound("这户家庭不存在或已被删除，覆盖情况未保存。")
        ensure_in_scope(ws, family.division_code)
        assign_changed(family, _coverage_values(clean))


def mark_family_deleted(ws: Workspace, family_id: str) -> None:
    """标记删除: the family (with its members and visits) leaves every list; the merge carries it."""
    ensure_writable(ws)
    with edit_session(ws) as s:
        family = s.get(SpecialFamily, family_id)
        if family is None:
            raise NotFound("这户家庭不存在。")
        ensure_in_scope(ws, family.division_code)
        family.deleted = True
