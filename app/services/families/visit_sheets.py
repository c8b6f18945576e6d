"""Printed visit forms (走访慰问登记表): what a township worker takes along before going out.

``visit_sheets`` gives one sheet per family, in the order asked, with what the office knows (the
family, its members, 三个全覆盖, the last visit and the follow-up still open) and a form number
(``ZF<date>-<n>``) that the worker types into the visit form when the filled sheet comes back,
so paper and record can be matched. ID numbers are masked: the paper leaves the office.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select

from app.database.audit import AuditAction
from app.database.models import FamilyMember, SpecialFamily, Visit
from app.domain.enums import MemberRelation
from app.domain.errors import UserInputError
from app.domain.idcard import age_on, mask_id_number
from app.domain.records.families import SheetMember, VisitSheet
from app.services.families.listing import division_names, place_names
from app.services.shared.audit import audit
from app.services.shared.scope import within
from app.services.shared.workspace import Workspace

MAX_SHEETS = 1000  # a morning's printing, not a county's archive


def _joined(*parts: str | None) -> str:
    return " ".join(p for p in parts if p)


def visit_sheets(ws: Workspace, family_ids: Sequence[str], *, today: date | None = None) -> list[VisitSheet]:
    """Sheets for the families (live ones, within the user's area), numbered in the order given."""
    today = today or date.today()
    ids = list(dict.fromkeys(family_ids))
    if len(ids) > MAX_SHEETS:
        raise UserInputError(f"一次最多打印 {MAX_SHEETS} 份走访表，请先按村或条件缩小名单")
    if not ids:
        return []
    with ws.db.read() as s:
        families = {
            f.id: f
            for f in s.scalars(
                select(SpecialFamily).where(
                    SpecialFamily.id.in_(ids),
                    SpecialFamily.deleted.is_(False),
                    *within(ws, SpecialFamily.division_code),
                )
            )
        }
        members: dict[str, list[FamilyMember]] = {}
        for m in s.scalars(
            select(FamilyMember)
            .where(FamilyMember.family_id.in_(families), FamilyMember.deleted.is_(False))
            .order_by(FamilyMember.created_stamp)
        ):
            members.setdefault(m.family_id, []).append(m)
        last = dict(
            s.execute(
                select(Visit.family_id, func.max(Visit.visited_on))
                .where(Visit.family_id.in_(families), Visit.deleted.is_(False))
                .group_by(Visit.family_id)
            ).all()
        )
        open_items: dict[str, list[str]] = {}
        for family_id, text in s.execute(
            select(Visit.family_id, Visit.follow_up)
            .where(
                Visit.family_id.in_(families),
                Visit.deleted.is_(False),
                Visit.follow_up.is_not(None),
                Visit.follow_up_done_on.is_(None),
            )
            .order_by(Visit.visited_on)
        ):
            if text and text.strip():
                open_items.setdefault(family_id, []).append(text.strip())
        names = division_names(s, {f.division_code for f in families.values()})
    sheets: list[VisitSheet] = []
    for family_id in ids:
        f = families.get(family_id)
        if f is None:
            continue
        township, village = place_names(names, f.division_code)
        contacts = " / ".join(
            _joined(name, phone)
            for name, phone in (
                (f.contact_township_name, f.contact_township_phone),
                (f.contact_village_name, f.contact_village_phone),
            )
            if name
        )
        doctor = _joined(f.doctor_institution, f.doctor_name)
        if doctor and f.doctor_expires_on:
            doctor += f"（至 {f.doctor_expires_on:%Y-%m-%d}）"
        people = tuple(
            SheetMember(
                m.name,
                m.relation,
                age_on(m.birth_date, today) if m.birth_date and not m.is_deceased else None,
                m.is_deceased,
            )
            for m in sorted(members.get(family_id, []), key=lambda m: m.relation is not MemberRelation.SELF)
        )
        sheets.append(
            VisitSheet(
                family_id=f.id,
                form_number=f"ZF{today:%Y%m%d}-{len(sheets) + 1:03d}",
                family_no=f.family_no or "",
                head_name=f.head_name,
                head_id_masked=mask_id_number(f.head_id_number),
                category=f.category,
                township=township,
                village=village,
                address=f.address or "",
                phone=f.phone or "",
                members=people,
                contacts=contacts,
                doctor=doctor,
                green_channel=f.green_channel_hospital or "",
                last_visit_on=last.get(f.id),
                open_follow_up="；".join(open_items.get(f.id, [])),
                needs=f.needs or "",
            )
        )
    if sheets:  # paper with names and addresses leaves the office: an export, in the audit log
        audit(ws, AuditAction.EXPORT, "走访表", {"kind": "visit_sheets", "sheets": len(sheets)})
    return sheets
