"""A province on PostgreSQL as the program uses it: ``fpa init`` makes an owner role and an
application role without rights over the tables; signing in, roles and the audit log work as on a file.

Against the real server scripts/test.sh starts; each test gets its own database and roles.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest

from app.cli import main as fpa
from app.domain.enums import UserRole
from app.domain.errors import LoginDelayed, UserInputError
from app.services.shared.audit import list_entries
from app.services.system import accounts, users
from tests.server_province import (
    ADMIN,
    APP_PASSWORD,
    ServerProvince,
    as_libpq,
    fixture_empty_server_database,  # noqa: F401
    fixture_server_province,  # noqa: F401
    needs_server,
    run_init,
)

pytestmark = needs_server


def test_init_makes_an_owner_role_and_an_application_role_that_cannot_change_tables(
    server_province: ServerProvince,
) -> None:
    with psycopg.connect(as_libpq(server_province.admin_url)) as admin:
        owners = admin.execute(
            "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'fpa'"
        ).fetchall()
        assert owners == [(server_province.owner_role,)]
        rights = admin.execute(
            "SELECT rolsuper, rolcreatedb, rolcreaterole, rolcanlogin FROM pg_roles WHERE rolname = %s",
            (server_province.app_role,),
        ).fetchone()
        assert rights == (False, False, False, True)
        owner_logs_in = admin.execute(
            "SELECT rolcanlogin FROM pg_roles WHERE rolname = %s", (server_province.owner_role,)
        ).fetchone()
        assert owner_logs_in == (False,)
    with psycopg.connect(as_libpq(server_province.app_url)) as app:
        assert app.execute("SELECT count(*) FROM user_account").fetchone() == (1,)
        for statement in (
            "CREATE TABLE fpa.stolen (x int)",
            "CREATE TABLE public.stolen (x int)",
            "DROP TABLE special_family",
            "ALTER TABLE special_family ADD COLUMN x int",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                app.execute(statement)
            app.rollback()


def test_init_refuses_a_second_province_under_the_same_roles(
    server_province: ServerProvince, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_init(monkeypatch, server_province.admin_url, stdin=f"{APP_PASSWORD}\n") != 0
    assert "已有角色" in capsys.readouterr().err
    ws = accounts.sign_in(server_province.app_url, ADMIN[0], ADMIN[2])  # the first one is as it was
    ws.close()


def test_init_without_admin_gives_a_province_that_opens_without_sign_in(
    empty_server_database: tuple[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    name, admin_url = empty_server_database
    assert run_init(monkeypatch, admin_url, stdin="\n") == 0
    out = capsys.readouterr().out
    assert f"{name}_app" in out and "不能建表" in out
    app_url = admin_url.replace("postgres@", f"{name}_app@")
    assert not accounts.needs_sign_in(app_url)
    assert fpa(["check", app_url]) == 0


def test_sign_in_checks_the_password_in_the_database_and_audits_it(server_province: ServerProvince) -> None:
    url = server_province.app_url
    assert accounts.needs_sign_in(url)
    with pytest.raises(UserInputError, match="用户名或密码不正确"):
        accounts.sign_in(url, ADMIN[0], "wrong-password")
    ws = accounts.sign_in(url, ADMIN[0], ADMIN[2])
    try:
        assert ws.user is not None and ws.user.role is UserRole.SYSTEM_ADMIN
        assert ws.division_code == "430000000000"
        actions = [(e.action, e.target) for e in list_entries(ws, 10)]
        assert ("login", ADMIN[0]) in actions and ("login_failed", ADMIN[0]) in actions
        # Accounts made on the server are checked against the server's table, not a keyring file.
        users.add_user(ws, "clerk", "王录入", UserRole.READ_ONLY, "430100000000", "clerk-pass-1")
    finally:
        ws.close()
    clerk = accounts.sign_in(url, "clerk", "clerk-pass-1")
    try:
        assert clerk.user is not None and clerk.user.role is UserRole.READ_ONLY
    finally:
        clerk.close()


def test_wrong_passwords_lock_the_account_in_the_database(server_province: ServerProvince) -> None:
    url = server_province.app_url
    start = datetime.now(UTC)
    for n in range(5):
        with pytest.raises(UserInputError):
            accounts.sign_in(url, ADMIN[0], "wrong-password", now=start + timedelta(seconds=10 * n))
    with pytest.raises(LoginDelayed, match="锁定"):
        accounts.sign_in(url, ADMIN[0], ADMIN[2], now=start + timedelta(minutes=1))
    later = accounts.sign_in(url, ADMIN[0], ADMIN[2], now=start + timedelta(minutes=20))
    later.close()


def test_the_command_line_signs_in_to_a_province_with_accounts(
    server_province: ServerProvince, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert fpa(["check", server_province.app_url]) != 0
    assert "--user" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO(ADMIN[2] + "\n"))
    assert fpa(["check", server_province.app_url, "--user", ADMIN[0], "--password-stdin"]) == 0


def test_an_older_province_is_upgraded_only_as_the_owner_of_its_tables(
    server_province: ServerProvince,
) -> None:
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    from app.database.migrate import alembic_config, head_revision, known_revisions
    from app.domain.errors import DatabaseError
    from app.services.shared.workspace import open_workspace

    previous = known_revisions()[-2]
    as_owner = make_url(server_province.admin_url).update_query_dict(
        {"options": f"-crole={server_province.owner_role}"}
    )
    engine = create_engine(as_owner)
    with engine.begin() as conn:
        from alembic import command

        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, previous)
    engine.dispose()
    with pytest.raises(DatabaseError, match="只能由表结构的所有者"):
        open_workspace(server_province.app_url)
    with psycopg.connect(as_libpq(server_province.admin_url)) as admin:
        assert admin.execute("SELECT version_num FROM alembic_version").fetchone() == (previous,)
    open_workspace(server_province.admin_url).close()  # the server's administrator: upgraded as the owner
    with psycopg.connect(as_libpq(server_province.admin_url)) as admin:
        assert admin.execute("SELECT version_num FROM alembic_version").fetchone() == (head_revision(),)
        owners = admin.execute(
            "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'fpa'"
        ).fetchall()
    assert owners == [(server_province.owner_role,)]
    with psycopg.connect(as_libpq(server_province.app_url)) as app:  # the new table is the program's too
        assert app.execute("SELECT count(*) FROM period_lock").fetchone() == (0,)
    accounts.sign_in(server_province.app_url, ADMIN[0], ADMIN[2]).close()


@pytest.fixture
def password_checked(server_province: ServerProvince) -> Iterator[None]:
    """The test server (trust for everyone) asks the application role for its password (SCRAM)."""
    with psycopg.connect(as_libpq(server_province.admin_url), autocommit=True) as admin:
        row = admin.execute("SHOW hba_file").fetchone()
        assert row is not None
        hba = Path(str(row[0]))
        if not os.access(hba, os.W_OK):
            pytest.skip("the test server's pg_hba.conf cannot be changed from here")
        original = hba.read_text()
        hba.write_text(f"host all {server_province.app_role} 127.0.0.1/32 scram-sha-256\n" + original)
        admin.execute("SELECT pg_reload_conf()")
        try:
            yield
        finally:
            hba.write_text(original)
            admin.execute("SELECT pg_reload_conf()")


def test_the_server_checks_the_application_roles_password(
    server_province: ServerProvince, password_checked: None
) -> None:
    from sqlalchemy.engine import make_url

    from app.domain.errors import DatabaseError

    with psycopg.connect(as_libpq(server_province.admin_url)) as admin:
        stored = admin.execute(
            "SELECT rolpassword FROM pg_authid WHERE rolname = %s", (server_province.app_role,)
        ).fetchone()
    assert (
        stored is not None
        and str(stored[0]).startswith("SCRAM-SHA-256$")
        and APP_PASSWORD not in str(stored[0])
    )
    wrong = (
        make_url(server_province.app_url)
        .set(password="not-the-password")
        .render_as_string(hide_password=False)
    )
    with pytest.raises(DatabaseError, match="拒绝了用户名或密码") as refused:
        accounts.sign_in(wrong, ADMIN[0], ADMIN[2])
    assert "not-the-password" not in refused.value.message
    accounts.sign_in(server_province.app_url, ADMIN[0], ADMIN[2]).close()
