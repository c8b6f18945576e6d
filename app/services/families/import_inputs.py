"""A roster's rows as the family form's inputs (over what is stored, for an update) and as table rows.

The file's cells win where they hold something; an empty cell keeps the stored value, so a roster
with fewer columns than the form never blanks what was recorded before.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from app.database.base import new_id
from app.database.models import FamilyMember, SpecialFamily
from app.domain.enums import FamilyCategory, FamilyStatus, MemberRelation, Sex
from app.domain.pinyin import search_key
from app.domain.records.families import Coverage, FamilyInput, MemberInput
from app.services.families.import_fields import RowGroup, relation_of
from app.services.shared.imports import SourceRow

COVERAGE_FIELDS = tuple(Coverage.__dataclass_fields__)


def text_or_none(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def member_input(row: SourceRow, stored: FamilyMember | None) -> MemberInput:
    v = row.values
    if stored is None:  # a new member (most of a first import): straight from the cells
        get = v.get
        sex = get("sex")
        return MemberInput(
            name=get("name") or "",
            relation=relation_of(row),
            id_number=get("id_number") or "",
            sex=Sex(sex) if sex else None,
            birth_date=get("birth_date"),
            is_deceased=bool(get("is_deceased")),
            died_on=get("died_on"),
            disability_grade=get("member_disability_grade"),
            phone=get("member_phone") or "",
            bank_name=get("bank_name") or "",
            bank_account=get("bank_account") or "",
            receives_support=bool(get("receives_support")),
            health_note=get("health_note") or "",
        )

    def pick(key: str, current: Any, default: Any = "") -> Any:
        value = v.get(key)
        if value is None or value == "":
            return current if current is not None else default
        return value

    return MemberInput(
        name=pick("name", stored.name if stored else None),
        relation=relation_of(row) if v.get("relation") or stored is None else stored.relation,
        id_number=pick("id_number", stored.id_number if stored else None),
        sex=Sex(v["sex"]) if v.get("sex") else (stored.sex if stored else None),
        birth_date=pick("birth_date", stored.birth_date if stored else None, None),
        is_deceased=bool(pick("is_deceased", stored.is_deceased if stored else None, False)),
        died_on=pick("died_on", stored.died_on if stored else None, None),
        disability_grade=pick("member_disability_grade", stored.disability_grade if stored else None, None),
        phone=pick("member_phone", stored.phone if stored else None),
        bank_name=pick("bank_name", stored.bank_name if stored else None),
        bank_account=pick("bank_account", stored.bank_account if stored else None),
        receives_support=bool(pick("receives_support", stored.receives_support if stored else None, False)),
        health_note=pick("health_note", stored.health_note if stored else None),
        id=stored.id if stored else None,
    )


def stored_member_input(m: FamilyMember) -> MemberInput:
    return MemberInput(
        name=m.name,
        relation=m.relation,
        id_number=m.id_number or "",
        sex=m.sex,
        birth_date=m.birth_date,
        is_deceased=m.is_deceased,
        died_on=m.died_on,
        disability_grade=m.disability_grade,
        phone=m.phone or "",
        bank_name=m.bank_name or "",
        bank_account=m.bank_account or "",
        receives_support=m.receives_support,
        health_note=m.health_note or "",
        id=m.id,
    )


def family_input(
    group: RowGroup, division: str, stored: SpecialFamily | None, members: list[MemberInput]
) -> FamilyInput:
    v = group.rows[0].values
    if stored is None:
        return _new_family_input(v, division, members)

    def pick(key: str, attr: str, default: Any = "") -> Any:
        value = v.get(key)
        if value is None or value == "":
            current = getattr(stored, attr) if stored is not None else None
            return current if current is not None else default
        return value

    coverage = Coverage(
        **{n: pick(n, n, None if n.endswith(("_on", "_since")) else "") for n in COVERAGE_FIELDS}
    )
    return FamilyInput(
        division_code=division,
        category=FamilyCategory(pick("category", "category")),
        members=tuple(members),
        status=FamilyStatus(pick("status", "status", FamilyStatus.REGISTERED.value)),
        family_no=pick("family_no", "family_no"),
        disability_grade=pick("family_disability_grade", "disability_grade", None),
        status_changed_on=pick("status_changed_on", "status_changed_on", None),
        registered_on=pick("registered_on", "registered_on", None),
        phone=pick("family_phone", "phone"),
        address=pick("address", "address"),
        monthly_support_fen=pick("monthly_support_fen", "monthly_support_fen", None),
        needs=pick("needs", "needs"),
        note=pick("note", "note"),
        coverage=coverage,
        id=stored.id if stored is not None else None,
    )


def _new_family_input(v: dict[str, Any], division: str, members: list[MemberInput]) -> FamilyInput:
    get = v.get
    cover: dict[str, Any] = {
        n: get(n) or (None if n.endswith(("_on", "_since")) else "") for n in COVERAGE_FIELDS
    }
    coverage = Coverage(**cover)
    return FamilyInput(
        division_code=division,
        category=FamilyCategory(get("category") or ""),  # the plan refuses a new family without one
        members=tuple(members),
        status=FamilyStatus(get("status") or FamilyStatus.REGISTERED.value),
        family_no=get("family_no") or "",
        disability_grade=get("family_disability_grade"),
        status_changed_on=get("status_changed_on"),
        registered_on=get("registered_on"),
        phone=get("family_phone") or "",
        address=get("address") or "",
        monthly_support_fen=get("monthly_support_fen"),
        needs=get("needs") or "",
        note=get("note") or "",
        coverage=coverage,
    )


def assign_changed(row: Any, values: dict[str, Any]) -> None:
    """Set only what changed, so an unchanged field keeps its version stamp for the merge."""
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)


def family_values(clean: FamilyInput, family_id: str, today: date | None) -> dict[str, Any]:
    head = next(m for m in clean.members if m.relation is MemberRelation.SELF)
    values: dict[str, Any] = {
        "id": family_id,
        "division_code": clean.division_code,
        "family_no": text_or_none(clean.family_no),
        "category": clean.category,
        "disability_grade": clean.disability_grade,
        "status": clean.status,
        "status_changed_on": clean.status_changed_on,
        "registered_on": clean.registered_on or today,
        "head_name": head.name,
        "head_id_number": head.id_number or None,
        "name_key": search_key(head.name),
        "phone": text_or_none(clean.phone),
        "address": text_or_none(clean.address),
        "monthly_support_fen": clean.monthly_support_fen,
        "needs": text_or_none(clean.needs),
        "note": text_or_none(clean.note),
    }
    for name in COVERAGE_FIELDS:
        value = getattr(clean.coverage, name)
        values[name] = text_or_none(value) if isinstance(value, str) else value
    return values


def member_values(m: MemberInput, family_id: str) -> dict[str, Any]:
    return {
        "id": m.id or new_id(),
        "family_id": family_id,
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
