"""The signed-in user's limits, applied by every service: which rows, which actions, which numbers.

One place for the rules of ``app.domain.permissions``, so a list query, a detail load and a
save all ask the same questions:

- ``within(ws, column)``: conditions keeping a query to the user's division subtree (none when
  nobody signed in);
- ``ensure_in_scope(ws, code, message)``: refuse a record outside it, as if it were not there;
- ``ensure_may(ws, permission)`` / ``ensure_writable(ws)``: refuse an action the role lacks,
  before anything is written (只读查看 gets "当前账户为只读查看，不能修改");
- ``shows_full_numbers(ws)``, ``id_shown`` and ``bank_shown``: full or masked numbers;
- ``edit_session(ws)``: the transaction of a user's edit, refused for 只读查看, and written to
  the audit log (which records were inserted or changed) in the same transaction; a record dated
  in a locked period is refused there (``period_locks``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from app.database.audit import AuditAction, record
from app.database.models import ChangeLogEntry
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
from app.services.shared.period_locks import guard_locked_periods
from app.services.shared.workspace import Workspace

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


_AUDITED_ROWS = 20  # an edit touching more rows (a family with many members) lists the first ones


@contextmanager
def edit_session(ws: Workspace) -> Iterator[Session]:
    """One transaction of a user's edit of records: refused up front for a role that may not write,
    and ending with an ``edit`` audit entry naming the rows it inserted or changed (from the
    change log of this very transaction, so the entry says exactly what will travel upward).
    An edit that changed nothing writes no entry.
    """
    ensure_writable(ws)
    with ws.db.session() as s:
        guard_locked_periods(s)  # a locked period refuses edits of the records dated in it
        start = s.scalar(select(func.max(ChangeLogEntry.seq))) or 0
        yield s
        s.flush()
        rows = s.execute(
            select(ChangeLogEntry.table_name, ChangeLogEntry.row_id, ChangeLogEntry.op)
            .where(ChangeLogEntry.seq > start)
            .order_by(ChangeLogEntry.seq)
        ).all()
        if rows:
            first_table, first_id, _ = rows[0]
            listed = [f"{op} {table}:{row_id}" for table, row_id, op in rows[:_AUDITED_ROWS]]
            detail = {"rows": len(rows), "changes": listed}
            record(s, ws.username, AuditAction.EDIT, f"{first_table}:{first_id}", detail)


def allowed(ws: Workspace, permission: Permission) -> bool:
    return ws.user is None or may(ws.user.role, permission)


def can_write(ws: Workspace) -> bool:
    """Whether the user may change records (the screens hide New and Delete for 只读查看)."""
    return allowed(ws, Permission.WRITE)


def shows_full_numbers(ws: Workspace) -> bool:
    """Whether ID and bank numbers reach this user in full (forms, exports)."""
    return allowed(ws, Permission.SEE_FULL_NUMBERS)


def id_shown(ws: Workspace, number: str | None) -> str:
    """An ID number as this user may see it."""
    return (number or "") if shows_full_numbers(ws) else mask_id_number(number)


def bank_shown(ws: Workspace, account: str | None) -> str:
    """A bank account as this user may see it."""
    return (account or "") if shows_full_numbers(ws) else mask_bank_account(account)
