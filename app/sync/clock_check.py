"""Refusing bundles stamped in the future: a sender's wrong clock must not poison the receiver's.

Every stamp a merge takes in moves the receiver's clock past it, and every later edit there sorts
after it; a stamp far ahead (a computer whose date was set years off, or a forged file) would make
the receiver's own edits lose to it for as long, or overflow the clock. So a bundle with any stamp
more than the allowed lead ahead of the receiver's wall clock is refused, saying by how much.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from datetime import UTC, datetime

from app.domain.errors import BadFileError
from app.sync.payload import TableRows

DEFAULT_MAX_AHEAD_HOURS = 24.0
_MILLIS = 13  # a stamp starts with 13 digits of Unix milliseconds


def newest_stamp(rows_by_table: Mapping[str, TableRows]) -> str | None:
    """The highest stamp any row carries (insert or field stamp); whole columns at a time."""
    newest: str | None = None
    for rows in rows_by_table.values():
        if not rows.rows:
            continue
        candidates = [max(rows.columns[1])]
        candidates.extend(max(s.values()) for s in rows.columns[2] if s)
        top = max(candidates)
        if newest is None or top > newest:
            newest = top
    return newest


def check_clock(
    rows_by_table: Mapping[str, TableRows],
    source: str,
    *,
    max_ahead_hours: float = DEFAULT_MAX_AHEAD_HOURS,
    now: float | None = None,
) -> None:
    """Refuse (BadFileError) when a stamp is more than ``max_ahead_hours`` ahead of ``now``."""
    newest = newest_stamp(rows_by_table)
    if newest is None:
        return
    wall_ms = int((time.time() if now is None else now) * 1000)
    ahead_ms = int(newest[:_MILLIS]) - wall_ms
    if ahead_ms <= max_ahead_hours * 3_600_000:
        return
    hours = ahead_ms / 3_600_000
    amount = f"约 {hours / 24:.0f} 天" if hours >= 48 else f"约 {hours:.0f} 小时"
    try:
        when = (
            datetime.fromtimestamp(int(newest[:_MILLIS]) / 1000, UTC).astimezone().strftime("%Y-%m-%d %H:%M")
        )
    except (OverflowError, OSError, ValueError):
        when = "远在未来"
    raise BadFileError(
        source,
        f"发送方电脑的时钟不对：文件中的修改时间（{when}）比本机时间快了{amount}"
        f"（允许最多快 {max_ahead_hours:g} 小时）。请发送方改正电脑的日期和时间，"
        "并请县级技术人员处理按错误时间保存的记录",
    )
