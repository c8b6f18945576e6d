"""Completeness of reporting for a period, from the merge ledger: which townships (at a county)
or counties (at a city or the province) have sent data, when their last bundle was written,
gaps in their numbering, and whether they have locked the period."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func, select

from app.database.models import BundleLedger, Division, PeriodLock
from app.domain.enums import DivisionLevel
from app.domain.periods import Period
from app.domain.records.evaluation import ReportingRow
from app.domain.validation import division_level
from app.services.evaluation.engine import subtree
from app.services.evaluation.sheet import as_period, checked_division
from app.services.shared.workspace import Workspace

REPORTED = "已报送"  # a bundle written after the period ended: the whole period has arrived
PARTLY = "部分报送"  # bundles written during the period only
NOT_REPORTED = "未报送"

# Whose reporting a division follows: a county its townships, a city or the province its counties.
_REPORTERS = {
    DivisionLevel.PROVINCE: (DivisionLevel.COUNTY, 6),
    DivisionLevel.CITY: (DivisionLevel.COUNTY, 6),
    DivisionLevel.COUNTY: (DivisionLevel.TOWNSHIP, 9),
}


def _status(last_written: datetime | None, p: Period) -> str:
    if last_written is None or last_written.date() < p.start:
        return NOT_REPORTED
    return REPORTED if last_written.date() >= p.end else PARTLY


def reporting(ws: Workspace, period: Period | str, division_code: str | None = None) -> list[ReportingRow]:
    """One row per reporting division below the given one (none below a township)."""
    p = as_period(period)
    code = checked_division(ws, division_code)
    found = _REPORTERS.get(DivisionLevel(division_level(code)))
    if found is None:
        return []
    level, width = found
    with ws.db.read() as s:
        divisions = s.execute(
            select(Division.code, Division.name)
            .where(Division.deleted.is_(False), Division.level == level, *subtree(Division.code, code))
            .order_by(Division.code)
        ).all()
        key = func.substr(BundleLedger.sender_division, 1, width)
        per_device = (
            select(
                key.label("k"),
                BundleLedger.sender_device,
                func.count().label("n"),
                func.max(BundleLedger.seq).label("top"),
                func.max(BundleLedger.created_at).label("written"),
                func.max(BundleLedger.merged_at).label("merged"),
            )
            .where(*subtree(BundleLedger.sender_division, code))
            .group_by(key, BundleLedger.sender_device)
        )
        bundles: dict[str, list[tuple[int, int, datetime, datetime]]] = {}
        for k, _device, n, top, written, merged in s.execute(per_device):
            bundles.setdefault(str(k), []).append((int(n), int(top), written, merged))
        locked = {
            str(c)[:width]
            for c in s.scalars(
                select(PeriodLock.division_code).where(
                    PeriodLock.deleted.is_(False),
                    PeriodLock.unlocked_at.is_(None),
                    PeriodLock.period_code == p.code,
                    *subtree(PeriodLock.division_code, code),
                )
            )
        }
    rows = []
    for child, name in divisions:
        got = bundles.get(child[:width], [])
        written = max((g[2] for g in got), default=None)
        merged = max((g[3] for g in got), default=None)
        rows.append(
            ReportingRow(
                division_code=child,
                division_name=name,
                bundles=sum(g[0] for g in got),
                last_written=written,
                last_merged=merged,
                status=_status(written, p),
                missing_bundles=sum(top - n for n, top, _w, _m in got),
                locked=child[:width] in locked,
            )
        )
    return rows


def latest_day(rows: list[ReportingRow]) -> date | None:
    days = [r.last_written.date() for r in rows if r.last_written is not None]
    return max(days) if days else None
