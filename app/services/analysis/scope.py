"""Which division a table or dashboard is for, and which divisions its rows stand for.

At a county the rows are its townships, at a province (or a city) its counties, at a township its
villages. A record is put in a row by the first digits of its division code (``substr``, the same
on SQLite and PostgreSQL), so one grouped query gives every row; a record at the division itself
(the county's own association) gets a row "本级" of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from app.database.models import Division
from app.domain.enums import DivisionLevel
from app.domain.errors import UserInputError
from app.domain.periods import Period
from app.domain.permissions import subtree_prefix
from app.domain.validation import division_level
from app.services.shared.scope import ensure_in_scope, root_code, within
from app.services.shared.workspace import Workspace

_CHILD = {
    "province": (DivisionLevel.COUNTY, 6),
    "city": (DivisionLevel.COUNTY, 6),
    "county": (DivisionLevel.TOWNSHIP, 9),
    "township": (DivisionLevel.VILLAGE, 12),
    "village": (DivisionLevel.VILLAGE, 12),
}
OWN_LEVEL = "本级"


@dataclass(frozen=True)
class ReportScope:
    """The division asked for, its rows' divisions (code → name, in code order) and the period."""

    code: str
    name: str
    level: str
    child_digits: int
    children: tuple[tuple[str, str], ...]
    period: Period

    @property
    def prefix(self) -> str:
        return subtree_prefix(self.code)

    @property
    def unit(self) -> str:
        return f"{self.name}计生协"

    def under(self, column: Any) -> list[ColumnElement[bool]]:
        """Rows whose division lies in this division's subtree (a range: it uses the index)."""
        return [column >= self.prefix, column < self.prefix + "~"]

    def group_key(self, column: Any) -> Any:
        """The row a record belongs to: the first digits of its division code."""
        return func.substr(column, 1, self.child_digits)

    def child_code(self, key: str | None) -> str:
        return (key or "").ljust(12, "0")

    def row_name(self, code: str) -> str:
        if code == self.code:
            return f"{self.name}{OWN_LEVEL}"
        return dict(self.children).get(code, code)

    def row_codes(self, found: set[str]) -> list[str]:
        """Every child in code order, then any division that had records but is not in the list
        (a village added locally, a retired township), then the division's own row if it had any."""
        listed = [c for c, _ in self.children]
        extra = sorted(found - set(listed) - {self.code})
        own = [self.code] if self.code in found else []
        return listed + extra + own


def resolve_scope(s: Session, ws: Workspace, division_code: str | None, period: Period) -> ReportScope:
    """The scope of a table: the user's own division unless another one (inside it) is asked for."""
    code = (division_code or root_code(ws) or "").strip()
    if len(code) == 6 or len(code) == 9:
        code = code.ljust(12, "0")
    level = division_level(code)
    ensure_in_scope(ws, code, f"区划 {code} 不在当前账户的管辖范围内，不能统计。")
    name = s.scalar(select(Division.name).where(Division.code == code, Division.deleted.is_(False)).limit(1))
    if name is None:
        raise UserInputError(f"本数据库的区划表中没有区划代码 {code}，请检查 --division。")
    child_level, digits = _CHILD[level]
    prefix = subtree_prefix(code)
    children = s.execute(
        select(Division.code, Division.name)
        .where(
            Division.level == child_level,
            Division.code >= prefix,
            Division.code < prefix + "~",
            Division.code != code,
            Division.deleted.is_(False),
            *within(ws, Division.code),
        )
        .order_by(Division.code)
    ).all()
    unique = dict((c, n) for c, n in children)
    return ReportScope(code, name, level, digits, tuple(unique.items()), period)
