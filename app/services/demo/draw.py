"""Seeded draws for the demo and its fixed calendar: the same seed gives the same county."""

from __future__ import annotations

import random
from bisect import bisect
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Generic, TypeVar

TODAY = date(2026, 11, 1)  # fixed, so a seed gives the same county whatever the clock says
TODAY_ORDINAL = TODAY.toordinal()
YEARS = (TODAY.year - 1, TODAY.year)  # the demo covers the last two years of work

T = TypeVar("T")

# Record ids are time-ordered UUIDs (version 7, RFC 9562): a millisecond count, then 74 seeded
# random bits. Increasing ids go to the end of the id and change-log indexes instead of all over
# them; that halves SQLite's work on a large demo. The random part keeps two counties apart.
_ID_EPOCH_MS = int(datetime(TODAY.year, TODAY.month, TODAY.day, tzinfo=UTC).timestamp() * 1000) - 10**9
_ID_VERSION_AND_VARIANT = (0x7 << 76) | (0b10 << 62)
_LOW_62 = (1 << 62) - 1


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
        self._ids = 0

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
        """The next id: UUID version 7, one millisecond after the one before."""
        self._ids += 1
        rand = self._bits(74)
        value = ((_ID_EPOCH_MS + self._ids) << 80) | ((rand >> 62) << 64) | (rand & _LOW_62)
        h = f"{value | _ID_VERSION_AND_VARIANT:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def day_within(self, days: int) -> date:
        """A day in the ``days`` before TODAY (inclusive)."""
        return date.fromordinal(TODAY_ORDINAL - int(self.random() * (days + 1)))

    def day_between(self, first: date, last: date) -> date:
        start = first.toordinal()
        return date.fromordinal(start + int(self.random() * (last.toordinal() - start + 1)))
