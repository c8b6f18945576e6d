"""The member of the family form as a plain dict: its keys, a new one, from a row, to ``MemberInput``.

The same dict shape goes into drafts and back, so a half-typed member survives a closed form;
the service gets ``MemberInput`` built from it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from app.domain.enums import MemberRelation, Sex
from app.domain.records.families import MemberInput, MemberRow

MEMBER_KEYS = (
    "id",
    "name",
    "relation",
    "id_number",
    "sex",
    "birth_date",
    "is_deceased",
    "died_on",
    "disability_grade",
    "phone",
    "bank_name",
    "bank_account",
    "receives_support",
    "health_note",
)


def empty_member(relation: MemberRelation) -> dict[str, Any]:
    member: dict[str, Any] = dict.fromkeys(MEMBER_KEYS, "")
    member.update(
        id=None, relation=relation.value, is_deceased=False, receives_support=False, disability_grade=None
    )
    return member


def member_from_row(row: MemberRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "relation": row.relation.value,
        "id_number": row.id_number,
        "sex": row.sex.value if row.sex else "",
        "birth_date": f"{row.birth_date:%Y-%m-%d}" if row.birth_date else "",
        "is_deceased": row.is_deceased,
        "died_on": f"{row.died_on:%Y-%m-%d}" if row.died_on else "",
        "disability_grade": row.disability_grade,
        "phone": row.phone,
        "bank_name": row.bank_name,
        "bank_account": row.bank_account,
        "receives_support": row.receives_support,
        "health_note": row.health_note,
    }


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def member_input(member: dict[str, Any]) -> MemberInput:
    return MemberInput(
        name=str(member.get("name") or ""),
        relation=MemberRelation(member.get("relation") or MemberRelation.OTHER.value),
        id_number=str(member.get("id_number") or ""),
        sex=Sex(member["sex"]) if member.get("sex") else None,
        birth_date=_date(str(member.get("birth_date") or "")),
        is_deceased=bool(member.get("is_deceased")),
        died_on=_date(str(member.get("died_on") or "")),
        disability_grade=member.get("disability_grade") or None,
        phone=str(member.get("phone") or ""),
        bank_name=str(member.get("bank_name") or ""),
        bank_account=str(member.get("bank_account") or ""),
        receives_support=bool(member.get("receives_support")),
        health_note=str(member.get("health_note") or ""),
        id=member.get("id") or None,
    )
