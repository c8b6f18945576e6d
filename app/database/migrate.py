"""Creating and opening databases: migrate to head, copying the file before any upgrade."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

from app.database.base import table_of
from app.database.clock import open_clock
from app.database.engine import connect_file, database_url, make_engine, sqlite_path
from app.database.files import partial_name, publish
from app.database.keyring import copy_keyring, has_keyring, is_encrypted, keyring_path
from app.database.models import Meta
from app.database.server import become_schema_owner, connection_refusal
from app.database.session import (
    META_CLOCK,
    META_CREATED,
    META_DEVICE,
    META_DIVISION,
    META_ROLE,
    Database,
    utcnow,
)
from app.domain.enums import NodeRole
from app.domain.errors import DatabaseError, UserInputError
from app.domain.hlc import new_device_id
from app.domain.server_address import display_url

if TYPE_CHECKING:  # Alembic (and its Mako) is imported only when a migration runs: start speed
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).with_name("migrations")
_REVISION_LINE = re.compile(r"""^(revision|down_revision)\s*(?::[^=]*)?=\s*(?:['"]([^'"]+)['"]|None)""", re.M)
_COLLAPSED_URL = re.compile(r"^postgresql(\+\w+)?:/(?!/)")


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


@cache
def scripts() -> ScriptDirectory:
    """The migration scripts, read once per process (Alembic compiles every file on each read)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


@cache
def known_revisions() -> tuple[str, ...]:
    """Every revision this program knows, oldest first.

    Read from the ``revision`` / ``down_revision`` lines of the scripts, without Alembic: opening
    a database that is already current must not pay for importing Alembic and Mako (≈ 0.25 s).
    The chain must be a single line (as Alembic's ``get_current_head`` requires too).
    """
    parent: dict[str, str | None] = {}
    for script in (MIGRATIONS / "versions").glob("*.py"):
        found = dict((m.group(1), m.group(2)) for m in _REVISION_LINE.finditer(script.read_text("utf-8")))
        if "revision" in found and found["revision"] is not None:
            parent[found["revision"]] = found.get("down_revision")
    children = {p for p in parent.values() if p is not None}
    heads = [r for r in parent if r not in children]
    if len(heads) != 1:
        raise DatabaseError(f"程序的数据库结构脚本不完整（{len(heads)} 个末端版本）。")
    chain: list[str] = []
    at: str | None = heads[0]
    while at is not None:
        chain.append(at)
        at = parent.get(at)
    if len(chain) != len(parent):
        raise DatabaseError("程序的数据库结构脚本不完整（版本链断开）。")
    return tuple(reversed(chain))


def head_revision() -> str:
    return known_revisions()[-1]


def current_revision(conn: Connection) -> str | None:
    """The schema revision stored in the database (its ``alembic_version`` row), or None."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(rows) > 1:
        raise DatabaseError(f"数据库的结构版本不唯一（{'、'.join(rows)}）。")
    return rows[0] if rows else None


def upgrade(conn: Connection, revision: str = "head") -> None:
    from alembic import command

    cfg = alembic_config()
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, revision)


def _url(target: str | Path) -> str:
    """The database URL for ``target``, also when a URL was passed through ``Path``.

    ``Path("postgresql+psycopg://host/db")`` collapses the double slash, which turned a server URL
    into a SQLite file named like it (``fpa init`` parses its argument as a path). Only a known
    server scheme is restored, so a Windows drive ("C:/...") stays a file.
    """
    text = str(target)
    if isinstance(target, Path) and _COLLAPSED_URL.match(text):
        text = text.replace(":/", "://", 1)
    return database_url(text)


def create_database(
    target: str | Path,
    division_code: str,
    role: NodeRole,
    *,
    revision: str = "head",
    fill: Callable[[Connection], object] | None = None,
    key: bytes | None = None,
) -> Database:
    """A new database at ``target`` for this division and role, with a new device id.

    With ``key``, the file is encrypted (SQLCipher) with it; its keyring (``app.database.keyring``)
    is the caller's to write, before this, so the file never exists without a way to open it.

    ``fill`` adds initial content in the same transaction. A SQLite file is built under a
    temporary name and renamed when complete, so a crash never leaves a half-made database under
    the real name (which would then be refused as "not a database of this program").
    """
    url = _url(target)
    path = sqlite_path(url)
    build_url = url
    if path is not None:
        if path.exists() and path.stat().st_size > 0:
            raise UserInputError(f"文件“{path}”已存在，未覆盖。请换一个文件名，或先备份后删除。")
        path.parent.mkdir(parents=True, exist_ok=True)
        building = path.with_name(f".{path.name}.creating")
        for stale in (
            building,
            building.with_name(building.name + "-wal"),
            building.with_name(building.name + "-shm"),
        ):
            stale.unlink(missing_ok=True)  # left by an earlier attempt that was cut short
        build_url = database_url(building)
    elif key is not None:
        raise UserInputError("只有数据库文件可以加密；服务器数据库（PostgreSQL）的保护由服务器负责。")
    engine = make_engine(build_url, key)
    with engine.begin() as conn:
        if inspect(conn).get_table_names():
            raise UserInputError("目标数据库不是空的，未做任何修改。")
        upgrade(conn, revision)
        device = new_device_id()
        now = utcnow().isoformat(timespec="seconds")
        conn.execute(
            table_of(Meta).insert(),
            [
                {"key": META_DEVICE, "value": device},
                {"key": META_DIVISION, "value": division_code},
                {"key": META_ROLE, "value": role.value},
                {"key": META_CREATED, "value": now},
                {"key": META_CLOCK, "value": f"{0:013d}-{0:05d}-{device}"},
            ],
        )
        if fill is not None:
            fill(conn)
    if path is None:
        return Database(engine, url, open_clock=open_clock)
    engine.dispose()  # the last connection closing checkpoints the WAL into the file
    os.replace(building, path)
    return Database(make_engine(url, key), url, key, open_clock=open_clock)


def open_database(
    target: str | Path, key: bytes | None = None, *, backup_dir: Path | None = None
) -> Database:
    """Open an existing database, upgrading it (after a file copy) if it is older than the code.

    An encrypted file needs its ``key`` (from ``app.database.keyring.unwrap``: a sign-in); a key
    given for a plain file is not used.
    """
    url = _url(target)
    path = sqlite_path(url)
    if path is not None and not path.is_file():
        raise UserInputError(f"找不到数据库文件“{path}”。")
    encrypted = path is not None and is_encrypted(path)
    if encrypted and key is None:
        if not has_keyring(path):  # type: ignore[arg-type]
            raise DatabaseError(
                f"无法打开“{target}”：文件已损坏或不是本程序的数据库；若它是加密的数据库，"
                f"它的密钥文件“{keyring_path(path).name}”（与数据库放在同一文件夹）找不到。"  # type: ignore[arg-type]
            )
        raise UserInputError("数据库已加密，请登录后打开。")
    key = key if encrypted else None
    engine = make_engine(url, key)
    try:
        with engine.connect() as conn:
            rev = current_revision(conn)
    except Exception as exc:  # a damaged or foreign file, or a key that is not this file's
        engine.dispose()
        if path is None:  # a server: unreachable, or refused the user
            raise DatabaseError(connection_refusal(url, exc), detail=display_url(url)) from None
        if encrypted:
            raise DatabaseError(
                f"无法打开数据库“{target}”：密钥与文件不符（密钥文件不属于这个数据库），或文件已损坏。",
                detail=str(exc),
            ) from exc
        raise DatabaseError(
            f"无法打开数据库“{target}”：文件已损坏或不是本程序的数据库。", detail=str(exc)
        ) from exc
    known = set(known_revisions())
    if rev is None:
        engine.dispose()
        raise DatabaseError(f"“{display_url(url)}”不是本程序的数据库（没有版本信息）。")
    if rev not in known:
        engine.dispose()
        raise DatabaseError(
            f"数据库“{display_url(url)}”来自更新版本的程序（结构版本 {rev}），请先升级本程序。"
        )
    if rev != head_revision():
        if path is not None:
            backup_before_upgrade(path, rev, backup_dir, key=key)
        try:
            with engine.begin() as conn:
                if path is None:
                    become_schema_owner(conn)  # the tables stay the owner role's (docs/SECURITY.md)
                upgrade(conn)
        except BaseException:
            engine.dispose()
            raise
    return Database(engine, url, key, open_clock=open_clock)


def backup_before_upgrade(
    path: Path, revision: str, backup_dir: Path | None = None, *, key: bytes | None = None
) -> Path:
    """Copy the database (checkpointed, so the copy is whole) before a schema migration.

    An encrypted file's copy is encrypted the same way; its keyring is copied beside it.
    """
    raw = connect_file(path, key)
    try:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()
    folder = backup_dir or path.parent
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    dest = folder / f"{path.stem}.before-{revision}-{stamp}{path.suffix}"
    partial = partial_name(dest)
    shutil.copy2(path, partial)
    if key is not None:
        copy_keyring(path, dest)
    publish(partial, dest)  # under its real name only once whole
    return dest
