"""Backups of a PostgreSQL province: ``pg_dump`` (custom format) streamed through age, and back.

The dump never touches the disk in clear: pg_dump's output goes straight into the age encryptor,
and a restore's decrypted stream goes straight into ``pg_restore``. Every dump is checked as it is
written: it is also encrypted to a one-off key that lives only in memory for this backup, the file
is decrypted with it and restored into the scratch database, and only a dump that restored whole
gets its name. A restore first restores into the scratch database, checks it, and only then
replaces the rows of the live database, in one transaction.
"""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import pyrage
from psycopg import sql
from sqlalchemy import Integer
from sqlalchemy.engine import make_url

from app.database.base import Base
from app.database.server import connect, libpq, pg_tool, scratch_name, with_database
from app.domain.errors import Cancelled, FpaError, UserInputError

CHUNK = 1 << 20


class _Pipe:
    """A reader over a subprocess's output that counts bytes and stops when cancelled."""

    def __init__(
        self, stream: IO[bytes], progress: Callable[[int], None] | None, cancelled: Callable[[], bool] | None
    ):
        self.stream = stream
        self.done = 0
        self.progress = progress
        self.cancelled = cancelled

    def read(self, n: int = -1) -> bytes:
        if self.cancelled is not None and self.cancelled():
            raise Cancelled()
        data = self.stream.read(CHUNK if n is None or n < 0 else n)
        self.done += len(data)
        if self.progress is not None:
            self.progress(self.done)
        return data


def _failure(what: str, stderr: IO[bytes]) -> str:
    stderr.seek(0)
    text = stderr.read().decode("utf-8", "replace").strip().splitlines()
    return f"{what}：{text[-1][:200] if text else '没有说明'}"


def current_schema(url: str) -> str:
    with connect(url) as conn:
        row = conn.execute("SELECT current_schema()").fetchone()
    if row is None or row[0] is None:
        raise UserInputError("省级数据库没有可用的模式（search_path），无法备份。")
    return str(row[0])


def scratch_url(url: str) -> str:
    """The scratch database beside the province (made by ``fpa init``; created here if allowed)."""
    database = make_url(url).database or ""
    target = with_database(url, scratch_name(database))
    with connect(url, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (scratch_name(database),)
        ).fetchone()
        if not exists:
            try:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(scratch_name(database))))
            except Exception:
                raise UserInputError(
                    f"服务器上没有备份校验用的数据库“{scratch_name(database)}”，本账户也无权创建："
                    "请服务器管理员用 fpa init 建库，或建一个归本账户所有的同名数据库。数据库没有改动。"
                ) from None
    return target


def dump_encrypted(
    url: str,
    dest: Path,
    recipients: list[str],
    *,
    schema: str,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> pyrage.x25519.Identity:
    """pg_dump of ``schema`` into ``dest``, age-encrypted to ``recipients`` and to a one-off key,
    which is returned (for the check) and never stored."""
    check = pyrage.x25519.Identity.generate()
    parsed = [pyrage.x25519.Recipient.from_str(r) for r in recipients] + [check.to_public()]
    conninfo, env = libpq(url)
    command = [pg_tool("pg_dump"), "--format=custom", "--schema", schema, "--dbname", conninfo]
    with tempfile.TemporaryFile() as stderr:
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, env=env)
        assert proc.stdout is not None
        try:
            with open(dest, "wb") as out:
                pyrage.encrypt_io(_Pipe(proc.stdout, progress, cancelled), out, parsed)
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        finally:
            proc.stdout.close()
        if proc.wait() != 0:
            raise FpaError(_failure("pg_dump 未能导出省级数据库", stderr))
    return check


def reset_scratch(scratch: str, schema: str) -> None:
    with connect(scratch, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))
        if schema == "public":
            conn.execute("CREATE SCHEMA public")


def restore_into(scratch: str, encrypted: Path, identity: Any, *, schema: str, source: str) -> None:
    """Decrypt ``encrypted`` with ``identity`` straight into ``pg_restore`` on the scratch database.

    Raises ``UserInputError`` naming ``source`` when the file does not decrypt (damaged, or for
    another key) or the dump inside does not restore whole.
    """
    reset_scratch(scratch, schema)
    conninfo, env = libpq(scratch)
    command = [
        pg_tool("pg_restore"),
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        "--dbname",
        conninfo,
    ]
    with tempfile.TemporaryFile() as stderr:
        proc = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=stderr, env=env
        )
        assert proc.stdin is not None
        decrypted = True
        try:
            with open(encrypted, "rb") as src:
                pyrage.decrypt_io(src, proc.stdin, [identity])
        except (OSError, pyrage.DecryptError):
            decrypted = False
        finally:
            with contextlib.suppress(OSError):  # pg_restore stopped reading: its exit code says why
                proc.stdin.close()
        code = proc.wait()
        if not decrypted:
            raise UserInputError(
                f"备份“{source}”无法解密：文件已损坏或被改动，或不是用本省密钥加密的。数据库没有改动。"
            )
        if code != 0:
            raise UserInputError(_failure(f"备份“{source}”中的数据无法完整恢复，数据库没有改动", stderr))


def _columns(table: Any) -> sql.Composed:
    return sql.SQL(", ").join(sql.Identifier(c.name) for c in table.columns)


def replace_rows(live: str, scratch: str) -> dict[str, int]:
    """Put every table's rows of the scratch database in the place of the live ones, in one transaction.

    Both must be at the same schema revision. Sequences follow the highest id restored.
    """
    counts: dict[str, int] = {}
    tables = list(Base.metadata.sorted_tables)
    with connect(scratch) as src, connect(live) as dst:
        names = sql.SQL(", ").join(sql.Identifier(t.name) for t in tables)
        dst.execute(sql.SQL("TRUNCATE {}").format(names))
        for table in tables:
            cols = _columns(table)
            name = sql.Identifier(table.name)
            out_sql = sql.SQL("COPY (SELECT {} FROM {}) TO STDOUT (FORMAT BINARY)").format(cols, name)
            in_sql = sql.SQL("COPY {} ({}) FROM STDIN (FORMAT BINARY)").format(name, cols)
            with src.cursor().copy(out_sql) as reading, dst.cursor().copy(in_sql) as writing:
                for block in reading:
                    writing.write(block)
            row = dst.execute(sql.SQL("SELECT count(*) FROM {}").format(name)).fetchone()
            counts[table.name] = int(str(row[0])) if row else 0
            for column in table.primary_key.columns:
                if isinstance(column.type, Integer) and column.autoincrement in (True, "auto"):
                    seq = dst.execute(
                        "SELECT pg_get_serial_sequence(%s, %s)", (table.name, column.name)
                    ).fetchone()
                    if seq and seq[0]:
                        dst.execute(
                            sql.SQL(
                                "SELECT setval(%s, coalesce(max({}), 1), max({}) IS NOT NULL) FROM {}"
                            ).format(sql.Identifier(column.name), sql.Identifier(column.name), name),
                            (seq[0],),
                        )
        dst.commit()
    return counts
