"""`fpa backup`: a verified copy of a database in a folder; `fpa restore`: a backup put back in its place."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.credentials import add_credentials, read_secret, signed_in
from app.domain.server_address import is_server_url
from app.services.system import accounts
from app.services.system.backup import backup_database, restore_backup
from app.services.system.restore import ensure_may_restore


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("backup", help="备份数据库到文件夹（加密的数据库连同密钥文件一起备份）")
    p.add_argument("--db", required=True)
    p.add_argument("--out", type=Path, required=True, help="备份文件夹，如 U 盘")
    add_credentials(p)
    p.set_defaults(handler=cmd_backup)
    p = sub.add_parser("restore", help="用备份替换数据库（先校验备份能打开；原数据库先另存一份）")
    p.add_argument("backup", type=Path)
    p.add_argument(
        "--db", required=True, help="要被替换的数据库文件（程序须已关闭），或省级数据库 postgresql+psycopg://…"
    )
    add_credentials(p)  # an administrator of the database being replaced
    p.add_argument("--backup-user", help="备份中的账户（默认与 --user 相同；不同时再输入一次密码）")
    p.add_argument(
        "--keys", type=Path, help="省级数据库：本省密钥所在的文件夹（默认本机密钥；随后输入其口令）"
    )
    p.set_defaults(handler=cmd_restore)


def cmd_backup(args: argparse.Namespace) -> int:
    with signed_in(args, args.db) as ws:
        copy = backup_database(ws, args.out)
    print(f"已备份到 {copy}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    if is_server_url(args.db):
        return _restore_server(args)
    args.db = Path(args.db)
    live_password = _live_administrator(args) if args.db.exists() else None
    backup_user = args.backup_user or args.user
    password = None
    if accounts.needs_sign_in(args.backup) and backup_user:
        if backup_user == args.user and live_password is not None:
            password = live_password
        else:
            password = read_secret(args, f"{backup_user} 的密码（备份中的账户）：")
    safety = restore_backup(args.backup, args.db, username=backup_user, password=password)
    print(f"已从 {args.backup.name} 恢复 {args.db}" + (f"；原数据库另存为 {safety}" if safety else ""))
    return 0


def _restore_server(args: argparse.Namespace) -> int:
    from app.paths import backups_dir
    from app.services.system.restore_server import restore_server

    with signed_in(args, args.db) as ws:
        ensure_may_restore(ws)
        passphrase = read_secret(args, "本省密钥的口令（解密备份）：") or None
        done = restore_server(ws, args.backup, passphrase, backups_dir(), keys=args.keys)
    print(f"已从 {args.backup.name} 恢复省级数据库（{done.families} 户特殊家庭）")
    print(f"恢复前的数据另存为 {done.safety_copy}")
    return 0


def _live_administrator(args: argparse.Namespace) -> str | None:
    """Sign in to the database being replaced and refuse unless an active administrator of it.

    Returns the password typed, to open the backup with when it has the same account.
    """
    if not args.user:
        with signed_in(args, str(args.db)) as ws:  # a plain file: allowed only without accounts
            ensure_may_restore(ws)
        return None
    password = read_secret(args, f"{args.user} 的密码（当前数据库中的账户）：")
    ws = accounts.sign_in(args.db, args.user, password)
    try:
        ensure_may_restore(ws)
    finally:
        ws.close()
    return password
