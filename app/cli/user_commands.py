"""`fpa user`: the administrator's user management without a screen — list, add, deactivate, reset.

On an encrypted database the administrator signs in with ``--user`` (its password from a prompt,
or the first line of standard input with ``--password-stdin``); a new or reset password is asked
next (the second line). The rules are those of 系统管理 → 用户账户 (``app.services.system.users``).
"""

from __future__ import annotations

import argparse

from app.cli.credentials import add_credentials, read_secret, signed_in
from app.domain.enums import UserRole
from app.domain.errors import UserInputError
from app.domain.validation import normalize_division_code
from app.services.system import users

_ROLES = {role.value: role for role in UserRole} | {role.name.lower(): role for role in UserRole}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    u = sub.add_parser(
        "user", help="用户账户：列出、添加、停用、重置密码（系统管理员、县级管理员）"
    ).add_subparsers(dest="user_cmd", metavar="ACTION")
    p = u.add_parser("list", help="列出管辖区划内的账户")
    p.add_argument("--db", required=True)
    add_credentials(p)
    p.set_defaults(handler=cmd_list)
    p = u.add_parser("add", help="添加账户（--password-stdin 时第一行管理员密码，第二行新账户密码）")
    p.add_argument("--db", required=True)
    add_credentials(p)
    p.add_argument("username", help="新账户的用户名")
    p.add_argument("--name", required=True, help="姓名")
    p.add_argument("--role", required=True, help="系统管理员 / 县级管理员 / 乡镇录入员 / 只读查看")
    p.add_argument(
        "--division", required=True, help="所属区划代码，6 位（县）、9 位（乡镇）或 12 位（乡镇录入员为乡镇）"
    )
    p.set_defaults(handler=cmd_add)
    p = u.add_parser("deactivate", help="停用账户（不能再登录，记录保留）")
    p.add_argument("--db", required=True)
    add_credentials(p)
    p.add_argument("username")
    p.set_defaults(handler=cmd_deactivate)
    p = u.add_parser("reset", help="重置他人密码；对已停用的账户即重新启用（第二行为新密码）")
    p.add_argument("--db", required=True)
    add_credentials(p)
    p.add_argument("username")
    p.set_defaults(handler=cmd_reset)


def _new_password(args: argparse.Namespace, who: str) -> str:
    first = read_secret(args, f"{who} 的新密码：")
    second = first if args.password_stdin else read_secret(args, "再次输入新密码：")
    if first != second:
        raise UserInputError("两次输入的新密码不一致，未做任何修改。")
    return first


def cmd_list(args: argparse.Namespace) -> int:
    with signed_in(args, args.db) as ws:
        rows = users.list_users(ws)
    for r in rows:
        state = "在用" if r.active else "已停用"
        print(f"{r.username}\t{r.display_name}\t{r.role}\t{r.division_name}（{r.division_code}）\t{state}")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    role = _ROLES.get(args.role.strip())
    if role is None:
        raise UserInputError(f"角色“{args.role}”无效，应为 " + " / ".join(r.value for r in UserRole) + "。")
    division = normalize_division_code(args.division)  # 430121 as 430121000000, as everywhere
    with signed_in(args, args.db) as ws:
        password = _new_password(args, args.username)
        users.add_user(ws, args.username, args.name, role, division, password)
    print(f"已添加账户 {args.username}（{role}）。")
    return 0


def cmd_deactivate(args: argparse.Namespace) -> int:
    with signed_in(args, args.db) as ws:
        users.deactivate_user(ws, args.username)
    print(f"已停用账户 {args.username}。")
    return 0


def cmd_reset(args: argparse.Namespace) -> int:
    with signed_in(args, args.db) as ws:
        password = _new_password(args, args.username)
        users.reset_password(ws, args.username, password, password)
    print(f"已重置 {args.username} 的密码。")
    return 0
