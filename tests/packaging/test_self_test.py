"""`fpa --self-test`, as the installer's smoke test and a user on a new computer run it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_self_test_passes_every_step_and_leaves_nothing_behind(tmp_path: Path) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "FPA_HOME": str(tmp_path / "home"), "TMPDIR": str(scratch), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "--self-test"], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("计生协离线数据采集 自检 / self-test — fpa ")
    steps = [line for line in lines if line.startswith("[")]
    assert len(steps) == 3 and all("通过 OK" in line for line in steps), done.stdout
    assert "encrypted database" in steps[0] and "3 户" in steps[0]
    assert ".fpab" in steps[1]
    assert "visit form to PDF" in steps[2] and "1 页" in steps[2]
    assert lines[-1] == "自检通过 / self-test passed"
    assert not [p for p in scratch.iterdir() if p.name.startswith("fpa-selftest-")]


def test_self_test_is_listed_in_the_help() -> None:
    done = subprocess.run([sys.executable, "-m", "app.cli", "--help"], capture_output=True, text=True, timeout=60)
    assert "--self-test" in done.stdout and "自检" in done.stdout


def test_chinese_output_survives_a_pipe_whose_code_page_lacks_it() -> None:
    # A pipe on a western Windows gets cp1252: without help the first Chinese character raised
    # UnicodeEncodeError (seen with the Windows build under wine).
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    done = subprocess.run([sys.executable, "-m", "app.cli", "--help"], env=env, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert "自检" in done.stdout.decode("utf-8")
