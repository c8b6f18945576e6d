"""Crash-safety harness: a child process does a long write and is killed with SIGKILL at a random
moment; afterwards nothing it reported as committed may be missing, and the job must run again
to completion.

Jobs (each child is ``bench/crash_driver.py``):

- ``save``     families saved one per transaction through the ORM, each id printed after its commit;
- ``merge``    several township bundles merged into a county database (``merge_bundles``);
- ``migrate``  a database at revision 0001 full of data, opened (copied, then upgraded to head);
- ``export``   a full bundle written (``write_bundle``): no half bundle may carry the real name;
- ``demo``     the demo generator (``generate_demo``), when ``app/services/demo.py`` exists;
- ``backup``   ``backup_database`` into a folder of older generations: no half backup under a real name;
- ``restore``  ``restore_backup`` over a closed database: afterwards it is the old one or the backup.

By default every database is encrypted (SQLCipher, a keyring beside it, made like ``fpa init
--admin``); the children sign in, the checks open files with the key from the keyring and also
check that the file carries no plain SQLite header. ``--plain`` runs on plain SQLite files.

"Half files" in the table are files left incomplete under their real name that the program does
not rely on (a pre-upgrade or pre-merge safety copy, a demo cut short): findings, not losses.

After every kill: the file passes ``PRAGMA integrity_check``, ``open_database`` opens it, the
audit chain verifies, every reported commit is there, and the job run again completes; a merge
run again must give exactly the records of a reference merge that was never interrupted.

Kill times come from ``random.Random(f"{seed}:{job}:{trial}")`` — a uniform fraction of the job's
measured length, counted from the child's ``ready`` line — and are printed, so
``--jobs merge --only 17 --seed S`` repeats trial 17 (timing on a busy machine varies a little).

    .venv/bin/python bench/crash_harness.py --trials 100 --json bench/results/crash-harness.json
    .venv/bin/python bench/crash_harness.py --trials 3 --scale small        # what CI runs

POSIX only (SIGKILL). It simulates a process crash or a forced kill, not a power cut: data the
kernel already accepted survives a SIGKILL. See docs/RELIABILITY.md.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import platform
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DRIVER = HERE / "crash_driver.py"
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from crash_driver import COUNTY, add_family  # noqa: E402  (a sibling script, not a package)

from app.database import keyring  # noqa: E402
from app.database.audit import verify_chain  # noqa: E402
from app.database.engine import DRIVER_ERRORS, key_pragma, sqlcipher  # noqa: E402
from app.database.migrate import create_database, head_revision, open_database  # noqa: E402
from app.domain.enums import NodeRole  # noqa: E402
from app.domain.errors import FpaError  # noqa: E402
from app.services import sync  # noqa: E402
from app.services.shared.workspace import Workspace, open_workspace  # noqa: E402
from app.services.system.accounts import sign_in  # noqa: E402
from app.services.system.backup import backup_database, backup_name, restore_backup  # noqa: E402
from app.services.system.installation import init_encrypted  # noqa: E402
from app.services.system.setup import init_database  # noqa: E402
from app.sync import identity as ident  # noqa: E402
from app.sync import payload  # noqa: E402
from app.sync.envelope import open_envelope  # noqa: E402

SCALES: dict[str, dict[str, int]] = {
    # CI: a few seconds per trial. full: the long run, big enough that kills land mid-write.
    "small": {
        "save": 300,
        "stations": 3,
        "bundles_per_station": 2,
        "bundle_families": 120,
        "migrate_rows": 20_000,
        "export_families": 1500,
        "demo_families": 150,
    },
    "full": {
        "save": 2000,
        "stations": 3,
        "bundles_per_station": 2,
        "bundle_families": 1200,
        "migrate_rows": 150_000,
        "export_families": 12_000,
        "demo_families": 1500,
    },
}
ALL_JOBS = ("save", "merge", "migrate", "export", "demo", "backup", "restore")
# Encrypted runs (the default, as the program makes databases): every database of the run is a
# SQLCipher file made like ``fpa init --admin`` (one random key, a keyring beside the file with an
# administrator); children sign in with USER/PASSWORD, checks open files with the key unwrapped
# from the keyring beside them. ``--plain`` runs on plain SQLite files, as before encryption.
USER, PASSWORD = "kill-admin", "Harness-pass-2026"
ENCRYPTED = True
BAD_FILE = (*DRIVER_ERRORS, OSError, FpaError)  # what opening a damaged or half-written file raises
# Columns whose values depend on the wall clock of the run, not on the data: left out of comparisons.
CLOCK_COLUMNS = {"created_at", "updated_at", "merged_at", "recorded_at", "added_at", "at", "resolved_at"}
SKIP_TABLES = {"sqlite_sequence", "alembic_version", "meta", "audit_entry"}


# --------------------------------------------------------------------------------------------
# Results


@dataclass
class Trial:
    job: str
    trial: int
    fraction: float  # of the calibrated job length
    delay_s: float
    killed: bool = False  # False: the child had finished before the kill was due
    reported: int = 0  # commits (or merged bundles, or rows) the child had promised
    lost: int = 0
    recovered: bool = False
    stray_partials: int = 0  # leftovers under a temporary name (harmless)
    half_copies: int = 0  # files left incomplete under a real name: safety copies, a demo cut short
    phase: str = ""  # where the kill landed, as far as the files tell
    problems: list[str] = field(default_factory=list)


@dataclass
class JobSummary:
    trials: int = 0
    killed: int = 0
    finished_before_kill: int = 0
    recovered: int = 0
    losses: int = 0
    failed_trials: int = 0
    stray_partials: int = 0
    half_copies: int = 0
    calibrated_s: float = 0.0
    phases: dict[str, int] = field(default_factory=dict)


# --------------------------------------------------------------------------------------------
# Running the child


@dataclass
class ChildRun:
    lines: list[str]
    killed: bool
    returncode: int
    stderr: str


def run_child(args: list[str], work: Path, delay: float | None, timeout: float = 900.0) -> ChildRun:
    """Start the driver, wait for ``ready``, then SIGKILL it ``delay`` seconds later (None: never)."""
    out_path, err_path = work / "child.out", work / "child.err"
    with out_path.open("w") as out, err_path.open("w") as err:
        proc = subprocess.Popen([sys.executable, str(DRIVER), *args], stdout=out, stderr=err, cwd=work)
        started = time.monotonic()
        ready_at: float | None = None
        killed = False
        while proc.poll() is None:
            now = time.monotonic()
            if ready_at is None and out_path.read_text().startswith("ready"):
                ready_at = now
            if ready_at is not None and delay is not None and now - ready_at >= delay:
                os.kill(proc.pid, signal.SIGKILL)
                killed = True
                break
            if now - started > timeout:
                proc.kill()
                raise RuntimeError(f"child {args[0]} did not finish within {timeout} s")
            time.sleep(0.002)
        proc.wait()
    lines = out_path.read_text().splitlines()
    return ChildRun(lines, killed, proc.returncode, err_path.read_text())


def calibrate(args: list[str], work: Path) -> float:
    """How long the job takes from ``ready`` to ``done`` when nobody kills it (exit not included)."""
    work.mkdir(parents=True, exist_ok=True)
    out_path = work / "child.out"
    with out_path.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, str(DRIVER), *args], stdout=out, stderr=subprocess.PIPE, cwd=work
        )
        ready_at = done_at = None
        while proc.poll() is None:
            text = out_path.read_text()
            now = time.monotonic()
            if ready_at is None and text.startswith("ready"):
                ready_at = now
            if done_at is None and text.endswith("done\n"):
                done_at = now
            time.sleep(0.002)
        end = time.monotonic()
        _, err = proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(f"calibration of {args[0]} failed:\n{err.decode(errors='replace')}")
    return (done_at or end) - (ready_at or end)


# --------------------------------------------------------------------------------------------
# Opening files: with the key from the keyring beside them when encrypted

_KEYS: dict[bytes, bytes] = {}


def key_for(path: Path) -> bytes | None:
    """The key of an encrypted file (unwrapped from its keyring, as a sign-in does), None for a plain one."""
    if not keyring.is_encrypted(path):
        return None
    ring = keyring.keyring_path(path)
    content = ring.read_bytes()  # no keyring: FileNotFoundError, the file cannot be opened
    digest = hashlib.sha256(content).digest()
    if digest not in _KEYS:
        from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME  # type: ignore[import-not-found, unused-ignore]

        demo = keyring.flag(path, "demo")
        _KEYS[digest] = keyring.unwrap(
            path, DEMO_USERNAME if demo else USER, DEMO_PASSWORD if demo else PASSWORD
        )
    return _KEYS[digest]


def connect(path: Path, readonly: bool = False) -> Any:
    """A driver connection: SQLCipher with the file's key when it is encrypted, sqlite3 otherwise."""
    key = key_for(path)
    if key is None:
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True) if readonly else sqlite3.connect(path)
    con = sqlcipher.connect(f"file:{path}?mode=ro", uri=True) if readonly else sqlcipher.connect(str(path))
    con.execute(key_pragma(key))
    return con


def copy_db(src: Path, dest: Path) -> Path:
    """A closed database copied with its keyring (if it has one), as a user would move it."""
    shutil.copy2(src, dest)
    if keyring.has_keyring(src):
        keyring.copy_keyring(src, dest)
    return dest


def open_ws(path: Path) -> Workspace:
    """Open a database as the program does: a sign-in when it is encrypted."""
    if keyring.is_encrypted(path):
        return sign_in(path, USER, PASSWORD)
    return open_workspace(path)


def auth() -> list[str]:
    return ["--user", USER, "--password", PASSWORD] if ENCRYPTED else []


# --------------------------------------------------------------------------------------------
# Checks shared by every job


def integrity(path: Path) -> str:
    """``ok``, or what SQLite says is wrong (a damaged header makes the PRAGMA itself fail)."""
    try:
        con = connect(path)
        try:
            return str(con.execute("PRAGMA integrity_check").fetchone()[0])
        finally:
            con.close()
    except BAD_FILE as exc:
        return f"unreadable: {exc}"


def check_database(path: Path, trial: Trial) -> bool:
    """No SQLite header and a key from the keyring (when encrypted), integrity, open_database (which
    also finishes an interrupted upgrade) and the audit chain."""
    key = None
    if ENCRYPTED:
        with path.open("rb") as fh:
            if fh.read(len(keyring.SQLITE_MAGIC)) == keyring.SQLITE_MAGIC:
                trial.problems.append("the file has a plain SQLite header: not encrypted")
                return False
        try:
            key = key_for(path)
        except Exception as exc:  # a missing or damaged keyring: the file can no longer be opened
            trial.problems.append(f"the key does not unwrap from the keyring beside the file: {exc!r}")
            return False
    result = integrity(path)
    if result != "ok":
        trial.problems.append(f"integrity_check: {result[:200]}")
        return False
    try:
        db = open_database(path, key)
    except Exception as exc:  # the check is that it opens: any failure is the finding
        trial.problems.append(f"open_database failed: {exc!r}")
        return False
    try:
        report = verify_chain(db)
        if not report.ok:
            trial.problems.append("audit chain: " + report.summary())
    finally:
        db.dispose()
    if integrity(path) != "ok":
        trial.problems.append("integrity_check failed after open_database")
        return False
    return True


def complete_copy(path: Path) -> bool:
    """A database copy under its real name must be whole: readable, intact, with its schema."""
    try:
        con = connect(path, readonly=True)
        try:
            ok = con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            has_schema = (
                con.execute("SELECT count(*) FROM sqlite_master WHERE name='alembic_version'").fetchone()[0]
                == 1
            )
            return bool(ok and has_schema)
        finally:
            con.close()
    except BAD_FILE:
        return False


def logical_dump(path: Path) -> str:
    """A hash of every table's rows (sorted), leaving out wall-clock columns and local bookkeeping."""
    con = connect(path, readonly=True)
    digest = hashlib.sha256()
    try:
        tables = [
            r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        for table in tables:
            if table in SKIP_TABLES:
                continue
            cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
            keep = [c for c in cols if c not in CLOCK_COLUMNS and not (table == "change_log" and c == "seq")]
            rows = sorted(repr(r) for r in con.execute(f"SELECT {', '.join(keep)} FROM {table}"))
            digest.update(f"{table}:{len(rows)}\n".encode())
            for r in rows:
                digest.update(r.encode())
    finally:
        con.close()
    return digest.hexdigest()


def copy_as_device(src: Path, dest: Path, device: str) -> Path:
    copy_db(src, dest)
    con = connect(dest)
    with con:
        con.execute("UPDATE meta SET value=? WHERE key='device_id'", (device,))
        con.execute("UPDATE meta SET value=? WHERE key='clock_last'", (f"{0:013d}-{0:05d}-{device}",))
    con.close()
    return dest


# --------------------------------------------------------------------------------------------
# Fixtures, built once per run


@dataclass
class Fixtures:
    work: Path
    scale: dict[str, int]
    template: Path
    county_keys: Path
    station_keys: list[Path]
    merge_base: Path
    bundles: Path
    merge_reference: str
    merge_files: list[str]
    export_base: Path
    export_records: int
    migrate_base: Path
    migrate_rows: int
    migrate_digest: str
    encrypted: bool
    backup_seed: Path  # a backup of export_base, copied in as the older generations
    export_dump: str
    restore_from: Path  # a backup of another station's database, restored over export_base
    restore_dump: str


def add_families(ws: Workspace, count: int, seed: int, start: int = 0) -> None:
    rng = random.Random(seed)
    with ws.db.session() as s:
        for n in range(start, start + count):
            add_family(s, rng, n)


def prepare(work: Path, scale: dict[str, int], jobs: set[str], encrypted: bool = True) -> Fixtures:
    global ENCRYPTED
    ENCRYPTED = encrypted
    work.mkdir(parents=True, exist_ok=True)
    template = work / "template.db"
    if ENCRYPTED:  # as `fpa init --admin` makes it: a random key, its keyring, the first administrator
        init_encrypted(template, COUNTY, None, USER, "崩溃测试管理员", PASSWORD).workspace.close()
    else:
        init_database(template, COUNTY).dispose()
    county_keys = work / "keys" / "county"
    sync.new_identity(county_keys, "长沙县计生协", None)
    station_keys = []
    for i in range(scale["stations"]):
        folder = work / "keys" / f"station-{i}"
        sync.new_identity(folder, f"乡镇站{i}", None)
        station_keys.append(folder)
    trust = sync.show_identity(county_keys).key_id
    setup = sync.export_setup(
        county_keys, None, work / "setup.fpas", division=COUNTY, signers=[(k, COUNTY) for k in station_keys]
    )

    merge_base = copy_as_device(template, work / "merge-base.db", "00000000000c0001")
    ws = open_ws(merge_base)
    sync.import_setup(ws, setup, trust=trust)
    ws.close()

    bundles = work / "bundles"
    export_base = work / "export-base.db"
    for i, keys_dir in enumerate(station_keys):
        path = copy_as_device(template, work / f"station-{i}.db", f"00000000000a{i:04x}")
        ws = open_ws(path)
        sync.import_setup(ws, setup, trust=trust)
        for b in range(scale["bundles_per_station"]):
            add_families(ws, scale["bundle_families"], seed=1000 * i + b, start=b * scale["bundle_families"])
            sync.write_bundle(ws, keys_dir, None, bundles)
        if i == 0 and "export" in jobs:
            add_families(ws, scale["export_families"], seed=99, start=10**6)
        ws.close()
        if i == 0:
            copy_db(path, export_base)
    merge_files = sorted(p.name for p in bundles.glob("*.fpab"))

    reference = work / "merge-reference.db"
    copy_db(merge_base, reference)
    ws = open_ws(reference)
    results = sync.merge_bundles(ws, county_keys, None, [bundles])
    ws.close()
    assert all(r.status == "accepted" for r in results), [r.reason for r in results]

    db = open_database(export_base, key_for(export_base))
    with db.engine.connect() as conn:
        export_records = sum(payload.collect(conn, None)[1].values())  # what a full bundle must hold
    db.dispose()

    migrate_base = work / "migrate-base.db"
    rows = scale["migrate_rows"] if "migrate" in jobs else 10
    key = key_for(template)
    if key is not None:
        keyring.copy_keyring(template, migrate_base)
    db = create_database(migrate_base, COUNTY, NodeRole.STATION, revision="0001", key=key)
    device = db.device_id
    db.dispose()
    rng = random.Random(5)
    with connect(migrate_base) as con:
        con.executemany(
            "INSERT INTO special_family (id, created_stamp, stamp, device_id, created_at, updated_at, deleted,"
            " division_code, category, status, head_name, name_key, address, needs)"
            " VALUES (?, 's', 's', ?, '2025-01-01', '2025-01-01', 0, '430121001001', '失独', '在册', ?, '', ?, ?)",
            (
                (
                    f"m{n:09d}",
                    device,
                    f"户主{n}",
                    f"第{rng.randint(1, 20)}组{n}号",
                    "需要陪同就医" * rng.randint(0, 8),
                )
                for n in range(rows)
            ),
        )
    con.close()
    # Backup and restore: a backup of the station that exports, and one of another station.
    ws = open_ws(export_base)
    try:
        backup_seed = backup_database(ws, work / "backup-seed", keep=1)
    finally:
        ws.close()
    ws = open_ws(work / "station-1.db")
    try:
        restore_from = backup_database(ws, work / "restore-from", keep=1)
    finally:
        ws.close()
    return Fixtures(
        work=work,
        scale=scale,
        template=template,
        county_keys=county_keys,
        station_keys=station_keys,
        merge_base=merge_base,
        bundles=bundles,
        merge_reference=logical_dump(reference),
        merge_files=merge_files,
        export_base=export_base,
        export_records=export_records,
        migrate_base=migrate_base,
        migrate_rows=rows,
        migrate_digest=family_digest(migrate_base),
        encrypted=ENCRYPTED,
        backup_seed=backup_seed,
        export_dump=logical_dump(export_base),
        restore_from=restore_from,
        restore_dump=logical_dump(restore_from),
    )


def family_digest(path: Path) -> str:
    con = connect(path, readonly=True)
    try:
        rows = con.execute("SELECT id, head_name, address, needs FROM special_family ORDER BY id")
        return hashlib.sha256(repr(list(rows)).encode()).hexdigest()
    finally:
        con.close()


# --------------------------------------------------------------------------------------------
# The jobs: how to start each child, and what to check after the kill


class Job:
    name = ""

    def __init__(self, fx: Fixtures) -> None:
        self.fx = fx

    def setup(self, work: Path) -> list[str]:
        """Prepare a fresh trial folder; returns the driver's arguments."""
        raise NotImplementedError

    def check(self, work: Path, run: ChildRun, trial: Trial) -> None:
        """After the kill: the promises, then the job run again."""
        raise NotImplementedError


class SaveJob(Job):
    name = "save"

    def setup(self, work: Path) -> list[str]:
        copy_db(self.fx.template, work / "c.db")
        return [
            "save",
            "--db",
            str(work / "c.db"),
            "--count",
            str(self.fx.scale["save"]),
            "--seed",
            "3",
            *auth(),
        ]

    def check(self, work: Path, run: ChildRun, trial: Trial) -> None:
        path = work / "c.db"
        promised = [line.split()[1] for line in run.lines if line.startswith("committed ")]
        trial.reported = len(promised)
        trial.phase = "saving" if len(promised) < self.fx.scale["save"] else "after the last save"
        if not check_database(path, trial):
            trial.lost = len(promised)
            return
        with connect(path) as con:
            present = {r[0] for r in con.execute("SELECT id FROM special_family")}
            torn = con.execute(
                "SELECT count(*) FROM special_family f WHERE (SELECT count(*) FROM family_member m WHERE m.family_id = f.id) != 2"
            ).fetchone()[0]
        trial.lost = sum(1 for p in promised if p not in present)
        if trial.lost:
            trial.problems.append(f"{trial.lost} committed families missing")
        if len(present) > len(promised) + 1:
            trial.problems.append(f"{len(present) - len(promised)} families present but never reported")
        if torn:
            trial.problems.append(f"{torn} families saved without both members (a torn transaction)")
        # Run again: the clerk carries on saving.
        ws = open_ws(path)
        try:
            add_families(ws, 20, seed=trial.trial + 11, start=10**7)
        finally:
            ws.close()
        with connect(path) as con:
            after = con.execute("SELECT count(*) FROM special_family").fetchone()[0]
        if after != len(present) + 20 or integrity(path) != "ok":
            trial.problems.append("saving again after the kill did not complete")
        trial.recovered = not trial.problems


class MergeJob(Job):
    name = "merge"

    def setup(self, work: Path) -> list[str]:
        copy_db(self.fx.merge_base, work / "county.db")
        return [
            "merge",
            "--db",
            str(work / "county.db"),
            "--identity",
            str(self.fx.county_keys),
            "--bundles",
            str(self.fx.bundles),
            *auth(),
        ]

    def check(self, work: Path, run: ChildRun, trial: Trial) -> None:
        path = work / "county.db"
        merged = max((int(line.split()[1]) for line in run.lines if line.startswith("merged ")), default=0)
        trial.reported = merged
        promised = self.fx.merge_files[:merged]
        if not check_database(path, trial):
            trial.lost = merged
            return
        copies = sorted((work / "backups").glob("*.db"))
        trial.half_copies = sum(1 for c in copies if not complete_copy(c))
        total = len(self.fx.merge_files)
        if not copies:
            trial.phase = "before the snapshot"
        elif trial.half_copies:
            trial.phase = "taking the snapshot"
        elif merged < total:
            trial.phase = f"merging bundle {merged + 1} of {total}"
        else:
            trial.phase = "after the last merge"
        with connect(path) as con:
            ledger = {r[0] for r in con.execute("SELECT file_name FROM bundle_ledger")}
        trial.lost = sum(1 for f in promised if f not in ledger)
        if trial.lost:
            trial.problems.append(f"{trial.lost} merged bundles missing from the ledger")
        # Run again: every bundle is merged now or refused as already merged, and the result is
        # exactly that of a merge nobody interrupted.
        ws = open_ws(path)
        try:
            results = sync.merge_bundles(ws, self.fx.county_keys, None, [self.fx.bundles])
        finally:
            ws.close()
        for r in results:
            already = r.status == "refused" and "重复导入" in (r.reason or "")
            if r.file in ledger and not already:
                trial.problems.append(
                    f"{r.file}: merged before the kill but not refused as already merged ({r.reason})"
                )
            if r.file not in ledger and r.status != "accepted":
                trial.problems.append(f"{r.file}: refused when run again: {r.reason}")
        if logical_dump(path) != self.fx.merge_reference:
            trial.problems.append(
                "records after the second run differ from the uninterrupted reference merge"
            )
            trial.lost = max(trial.lost, 1)
        trial.recovered = not trial.problems


class MigrateJob(Job):
    name = "migrate"

    def setup(self, work: Path) -> list[str]:
        copy_db(self.fx.migrate_base, work / "old.db")
        return ["migrate", "--db", str(work / "old.db"), *auth()]

    def check(self, work: Path, run: ChildRun, trial: Trial) -> None:
        path = work / "old.db"
        trial.reported = self.fx.migrate_rows  # every row was committed before the migration began
        copies = sorted(work.glob("old.before-*.db"))
        trial.half_copies = sum(1 for c in copies if not complete_copy(c))
        con = connect(path)
        try:
            at_kill = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        finally:
            con.close()
        if at_kill == head_revision():
            trial.phase = "after the upgrade"
        elif not copies:
            trial.phase = "before the copy"
        elif trial.half_copies:
            trial.phase = "copying the file"
        else:
            trial.phase = "upgrading"
        # check_database's open_database is the job run again: it copies and upgrades once more.
        if not check_database(path, trial):
            trial.lost = trial.reported
            return
        con = connect(path)
        try:
            revision = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            count = con.execute("SELECT count(*) FROM special_family").fetchone()[0]
        finally:
            con.close()
        if revision != head_revision():
            trial.problems.append(f"still at revision {revision} after opening again")
        if family_digest(path) != self.fx.migrate_digest:
            trial.lost = max(self.fx.migrate_rows - count, 1)
            trial.problems.append(f"data changed by the migration: {count} of {self.fx.migrate_rows} rows")
        trial.recovered = not trial.problems


class ExportJob(Job):
    name = "export"

    def setup(self, work: Path) -> list[str]:
        copy_db(self.fx.export_base, work / "station.db")
        (work / "out").mkdir()
        return [
            "export",
            "--db",
            str(work / "station.db"),
            "--identity",
            str(self.fx.station_keys[0]),
            "--out",
            str(work / "out"),
            *auth(),
        ]

    def bundle_ok(self, path: Path) -> int | None:
        """The record count of a bundle that opens completely, or None."""
        me = ident.unlock(self.fx.county_keys, None)
        sender = ident.load_public(self.fx.station_keys[0])
        try:
            opened = open_envelope(
                path.read_bytes(),
                source=path.name,
                trusted_signers={sender.key_id: sender.signing_public_key},
                identity=me,
                expected_kind="bundle",
            )
            rows = payload.loads(opened.payload)
        except Exception:  # any refusal means the file under the real name is not whole
            return None
        return sum(len(v) for v in rows.values())

    def check(self, work: Path, run: ChildRun, trial: Trial) -> None:
        path, out = work / "station.db", work / "out"
        trial.reported = sum(1 for line in run.lines if line.startswith("exported "))
        names = [f.name for f in out.iterdir()]
        if any(n.endswith(".fpab") for n in names):
            trial.phase = "after the rename"
        elif names:
            trial.phase = "writing the file"
        else:
            trial.phase = "before writing"
        check_database(path, trial)
        for f in sorted(out.iterdir()):
            if f.name.endswith(".partial"):
                trial.stray_partials += 1
            elif self.bundle_ok(f) is None:
                trial.problems.append(f"half-written bundle under its real name: {f.name}")
                trial.lost += 1
        before = {f.name for f in out.glob("*.fpab")}
        ws = open_ws(path)
        try:
            result = sync.write_bundle(ws, self.fx.station_keys[0], None, out, full=True)
        finally:
            ws.close()
        if result.path.name in before:
            trial.problems.append(f"run again overwrote an earlier bundle number: {result.path.name}")
        records = self.bundle_ok(result.path)
        if records is None or records < self.fx.export_records:
            trial.problems.append(
                f"bundle written again is incomplete: {records} of {self.fx.export_records} records"
            )
        trial.recovered = not trial.problems


class DemoJob(Job):
    name = "demo"

    def setup(self, work: Path) -> list[str]:
        families = str(self.fx.scale["demo_families"])
        return ["demo", "--db", str(work / "demo.db"), "--count", families, "--seed", "4", *auth()]

    def check(self, work: Path, run: ChildRun, trial: Trial) -> None:
        from app.services.demo import generate_demo  # type: ignore[import-not-found, unused-ignore]

        path = work / "demo.db"
        trial.reported = 1 if "done" in run.lines else 0
        # Run again, under a new name: a demo is made into a new file and never over an existing one.
        again = work / "demo-again.db"
        generate_demo(again, COUNTY, families=self.fx.scale["demo_families"], seed=4, encrypted=ENCRYPTED)
        if not check_database(again, trial):
            trial.problems.append("the demo made again does not open")
            return
        whole = family_count(again)
        trial.stray_partials += sum(1 for p in work.glob(".demo.db.partial*"))
        if not path.exists():
            trial.phase = "before the file was created"
        elif not has_schema(path):
            # Killed while the empty database was being created: the schema transaction rolled back.
            # open_database refuses such a file with a clear message; it holds nothing to lose.
            trial.phase = "creating the database"
            trial.half_copies += 1
            if integrity(path) != "ok":
                trial.problems.append(f"integrity_check: {integrity(path)[:200]}")
        elif check_database(path, trial):
            # A demo cut short under its real name is whole as a database, but has fewer families
            # than it should: counted as an incomplete copy, like a half safety copy.
            done = family_count(path)
            trial.phase = "after the last family" if done == whole else "generating"
            trial.half_copies += done != whole
        trial.recovered = not trial.problems


GENERATIONS = 2  # backups kept in the backup job's folder: the run drops the oldest


class BackupJob(Job):
    """``backup_database`` into a folder holding two older generations (``keep=2``: one is dropped).

    After the kill: the database is intact; every file under a real backup name is a whole database
    with its keyring and the source's records; a ``.partial`` (or a keyring whose backup never got
    its name) is a stray leftover. Run again: a whole backup is written and old ones are dropped.
    """

    name = "backup"

    def old_names(self) -> list[str]:
        return [backup_name("station", datetime(2026, 1, day, 9, 0, 0)) for day in range(1, GENERATIONS + 1)]

    def setup(self, work: Path) -> list[str]:
        copy_db(self.fx.export_base, work / "station.db")
        folder = work / "backups"
        folder.mkdir()
        for name in self.old_names():
            copy_db(self.fx.backup_seed, folder / name)
        return [
            "backup",
            "--db",
            str(work / "station.db"),
            "--out",
            str(folder),
            "--keep",
            str(GENERATIONS),
            *auth(),
        ]

    def real_backups(self, folder: Path) -> list[Path]:
        return sorted(p for p in folder.glob("station-备份-*.db") if p.is_file())

    def check_backups(self, folder: Path, trial: Trial) -> list[Path]:
        """Problems for any half backup under a real name; returns the real-named backups."""
        found = self.real_backups(folder)
        for f in found:
            if ENCRYPTED and not keyring.has_keyring(f):
                trial.problems.append(f"backup without its keyring (cannot be opened): {f.name}")
                trial.lost += 1
            elif not complete_copy(f):
                trial.problems.append(f"half-written backup under its real name: {f.name}")
                trial.lost += 1
            elif logical_dump(f) != self.fx.export_dump:
                trial.problems.append(f"backup does not hold the database's records: {f.name}")
                trial.lost += 1
        # Leftovers: a .partial copy, a keyring whose backup never got its name. (-wal/-shm files
        # are SQLite's, made by opening a file, also by these checks: not counted.)
        trial.stray_partials += sum(
            1
            for p in folder.iterdir()
            if p.name.endswith(".partial")
            or (p.name.endswith(keyring.SUFFIX) and not p.with_suffix("").exists())
        )
        return found

    def check(self, work: Path, run: ChildRun, trial: Trial) -> None:
        path, folder = work / "station.db", work / "backups"
        trial.reported = sum(1 for line in run.lines if line.startswith("backed-up "))
        old = set(self.old_names())
        names = {p.name for p in folder.iterdir()}
        new = [n for n in names if n.endswith(".db") and n not in old]
        if not new:
            trial.phase = "copying" if any(n.endswith(".partial") for n in names) else "before the copy"
        elif self.old_names()[0] in names:
            trial.phase = "after the rename"
        else:
            trial.phase = "after dropping the oldest"
        if trial.reported and not new:
            trial.problems.append("a backup reported as written is not there")
            trial.lost += 1
        if not check_database(path, trial) or logical_dump(path) != self.fx.export_dump:
            trial.problems.append("the database changed during its backup")
            trial.lost = max(trial.lost, 1)
            return
        self.check_backups(folder, trial)
        stray_before = trial.stray_partials
        ws = open_ws(path)
        try:
            made = backup_database(ws, folder, keep=GENERATIONS)
        finally:
            ws.close()
        trial.stray_partials = stray_before
        after = [f.name for f in self.real_backups(folder)]
        if made.name not in after or len(after) > GENERATIONS:
            trial.problems.append(f"backup run again: {made.name} among {after} (keep {GENERATIONS})")
        if not complete_copy(made) or logical_dump(made) != self.fx.export_dump:
            trial.problems.append(f"backup written again is not whole: {made.name}")
        trial.recovered = not trial.problems


class RestoreJob(Job):
    """``restore_backup`` of another station's backup over a (closed) database with the same key.

    After the kill the database is the old one or the restored one, whole, and opens with the key
    from the keyring beside it; the safety copy taken before the replacement is whole if it has its
    name. Run again: the restore completes and the database holds the backup's records.
    """

    name = "restore"

    def setup(self, work: Path) -> list[str]:
        copy_db(self.fx.export_base, work / "station.db")
        return ["restore", "--db", str(work / "station.db"), "--backup", str(self.fx.restore_from), *auth()]

    def check(self, work: Path, run: ChildRun, trial: Trial) -> None:
        path = work / "station.db"
        trial.reported = sum(1 for line in run.lines if line.startswith("restored "))
        copies = sorted((work / "backups").glob("*.db")) if (work / "backups").is_dir() else []
        trial.half_copies = sum(1 for c in copies if not complete_copy(c))
        trial.stray_partials = sum(1 for p in work.iterdir() if p.name.startswith(".station.db.restoring"))
        if not check_database(path, trial):
            trial.lost = 1
            return
        now = logical_dump(path)
        if now == self.fx.export_dump:
            trial.phase = "before the replacement"
            if trial.reported:
                trial.problems.append("a restore reported as done is not there")
                trial.lost = 1
        elif now == self.fx.restore_dump:
            trial.phase = "after the replacement"
        else:
            trial.phase = "neither"
            trial.problems.append("the database is neither the old one nor the backup")
            trial.lost = 1
        if trial.half_copies:
            trial.problems.append(f"{trial.half_copies} half-written safety copies under their real name")
        restore_backup(self.fx.restore_from, path, username=USER if ENCRYPTED else None, password=PASSWORD)
        problems_before = len(trial.problems)
        if not check_database(path, trial) or logical_dump(path) != self.fx.restore_dump:
            trial.problems.insert(problems_before, "restore run again did not give the backup's records")
        if ENCRYPTED:
            ws = open_ws(path)  # a user signs in to the restored database
            ws.close()
        trial.recovered = not trial.problems


def has_schema(path: Path) -> bool:
    con = connect(path, readonly=True)
    try:
        found = con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'alembic_version'").fetchone()[0]
        return bool(found)
    except BAD_FILE:
        return False
    finally:
        con.close()


def family_count(path: Path) -> int:
    con = connect(path, readonly=True)
    try:
        return int(con.execute("SELECT count(*) FROM special_family").fetchone()[0])
    except BAD_FILE:
        return -1
    finally:
        con.close()


JOB_CLASSES: dict[str, type[Job]] = {
    c.name: c for c in (SaveJob, MergeJob, MigrateJob, ExportJob, DemoJob, BackupJob, RestoreJob)
}


def available_jobs() -> list[str]:
    jobs = ["save", "merge", "migrate", "export"]
    if importlib.util.find_spec("app.services.demo") is not None:
        jobs.append("demo")
    return [*jobs, "backup", "restore"]


# --------------------------------------------------------------------------------------------
# The run


def run(
    jobs: list[str],
    trials: int,
    seed: int,
    scale_name: str,
    work: Path,
    only: int | None = None,
    log: Callable[[str], None] = print,
    fixtures: Fixtures | None = None,
    encrypted: bool = True,
) -> dict[str, Any]:
    global ENCRYPTED
    ENCRYPTED = fixtures.encrypted if fixtures is not None else encrypted
    scale = SCALES[scale_name]
    started = datetime.now(UTC)
    t0 = time.monotonic()
    kind = "encrypted (SQLCipher)" if ENCRYPTED else "plain SQLite"
    log(
        f"# crash harness: seed {seed}, scale {scale_name}, {trials} trials per job, {kind} databases,"
        f" jobs {', '.join(jobs)}"
    )
    fx = fixtures or prepare(work / "fixtures", scale, set(jobs), ENCRYPTED)
    log(f"# fixtures ready in {time.monotonic() - t0:.1f} s")
    summaries: dict[str, JobSummary] = {}
    details: list[Trial] = []
    for name in jobs:
        job = JOB_CLASSES[name](fx)
        # The shortest of three runs: on a machine shared with other work a slow calibration would
        # otherwise put many kill times after the end of the job.
        lengths = []
        for attempt in range(3):
            calib = work / f"{name}-calibrate-{attempt}"
            calib.mkdir(parents=True, exist_ok=True)
            lengths.append(calibrate(job.setup(calib), calib))
            shutil.rmtree(calib, ignore_errors=True)
        length = min(lengths)
        summary = summaries[name] = JobSummary(calibrated_s=round(length, 3))
        log(f"# {name}: uninterrupted run takes {length:.2f} s after start-up")
        numbers = [only] if only is not None else list(range(trials))
        for i in numbers:
            rng = random.Random(f"{seed}:{name}:{i}")
            fraction = rng.uniform(0.0, 1.05)  # a few land after the end: the job finished first
            trial = Trial(name, i, round(fraction, 4), round(fraction * length, 4))
            folder = work / f"{name}-{i:03d}"
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            child = job.setup(folder)
            try:
                result = run_child(child, folder, trial.delay_s)
                trial.killed = result.killed
                if not result.killed and result.returncode != 0:
                    trial.problems.append(f"child failed on its own: {result.stderr.strip()[-500:]}")
                job.check(folder, result, trial)
            except Exception as exc:  # a crash of the check is a failed trial, reported, not fatal
                trial.problems.append(f"check raised {exc!r}")
                trial.recovered = False
            summary.trials += 1
            summary.killed += trial.killed
            summary.finished_before_kill += not trial.killed
            summary.recovered += trial.recovered
            summary.losses += trial.lost
            summary.failed_trials += bool(trial.problems)
            summary.stray_partials += trial.stray_partials
            summary.half_copies += trial.half_copies
            summary.phases[trial.phase] = summary.phases.get(trial.phase, 0) + 1
            details.append(trial)
            mark = "ok" if not trial.problems else "FAIL " + "; ".join(trial.problems)
            if trial.half_copies:
                mark += f"  (incomplete file left under its real name: {trial.half_copies})"
            log(
                f"{name:8} trial {i:3d}  kill at {trial.fraction:5.3f} ({trial.delay_s:6.3f} s)  "
                f"{'killed' if trial.killed else 'finished first':14}  {trial.phase:24}  reported {trial.reported:6d}  {mark}"
            )
            if not trial.problems:
                shutil.rmtree(folder, ignore_errors=True)
    report = {
        "kind": "crash-harness",
        "seed": seed,
        "scale": scale_name,
        "encrypted": ENCRYPTED,
        "commit": os.environ.get("FPA_COMMIT", ""),
        "scale_sizes": scale,
        "trials_per_job": trials,
        "started": started.isoformat(timespec="seconds"),
        "seconds": round(time.monotonic() - t0, 1),
        "machine": {
            "python": platform.python_version(),
            "system": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "jobs": {k: asdict(v) for k, v in summaries.items()},
        "jobs_not_present": [j for j in ALL_JOBS if j not in available_jobs()],
        "failed": [asdict(t) for t in details if t.problems],
        "trials": [
            {
                "job": t.job,
                "trial": t.trial,
                "fraction": t.fraction,
                "killed": t.killed,
                "phase": t.phase,
                "reported": t.reported,
                "half_copies": t.half_copies,
                "ok": not t.problems,
            }
            for t in details
        ],
    }
    log(table(report))
    return report


def table(report: dict[str, Any]) -> str:
    head = (
        f"{'job':8} {'trials':>6} {'killed':>6} {'finished first':>14} {'recovered':>9} {'losses':>6} "
        f"{'failed':>6} {'stray .partial':>14} {'half files':>10}"
    )
    lines = [head, "-" * len(head)]
    for name, s in report["jobs"].items():
        lines.append(
            f"{name:8} {s['trials']:6d} {s['killed']:6d} {s['finished_before_kill']:14d} {s['recovered']:9d} "
            f"{s['losses']:6d} {s['failed_trials']:6d} {s['stray_partials']:14d} {s['half_copies']:10d}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--trials", type=int, default=int(os.environ.get("FPA_CRASH_TRIALS", "100")), help="trials per job"
    )
    parser.add_argument("--jobs", nargs="*", choices=ALL_JOBS, help="default: every job this program has")
    parser.add_argument("--seed", type=int, default=None, help="default: a new one, printed")
    parser.add_argument("--scale", choices=sorted(SCALES), default="full")
    parser.add_argument("--plain", action="store_true", help="plain SQLite files (default: encrypted)")
    parser.add_argument("--only", type=int, help="run just this trial number (to reproduce a failure)")
    parser.add_argument("--work", type=Path, help="working folder (default: a temporary one, removed after)")
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args(argv)
    present = available_jobs()
    jobs = [j for j in (args.jobs or present) if j in present]
    missing = [j for j in (args.jobs or []) if j not in present]
    if missing:
        print(f"# not present in this program yet, skipped: {', '.join(missing)}")
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(10**9)
    work = args.work or Path(tempfile.mkdtemp(prefix="fpa-crash-"))
    report = run(jobs, args.trials, seed, args.scale, work, args.only, encrypted=not args.plain)
    # Folders of failed trials are kept (each passing trial removed its own) for a look afterwards.
    if report["failed"]:
        print(f"# failed trials kept in {work}")
    elif args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    bad = sum(s["failed_trials"] + s["losses"] for s in report["jobs"].values())
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
