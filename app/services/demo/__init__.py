"""`fpa demo`: a realistic, entirely fictitious county built from the division list.

Deterministic for a seed (the same families, names and ID numbers in the same order), and fast:
rows go in through the bulk path, in one transaction, chunk by chunk with progress and cancel.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from pathlib import Path

from app.domain.errors import UserInputError
from app.services.demo_base import DemoSummary, Progress
from app.services.demo_families import FamiliesPart
from app.services.demo_org import OrganisationPart
from app.services.demo_projects import ProjectsPart
from app.services.setup import init_database


class _Builder(OrganisationPart, FamiliesPart, ProjectsPart):
    """Everything a demo county holds, built part by part."""


def generate_demo(
    target: str | Path,
    county_code: str,
    *,
    families: int,
    seed: int,
    progress: Progress = None,
    cancelled: Callable[[], bool] | None = None,
) -> DemoSummary:
    """A new database at ``target`` holding a fictitious county; one transaction for the data."""
    if families < 0 or families > 2_000_000:
        raise UserInputError("家庭户数应在 0 到 2 000 000 之间。")
    # Built under a temporary name and renamed when complete: a demo cut short (cancelled, killed)
    # never stands under the real name looking like a finished county.
    final = None if "://" in str(target) else Path(str(target))
    if final is not None and final.exists() and final.stat().st_size > 0:
        raise UserInputError(f"文件“{final}”已存在，未覆盖。请换一个文件名，或先备份后删除。")
    work: str | Path = target if final is None else final.with_name(f".{final.name}.partial")
    if isinstance(work, Path):
        _remove(work)
    db = init_database(work, county_code)
    try:
        rng = random.Random(seed)
        with db.engine.begin() as conn:
            if conn.dialect.name == "sqlite":
                # One big transaction: a larger page cache keeps SQLite from spilling to disk midway.
                conn.exec_driver_sql("PRAGMA cache_size=-262144")
            builder = _Builder(conn, db, rng, county_code)
            builder.organisation()
            ids = builder.families(families, progress, cancelled)
            builder.projects(ids)
            builder.activities()
    except BaseException:
        db.dispose()
        if isinstance(work, Path):
            _remove(work)
        raise
    db.dispose()
    if final is not None and isinstance(work, Path):
        os.replace(work, final)
    return DemoSummary(**builder.counts)


def _remove(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
