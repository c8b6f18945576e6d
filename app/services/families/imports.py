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
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.database.base import new_id
from app.database.bulk import insert_new
from app.database.divisions import known_region_prefixes
from app.database.models import FamilyMember, SpecialFamily
from app.domain.errors import Cancelled as CancelledError
from app.domain.permissions import is_masked
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
from app.services.families.import_inputs import (
    assign_changed,
    family_input,
    family_values,
    member_input,
    member_values,
    stored_member_input,
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
        # The head says which family this is; members already held elsewhere are refused below.
        stored = look.family_for(numbers[:1])
        if stored is None and not rows[0].values.get("category"):
            problems[0].append(Problem("请填写家庭类别（失独、伤残、手术并发症或计生困难家庭）", "category"))
        if stored is not None and not look.in_scope(stored.division_code):
            problems[0].append(Problem("这户已登记在当前账户管辖以外的区划，不能在这里更新", "id_number"))
            stored = None
        if not any(p for ps in problems.values() for p in ps):
            members, ids = self._members(rows, stored, look)
            inp = family_input(group, division or (stored.division_code if stored else ""), stored, members)
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
                support=look.support.fill,
            )
            for issue in issues:
                i, key = self._place(issue, len(rows))
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
            members.append(member_input(row, match))
            ids.append(match.id if match else None)
            if match is not None:
                used.add(match.id)
        members += [stored_member_input(m) for m in existing if m.id not in used]
        return members, ids

    @staticmethod
    def _place(issue: Issue, count: int) -> tuple[int, str | None]:
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
        today = self.today or date.today()

        def rows_of(chunk: list[_Family]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
            families, members = [], []
            for fam in chunk:
                family_id = new_id()
                families.append(family_values(fam.clean, family_id, today))
                members += [member_values(m, family_id) for m in fam.clean.members]
            return families, members

        chunks = [new[i : i + _CHUNK] for i in range(0, len(new), _CHUNK)]
        # The next chunk's rows (pinyin keys, ids) are made in a thread while SQLite, which lets go
        # of the GIL, writes this one.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-rows") as ahead:
            pending = ahead.submit(rows_of, chunks[0]) if chunks else None
            done = 0
            for n, chunk in enumerate(chunks):
                assert pending is not None
                families, members = pending.result()
                pending = ahead.submit(rows_of, chunks[n + 1]) if n + 1 < len(chunks) else None
                if cancelled is not None and cancelled():
                    raise CancelledError()
                insert_new(conn, ws.db, SpecialFamily, families)
                insert_new(conn, ws.db, FamilyMember, members)
                done += len(chunk)
                if progress is not None:
                    progress(done, total)
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
                values = family_values(fam.clean, row.id, None)
                values.pop("id")
                if values["registered_on"] is None:
                    values["registered_on"] = row.registered_on
                assign_changed(row, values)
                for m in fam.clean.members:
                    member = stored.get(m.id or "")
                    if member is None:
                        s.add(FamilyMember(**member_values(m, row.id)))
                    else:
                        values = member_values(m, row.id)
                        values.pop("id")
                        assign_changed(member, values)
            s.flush()
            if progress is not None:
                progress(done + min(start + _CHUNK, len(updates)), total)


FAMILIES = FamilyImport()
