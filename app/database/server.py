"""A province on a PostgreSQL server: its address, the two roles that own and use it, its tools.

``fpa init postgresql+psycopg://admin@host/db`` (run by someone allowed to create roles) makes:

- ``<db>_owner`` — NOLOGIN; owns the schema ``fpa`` and every table in it (migrations run as it);
- ``<db>_app`` — LOGIN, no superuser, no CREATEDB or CREATEROLE: reads and writes rows, cannot
  create, alter or drop a table; the program connects as it;
- ``<db>_scratch`` — a database owned by ``<db>_app``, where each backup is restored as a test
  before it gets its name, and a restore is checked before it replaces anything.

The password is never written anywhere by the program: it is typed, kept in memory in the URL of
the open engine, and handed to ``pg_dump``/``pg_restore`` through their environment.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo
from sqlalchemy import Connection
from sqlalchemy.engine import make_url

from app.domain.errors import DatabaseError, UserInputError
from app.domain.server_address import display_url

SCHEMA = "fpa"
_NAME = re.compile(r"[a-z_][a-z0-9_]{0,40}")


def libpq(url: str) -> tuple[str, dict[str, str]]:
    """A libpq connection string without the password, and the environment that carries it."""
    parsed = make_url(url)
    conninfo = parsed.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = parsed.password
    return conninfo, env


def connect(url: str, *, autocommit: bool = False) -> psycopg.Connection[tuple[object, ...]]:
    """A driver connection (for COPY and administration); the password goes as a parameter."""
    conninfo, _env = libpq(url)
    password = make_url(url).password
    if password:
        conninfo = make_conninfo(conninfo, password=str(password))
    return psycopg.connect(conninfo, autocommit=autocommit)


def with_database(url: str, database: str) -> str:
    return make_url(url).set(database=database).render_as_string(hide_password=False)


def scratch_name(database: str) -> str:
    return f"{database}_scratch"


def pg_tool(name: str) -> str:
    """The path of ``pg_dump`` or ``pg_restore``: ``FPA_PG_BINDIR``, the newest Debian one, or PATH.

    The newest installed version is chosen, since pg_dump must not be older than the server.
    """
    folder = os.environ.get("FPA_PG_BINDIR")
    candidates = [Path(folder) / name] if folder else []
    versions = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: _version(p.parts[-3]))
    candidates.extend(reversed(versions))
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise UserInputError(
            f"找不到 PostgreSQL 的 {name} 程序：请安装 PostgreSQL 客户端（Debian：postgresql-client），"
            "或用环境变量 FPA_PG_BINDIR 指明它所在的文件夹。数据库没有改动。"
        )
    return found


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".") if part.isdigit())


# ---------------------------------------------------------------------------------------------
# The two roles (fpa init)


@dataclass(frozen=True)
class ProvinceRoles:
    owner: str
    app: str
    scratch_database: str

    def app_url(self, admin_url: str) -> str:
        """The URL the program uses: the admin's server and database, as the application role."""
        return make_url(admin_url).set(username=self.app, password=None).render_as_string(hide_password=False)


def roles_for(database: str, owner: str | None = None, app: str | None = None) -> ProvinceRoles:
    owner = owner or f"{database}_owner"
    app = app or f"{database}_app"
    for name in (owner, app):
        if not _NAME.fullmatch(name):
            raise UserInputError(f"角色名“{name}”无效：只用小写英文字母、数字和下划线，以字母开头。")
    return ProvinceRoles(owner, app, scratch_name(database))


def scram_verifier(password: str, iterations: int = 4096) -> str:
    """What PostgreSQL stores for a SCRAM-SHA-256 password (RFC 5802/7677, as ``pg_authid`` holds it).

    Handing this to ``CREATE ROLE … PASSWORD`` keeps the password itself off the wire and out of
    the server's statement log. (PostgreSQL applies SASLprep; passwords are used as typed here,
    which is the same for ASCII and for most other text.)
    """
    salt = os.urandom(16)
    salted = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()
    salt_text, stored, server = (base64.b64encode(v).decode() for v in (salt, stored_key, server_key))
    return f"SCRAM-SHA-256${iterations}:{salt_text}${stored}:{server}"


def create_roles(admin_url: str, roles: ProvinceRoles, app_password: str | None) -> None:
    """The owner and application roles, the schema, and the scratch database (as the admin).

    Refused when a role already exists: a second province database gets roles of its own.
    """
    database = make_url(admin_url).database or ""
    with connect(admin_url, autocommit=True) as conn:
        for name in (roles.owner, roles.app):
            if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone():
                raise UserInputError(
                    f"服务器上已有角色“{name}”，未做任何修改。"
                    "请换一个数据库名，或用 --owner-role/--app-role 另取角色名。"
                )
        owner, app = sql.Identifier(roles.owner), sql.Identifier(roles.app)
        conn.execute(
            sql.SQL("CREATE ROLE {} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT").format(owner)
        )
        # The server gets a SCRAM verifier, never the password: it is not in the server's log either.
        verifier = scram_verifier(app_password) if app_password else None
        conn.execute(
            sql.SQL(
                "CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD {}"
            ).format(app, sql.Literal(verifier))
        )
        db = sql.Identifier(database)
        conn.execute(sql.SQL("GRANT {} TO CURRENT_USER").format(owner))
        conn.execute(sql.SQL("CREATE SCHEMA {} AUTHORIZATION {}").format(sql.Identifier(SCHEMA), owner))
        conn.execute(sql.SQL("ALTER DATABASE {} SET search_path TO {}").format(db, sql.Identifier(SCHEMA)))
        # Nobody but the owner creates anything in this database (PostgreSQL < 15 let everyone).
        conn.execute(sql.SQL("REVOKE CREATE ON SCHEMA public FROM PUBLIC"))
        conn.execute(sql.SQL("REVOKE CREATE ON DATABASE {} FROM PUBLIC").format(db))
        conn.execute(sql.SQL("GRANT CONNECT, TEMPORARY ON DATABASE {} TO {}").format(db, app))
        conn.execute(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(sql.Identifier(SCHEMA), app))
        conn.execute(
            sql.SQL(
                "ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA {} "
                "GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLES TO {}"
            ).format(owner, sql.Identifier(SCHEMA), app)
        )
        conn.execute(
            sql.SQL(
                "ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA {} "
                "GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {}"
            ).format(owner, sql.Identifier(SCHEMA), app)
        )
        scratch = sql.Identifier(roles.scratch_database)
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(scratch))
        conn.execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(scratch, app))
        conn.execute(
            sql.SQL("ALTER DATABASE {} SET search_path TO {}").format(scratch, sql.Identifier(SCHEMA))
        )


def drop_roles(admin_url: str, roles: ProvinceRoles) -> None:
    """Undo ``create_roles`` after a failed init (the database's tables are the caller's to drop)."""
    with connect(admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(SCHEMA)))
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(roles.scratch_database)))
        for name in (roles.app, roles.owner):
            if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone():
                conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(name)))
                conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))


# ---------------------------------------------------------------------------------------------
# Connecting


def connection_refusal(url: str, exc: BaseException) -> str:
    """Why the server could not be opened, in Chinese (the driver's text names no password)."""
    text = str(exc)
    where = display_url(url)
    if "password authentication failed" in text or "no password supplied" in text:
        return f"无法连接省级数据库 {where}：服务器拒绝了用户名或密码。请核对后重试。"
    if "does not exist" in text and "database" in text:
        return f"无法连接省级数据库 {where}：服务器上没有这个数据库。"
    if "permission denied" in text:
        return f"无法打开省级数据库 {where}：此用户没有权限（{text.splitlines()[0][:120]}）。"
    return f"无法连接省级数据库 {where}：服务器没有响应或拒绝连接。请检查地址、端口和网络。"


def server_has_accounts(url: str) -> bool:
    """Whether the province database at ``url`` holds any account (then it opens only by sign-in).

    A database this program did not make answers False here; opening it then says what it is.
    """
    try:
        with connect(url) as conn:
            found = conn.execute("SELECT to_regclass('user_account') IS NOT NULL").fetchone()
            if not found or not found[0]:
                return False
            row = conn.execute("SELECT count(*) FROM user_account").fetchone()
    except psycopg.Error as exc:
        raise DatabaseError(connection_refusal(url, exc), detail=display_url(url)) from None
    return bool(row and row[0])


def become_schema_owner(conn: Connection) -> None:
    """In this transaction, act as the role that owns the tables, so a migration keeps them its own.

    A superuser or a member of ``<db>_owner`` can; the application role cannot, and is told so.
    """
    owner = conn.exec_driver_sql(
        "SELECT tableowner FROM pg_tables "
        "WHERE tablename = 'alembic_version' AND schemaname = current_schema()"
    ).scalar()
    if owner is None or owner == conn.exec_driver_sql("SELECT current_user").scalar():
        return
    try:
        with conn.begin_nested():
            conn.exec_driver_sql(f"SET LOCAL ROLE {sql.Identifier(str(owner)).as_string(None)}")
    except Exception:
        raise DatabaseError(
            f"省级数据库的结构需要升级，只能由表结构的所有者（{owner}）或服务器管理员升级："
            "请服务器管理员先备份，再以有权限的账户运行一次 fpa check（连接地址相同，用户换成管理员）。"
            "数据库没有改动。"
        ) from None
