"""A .fpas or .fpab double-clicked in Explorer (the installer's file association) reaches 同步."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.paths import identity_dir
from app.services import sync
from app.services.shared.workspace import open_workspace
from ui.main import open_file, parse
from ui.shell.main_window import MainWindow
from ui.shell.tasks import SyncTaskRunner


def test_the_program_takes_a_file_on_its_command_line() -> None:
    args = parse(["D:\\\\U盘\\\\长沙县.fpas"])
    assert args.file is not None and args.file.suffix == ".fpas" and args.db is None


def test_a_setup_package_opened_from_explorer_asks_whether_to_trust_its_issuer(
    qtbot: QtBot, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    province = sync.new_identity(tmp_path / "province-key", "湖南省计生协", None)
    sync.new_identity(identity_dir(), "长沙县计生协", None)
    package = sync.export_setup(
        tmp_path / "province-key", None, tmp_path / "湖南省.fpas", division="430000", signers=[(identity_dir(), "430121")]
    )
    asked: list[str] = []

    def answer(parent: object, title: str, text: str, *rest: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    window = MainWindow(open_workspace(db_path), SyncTaskRunner())
    qtbot.addWidget(window)
    open_file(window, package)
    assert window.current_key() == "sync"
    assert len(asked) == 1 and "湖南省计生协" in asked[0] and province.key_id in asked[0]
