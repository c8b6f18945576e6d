"""常住人口 by township and year: the per-10 000-residents figures divide by it.

A county records its townships' residents once a year (the statistics bureau's figure); the rows
travel up like any record, so a county's and the province's residents are the sums of their
townships'. Recording needs the right to change divisions (县级管理员, 系统管理员).
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select

from app.database.models import Division, DivisionPopulation
from app.domain.enums import DivisionLevel
from app.domain.errors import UserInputError
from app.domain.permissions import Permission
from app.domain.records.evaluation import TownshipPopulation
from app.services.shared.scope import edit_session, ensure_in_scope, ensure_may, ensure_writable, within
from app.services.shared.workspace import Workspace

MAX_RESIDENTS = 5_000_000  # a township of five million is a typing slip


def township_populations(ws: Workspace, year: int) -> list[TownshipPopulation]:
    """Every live township the user may see, with its residents for ``year`` (or the latest before)."""
    with ws.db.read() as s:
        towns = s.execute(
            select(Division.code, Division.name)
            .where(
                Division.level == DivisionLevel.TOWNSHIP,
                Division.deleted.is_(False),
                Division.valid_to.is_(None),
                *within(ws, Division.code),
            )
            .order_by(Division.code)
        ).all()
        rows = s.execute(
            select(DivisionPopulation.division_code, DivisionPopulation.year, DivisionPopulation.residents)
            .where(DivisionPopulation.deleted.is_(False), DivisionPopulation.year <= year)
            .order_by(DivisionPopulation.year)
        ).all()
    own: dict[str, int] = {}
    earlier: dict[str, tuple[int, int]] = {}
    for code, on, residents in rows:
        if on == year:
            own[code] = residents
        else:
            earlier[code] = (on, residents)  # ordered by year: the latest wins
    return [
        TownshipPopulation(
            code, name, own.get(code), earlier.get(code, (None, None))[1], earlier.get(code, (None, None))[0]
        )
        for code, name in towns
    ]


def save_populations(ws: Workspace, year: int, residents: Mapping[str, int | None]) -> int:
    """Record the year's residents of townships in one transaction (None clears a figure);
    returns how many rows changed. Refuses the whole set on any bad figure."""
    ensure_writable(ws)
    ensure_may(ws, Permission.MANAGE_DIVISIONS)
    if not 2000 <= year <= 2100:
        raise UserInputError(f"年度 {year} 不对，请核对")
    for code, n in residents.items():
        ensure_in_scope(ws, code, "这个乡镇不在当前账户的管辖范围内。")
        if n is not None and not 0 < n <= MAX_RESIDENTS:
            raise UserInputError(f"乡镇 {code} 的常住人口 {n} 不对：应为 1–{MAX_RESIDENTS:,} 之间的整数")
    changed = 0
    with edit_session(ws) as s:
        towns = set(
            s.scalars(
                select(Division.code).where(
                    Division.code.in_(list(residents)),
                    Division.level == DivisionLevel.TOWNSHIP,
                    Division.deleted.is_(False),
                )
            )
        )
        unknown = sorted(set(residents) - towns)
        if unknown:
            raise UserInputError(f"常住人口只按乡镇（街道）填写：{unknown[0]} 不是本机区划表中的乡镇")
        stored = {
            r.division_code: r
            for r in s.scalars(
                select(DivisionPopulation).where(
                    DivisionPopulation.year == year,
                    DivisionPopulation.deleted.is_(False),
                    DivisionPopulation.division_code.in_(list(residents)),
                )
            )
        }
        for code, n in residents.items():
            row = stored.get(code)
            if row is None and n is not None:
                s.add(DivisionPopulation(division_code=code, year=year, residents=n))
                changed += 1
            elif row is not None and n is None:
                row.deleted = True
                changed += 1
            elif row is not None and n is not None and row.residents != n:
                row.residents = n
                changed += 1
    return changed
