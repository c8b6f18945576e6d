"""Importing a special-family roster (特殊家庭 with members and 三个全覆盖) from a county's own sheet.

Every family is checked by ``checks.check_family``, the form's own rules, with what it looks up
answered from bulk queries made once for the whole file (divisions, every ID number in the file,
archive numbers): no query per row. A family whose head or member is already stored (same ID
number) is updated, its members matched by ID number, never doubled; a person of the file already
in another family is refused. New families go in through ``bulk.insert_new`` with their
change-log entries; updates through the ORM, which logs them as any save does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.database.base import new_id
from app.database.bulk import insert_new
from app.database.divisions import known_region_prefixes
from app.database.models import FamilyMember, SpecialFamily
from app.domain.enums import FamilyCategory, FamilyStatus, MemberRelation, Sex
from app.domain.errors import Cancelled as CancelledError
from app.domain.permissions import is_masked
from app.domain.pinyin import search_key
from app.domain.records.families import Coverage, FamilyInput, IdNumberHolder, MemberInput
from app.domain.validation import Issue
from app.services.families import checks
from app.services.families.import_fields import (
    FAMILY_KEYS,
    FIELDS,
    MEMBER_KEYS,
    RowGroup,
    group_rows,
    relation_of,
)
from app.services.families.import_lookups import Lookups
from app.services.shared.imports import ImportKindBase, Plan, Problem, RowAction, RowOutcome, SourceRow
from app.services.shared.imports.model import Cancelled, Progress
from app.services.shared.workspace import Workspace

_COVERAGE = tuple(Coverage.__dataclass_fields__)
_CHUNK = 2000


@dataclass
class _Family:
    """One family to write: new (``id`` None before planning gives it one) or an update."""

    clean: FamilyInput
    update: bool
    member_ids: list[str | None] = field(default_factory=list)


@dataclass
class _Writes:
    families: list[_Family] = field(default_factory=list)


def _text(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _member_input(row: SourceRow, stored: FamilyMember | None) -> MemberInput:
    v = row.values

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


def _stored_member_input(m: FamilyMember) -> MemberInput:
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


def _family_input(
    group: RowGroup, division: str, stored: SpecialFamily | None, members: list[MemberInput]
) -> FamilyInput:
    v = group.rows[0].values

    def pick(key: str, attr: str, default: Any = "") -> Any:
        value = v.get(key)
        if value is None or value == "":
            current = getattr(stored, attr) if stored is not None else None
            return current if current is not None else default
        return value

    coverage = Coverage(**{n: pick(n, n, None if n.endswith(("_on", "_since")) else "") for n in _COVERAGE})
    category = pick("category", "category", None)
    return FamilyInput(
        division_code=division,
        category=FamilyCategory(category) if category else FamilyCategory.BEREAVED,
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


class FamilyImport(ImportKindBase):
    name = "families"
    label = "特殊家庭"
    fields = FIELDS

    def __init__(self, today: date | None = None) -> None:
        self.today = today

    # --- planning -------------------------------------------------------------------------------

    def plan(self, ws: Any, rows: Sequence[SourceRow], progress: Progress, cancelled: Cancelled) -> Plan:
        today = self.today or date.today()
        mapped = {k for r in rows[:1] for k in r.values}
        groups = group_rows(rows, by_head_id="head_id_number" in mapped)
        regions = known_region_prefixes()
        outcomes: list[RowOutcome] = []
        writes = _Writes()
        seen: dict[str, int] = {}  # ID number → the row that brought it, within this file
        with ws.db.read() as s:  # stored rows stay readable while the plan is made
            look = Lookups.load(s, ws, rows)
            for n, group in enumerate(groups):
                if n % _CHUNK == 0:
                    if cancelled is not None and cancelled():
                        raise CancelledError()
                    if progress is not None:
                        progress(n, len(groups))
                outcomes += self._plan_group(ws, group, look, regions.__contains__, today, seen, writes)
        if progress is not None:
            progress(len(groups), len(groups))
        return Plan(outcomes, writes)

    def _plan_group(
        self,
        ws: Workspace,
        group: RowGroup,
        look: Lookups,
        known_region: Any,
        today: date,
        seen: dict[str, int],
        writes: _Writes,
    ) -> list[RowOutcome]:
        rows = group.rows
        problems: dict[int, list[Problem]] = {i: [] for i in range(len(rows))}
        for i, row in enumerate(rows):
            problems[i] += [Problem(p.message, p.key) for p in row.problems]
            if is_masked(row.values.get("id_number") or "") or is_masked(
                row.values.get("bank_account") or ""
            ):
                problems[i].append(Problem("号码中有 * 号（已打码），无法导入，请填写完整号码", "id_number"))
        if group.problem:
            problems[0].append(Problem(group.problem, "relation"))
        division, division_problem = look.division_of(rows[0].values)
        if division_problem:
            problems[0].append(Problem(division_problem, "village"))
        numbers = [r.values.get("id_number") or "" for r in rows]
        for i, number in enumerate(numbers):
            if number and number in seen:
                problems[i].append(Problem(f"身份证号与本表第 {seen[number]} 行重复", "id_number"))
        stored = look.family_for(
            numbers[:1]
        )  # the head says which family; members held elsewhere are refused
        if stored is not None and not look.in_scope(stored.division_code):
            problems[0].append(Problem("这户已登记在当前账户管辖以外的区划，不能在这里更新", "id_number"))
            stored = None
        if not any(p for ps in problems.values() for p in ps):
            members, ids = self._members(rows, stored, look)
            inp = _family_input(group, division or (stored.division_code if stored else ""), stored, members)
            other_family: set[str] = set()

            def holders_of(number: str) -> list[IdNumberHolder]:
                found = look.holders.get(number, [])
                if any(h.family_id != inp.id for h in found):
                    other_family.add(number)
                return found

            clean, issues = checks.check_family(
                inp,
                today=today,
                village_exists=look.village_exists,
                holders_of=holders_of,
                known_region=known_region,
                family_no_taken=lambda no: look.family_no_taken(no, inp.id),
            )
            row_of = {i: i for i in range(len(rows))}
            for issue in issues:
                i, key = self._place(issue, row_of, len(rows))
                # A person already in another family is a double entry here, not a question.
                hard = issue.is_error or (
                    key == "id_number"
                    and i < len(clean.members)
                    and clean.members[i].id_number in other_family
                )
                problems[i].append(Problem(issue.message, key, hard))
            if not any(p.is_error for ps in problems.values() for p in ps):
                writes.families.append(_Family(clean, stored is not None, ids))
        refused = any(p.is_error for ps in problems.values() for p in ps)
        action = RowAction.REFUSED if refused else RowAction.UPDATE if stored is not None else RowAction.NEW
        out = []
        for i, row in enumerate(rows):
            found = problems[i]
            if refused and not any(p.is_error for p in found):
                found.append(Problem("同户其他行有错误，整户未导入"))
            member_is_new = stored is not None and not refused and i < len(ids) and ids[i] is None
            out.append(
                RowOutcome(
                    row.number,
                    RowAction.NEW if member_is_new else action,
                    found,
                    label=row.values.get("name") or "",
                )
            )
        if not refused:
            for i, number in enumerate(numbers):
                if number:
                    seen[number] = rows[i].number
        return out

    def _members(
        self, rows: list[SourceRow], stored: SpecialFamily | None, look: Lookups
    ) -> tuple[list[MemberInput], list[str | None]]:
        """The file's members over the stored ones: matched by ID number, else by name and relation;
        stored members the file does not mention are kept."""
        existing = look.members_of.get(stored.id, []) if stored is not None else []
        by_number = {m.id_number: m for m in existing if m.id_number}
        by_name = {(m.name, m.relation): m for m in existing}
        used: set[str] = set()
        members: list[MemberInput] = []
        ids: list[str | None] = []
        for row in rows:
            number = row.values.get("id_number") or ""
            match = (
                by_number.get(number)
                if number
                else by_name.get((row.values.get("name") or "", relation_of(row)))
            )
            if match is not None and match.id in used:
                match = None
            members.append(_member_input(row, match))
            ids.append(match.id if match else None)
            if match is not None:
                used.add(match.id)
        members += [_stored_member_input(m) for m in existing if m.id not in used]
        return members, ids

    @staticmethod
    def _place(issue: Issue, row_of: dict[int, int], count: int) -> tuple[int, str | None]:
        """The row and column a check's field path points at."""
        parts = issue.field.split(".")
        if parts[0] == "members" and len(parts) >= 3:
            i = int(parts[1])
            return (i if i < count else 0), MEMBER_KEYS.get(parts[2], parts[2])
        if parts[0] == "members":
            return 0, "relation"
        if parts[0] == "coverage" and len(parts) > 1:
            return 0, parts[1]
        return 0, FAMILY_KEYS.get(parts[0], parts[0])

    # --- writing --------------------------------------------------------------------------------

    def write(self, ws: Any, session: Session, plan: Plan, progress: Progress, cancelled: Cancelled) -> None:
        writes: _Writes = plan.payload
        new = [f for f in writes.families if not f.update]
        updates = [f for f in writes.families if f.update]
        total = len(writes.families)
        conn = session.connection()
        for start in range(0, len(new), _CHUNK):
            if cancelled is not None and cancelled():
                raise CancelledError()
            families, members = [], []
            for fam in new[start : start + _CHUNK]:
                family_id = new_id()
                families.append(_family_values(fam.clean, family_id, self.today or date.today()))
                members += [_member_values(m, family_id) for m in fam.clean.members]
            insert_new(conn, ws.db, SpecialFamily, families)
            insert_new(conn, ws.db, FamilyMember, members)
            if progress is not None:
                progress(min(start + _CHUNK, len(new)), total)
        self._updates(session, updates, progress, cancelled, len(new), total)

    def _updates(
        self,
        s: Session,
        updates: list[_Family],
        progress: Progress,
        cancelled: Cancelled,
        done: int,
        total: int,
    ) -> None:
        for start in range(0, len(updates), _CHUNK):
            if cancelled is not None and cancelled():
                raise CancelledError()
            chunk = updates[start : start + _CHUNK]
            ids = [f.clean.id for f in chunk if f.clean.id]
            rows = {f.id: f for f in s.scalars(select(SpecialFamily).where(SpecialFamily.id.in_(ids)))}
            stored = {m.id: m for m in s.scalars(select(FamilyMember).where(FamilyMember.family_id.in_(ids)))}
            for fam in chunk:
                row = rows[fam.clean.id or ""]
                values = _family_values(fam.clean, row.id, None)
                values.pop("id")
                if values["registered_on"] is None:
                    values["registered_on"] = row.registered_on
                _assign(row, values)
                for m in fam.clean.members:
                    member = stored.get(m.id or "")
                    if member is None:
                        s.add(FamilyMember(**_member_values(m, row.id)))
                    else:
                        values = _member_values(m, row.id)
                        values.pop("id")
                        _assign(member, values)
            s.flush()
            if progress is not None:
                progress(done + min(start + _CHUNK, len(updates)), total)


def _assign(row: Any, values: dict[str, Any]) -> None:
    """Set only what changed, so an unchanged field keeps its version stamp for the merge."""
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)


def _family_values(clean: FamilyInput, family_id: str, today: date | None) -> dict[str, Any]:
    head = next(m for m in clean.members if m.relation is MemberRelation.SELF)
    values: dict[str, Any] = {
        "id": family_id,
        "division_code": clean.division_code,
        "family_no": _text(clean.family_no),
        "category": clean.category,
        "disability_grade": clean.disability_grade,
        "status": clean.status,
        "status_changed_on": clean.status_changed_on,
        "registered_on": clean.registered_on or today,
        "head_name": head.name,
        "head_id_number": head.id_number or None,
        "name_key": search_key(head.name),
        "phone": _text(clean.phone),
        "address": _text(clean.address),
        "monthly_support_fen": clean.monthly_support_fen,
        "needs": _text(clean.needs),
        "note": _text(clean.note),
    }
    for name in _COVERAGE:
        value = getattr(clean.coverage, name)
        values[name] = _text(value) if isinstance(value, str) else value
    return values


def _member_values(m: MemberInput, family_id: str) -> dict[str, Any]:
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
        "health_note": _text(m.health_note),
        "phone": _text(m.phone),
        "bank_name": _text(m.bank_name),
        "bank_account": _text(m.bank_account),
        "receives_support": m.receives_support,
    }


FAMILIES = FamilyImport()
