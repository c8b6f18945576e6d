"""`fpa init`, `fpa demo`, `fpa check`."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from app.cli.credentials import add_credentials, read_secret, signed_in
from app.domain.enums import NodeRole
from app.domain.errors import UserInputError
from app.domain.server_address import is_server_url
from app.services.system.check import check_database
from app.services.system.setup import init_database


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("init", help="新建数据库（县级代码：县或乡镇安装；省级代码：省级数据库）")
    p.add_argument("path", help="数据库文件，或 PostgreSQL 服务器 postgresql+psycopg://管理员@主机:端口/数据库名")
    p.add_argument("--division", required=True, help="区划代码（6 位或 12 位），如 430121 或 430121000000")
    p.add_argument("--role", choices=["station", "county", "province"])
    p.add_argument("--admin", help="加密数据库：第一个系统管理员的用户名（随后输入密码；会打印恢复密钥）")
    p.add_argument("--admin-name", help="该管理员的姓名（默认同用户名）")
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help="从标准输入读取密码（PostgreSQL：第一行为应用角色的密码，第二行为管理员密码）",
    )
    p.add_argument("--owner-role", help="PostgreSQL：拥有表结构的角色名（默认 <数据库名>_owner）")
    p.add_argument("--app-role", help="PostgreSQL：程序连接所用的角色名（默认 <数据库名>_app）")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("demo", help="生成演示数据库（全部为虚构数据）")
    p.add_argument("path", type=Path)
    p.add_argument("--county", default="430121", help="县级区划代码（6 位或 12 位），默认 430121 长沙县")
    p.add_argument("--families", type=int, default=2000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument(
        "--plain", action="store_true", help=f"不加密（仅供测试和测量；默认加密，演示账户 {_demo_account()}）"
    )
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("check", help="检查数据库完整性并统计记录数")
    p.add_argument("path")
    p.add_argument("--json", action="store_true")
    add_credentials(p)
    p.set_defaults(handler=cmd_check)


def _demo_account() -> str:
    # From the demo generator itself, so the help cannot name an account that does not exist.
    from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME

    return f"{DEMO_USERNAME} / {DEMO_PASSWORD}"


def _county_code(text: str) -> str:
    # Typed codes may be short (430121): made the 12-digit code, or refused in Chinese.
    from app.domain.validation import normalize_division_code

    return normalize_division_code(text)


def cmd_init(args: argparse.Namespace) -> int:
    role = NodeRole(args.role) if args.role else None
    if is_server_url(args.path):
        return _init_server(args, role)
    args.path = Path(args.path)
    if args.admin:
        from app.services.system.installation import init_encrypted

        password = read_secret(args, f"{args.admin} 的密码：")
        made = init_encrypted(
            args.path, _county_code(args.division), role, args.admin, args.admin_name or args.admin, password
        )
        print(f"已创建加密数据库 {args.path}（设备 {made.workspace.device_id}），系统管理员 {args.admin}")
        made.workspace.close()
        print(f"恢复密钥（只显示这一次，请抄写或打印后妥善保管）：{made.recovery_key}")
        return 0
    db = init_database(args.path, _county_code(args.division), role)
    print(f"已创建数据库 {args.path}（设备 {db.device_id}）")
    db.dispose()
    return 0


def _init_server(args: argparse.Namespace, role: NodeRole | None) -> int:
    from app.database.server import roles_for
    from app.domain.server_address import display_url
    from app.services.system.server_setup import init_server_province

    database = display_url(args.path).rsplit("/", 1)[-1]
    app_role = roles_for(database, args.owner_role, args.app_role).app
    app_password = None
    if args.password_stdin or sys.stdin.isatty():
        app_password = read_secret(args, f"应用角色 {app_role} 的密码（程序连接服务器时输入）：") or None
    admin = None
    if args.admin:
        password = read_secret(args, f"{args.admin} 的密码：")
        admin = (args.admin, args.admin_name or args.admin, password)
    made = init_server_province(
        args.path,
        _county_code(args.division),
        role,
        app_password=app_password,
        owner_role=args.owner_role,
        app_role=args.app_role,
        admin=admin,
    )
    print(f"已在服务器上创建省级数据库 {display_url(args.path)}（设备 {made.device_id}）")
    print(f"  表结构的所有者：{made.roles.owner}（不能登录）")
    print(f"  程序连接所用的角色：{made.roles.app}（无超级用户权限，不能建表）：{display_url(made.app_url)}")
    print(f"  备份校验用的数据库：{made.roles.scratch_database}")
    if admin is not None:
        print(f"  系统管理员：{admin[0]}")
    if app_password is None:
        print(f"  {app_role} 未设密码：请服务器管理员用 ALTER ROLE {app_role} PASSWORD … 设置后再连接。")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from app.services.demo import generate_demo

    started = time.perf_counter()
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.perf_counter()
        if now - last[0] > 1 or done == total:
            last[0] = now
            print(f"\r生成中 {done}/{total}", end="", file=sys.stderr, flush=True)

    summary = generate_demo(
        args.path,
        _county_code(args.county),
        families=args.families,
        seed=args.seed,
        progress=progress,
        encrypted=not args.plain,
    )
    print(file=sys.stderr)
    took = time.perf_counter() - started
    print(f"已生成演示数据库 {args.path}：{summary}，用时 {took:.1f} 秒")
    if not args.plain:
        from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME

        print(f"数据库已加密；演示账户：用户名 {DEMO_USERNAME}，密码 {DEMO_PASSWORD}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from app.services import sync

    if "://" not in str(args.path):
        # Checked before opening: SQLite would turn an empty or missing path into a new database.
        path = Path(args.path)
        if not path.is_file():
            raise UserInputError(f"“{path}”不存在或不是文件，未做任何修改。")
        if path.stat().st_size == 0:
            raise UserInputError(f"“{path}”是空文件（0 字节），不是数据库；文件未做任何修改。")
    with signed_in(args, args.path) as ws:
        key = ws.db.key
        orphans = sync.orphan_report(ws)
    report = check_database(args.path, key)
    if args.json:
        doc = report.as_dict()
        doc["orphans"] = [vars(o) for o in orphans]
        print(json.dumps(doc, ensure_ascii=False))
    else:
        print(f"结构版本：{report.schema_revision}")
        print(f"完整性：{report.integrity}")
        print(f"设备：{report.device_id}")
        for k, v in report.counts.items():
            print(f"  {k}: {v}")
        for o in orphans:
            print(
                f"孤立记录：{o.table} 中 {o.count} 条的 {o.column} 指向 {o.parent} 中不存在的记录"
                f"（例如 {o.example}）"
            )
    return 0 if report.integrity == "ok" and not orphans else 1
