"""First start: the wizard's division lists, a new installation, its first administrator, its facts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from app.database.keyring import keyring_path
from app.domain.enums import NodeRole
from app.domain.errors import BadFileError, UserInputError
from app.services import sync
from app.services.shared.workspace import open_workspace
from app.services.system import installation
from app.services.system.accounts import account_problems, check_password, create_first_admin, sign_in

COUNTY = "430121000000"  # 长沙县
TOWNSHIP = "430121001000"  # 星沙街道


def test_the_lists_go_from_province_to_township() -> None:
    provinces = installation.provinces()
    assert provinces[0].has_townships and {p.name for p in provinces[:2]} == {"湖南省", "福建省"}
    assert len(provinces) >= 31
    counties = installation.counties("430000000000")
    changsha = next(c for c in counties if c.code == COUNTY)
    assert changsha.label == "长沙市 长沙县"
    assert all(c.code.startswith("43") for c in counties)
    townships = installation.townships(COUNTY)
    assert TOWNSHIP in {t.code for t in townships} and all(t.label == t.name for t in townships)
    beijing = next(p for p in provinces if p.name == "北京市")
    assert (
        not beijing.has_townships
        and installation.townships(installation.counties(beijing.code)[0].code) == []
    )


def test_a_county_installation(tmp_path: Path) -> None:
    ws = installation.create_installation(tmp_path / "fpa.db", COUNTY, NodeRole.COUNTY)
    try:
        facts = installation.installation_facts(ws)
        assert (facts.role, facts.division_code, facts.division_name) == (NodeRole.COUNTY, COUNTY, "长沙县")
        assert facts.schema_is_current and facts.size_bytes and facts.accounts == 0
        assert facts.database == str(tmp_path / "fpa.db") and facts.device_id == ws.device_id
    finally:
        ws.close()


def test_a_station_records_its_township(tmp_path: Path) -> None:
    ws = installation.create_installation(tmp_path / "fpa.db", TOWNSHIP, NodeRole.STATION)
    try:
        assert (ws.division_code, ws.role) == (TOWNSHIP, NodeRole.STATION)
        rows = installation.division_list(ws)
        assert rows[0].code == TOWNSHIP and all(r.code.startswith("430121001") for r in rows)
    finally:
        ws.close()


def test_a_division_of_the_wrong_level_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserInputError, match="乡镇"):
        installation.create_installation(tmp_path / "fpa.db", COUNTY, NodeRole.STATION)
    assert not (tmp_path / "fpa.db").exists()


def test_set_up_makes_an_encrypted_database_that_opens_only_with_the_admin_password(tmp_path: Path) -> None:
    path = tmp_path / "fpa.db"
    made = installation.set_up_installation(
        path, COUNTY, NodeRole.COUNTY, username="admin", display_name="李管理", password="secret-pass-1"
    )
    ws = made.workspace
    try:
        assert ws.username == "admin" and ws.user is not None and ws.user.display_name == "李管理"
        assert check_password(ws, "admin", "secret-pass-1") and not check_password(ws, "admin", "wrong-pass")
        with pytest.raises(UserInputError, match="已有管理员"):
            create_first_admin(ws, "second", "王", "another-pass")
        with ws.db.read() as s:
            stored = s.execute(
                text("SELECT username, display_name, role, password_hash FROM user_account")
            ).all()
    finally:
        ws.close()
    assert len(stored) == 1
    username, name, role, hashed = stored[0]
    assert (username, name, role) == ("admin", "李管理", "系统管理员")
    assert hashed.startswith("$argon2id$") and "secret-pass-1" not in hashed
    groups = made.recovery_key.split("-")
    assert len(groups) == 8 and all(len(g) == 5 for g in groups)
    # the file copied off the laptop: the sqlite3 module cannot read it, and no name is in its bytes
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        sqlite3.connect(path).execute("SELECT * FROM user_account").fetchall()
    raw = path.read_bytes() + keyring_path(path).read_bytes()
    for secret in ("secret-pass-1", "李管理", "admin", "长沙县"):
        assert secret.encode() not in raw
    with pytest.raises(UserInputError, match="数据库已加密，请登录后打开"):
        open_workspace(path)
    signed = sign_in(path, "admin", "secret-pass-1")
    assert signed.user is not None and signed.division_code == COUNTY
    signed.close()


def test_account_fields_are_checked_before_anything_is_made(tmp_path: Path) -> None:
    assert account_problems("admin", "李", "12345678", "12345678") == []
    assert len(account_problems("a", "", "short", "short")) == 3
    assert "不一致" in account_problems("admin", "李", "12345678", "12345679")[0]
    with pytest.raises(UserInputError):
        installation.set_up_installation(
            tmp_path / "fpa.db",
            COUNTY,
            NodeRole.COUNTY,
            username="admin",
            display_name="李",
            password="short",
        )
    assert list(tmp_path.iterdir()) == []


def test_a_refused_setup_package_leaves_no_database(tmp_path: Path) -> None:
    bogus = tmp_path / "setup.fpas"
    bogus.write_bytes(b"not a package")
    with pytest.raises(BadFileError):
        installation.set_up_installation(
            tmp_path / "fpa.db",
            COUNTY,
            NodeRole.COUNTY,
            username="admin",
            display_name="李",
            password="12345678",
            setup_package=bogus,
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["setup.fpas"]


def test_a_setup_package_from_the_province_is_imported(tmp_path: Path) -> None:
    keys = tmp_path / "province-keys"
    province = sync.new_identity(keys, "湖南省计生协", None)
    package = sync.export_setup(keys, None, tmp_path / "setup.fpas", role="province", division="430000000000")
    ws = installation.set_up_installation(
        tmp_path / "fpa.db",
        COUNTY,
        NodeRole.COUNTY,
        username="admin",
        display_name="李",
        password="12345678",
        setup_package=package,
        trust=province.key_id,
    ).workspace
    try:
        assert installation.installation_facts(ws).setup_package
    finally:
        ws.close()
