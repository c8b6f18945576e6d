"""`fpa user` on an encrypted database: the administrator adds a clerk, who can then sign in;
a clerk cannot manage accounts; deactivate and reset from the command line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from app.cli import main
from app.domain.errors import UserInputError
from app.services.system import accounts

ADMIN_PASSWORD = "secret-pass-1"  # the encrypted_template fixture's administrator "admin"
TOWNSHIP = "430121001000"  # 星沙街道


def _stdin(monkeypatch: pytest.MonkeyPatch, *lines: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(line + "\n" for line in lines)))


def _as(user: str) -> list[str]:
    return ["--user", user, "--password-stdin"]


def test_an_administrator_manages_accounts_from_the_command_line(
    encrypted_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(encrypted_path)]
    _stdin(monkeypatch, ADMIN_PASSWORD, "clerk-pass-1")
    add = ["user", "add", *db, *_as("admin"), "zhangsan", "--name", "张三", "--role", "乡镇录入员"]
    assert main([*add, "--division", TOWNSHIP]) == 0
    assert "已添加账户 zhangsan" in capsys.readouterr().out
    ws = accounts.sign_in(encrypted_path, "zhangsan", "clerk-pass-1")  # the keyring knows the clerk
    ws.close()

    _stdin(monkeypatch, "clerk-pass-1")
    assert main(["user", "list", *db, *_as("zhangsan")]) == 1
    assert "只有系统管理员和县级管理员" in capsys.readouterr().err

    _stdin(monkeypatch, ADMIN_PASSWORD, "x")
    bad = ["user", "add", *db, *_as("admin"), "lisi", "--name", "李四", "--role", "boss"]
    assert main([*bad, "--division", TOWNSHIP]) == 1
    assert "角色“boss”无效" in capsys.readouterr().err

    _stdin(monkeypatch, ADMIN_PASSWORD, "clerk-pass-2")
    assert main(["user", "reset", *db, *_as("admin"), "zhangsan"]) == 0
    _stdin(monkeypatch, ADMIN_PASSWORD)
    assert main(["user", "deactivate", *db, *_as("admin"), "zhangsan"]) == 0
    _stdin(monkeypatch, ADMIN_PASSWORD)
    assert main(["user", "list", *db, *_as("admin")]) == 0
    listed = capsys.readouterr().out
    assert "zhangsan\t张三\t乡镇录入员\t星沙街道（430121001000）\t已停用" in listed
    with pytest.raises(UserInputError, match="用户名或密码不正确"):
        accounts.sign_in(encrypted_path, "zhangsan", "clerk-pass-2")


def test_a_short_division_code_is_taken_as_the_full_code(
    encrypted_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(encrypted_path)]
    add = ["user", "add", *db, *_as("admin"), "wangwu", "--name", "王五", "--role", "county_admin"]
    _stdin(monkeypatch, ADMIN_PASSWORD, "county-pass-1")
    assert main([*add, "--division", "430121"]) == 0
    _stdin(monkeypatch, ADMIN_PASSWORD)
    assert main(["user", "list", *db, *_as("admin")]) == 0
    assert "wangwu\t王五\t县级管理员\t" in (out := capsys.readouterr().out) and "（430121000000）" in out
    _stdin(monkeypatch, ADMIN_PASSWORD, "x")
    bad = ["user", "add", *db, *_as("admin"), "zhaoliu", "--name", "赵六", "--role", "county_admin"]
    assert main([*bad, "--division", "43012"]) == 1
    assert "区划代码“43012”应为" in capsys.readouterr().err
