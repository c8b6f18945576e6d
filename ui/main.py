"""Start-up: open a database (or make the demo one), install Chinese translations, show the window."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from logging.handlers import RotatingFileHandler
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from app import __version__
from app.domain.errors import FpaError
from app.paths import default_database, demo_database, ensure, logs_dir
from app.services.workspace import Workspace, open_workspace
from ui.i18n import choose_font, install_translators
from ui.tasks import TaskRunner

DEMO_FAMILIES = 2000


def parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="jishengxie", description="计生协离线数据采集")
    parser.add_argument("--db", type=Path, help="打开这个数据库文件")
    parser.add_argument("--demo", action="store_true", help="打开演示数据库（首次使用时生成虚构数据）")
    parser.add_argument("--screenshot", type=Path, help=argparse.SUPPRESS)  # render and exit (docs, checks)
    return parser.parse_args(list(argv))


def setup_logging() -> Path:
    folder = ensure(logs_dir())
    handler = RotatingFileHandler(folder / "fpa.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)
    return folder


def open_target(args: argparse.Namespace) -> Workspace:
    if args.db:
        return open_workspace(args.db)
    if not args.demo and default_database().exists():
        return open_workspace(default_database())
    path = demo_database()
    if not path.exists():
        from app.services.demo import generate_demo

        ensure(path.parent)
        generate_demo(path, "430121000000", families=DEMO_FAMILIES, seed=1)
    return open_workspace(path)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    logs = setup_logging()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName("计生协离线数据采集")
    app.setApplicationVersion(__version__)
    install_translators(app)
    choose_font(app)

    def excepthook(kind: type[BaseException], exc: BaseException, tb: object) -> None:
        logging.getLogger("crash").critical("未处理的错误", exc_info=(kind, exc, tb))  # type: ignore[arg-type]
        QMessageBox.critical(
            None,
            "程序出错",
            f"程序遇到意外错误：{exc}\n\n已保存的记录都在数据库中，不会丢失。\n"
            f"请把日志文件夹 {logs} 中的 fpa.log 发给县里的信息管理员。",
        )

    sys.excepthook = excepthook
    try:
        workspace = open_target(args)
    except FpaError as exc:
        QMessageBox.critical(None, "无法打开数据库", exc.message)
        return 1
    from ui.main_window import MainWindow

    runner = TaskRunner()
    window = MainWindow(workspace, runner, f"计生协离线数据采集 — {workspace.division_code}")
    window.resize(1366, 768)
    window.show()
    if args.screenshot:
        runner.wait()
        for _ in range(5):  # deliver the results the worker sent back
            app.processEvents()
        window.grab().save(str(args.screenshot))
        workspace.close()
        return 0
    code = app.exec()
    runner.wait()
    workspace.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
