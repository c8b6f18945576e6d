"""`fpa audit`: verify the hash chain of the audit log, list recent entries, prune old ones."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC

from app.cli.credentials import add_credentials, signed_in
from app.services.shared import audit


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    a = sub.add_parser("audit", help="审计日志").add_subparsers(dest="audit_cmd", metavar="ACTION")
    p = a.add_parser("verify", help="校验审计日志是否被修改或删除（完整时退出码为 0）")
    p.add_argument("--db", required=True)
    add_credentials(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_audit_verify)
    p = a.add_parser("list", help="列出最近的审计记录")
    p.add_argument("--db", required=True)
    add_credentials(p)
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_audit_list)
    p = a.add_parser("prune", help=f"清理早于指定天数的审计记录（至少保留 {audit.MIN_RETENTION.days} 天）")
    p.add_argument("--db", required=True)
    add_credentials(p)
    p.add_argument("--older-than-days", type=int, required=True)
    p.set_defaults(handler=cmd_audit_prune)


def cmd_audit_verify(args: argparse.Namespace) -> int:
    with signed_in(args, args.db) as ws:
        report = audit.verify(ws)
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
    else:
        print(report.summary(), file=sys.stdout if report.ok else sys.stderr)
    return 0 if report.ok else 1


def cmd_audit_list(args: argparse.Namespace) -> int:
    with signed_in(args, args.db) as ws:
        rows = audit.list_entries(ws, args.limit)
    for r in rows:
        if args.json:
            doc = {
                "seq": r.seq,
                "at": r.at.replace(tzinfo=UTC).isoformat(timespec="seconds"),
                "username": r.username,
                "action": r.action,
                "target": r.target,
                "detail": r.detail,
            }
            print(json.dumps(doc, ensure_ascii=False))
        else:
            detail = json.dumps(r.detail, ensure_ascii=False) if r.detail else ""
            local = r.at.replace(tzinfo=UTC).astimezone()  # stored in UTC, shown in local time
            print(
                f"{r.seq:>7}  {local:%Y-%m-%d %H:%M:%S}  {r.username or '-':<12}  {r.action_label:<8}  "
                f"{r.target or ''}  {detail}".rstrip()
            )
    if not rows and not args.json:
        print("审计日志中没有记录。")
    return 0


def cmd_audit_prune(args: argparse.Namespace) -> int:
    with signed_in(args, args.db) as ws:
        result = audit.prune_entries(ws, args.older_than_days)
    print(
        f"已清理 {result.removed} 条早于 {result.cutoff:%Y-%m-%d} 的审计记录；"
        f"日志从第 {result.anchor_seq} 条之后继续校验。"
    )
    return 0
