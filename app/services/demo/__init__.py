"""`fpa demo`: a realistic, entirely fictitious county built from the division list.

Deterministic for a county and seed (the same families, names, ID numbers and ids in the same
order), and fast: rows go in through the bulk path, in one transaction, chunk by chunk with
progress and cancel. Only the sync stamps and the device id come from the real clock and machine.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from app.database import keyring
from app.domain.enums import NodeRole
from app.domain.errors import UserInputError
from app.services.demo.accounts import (
    DEMO_DISPLAY_NAME,
    DEMO_PASSWORD,
    DEMO_PASSWORDS,
    DEMO_USERNAME,
    add_demo_users,
    demo_account,
)
from app.services.demo.activities import ActivitiesPart
from app.services.demo.base import DemoSummary, Progress
from app.services.demo.draw import Draw
from app.services.demo.families import FamiliesPart
from app.services.demo.org import OrganisationPart
from app.services.demo.projects import ProjectsPart
from app.services.shared.workspace import Workspace
from app.services.system import create_first_admin, init_database
from app.sync import state

__all__ = [
    "DEMO_DISPLAY_NAME",
    "DEMO_PASSWORD",
    "DEMO_PASSWORDS",
    "DEMO_USERNAME",
    "DemoSummary",
    "add_demo_users",
    "demo_account",
    "generate_demo",
]

MAX_FAMILIES = 2_000_000


class _Builder(OrganisationPart, FamiliesPart, ProjectsPart, ActivitiesPart):
    """Everything a demo county holds, built part by part."""


def generate_demo(
    target: str | Path,
    county_code: str,
    *,
    families: int,
    seed: int,
    progress: Progress = None,
    cancelled: Callable[[], bool] | None = None,
    encrypted: bool = False,
) -> DemoSummary:
    """A new database at ``target`` holding a fictitious county; one transaction for the data.

    ``encrypted`` makes it like a real installation: encrypted, with the administrator
    ``DEMO_USERNAME`` / ``DEMO_PASSWORD`` and the keyring's ``demo`` flag (the login screen shows
    the account). Raises Cancelled when ``cancelled()`` says so between chunks: nothing is left behind.
    """
    if families < 0 or families > MAX_FAMILIES:
        raise UserInputError(f"家庭户数应在 0 到 {MAX_FAMILIES:,} 之间。")
    # Built under a temporary name and renamed when complete: a demo cut short (cancelled, killed)
    # never stands under the real name looking like a finished county.
    final = None if "://" in str(target) else Path(str(target))
    if final is not None and final.exists() and final.stat().st_size > 0:
        raise UserInputError(f"文件“{final}”已存在，未覆盖。请换一个文件名，或先备份后删除。")
    work: str | Path = target if final is None else final.with_name(f".{final.name}.partial")
    if isinstance(work, Path):
        _remove(work)
    key = None
    if encrypted:
        if not isinstance(work, Path):
            raise UserInputError("只有数据库文件可以加密。")
        key = keyring.new_database_key()
        keyring.create(work, key, DEMO_USERNAME, DEMO_PASSWORD)
        keyring.set_flag(work, "demo", True)
    db = init_database(work, county_code, key=key)
    try:
        # The county is part of the seed: two counties made with the same seed must not share ids
        # (their bundles meet at the province). A text seed hashes the same in every process.
        draw = Draw(f"fpa-demo:{county_code}:{seed}")
        with db.engine.begin() as conn:
            if conn.dialect.name == "sqlite":
                # One big transaction: a larger page cache keeps SQLite from spilling to disk midway.
                conn.exec_driver_sql("PRAGMA cache_size=-262144")
            builder = _Builder(conn, db, draw, county_code)
            builder.organisation()
            builder.support_standards()
            builder.families(families, progress, cancelled)
            builder.projects()
            builder.activities()
            builder.populations()  # last: its ids take no draw from what comes before
        ws = Workspace(db, Path(str(work)), county_code, NodeRole.COUNTY)
        if key is not None:
            # The administrator the keyring was made for gets its account row first.
            create_first_admin(ws, DEMO_USERNAME, DEMO_DISPLAY_NAME, DEMO_PASSWORD)
            ws.user, ws.username = None, None  # the other accounts are added as before, by nobody
            with db.engine.begin() as conn:
                state.put(conn, "demo", "1")
        # One account per role (passwords in the README), so every role can be tried on the demo.
        add_demo_users(ws)
    except BaseException:
        db.dispose()
        if isinstance(work, Path):
            _remove(work)
        raise
    db.dispose()
    if final is not None and isinstance(work, Path):
        if key is not None:
            os.replace(keyring.keyring_path(work), keyring.keyring_path(final))  # first: never a file without
        os.replace(work, final)
    return DemoSummary(**builder.counts)


def _remove(path: Path) -> None:
    for leftover in (
        path,
        path.with_name(path.name + "-wal"),
        path.with_name(path.name + "-shm"),
        keyring.keyring_path(path),
    ):
        leftover.unlink(missing_ok=True)
