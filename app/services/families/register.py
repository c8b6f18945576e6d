"""特殊家庭: one family — detail, save with members, 三个全覆盖, duplicate ID look-up, mark deleted.

Each public function is one user action in one transaction; the UI gets frozen rows from
``app.domain.records.families``. Saving checks the input first (``family_checks``): errors raise
``ValidationFailed``; warnings raise ``WarningsToConfirm`` until the form saves again with
``accept_warnings=True`` after asking the user once. The list functions live in ``family_list``
and are re-exported here, so the UI has one module for families.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.database.audit import AuditAction, record
from app.database.divisions import known_region_prefixes
from app.database.models import Division, FamilyMember, SpecialFamily, Visit
from app.domain.enums import DivisionLevel, MemberRelation
from app.domain.errors import NotFound, ValidationFailed
from app.domain.idcard import age_on, normalize_id_number
from app.domain.permissions import Permission, is_masked
from app.domain.pinyin import search_key
from app.domain.records.families import (
    Coverage,
    FamilyDetail,
    FamilyInput,
    IdNumberHolder,
    MemberInput,
    MemberRow,
    UnmaskedNumbers,
    VillageChoice,
    WarningsToConfirm,
)
from app.domain.validation import Issue, Severity, error, has_errors
from app.services.families import checks as family_checks
from app.services.families.listing import SORT_KEYS, division_prefix, list_family_ids, load_family_rows
from app.services.shared.scope import (
    allowed,
    bank_shown,
    edit_session,
    ensure_in_scope,
    ensure_may,
    ensure_writable,
    id_shown,
    root_code,
    shows_full_numbers,
)
from app.services.shared.workspace import Workspace
from app.services.system.divisions import DivisionRow, division_tree

__all__ = [
    "SORT_KEYS",
    "can_see_sensitive",
    "can_unmask",
    "check_family",
    "family_detail",
    "family_divisions",
    "find_by_id_number",
    "known_id_regions",
    "list_family_ids",
    "load_family_rows",
    "mark_family_deleted",
    "save_family",
    "set_coverage",
    "unmask_member",
    "village_choices",
]

_GONE = "这户家庭不存在，可能已被删除或尚未同步到本机。"


def can_unmask(ws: Workspace) -> bool:
    """Whether the form may offer "show full numbers" (a clerk may; a read-only viewer may not)."""
    return shows_full_numbers(ws) or allowed(ws, Permission.UNMASK)


def can_see_sensitive(ws: Workspace) -> bool:
    """Whether this user sees ID and bank numbers in full in forms (else masked until un-masked)."""
    return shows_full_numbers(ws)


def known_id_regions() -> frozenset[str]:
    """Six-digit region prefixes of current counties, for the ID-number warning in forms."""
    return known_region_prefixes()


def _text(value: str) -> str | None:
    """Empty text is stored as NULL: the coverage counts on the home page test for NULL."""
    value = (value or "").strip()
    return value or None


def _assign(row: Any, values: dict[str, Any]) -> None:
    """Set only what changed, so an unchanged field keeps its version stamp for the merge."""
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)


# --- look-ups ------------------------------------------------------------------------------------


def family_divisions(ws: Workspace) -> list[DivisionRow]:
    """The installation's division and everything below it, for the list's division tree."""
    return [d for d in division_tree(ws.db, root_code(ws)) if not d.retired]


def village_choices(ws: Workspace) -> list[VillageChoice]:
    """The villages (社区) a family can be registered in, grouped by township name."""
    prefix = division_prefix(root_code(ws))
    with ws.db.read() as s:
        rows = s.execute(
            select(Division.code, Division.name, Division.parent_code, Division.level).where(
                Division.deleted.is_(False),
                Division.valid_to.is_(None),
                Division.code >= prefix,
                Division.code < prefix + "~",
            )
        ).all()
    townships = {code: name for code, name, _, level in rows if level is DivisionLevel.TOWNSHIP}
    return sorted(
        (
            VillageChoice(code, name, townships.get(parent or "", ""))
            for code, name, parent, level in rows
            if level is DivisionLevel.VILLAGE
        ),
        key=lambda v: v.code,
    )


def _holders(s: Session, number: str) -> list[IdNumberHolder]:
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
        return [h for h in _holders(s, normal) if h.family_id != except_family]


# --- one family ----------------------------------------------------------------------------------


def _member_row(ws: Workspace, m: FamilyMember, today: date) -> MemberRow:
    return MemberRow(
        id=m.id,
        name=m.name,
        relation=m.relation,
        id_number=id_shown(ws, m.id_number),
        sex=m.sex,
        birth_date=m.birth_date,
        age=age_on(m.birth_date, m.died_on or today) if m.birth_date else None,
        is_deceased=m.is_deceased,
        died_on=m.died_on,
        disability_grade=m.disability_grade,
        phone=m.phone or "",
        bank_name=m.bank_name or "",
        bank_account=bank_shown(ws, m.bank_account),
        receives_support=m.receives_support,
        health_note=m.health_note or "",
    )


_RELATION_ORDER = {r: i for i, r in enumerate(MemberRelation)}


def family_detail(ws: Workspace, family_id: str, *, today: date | None = None) -> FamilyDetail:
    """Everything the edit form shows for one family, members in relation order.

    Opening a family is a view of personal details: it is written to the audit log (without
    any number). ID and bank numbers come masked unless the role may see them in full.
    """
    today = today or date.today()
    with ws.db.read() as s:
        fam = s.get(SpecialFamily, family_id)
        if fam is None:
            raise NotFound(_GONE)
        ensure_in_scope(ws, fam.division_code, _GONE)
        members = s.scalars(
            select(FamilyMember).where(FamilyMember.family_id == family_id, FamilyMember.deleted.is_(False))
        ).all()
        count, last = s.execute(
            select(func.count(), func.max(Visit.visited_on)).where(
                Visit.family_id == family_id, Visit.deleted.is_(False)
            )
        ).one()
        village = s.execute(
            select(Division.name, Division.parent_code).where(
                Division.code == fam.division_code, Division.deleted.is_(False)
            )
        ).first()
        township = (
            s.scalar(select(Division.name).where(Division.code == village[1], Division.deleted.is_(False)))
            if village and village[1]
            else None
        )
    ordered = sorted(members, key=lambda m: (_RELATION_ORDER[m.relation], m.birth_date or date.max, m.name))
    with ws.db.engine.begin() as conn:
        record(conn, ws.username, AuditAction.VIEW_PERSON, f"家庭 {fam.id}", {"family_no": fam.family_no})
    return FamilyDetail(
        id=fam.id,
        division_code=fam.division_code,
        township=township or "",
        village=village[0] if village else fam.division_code,
        family_no=fam.family_no or "",
        category=fam.category,
        disability_grade=fam.disability_grade,
        status=fam.status,
        status_changed_on=fam.status_changed_on,
        registered_on=fam.registered_on,
        head_name=fam.head_name,
        phone=fam.phone or "",
        address=fam.address or "",
        monthly_support_fen=fam.monthly_support_fen,
        needs=fam.needs or "",
        note=fam.note or "",
        coverage=Coverage(
            **{name: getattr(fam, name) or _empty(name) for name in Coverage.__dataclass_fields__}
        ),
        members=tuple(_member_row(ws, m, today) for m in ordered),
        visit_count=int(count),
        last_visit_on=last,
        updated_at=fam.updated_at,
        deleted=fam.deleted,
    )


def _empty(name: str) -> Any:
    return None if name.endswith(("_on", "_since")) else ""


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

    inp, masked_issues = _restore_masked(s, inp)
    regions = known_region_prefixes()
    clean, issues = family_checks.check_family(
        inp,
        today=today,
        village_exists=village_exists,
        holders_of=lambda number: _holders(s, number),
        known_region=regions.__contains__,
        family_no_taken=family_no_taken,
    )
    return clean, masked_issues + issues


def _restore_masked(s: Session, inp: FamilyInput) -> tuple[FamilyInput, list[Issue]]:
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


def check_family(ws: Workspace, inp: FamilyInput, *, today: date | None = None) -> list[Issue]:
    """Every issue saving would meet, without saving (the form shows them beside the fields)."""
    with ws.db.read() as s:
        return _check(s, ws, inp, today or date.today())[1]


def _raise_for(issues: list[Issue], accept_warnings: bool) -> None:
    if has_errors(issues):
        raise ValidationFailed([i for i in issues if i.severity is Severity.ERROR])
    if issues and not accept_warnings:
        raise WarningsToConfirm(list(issues))


def _coverage_values(cov: Coverage) -> dict[str, Any]:
    return {name: _text(v) if isinstance(v, str) else v for name, v in vars(cov).items()}


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
        "health_note": _text(m.health_note),
        "phone": _text(m.phone),
        "bank_name": _text(m.bank_name),
        "bank_account": _text(m.bank_account),
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
        _raise_for(issues, accept_warnings)
        head = next(m for m in clean.members if m.relation is MemberRelation.SELF)
        values: dict[str, Any] = {
            "division_code": clean.division_code,
            "family_no": _text(clean.family_no),
            "category": clean.category,
            "disability_grade": clean.disability_grade,
            "status": clean.status,
            "status_changed_on": clean.status_changed_on,
            "registered_on": clean.registered_on or (today if clean.id is None else None),
            "head_name": head.name,
            "head_id_number": head.id_number or None,
            "name_key": search_key(head.name),
            "phone": _text(clean.phone),
            "address": _text(clean.address),
            "monthly_support_fen": clean.monthly_support_fen,
            "needs": _text(clean.needs),
            "note": _text(clean.note),
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
            _assign(family, values)
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
                _assign(row, _member_values(member))
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
    _raise_for(issues, accept_warnings)
    with edit_session(ws) as s:
        family = s.get(SpecialFamily, family_id)
        if family is None or family.deleted:
            raise NotFound("这户家庭不存在或已被删除，覆盖情况未保存。")
        ensure_in_scope(ws, family.division_code)
        _assign(family, _coverage_values(clean))


def mark_family_deleted(ws: Workspace, family_id: str) -> None:
    """标记删除: the family (with its members and visits) leaves every list; the merge carries it."""
    ensure_writable(ws)
    with edit_session(ws) as s:
        family = s.get(SpecialFamily, family_id)
        if family is None:
            raise NotFound("这户家庭不存在。")
        ensure_in_scope(ws, family.division_code)
        family.deleted = True


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
