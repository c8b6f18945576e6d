"""Hybrid logical clock: version stamps that order changes across devices with skewed clocks.

A stamp is text that sorts correctly as a plain string:
``<13-digit milliseconds>-<5-digit counter>-<16-hex device id>``. The device id at the end makes
two stamps from different devices never equal, so it is the tie-break the merge rules name.
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

STAMP_RE = re.compile(r"^(\d{13})-(\d{5})-([0-9a-f]{16})$")
MAX_MILLIS = 10**13 - 1  # the last millisecond 13 digits hold (in the year 2286)
# A stored clock this far ahead of the wall clock is damaged, not skewed: the merge refuses
# stamps more than its limit (24 hours by default, at most ten years) ahead.
DAMAGED_AHEAD_MS = 3653 * 24 * 3_600_000
DEVICE_RE = re.compile(r"^[0-9a-f]{16}$")
ZERO_DEVICE = "0" * 16
# Reference data loaded from the official division list carries this stamp: older than any edit,
# identical on every device, so loading the same list twice or on two laptops never conflicts.
REFERENCE_STAMP = f"{0:013d}-{0:05d}-{ZERO_DEVICE}"


def new_device_id() -> str:
    return secrets.token_hex(8)


@dataclass(frozen=True, order=True)
class Stamp:
    millis: int
    counter: int
    device: str

    def __str__(self) -> str:
        return f"{self.millis:013d}-{self.counter:05d}-{self.device}"

    @classmethod
    def parse(cls, text: str) -> Stamp:
        m = STAMP_RE.match(text)
        if not m:
            raise ValueError(f"not a version stamp: {text!r}")
        return cls(int(m.group(1)), int(m.group(2)), m.group(3))


def is_stamp(text: object) -> bool:
    return isinstance(text, str) and STAMP_RE.match(text) is not None


class ClockExhausted(ValueError):
    """The clock reached the last stamp 13 digits hold; it never issues a 14-digit one."""


class HybridClock:
    """Issues strictly increasing stamps for one device, and absorbs stamps seen from others.

    It never overflows: a stamp is 13 digits of milliseconds, and a clock at the last one refuses
    to issue more (ClockExhausted) instead of writing a stamp no reader accepts. Only a stamp
    from a damaged or forged source can bring it there; the merge refuses those first.
    """

    MAX_COUNTER = 99_999

    def __init__(
        self, device_id: str, last: str | None = None, wall: Callable[[], float] = time.time
    ) -> None:
        if not DEVICE_RE.match(device_id):
            raise ValueError(f"bad device id {device_id!r}")
        self.device_id = device_id
        self._wall = wall
        self._millis = 0
        self._counter = 0
        if last:
            self.observe(last)

    def now(self) -> str:
        wall_ms = int(self._wall() * 1000)
        if wall_ms > self._millis:
            self._millis, self._counter = wall_ms, 0
        else:
            self._counter += 1
            if self._counter > self.MAX_COUNTER:
                # Thousands of stamps in one millisecond: borrow the next millisecond.
                if self._millis >= MAX_MILLIS:
                    self._counter -= 1
                    raise ClockExhausted("the clock is at its last stamp")
                self._millis, self._counter = self._millis + 1, 0
        return str(Stamp(self._millis, self._counter, self.device_id))

    def observe(self, stamp: str) -> None:
        """Move past a stamp seen elsewhere, so later local edits sort after it. (ValueError for text
        that is not a stamp: 13 digits at most, so the clock cannot be moved past its range.)"""
        s = Stamp.parse(stamp)
        if (s.millis, s.counter) > (self._millis, self._counter):
            self._millis, self._counter = s.millis, s.counter

    def damaged(self) -> bool:
        """Whether the clock stands implausibly far ahead of the wall clock (see DAMAGED_AHEAD_MS)."""
        return self._millis > int(self._wall() * 1000) + DAMAGED_AHEAD_MS

    @property
    def last(self) -> str:
        return str(Stamp(self._millis, self._counter, self.device_id))
