"""Seeded draws for the demo and its fixed calendar: the same seed gives the same county."""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Sequence
from datetime import date
from typing import Generic, TypeVar

TODAY = date(2026, 11, 1)  # fixed, so a seed gives the same county whatever the clock says
TODAY_ORDINAL = TODAY.toordinal()
YEARS = (TODAY.year - 1, TODAY.year)  # the demo covers the last two years of work

T = TypeVar("T")

# uuid.UUID(int=..., version=4) in integer arithmetic: version nibble 4, RFC 4122 variant bits.
_UUID_KEEP = ~((0xF000 << 64) | (0xC000 << 48)) & ((1 << 128) - 1)
_UUID_SET = (0x4000 << 64) | (0x8000 << 48)


class Weighted(Generic[T]):
    """Items with weights, drawn by bisecting cumulative weights (random.choices re-sums each call)."""

    def __init__(self, pairs: Sequence[tuple[T, float]]) -> None:
        self.items = [item for item, _ in pairs]
        self.cumulative: list[float] = []
        total = 0.0
        for _, weight in pairs:
            total += weight
            self.cumulative.append(total)
        self.total = total


class Draw:
    """Seeded draws. random.Random's choice/randint loop in Python per call; these use random()."""

    def __init__(self, seed: str) -> None:
        rng = random.Random(seed)
        self.rng = rng
        self.random = rng.random
        self._bits = rng.getrandbits

    def pick(self, seq: Sequence[T]) -> T:
        return seq[int(self.random() * len(seq))]

    def between(self, low: int, high: int) -> int:
        """An integer in [low, high]."""
        return low + int(self.random() * (high - low + 1))

    def chance(self, p: float) -> bool:
        return self.random() < p

    def choose(self, table: Weighted[T]) -> T:
        return table.items[bisect(table.cumulative, self.random() * table.total)]

    def digits(self, n: int) -> str:
        """``n`` random decimal digits (n ≤ 15: random() carries 53 bits)."""
        return f"{int(self.random() * 10**n):0{n}d}"

    def uid(self) -> str:
        h = f"{(self._bits(128) & _UUID_KEEP) | _UUID_SET:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def day_within(self, days: int) -> date:
        """A day in the ``days`` before TODAY (inclusive)."""
        return date.fromordinal(TODAY_ORDINAL - int(self.random() * (days + 1)))

    def day_between(self, first: date, last: date) -> date:
        start = first.toordinal()
        return date.fromordinal(start + int(self.random() * (last.toordinal() - start + 1)))
