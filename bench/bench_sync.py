"""Sync throughput: merging a province's worth of county bundles, and writing one large bundle.

(a) Generates ``--counties`` county databases holding ``--records`` records in total (families,
    their members and visits, in the proportion 1 : 2 : 1), writes one real bundle per county with
    ``export_bundle``, merges them all into a fresh SQLite province database with the
    ``merge_bundles`` service (the same call `fpa sync merge` makes), and prints records per
    second and the ratio of the merge time to a raw ``sqlite3`` ``executemany`` of the same rows
    (the same columns, read back from the province) into empty tables, measured in this process.
(p) With ``--postgres URL`` (a server's maintenance database, e.g. ``postgres``), merges the same
    bundles into a fresh PostgreSQL province database made on that server (dropped afterwards
    unless ``--keep-pg``) and compares the merge with a raw ``COPY`` of the same rows (read back
    with ``COPY … TO``) into empty copies of the same tables and indexes
    (``CREATE TABLE … (LIKE … INCLUDING ALL)``), in the same run. The bench starts no server;
    a durable one (fsync on), as the figures want, from the project's own script:

        FPA_PG_FSYNC=on bash -c 'source scripts/postgres.sh && pg_start'   # prints its URL
        .venv/bin/python bench/bench_sync.py --records 200000 --counties 24 --postgres URL --skip-export

(b) Writes a bundle of ``--export-records`` changed records (the incremental path, through the
    change log) and compares it with a raw SELECT of the same rows and columns, serialised with
    ``json.dumps`` and gzip-compressed at the same level the envelope uses.

    .venv/bin/python bench/bench_sync.py                      # 122 counties, 1 000 000 records
    .venv/bin/python bench/bench_sync.py --records 100000 --counties 12 --profile
    .venv/bin/python bench/bench_sync.py --records 100000 --counties 12 --skip-export --repeat 5  # median ratio

Generation uses the program's own bulk insert path (``app.database.bulk.insert_new``), so the
rows are stored exactly as the program stores them; it is not part of any figure.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import gzip
import json
import pstats
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import app.sync.bundle as bundle_module  # noqa: E402
import app.sync.merge_batch as batch_module  # noqa: E402
from app.database.base import content_columns, new_id, table_of  # noqa: E402
from app.database.bulk import insert_new  # noqa: E402
from app.database.divisions import shipped_divisions, shipped_file_for  # noqa: E402
from app.database.migrate import create_database, open_database  # noqa: E402
from app.database.models import FamilyMember, SpecialFamily, Visit  # noqa: E402
from app.domain.enums import (  # noqa: E402
    DivisionLevel,
    FamilyCategory,
    FamilyStatus,
    FundSource,
    MemberRelation,
    NodeRole,
    Sex,
    VisitOccasion,
    VisitWay,
)
from app.services import sync  # noqa: E402
from app.services.shared.workspace import open_workspace  # noqa: E402
from app.services.system.setup import init_database  # noqa: E402
from app.sync import state  # noqa: E402
from app.sync.bundle import export_bundle  # noqa: E402
from app.sync.identity import create_identity, unlock  # noqa: E402
from app.sync.payload import HEAD_COLUMNS  # noqa: E402
from app.sync.setup_package import build_setup_package, import_setup_package  # noqa: E402

PROVINCE = "430000000000"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = ["桂兰", "建国", "秀英", "玉珍", "德明", "春花", "志强", "淑芬", "国庆", "金凤", "红梅", "卫东"]
TABLES = (SpecialFamily, FamilyMember, Visit)


@functools.cache
def _hunan() -> tuple[list[str], dict[str, list[str]]]:
    """The real counties of the shipped division list, and the villages of each: the merge checks
    every row's division against the province's list, as it would for real counties."""
    records = shipped_divisions(shipped_file_for(PROVINCE).name)
    counties = sorted(r.code for r in records if r.level == DivisionLevel.COUNTY)
    villages: dict[str, list[str]] = {}
    for r in records:
        if r.level == DivisionLevel.VILLAGE:
            villages.setdefault(r.code[:6] + "000000", []).append(r.code)
    counties = [c for c in counties if villages.get(c)]
    return counties, villages


def county_code(i: int) -> str:
    """A distinct real county per bench county (the i-th of the shipped list, wrapping past its end)."""
    counties, _ = _hunan()
    return counties[i % len(counties)]


def families(rng: random.Random, county: str, count: int) -> Iterator[tuple[dict[str, Any], ...]]:
    """``count`` families, each as (family, member, member, visit) rows of plain values."""
    for n in range(count):
        head = rng.choice(SURNAMES) + rng.choice(GIVEN)
        village = rng.choice(_hunan()[1][county])
        family_id = new_id()  # time-ordered, as the program makes them
        born = date(1940 + rng.randrange(40), rng.randint(1, 12), rng.randint(1, 28))
        family = {
            "id": family_id,
            "division_code": village,
            "family_no": f"{county[:6]}{n:07d}",
            "category": rng.choice(list(FamilyCategory)),
            "status": FamilyStatus.REGISTERED,
            "registered_on": date(2015 + rng.randrange(10), rng.randint(1, 12), 1),
            "head_name": head,
            "name_key": "",
            "phone": f"139{rng.randrange(10**8):08d}",
            "address": f"第{rng.randint(1, 20)}组{rng.randint(1, 99)}号",
            "contact_township_name": rng.choice(SURNAMES) + rng.choice(GIVEN),
            "contact_village_name": rng.choice(SURNAMES) + rng.choice(GIVEN),
            "monthly_support_fen": rng.choice([59000, 73000]),
            "needs": rng.choice([None, "需要陪同就医", "希望有人定期探望"]),
        }
        head_member = {
            "family_id": family_id,
            "name": head,
            "relation": MemberRelation.SELF,
            "id_number": f"{county[:6]}{born:%Y%m%d}{rng.randrange(10**4):04d}",
            "sex": rng.choice(list(Sex)),
            "birth_date": born,
            "phone": family["phone"],
            "receives_support": True,
        }
        spouse = {
            "family_id": family_id,
            "name": rng.choice(SURNAMES) + rng.choice(GIVEN),
            "relation": MemberRelation.SPOUSE,
            "sex": rng.choice(list(Sex)),
            "birth_date": date(born.year + rng.randint(-3, 3), born.month, born.day),
            "receives_support": True,
        }
        visit = {
            "family_id": family_id,
            "division_code": village,
            "visited_on": date(2025, rng.randint(1, 12), rng.randint(1, 28)),
            "occasion": rng.choice(list(VisitOccasion)),
            "way": rng.choice(list(VisitWay)),
            "visitors": rng.choice(SURNAMES)
            + rng.choice(GIVEN)
            + "、"
            + rng.choice(SURNAMES)
            + rng.choice(GIVEN),
            "cash_fen": rng.choice([0, 20000, 50000, 100000]),
            "fund_source": rng.choice(list(FundSource)),
            "form_number": f"ZF{county[:6]}{n:07d}",
        }
        yield family, head_member, spouse, visit


def fill(db_path: Path, county: str, records: int, seed: int) -> int:
    """Insert about ``records`` rows (four per family) through the bulk path; returns the count."""
    db = open_database(db_path)
    rng = random.Random(seed)
    done = 0
    try:
        with db.engine.begin() as conn:
            groups = list(families(rng, county, max(1, records // 4)))
            for i, model in enumerate(TABLES):
                if i == 0:
                    rows = [g[0] for g in groups]
                elif i == 1:
                    rows = [m for g in groups for m in (g[1], g[2])]
                else:
                    rows = [g[3] for g in groups]
                done += insert_new(conn, db, model, rows)
    finally:
        db.dispose()
    return done


def set_device(path: Path, index: int, division: str) -> None:
    device = f"{0xB000000000000000 + index:016x}"
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE meta SET value=? WHERE key='device_id'", (device,))
        con.execute("UPDATE meta SET value=? WHERE key='clock_last'", (f"{0:013d}-{0:05d}-{device}",))
        con.execute("UPDATE meta SET value=? WHERE key='division_code'", (division,))
    con.close()


def checkpoint(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def raw_insert_seconds(province: Path, scratch: Path, *, indexes: bool) -> tuple[float, int]:
    """Time a plain sqlite3 executemany of the merged rows (every column) into empty tables.

    The rows are read back from the province in chunks; only the inserts and the commit are timed.
    The tables get the same definition (primary key included) and, with ``indexes``, the same
    secondary indexes as the program's tables (created before the load, as the merge finds them);
    without, none, as in a bare bulk load. One transaction, the program's PRAGMAs (WAL,
    synchronous=FULL).
    """
    scratch.unlink(missing_ok=True)
    src = sqlite3.connect(province)
    dst = sqlite3.connect(scratch, isolation_level=None)
    dst.execute("PRAGMA journal_mode=WAL")
    dst.execute("PRAGMA synchronous=FULL")
    total, rows_done = 0.0, 0
    dst.execute("BEGIN")
    for model in TABLES:
        name = model.__tablename__
        (ddl,) = src.execute(
            "SELECT sql FROM sqlite_master WHERE type='table' AND name=?", (name,)
        ).fetchone()
        dst.execute(ddl)
        if indexes:
            for (index_ddl,) in src.execute(
                "SELECT sql FROM sqlite_master WHERE type='index' AND tbl_name=? AND sql IS NOT NULL", (name,)
            ):
                dst.execute(index_ddl)
        cols = [c.name for c in table_of(model).columns]
        insert = f"INSERT INTO {name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        cursor = src.execute(f"SELECT {', '.join(cols)} FROM {name}")
        while chunk := cursor.fetchmany(50_000):
            started = time.perf_counter()
            dst.executemany(insert, chunk)
            total += time.perf_counter() - started
            rows_done += len(chunk)
    started = time.perf_counter()
    dst.execute("COMMIT")
    total += time.perf_counter() - started
    src.close()
    dst.close()
    return total, rows_done


def write_bundles(work: Path, records: int, counties: int) -> int:
    """Keys, the province's setup package and one full bundle per county (``work/usb``), for about
    ``records`` records in all; returns how many the bundles hold."""
    keys = work / "keys"
    province_key = keys / "province"
    create_identity(province_key, "湖南省计生协", None)
    county_keys = []
    for i in range(counties):
        folder = keys / f"county-{i:03d}"
        create_identity(folder, f"县{i:03d}", None)
        county_keys.append(folder)
    province_id = unlock(province_key, None)
    package = build_setup_package(
        province_id,
        PROVINCE,
        work / "province.fpas",
        signers=[(unlock(k, None).public, county_code(i)) for i, k in enumerate(county_keys)],
    )
    template = work / "county-template.db"
    create_database(template, county_code(0), NodeRole.COUNTY).dispose()
    db = open_database(template)
    import_setup_package(db, package, trust=province_id.public.key_id)
    db.dispose()
    checkpoint(template)

    usb = work / "usb"
    generated = exported = 0.0
    total = 0
    per_county = records // counties
    for i, folder in enumerate(county_keys):
        path = work / "counties" / f"{i:03d}.db"
        path.parent.mkdir(exist_ok=True)
        shutil.copy2(template, path)
        set_device(path, i, county_code(i))
        started = time.perf_counter()
        share = per_county + (records - per_county * counties if i == 0 else 0)
        total += fill(path, county_code(i), share, seed=i)
        generated += time.perf_counter() - started
        started = time.perf_counter()
        db = open_database(path)
        export_bundle(db, unlock(folder, None), usb, full=True)
        db.dispose()
        exported += time.perf_counter() - started
        path.unlink()
        path.with_name(path.name + "-wal").unlink(missing_ok=True)
        path.with_name(path.name + "-shm").unlink(missing_ok=True)
    size = sum(p.stat().st_size for p in usb.glob("*.fpab"))
    print(
        f"    generated {total:,} records in {generated:.1f} s; {counties} bundles written in {exported:.1f} s "
        f"({size / 1e6:.1f} MB)"
    )
    return total


def part_a(work: Path, records: int, counties: int, profile: bool, repeat: int = 1) -> dict[str, float]:
    print(f"(a) {counties} county bundles, {records:,} records in total")
    total = write_bundles(work, records, counties)
    province_key = work / "keys" / "province"
    province_id = unlock(province_key, None)
    package = work / "province.fpas"
    usb = work / "usb"

    runs = [
        _merge_once(work, usb, package, province_id, province_key, total, profile and i == 0)
        for i in range(repeat)
    ]
    ratios = sorted(r["merge_s"] / r["raw_s"] for r in runs)
    if repeat > 1:
        print(
            f"    merge / raw over {repeat} runs: {', '.join(f'{x:.2f}' for x in ratios)}; median {ratios[len(ratios) // 2]:.2f}"
        )
    return runs[-1]


def _merge_once(
    work: Path, usb: Path, package: Path, province_id: Any, province_key: Path, total: int, profile: bool
) -> dict[str, float]:
    """One merge of every bundle into a fresh province, then the raw inserts it is compared with."""
    province = work / "province.db"
    for leftover in (province, province.with_name("province.db-wal"), province.with_name("province.db-shm")):
        leftover.unlink(missing_ok=True)
    shutil.rmtree(work / "backups", ignore_errors=True)
    init_database(province, PROVINCE, NodeRole.PROVINCE).dispose()  # with the province's division list
    ws = open_workspace(province)
    sync.import_setup(ws, package, trust=province_id.public.key_id)
    profiler = cProfile.Profile() if profile else None
    # The trust checks' own cost: the authority check runs in the merge's transaction (on the
    # critical path), the clock check in the worker that reads the next bundle (overlapped).
    spent = {"authority": 0.0, "clock": 0.0}
    originals = {"authority": batch_module.check_authority, "clock": bundle_module.check_clock}
    batch_module.check_authority = _timed(originals["authority"], spent, "authority")  # type: ignore[assignment]
    bundle_module.check_clock = _timed(originals["clock"], spent, "clock")  # type: ignore[assignment]
    started, cpu_started = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    try:
        results = sync.merge_bundles(ws, province_key, None, [usb])
    finally:
        batch_module.check_authority = originals["authority"]  # type: ignore[assignment]
        bundle_module.check_clock = originals["clock"]  # type: ignore[assignment]
    if profiler:
        profiler.disable()
    ws.close()
    checkpoint(province)
    merge_s, merge_cpu = time.perf_counter() - started, time.process_time() - cpu_started
    refused = [r for r in results if r.status != "accepted"]
    assert not refused, refused[0].reason
    inserted = sum(int(r.stats["inserted"]) for r in results)
    assert inserted == total, (inserted, total)
    checkpoint(province)
    bare_s, raw_rows = raw_insert_seconds(province, work / "raw.db", indexes=False)
    assert raw_rows == total
    cpu_started = time.process_time()
    raw_s, _ = raw_insert_seconds(province, work / "raw.db", indexes=True)
    raw_cpu = time.process_time() - cpu_started  # includes reading the rows back: the ratio errs high
    print(f"    merge: {merge_s:.1f} s, {total / merge_s:,.0f} records/s")
    print(f"    raw sqlite3 executemany, same tables and indexes: {raw_s:.1f} s, {total / raw_s:,.0f} rows/s")
    print(f"    raw sqlite3 executemany, bare tables (primary key only): {bare_s:.1f} s")
    print(f"    merge / raw = {merge_s / raw_s:.2f}  (goal ≤ 2); merge / bare = {merge_s / bare_s:.2f}")
    print(
        f"    processor time (this process, both threads; less sensitive to other jobs): merge {merge_cpu:.1f} s, "
        f"raw {raw_cpu:.1f} s (with reading the rows back), ratio {merge_cpu / raw_cpu:.2f}"
    )
    print(
        f"    trust checks: authority {spent['authority']:.2f} s ({spent['authority'] / merge_s:.1%} of the merge, "
        f"in its path), clock {spent['clock']:.2f} s (in the reading worker, overlapped)"
    )
    if profiler:
        stats = pstats.Stats(profiler)
        stats.sort_stats("cumulative").print_stats(45)
    return {
        "merge_s": merge_s,
        "raw_s": raw_s,
        "merge_cpu": merge_cpu,
        "raw_cpu": raw_cpu,
        "bare_s": bare_s,
        "records": total,
        "authority_s": spent["authority"],
        "clock_s": spent["clock"],
    }


def _timed(fn: Any, spent: dict[str, float], name: str) -> Any:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[name] += time.perf_counter() - started

    return wrapper


def part_b(work: Path, records: int) -> dict[str, float]:
    print(f"(b) export of {records:,} changed records")
    key = work / "keys" / "export-county"
    create_identity(key, "导出县", None)
    other = work / "keys" / "export-province"
    create_identity(other, "省", None)
    path = work / "export-county.db"
    create_database(path, county_code(0), NodeRole.COUNTY).dispose()
    db = open_database(path)
    # The receiver's key, as a setup package would have brought it.
    from app.sync import keys as sync_keys

    with db.engine.begin() as conn:
        sync_keys.grant(
            conn,
            sync_keys.KnownKey(unlock(other, None).public, "province", PROVINCE, True, True),
            issuer="bench",
            package_id="bench",
        )
    db.dispose()
    fill(path, county_code(0), records, seed=99)
    checkpoint(path)
    db = open_database(path)
    with db.engine.connect() as conn:
        assert state.get_int(conn, state.ACKED_SEQ) == 0  # every record counts as changed
    me = unlock(key, None)
    started = time.perf_counter()
    result = export_bundle(db, me, work / "export")
    export_s = time.perf_counter() - started
    db.dispose()

    con = sqlite3.connect(path)
    started = time.perf_counter()
    blobs = []
    for model in TABLES:
        cols = HEAD_COLUMNS + content_columns(model)
        rows = con.execute(f"SELECT {', '.join(cols)} FROM {model.__tablename__}").fetchall()
        blobs.append(json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    packed = gzip.compress(b"".join(blobs), compresslevel=6)
    raw_s = time.perf_counter() - started
    con.close()
    print(
        f"    export_bundle: {export_s:.2f} s for {result.records:,} records "
        f"({result.path.stat().st_size / 1e6:.1f} MB)"
    )
    print(f"    raw SELECT + json + gzip: {raw_s:.2f} s ({len(packed) / 1e6:.1f} MB)")
    print(f"    export / raw = {export_s / raw_s:.2f}  (goal ≤ 3)")
    return {"export_s": export_s, "raw_s": raw_s}


def part_pg(work: Path, server_url: str, keep: bool, name: str | None = None) -> dict[str, float]:
    """(p): the bundles that part (a) wrote, merged into a new PostgreSQL database on the server
    (named ``name``, or a new name)."""
    import psycopg
    from sqlalchemy.engine import make_url

    from app.sync.merge_pg import merge_rows_pg

    name = name or f"fpa_bench_{new_id().replace('-', '')[-12:]}"
    server = make_url(server_url)
    plain = server.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    target = server.set(database=name).render_as_string(hide_password=False)
    print(f"(p) the same bundles merged into PostgreSQL ({name})")
    try:
        init_database(target, PROVINCE, NodeRole.PROVINCE).dispose()
        ws = open_workspace(target)
        province_id = unlock(work / "keys" / "province", None)
        sync.import_setup(ws, work / "province.fpas", trust=province_id.public.key_id)
        spent = {"authority": 0.0, "clock": 0.0, "merge_rows": 0.0}
        originals = (batch_module.check_authority, batch_module.merge_rows_pg)
        batch_module.check_authority = _timed(originals[0], spent, "authority")  # type: ignore[assignment]
        batch_module.merge_rows_pg = _timed(merge_rows_pg, spent, "merge_rows")  # type: ignore[assignment]
        started = time.perf_counter()
        try:
            results = sync.merge_bundles(ws, work / "keys" / "province", None, [work / "usb"])
        finally:
            batch_module.check_authority, batch_module.merge_rows_pg = originals  # type: ignore[assignment]
        merge_s = time.perf_counter() - started
        ws.close()
        refused = [r for r in results if r.status != "accepted"]
        assert not refused, refused[0].reason
        total = sum(int(r.stats["inserted"]) for r in results)
        raw_s, raw_rows = raw_copy_seconds(plain.rsplit("/", 1)[0] + f"/{name}")
        assert raw_rows == total, (raw_rows, total)
        with psycopg.connect(plain.rsplit("/", 1)[0] + f"/{name}") as con:
            row = con.execute("SELECT pg_database_size(current_database())").fetchone()
            size = int(row[0]) if row else 0
            settings = con.execute(
                "SELECT current_setting('fsync'), current_setting('synchronous_commit')"
            ).fetchone()
        print(
            f"    server: fsync={settings[0] if settings else '?'}, synchronous_commit={settings[1] if settings else '?'}"
        )
        print(
            f"    merge: {merge_s:.1f} s, {total / merge_s:,.0f} records/s ({total:,} records, database {size / 1e6:,.0f} MB)"
        )
        print(f"    raw COPY into the same tables and indexes: {raw_s:.1f} s, {total / raw_s:,.0f} rows/s")
        print(f"    merge / raw COPY = {merge_s / raw_s:.2f}  (goal ≤ 2)")
        print(
            f"    of the merge: authority check {spent['authority']:.1f} s, writing the rows "
            f"{spent['merge_rows']:.1f} s; the rest is reading, decrypting and checking the files, "
            "the ledger and the commits"
        )
        return {"merge_s": merge_s, "raw_s": raw_s, "records": total, "bytes": size}
    finally:
        if not keep:
            with psycopg.connect(plain, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        else:
            print(f"    kept: {target}")


def raw_copy_seconds(database: str) -> tuple[float, int]:
    """Time a raw COPY of the merged rows (every column, read back with COPY … TO beforehand) into
    empty tables with the same definition and indexes, in one transaction, committed."""
    import psycopg

    names = [model.__tablename__ for model in TABLES]
    total, rows = 0.0, 0
    with psycopg.connect(database) as con:
        con.execute("DROP SCHEMA IF EXISTS raw_copy CASCADE")
        con.execute("CREATE SCHEMA raw_copy")
        con.commit()
        for name in names:
            con.execute(f"CREATE TABLE raw_copy.{name} (LIKE public.{name} INCLUDING ALL)")
            con.commit()
            blocks: list[bytes] = []
            with con.cursor().copy(f"COPY public.{name} TO STDOUT") as copy:
                blocks.extend(bytes(b) for b in copy)
            con.commit()
            started = time.perf_counter()
            with con.cursor().copy(f"COPY raw_copy.{name} FROM STDIN") as copy:
                for block in blocks:
                    copy.write(block)
            con.commit()
            total += time.perf_counter() - started
            found = con.execute(f"SELECT count(*) FROM raw_copy.{name}").fetchone()
            rows += int(found[0]) if found else 0
        con.execute("DROP SCHEMA raw_copy CASCADE")
        con.commit()
    return total, rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000, help="records in all county bundles")
    parser.add_argument("--counties", type=int, default=122)
    parser.add_argument("--export-records", type=int, default=100_000)
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="merge the same bundles this many times (each into a fresh province)",
    )
    parser.add_argument("--profile", action="store_true", help="cProfile the merge and print the top")
    parser.add_argument("--work", type=Path, help="working folder (default: a temporary one, removed)")
    parser.add_argument("--skip-export", action="store_true")
    parser.add_argument("--skip-merge", action="store_true")
    parser.add_argument("--postgres", metavar="URL", help="also merge into a new database on this server")
    parser.add_argument("--keep-pg", action="store_true", help="keep that database (it is dropped otherwise)")
    parser.add_argument(
        "--pg-only", action="store_true", help="only (p), over the bundles an earlier run left in --work"
    )
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="fpa-bench-sync-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        if args.pg_only and args.postgres:
            part_pg(work, args.postgres, args.keep_pg)
        elif not args.skip_merge:
            part_a(work, args.records, args.counties, args.profile, args.repeat)
            if args.postgres:
                part_pg(work, args.postgres, args.keep_pg)
        if not args.skip_export:
            part_b(work, args.export_records)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
