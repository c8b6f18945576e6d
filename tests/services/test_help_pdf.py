"""`fpa print help`: a help topic as a PDF from the same text the help window shows (the quick start by
default, one page); a wrong place is refused in Chinese and nothing is written."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from app.cli import main
from app.services.shared.help import TOPICS, help_text, help_title

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


def _text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_the_quick_start_and_a_page_topic_as_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    quick = tmp_path / "quick.pdf"
    assert main(["print", "help", "--out", str(quick)]) == 0
    assert "已生成帮助" in capsys.readouterr().out
    printed = _text(quick)
    assert printed.startswith(help_title(help_text("quickstart"))) and "导入配置包" in printed
    sync = tmp_path / "sync.pdf"
    assert main(["print", "help", "--topic", "sync", "--out", str(sync)]) == 0
    assert "写出同步文件" in _text(sync) and "快速入门" not in _text(sync)
    assert "sync" in TOPICS


def test_a_folder_that_is_not_there_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["print", "help", "--out", str(tmp_path / "no" / "help.pdf")]) != 0
    assert "保存位置不存在" in capsys.readouterr().err
    assert not (tmp_path / "no").exists()
