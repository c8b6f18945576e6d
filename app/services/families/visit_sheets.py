"""Printed visit forms (走访慰问登记表): what a township worker takes along, and the form number back.

``visit_sheets`` gives one sheet per family, in the order asked, with what the office knows (the
family, its members, 三个全覆盖, the last visit, the follow-up and the needs still open). ID numbers
are masked: the paper leaves the office. ``blank_sheets`` gives forms with no family, filled in by
hand. ``look_up_form`` turns a typed or scanned form number back into the family.

A form number is ``ZF<date>-<key>``: the key is the random tail of the family's id in Crockford
base32 (8 characters, 40 bits), so the number alone finds the family on any machine the family has
been synced to, with no register of printed forms to keep in step; a blank form's key is 4 random
characters. The same family printed twice on one day gets the same number: it is the same visit.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.database.audit import AuditAction
from app.database.models import FamilyMember, SpecialFamily, Visit
from app.domain.enums import FamilyStatus, MemberRelation
from app.domain.errors import NotFound, UserInputError
from app.domain.idcard import age_on, mask_id_number
from app.domain.records.families import FormLookup, SheetMember, VisitSheet
from app.services.families.listing import division_names, place_names
from app.services.shared.audit import audit
from app.services.shared.records import live_division, under
from app.services.shared.scope import in_scope, within
from app.services.shared.workspace import Workspace

MAX_SHEETS = 1000  # a morning's printing, not a county's archive
_DIGITS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U to misread
_KEY_HEX = 10  # the last 10 hex digits of a UUID v7 are random (rand_b): 40 bits
_FAMILY_KEY, _BLANK_KEY = 8, 4
_NUMBER = re.compile(r"^ZF(\d{8})-([0-9A-Z]{4}|[0-9A-Z]{8})$")
_BAD_NUMBER = "表号“{}”不是走访表的表号（应为 ZF 加日期和编码，如 ZF20261123-7K3M9X2Q）"


def _encode(value: int, width: int) -> str:
    return "".join(_DIGITS[(value >> (5 * i)) & 31] for i in reversed(range(width)))


def _decode(text: str) -> int:
    value = 0
    for ch in text:
        value = value * 32 + _DIGITS.index(ch)
    return value


def form_number(family_id: str, printed_on: date) -> str:
    """The printed number of a family's form: ZF, the day, the key from the family's id."""
    tail = family_id.replace("-", "")[-_KEY_HEX:]
    return f"ZF{printed_on:%Y%m%d}-{_encode(int(tail, 16), _FAMILY_KEY)}"


def canonical_form_number(text: str) -> str:
    """The form number as printed, from what a person typed: case, spaces and look-alikes forgiven."""
    cleaned = re.sub(r"[\s\u3000]+", "", text).upper().replace("－", "-").replace("—", "-")
    if cleaned.startswith("ZF"):  # letters misread for digits, after the prefix
        cleaned = "ZF" + cleaned[2:].replace("O", "0").replace("I", "1").replace("L", "1")
    number = cleaned
    if not _NUMBER.match(number):
        raise UserInputError(_BAD_NUMBER.format(text.strip()[:40]))
    return number


def _joined(*parts: str | None) -> str:
    return " ".join(p for p in parts if p)


def _open_needs(s: Session, family_ids: Sequence[str]) -> dict[str, list[str]]:
    """Needs raised at visits whose follow-up is not done yet, oldest first."""
    found: dict[str, list[str]] = {}
    for family_id, text in s.execute(
        select(Visit.family_id, Visit.needs_raised)
        .where(
            Visit.family_id.in_(family_ids),
            Visit.deleted.is_(False),
            Visit.needs_raised.is_not(None),
            Visit.follow_up_done_on.is_(None),
        )
        .order_by(Visit.visited_on)
    ):
        if text and text.strip():
            found.setdefault(family_id, []).append(text.strip())
    return found


def visit_sheets(
    ws: Workspace,
    family_ids: Sequence[str],
    *,
    registered_only: bool = False,
    today: date | None = None,
) -> list[VisitSheet]:
    """Sheets for the families (live ones, within the user's area), in the order given.

    ``registered_only`` leaves out families no longer in the register (deceased, moved out, ended):
    what printing a whole list offers, where a chosen family is printed whatever its status.
    """
    today = today or date.today()
    ids = list(dict.fromkeys(family_ids))
    if len(ids) > MAX_SHEETS:
        raise UserInputError(f"一次最多打印 {MAX_SHEETS} 份走访表，请先按村或条件缩小名单")
    if not ids:
        return []
    status = [SpecialFamily.status == FamilyStatus.REGISTERED] if registered_only else []
    with ws.db.read() as s:
        families = {
            f.id: f
            for f in s.scalars(
                select(SpecialFamily).where(
                    SpecialFamily.id.in_(ids),
                    SpecialFamily.deleted.is_(False),
                    *status,
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
        raised = _open_needs(s, list(families))
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
        needs = [n for n in [(f.needs or "").strip(), *raised.get(f.id, [])] if n]
        sheets.append(
            VisitSheet(
                family_id=f.id,
                form_number=form_number(f.id, today),
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
                needs="；".join(dict.fromkeys(needs)),
            )
        )
    if sheets:  # paper with names and addresses leaves the office: an export, in the audit log
        audit(ws, AuditAction.EXPORT, "走访表", {"kind": "visit_sheets", "sheets": len(sheets)})
    return sheets


def blank_sheets(count: int, *, today: date | None = None) -> list[VisitSheet]:
    """Forms with no family, each with its own number, for visits not planned from the list."""
    if not 1 <= count <= MAX_SHEETS:
        raise UserInputError(f"空白走访表的份数应在 1 到 {MAX_SHEETS} 之间")
    today = today or date.today()
    keys: dict[str, None] = {}
    while len(keys) < count:  # random, so two offices printing on one day do not share numbers
        keys[_encode(secrets.randbits(5 * _BLANK_KEY), _BLANK_KEY)] = None
    return [VisitSheet(family_id="", form_number=f"ZF{today:%Y%m%d}-{key}") for key in keys]


def families_to_visit(
    ws: Workspace, division_code: str, *, not_visited_since: date | None = None
) -> list[str]:
    """Registered families at or below a division, not visited since the day if one is given.

    In the order the office files them (village, then file number), for ``fpa print visit-forms``.
    """
    f = SpecialFamily
    where = [
        f.deleted.is_(False),
        f.status == FamilyStatus.REGISTERED,
        *under(f.division_code, division_code),
        *within(ws, f.division_code),
    ]
    if not_visited_since is not None:
        visited = select(Visit.family_id).where(
            Visit.deleted.is_(False), Visit.visited_on >= not_visited_since
        )
        where.append(f.id.not_in(visited))
    with ws.db.read() as s:
        if live_division(s, ws, division_code) is None or not in_scope(ws, division_code):
            raise UserInputError(f"区划代码 {division_code} 不存在，或不在本机的管辖范围内")
        return list(
            s.scalars(select(f.id).where(*where).order_by(f.division_code, f.family_no, f.head_name, f.id))
        )


def look_up_form(ws: Workspace, text: str) -> FormLookup:
    """The family a typed or scanned form number belongs to, and whether a visit already has it."""
    number = canonical_form_number(text)
    key = number.partition("-")[2]
    with ws.db.read() as s:
        found = s.execute(
            select(Visit.visited_on, SpecialFamily.head_name)
            .join(SpecialFamily, SpecialFamily.id == Visit.family_id)
            .where(Visit.form_number == number, Visit.deleted.is_(False))
            .order_by(Visit.visited_on)
            .limit(1)
        ).first()
        used_by = f"{found[1]}家，{found[0]:%Y-%m-%d}" if found else ""
        if len(key) == _BLANK_KEY:
            return FormLookup(number, "", "", "", used_by)
        tail = f"{_decode(key):0{_KEY_HEX}x}"
        rows = s.execute(
            select(SpecialFamily.id, SpecialFamily.head_name, SpecialFamily.division_code).where(
                SpecialFamily.id.endswith(tail),  # ids are lower-case hex
                SpecialFamily.deleted.is_(False),
                *within(ws, SpecialFamily.division_code),
            )
        ).all()
        if not rows:
            raise NotFound(f"没有找到表号 {number} 对应的家庭：家庭可能已被删除，或尚未同步到本机")
        if len(rows) > 1:  # two families sharing 40 random bits: rare, and the form names the head
            raise UserInputError(f"表号 {number} 对应多户家庭，请在名单中按户主姓名找到这户再登记走访")
        family_id, head_name, code = rows[0]
        _, village = place_names(division_names(s, {code}), code)
    return FormLookup(number, family_id, head_name, village, used_by)
