"""A province database on the PostgreSQL test server, made with ``fpa init`` and removed afterwards.

A test module imports the ``fixture_*`` functions to use the fixtures named without the prefix.

Needs the server that scripts/test.sh starts (``FPA_TEST_PG_URL``, as its superuser). Each use
gets a database of its own with its own owner and application roles; all are dropped at the end.
"""

from __future__ import annotations

import io
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import make_url

from app.cli import main as fpa

PG_URL = os.environ.get("FPA_TEST_PG_URL")
needs_server = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not PG_URL,
        reason="FPA_TEST_PG_URL is not set: no PostgreSQL test server (scripts/test.sh starts one)",
    ),
]
ADMIN = ("admin", "省管理员", "admin-pass-1")
APP_PASSWORD = "app-role-pass-1"


@dataclass(frozen=True)
class ServerProvince:
    name: str
    admin_url: str  # the test server's superuser, on this database
    app_url: str  # as the application role, with its password: what the program is given

    @property
    def app_role(self) -> str:
        return f"{self.name}_app"

    @property
    def owner_role(self) -> str:
        return f"{self.name}_owner"


def server_admin() -> str:
    assert PG_URL is not None
    return make_url(PG_URL).set(drivername="postgresql").render_as_string(hide_password=False)


def as_libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def run_init(monkeypatch: pytest.MonkeyPatch, admin_url: str, *extra: str, stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return fpa(["init", admin_url, "--division", "430000", "--password-stdin", *extra])


@pytest.fixture(name="empty_server_database")
def fixture_empty_server_database() -> Iterator[tuple[str, str]]:
    """(name, admin URL) of a new, empty database on the test server; dropped with its roles after."""
    assert PG_URL is not None
    name = f"fpa_t_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server_admin(), autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield name, make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(server_admin(), autocommit=True) as admin:
            for db in (name, f"{name}_scratch"):
                admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(db)))
            for role in (f"{name}_app", f"{name}_owner"):
                admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


@pytest.fixture(name="server_province")
def fixture_server_province(
    empty_server_database: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> ServerProvince:
    """A province (430000) made by ``fpa init … --admin admin`` on the test server."""
    name, admin_url = empty_server_database
    code = run_init(
        monkeypatch,
        admin_url,
        "--admin",
        ADMIN[0],
        "--admin-name",
        ADMIN[1],
        stdin=f"{APP_PASSWORD}\n{ADMIN[2]}\n",
    )
    assert code == 0
    app_url = make_url(admin_url).set(username=f"{name}_app", password=APP_PASSWORD)
    return ServerProvince(name, admin_url, app_url.render_as_string(hide_password=False))
