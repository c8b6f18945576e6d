"""`fpa report TABLE --db DB --division CODE --period 2026H1 [--xlsx F] [--json]`: the standard tables."""

from __future__ import annotations

import argparse
import json

from app.cli.credentials import add_credentials, signed_in
from app.domain.records.reports import ReportTable, shown_text
from app.services import analysis, evaluation


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    names = "、".join(f"{code}（{title}）" for code, title in analysis.report_choices())
    p = sub.add_parser("report", help="统计报表：" + names)
    p.add_argument("table", help="报表名称：" + names)
    p.add_argument("--db", required=True, help="数据库文件或数据库地址")
    p.add_argument("--division", help="区划代码（默认：登录账户或本机的区划）")
    p.add_argument(
        "--period",
        required=True,
        help="时段：2026、2026H1（上半年）、2026Q2、2026-05 或 2026-05-01..2026-05-31",
    )
    p.add_argument("--xlsx", help="另存为 Excel 文件")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    add_credentials(p)
    p.set_defaults(handler=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    with signed_in(args, args.db) as ws:
        table = analysis.build_report(ws, args.table, args.division, args.period)
        written = analysis.export_report(ws, table, args.xlsx) if args.xlsx else None
        # the indicator sheet's JSON is one object per indicator (value, numerator, denominator,
        # target, met) with the figures as numbers, not the table's formatted text
        sheet_json = (
            evaluation.indicator_sheet_json(ws, table.division_code, table.period_code)
            if args.json and table.code == "indicators"
            else None
        )
    if sheet_json is not None:
        print(sheet_json)
    elif args.json:
        print(json.dumps(table.as_dict(), ensure_ascii=False))
    else:
        print_table(table)
    if written is not None and not args.json:
        print(f"已导出 {written}")
    return 0


def print_table(table: ReportTable) -> None:
    print(
        f"{table.title}　{table.unit}　{table.period_label}　{table.division_name}（{table.division_code}）"
    )
    print("\t".join(c.title for c in table.columns))
    for row in (*table.rows, *((table.totals,) if table.totals is not None else ())):
        print("\t".join(shown_text(c, v) for c, v in zip(table.columns, row, strict=True)))
    for note in table.notes:
        print(f"注：{note}")
