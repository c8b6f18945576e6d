"""The family list: ids by filter and sort in one SQL query, list rows by ids (a page at a time).

The list never shows an ID number in full (``mask_id_number``). Re-exported by
``app.services.families``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from app.database.models import Division, FamilyMember, SpecialFamily, Visit
from app.domain.enums import FamilyCategory, FamilyStatus
from app.domain.errors import UserInputError
from app.domain.idcard import age_on, mask_id_number, parse_id_number
from app.domain.records.families import (
    MISSING_CONTACT,
    MISSING_DOCTOR,
    MISSING_GREEN_CHANNEL,
    MISSING_VISIT,
    VISIT_DUE_DAYS,
    FamilyFilter,
    FamilyRow,
)
from app.services.shared.divisions import division_prefix
from app.services.shared.scope import shows_full_numbers, within
from app.services.shared.search import family_clause, like_ignores_case
from app.services.shared.workspace import Workspace


def _last_visit() -> Any:
    return (
        select(func.max(Visit.visited_on))
        .where(Visit.family_id == SpecialFamily.id, Visit.deleted.is_(False))
        .scalar_subquery()
    )


def _members() -> Any:
    return (
        select(func.count())
        .select_from(FamilyMember)
        .where(FamilyMember.family_id == SpecialFamily.id, FamilyMember.deleted.is_(False))
        .scalar_subquery()
    )


# Sort keys the list's columns pass; a key may sort by a different column (names by pinyin).
_SORTS: dict[str, Any] = {
    "family_no": lambda: SpecialFamily.family_no,
    "head_name": lambda: SpecialFamily.name_key,
    "id_number": lambda: SpecialFamily.head_id_number,
    "birth": lambda: func.substr(SpecialFamily.head_id_number, 7, 8),
    "category": lambda: SpecialFamily.category,
    "status": lambda: SpecialFamily.status,
    "township": lambda: SpecialFamily.division_code,
    "village": lambda: SpecialFamily.division_code,
    "phone": lambda: SpecialFamily.phone,
    "address": lambda: SpecialFamily.address,
    "registered_on": lambda: SpecialFamily.registered_on,
    "support": lambda: SpecialFamily.monthly_support_fen,
    "last_visit": _last_visit,
    "members": _members,
}
SORT_KEYS = frozenset(_SORTS)


def missing_clause(kind: str, today: date) -> ColumnElement[bool]:
    """Families lacking one part of 三个全覆盖 (the home page's definitions), or a recent visit.

    三个全覆盖 is for special families: a hardship family (计生困难家庭) is never a gap there
    (as in the 绩效评价 indicators), though it is still due for visits.
    """
    f = SpecialFamily
    special = f.category != FamilyCategory.HARDSHIP
    if kind == MISSING_CONTACT:
        return and_(special, or_(f.contact_township_name.is_(None), f.contact_village_name.is_(None)))
    if kind == MISSING_DOCTOR:
        return and_(special, or_(f.doctor_name.is_(None), f.doctor_expires_on < today))
    if kind == MISSING_GREEN_CHANNEL:
        return and_(special, f.green_channel_hospital.is_(None))
    if kind == MISSING_VISIT:
        recent = select(Visit.id).where(
            Visit.family_id == f.id,
            Visit.deleted.is_(False),
            Visit.visited_on >= today - timedelta(days=VISIT_DUE_DAYS),
        )
        return ~exists(recent)
    raise UserInputError(f"未知的筛选条件“{kind}”")


def _conditions(ws: Workspace, flt: FamilyFilter, today: date) -> list[ColumnElement[bool]]:
    f = SpecialFamily
    where: list[ColumnElement[bool]] = [f.deleted.is_(False), *within(ws, f.division_code)]
    if flt.division_code:
        prefix = division_prefix(flt.division_code)
        # A range on the indexed column: LIKE 'x%' would not use the index on SQLite.
        where += [f.division_code >= prefix, f.division_code < prefix + "~"]
    if flt.status is not None:
        where.append(f.status == flt.status)
    if flt.category is not None:
        where.append(f.category == flt.category)
    if flt.missing:
        where.append(missing_clause(flt.missing, today))
        if flt.status is None:
            where.append(f.status == FamilyStatus.REGISTERED)  # gaps only matter for 在册 families
    text = family_clause(flt.text, like_ignores_case=like_ignores_case(ws))
    if text is not None:
        where.append(text)
    return where


def list_family_ids(
    ws: Workspace, flt: FamilyFilter | None = None, *, limit: int | None = None, today: date | None = None
) -> list[str]:
    """The ids of every family the filter lets through, in the asked order (one SQL query).

    ``limit``: only the first ids (the list shows these while the whole list is fetched).
    """
    flt = flt or FamilyFilter()
    today = today or date.today()
    sort = _SORTS.get(flt.sort, _SORTS["registered_on"])()
    order = sort.desc() if flt.descending else sort.asc()
    tiebreak = SpecialFamily.id.desc() if flt.descending else SpecialFamily.id.asc()
    conditions = _conditions(ws, flt, today)
    query = select(SpecialFamily.id).where(*conditions).order_by(order, tiebreak).limit(limit)
    with ws.db.read() as s:
        # Core execution: the ORM's per-row machinery doubles the time for 100 000 ids.
        return list(s.connection().execute(query).scalars())


def division_names(s: Session, codes: set[str]) -> dict[str, tuple[str, str | None]]:
    """code → (name, parent code) for the codes and their parents."""
    found: dict[str, tuple[str, str | None]] = {}
    wanted = set(codes)
    for _ in range(2):  # the village, then its township
        wanted -= set(found)
        if not wanted:
            break
        for code, name, parent in s.execute(
            select(Division.code, Division.name, Division.parent_code).where(
                Division.code.in_(wanted), Division.deleted.is_(False)
            )
        ):
            found[code] = (name, parent)
        wanted = {p for _, p in found.values() if p}
    return found


def place_names(names: dict[str, tuple[str, str | None]], code: str) -> tuple[str, str]:
    """(township, village) names of a family's division code."""
    name, parent = names.get(code, (code, None))
    township = names[parent][0] if parent and parent in names else ""
    return township, name


_ROW_COLUMNS = (
    SpecialFamily.id,
    SpecialFamily.family_no,
    SpecialFamily.head_name,
    SpecialFamily.head_id_number,
    SpecialFamily.category,
    SpecialFamily.disability_grade,
    SpecialFamily.status,
    SpecialFamily.division_code,
    SpecialFamily.phone,
    SpecialFamily.address,
    SpecialFamily.contact_township_name,
    SpecialFamily.contact_village_name,
    SpecialFamily.doctor_name,
    SpecialFamily.doctor_expires_on,
    SpecialFamily.green_channel_hospital,
    SpecialFamily.registered_on,
    SpecialFamily.monthly_support_fen,
)


def load_family_rows(ws: Workspace, ids: Sequence[str], *, today: date | None = None) -> list[FamilyRow]:
    """The list rows of the given families, in the order given (a page: a few hundred ids at most)."""
    today = today or date.today()
    ids = list(ids)
    if not ids:
        return []
    # Only the listed columns, through Core, with counts as correlated subqueries on indexed
    # columns: one round trip, no ORM objects (a page is fetched while the list is drawn).
    query = select(*_ROW_COLUMNS, _members().label("members"), _last_visit().label("last_visit")).where(
        SpecialFamily.id.in_(ids), *within(ws, SpecialFamily.division_code)
    )
    with ws.db.read() as s:
        found = s.connection().execute(query).all()
        names = division_names(s, {r.division_code for r in found})
    position = {family_id: i for i, family_id in enumerate(ids)}
    full = shows_full_numbers(ws)
    return [_row(r, names, today, full) for r in sorted(found, key=lambda r: position[r.id])]


def _row(r: Any, names: dict[str, tuple[str, str | None]], today: date, full: bool) -> FamilyRow:
    township, village = place_names(names, r.division_code)
    sex, age = None, None
    if r.head_id_number:
        try:
            info = parse_id_number(r.head_id_number, today=today)
            sex, age = info.sex, age_on(info.birth_date, today)
        except UserInputError:
            pass  # an old record with a bad number: the list just leaves sex and age empty
    return FamilyRow(
        id=r.id,
        family_no=r.family_no,
        head_name=r.head_name,
        head_id_masked=mask_id_number(r.head_id_number),
        head_id_export=(r.head_id_number or "") if full else mask_id_number(r.head_id_number),
        head_sex=sex,
        head_age=age,
        category=r.category,
        disability_grade=r.disability_grade,
        status=r.status,
        division_code=r.division_code,
        township=township,
        village=village,
        phone=r.phone,
        address=r.address,
        member_count=r.members or 0,
        has_contacts=bool(r.contact_township_name and r.contact_village_name),
        has_doctor=bool(r.doctor_name and (r.doctor_expires_on is None or r.doctor_expires_on >= today)),
        has_green_channel=bool(r.green_channel_hospital),
        last_visit_on=r.last_visit,
        registered_on=r.registered_on,
        monthly_support_fen=r.monthly_support_fen,
    )
