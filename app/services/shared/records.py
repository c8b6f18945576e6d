"""Helpers the 组织建设, 项目 and 活动 services share: division places and checks, saving, raising."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from app.database.models import Division
from app.domain.enums import AdminLevel, DivisionLevel
from app.domain.errors import ValidationFailed
from app.domain.records.families import WarningsToConfirm
from app.domain.records.org import DivisionChoice
from app.domain.validation import Issue, Severity, error, has_errors
from app.services.shared.divisions import division_prefix
from app.services.shared.scope import root_code
from app.services.shared.workspace import Workspace

ADMIN_LEVEL = {
    DivisionLevel.PROVINCE: AdminLevel.PROVINCIAL,
    DivisionLevel.CITY: AdminLevel.CITY,
    DivisionLevel.COUNTY: AdminLevel.COUNTY,
    DivisionLevel.TOWNSHIP: AdminLevel.TOWNSHIP,
    DivisionLevel.VILLAGE: AdminLevel.VILLAGE,
}


@dataclass(frozen=True)
class Place:
    """Where a division sits: its own name, and its township's when it is a village."""

    name: str
    township: str
    level: DivisionLevel | None

    @property
    def village(self) -> str:
        return self.name if self.level is DivisionLevel.VILLAGE else ""

    @property
    def township_name(self) -> str:
        """The township of a village, or the township itself."""
        return self.name if self.level is DivisionLevel.TOWNSHIP else self.township


def text_or_none(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def assign_changed(row: Any, values: dict[str, Any]) -> None:
    """Set only what changed, so an unchanged field keeps its version stamp for the merge."""
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)


def raise_for(issues: list[Issue], accept_warnings: bool) -> None:
    """Errors refuse the save; warnings refuse it until the form asked the user once."""
    if has_errors(issues):
        raise ValidationFailed([i for i in issues if i.severity is Severity.ERROR])
    if issues and not accept_warnings:
        raise WarningsToConfirm(list(issues))


def under(column: Any, code: str | None) -> list[ColumnElement[bool]]:
    """Rows whose division code lies at or below ``code`` (a range: it uses the index)."""
    if not code:
        return []
    prefix = division_prefix(code)
    return [column >= prefix, column < prefix + "~"]


def places(s: Session, codes: Iterable[str]) -> dict[str, Place]:
    """code → Place for the given codes (two small queries: the divisions, then their parents)."""
    wanted = set(codes)
    if not wanted:
        return {}
    rows = s.execute(
        select(Division.code, Division.name, Division.parent_code, Division.level).where(
            Division.code.in_(wanted), Division.deleted.is_(False)
        )
    ).all()
    parents = {parent for _, _, parent, level in rows if parent and level is DivisionLevel.VILLAGE}
    parent_names = (
        dict(
            s.execute(
                select(Division.code, Division.name).where(
                    Division.code.in_(parents), Division.deleted.is_(False)
                )
            ).all()
        )
        if parents
        else {}
    )
    found = {
        code: Place(name, parent_names.get(parent or "", ""), level) for code, name, parent, level in rows
    }
    return {code: found.get(code, Place(code, "", None)) for code in wanted}


def live_division(s: Session, ws: Workspace, code: str) -> Division | None:
    """The division, if it exists, is not retired and lies within this installation's area."""
    if not code or not code.startswith(division_prefix(root_code(ws))):
        return None
    return s.scalars(
        select(Division).where(
            Division.code == code, Division.deleted.is_(False), Division.valid_to.is_(None)
        )
    ).first()


def check_division(s: Session, ws: Workspace, field: str, code: str) -> tuple[Division | None, list[Issue]]:
    if not (code or "").strip():
        return None, [error(field, "请选择所属区划")]
    found = live_division(s, ws, code)
    if found is None:
        return None, [error(field, f"区划 {code} 不存在、已撤销或不在本机管辖范围内")]
    return found, []


def division_choices(ws: Workspace) -> list[DivisionChoice]:
    """This installation's division and every live division below it, in code order."""
    prefix = division_prefix(root_code(ws))
    with ws.db.read() as s:
        rows = s.execute(
            select(Division.code, Division.name, Division.parent_code, Division.level)
            .where(
                Division.deleted.is_(False),
                Division.valid_to.is_(None),
                Division.code >= prefix,
                Division.code < prefix + "~",
            )
            .order_by(Division.code)
        ).all()
    names = {code: name for code, name, _, _ in rows}
    out = []
    for code, name, parent, level in rows:
        parent_name = names.get(parent or "", "")
        label = f"{parent_name} · {name}" if level is DivisionLevel.VILLAGE and parent_name else name
        out.append(DivisionChoice(code, name, level.label, label))
    return out


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def check_count(field: str, value: int | None, label: str, *, maximum: int = 10_000_000) -> list[Issue]:
    if value is None:
        return []
    if value < 0:
        return [error(field, f"{label}不能为负数")]
    if value > maximum:
        return [error(field, f"{label}过大（超过 {maximum:,}），请核对")]
    return []
