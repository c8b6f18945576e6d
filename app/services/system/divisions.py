"""A county administrator's local changes to the division list: add, rename, retire, with dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.database.models import Division
from app.database.session import Database
from app.domain.enums import DivisionLevel
from app.domain.errors import NotFound, UserInputError
from app.domain.hlc import REFERENCE_STAMP
from app.domain.validation import check_division_code, division_level, has_errors, to_ascii_digits

_CHILD = {
    DivisionLevel.PROVINCE: DivisionLevel.CITY,
    DivisionLevel.CITY: DivisionLevel.COUNTY,
    DivisionLevel.COUNTY: DivisionLevel.TOWNSHIP,
    DivisionLevel.TOWNSHIP: DivisionLevel.VILLAGE,
}
# The digits a division shares with its parent (statistical codes: 2 + 2 + 2 + 3 + 3).
_PREFIX = {
    DivisionLevel.CITY: 2,
    DivisionLevel.COUNTY: 4,
    DivisionLevel.TOWNSHIP: 6,
    DivisionLevel.VILLAGE: 9,
}
# The digits a division's own code is known by: everything below it shares them.
_OWN_DIGITS = {"province": 2, "city": 4, "county": 6, "township": 9, "village": 12}
_NAME_WIDTH = 60  # division.name is String(60): PostgreSQL refuses longer text


@dataclass(frozen=True)
class DivisionRow:
    code: str
    name: str
    level: DivisionLevel
    parent_code: str | None
    valid_from: date | None
    valid_to: date | None
    retired: bool
    local: bool  # added or changed here, not as issued


def _live(s: Session, code: str) -> Division | None:
    return s.scalars(select(Division).where(Division.code == code, Division.deleted.is_(False))).first()


def add_division(db: Database, parent_code: str, code: str, name: str, valid_from: date) -> str:
    """A new division one level below ``parent_code``; its code must lie under the parent's."""
    name = _checked_name(name)
    code = to_ascii_digits(code or "").strip()
    issues = check_division_code("code", code)
    if has_errors(issues):
        raise UserInputError(f"区划代码“{code}”无效：" + "；".join(i.message for i in issues) + "。")
    with db.session() as s:
        parent = _live(s, parent_code)
        if parent is None or parent.valid_to is not None:
            raise UserInputError(f"上级区划 {parent_code} 不存在或已撤销。")
        level = _CHILD.get(parent.level)
        if level is None or division_level(code) != level.value:
            raise UserInputError(f"区划代码 {code} 不是“{parent.name}”的下一级代码。")
        if code[: _PREFIX[level]] != parent_code[: _PREFIX[level]]:
            raise UserInputError(f"区划代码 {code} 不在“{parent.name}”（{parent_code}）之下。")
        if _live(s, code) is not None:
            raise UserInputError(f"区划代码 {code} 已被使用。")
        row = Division(
            code=code,
            name=name,
            level=level,
            parent_code=parent_code,
            valid_from=valid_from,
            source="本地新增",
        )
        s.add(row)
        s.flush()
        return row.id


def rename_division(db: Database, code: str, new_name: str, on: date) -> None:
    """A new name from a date; the old name and the date are kept in the division's note."""
    new_name = _checked_name(new_name)
    with db.session() as s:
        row = _live(s, code)
        if row is None:
            raise NotFound(f"区划 {code} 不存在。")
        if row.name == new_name:
            return
        row.note = f"{on:%Y-%m-%d} 由“{row.name}”更名为“{new_name}”" + (f"；{row.note}" if row.note else "")
        row.name = new_name


def retire_division(db: Database, code: str, on: date) -> None:
    """Retire (撤销) a division from a date; refused while live divisions still hang below it."""
    with db.session() as s:
        row = _live(s, code)
        if row is None:
            raise NotFound(f"区划 {code} 不存在。")
        if row.valid_to is not None:
            raise UserInputError(f"区划“{row.name}”已于 {row.valid_to:%Y-%m-%d} 撤销。")
        children = s.scalars(
            select(Division.name).where(
                Division.parent_code == code, Division.deleted.is_(False), Division.valid_to.is_(None)
            )
        ).all()
        if children:
            raise UserInputError(
                f"“{row.name}”下还有 {len(children)} 个未撤销的下级区划（如“{children[0]}”），"
                "请先撤销或调整下级区划。"
            )
        if row.valid_from is not None and on < row.valid_from:
            raise UserInputError("撤销日期不能早于启用日期。")
        row.valid_to = on


def division_tree(db: Database, root_code: str) -> list[DivisionRow]:
    """The division and everything below it, in code order, as plain rows."""
    # By level, not by trailing zeros: 金井镇 430121110000 must not take in 福临镇 430121111000.
    prefix = root_code[: _OWN_DIGITS[division_level(root_code)]]
    with db.read() as s:
        rows = s.scalars(
            select(Division)
            .where(Division.code.startswith(prefix), Division.deleted.is_(False))
            .order_by(Division.code)
        ).all()
        return [
            DivisionRow(
                r.code,
                r.name,
                r.level,
                r.parent_code,
                r.valid_from,
                r.valid_to,
                r.valid_to is not None,
                r.stamp != REFERENCE_STAMP,
            )
            for r in rows
        ]


def _checked_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise UserInputError("请填写区划名称。")
    if len(name) > _NAME_WIDTH:
        raise UserInputError(f"区划名称不能超过 {_NAME_WIDTH} 个字（现有 {len(name)} 个）。")
    return name
