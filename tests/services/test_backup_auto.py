"""Before a restore and without a screen: the backups in a folder, what one holds, and automatic backups."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.database import keyring
from app.database.models import SpecialFamily
from app.domain.enums import FamilyCategory
from app.domain.errors import UserInputError
from app.services.system.accounts import sign_in
from app.services.system.backup import backup_database, backup_name
from app.services.system.backup_auto import NOT_PLUGGED_IN, auto_backup, backup_due, due_folders
from app.services.system.restore import inspect_backup, list_backups, restore_database

ADMIN = ("admin", "李管理", "secret-pass-1")  # the encrypted_template fixture's administrator (conftest.py)


def test_the_folder_lists_backups_and_safety_copies_newest_first(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    (folder / backup_name("fpa", datetime(2026, 3, 1, 8))).write_bytes(b"SQLite format 3\x00" + b"x" * 100)
    (folder / backup_name("fpa", datetime(2026, 3, 2, 8))).write_bytes(b"\x01" * 2048)
    (folder / "fpa.before-restore-20260303-080000-123456.db").write_bytes(b"\x02" * 10)
    (folder / "fpa.before-0002-20260228-080000.db").write_bytes(b"\x02" * 10)
    (folder / "notes.txt").write_text("not a backup")
    (folder / backup_name("fpa", datetime(2026, 2, 27, 8), 2)).write_bytes(b"\x01")
    (folder / backup_name("fpa", datetime(2026, 2, 27, 8))).write_bytes(b"\x01")
    found = list_backups(folder)[:-2]
    assert [f.path.name[-6:] for f in list_backups(folder)[-2:]] == ["0-2.db", "000.db"]
    assert [f.taken_at.day for f in found] == [3, 2, 1, 28]
    assert [f.kind for f in found] == ["恢复前的副本", "备份", "备份", "升级前的副本"]
    assert found[1].encrypted and not found[2].encrypted and found[1].size_bytes == 2048
    assert list_backups(tmp_path / "missing") == []


def test_an_encrypted_backup_is_described_only_with_a_right_password(encrypted_path: Path) -> None:
    ws = sign_in(encrypted_path, "admin", ADMIN[2])
    try:
        with ws.db.session() as s:
            s.add(
                SpecialFamily(division_code="430121001001", category=FamilyCategory.BEREAVED, head_name="甲")
            )
        copy = backup_database(ws, encrypted_path.parent / "backups")
        with pytest.raises(UserInputError, match="用户名或密码不正确"):
            inspect_backup(ws, copy, "admin", "wrong-pass-9")
        with pytest.raises(UserInputError, match="请输入"):
            inspect_backup(ws, copy)
        held = inspect_backup(ws, copy, "admin", ADMIN[2])
        assert held.encrypted and held.same_device and held.division_name == "长沙县"
        assert dict(held.counts)["特殊家庭"] == 1 and held.accounts == 1
        assert held.taken_at is not None and held.schema_is_current
        left = sorted(p.name for p in copy.parent.iterdir())  # the backup and its keyring, untouched
        assert left == sorted([copy.name, keyring.keyring_path(copy).name])
        assert not list(encrypted_path.parent.glob(".fpa-inspect-*"))  # its copy is gone
    finally:
        ws.close()


def test_a_damaged_or_plain_backup_is_refused(encrypted_path: Path, workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    plain = backup_database(workspace, tmp_path / "plain")
    ws = sign_in(encrypted_path, "admin", ADMIN[2])
    try:
        with pytest.raises(UserInputError, match="而备份未加密"):
            inspect_backup(ws, plain)
        good = backup_database(ws, tmp_path / "enc")
        damaged = tmp_path / "enc" / backup_name("county", datetime(2026, 1, 1))
        data = bytearray(good.read_bytes())
        data[5000:9000] = b"\x00" * 4000
        damaged.write_bytes(bytes(data))
        shutil.copy2(keyring.keyring_path(good), keyring.keyring_path(damaged))
        with pytest.raises(UserInputError, match=r"无法打开|校验未通过"):
            inspect_backup(ws, damaged, "admin", ADMIN[2])
        (tmp_path / "enc" / "lost.db").write_bytes(good.read_bytes())
        with pytest.raises(UserInputError, match="密钥文件"):
            inspect_backup(ws, tmp_path / "enc" / "lost.db", "admin", ADMIN[2])
    finally:
        ws.close()


def test_a_backup_is_due_once_a_day(workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "backups"
    now = datetime(2026, 5, 10, 17, 30)
    assert backup_due(folder, "county", now)  # none yet
    folder.mkdir()
    (folder / backup_name("county", now - timedelta(hours=5))).write_bytes(b"x")
    (folder / backup_name("other", now - timedelta(days=3))).write_bytes(b"x")
    assert not backup_due(folder, "county", now)
    assert backup_due(folder, "county", now + timedelta(hours=19))
    assert backup_due(folder, "other", now)
    assert backup_due(folder, "county", now, every=timedelta(hours=4))
    assert backup_due(folder, "county", now - timedelta(days=30))  # a backup "from the future": a wrong clock
    assert due_folders(workspace, folder, None, now=now) == []
    assert due_folders(workspace, folder, tmp_path / "usb", now=now) == []  # not plugged in


def test_auto_backup_writes_where_due_and_says_what_it_skipped(workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    home, usb = tmp_path / "backups", tmp_path / "usb"
    result = auto_backup(workspace, home, usb)
    assert [p.parent for p in result.written] == [home] and result.skipped == [(usb, NOT_PLUGGED_IN)]
    usb.mkdir()
    seen: list[tuple[int, int]] = []
    result = auto_backup(workspace, home, usb, progress=lambda d, t: seen.append((d, t)))
    assert [p.parent for p in result.written] == [usb] and result.skipped == []  # home had one today
    assert seen and seen[-1][0] == seen[-1][1]
    assert auto_backup(workspace, home, usb).written == []
    later = datetime.now() + timedelta(days=1, minutes=1)
    assert len(auto_backup(workspace, home, usb, now=later).written) == 2


def _families(ws) -> list[str]:  # type: ignore[no-untyped-def]
    with ws.db.read() as s:
        return sorted(s.scalars(select(SpecialFamily.head_name)).all())


def test_restore_database_reopens_the_restored_file_or_the_old_one_when_refused(encrypted_path: Path) -> None:
    ws = sign_in(encrypted_path, "admin", ADMIN[2])
    with ws.db.session() as s:
        s.add(SpecialFamily(division_code="430121001001", category=FamilyCategory.BEREAVED, head_name="甲"))
    copy = backup_database(ws, encrypted_path.parent / "backups")
    with ws.db.session() as s:
        s.add(SpecialFamily(division_code="430121001001", category=FamilyCategory.BEREAVED, head_name="乙"))
    refused = restore_database(ws, copy, "admin", "wrong-pass-9")
    assert not refused.restored and "用户名或密码不正确" in refused.message
    assert refused.workspace is not None and refused.workspace.user == ws.user
    assert _families(refused.workspace) == ["乙", "甲"]
    done = restore_database(refused.workspace, copy, "admin", ADMIN[2])
    assert done.restored and done.safety_copy is not None and done.safety_copy.exists()
    assert done.workspace is not None and done.workspace.user is not None
    try:
        assert _families(done.workspace) == ["甲"]
    finally:
        done.workspace.close()


def test_a_read_only_account_cannot_restore(encrypted_path: Path) -> None:
    from app.domain.enums import UserRole
    from app.services.system import users

    admin = sign_in(encrypted_path, "admin", ADMIN[2])
    copy = backup_database(admin, encrypted_path.parent / "backups")
    users.add_user(admin, "kan", "只看", UserRole.READ_ONLY, "430121000000", "kan-mi-ma-2026")
    admin.close()
    viewer = sign_in(encrypted_path, "kan", "kan-mi-ma-2026")
    try:
        with pytest.raises(UserInputError, match="只读查看"):
            inspect_backup(viewer, copy, "admin", ADMIN[2])
        with pytest.raises(UserInputError, match="只读查看"):
            restore_database(viewer, copy, "admin", ADMIN[2])
        assert _families(viewer) == []  # still open, nothing replaced
    finally:
        viewer.close()


def test_only_an_active_administrator_of_the_live_database_can_restore(encrypted_path: Path) -> None:
    """Asked of the live database: a clerk, and an administrator deactivated since sign-in, are refused."""
    from app.domain.enums import UserRole
    from app.services.system import users
    from app.services.system.restore import restore_refusal

    admin = sign_in(encrypted_path, "admin", ADMIN[2])
    copy = backup_database(admin, encrypted_path.parent / "backups")
    users.add_user(admin, "zhao", "赵", UserRole.TOWNSHIP_CLERK, "430121001000", "zhao-mi-ma-2026")
    users.add_user(admin, "wang", "王", UserRole.COUNTY_ADMIN, "430121000000", "wang-mi-ma-2026")
    clerk = sign_in(encrypted_path, "zhao", "zhao-mi-ma-2026")
    wang = sign_in(encrypted_path, "wang", "wang-mi-ma-2026")
    assert restore_refusal(admin) is None and restore_refusal(wang) is None
    users.deactivate_user(admin, "wang")
    admin.close()
    before = encrypted_path.read_bytes()
    try:
        for ws in (clerk, wang):
            with pytest.raises(UserInputError, match="系统管理员或县级管理员"):
                inspect_backup(ws, copy, "admin", ADMIN[2])
            with pytest.raises(UserInputError, match="系统管理员或县级管理员"):
                restore_database(ws, copy, "admin", ADMIN[2])
        assert encrypted_path.read_bytes() == before
    finally:
        clerk.close()
        wang.close()


def test_a_backup_of_another_installation_replaces_this_one_from_the_screen(
    encrypted_path: Path, tmp_path: Path
) -> None:
    """A new laptop gets the old one's data back: the backup has another key and its own accounts."""
    from app.domain.enums import NodeRole
    from app.services.system.installation import set_up_installation

    old = set_up_installation(
        tmp_path / "old.db",
        "430121000000",
        NodeRole.COUNTY,
        username="li",
        display_name="李四",
        password="old-pass-2026",
    )
    _add_family(old.workspace, "旧")
    copy = backup_database(old.workspace, tmp_path / "usb")
    old.workspace.close()
    ws = sign_in(encrypted_path, "admin", ADMIN[2])
    done = restore_database(ws, copy, "li", "old-pass-2026")
    assert done.restored and done.workspace is not None and done.workspace.user is not None
    try:
        assert done.workspace.user.username == "li" and _families(done.workspace) == ["旧"]
    finally:
        done.workspace.close()
    assert done.safety_copy is not None  # the replaced database, with its own key and keyring
    keyring.unwrap(done.safety_copy, "admin", ADMIN[2])
    with pytest.raises(UserInputError):
        sign_in(encrypted_path, "admin", ADMIN[2])  # the restored database has the backup's accounts


def _add_family(ws, name: str) -> None:  # type: ignore[no-untyped-def]
    with ws.db.session() as s:
        s.add(SpecialFamily(division_code="430121001001", category=FamilyCategory.BEREAVED, head_name=name))
