"""A province on PostgreSQL at Hunan's upper range: 122 county bundles, 10 000 000 records, merged;
then what the province office does with them, each timed (issue 14, item 4; not run in CI).

1. Writes one full bundle per county (bench_sync.write_bundles: families, their members and
   visits, 1 : 2 : 1) — or reuses those an earlier run left in ``--work`` (``--reuse``).
2. Merges them into a new database on the server with the ``merge_bundles`` service and compares
   the merge with a raw ``COPY`` of the same rows into the same tables and indexes
   (bench_sync.part_pg, the same figure as ``bench_sync.py --postgres``).
3. Times, on that database, through the program's own services: one county's indicator sheet
   (median of ``--repeat``), the province's sheet, the family list's first screen (the ids of the
   first 50 families in the list's order, and their rows) and a search by name; prints the disk
   the database uses, table by table.
4. With ``--partition-trial``: builds a copy of ``special_family`` and ``visit`` partitioned by
   county (LIST on a ``county`` column: PostgreSQL's primary key on a partitioned table must hold
   the partition key, and an expression on ``division_code`` cannot be one), and compares a
   county's sheet-like counts, a county's re-load (delete + insert of its rows) and its archive
   (DETACH of its partition) with the plain tables.

The bench starts no server. A durable one (fsync on), with room for the run:

    FPA_PG_FSYNC=on FPA_PG_OPTIONS="-c shared_buffers=1GB -c max_wal_size=8GB" \\
        bash -c 'source scripts/postgres.sh && pg_start'                 # prints its URL
    nice -n 10 .venv/bin/python bench/bench_province_pg.py --postgres URL --work /tmp/fpa-10m

The work folder holds the bundles (about 500 MB for 10 M records); the database is kept (its URL
is printed) unless ``--drop``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import psycopg  # noqa: E402
from bench_sync import PROVINCE, county_code, part_pg, write_bundles  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from app.domain.records.families import FamilyFilter  # noqa: E402
from app.services.evaluation import indicator_sheet  # noqa: E402
from app.services.families.listing import list_family_ids, load_family_rows  # noqa: E402
from app.services.shared.workspace import open_workspace  # noqa: E402

T = TypeVar("T")
TODAY = date(2026, 12, 1)
PERIOD = "2025"
TABLES = ("special_family", "family_member", "visit", "change_log")


def timed(fn: Callable[[], T], repeat: int = 1) -> tuple[float, T]:
    """Median seconds of ``repeat`` runs, and the last result."""
    times: list[float] = []
    result: Any = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def screens(url: str, counties: int, repeat: int) -> dict[str, float]:
    """The province office's screens on the merged database, through the services."""
    ws = open_workspace(url)
    out: dict[str, float] = {}
    try:
        county = county_code(counties // 2)
        first, _ = timed(lambda: indicator_sheet(ws, county, PERIOD, today=TODAY))
        out["county_sheet_s"], sheet = timed(lambda: indicator_sheet(ws, county, PERIOD, today=TODAY), repeat)
        print(
            f"    one county's indicator sheet ({county}, {len(sheet.values)} indicators, {PERIOD}): "
            f"{out['county_sheet_s'] * 1000:.0f} ms (median of {repeat}; the first, cold: {first * 1000:.0f} ms)"
            "  (goal ≤ 1 s)"
        )
        out["province_sheet_s"], _ = timed(lambda: indicator_sheet(ws, PROVINCE, PERIOD, today=TODAY))
        again, _ = timed(lambda: indicator_sheet(ws, PROVINCE, PERIOD, today=TODAY))
        print(
            f"    the province's indicator sheet: {out['province_sheet_s']:.2f} s (again: {again:.2f} s)"
            "  (goal ≤ 10 s)"
        )

        def first_screen(flt: FamilyFilter) -> int:
            ids = list_family_ids(ws, flt, limit=50, today=TODAY)
            return len(load_family_rows(ws, ids, today=TODAY))

        out["list_first_screen_s"], shown = timed(lambda: first_screen(FamilyFilter()), repeat)
        print(
            f"    the family list's first screen (50 of the province's families): {out['list_first_screen_s'] * 1000:.0f} ms"
        )
        out["search_s"], found = timed(lambda: first_screen(FamilyFilter(text="王桂兰")), repeat)
        print(
            f"    a search by name (王桂兰, first 50 shown): {out['search_s'] * 1000:.0f} ms, {found} shown"
        )
        out["county_list_s"], _ = timed(lambda: first_screen(FamilyFilter(division_code=county)), repeat)
        print(f"    one county's family list, first screen: {out['county_list_s'] * 1000:.0f} ms")
        assert shown == 50
    finally:
        ws.close()
    return out


def disk(conninfo: str) -> int:
    with psycopg.connect(conninfo) as con:
        row = con.execute("SELECT pg_database_size(current_database())").fetchone()
        total = int(row[0]) if row else 0
        print(f"    disk: the database {total / 1e9:.2f} GB", end="")
        for name in TABLES:
            r = con.execute(
                "SELECT pg_total_relation_size(%s), pg_relation_size(%s), (SELECT count(*) FROM "
                + name
                + ")",
                (name, name),
            ).fetchone()
            assert r is not None
            print(f"; {name} {r[0] / 1e9:.2f} GB ({r[1] / 1e9:.2f} GB rows, {r[2]:,} rows)", end="")
        print()
    return total


def partition_trial(conninfo: str, counties: int) -> dict[str, float]:
    """special_family and visit again, partitioned by county, against the plain tables."""
    out: dict[str, float] = {}
    county = county_code(counties // 2)[:6]
    lo, hi = county + "000000", county + "999999"
    with psycopg.connect(conninfo, autocommit=True) as con:
        for name in ("special_family", "visit"):
            part = f"part_{name}"
            con.execute(f"DROP TABLE IF EXISTS {part} CASCADE")
            con.execute(
                f"CREATE TABLE {part} (LIKE {name} INCLUDING DEFAULTS, county varchar(6) NOT NULL)"
                " PARTITION BY LIST (county)"
            )
            codes = [r[0] for r in con.execute(f"SELECT DISTINCT substr(division_code, 1, 6) FROM {name}")]
            for code in codes:
                con.execute(f"CREATE TABLE {part}_{code} PARTITION OF {part} FOR VALUES IN ('{code}')")
            con.execute(f"ALTER TABLE {part} ADD PRIMARY KEY (id, county)")  # must hold the key
            for (index,) in con.execute(
                "SELECT indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT LIKE 'pk_%%'", (name,)
            ).fetchall():
                con.execute(
                    index.replace(f" ON public.{name} ", f" ON {part} ").replace("INDEX ix_", "INDEX pix_")
                )
            started = time.perf_counter()
            con.execute(f"INSERT INTO {part} SELECT *, substr(division_code, 1, 6) FROM {name}")
            load = time.perf_counter() - started
            plain = time.perf_counter()
            con.execute(f"CREATE TABLE copy_{name} (LIKE {name} INCLUDING ALL)")
            con.execute(f"INSERT INTO copy_{name} SELECT * FROM {name}")
            plain_load = time.perf_counter() - plain
            con.execute(f"ANALYZE {part}")
            con.execute(f"ANALYZE copy_{name}")
            print(
                f"    {name}: loading every row into the partitioned copy {load:.1f} s, into a plain copy {plain_load:.1f} s"
            )
            out[f"{name}_load_part_s"], out[f"{name}_load_plain_s"] = load, plain_load

            def count(table: str, extra: str = "") -> Callable[[], Any]:
                return lambda: con.execute(
                    f"SELECT count(*) FROM {table} WHERE division_code BETWEEN %s AND %s {extra}", (lo, hi)
                ).fetchone()

            extra = (
                "AND visited_on BETWEEN '2025-01-01' AND '2025-12-31'"
                if name == "visit"
                else "AND deleted = false"
            )
            q_plain, _ = timed(count(f"copy_{name}", extra), 5)
            q_part, _ = timed(count(part, extra + f" AND county = '{county}'"), 5)
            print(
                f"    {name}: a county's count for its sheet, plain {q_plain * 1000:.0f} ms, partitioned {q_part * 1000:.0f} ms"
            )
            out[f"{name}_count_plain_s"], out[f"{name}_count_part_s"] = q_plain, q_part
            started = time.perf_counter()
            con.execute("BEGIN")
            con.execute(
                f"CREATE TEMP TABLE reload AS SELECT * FROM copy_{name} WHERE division_code BETWEEN %s AND %s",
                (lo, hi),
            )
            con.execute(f"DELETE FROM copy_{name} WHERE division_code BETWEEN %s AND %s", (lo, hi))
            con.execute(f"INSERT INTO copy_{name} SELECT * FROM reload")
            con.execute("DROP TABLE reload")
            con.execute("COMMIT")
            reload_plain = time.perf_counter() - started
            started = time.perf_counter()
            con.execute("BEGIN")
            con.execute(f"CREATE TEMP TABLE reload AS SELECT * FROM {part}_{county}")
            con.execute(f"TRUNCATE {part}_{county}")
            con.execute(f"INSERT INTO {part} SELECT * FROM reload")
            con.execute("DROP TABLE reload")
            con.execute("COMMIT")
            reload_part = time.perf_counter() - started
            started = time.perf_counter()
            con.execute(f"ALTER TABLE {part} DETACH PARTITION {part}_{county}")
            archive_part = time.perf_counter() - started
            print(
                f"    {name}: a county's re-load (delete and insert its rows) plain {reload_plain:.2f} s, "
                f"partitioned (truncate its partition) {reload_part:.2f} s; its archive by DETACH {archive_part * 1000:.0f} ms"
            )
            out[f"{name}_reload_plain_s"], out[f"{name}_reload_part_s"] = reload_plain, reload_part
            con.execute(f"DROP TABLE {part} CASCADE")
            con.execute(f"DROP TABLE IF EXISTS {part}_{county}")
            con.execute(f"DROP TABLE copy_{name}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", metavar="URL", required=True, help="a server's maintenance database")
    parser.add_argument("--records", type=int, default=10_000_000)
    parser.add_argument("--counties", type=int, default=122)
    parser.add_argument("--work", type=Path, required=True, help="folder for the bundles")
    parser.add_argument("--reuse", action="store_true", help="the bundles an earlier run left in --work")
    parser.add_argument("--database", help="an already merged database on the server: only the screens")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--partition-trial", action="store_true")
    parser.add_argument("--drop", action="store_true", help="drop the database at the end")
    parser.add_argument("--bundles-only", action="store_true", help="write the bundles and stop")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    server = make_url(args.postgres)
    name = args.database or f"fpa_10m_{time.strftime('%H%M%S')}"
    url = server.set(database=name).render_as_string(hide_password=False)
    conninfo = server.set(drivername="postgresql", database=name).render_as_string(hide_password=False)
    started = time.perf_counter()
    if args.database is None:
        if not args.reuse:
            print(f"(1) {args.counties} county bundles, {args.records:,} records")
            write_bundles(args.work, args.records, args.counties)
            if args.bundles_only:
                return 0
        part_pg(args.work, args.postgres, True, name)
    print(f"(3) the screens on {name}")
    screens(url, args.counties, args.repeat)
    disk(conninfo)
    if args.partition_trial:
        print("(4) partitioning by county, tried")
        partition_trial(conninfo, args.counties)
    if args.drop:
        plain = server.set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(plain, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(f"whole run: {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
