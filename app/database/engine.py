"""Engines: SQLite files with the PRAGMAs that keep data safe, or a PostgreSQL URL."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlcipher3 import dbapi2 as sqlcipher


def database_url(target: str | Path) -> str:
    """A SQLAlchemy URL for a file path, or the URL itself when one is given."""
    text = str(target)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).resolve()}"


def is_sqlite_url(url: str) -> bool:
    return url.startswith("sqlite")


def sqlite_path(url: str) -> Path | None:
    if not url.startswith("sqlite:///"):
        return None
    return Path(url.removeprefix("sqlite:///"))


READ_ONLY = "fpa_read_only"


def reader(engine: Engine) -> Engine:
    """The same engine and pool, for transactions that only read."""
    return engine.execution_options(**{READ_ONLY: True})


def key_pragma(key: bytes) -> str:
    """SQLCipher's PRAGMA for a raw 256-bit key: no passphrase derivation, so opening costs nothing.

    The slow password derivation (Argon2id) happens once, in ``app.database.keyring``.
    """
    if len(key) != 32:
        raise ValueError("a database key is 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


# What the two drivers raise (SQLCipher's driver is a copy of sqlite3 with its own classes).
DRIVER_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, sqlcipher.Error)


def connect_file(path: Path | str, key: bytes | None = None) -> Any:
    """A driver connection to a SQLite file: sqlite3 for a plain file, SQLCipher when ``key`` is given.

    For the few places that need the driver itself (the online backup API, a checkpoint).
    """
    if key is None:
        return sqlite3.connect(path)
    conn = sqlcipher.connect(str(path))
    conn.execute(key_pragma(key))
    return conn


def make_engine(target: str | Path, key: bytes | None = None) -> Engine:
    """An engine for a file or URL; with ``key``, the file is a SQLCipher database opened with it."""
    url = database_url(target)
    if not is_sqlite_url(url):
        return create_engine(url, pool_pre_ping=True)
    if key is None:
        # LIFO: the connection used last (its page cache warm) is handed out again; the reader
        # threads (ui.shell.tasks) open more only when they really read at the same time.
        engine = create_engine(url, pool_use_lifo=True)
    else:
        path = sqlite_path(url)
        if path is None:
            raise ValueError("only a database file can be encrypted")
        pragma = key_pragma(key)

        def _connect() -> Any:
            conn = sqlcipher.connect(str(path), check_same_thread=False)
            conn.execute(pragma)  # first, before anything reads the file
            return conn

        # module=: SQLAlchemy then recognises SQLCipher's exceptions as the driver's (IntegrityError…)
        engine = create_engine(url, module=sqlcipher, creator=_connect, pool_use_lifo=True)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions begin (see "begin" below).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")  # readers never block the writer; survives power cuts
        cur.execute("PRAGMA synchronous=FULL")  # a committed save is on disk, even on a power cut
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=10000")
        # 64 MB of page cache (SQLite's default is 2 MB): a merge into a county or province database
        # of hundreds of MB keeps the index pages it touches in memory between bundles. Reads keep it
        # too: a 16 MB cache for reads was tried, and on an encrypted county of 100 000 families
        # every scan then decrypted its pages again (a typed character 1.8 s against 0.25 s).
        cur.execute("PRAGMA cache_size=-65536")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # A writer takes the lock at BEGIN (IMMEDIATE), so two writers wait for each other instead
        # of failing mid-save; readers (see ``reader``) never take it and never block anyone.
        if conn.get_execution_options().get(READ_ONLY):
            conn.exec_driver_sql("BEGIN")
        else:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
