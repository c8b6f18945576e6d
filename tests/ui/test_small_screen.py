"""An old laptop: every page and dialog on a 1366×768 screen at 100 % and at 150 % with no cut text.

``scripts/screenshots.py --check`` builds the main window on a copy of the demo county, shows every
page and every dialog the pages offer, the welcome wizard, About, the crash and progress dialogs,
and checks each with ``scripts/layout_check.py``: the window fits the screen, no visible button or
label is narrower (or, wrapped, shorter) than its text, no line edit's hint is cut. Scaling must be
set before Qt starts, so each scale runs in a process of its own.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from layout_check import problems  # noqa: E402


@pytest.mark.parametrize("scale", ["1.5", "1"])
def test_every_screen_fits_without_cut_text(scale: str, demo_template: Path, tmp_path: Path) -> None:
    out = tmp_path / "shots"
    options = ["--scale", scale, "--check", "--full-colour", "--db", str(demo_template), "--out", str(out)]
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "screenshots.py"), *options],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    reported = [line.strip() for line in result.stdout.splitlines() if "PROBLEM" in line]
    assert result.returncode == 0 and not reported, result.stdout[-4000:] + result.stderr[-4000:]
    shots = {p.stem for p in out.glob("*.png")}
    expected = {"home", "organisation", "families", "families-family_form", "families-visit_form"}
    expected |= {"projects", "activities", "sync", "system", "welcome-role", "welcome-place", "about"}
    assert expected <= shots, sorted(expected - shots)


def test_the_check_sees_a_squeezed_button_and_a_cut_label(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    row = QHBoxLayout(window)
    button = QPushButton("导出 Excel(&X)…")
    label = QLabel("未落实两名联系人的家庭")
    row.addWidget(button)
    row.addWidget(label)
    window.show()
    assert problems(window) == []
    button.setFixedWidth(30)
    label.setFixedWidth(40)
    found = problems(window)
    assert any("QPushButton" in p for p in found) and any("QLabel" in p for p in found), found
