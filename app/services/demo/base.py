"""The demo builder's shared state: seeded draws, the county's divisions and people, bulk inserts."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from datetime import date
from types import TracebackType
from typing import Any, Generic, NamedTuple, TypeVar

from sqlalchemy import Connection, select

from app.database.base import table_of
from app.database.bulk import insert_new
from app.database.models import Division
from app.database.session import Database
from app.domain.enums import DivisionLevel, FamilyCategory
from app.domain.errors import UserInputError
from app.services.demo.draw import Draw
from app.services.demo.names import People

CHUNK = 5000

Progress = Callable[[int, int], None] | None
T = TypeVar("T")


@dataclass(frozen=True)
class DemoSummary:
    families: int = 0
    members: int = 0
    persons: int = 0
    associations: int = 0
    positions: int = 0
    visits: int = 0
    goods: int = 0
    policies: int = 0
    projects: int = 0
    beneficiaries: int = 0
    payments: int = 0
    activities: int = 0
    trainings: int = 0
    changes: int = 0  # change-log entries written: one per row above and the rest of the demo

    def __str__(self) -> str:
        return (
            f"家庭 {self.families} 户（成员 {self.members} 人），人员 {self.persons} 人，"
            f"协会 {self.associations} 个，阵地 {self.positions} 个，走访 {self.visits} 次"
            f"（物品 {self.goods} 项），保单 {self.policies} 份，项目 {self.projects} 个"
            f"（受益 {self.beneficiaries} 人次，发放 {self.payments} 笔），活动 {self.activities} 场，"
            f"培训 {self.trainings} 期，变更记录 {self.changes} 条"
        )


class Cadre(NamedTuple):
    """Someone the families meet: a township or village staff member (contact person, visitor)."""

    name: str
    phone: str


class FamilyFact(NamedTuple):
    """What the project part needs to know about a family written earlier."""

    id: str
    category: FamilyCategory
    registered: bool
    village: str
    head: tuple[str, str, str | None]  # name, ID number, bank account
    mother: tuple[str, str] | None  # the woman of the house (幸福工程)
    student: tuple[str, str] | None  # a child at school or college (金秋助学)
    insured: bool
    hospital_stay: bool


class BuilderBase:
    def __init__(self, conn: Connection, db: Database, draw: Draw, county: str) -> None:
        self.conn, self.db, self.draw, self.county = conn, db, draw, county
        self.people = People(draw, county)
        self.counts: dict[str, int] = {f.name: 0 for f in fields(DemoSummary)}
        d = table_of(Division).c
        live = d.deleted.is_(False) & d.valid_to.is_(None)
        rows = conn.execute(select(d.code, d.name, d.level, d.parent_code).where(live).order_by(d.code))
        self.divisions = [(c, n, DivisionLevel(lv), p) for c, n, lv, p in rows if c.startswith(county[:6])]
        self.townships = [x for x in self.divisions if x[2] is DivisionLevel.TOWNSHIP]
        self.villages = [x for x in self.divisions if x[2] is DivisionLevel.VILLAGE]
        if not self.villages:
            raise UserInputError(f"区划 {county} 下没有村（居）数据，无法生成演示数据。")
        # Names as people write them in addresses and titles: 福高村委会 → 福高村, 龙井社区居委会 → 龙井社区.
        self.names = {x[0]: _short_name(x[1]) for x in self.divisions}
        self.county_name = self.names.get(county, "本县")
        self.township_of = {v[0]: v[3] or county for v in self.villages}
        # Filled by the organisation part, used by the families and the activities.
        self.association_of: dict[str, str] = {}
        self.township_cadres: dict[str, list[Cadre]] = {}
        self.village_cadres: dict[str, list[Cadre]] = {}
        self.doctors: dict[str, list[str]] = {}
        self.facts: list[FamilyFact] = []

    def uid(self) -> str:
        return self.draw.uid()

    def put(self, model: type[Any], rows: list[dict[str, Any]], counter: str | None = None) -> None:
        self.counts["changes"] += insert_new(self.conn, self.db, model, rows)
        if counter:
            self.counts[counter] += len(rows)

    def day_within(self, days: int) -> date:
        return self.draw.day_within(days)


def _short_name(name: str) -> str:
    if name.endswith("居委会"):
        return name.removesuffix("居委会")
    return name.removesuffix("委会") if name.endswith("村委会") else name


class _Failed(NamedTuple):
    error: BaseException


class MadeAhead(Generic[T]):
    """Makes the next item in a thread while the caller writes the current one.

    SQLite lets go of the GIL while it inserts and indexes, so generating chunk n + 1 overlaps with
    writing chunk n. One thread makes the items in order, so the seeded draws stay deterministic;
    it runs at most one item ahead. Leaving the block (done, cancelled, failed) stops it.
    """

    def __init__(self, make: Callable[[int], T], sizes: list[int]) -> None:
        self._make, self._sizes = make, sizes
        self._queue: queue.Queue[T | _Failed | None] = queue.Queue(maxsize=1)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="demo-generator", daemon=True)

    def _run(self) -> None:
        item: T | _Failed | None
        try:
            for n in self._sizes:
                item = self._make(n)
                if not self._hand_over(item):
                    return
            item = None
        except BaseException as error:  # handed to the caller, who raises it
            item = _Failed(error)
        self._hand_over(item)

    def _hand_over(self, item: T | _Failed | None) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def __enter__(self) -> Iterator[T]:
        self._thread.start()
        return self._items()

    def _items(self) -> Iterator[T]:
        while True:
            item = self._queue.get()
            if item is None:
                return
            if isinstance(item, _Failed):
                raise item.error
            yield item

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        self._thread.join()
