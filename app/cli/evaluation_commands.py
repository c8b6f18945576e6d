"""`fpa evaluation`: the indicator sheet, reporting completeness and period locks without a screen."""

from __future__ import annotations

import argparse

from app.cli.credentials import add_credentials, signed_in
from app.services import evaluation


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    ev = sub.add_parser("evaluation", help="绩效评价").add_subparsers(dest="evaluation_cmd", metavar="ACTION")
    p = ev.add_parser("sheet", help="指标表：各指标的数值、分子、分母、目标、是否达标")
    _common(p)
    p.add_argument("--json", action="store_true", help="输出 JSON（每个指标一个对象）")
    p.set_defaults(handler=cmd_sheet)
    p = ev.add_parser("reporting", help="报送情况：各下级是否已报送本期数据")
    _common(p)
    p.set_defaults(handler=cmd_reporting)
    p = ev.add_parser("lock", help="锁定期间（县级管理员）")
    _common(p)
    p.set_defaults(handler=cmd_lock)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", required=True)
    add_credentials(p)
    p.add_argument("--division", help="区划代码（默认：本机或登录账户的区划）")
    forms = "如 2026、2026H1、2026上半年、2026Q2、2026-05、2026-05-01..2026-05-31"
    p.add_argument("--period", required=True, help=forms)


def cmd_sheet(args: argparse.Namespace) -> int:
    with signed_in(args, args.db) as ws:
        if args.json:
            print(evaluation.indicator_sheet_json(ws, args.division, args.period))
            return 0
        sheet = evaluation.indicator_sheet(ws, args.division, args.period)
    print(f"{sheet.division_name}（{sheet.division_code}）{sheet.period_label} 绩效指标")
    for v in sheet.values:
        value = "—" if v.value is None else f"{v.value:,.2f}{v.unit}"
        target = "" if v.target is None else f"  目标 {v.target:g}{v.unit}"
        met = {True: "  达标", False: "  未达标", None: ""}[v.met]
        parts = f"{v.numerator:,}" + ("" if v.denominator is None else f" / {v.denominator:,}")
        print(f"{v.code:<10} {v.name}：{value}（{parts}）{target}{met}")
    return 0


def cmd_reporting(args: argparse.Namespace) -> int:
    with signed_in(args, args.db) as ws:
        rows = evaluation.reporting(ws, args.period, args.division)
    for r in rows:
        last = f"{r.last_written:%Y-%m-%d}" if r.last_written else "—"
        flags = "  已锁定" if r.locked else ""
        if r.missing_bundles:
            flags += f"  缺 {r.missing_bundles} 个文件"
        name = f"{r.division_name:<10}"
        print(f"{r.division_code}  {name} {r.status}  最近文件 {last}  共 {r.bundles} 个{flags}")
    return 0


def cmd_lock(args: argparse.Namespace) -> int:
    with signed_in(args, args.db) as ws:
        lock = evaluation.lock_period(ws, args.period, args.division)
    print(f"已锁定 {lock.division_name} {lock.period_label}")
    return 0
