"""The bulk path's stamps: strictly increasing, as the clock would issue them, borrowing the next
millisecond when the counter runs out — and never past the last millisecond 13 digits hold."""

from __future__ import annotations

import pytest

from app.database.bulk import issue_stamps
from app.domain.hlc import MAX_MILLIS, ClockExhausted, HybridClock, Stamp

DEVICE = "0123456789abcdef"


def test_stamps_count_on_and_borrow_the_next_millisecond() -> None:
    clock = HybridClock(DEVICE, wall=lambda: 1_700_000_000.0)
    stamps = issue_stamps(clock, HybridClock.MAX_COUNTER + 5)
    assert stamps == sorted(set(stamps)) and len(stamps) == HybridClock.MAX_COUNTER + 5
    assert Stamp.parse(stamps[-1]).millis == 1_700_000_000_001
    assert clock.now() > stamps[-1]  # the clock moved past the last


def test_stamps_never_pass_the_last_millisecond() -> None:
    clock = HybridClock(
        DEVICE, f"{MAX_MILLIS:013d}-{HybridClock.MAX_COUNTER - 3:05d}-{DEVICE}", wall=lambda: 0.0
    )
    with pytest.raises(ClockExhausted):
        issue_stamps(clock, 10)
    # What fits is still issued, all 13 digits.
    small = HybridClock(
        DEVICE, f"{MAX_MILLIS:013d}-{HybridClock.MAX_COUNTER - 3:05d}-{DEVICE}", wall=lambda: 0.0
    )
    stamps = issue_stamps(small, 3)
    assert all(len(s.split("-")[0]) == 13 for s in stamps) and len(set(stamps)) == 3
