"""The signed-in user's limits, applied by every service: which rows, which actions, which numbers.

One place for the rules of ``app.domain.permissions``, so a list query, a detail load and a
save all ask the same questions:

- ``within(ws, column)``: conditions keeping a query to the user's division subtree (none when
  nobody signed in);
- ``ensure_in_scope(ws, code, message)``: refuse a record outside it, as if it were not there;
- ``ensure_may(ws, permission)`` / ``ensure_writable(ws)``: refuse an action the role lacks,
  before anything is written (只读查看 gets "当前账户为只读查看，不能修改");
- ``shows_full_numbers(ws)``, ``id_shown`` and ``bank_shown``: full or masked numbers.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement

from app.domain.errors import NotFound, UserInputError
from app.domain.permissions import (
    Permission,
    in_subtree,
    mask_bank_account,
    mask_id_number,
    may,
    refusal,
    subtree_prefix,
)
from app.services.workspace import Workspace

OUTSIDE_SCOPE = "这条记录不在当前账户的管辖区划内，不能查看或修改。"


def root_code(ws: Workspace) -> str:
    """The division the user works in: the signed-in user's, else the installation's."""
    return ws.user.division_code if ws.user is not None else ws.division_code


def restricted(ws: Workspace) -> bool:
    return ws.user is not None


def within(ws: Workspace, column: Any) -> list[ColumnElement[bool]]:
    """Conditions keeping ``column`` (a division code) inside the user's subtree; [] when unrestricted.

    A range rather than LIKE 'x%', so the index on the division column is used.
    """
    if ws.user is None:
        return []
    prefix = subtree_prefix(ws.user.division_code)
    return [column >= prefix, column < prefix + "~"]


def in_scope(ws: Workspace, code: str | None) -> bool:
    """Whether a record at division ``code`` is the user's to see."""
    return ws.user is None or in_subtree(code, ws.user.division_code)


def ensure_in_scope(ws: Workspace, code: str | None, message: str = OUTSIDE_SCOPE) -> None:
    """Refuse (NotFound) a record outside the user's subtree: its existence is not revealed."""
    if not in_scope(ws, code):
        raise NotFound(message)


def ensure_may(ws: Workspace, permission: Permission) -> None:
    """Refuse an action the signed-in user's role does not allow; nothing has been written yet."""
    if ws.user is not None and not may(ws.user.role, permission):
        raise UserInputError(refusal(permission))


def ensure_writable(ws: Workspace) -> None:
    """Every service that writes records calls this first (只读查看 never writes)."""
    ensure_may(ws, Permission.WRITE)


def allowed(ws: Workspace, permission: Permission) -> bool:
    return ws.user is None or may(ws.user.role, permission)


def shows_full_numbers(ws: Workspace) -> bool:
    """Whether ID and bank numbers reach this user in full (forms, exports)."""
    return allowed(ws, Permission.SEE_FULL_NUMBERS)


def id_shown(ws: Workspace, number: str | None) -> str:
    """An ID number as this user may see it."""
    return (number or "") if shows_full_numbers(ws) else mask_id_number(number)


def bank_shown(ws: Workspace, account: str | None) -> str:
    """A bank account as this user may see it."""
    return (account or "") if shows_full_numbers(ws) else mask_bank_account(account)
