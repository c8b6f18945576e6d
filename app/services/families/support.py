"""特别扶助 standards: the amount a special family's member receives a month, set by region and year
(and by disability grade for 伤残 families), as the province or county issues it.

A family's monthly amount left blank is filled from the standard — per person, times the members
marked 享受特扶 — and a typed amount that differs from it is pointed out, so one county pays one
rate. The standard for a family is the one of the nearest division above it (its county before its
province) and of the latest year not after the one asked for.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.database.models import SupportStandard
from app.domain.enums import FamilyCategory
from app.domain.records.families import FamilyInput
from app.domain.validation import Issue, format_fen, warning
from app.services.shared.divisions import division_prefix
from app.services.shared.workspace import Workspace

Key = tuple[FamilyCategory, int | None]


@dataclass
class SupportStandards:
    """Every live standard, by category and grade: (division prefix, year, fen per person a month)."""

    rows: dict[Key, list[tuple[str, int, int]]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def load(cls, s: Session) -> SupportStandards:
        found = cls()
        for division, year, category, grade, fen in s.execute(
            select(
                SupportStandard.division_code,
                SupportStandard.year,
                SupportStandard.category,
                SupportStandard.disability_grade,
                SupportStandard.monthly_fen,
            ).where(SupportStandard.deleted.is_(False))
        ):
            key = (category, grade if category is FamilyCategory.DISABLED else None)
            found.rows[key].append((division_prefix(division), year, fen))
        return found

    def per_person(
        self, division_code: str, category: FamilyCategory, grade: int | None, year: int
    ) -> int | None:
        """The monthly amount per person for a family of this kind at this division, or None."""
        if category is FamilyCategory.HARDSHIP:
            return None  # 计生困难家庭 receive no 特别扶助
        key = (category, grade if category is FamilyCategory.DISABLED else None)
        best: tuple[int, int, int] | None = None  # prefix length, year, fen
        for prefix, on, fen in self.rows.get(key, ()):
            if on <= year and division_code.startswith(prefix):
                candidate = (len(prefix), on, fen)
                if best is None or candidate[:2] > best[:2]:
                    best = candidate
        return best[2] if best is not None else None

    def fill(self, inp: FamilyInput, today: date) -> tuple[int | None, list[Issue]]:
        """The family's monthly amount: the typed one, or the standard's when blank; and a warning
        when a typed amount is not what the standard gives."""
        receiving = sum(1 for m in inp.members if m.receives_support and not m.is_deceased)
        if not receiving or inp.category is None:
            return inp.monthly_support_fen, []
        per = self.per_person(inp.division_code, inp.category, inp.disability_grade, today.year)
        if per is None:
            return inp.monthly_support_fen, []
        standard = per * receiving
        if inp.monthly_support_fen is None:
            return standard, []
        if inp.monthly_support_fen != standard:
            return inp.monthly_support_fen, [
                warning(
                    "monthly_support_fen",
                    f"特扶金 {format_fen(inp.monthly_support_fen)} 元/月与本地 {today.year} 年标准不同："
                    f"每人 {format_fen(per)} 元 × {receiving} 人 = {format_fen(standard)} 元，请核对",
                )
            ]
        return inp.monthly_support_fen, []


def support_standard_for(
    ws: Workspace,
    division_code: str,
    category: FamilyCategory,
    disability_grade: int | None,
    *,
    today: date | None = None,
) -> int | None:
    """The standard's monthly amount per person for a family like this (the form shows it)."""
    with ws.db.read() as s:
        standards = SupportStandards.load(s)
    return standards.per_person(division_code, category, disability_grade, (today or date.today()).year)
