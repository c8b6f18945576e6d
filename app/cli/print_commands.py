"""`fpa print visit-forms`, `fpa print notice` and `fpa print help`: the paper the program prints, as PDF.

Visit forms for the registered families of a division (those not visited since a day, if asked),
or blank ones; a project's public-notice list; a help topic (the one-page 快速入门 by default).
The same drawing as the program's print button.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from app.cli.credentials import add_credentials, signed_in
from app.domain.errors import UserInputError
from app.services.families.visit_sheets import MAX_SHEETS, blank_sheets, families_to_visit, visit_sheets
from app.services.projects import notice_list
from app.services.shared.help import QUICK_START, TOPICS, help_pdf
from app.services.shared.paper import notice_pdf, visit_forms_pdf


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”应写成 YYYY-MM-DD，如 2026-06-01") from None


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    a = sub.add_parser("print", help="打印走访表、公示名单（输出 PDF）").add_subparsers(
        dest="print_cmd", metavar="WHAT"
    )
    p = a.add_parser("visit-forms", help="某区划在册家庭的走访慰问登记表（每户一页，带二维码）")
    p.add_argument("--db", required=True)
    add_credentials(p)
    p.add_argument("--division", help="区划代码（乡镇或村）；与 --blank 二选一")
    p.add_argument("--not-visited-since", type=_day, metavar="DATE", help="只打印此日期以来未走访的家庭")
    p.add_argument("--blank", type=int, metavar="N", help=f"打印 N 份空白走访表（最多 {MAX_SHEETS} 份）")
    p.add_argument("--out", required=True, help="输出的 PDF 文件")
    p.set_defaults(handler=cmd_visit_forms)
    p = a.add_parser("notice", help="项目的公示名单（A4，列宽时横向）")
    p.add_argument("--db", required=True)
    add_credentials(p)
    p.add_argument("--project", required=True, help="项目编号（ID）")
    p.add_argument("--list", action="store_true", help="公示上报名单（默认公示发放记录）")
    p.add_argument("--out", required=True, help="输出的 PDF 文件")
    p.set_defaults(handler=cmd_notice)
    p = a.add_parser("help", help="程序的帮助（默认：一页的快速入门）")
    p.add_argument("--topic", default=QUICK_START, choices=TOPICS, help="帮助主题（页面或表单）")
    p.add_argument("--out", required=True, help="输出的 PDF 文件")
    p.set_defaults(handler=cmd_help)


def _out(text: str) -> Path:
    path = Path(text)
    if path.suffix.lower() != ".pdf":
        raise UserInputError(f"输出文件应以 .pdf 结尾：{text}")
    return path


def cmd_visit_forms(args: argparse.Namespace) -> int:
    out = _out(args.out)
    if (args.division is None) == (args.blank is None):
        raise UserInputError("请指定 --division 区划代码，或用 --blank N 打印空白表（二选一）")
    if args.blank is not None:
        sheets = blank_sheets(args.blank)
    else:
        with signed_in(args, args.db) as ws:
            ids = families_to_visit(ws, args.division, not_visited_since=args.not_visited_since)
            if not ids:
                print("没有符合条件的在册家庭，未生成文件。", file=sys.stderr)
                return 1
            sheets = visit_sheets(ws, ids, registered_only=True)
    visit_forms_pdf(out, sheets)
    print(f"已生成 {len(sheets)} 份走访表：{out}")
    return 0


def cmd_notice(args: argparse.Namespace) -> int:
    out = _out(args.out)
    with signed_in(args, args.db) as ws:
        notice = notice_list(ws, args.project, of_payments=not args.list)
    notice_pdf(out, notice)
    print(f"已生成公示名单（{len(notice.lines)} 人）：{out}")
    return 0


def cmd_help(args: argparse.Namespace) -> int:
    out = help_pdf(args.topic, _out(args.out))
    print(f"已生成帮助：{out}")
    return 0
