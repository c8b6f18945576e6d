"""Migrations: a linear chain, models that match it, and upgrades that keep the data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

import app.database.models  # noqa: F401
from app.database.base import Base
from app.database.engine import make_engine
from app.database.migrate import alembic_config, create_database, head_revision, open_database, upgrade
from app.domain.enums import NodeRole
from app.domain.errors import DatabaseError


def _revisions() -> list[str]:
    scripts = ScriptDirectory.from_config(alembic_config())
    return [s.revision for s in reversed(list(scripts.walk_revisions()))]


def test_revision_chain_is_linear() -> None:
    scripts = ScriptDirectory.from_config(alembic_config())
    assert len(scripts.get_heads()) == 1
    for script in scripts.walk_revisions():
        assert not script.is_merge_point
        down = script.down_revision
        assert down is None or isinstance(down, str)
    assert [s for s in scripts.walk_revisions() if s.down_revision is None].__len__() == 1


def test_models_match_migrations(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "m.db")
    with engine.begin() as conn:
        upgrade(conn)
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == [], f"models and migrations differ: {diff}"


@pytest.mark.parametrize("start", _revisions())
def test_upgrade_from_each_revision_keeps_data(tmp_path: Path, start: str) -> None:
    path = tmp_path / "old.db"
    db = create_database(path, "430121000000", NodeRole.STATION, revision=start)
    device = db.device_id
    db.dispose()
    with sqlite3.connect(path) as raw:
        raw.execute(
            "INSERT INTO special_family (id, created_stamp, stamp, device_id, created_at, updated_at, deleted,"
            " division_code, category, status, head_name, name_key)"
            " VALUES ('f1', 's', 's', ?, '2025-01-01', '2025-01-01', 0, '430121001001', '失独', '在册', '王桂兰', '')",
            (device,),
        )
    backups = tmp_path / "backups"
    db = open_database(path, backup_dir=backups)
    with db.read() as s:
        rev = MigrationContext.configure(s.connection()).get_current_revision()
        name = s.connection().exec_driver_sql("SELECT head_name FROM special_family WHERE id='f1'").scalar()
    assert rev == head_revision()
    assert name == "王桂兰"
    if start != head_revision():
        copies = list(backups.glob("old.before-*.db"))
        assert len(copies) == 1, "the file is copied before an upgrade"
        with sqlite3.connect(copies[0]) as raw:
            assert raw.execute("SELECT head_name FROM special_family").fetchone() == ("王桂兰",)


def test_database_from_a_newer_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    create_database(path, "430121000000", NodeRole.STATION).dispose()
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE alembic_version SET version_num='9999_future'")
    with pytest.raises(DatabaseError, match="更新版本"):
        open_database(path)


def test_a_file_that_is_not_a_database_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DatabaseError, match=r"损坏|不是"):
        open_database(path)
    assert path.read_bytes() == b"this is not sqlite" * 100


def test_an_encrypted_database_is_upgraded_after_an_encrypted_copy(tmp_path: Path) -> None:
    from app.database import keyring
    from app.database.engine import connect_file

    path = tmp_path / "old.db"
    key = keyring.new_database_key()
    keyring.create(path, key, "admin", "secret-pass-1")
    first = _revisions()[0]
    db = create_database(path, "430121000000", NodeRole.STATION, revision=first, key=key)
    db.dispose()
    raw = connect_file(path, key)
    raw.execute(
        "INSERT INTO special_family (id, created_stamp, stamp, device_id, created_at, updated_at, deleted,"
        " division_code, category, status, head_name, name_key)"
        " VALUES ('f1', 's', 's', 'd', '2025-01-01', '2025-01-01', 0, '430121001001', '失独', '在册', '王桂兰', '')"
    )
    raw.commit()
    raw.close()
    backups = tmp_path / "backups"
    db = open_database(path, key, backup_dir=backups)
    assert db.key == key
    db.dispose()
    (copy,) = backups.glob("old.before-*.db")
    assert "王桂兰".encode() not in copy.read_bytes()
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(copy).execute("SELECT * FROM special_family").fetchall()
    assert keyring.unwrap(copy, "admin", "secret-pass-1") == key  # its keyring travelled with it
    check = connect_file(copy, key)
    assert check.execute("SELECT head_name FROM special_family").fetchone() == ("王桂兰",)
    check.close()


def test_an_encrypted_database_needs_its_key(tmp_path: Path) -> None:
    from app.database import keyring
    from app.domain.errors import UserInputError

    path = tmp_path / "secret.db"
    key = keyring.new_database_key()
    keyring.create(path, key, "admin", "secret-pass-1")
    create_database(path, "430121000000", NodeRole.STATION, key=key).dispose()
    with pytest.raises(UserInputError, match="数据库已加密，请登录后打开"):
        open_database(path)
    with pytest.raises(DatabaseError, match="密钥与文件不符"):
        open_database(path, keyring.new_database_key())
    keyring.keyring_path(path).unlink()
    with pytest.raises(DatabaseError, match="密钥文件"):
        open_database(path)


def test_the_revision_chain_read_without_alembic_is_alembics() -> None:
    from app.database.migrate import known_revisions

    assert list(known_revisions()) == _revisions()
    assert head_revision() == _revisions()[-1]
