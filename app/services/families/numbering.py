"""档案编号: the number a new family gets when the clerk leaves the field blank, by the county's rule.

The rule (``app.domain.family_numbers``) is a setting of this database (``meta``); the county sets
it here and its setup packages carry it to the townships, so every township numbers alike. The
next number is one past the highest already given under the same prefix (township and year in
the default rule), read in the saving transaction, so two saves never share one.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.database.models import Division, SpecialFamily
from app.domain.enums import DivisionLevel, NodeRole, UserRole
from app.domain.errors import UserInputError
from app.domain.family_numbers import DEFAULT_RULE, FamilyNumberRule, parse_rule
from app.domain.permissions import Permission
from app.services.shared.audit import AuditAction, audit
from app.services.shared.scope import ensure_may, root_code, within
from app.services.shared.workspace import Workspace
from app.sync import state


def family_no_rule(ws: Workspace) -> str:
    """The rule in force: the one set here or received in a setup package, else the default."""
    return ws.db.meta(state.FAMILY_NO_RULE) or DEFAULT_RULE


def may_set_rule(ws: Workspace) -> bool:
    """A county or province sets the rule; a township receives it in its setup package."""
    allowed = ws.user is None or ws.user.role in (UserRole.SYSTEM_ADMIN, UserRole.COUNTY_ADMIN)
    return ws.role is not NodeRole.STATION and allowed


def set_family_no_rule(ws: Workspace, rule: str) -> str:
    """Change the rule (checked first; nothing written when it is refused); returns it as stored."""
    ensure_may(ws, Permission.MANAGE_DIVISIONS)
    if not may_set_rule(ws):
        raise UserInputError("档案编号规则由县级设定，随配置包下发到乡镇；乡镇不能自行修改。")
    try:
        checked = parse_rule(rule)
    except ValueError as exc:
        raise UserInputError(f"档案编号规则未保存：{exc}") from None
    with ws.db.engine.begin() as conn:
        state.put(conn, state.FAMILY_NO_RULE, checked.text)
    audit(ws, AuditAction.EDIT, state.FAMILY_NO_RULE, {"rule": checked.text})
    return checked.text


def example_village(ws: Workspace) -> tuple[str, str]:
    """A village of this area (code, name), to show what the rule's numbers will look like."""
    with ws.db.read() as s:
        found = s.execute(
            select(Division.code, Division.name)
            .where(
                Division.level == DivisionLevel.VILLAGE,
                Division.deleted.is_(False),
                *within(ws, Division.code),
            )
            .order_by(Division.code)
            .limit(1)
        ).first()
    return (found[0], found[1]) if found is not None else (root_code(ws), "")


def next_family_no(s: Session, rule: FamilyNumberRule, division_code: str, year: int) -> str:
    """One past the highest number given under this prefix (inside the saving transaction)."""
    head = rule.prefix(division_code, year)
    pattern = head.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    given = s.scalars(
        select(SpecialFamily.family_no).where(SpecialFamily.family_no.like(pattern, escape="\\"))
    )
    numbers = [n for no in given if no and (n := rule.sequence_of(no, division_code, year)) is not None]
    number = rule.number(division_code, year, max(numbers, default=0) + 1)
    if len(number) > 30:
        raise UserInputError("本年的档案编号已用尽（流水号位数不够），请县级调整编号规则。")
    return number


def stored_rule(s: Session) -> FamilyNumberRule:
    """The rule as the saving transaction reads it (a broken stored rule falls back to the default)."""
    text = state.get(s.connection(), state.FAMILY_NO_RULE) or DEFAULT_RULE
    try:
        return parse_rule(text)
    except ValueError:
        return parse_rule(DEFAULT_RULE)
