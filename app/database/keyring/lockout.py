"""Failed sign-ins: the count kept in a keyring entry (or a plain database's counter), delay and lockout.

Counted where they can be read before the database opens, since the lockout must be decided
before the database can be opened; the attempts wait there for the audit log of the next sign-in.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from app.database.keyring.sidecar import Keyring
from app.domain.errors import LoginDelayed, UserInputError

# Failed sign-ins: from the 3rd failure in a row, the next attempt waits 2^(n-3) seconds after the
# last one (1, 2 s); the 5th failure locks the account for 15 minutes, and every failure after
# that locks it again, until a correct password (or a reset) clears the count.
DELAY_AFTER = 3
LOCK_AFTER = 5
LOCK_FOR = timedelta(minutes=15)
PENDING_MAX = 50  # failed attempts remembered for the audit log, written at the next sign-in
WRONG_PASSWORD = "用户名或密码不正确。"


def utc_now(now: datetime | None) -> datetime:
    """``now`` (or the clock) in UTC."""
    return (now or datetime.now(UTC)).astimezone(UTC)


def parse_time(text: Any) -> datetime | None:
    """A stored ISO time in UTC; None when missing or damaged."""
    if not isinstance(text, str):
        return None
    try:
        return datetime.fromisoformat(text).astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def failure_count(entry: dict[str, Any]) -> int:
    """The failure count; a damaged count (not a number) counts as none."""
    value = entry.get("failures")
    return value if isinstance(value, int) else 0


def pending_attempts(entry: dict[str, Any]) -> list[Any]:
    """The failed attempts still to be written to the audit log; a damaged list counts as none."""
    value = entry.get("pending")
    return list(value) if isinstance(value, list) else []


def retry_at(entry: dict[str, Any]) -> tuple[datetime, bool] | None:
    """When the next attempt is allowed and whether that is a lockout, or None: allowed now."""
    failures = failure_count(entry)
    last = parse_time(entry.get("last_failure"))
    if last is None:
        return None
    try:
        if failures >= LOCK_AFTER:
            return last + LOCK_FOR, True
        if failures >= DELAY_AFTER:
            return last + timedelta(seconds=2 ** (failures - DELAY_AFTER)), False
    except OverflowError:  # a last failure at the end of the calendar: a damaged entry
        return None
    return None


def check_allowed(entry: dict[str, Any], now: datetime) -> None:
    """Raise LoginDelayed while this entry's delay or lockout lasts."""
    wait = retry_at(entry)
    if wait is not None and now < wait[0]:
        raise LoginDelayed(wait[0], locked=wait[1])


def note_failure(entry: dict[str, Any], now: datetime) -> None:
    """Count one failed attempt in ``entry`` (a keyring entry, or a plain database's counter)."""
    entry["failures"] = failure_count(entry) + 1
    entry["last_failure"] = now.isoformat(timespec="seconds")
    pending = [*pending_attempts(entry), now.isoformat(timespec="seconds")]
    entry["pending"] = pending[-PENDING_MAX:]


def note_success(entry: dict[str, Any]) -> bool:
    """Clear the count after a correct password; whether anything changed."""
    if not entry.get("failures"):
        return False
    entry["failures"] = 0
    entry.pop("last_failure", None)
    return True


def count_failure(ring: Keyring, entry: dict[str, Any], now: datetime) -> None:
    """Count a failed attempt in a keyring entry and write the keyring."""
    note_failure(entry, now)
    ring.save()


def refusal(entry: dict[str, Any], message: str) -> UserInputError:
    """The error for a wrong secret: plain, or the lockout that this failure has just started."""
    wait = retry_at(entry)
    if wait is not None and wait[1]:
        return LoginDelayed(wait[0], locked=True)
    return UserInputError(message)
