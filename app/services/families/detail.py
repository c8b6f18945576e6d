"""One family as its form shows it: the detail with members in relation order, the divisions to pick.

Opening a family is a view of personal details and goes to the audit log; ID and bank numbers
come masked unless the role may see them in full.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select

from app.database.audit import AuditAction, record
from app.database.models import Division, FamilyMember, SpecialFamily, Visit
from app.domain.enums import DivisionLevel, MemberRelation
from app.domain.errors import NotFound
from app.domain.idcard import age_on
from app.domain.records.families import Coverage, FamilyDetail, MemberRow, VillageChoice
from app.services.shared.divisions import division_prefix
from app.services.shared.scope import bank_shown, ensure_in_scope, id_shown, root_code
from app.services.shared.workspace import Workspace
from app.services.system import DivisionRow, division_tree

_GONE = "这户家庭不存在，可能已被删除或尚未同步到本机。"


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
