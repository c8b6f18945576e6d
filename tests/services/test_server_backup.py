"""Backups of a PostgreSQL province: pg_dump in custom format, age-encrypted to the province's key,
checked by a test restore into the scratch database; a restore that checks before it replaces.

Against the real test server, as the application role ``fpa init`` made (no superuser rights).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import psycopg
import pyrage
import pytest

from app.domain.errors import UserInputError
from app.paths import backups_dir, identity_dir
from app.services import families
from app.services.shared.audit import list_entries
from app.services.shared.workspace import Workspace
from app.services.system import accounts
from app.services.system.backup import backup_database
from app.services.system.backup_auto import auto_backup, due_folders
from app.services.system.restore import list_backups
from app.services.system.restore_server import restore_server
from app.sync.identity import create_identity, unlock
from tests.server_province import (
    ADMIN,
    ServerProvince,
    as_libpq,
    fixture_empty_server_database,  # noqa: F401
    fixture_server_province,  # noqa: F401
    needs_server,
)
from tests.services.test_families import family

pytestmark = needs_server
KEY_PASSPHRASE = "province-key-pass"


@pytest.fixture
def province(server_province: ServerProvince) -> Iterator[Workspace]:
    """Signed in as the province's administrator, with the province's key and one family."""
    create_identity(identity_dir(), "湖南省计生协", KEY_PASSPHRASE)
    ws = accounts.sign_in(server_province.app_url, ADMIN[0], ADMIN[2])
    families.save_family(ws, family())
    yield ws
    ws.close()


def _scratch_tables(server_province: ServerProvince) -> int:
    scratch = as_libpq(server_province.admin_url).rsplit("/", 1)[0] + f"/{server_province.name}_scratch"
    with psycopg.connect(scratch) as conn:
        row = conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'fpa'").fetchone()
    return int(row[0]) if row else -1


def _family_count(ws: Workspace) -> int:
    return len(families.list_family_ids(ws))


def test_a_backup_is_an_encrypted_custom_dump_checked_and_kept_in_generations(
    province: Workspace, server_province: ServerProvince, tmp_path: Path
) -> None:
    folder = tmp_path / "stick"
    made = backup_database(province, folder)
    assert made.name.startswith(f"{server_province.name}-备份-") and made.name.endswith(".pgdump.age")
    data = made.read_bytes()
    assert data.startswith(b"age-encryption.org/v1") and b"PGDMP" not in data and "张三".encode() not in data
    plain = pyrage.decrypt(data, [unlock(identity_dir(), KEY_PASSPHRASE).age_identity])
    assert plain.startswith(b"PGDMP")  # pg_dump's custom format
    assert not list(folder.glob("*.partial"))
    assert _scratch_tables(server_province) == 0  # the test restore is not left on the server
    listed = list_backups(folder)
    assert [f.path for f in listed] == [made] and listed[0].encrypted and listed[0].kind == "备份"
    assert any(e.action == "backup" and e.target == made.name for e in list_entries(province, 5))
    for _ in range(2):
        backup_database(province, folder, keep=2)
    assert len(list(folder.glob("*.pgdump.age"))) == 2


def test_automatic_backups_of_the_province_follow_the_same_schedule(
    province: Workspace, tmp_path: Path
) -> None:
    home = tmp_path / "backups"
    assert due_folders(province, home) == [home]
    result = auto_backup(province, home)
    assert len(result.written) == 1 and not result.skipped
    assert due_folders(province, home) == []
    assert due_folders(province, home, now=datetime.now() + timedelta(days=1, minutes=1)) == [home]


def test_without_the_province_key_nothing_is_written(server_province: ServerProvince, tmp_path: Path) -> None:
    ws = accounts.sign_in(server_province.app_url, ADMIN[0], ADMIN[2])
    try:
        with pytest.raises(UserInputError, match="本机还没有密钥"):
            backup_database(ws, tmp_path / "out")
    finally:
        ws.close()
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_backup_and_restore_round_trip(province: Workspace, tmp_path: Path) -> None:
    made = backup_database(province, tmp_path / "backups")
    families.save_family(
        province, family(family_no="2"), accept_warnings=True
    )  # after the backup: the restore takes it away
    assert _family_count(province) == 2
    with pytest.raises(UserInputError):
        restore_server(province, made, "wrong passphrase", backups_dir())
    assert _family_count(province) == 2

    done = restore_server(province, made, KEY_PASSPHRASE, backups_dir())
    assert _family_count(province) == 1 and done.families == 1
    assert done.safety_copy.is_file() and done.safety_copy.name.endswith(".pgdump.age")
    assert any(f.kind == "恢复前的副本" for f in list_backups(backups_dir()))
    assert any(e.action == "restore" and e.target == made.name for e in list_entries(province, 5))
    # The restored province works on: sign-in, new rows (its sequences follow the restored ids).
    again = accounts.sign_in(province.db.url, ADMIN[0], ADMIN[2])
    try:
        families.save_family(again, family(family_no="3"), accept_warnings=True)
        assert _family_count(again) == 2
    finally:
        again.close()
    # And the safety copy brings back what the restore replaced.
    restore_server(province, done.safety_copy, KEY_PASSPHRASE, backups_dir())
    assert _family_count(province) == 2


def test_a_damaged_dump_is_refused_and_changes_nothing(province: Workspace, tmp_path: Path) -> None:
    made = backup_database(province, tmp_path / "backups")
    families.save_family(province, family(family_no="2"), accept_warnings=True)
    damaged = tmp_path / made.name
    data = bytearray(made.read_bytes())
    data[len(data) // 2] ^= 0x01
    damaged.write_bytes(bytes(data))
    with pytest.raises(UserInputError, match=r"无法解密.*数据库没有改动"):
        restore_server(province, damaged, KEY_PASSPHRASE, backups_dir())
    assert _family_count(province) == 2
    assert not backups_dir().exists() or not list(backups_dir().glob("*before-restore*"))

    # Encrypted to the province's key, but not a dump of this program: refused by the test restore.
    recipient = pyrage.x25519.Recipient.from_str(unlock(identity_dir(), KEY_PASSPHRASE).public.age_recipient)
    forged = tmp_path / "forged.pgdump.age"
    out = io.BytesIO()
    pyrage.encrypt_io(io.BytesIO(b"PGDMP" + bytes(5000)), out, [recipient])
    forged.write_bytes(out.getvalue())
    with pytest.raises(UserInputError, match="数据库没有改动"):
        restore_server(province, forged, KEY_PASSPHRASE, backups_dir())
    assert _family_count(province) == 2


def test_fpa_backup_and_restore_on_the_command_line(
    province: Workspace, server_province: ServerProvince, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.cli import main as fpa

    url = server_province.app_url
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{ADMIN[2]}\n"))
    assert fpa(["backup", "--db", url, "--out", str(tmp_path), "--user", ADMIN[0], "--password-stdin"]) == 0
    (made,) = tmp_path.glob("*.pgdump.age")
    families.save_family(province, family(family_no="2"), accept_warnings=True)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{ADMIN[2]}\n{KEY_PASSPHRASE}\n"))
    argv = ["restore", str(made), "--db", url, "--user", ADMIN[0], "--password-stdin"]
    assert fpa(argv) == 0
    assert _family_count(province) == 1


def test_only_an_administrator_of_the_province_may_restore_it(
    province: Workspace, server_province: ServerProvince, tmp_path: Path
) -> None:
    from app.domain.enums import UserRole
    from app.services.system import users

    made = backup_database(province, tmp_path / "backups")
    users.add_user(province, "viewer", "赵查看", UserRole.READ_ONLY, "430000000000", "viewer-pass-1")
    viewer = accounts.sign_in(server_province.app_url, "viewer", "viewer-pass-1")
    try:
        with pytest.raises(UserInputError, match="只读查看"):
            restore_server(viewer, made, KEY_PASSPHRASE, backups_dir())
    finally:
        viewer.close()
    assert not backups_dir().exists() or not list(backups_dir().glob("*before-restore*"))
