"""`fpa account`: change one's password, recover a forgotten administrator password with the recovery key."""

from __future__ import annotations

import argparse

from app.cli.credentials import add_credentials, read_secret
from app.domain.errors import UserInputError
from app.services.system import accounts


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    a = sub.add_parser("account", help="登录账户：修改密码、用恢复密钥找回管理员密码").add_subparsers(
        dest="account_cmd", metavar="ACTION"
    )
    p = a.add_parser("passwd", help="修改自己的密码（--password-stdin 时第一行原密码，第二行新密码）")
    p.add_argument("--db", required=True)
    add_credentials(p)
    p.set_defaults(handler=cmd_passwd)
    p = a.add_parser(
        "recover",
        help="忘记管理员密码：用设置时打印的恢复密钥重设（--password-stdin 时第一行恢复密钥，第二行新密码）",
    )
    p.add_argument("--db", required=True)
    p.add_argument("--user", required=True, help="要重设密码的系统管理员用户名")
    p.add_argument("--password-stdin", action="store_true", help="从标准输入读取恢复密钥和新密码")
    p.set_defaults(handler=cmd_recover)


def _new_password(args: argparse.Namespace) -> str:
    first = read_secret(args, "新密码：")
    second = first if args.password_stdin else read_secret(args, "再次输入新密码：")
    if first != second:
        raise UserInputError("两次输入的新密码不一致，密码未修改。")
    return first


def cmd_passwd(args: argparse.Namespace) -> int:
    if not args.user:
        raise UserInputError("请用 --user 指定用户名。")
    old = read_secret(args, f"{args.user} 的原密码：")
    new = _new_password(args)
    ws = accounts.sign_in(args.db, args.user, old)
    try:
        accounts.change_password(ws, old, new)
    finally:
        ws.close()
    print(f"已修改 {args.user} 的密码。")
    return 0


def cmd_recover(args: argparse.Namespace) -> int:
    recovery_key = read_secret(args, "恢复密钥（8 组，每组 5 个字符）：")
    ws = accounts.recover_password(args.db, recovery_key, args.user, _new_password(args))
    ws.close()
    print(f"已用恢复密钥重设 {args.user} 的密码；请用新密码登录，并妥善保管恢复密钥。")
    return 0
