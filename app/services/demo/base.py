"""The demo builder's shared state: the county's divisions, the seeded generator, bulk inserts."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, select

from app.database.base import table_of
from app.database.bulk import insert_new
from app.database.models import Division
from app.database.session import Database
from app.domain.enums import DivisionLevel
from app.domain.errors import UserInputError

TODAY = date(2026, 11, 1)  # fixed, so a seed gives the same county whatever the clock says
CHUNK = 5000

Progress = Callable[[int, int], None] | None


@dataclass(frozen=True)
class DemoSummary:
    families: int = 0
    members: int = 0
    persons: int = 0
    visits: int = 0
    projects: int = 0
    payments: int = 0
    activities: int = 0
    trainings: int = 0
    associations: int = 0

    def __str__(self) -> str:
        return (
            f"家庭 {self.families} 户，成员 {self.members} 人，人员 {self.persons} 人，"
            f"走访 {self.visits} 次，"
            f"项目 {self.projects} 个，发放 {self.payments} 笔，活动 {self.activities} 场，"
            f"培训 {self.trainings} 期，协会 {self.associations} 个"
        )


class BuilderBase:
    def __init__(self, conn: Connection, db: Database, rng: random.Random, county: str) -> None:
        self.conn, self.db, self.rng, self.county = conn, db, rng, county
        self.counts: dict[str, int] = {f.name: 0 for f in fields(DemoSummary)}
        rows = conn.execute(
            select(
                table_of(Division).c.code,
                table_of(Division).c.name,
                table_of(Division).c.level,
                table_of(Division).c.parent_code,
            )
        )
        self.divisions = [(c, n, DivisionLevel(lv), p) for c, n, lv, p in rows if c.startswith(county[:6])]
        self.townships = [d for d in self.divisions if d[2] is DivisionLevel.TOWNSHIP]
        self.villages = [d for d in self.divisions if d[2] is DivisionLevel.VILLAGE]
        if not self.villages:
            raise UserInputError(f"区划 {county} 下没有村（居）数据，无法生成演示数据。")
        self.township_name = {d[0]: d[1] for d in self.townships}

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def put(self, model: type[Any], rows: list[dict[str, Any]], counter: str | None = None) -> None:
        insert_new(self.conn, self.db, model, rows)
        if counter:
            self.counts[counter] += len(rows)

    def day_within(self, days: int) -> date:
        return TODAY - timedelta(days=self.rng.randint(0, days))
