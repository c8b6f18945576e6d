"""Signing in from the command line: `--user NAME` and the password (a prompt, or `--password-stdin`).

A plain (unencrypted) database opens without them, as before; an encrypted one, and a PostgreSQL
province that holds accounts, refuse to open without a sign-in, with the same counting, delay and
lockout as the program's sign-in screen.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from app.domain.errors import UserInputError
from app.services.shared.workspace import Workspace, opened
from app.services.system import accounts


def add_credentials(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", help="用户名（数据库已加密时必填）")
    parser.add_argument(
        "--password-stdin", action="store_true", help="从标准输入读取密码（供脚本使用；否则会提示输入）"
    )


def read_secret(args: argparse.Namespace, prompt: str) -> str:
    """A password from the first line of standard input (``--password-stdin``) or a hidden prompt."""
    if getattr(args, "password_stdin", False):
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise UserInputError("需要密码：请在终端中运行以输入密码，或用 --password-stdin 从标准输入提供。")
    return getpass.getpass(prompt)


@contextmanager
def signed_in(args: argparse.Namespace, target: str) -> Iterator[Workspace]:
    """The workspace for a command: signed in when the database is encrypted; always closed."""
    if not accounts.needs_sign_in(target):
        with opened(target) as ws:
            yield ws
        return
    if not getattr(args, "user", None):
        what = "省级数据库中有账户" if "://" in str(target) else "数据库已加密"
        raise UserInputError(f"{what}：请用 --user 指定用户名，并输入密码（或加 --password-stdin）。")
    password = read_secret(args, f"{args.user} 的密码：")
    ws = accounts.sign_in(target, args.user, password)
    try:
        yield ws
    finally:
        ws.close()
