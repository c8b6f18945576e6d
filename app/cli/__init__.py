"""`fpa`: the headless face of the program. Exit 0 on success, 1 on a user error, 2 on bad usage."""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Callable, Sequence

from app import __version__
from app.cli import (
    account_commands,
    audit_commands,
    backup_commands,
    core_commands,
    division_commands,
    evaluation_commands,
    import_commands,
    print_commands,
    report_commands,
    sync_commands,
    user_commands,
)
from app.domain.errors import FpaError
from app.services.shared.spool import remove_leftovers

EXIT_OK, EXIT_USER_ERROR, EXIT_USAGE = 0, 1, 2

# Each command module adds its sub-commands; a handler returns an exit code.
REGISTRARS: list[Callable[[argparse._SubParsersAction], None]] = [  # type: ignore[type-arg]
    core_commands.register,
    sync_commands.register,
    audit_commands.register,
    division_commands.register,
    evaluation_commands.register,
    account_commands.register,
    backup_commands.register,
    user_commands.register,
    import_commands.register,
    print_commands.register,
    report_commands.register,
]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"{self.prog}: 参数错误: {message}", file=sys.stderr)
        sys.exit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="fpa", description="计生协离线数据采集 — 命令行工具")
    parser.add_argument("--version", action="version", version=f"fpa {__version__}")
    parser.add_argument(
        "--self-test", action="store_true", help="自检：加密数据库、同步文件、走访表 PDF（安装后运行）"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for register in REGISTRARS:
        register(sub)
    return parser


def _utf8_output() -> None:
    """Chinese output even into a pipe or a file on Windows, whose code page may not have it.

    A Windows console takes Unicode whatever the code page; a pipe gets the ANSI code page
    (cp1252 on a western system), where the first Chinese character raised UnicodeEncodeError.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.encoding.lower().replace("-", "") != "utf8":
            stream.reconfigure(encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    _utf8_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    remove_leftovers()  # a killed export's plain-text spool must not outlive it
    handler = getattr(args, "handler", None)
    if args.self_test and handler is None:
        from app.cli.self_test import run_self_test

        return run_self_test()
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(handler(args))
    except FpaError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("已中断，未完成的操作已回滚。", file=sys.stderr)
        return EXIT_USER_ERROR


if __name__ == "__main__":
    sys.exit(main())
