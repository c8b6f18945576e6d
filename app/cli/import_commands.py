"""`fpa import KIND FILE`: a county's roster into the database, with a per-row report.

Prints what it read and decided (new / update / refused); ``--dry-run`` writes nothing;
``--report OUT.xlsx`` writes the user's own sheet with the bad cells marked and a 问题 column.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from app.cli.credentials import add_credentials, signed_in
from app.domain.errors import UserInputError
from app.services.activities.imports import ActivityImport, TrainingImport
from app.services.families.imports import FAMILIES
from app.services.organisation.association_imports import AssociationImport
from app.services.organisation.imports import PEOPLE_IMPORTS
from app.services.projects.imports import BeneficiaryImport, PaymentImport
from app.services.shared.imports import (
    ImportKindBase,
    ImportOptions,
    RowAction,
    mapping_from_file,
    plan_import,
    read_table,
    summarise,
    write_import,
    write_report,
)

KINDS: dict[str, ImportKindBase] = {
    kind.name: kind
    for kind in (
        FAMILIES,
        *(make() for make in PEOPLE_IMPORTS.values()),
        AssociationImport(),
        ActivityImport(),
        TrainingImport(),
    )
}
# A project's list and payments belong to one project: made once its id is known.
PROJECT_KINDS: dict[str, tuple[str, Callable[[str], ImportKindBase]]] = {
    BeneficiaryImport.name: (BeneficiaryImport.label, BeneficiaryImport),
    PaymentImport.name: (PaymentImport.label, PaymentImport),
}
ALIASES = {kind.label: name for name, kind in KINDS.items()} | {
    label: name for name, (label, _make) in PROJECT_KINDS.items()
}
_SHOWN_PROBLEMS = 20  # the rest is in the report


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    kinds = "、".join(_known())
    p = sub.add_parser("import", help="从县里已有的 Excel/CSV 花名册导入，并给出逐行报告")
    p.add_argument("kind", help=f"导入什么：{kinds}")
    p.add_argument("file", type=Path, help=".xlsx、.xls、.ods 或 .csv 文件")
    p.add_argument("--db", required=True)
    p.add_argument("--project", help="项目编号：导入项目上报名单或发放记录时必填")
    p.add_argument("--sheet", help="工作表名称（默认第一个未隐藏的工作表）")
    p.add_argument("--header-row", type=int, help="表头所在的行号（从 1 开始；默认自动查找）")
    p.add_argument(
        "--mapping", type=Path, help='列对应文件（JSON，如 {"姓名": "C", "身份证号": "公民身份号码"}）'
    )
    p.add_argument("--skip-hidden", action="store_true", help="不导入表格中隐藏的行")
    p.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入数据库")
    p.add_argument("--report", type=Path, help="把带问题标注的报告写到这个 .xlsx 文件")
    add_credentials(p)
    p.set_defaults(handler=cmd_import)


def _known() -> list[str]:
    return [f"{n}（{k.label}）" for n, k in KINDS.items()] + [
        f"{n}（{label}）" for n, (label, _make) in PROJECT_KINDS.items()
    ]


def _kind(name: str, project: str | None) -> ImportKindBase:
    name = ALIASES.get(name, name)
    if name in PROJECT_KINDS:
        label, make = PROJECT_KINDS[name]
        if not project:
            raise UserInputError(f"导入{label}需要用 --project 指定项目编号。")
        return make(project)
    kind = KINDS.get(name)
    if kind is None:
        raise UserInputError(f"不能导入“{name}”。可以导入：{'、'.join(_known())}。")
    return kind


def cmd_import(args: argparse.Namespace) -> int:
    kind = _kind(args.kind, args.project)
    header_row = args.header_row - 1 if args.header_row else None
    options = ImportOptions(sheet=args.sheet, header_row=header_row, skip_hidden=args.skip_hidden)
    table = read_table(args.file, kind, options)
    if args.mapping is not None:
        options.mapping = mapping_from_file(args.mapping, kind, table.layout, table.mapping)
        options.header_row = table.layout.header_start
        table = read_table(args.file, kind, options)
    with signed_in(args, args.db) as ws:
        plan = plan_import(ws, kind, table, options)
        summary = summarise(plan, written=False)
        if not args.dry_run and summary.new + summary.updated:
            summary = write_import(ws, kind, table, plan)
    headers = "、".join(table.headers[c] for c in sorted(table.mapping.values()))
    head = f"第 {table.layout.header_start + 1} 行"
    print(f"{table.path.name}：工作表“{table.sheet}”，表头在{head}，读取的列：{headers}")
    refused = [o for o in plan.outcomes if o.action is RowAction.REFUSED and o.problems]
    for o in refused[:_SHOWN_PROBLEMS]:
        errors = [p.message for p in o.problems if p.is_error]
        print(f"  第 {o.number} 行 {o.label}：{'；'.join(errors)}")
    if len(refused) > _SHOWN_PROBLEMS:
        print(f"  ……另有 {len(refused) - _SHOWN_PROBLEMS} 行被拒绝" + ("，详见报告" if args.report else ""))
    print(("试导入（未写入）：" if args.dry_run else "") + str(summary))
    if args.report is not None:
        write_report(args.report, table, plan, summary, kind_label=kind.label)
        print(f"报告已写到 {args.report}")
    if summary.refused and summary.written:
        print(f"有 {summary.refused} 行未导入：改正后可用同一文件再次导入，已导入的不会重复。", file=sys.stderr)  # noqa: E501
    return 0
