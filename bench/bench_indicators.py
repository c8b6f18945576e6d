"""Indicator sheets on a province database: one county's sheet, every county's, each against a
hand-written single SQL query for the same figures, and drill-down lists.

Builds a SQLite province database of ``--records`` records in the shape of ``bench_sync.py``
(families, two members and a visit each, 1 : 2 : 1) spread over the province's real counties and
villages, plus per county a few associations, instructors, projects with payments and activities,
through the program's bulk insert path. Then, for the period ``--period``:

- ``indicator_sheet`` for one county (median of ``--repeat`` runs) and for every county in turn;
- the same figures from one hand-written SQL statement per county (raw ``sqlite3``), checked
  equal to the engine's, and the ratio of the two times;
- ``records_short`` (the families without two contact persons) and ``records_behind`` (the visits
  behind 户均慰问额) for one county.

    .venv/bin/python bench/bench_indicators.py --records 200000
    .venv/bin/python bench/bench_indicators.py                   # 1 000 000 records (slow to build)
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from app.database.base import new_id  # noqa: E402
from app.database.bulk import insert_new  # noqa: E402
from app.database.migrate import open_database  # noqa: E402
from app.database.models import (  # noqa: E402
    Activity,
    Association,
    Division,
    FamilyMember,
    PersonRole,
    Project,
    ProjectPayment,
    SpecialFamily,
    Visit,
    VisitGoods,
)
from app.domain.enums import (  # noqa: E402
    AdminLevel,
    AssociationKind,
    Campaign,
    DivisionLevel,
    FamilyCategory,
    FamilyStatus,
    FundSource,
    MemberRelation,
    PaymentMethod,
    PersonRoleKind,
    ProjectStatus,
    VisitOccasion,
    VisitWay,
)
from app.services.evaluation import (  # noqa: E402
    indicator_sheet,
    indicator_sheets_below,
    records_behind,
    records_short,
)
from app.services.shared.workspace import open_workspace  # noqa: E402
from app.services.system.setup import init_database  # noqa: E402

PROVINCE = "430000000000"


def build(path: Path, records: int, seed: int) -> tuple[list[str], int]:
    init_database(path, PROVINCE).dispose()
    db = open_database(path)
    rng = random.Random(seed)
    total = 0
    try:
        with db.read() as s:
            villages: dict[str, list[str]] = {}
            for code in s.scalars(select(Division.code).where(Division.level == DivisionLevel.VILLAGE)):
                villages.setdefault(code[:6], []).append(code)
        counties = sorted(villages)
        per_county = max(1, records // 4 // len(counties))
        for county in counties:
            vs = villages[county]
            fams, members, visits, goods = [], [], [], []
            for n in range(per_county):
                fid, village = new_id(), rng.choice(vs)
                fams.append({
                    "id": fid, "division_code": village, "family_no": f"{county}{n:07d}",
                    "category": rng.choice(list(FamilyCategory)), "status": FamilyStatus.REGISTERED,
                    "registered_on": date(2015 + rng.randrange(10), rng.randint(1, 12), 1), "head_name": "户主",
                    "contact_township_name": "乡干部" if rng.random() < 0.9 else None,
                    "contact_village_name": "村干部" if rng.random() < 0.9 else None,
                    "doctor_name": "医生" if rng.random() < 0.7 else None,
                    "doctor_expires_on": date(2025 + rng.randrange(3), rng.randint(1, 12), 1),
                    "green_channel_hospital": "县医院" if rng.random() < 0.8 else None,
                })  # fmt: skip
                for relation in (MemberRelation.SELF, MemberRelation.SPOUSE):
                    members.append({"family_id": fid, "name": "成员", "relation": relation})
                vid = new_id()
                visits.append({
                    "id": vid, "family_id": fid, "division_code": village,
                    "visited_on": date(2025, rng.randint(1, 12), rng.randint(1, 28)),
                    "occasion": rng.choice(list(VisitOccasion)), "way": rng.choice(list(VisitWay)),
                    "visitors": "走访人", "cash_fen": rng.choice([0, 20000, 50000]),
                    "fund_source": FundSource.COUNTY,
                })  # fmt: skip
                if rng.random() < 0.3:
                    goods.append({"visit_id": vid, "item": "米", "value_fen": 10000})
            org = [
                {"division_code": v, "name": "村协会", "kind": AssociationKind.REGIONAL, "level": AdminLevel.VILLAGE,
                 "member_count": rng.randint(20, 200), "has_member_home": rng.random() < 0.5}
                for v in vs
            ]  # fmt: skip
            roles = [
                {"person_id": new_id(), "role": PersonRoleKind.HEALTH_INSTRUCTOR, "division_code": v}
                for v in vs
                for _ in range(rng.randint(0, 3))
            ]
            pid = new_id()
            project = {"id": pid, "catalogue_code": "X", "name": "项目", "year": 2025, "level": AdminLevel.COUNTY,
                       "division_code": county + "000000", "status": ProjectStatus.PUBLIC_NOTICE,
                       "allocated_fen": 40_000_000, "notice_from": date(2025, 3, 1)}  # fmt: skip
            payments = [
                {"project_id": pid, "beneficiary_id": new_id(), "paid_on": date(2025, rng.randint(1, 12), 1),
                 "amount_fen": 100_000, "method": rng.choice(list(PaymentMethod))}
                for _ in range(30)
            ]  # fmt: skip
            activities = [
                {"division_code": rng.choice(vs), "campaign": Campaign.MAY_29, "title": "活动",
                 "held_on": date(2025, 5, rng.randint(1, 31)), "sessions": 1, "participants": rng.randint(10, 300)}
                for _ in range(20)
            ]  # fmt: skip
            with db.engine.begin() as conn:
                for model, rows in (
                    (SpecialFamily, fams), (FamilyMember, members), (Visit, visits), (VisitGoods, goods),
                    (Association, org), (PersonRole, roles), (Project, [project]), (ProjectPayment, payments),
                    (Activity, activities),
                ):  # fmt: skip
                    total += insert_new(conn, db, model, rows)
    finally:
        db.dispose()
    con = sqlite3.connect(path)
    con.execute("ANALYZE")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return [c + "000000" for c in counties], total


# The same figures as the engine's, written by hand: one statement, one scalar sub-select per figure
# group, :lo/:hi = the county's subtree (as a range), period 2025H1 judged on 2025-06-30. Dates of
# flow records carry SQLite's unary + as the engine's do (search by division, not by date).
HAND_SQL = """
WITH f AS (SELECT * FROM special_family WHERE deleted = 0 AND status = '在册' AND category != '计生困难家庭'
             AND (registered_on IS NULL OR registered_on < '2025-07-01') AND division_code >= :lo AND division_code < :hi),
     v AS (SELECT visit.*, (SELECT coalesce(sum(g.value_fen), 0) FROM visit_goods g
                            WHERE g.visit_id = visit.id AND g.deleted = 0) AS goods
             FROM visit JOIN special_family vf ON vf.id = visit.family_id
            WHERE visit.deleted = 0 AND visit.kind = '走访慰问' AND +visit.visited_on >= '2025-01-01'
              AND +visit.visited_on < '2025-07-01' AND vf.deleted = 0 AND vf.category != '计生困难家庭'
              AND visit.division_code >= :lo AND visit.division_code < :hi),
     vil AS (SELECT * FROM division WHERE deleted = 0 AND level = 'village'
              AND (valid_from IS NULL OR valid_from <= '2025-06-30') AND (valid_to IS NULL OR valid_to > '2025-06-30')
              AND code >= :lo AND code < :hi),
     r AS (SELECT * FROM person_role WHERE deleted = 0 AND (started_on IS NULL OR started_on <= '2025-06-30')
              AND (ended_on IS NULL OR ended_on > '2025-06-30') AND division_code >= :lo AND division_code < :hi),
     pp AS (SELECT pay.* FROM project_payment pay JOIN project p ON p.id = pay.project_id
             WHERE pay.deleted = 0 AND pay.paid_on < '2025-07-01' AND p.deleted = 0 AND p.year = 2025
               AND p.division_code >= :lo AND p.division_code < :hi)
SELECT
  (SELECT count(*) FROM f),
  (SELECT count(*) FROM f WHERE contact_township_name IS NOT NULL AND contact_village_name IS NOT NULL),
  (SELECT count(*) FROM f WHERE doctor_name IS NOT NULL AND (doctor_signed_on IS NULL OR doctor_signed_on <= '2025-06-30')
                            AND (doctor_expires_on IS NULL OR doctor_expires_on >= '2025-06-30')),
  (SELECT count(*) FROM f WHERE green_channel_hospital IS NOT NULL),
  (SELECT count(*) FROM f WHERE EXISTS (SELECT 1 FROM visit x WHERE x.family_id = f.id AND x.deleted = 0
                             AND x.kind = '走访慰问' AND x.visited_on >= '2025-01-01' AND x.visited_on < '2025-07-01')),
  (SELECT coalesce(sum(cash_fen + goods), 0) FROM v),
  (SELECT count(DISTINCT family_id) FROM v),
  (SELECT count(*) FROM vil),
  (SELECT count(*) FROM vil WHERE (SELECT count(*) FROM person_role pr WHERE pr.division_code = vil.code
          AND pr.role = '家庭健康指导员' AND pr.deleted = 0 AND (pr.started_on IS NULL OR pr.started_on <= '2025-06-30')
          AND (pr.ended_on IS NULL OR pr.ended_on > '2025-06-30')) >= 2),
  (SELECT count(*) FROM vil WHERE EXISTS (SELECT 1 FROM association a WHERE a.division_code = vil.code AND a.deleted = 0
          AND (a.founded_on IS NULL OR a.founded_on < '2025-07-01'))),
  (SELECT coalesce(sum(amount_fen), 0) FROM pp),
  (SELECT coalesce(sum(CASE WHEN method = '一卡通' THEN amount_fen ELSE 0 END), 0) FROM pp),
  (SELECT coalesce(sum(allocated_fen), 0) FROM project WHERE deleted = 0 AND year = 2025
          AND division_code >= :lo AND division_code < :hi),
  (SELECT coalesce(sum(participants), 0) FROM activity WHERE deleted = 0 AND +held_on >= '2025-01-01'
          AND +held_on < '2025-07-01' AND division_code >= :lo AND division_code < :hi),
  (SELECT count(*) FROM r WHERE role = '家庭健康指导员'),
  (SELECT count(*) FROM r WHERE role = '家庭健康指导员' AND trained_on >= '2025-01-01' AND trained_on < '2025-07-01'),
  (SELECT count(*) FROM r WHERE role = '骨干会员'),
  (SELECT count(*) FROM f WHERE EXISTS (SELECT 1 FROM insurance_policy ip WHERE ip.family_id = f.id AND ip.deleted = 0
          AND ((ip.starts_on IS NOT NULL AND ip.starts_on <= '2025-06-30' AND (ip.ends_on IS NULL OR ip.ends_on >= '2025-01-01'))
               OR (ip.starts_on IS NULL AND ip.year >= 2025 AND ip.year <= 2025)))),
  (SELECT count(*) FROM vil WHERE (SELECT count(*) FROM person_role pr WHERE pr.division_code = vil.code
          AND pr.role = '家庭健康指导员' AND pr.deleted = 0 AND (pr.started_on IS NULL OR pr.started_on <= '2025-06-30')
          AND (pr.ended_on IS NULL OR pr.ended_on > '2025-06-30')) >= 1),
  (SELECT count(*) FROM vil WHERE EXISTS (SELECT 1 FROM association a WHERE a.division_code = vil.code AND a.deleted = 0
          AND a.has_member_home = 1) OR EXISTS (SELECT 1 FROM position po WHERE po.division_code = vil.code
          AND po.deleted = 0 AND po.kind = '会员之家' AND (po.opened_on IS NULL OR po.opened_on <= '2025-06-30')
          AND (po.closed_on IS NULL OR po.closed_on > '2025-06-30'))),
  (SELECT coalesce(sum(member_count), 0) FROM association WHERE deleted = 0
          AND (founded_on IS NULL OR founded_on < '2025-07-01') AND division_code >= :lo AND division_code < :hi),
  (SELECT coalesce(sum(CASE WHEN method IN ('一卡通', '现金', '银行转账') THEN amount_fen ELSE 0 END), 0) FROM pp),
  (SELECT count(*) FROM project WHERE deleted = 0 AND year = 2025 AND division_code >= :lo AND division_code < :hi
          AND status IN ('实施', '公示', '终期报告', '绩效评价') AND notice_from IS NOT NULL AND notice_from <= '2025-06-30'),
  (SELECT coalesce(sum(sessions), 0) FROM activity WHERE deleted = 0 AND +held_on >= '2025-01-01'
          AND +held_on < '2025-07-01' AND division_code >= :lo AND division_code < :hi),
  (SELECT coalesce(sum(participants), 0) FROM training WHERE deleted = 0 AND +held_on >= '2025-01-01'
          AND +held_on < '2025-07-01' AND division_code >= :lo AND division_code < :hi)
"""
HAND_CODES = [
    ("TSJT-LXR", "den"), ("TSJT-LXR", "num"), ("TSJT-JTYS", "num"), ("TSJT-LSTD", "num"), ("TSJT-ZFWW", "num"),
    ("TSJT-HJWW", "num"), ("TSJT-HJWW", "den"), ("ZZ-JKZDY", "den"), ("ZZ-JKZDY", "num"), ("ZZ-JHL", "num"),
    ("XM-YSZX", "num"), ("XM-YKT", "num"), ("XM-YSZX", "den"), ("HD-CYRC", "num"), ("ZZ-PXFG", "den"),
    ("ZZ-PXFG", "num"), ("ZZ-GGHY", "num"), ("TSJT-BX", "num"), ("ZZ-JKZDY1", "num"), ("ZZ-HYZJ", "num"),
    ("ZZ-GGHY", "den"), ("XM-YKT", "den"), ("XM-GS", "num"), ("HD-CC", "num"), ("PX-RC", "num"),
]  # fmt: skip


def hand(con: sqlite3.Connection, county: str) -> tuple[Any, ...]:
    lo = county[:6]
    return tuple(con.execute(HAND_SQL, {"lo": lo, "hi": lo + "~"}).fetchone())


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--period", default="2025H1", help="the hand-written query is for 2025H1")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20261202)
    parser.add_argument("--work", type=Path, help="keep the database here (default: a temporary folder)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-indicators-"))
    work.mkdir(parents=True, exist_ok=True)
    path = work / "province.db"
    if path.exists():
        with sqlite3.connect(path) as con:
            counties = [
                r[0] for r in con.execute("SELECT code FROM division WHERE level='county' ORDER BY code")
            ]
            total = sum(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                        for t in ("special_family", "family_member", "visit"))  # fmt: skip
        print(f"reusing {path}")
    else:
        start = time.perf_counter()
        counties, total = build(path, args.records, args.seed)
        print(
            f"built {path}: {total:,} records in {len(counties)} counties, {time.perf_counter() - start:.1f} s"
        )
    today = date(2026, 12, 1)
    ws = open_workspace(path)
    con = sqlite3.connect(path)
    try:
        busiest = counties[len(counties) // 2]
        indicator_sheet(ws, busiest, args.period, today=today)  # warm the caches once
        one, sheet = timed(lambda: indicator_sheet(ws, busiest, args.period, today=today), args.repeat)
        one_raw, row = timed(lambda: hand(con, busiest), args.repeat)
        for (code, part), figure in zip(HAND_CODES, row, strict=True):
            v = sheet.value(code)
            assert figure == (v.numerator if part == "num" else v.denominator), (code, part, figure, v)
        start = time.perf_counter()
        for c in counties:
            indicator_sheet(ws, c, args.period, today=today)
        every = time.perf_counter() - start
        start = time.perf_counter()
        for c in counties:
            hand(con, c)
        every_raw = time.perf_counter() - start
        start = time.perf_counter()
        at_once = indicator_sheets_below(ws, PROVINCE, args.period, DivisionLevel.COUNTY, today=today)
        grouped = time.perf_counter() - start
        assert {s.division_code: s.values for s in at_once}[busiest] == sheet.values
        short, rows = timed(
            lambda: records_short(ws, "TSJT-LXR", busiest, args.period, today=today), args.repeat
        )
        behind, visits = timed(
            lambda: records_behind(ws, "TSJT-HJWW", busiest, args.period, today=today), args.repeat
        )
        province, _ = timed(lambda: indicator_sheet(ws, PROVINCE, args.period, today=today), 1)
    finally:
        con.close()
        ws.close()
    print(f"records {total:,} over {len(counties)} counties; period {args.period}")
    print(f"one county's sheet ({len(sheet.values)} indicators): {one * 1000:.0f} ms; "
          f"hand-written SQL {one_raw * 1000:.0f} ms; ratio {one / one_raw:.2f}")  # fmt: skip
    print(
        f"every county's sheet: {every:.2f} s; hand-written SQL {every_raw:.2f} s; ratio {every / every_raw:.2f}"
    )
    print(f"every county's sheet at once (grouped by county, {len(at_once)} sheets): {grouped:.2f} s; "
          f"against the hand-written query county by county {grouped / every_raw:.2f}")  # fmt: skip
    print(f"the province's sheet: {province:.2f} s")
    print(f"drill-down: {len(rows)} families short of two contacts {short * 1000:.0f} ms; "
          f"{len(visits)} visits behind 户均慰问额 {behind * 1000:.0f} ms")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
