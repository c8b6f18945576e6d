"""Importing records that have no ID number — an association, a campaign event, a training — where
the same record is the one with the same division and the same name (and date, for an event).

Each kind says what is stored, how a row becomes the form's input, and hands the row to the
form's own check and write. A record already stored is updated (blank cells keep what is
stored), so a sheet imported twice adds nothing; the same record twice in one sheet is refused on
its second row.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from app.domain.errors import Cancelled as CancelledError
from app.domain.validation import Issue
from app.services.shared.imports.model import (
    Cancelled,
    ImportKindBase,
    Plan,
    Problem,
    Progress,
    RowAction,
    RowOutcome,
    SourceRow,
)
from app.services.shared.imports.places import PlaceFinder
from app.services.shared.workspace import Workspace

_CHUNK = 500


@dataclass
class _Writes:
    rows: list[Any] = field(default_factory=list)


def kept(values: dict[str, Any], key: str, stored: Any, attr: str | None = None, default: Any = "") -> Any:
    """The row's value, or what is stored when the cell is blank, or ``default`` for a new record."""
    value = values.get(key)
    if value not in (None, ""):
        return value
    if stored is not None:
        found = getattr(stored, attr or key)
        return default if found is None else found
    return default


class KeyedImport(ImportKindBase):
    """The planning every such kind shares; a kind fills in the five methods below."""

    issue_keys: dict[str, str] = {"division_code": "village"}  # noqa: RUF012 - read only

    def __init__(self, today: date | None = None) -> None:
        self.today = today

    def stored(self, s: Session, ws: Workspace) -> dict[Hashable, Any]:
        """The live records the user may see, by key."""
        raise NotImplementedError

    def key(self, values: dict[str, Any], division: str) -> Hashable | None:
        """The row's key, or None when the row lacks what makes one (the check then says what)."""
        raise NotImplementedError

    def to_input(self, values: dict[str, Any], division: str, stored: Any) -> Any:
        raise NotImplementedError

    def missing(self, values: dict[str, Any], stored: Any) -> list[Problem]:
        """What a row must say that the form asks for with no default (a new record's kind …)."""
        return []

    def check(self, s: Session, ws: Workspace, inp: Any, today: date) -> tuple[Any, list[Issue]]:
        """The form's own check: what to write, and the issues."""
        raise NotImplementedError

    def write_one(self, s: Session, ws: Workspace, payload: Any) -> None:
        raise NotImplementedError

    def plan(self, ws: Any, rows: Sequence[SourceRow], progress: Progress, cancelled: Cancelled) -> Plan:
        today = self.today or date.today()
        outcomes: list[RowOutcome] = []
        writes = _Writes()
        seen: dict[Hashable, int] = {}
        with ws.db.read() as s:
            places = PlaceFinder.load(s, ws)
            stored = self.stored(s, ws)
            for n, row in enumerate(rows):
                if n % _CHUNK == 0:
                    if cancelled is not None and cancelled():
                        raise CancelledError()
                    if progress is not None:
                        progress(n, len(rows))
                outcomes.append(self._plan_row(s, ws, row, places, stored, seen, writes, today))
        return Plan(outcomes, writes)

    def _plan_row(
        self,
        s: Session,
        ws: Workspace,
        row: SourceRow,
        places: PlaceFinder,
        stored: dict[Hashable, Any],
        seen: dict[Hashable, int],
        writes: _Writes,
        today: date,
    ) -> RowOutcome:
        v = row.values
        label = str(v.get("name") or v.get("title") or "")
        problems = [Problem(p.message, p.key) for p in row.problems]
        division, place_problem = places.find(v.get("division_code"), v.get("township"), v.get("village"))
        if place_problem:
            problems.append(Problem(place_problem, "village"))
        elif division is None:
            problems.append(Problem("请填写村（社区）、乡镇（街道）或区划代码", "village"))
        if any(p.is_error for p in problems) or division is None:
            return RowOutcome(row.number, RowAction.REFUSED, problems, label)
        key = self.key(v, division)
        if key is not None and key in seen:
            problems.append(
                Problem(f"与本表第 {seen[key]} 行是同一条记录", "name" if "name" in v else "title")
            )
            return RowOutcome(row.number, RowAction.REFUSED, problems, label)
        found = stored.get(key) if key is not None else None
        problems += self.missing(v, found)
        if problems:
            return RowOutcome(row.number, RowAction.REFUSED, problems, label)
        payload, issues = self.check(s, ws, self.to_input(v, division, found), today)
        problems += [Problem(i.message, self.issue_keys.get(i.field, i.field), i.is_error) for i in issues]
        if any(p.is_error for p in problems):
            return RowOutcome(row.number, RowAction.REFUSED, problems, label)
        if key is not None:
            seen[key] = row.number
        writes.rows.append(payload)
        return RowOutcome(
            row.number, RowAction.UPDATE if found is not None else RowAction.NEW, problems, label
        )

    def write(self, ws: Any, session: Session, plan: Plan, progress: Progress, cancelled: Cancelled) -> None:
        rows = plan.payload.rows
        for n, payload in enumerate(rows):
            if n % _CHUNK == 0:
                if cancelled is not None and cancelled():
                    raise CancelledError()
                if progress is not None:
                    progress(n, len(rows))
            self.write_one(session, ws, payload)
