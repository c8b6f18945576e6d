"""`fpa` on an encrypted database: `--user` and the password, refusals, recovery, `init --admin`."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

from app.cli import main
from app.database.keyring import keyring_path

ADMIN = ("admin", "李管理", "secret-pass-1")  # the encrypted_template fixture's administrator (conftest.py)
COUNTY = "430121000000"  # 长沙县


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def test_commands_on_an_encrypted_database_need_a_sign_in(
    encrypted_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(encrypted_path)
    _stdin(monkeypatch, "")
    assert main(["audit", "list", "--db", db]) == 1
    assert "--user" in capsys.readouterr().err
    _stdin(monkeypatch, "wrong-pass\n")
    assert main(["audit", "list", "--db", db, "--user", "admin", "--password-stdin"]) == 1
    assert "用户名或密码不正确" in capsys.readouterr().err
    _stdin(monkeypatch, ADMIN[2] + "\n")
    assert main(["check", db, "--user", "admin", "--password-stdin", "--json"]) == 0
    assert '"integrity": "ok"' in capsys.readouterr().out
    _stdin(monkeypatch, ADMIN[2] + "\n")
    assert main(["audit", "list", "--db", db, "--user", "admin", "--password-stdin"]) == 0
    listed = capsys.readouterr().out
    assert "登录失败" in listed and "登录" in listed


def test_plain_databases_need_no_credentials(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(db_path)]) == 0
    assert "完整性：ok" in capsys.readouterr().out


def test_account_recover_and_passwd(
    encrypted_path: Path,
    recovery_key: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = str(encrypted_path)
    _stdin(monkeypatch, "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA\nnew-pass-2026\n")
    assert main(["account", "recover", "--db", db, "--user", "admin", "--password-stdin"]) == 1
    assert "恢复密钥不正确" in capsys.readouterr().err
    _stdin(monkeypatch, f"{recovery_key}\nnew-pass-2026\n")
    assert main(["account", "recover", "--db", db, "--user", "admin", "--password-stdin"]) == 0
    _stdin(monkeypatch, "new-pass-2026\nthird-pass-2026\n")
    assert main(["account", "passwd", "--db", db, "--user", "admin", "--password-stdin"]) == 0
    _stdin(monkeypatch, "third-pass-2026\n")
    assert main(["check", db, "--user", "admin", "--password-stdin"]) == 0


def test_init_with_an_admin_makes_an_encrypted_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "new.db"
    _stdin(monkeypatch, "init-pass-2026\n")
    assert main(["init", str(path), "--division", COUNTY, "--admin", "wang", "--password-stdin"]) == 0
    out = capsys.readouterr().out
    assert "恢复密钥" in out and keyring_path(path).is_file()
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path).execute("SELECT * FROM meta").fetchall()
    _stdin(monkeypatch, "init-pass-2026\n")
    assert main(["check", str(path), "--user", "wang", "--password-stdin"]) == 0


def test_backup_and_restore_from_the_command_line(
    encrypted_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(encrypted_path)
    _stdin(monkeypatch, ADMIN[2] + "\n")
    assert main(["backup", "--db", db, "--out", str(tmp_path / "u盘"), "--user", "admin", "--password-stdin"]) == 0
    (copy,) = (tmp_path / "u盘").glob("*.db")
    assert keyring_path(copy).is_file()
    capsys.readouterr()
    _stdin(monkeypatch, "")
    assert main(["restore", str(copy), "--db", db]) == 1
    assert "--user" in capsys.readouterr().err
    _stdin(monkeypatch, "wrong-pass\n")
    assert main(["restore", str(copy), "--db", db, "--user", "admin", "--password-stdin"]) == 1
    _stdin(monkeypatch, ADMIN[2] + "\n")
    assert main(["restore", str(copy), "--db", db, "--user", "admin", "--password-stdin"]) == 0
    assert "原数据库另存为" in capsys.readouterr().out


def test_only_an_active_administrator_of_the_live_database_restores_from_the_command_line(
    encrypted_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A deactivated administrator cannot bring back an older backup in which it was still active."""
    from app.domain.enums import UserRole
    from app.domain.errors import UserInputError
    from app.services.system import users
    from app.services.system.accounts import sign_in
    from app.services.system.backup import backup_database

    admin = sign_in(encrypted_path, "admin", ADMIN[2])
    users.add_user(admin, "wang", "王", UserRole.COUNTY_ADMIN, COUNTY, "wang-mi-ma-2026")
    users.add_user(admin, "zhao", "赵", UserRole.TOWNSHIP_CLERK, "430121001000", "zhao-mi-ma-2026")
    copy = backup_database(admin, tmp_path / "u盘")
    users.deactivate_user(admin, "wang")
    admin.close()
    for user, password in (("wang", "wang-mi-ma-2026"), ("zhao", "zhao-mi-ma-2026")):
        _stdin(monkeypatch, password + "\n")
        argv = ["restore", str(copy), "--db", str(encrypted_path), "--user", user, "--password-stdin"]
        assert main(argv) == 1
        assert "错误" in capsys.readouterr().err
        assert not list(encrypted_path.parent.rglob("*before-restore*"))  # nothing was replaced
        with pytest.raises(UserInputError):  # still deactivated: the old backup did not come back
            sign_in(encrypted_path, "wang", "wang-mi-ma-2026")
    # the live administrator restores, naming the backup's account with its own password
    _stdin(monkeypatch, ADMIN[2] + "\n" + "wang-mi-ma-2026\n")
    argv = ["restore", str(copy), "--db", str(encrypted_path), "--user", "admin", "--password-stdin"]
    assert main([*argv, "--backup-user", "wang"]) == 0
    restored = sign_in(encrypted_path, "wang", "wang-mi-ma-2026")  # active again, by the administrator
    restored.close()
