"""Repairing a damaged stored clock at open, from the data, so the database still opens.

The clock's last stamp lives in ``meta``. Should that text be damaged (a half-written edit by
hand, a stamp from an older program that overflowed to 14 digits) or stand years ahead of the
wall clock, every start would fail or every later edit sort after the damage. It is rebuilt
from the newest plausible stamp the rows carry (never earlier than any of them: later edits
must still sort after what this device saw) and the repair goes into the audit log.
"""

from __future__ import annotations

import time

from sqlalchemy import Engine, text, update

from app.database.audit import AuditAction, record
from app.database.base import synced_tables
from app.database.models import ChangeLogEntry, Meta
from app.domain.hlc import DAMAGED_AHEAD_MS, HybridClock, Stamp

META_CLOCK = "clock_last"


def open_clock(engine: Engine, device_id: str, stored: str | None) -> HybridClock:
    """The device's clock from its stored last stamp, repaired (and audited) when damaged."""
    try:
        clock = HybridClock(device_id, stored)
        if not clock.damaged():
            return clock
    except ValueError:
        pass
    return _repair(engine, device_id, stored)


def _repair(engine: Engine, device_id: str, stored: str | None) -> HybridClock:
    wall_ms = int(time.time() * 1000)
    # Stamps sort as text: everything up to this bound is plausible, beyond it is damage.
    bound = str(Stamp(min(wall_ms + DAMAGED_AHEAD_MS, 10**13 - 1), 99_999, "f" * 16))
    newest: str | None = None
    with engine.begin() as conn:
        for name in sorted(synced_tables()):
            found = conn.execute(
                text(f"SELECT max(stamp) FROM {name} WHERE stamp <= :bound AND length(stamp) = 36"),
                {"bound": bound},
            ).scalar()
            if found and (newest is None or found > newest):
                newest = str(found)
        log = ChangeLogEntry.__tablename__
        found = conn.execute(
            text(f"SELECT max(stamp) FROM {log} WHERE stamp <= :bound AND length(stamp) = 36"),
            {"bound": bound},
        ).scalar()
        if found and (newest is None or found > newest):
            newest = str(found)
        clock = HybridClock(device_id)
        if newest is not None:
            clock.observe(newest)
        repaired = clock.last
        conn.execute(update(Meta).where(Meta.key == META_CLOCK).values(value=repaired))
        record(
            conn,
            None,
            AuditAction.EDIT,
            "meta:clock_last",
            {
                "reason": "本机时钟记录已损坏，已按数据中最新的修改时间修复",
                "was": (stored or "")[:60],
                "now": repaired,
            },
        )
    return clock
