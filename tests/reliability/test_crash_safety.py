"""Crash safety, short form: every long write is killed with SIGKILL a few times (bench/crash_harness.py
does 100 per job in the long run), and the harness's own checks are shown to catch planted damage.
The databases are encrypted, as the program makes them (SQLCipher, a keyring beside each file).

FPA_CRASH_TRIALS sets the trials per job (default 3); FPA_CRASH_SEED repeats a run (the seed is
printed, and shown with any failure).
"""

from __future__ import annotations

import importlib.util
import os
import random
import shutil
import sys
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from app.database import keyring
from app.services.system.setup import init_database

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]

ROOT = Path(__file__).resolve().parents[2]
TRIALS = int(os.environ.get("FPA_CRASH_TRIALS", "3"))
SEED = int(os.environ.get("FPA_CRASH_SEED") or random.SystemRandom().randrange(10**9))


def _load_harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("crash_harness", ROOT / "bench" / "crash_harness.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["crash_harness"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


harness = _load_harness()


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("crash")


@pytest.fixture(scope="module")
def fixtures(work: Path) -> Any:
    return harness.prepare(work / "fixtures", harness.SCALES["small"], set(harness.available_jobs()))


@pytest.fixture(scope="module")
def report(work: Path, fixtures: Any) -> dict[str, Any]:
    lines: list[str] = []
    result: dict[str, Any] = harness.run(
        harness.available_jobs(), TRIALS, SEED, "small", work, log=lines.append, fixtures=fixtures
    )
    print("\n".join(lines))
    result["log"] = lines
    return result


@pytest.mark.parametrize("job", harness.available_jobs())
def test_a_killed_job_loses_nothing_and_runs_again(report: dict[str, Any], job: str) -> None:
    summary = report["jobs"][job]
    failed = [t for t in report["failed"] if t["job"] == job]
    hint = f"seed {SEED} (FPA_CRASH_SEED={SEED} repeats it): " + "; ".join(
        f"trial {t['trial']}: {' / '.join(t['problems'])}" for t in failed
    )
    assert summary["trials"] == TRIALS
    assert summary["losses"] == 0, hint
    assert summary["failed_trials"] == 0, hint
    assert summary["recovered"] == TRIALS, hint


# The harness is only worth its figures if its checks fail when something is wrong: plant the damage
# each check exists for, and see it reported.


def _trial(job: str) -> Any:
    return harness.Trial(job, 0, 0.5, 0.1)


def test_the_save_check_counts_a_missing_commit_as_lost(fixtures: Any, tmp_path: Path) -> None:
    job = harness.SaveJob(fixtures)
    job.setup(tmp_path)
    run = harness.ChildRun(["ready", "committed 00000000-0000-4000-8000-000000000001"], True, -9, "")
    trial = _trial("save")
    job.check(tmp_path, run, trial)
    assert trial.lost == 1 and not trial.recovered


def test_the_export_check_catches_a_half_bundle_under_its_real_name(fixtures: Any, tmp_path: Path) -> None:
    job = harness.ExportJob(fixtures)
    job.setup(tmp_path)
    whole = next(fixtures.bundles.glob("*.fpab")).read_bytes()
    (tmp_path / "out" / "430121000000-00000000000a0000-000009.fpab").write_bytes(whole[: len(whole) // 2])
    trial = _trial("export")
    job.check(tmp_path, harness.ChildRun(["ready"], True, -9, ""), trial)
    assert any("half-written bundle" in p for p in trial.problems)


def test_the_merge_check_catches_a_record_lost_after_the_kill(fixtures: Any, tmp_path: Path) -> None:
    job = harness.MergeJob(fixtures)
    job.setup(tmp_path)
    # A "merge" that claims the first bundle but wrote only its ledger row, not its records.
    with harness.connect(tmp_path / "county.db") as con:
        con.execute(
            "INSERT INTO bundle_ledger (sender_device, sender_division, sender_key_id, seq, bundle_hash, since_seq,"
            " last_change_seq, file_name, created_at, merged_at, summary)"
            " VALUES ('00000000000a0000', '430121000000', 'k', 1, ?, 0, 0, ?, '2026-01-01', '2026-01-01', '{}')",
            ("0" * 64, fixtures.merge_files[0]),
        )
    trial = _trial("merge")
    job.check(tmp_path, harness.ChildRun(["ready", "merged 1"], True, -9, ""), trial)
    assert trial.lost >= 1 and not trial.recovered


def test_the_database_check_catches_a_damaged_file(fixtures: Any, tmp_path: Path) -> None:
    path = harness.copy_db(fixtures.template, tmp_path / "c.db")
    with path.open("r+b") as fh:  # overwrite pages in the middle of the file
        fh.seek(8 * 4096)
        fh.write(b"\xff" * 4096 * 4)
    trial = _trial("save")
    assert not harness.check_database(path, trial)
    assert trial.problems


def test_an_incomplete_copy_is_not_taken_for_a_whole_one(fixtures: Any, tmp_path: Path) -> None:
    data = fixtures.template.read_bytes()
    half = tmp_path / "half.db"
    half.write_bytes(data[: len(data) // 2])
    keyring.copy_keyring(fixtures.template, half)  # with its key: the copy itself is what is wrong
    assert harness.complete_copy(fixtures.template)
    assert not harness.complete_copy(half)


def test_the_database_check_refuses_a_plain_file_and_one_without_its_keyring(
    fixtures: Any, tmp_path: Path
) -> None:
    plain = tmp_path / "plain.db"
    init_database(plain, harness.COUNTY).dispose()
    trial = _trial("save")
    assert not harness.check_database(plain, trial)
    assert any("plain SQLite header" in p for p in trial.problems)

    lonely = tmp_path / "lonely.db"
    shutil.copy2(fixtures.template, lonely)  # the database without the keyring beside it
    trial = _trial("save")
    assert not harness.check_database(lonely, trial)
    assert any("keyring" in p for p in trial.problems)


def test_the_backup_check_catches_a_half_backup_under_its_real_name(fixtures: Any, tmp_path: Path) -> None:
    job = harness.BackupJob(fixtures)
    job.setup(tmp_path)
    whole = fixtures.backup_seed.read_bytes()
    half = tmp_path / "backups" / harness.backup_name("station", datetime(2026, 2, 1, 9, 0, 0))
    half.write_bytes(whole[: len(whole) // 2])
    keyring.copy_keyring(fixtures.backup_seed, half)
    trial = _trial("backup")
    job.check(tmp_path, harness.ChildRun(["ready"], True, -9, ""), trial)
    assert any("half-written backup" in p and half.name in p for p in trial.problems)
    assert trial.lost >= 1 and not trial.recovered


def test_the_restore_check_catches_a_database_that_is_neither_old_nor_restored(
    fixtures: Any, tmp_path: Path
) -> None:
    job = harness.RestoreJob(fixtures)
    job.setup(tmp_path)
    with harness.connect(tmp_path / "station.db") as con:  # one family gone: neither database
        con.execute("DELETE FROM family_member WHERE family_id = (SELECT min(id) FROM special_family)")
        con.execute("DELETE FROM special_family WHERE id = (SELECT min(id) FROM special_family)")
    trial = _trial("restore")
    job.check(tmp_path, harness.ChildRun(["ready"], True, -9, ""), trial)
    assert any("neither the old one nor the backup" in p for p in trial.problems)
    assert trial.lost == 1 and not trial.recovered
