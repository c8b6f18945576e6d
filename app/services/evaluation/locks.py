"""Period locks: a county administrator closes a checked period; an unlock needs a reason and is
audited. The lock is a synced record, so it travels up and the province sees who has closed.
Enforcement is in ``app.services.shared.period_locks`` (every edit session)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, or_, select

from app.database.audit import AuditAction, record
from app.database.models import PeriodLock
from app.domain.errors import NotFound, UserInputError
from app.domain.periods import Period, parse_period
from app.domain.permissions import Permission, subtree_prefix
from app.domain.records.evaluation import PeriodLockRow
from app.services.evaluation.sheet import as_period, checked_division, division_names
from app.services.shared.scope import edit_session, ensure_in_scope, ensure_may, root_code
from app.services.shared.workspace import Workspace

_REASON_CHARS = 500


def _row(lock: PeriodLock, names: dict[str, str]) -> PeriodLockRow:
    return PeriodLockRow(
        id=lock.id,
        division_code=lock.division_code,
        division_name=names.get(lock.division_code, lock.division_code),
        period_code=lock.period_code,
        period_label=parse_period(lock.period_code).label,
        start=lock.starts_on,
        end=lock.ends_on,
        locked_by=lock.locked_by,
        locked_at=lock.locked_at,
        active=lock.unlocked_at is None,
        unlocked_by=lock.unlocked_by,
        unlocked_at=lock.unlocked_at,
        unlock_reason=lock.unlock_reason,
    )


def lock_period(
    ws: Workspace, period: Period | str, division_code: str | None = None, note: str | None = None
) -> PeriodLockRow:
    """Lock the period for the division's subtree (default: the user's division)."""
    ensure_may(ws, Permission.LOCK_PERIOD)
    p = as_period(period)
    code = checked_division(ws, division_code)
    with edit_session(ws) as s:
        existing = s.scalar(
            select(PeriodLock.id).where(
                PeriodLock.deleted.is_(False),
                PeriodLock.unlocked_at.is_(None),
                PeriodLock.division_code == code,
                PeriodLock.period_code == p.code,
            )
        )
        if existing is not None:
            raise UserInputError(f"{p.label}已经锁定，无需再锁。")
        lock = PeriodLock(
            division_code=code,
            period_code=p.code,
            starts_on=p.start,
            ends_on=p.end,
            locked_by=ws.username or "",
            locked_at=datetime.now().replace(microsecond=0),
            note=(note or "").strip() or None,
        )
        s.add(lock)
        s.flush()
        return _row(lock, division_names(s, {code}))


def unlock_period(ws: Workspace, lock_id: str, reason: str) -> PeriodLockRow:
    """Unlock with a reason; the unlock and its reason are written to the audit log in the same
    transaction. The lock row stays (unlocked), so the history travels up too."""
    ensure_may(ws, Permission.LOCK_PERIOD)
    text = (reason or "").strip()
    if not text:
        raise UserInputError("解锁须写明原因（例如：更正 3 月走访记录的慰问金），期间仍保持锁定。")
    if len(text) > _REASON_CHARS:
        raise UserInputError(f"解锁原因不能超过 {_REASON_CHARS} 个字，期间仍保持锁定。")
    with edit_session(ws) as s:
        lock = s.get(PeriodLock, lock_id)
        if lock is None or lock.deleted:
            raise NotFound("没有找到这个锁定记录，可能已被删除。")
        ensure_in_scope(ws, lock.division_code, "这个锁定不在当前账户的管辖区划内，不能解锁。")
        if lock.unlocked_at is not None:
            raise UserInputError(f"{parse_period(lock.period_code).label}已经解锁。")
        lock.unlocked_by = ws.username or ""
        lock.unlocked_at = datetime.now().replace(microsecond=0)
        lock.unlock_reason = text
        s.flush()
        detail = {"period": lock.period_code, "division": lock.division_code, "reason": text}
        record(s, ws.username, AuditAction.UNLOCK, f"period_lock:{lock.id}", detail)
        return _row(lock, division_names(s, {lock.division_code}))


def list_locks(
    ws: Workspace, division_code: str | None = None, *, active_only: bool = False
) -> list[PeriodLockRow]:
    """Locks on the division's subtree (a province sees its counties') and on the divisions above
    it (a township sees its county's), newest first."""
    code = (division_code or root_code(ws)).strip()
    prefix = subtree_prefix(code) if code else ""
    ancestors = [prefix[:n].ljust(12, "0") for n in (2, 4, 6, 9) if n < len(prefix)]
    with ws.db.read() as s:
        where: list[ColumnElement[bool]] = [PeriodLock.deleted.is_(False)]
        if code:
            where.append(
                or_(
                    PeriodLock.division_code.in_(ancestors),
                    (PeriodLock.division_code >= prefix) & (PeriodLock.division_code < prefix + "~"),
                )
            )
        if active_only:
            where.append(PeriodLock.unlocked_at.is_(None))
        locks = list(s.scalars(select(PeriodLock).where(*where).order_by(PeriodLock.locked_at.desc())))
        names = division_names(s, {lk.division_code for lk in locks})
        return [_row(lk, names) for lk in locks]
