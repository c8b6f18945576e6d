"""Manual backup: a verified, complete copy; the last generations kept; a cancelled one leaves nothing."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from app.database.models import SpecialFamily
from app.domain.enums import FamilyCategory
from app.domain.errors import Cancelled
from app.services.shared.audit import list_entries
from app.services.system.backup import backup_database, backup_name, latest_backup


def test_backup_is_a_verified_copy_holding_the_saved_records(workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with workspace.db.session() as s:  # committed, still in the WAL: the copy must hold it all the same
        s.add(SpecialFamily(division_code="430121001001", category=FamilyCategory.BEREAVED, head_name="甲"))
    seen: list[tuple[int, int]] = []
    copy = backup_database(
        workspace, tmp_path / "u盘", progress=lambda done, total: seen.append((done, total))
    )
    assert copy.parent == tmp_path / "u盘" and copy.suffix == ".db" and "备份" in copy.name
    with sqlite3.connect(copy) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert raw.execute("SELECT head_name FROM special_family").fetchall() == [("甲",)]
    assert seen and seen[-1][0] == seen[-1][1]
    assert not list(copy.parent.glob("*.partial"))
    assert latest_backup(copy.parent, "county") == copy
    assert list_entries(workspace)[0].action == "backup"


def test_only_the_last_generations_are_kept(workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "backups"
    folder.mkdir()
    for day in range(1, 13):  # twelve older backups of this database, and one of another
        (folder / backup_name("county", datetime(2026, 1, day, 8, 0, 0))).write_bytes(b"old")
    other = folder / backup_name("demo", datetime(2026, 1, 1))
    other.write_bytes(b"other")
    newest = backup_database(workspace, folder, keep=10)
    kept = sorted(p.name for p in folder.glob("county-*.db"))
    assert len(kept) == 10
    assert newest.name in kept
    assert backup_name("county", datetime(2026, 1, 3, 8)) not in kept  # the oldest went first
    assert backup_name("county", datetime(2026, 1, 12, 8)) in kept
    assert other.exists()  # another database's backups are not touched


def test_two_backups_in_one_second_both_stay(workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = backup_database(workspace, tmp_path / "b")
    second = backup_database(workspace, tmp_path / "b")
    assert first != second and first.exists() and second.exists()


def test_a_cancelled_backup_leaves_no_file(workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Cancelled):
        backup_database(workspace, tmp_path / "b", cancelled=lambda: True)
    assert list((tmp_path / "b").iterdir()) == []


def test_an_encrypted_database_is_backed_up_encrypted_with_its_keyring(
    encrypted_path: Path, tmp_path: Path
) -> None:
    from app.database.keyring import keyring_path
    from app.services.system.accounts import sign_in
    ADMIN = ("admin", "李管理", "secret-pass-1")  # the encrypted_template fixture's administrator

    ws = sign_in(encrypted_path, "admin", ADMIN[2])
    try:
        with ws.db.session() as s:
            s.add(
                SpecialFamily(
                    division_code="430121001001", category=FamilyCategory.BEREAVED, head_name="欧阳秀英"
                )
            )
        copy = backup_database(ws, tmp_path / "u盘")
    finally:
        ws.close()
    assert keyring_path(copy).is_file()
    assert "欧阳秀英".encode() not in copy.read_bytes()
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        sqlite3.connect(copy).execute("SELECT * FROM special_family").fetchall()
    restored = sign_in(copy, "admin", ADMIN[2])  # the backup opens on its own, with the same password
    try:
        with restored.db.read() as s:
            assert [f.head_name for f in s.query(SpecialFamily)] == ["欧阳秀英"]
    finally:
        restored.close()


def test_an_encrypted_backup_restores_only_with_a_password(encrypted_path: Path, tmp_path: Path) -> None:
    from app.database.keyring import keyring_path
    from app.domain.errors import UserInputError
    from app.services.system.accounts import sign_in
    from app.services.system.backup import restore_backup
    ADMIN = ("admin", "李管理", "secret-pass-1")  # the encrypted_template fixture's administrator

    ws = sign_in(encrypted_path, "admin", ADMIN[2])
    try:
        copy = backup_database(ws, tmp_path / "u盘")
        with ws.db.session() as s:  # a family added after the backup: the restore takes it away
            s.add(
                SpecialFamily(
                    division_code="430121001001", category=FamilyCategory.BEREAVED, head_name="后来的"
                )
            )
    finally:
        ws.close()
    before = encrypted_path.read_bytes()
    with pytest.raises(UserInputError, match="请输入有权打开它的用户名和密码"):
        restore_backup(copy, encrypted_path)
    with pytest.raises(UserInputError, match="用户名或密码不正确"):
        restore_backup(copy, encrypted_path, username="admin", password="wrong-pass")
    lost_keys = tmp_path / "no-keys" / copy.name
    lost_keys.parent.mkdir()
    lost_keys.write_bytes(copy.read_bytes())
    with pytest.raises(UserInputError, match="密钥文件"):
        restore_backup(lost_keys, encrypted_path, username="admin", password=ADMIN[2])
    assert encrypted_path.read_bytes() == before  # nothing replaced
    safety = restore_backup(copy, encrypted_path, username="admin", password=ADMIN[2])
    assert safety is not None and keyring_path(safety).is_file()
    ws = sign_in(encrypted_path, "admin", ADMIN[2])
    try:
        with ws.db.read() as s:
            assert s.query(SpecialFamily).count() == 0
        assert list_entries(ws)[1].action == "restore"
    finally:
        ws.close()
