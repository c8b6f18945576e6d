"""`fpa keys`, `fpa setup`, `fpa sync`: identities, setup packages, bundles and receipts."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path

from app.cli.credentials import add_credentials, signed_in
from app.domain.errors import UserInputError
from app.domain.validation import normalize_division_code
from app.services import sync
from app.sync.identity import is_protected


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    keys = sub.add_parser("keys", help="本机密钥（加密与签名）").add_subparsers(
        dest="keys_cmd", metavar="ACTION"
    )
    p = keys.add_parser("new", help="新建密钥")
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--passphrase-file", type=Path, help="口令文件；不给则不加口令（仅用于测试和演示）")
    p.set_defaults(handler=cmd_keys_new)
    p = keys.add_parser("show", help="显示公钥")
    p.add_argument("folder", type=Path)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_keys_show)

    setup = sub.add_parser("setup", help="配置包").add_subparsers(dest="setup_cmd", metavar="ACTION")
    p = setup.add_parser("export", help="签发配置包")
    p.add_argument("--identity", type=Path, required=True)
    _passphrase_arg(p)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--role", choices=["province", "county"], help="签发方角色（可省略：由区划级别决定）")
    p.add_argument("--division", required=True, help="签发方的区划代码（6 位或 12 位，如 430121）")
    p.add_argument(
        "--recipients",
        type=_key_and_division,
        nargs="*",
        default=[],
        metavar="KEYDIR=区划代码",
        help="其他接收方（上级）的公钥及其区划：密钥文件夹或 identity.json=区划代码，如 province-key=430000",
    )
    p.add_argument(
        "--signers",
        type=_key_and_division,
        nargs="*",
        default=[],
        metavar="KEYDIR=区划代码",
        help="受信任的发送方（下级）的公钥及其可写入的区划，如 township-key=430121100（只能是本级以下）",
    )
    p.add_argument("--divisions", type=Path, help="区划表 CSV（code,name,level,parent_code）")
    p.add_argument("--catalogue", type=Path, help="项目目录 JSON（默认使用程序自带目录）")
    p.add_argument("--indicators", type=Path, help="指标定义 JSON（默认使用程序自带定义）")
    p.set_defaults(handler=cmd_setup_export)
    p = setup.add_parser("import", help="导入配置包")
    p.add_argument("file", type=Path)
    p.add_argument("--db", required=True)
    add_credentials(p)
    p.add_argument("--trust", help="首次导入时确认签发方的密钥编号")
    p.set_defaults(handler=cmd_setup_import)

    s = sub.add_parser("sync", help="同步文件").add_subparsers(dest="sync_cmd", metavar="ACTION")
    p = s.add_parser("export", help="写出同步文件")
    p.add_argument("--db", required=True)
    add_credentials(p)
    p.add_argument("--identity", type=Path, required=True)
    _passphrase_arg(p)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--full", action="store_true", help="写出全部数据，而不只是未确认的变更")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_sync_export)
    p = s.add_parser("merge", help="合并同步文件")
    p.add_argument("--into", required=True, help="SQLite 文件路径或 postgresql+psycopg://… 地址")
    add_credentials(p)
    p.add_argument("--identity", type=Path, required=True)
    _passphrase_arg(p)
    p.add_argument("bundles", type=Path, nargs="+")
    p.add_argument("--dry-run", action="store_true", help="只检查并统计，不写入")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_sync_merge)
    p = s.add_parser("settings", help="同步设置")
    p.add_argument("--db", required=True)
    add_credentials(p)
    p.add_argument(
        "--max-clock-ahead-hours",
        type=float,
        required=True,
        help="同步文件中的修改时间最多可比本机时钟快多少小时（默认 24）",
    )
    p.set_defaults(handler=cmd_sync_settings)
    p = s.add_parser("receipt", help="写出回执")
    p.add_argument("--db", required=True)
    add_credentials(p)
    p.add_argument("--identity", type=Path, required=True)
    _passphrase_arg(p)
    p.add_argument("--out", type=Path, required=True)
    p.set_defaults(handler=cmd_sync_receipt)
    p = s.add_parser("ack", help="导入上级回执")
    p.add_argument("--db", required=True)
    add_credentials(p)
    p.add_argument("receipts", type=Path, nargs="+")
    p.set_defaults(handler=cmd_sync_ack)


def _key_and_division(text: str) -> tuple[Path, str]:
    """``KEYDIR=430121``: a key and the division it may write, normalised to 12 digits."""
    folder, sep, code = text.rpartition("=")
    if not sep or not folder:
        raise argparse.ArgumentTypeError(
            f"“{text}”缺少区划代码：请写成 密钥文件夹=区划代码，如 {text}=430121100"
        )
    try:
        return Path(folder), normalize_division_code(code)
    except UserInputError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def _passphrase_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--passphrase-file", type=Path, help="密钥口令文件")


def _passphrase(args: argparse.Namespace, folder: Path) -> str | None:
    path: Path | None = getattr(args, "passphrase_file", None)
    if path is not None:
        try:
            return path.read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise UserInputError(f"无法读取口令文件“{path}”：{exc.strerror}") from None
    if os.environ.get("FPA_PASSPHRASE"):
        return os.environ["FPA_PASSPHRASE"]
    if is_protected(folder) and sys.stdin.isatty():
        return getpass.getpass("密钥口令：")
    return None


def cmd_keys_new(args: argparse.Namespace) -> int:
    passphrase = _passphrase(args, args.out) if args.passphrase_file else None
    row = sync.new_identity(args.out, args.name, passphrase)
    print(f"已创建密钥 {row.name}，密钥编号 {row.key_id}")
    print(f"加密公钥：{row.age_recipient}")
    if passphrase is None:
        print("注意：私钥未设口令，只适合测试和演示。", file=sys.stderr)
    return 0


def cmd_keys_show(args: argparse.Namespace) -> int:
    row = sync.show_identity(args.folder)
    if args.json:
        print(json.dumps(asdict(row), ensure_ascii=False))
    else:
        print(
            f"名称：{row.name}\n密钥编号：{row.key_id}\n加密公钥：{row.age_recipient}\n"
            f"签名公钥：{row.signing_public_key}"
        )
    return 0


def cmd_setup_export(args: argparse.Namespace) -> int:
    out = sync.export_setup(
        args.identity,
        _passphrase(args, args.identity),
        args.out,
        role=args.role,
        division=args.division,
        recipients=args.recipients,
        signers=args.signers,
        divisions_csv=args.divisions,
        catalogue=args.catalogue,
        indicators=args.indicators,
    )
    key_id, name = sync.setup_signer(out)
    print(f"已写出配置包 {out}（签发方 {name}，密钥编号 {key_id}）")
    return 0


def cmd_setup_import(args: argparse.Namespace) -> int:
    with signed_in(args, args.db) as ws:
        result = sync.import_setup(ws, args.file, trust=args.trust)
    print(
        f"已导入配置包 {result.package_id}（签发方 {result.signer}）：密钥 {result.keys} 个，"
        f"新增区划 {result.divisions_added} 个，项目目录 {result.catalogue} 条，指标 {result.indicators} 条"
        + (f"；吊销密钥 {result.revoked} 个" if result.revoked else "")
        + (f"；{result.kept} 个密钥由其他签发方登记，保持不变" if result.kept else "")
    )
    return 0


def cmd_sync_export(args: argparse.Namespace) -> int:
    with signed_in(args, args.db) as ws:
        result = sync.write_bundle(
            ws, args.identity, _passphrase(args, args.identity), args.out, full=args.full
        )
    if args.json:
        print(
            json.dumps(
                {
                    "file": str(result.path),
                    "seq": result.seq,
                    "since_seq": result.since_seq,
                    "last_change_seq": result.last_change_seq,
                    "records": result.records,
                    "counts": result.counts,
                },
                ensure_ascii=False,
            )
        )
    else:
        print(f"已写出同步文件 {result.path}（第 {result.seq} 号，{result.records} 条记录）")
    return 0


def cmd_sync_merge(args: argparse.Namespace) -> int:
    with signed_in(args, args.into) as ws:
        results = sync.merge_bundles(
            ws, args.identity, _passphrase(args, args.identity), args.bundles, dry_run=args.dry_run
        )
    for r in results:
        if args.json:
            print(json.dumps(r.as_dict(), ensure_ascii=False))
        elif r.status == "refused":
            print(f"拒绝 {r.file}：{r.reason}。数据库未做任何修改。")
        else:
            s = r.stats
            word = "已合并" if r.status == "accepted" else "检查通过（未写入）"
            print(
                f"{word} {r.file}：新增 {s['inserted']}，更新 {s['updated']}，未变 {s['unchanged']}，"
                f"冲突 {s['conflicts']}，疑似重复 {s['duplicates']}"
                + (f"；缺少该发送方的第 {', '.join(map(str, r.gaps))} 号文件" if r.gaps else "")
            )
    return 1 if any(r.status == "refused" for r in results) else 0


def cmd_sync_settings(args: argparse.Namespace) -> int:
    with signed_in(args, args.db) as ws:
        hours = sync.set_max_clock_ahead(ws, args.max_clock_ahead_hours)
    print(f"已设置：同步文件中的修改时间最多可比本机时钟快 {hours:g} 小时")
    return 0


def cmd_sync_receipt(args: argparse.Namespace) -> int:
    with signed_in(args, args.db) as ws:
        path = sync.write_sync_receipt(ws, args.identity, _passphrase(args, args.identity), args.out)
    print(f"已写出回执 {path}")
    return 0


def cmd_sync_ack(args: argparse.Namespace) -> int:
    with signed_in(args, args.db) as ws:
        for path in args.receipts:
            r = sync.import_sync_receipt(ws, path)
            print(
                f"已导入回执 {path.name}：确认本机同步文件 {r.confirmed} 个，已确认变更位置 "
                f"{r.acked_before} → {r.acked_after}"
            )
    return 0
