"""A new user's first day: every file dialog is Chinese and opens on the USB stick or in Documents."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QLabel
from pytestqt.qtbot import QtBot

from app.paths import program_dir
from app.services.shared.workspace import Workspace
from ui.shell import file_dialogs
from ui.shell.i18n import install_translators
from ui.shell.page import PageContext
from ui.shell.tasks import SyncTaskRunner

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    translators = install_translators(qapp)
    yield
    for t in translators:
        qapp.removeTranslator(t)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder with its Documents folder, and no USB stick inserted."""
    folder = tmp_path / "user"
    (folder / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(folder / "Documents"))
    monkeypatch.setattr(file_dialogs, "removable_roots", lambda volumes=None: [])
    return folder


def _texts(dialog: QFileDialog) -> list[str]:
    shown = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton)]
    return [t for t in shown if t.strip()]


@pytest.mark.parametrize(
    ("mode", "save"),
    [
        (QFileDialog.FileMode.ExistingFile, False),
        (QFileDialog.FileMode.AnyFile, True),
        (QFileDialog.FileMode.Directory, False),
    ],
)
def test_every_label_of_the_file_dialog_is_chinese(
    qtbot: QtBot, chinese: None, home: Path, mode: QFileDialog.FileMode, save: bool
) -> None:
    dialog = file_dialogs.build_dialog(None, "导出", mode=mode, save=save, filters="Excel (*.xlsx)")
    qtbot.addWidget(dialog)
    dialog.resize(800, 500)
    dialog.show()
    texts = _texts(dialog)
    assert texts and all(CJK.search(t) for t in texts), texts  # "Look in:", "Files of type:" were English
    assert "查找范围(&L)：" in texts
    if mode != QFileDialog.FileMode.Directory:
        assert "文件类型(&T)：" in texts


def test_dialogs_open_in_documents_never_in_the_program_folder(qtbot: QtBot, home: Path) -> None:
    assert file_dialogs.start_folder() == home / "Documents"
    assert file_dialogs.start_folder(program_dir()) == home / "Documents"  # asked for, and still refused
    dialog = file_dialogs.build_dialog(None, "x", mode=QFileDialog.FileMode.ExistingFile)
    qtbot.addWidget(dialog)
    assert Path(dialog.directory().absolutePath()) == home / "Documents"


def test_an_inserted_usb_stick_comes_first(
    qtbot: QtBot, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workspace: Workspace
) -> None:
    stick = tmp_path / "media" / "U盘"
    stick.mkdir(parents=True)
    monkeypatch.setattr(file_dialogs, "removable_roots", lambda volumes=None: [stick])
    shown: list[QFileDialog] = []

    def answer(dialog: QFileDialog) -> bool:
        shown.append(dialog)
        return False  # the user cancels

    monkeypatch.setattr(file_dialogs, "run_dialog", answer)
    from ui.families.page import FamiliesPage

    page = FamiliesPage(PageContext(workspace, SyncTaskRunner()))
    qtbot.addWidget(page)
    page.list.choose_export_file()  # 导出 Excel on the family list
    (dialog,) = shown
    assert Path(dialog.directory().absolutePath()) == stick
    assert dialog.acceptMode() is QFileDialog.AcceptMode.AcceptSave
    assert dialog.selectedFiles()[0].endswith(".xlsx")
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)  # the translated one
    sidebar = [Path(u.toLocalFile()) for u in dialog.sidebarUrls()]
    assert sidebar[0] == stick and home / "Documents" in sidebar


def test_usb_sticks_are_found_under_the_removable_mounts() -> None:
    assert file_dialogs.is_removable(Path("/media/zhang/KINGSTON"), platform="linux")
    assert file_dialogs.is_removable(Path("/run/media/zhang/U盘"), platform="linux")
    assert not file_dialogs.is_removable(Path("/media"), platform="linux")
    assert not file_dialogs.is_removable(Path("/home/zhang"), platform="linux")
    assert not file_dialogs.is_removable(Path("/"), platform="linux")


def test_no_file_dialog_bypasses_the_helper() -> None:
    """One module makes the program's file dialogs: no screen calls QFileDialog by itself."""
    root = Path(__file__).resolve().parents[2] / "ui"
    helper = root / "shell" / "file_dialogs.py"
    offenders = [
        str(p.relative_to(root))
        for p in root.rglob("*.py")
        if p != helper and "QFileDialog" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []
