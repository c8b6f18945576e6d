"""`fpa division`: list, add, rename and retire divisions locally (county administrators)."""

from __future__ import annotations

import argparse

from app.cli.credentials import add_credentials, signed_in
from app.domain.validation import parse_date
from app.services.system import divisions


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    div = sub.add_parser("division", help="区划维护").add_subparsers(dest="division_cmd", metavar="ACTION")
    p = div.add_parser("list", help="列出区划")
    p.add_argument("--db", required=True)
    add_credentials(p)
    p.add_argument("--under", required=True, help="上级区划代码")
    p.set_defaults(handler=cmd_list)
    p = div.add_parser("add", help="新增区划")
    p.add_argument("--db", required=True)
    add_credentials(p)
    p.add_argument("--parent", required=True)
    p.add_argument("--code", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--from", dest="valid_from", required=True, help="启用日期，如 2025-03-01")
    p.set_defaults(handler=cmd_add)
    p = div.add_parser("rename", help="区划更名")
    p.add_argument("--db", required=True)
    add_credentials(p)
    p.add_argument("--code", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--on", required=True, help="更名日期")
    p.set_defaults(handler=cmd_rename)
    p = div.add_parser("retire", help="撤销区划")
    p.add_argument("--db", required=True)
    add_credentials(p)
    p.add_argument("--code", required=True)
    p.add_argument("--on", required=True, help="撤销日期")
    p.set_defaults(handler=cmd_retire)


def cmd_list(args: argparse.Namespace) -> int:
    with signed_in(args, args.db) as ws:
        for r in divisions.division_tree(ws.db, args.under):
            flags = ("（已撤销）" if r.retired else "") + ("（本地）" if r.local else "")
            print(f"{r.code}  {r.level.label:<4}  {r.name}{flags}")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    with signed_in(args, args.db) as ws:
        divisions.add_division(ws.db, args.parent, args.code, args.name, parse_date(args.valid_from))
    print(f"已新增区划 {args.code} {args.name}")
    return 0


def cmd_rename(args: argparse.Namespace) -> int:
    with signed_in(args, args.db) as ws:
        divisions.rename_division(ws.db, args.code, args.name, parse_date(args.on))
    print(f"已将区划 {args.code} 更名为 {args.name}")
    return 0


def cmd_retire(args: argparse.Namespace) -> int:
    with signed_in(args, args.db) as ws:
        divisions.retire_division(ws.db, args.code, parse_date(args.on))
    print(f"已撤销区划 {args.code}")
    return 0
