"""The layer contract of STYLE.md holds, and a wrong-layer import makes the build fail."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).with_name("lint-imports")


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [str(LINT), "--config", str(tree / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def tree_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("tree")
    for name in ("app", "ui"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "pyproject.toml", dest / "pyproject.toml")
    return dest


def test_the_project_keeps_its_layers() -> None:
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("ui/_probe.py", "import app.database.session\n", "The UI runs no SQL"),
        ("app/domain/_probe.py", "import app.services.system.setup\n", "Layers"),
        ("app/database/_probe.py", "import app.sync\n", "Layers"),
        ("app/services/_probe.py", "import PySide6.QtWidgets\n", "Nothing under app/ imports Qt"),
    ],
)
def test_a_wrong_import_breaks_the_build(tree_copy: Path, module: str, line: str, contract: str) -> None:
    probe = tree_copy / module
    probe.write_text(line, encoding="utf-8")
    try:
        result = _lint(tree_copy)
    finally:
        probe.unlink()
    assert result.returncode != 0
    assert "BROKEN" in result.stdout and contract in result.stdout
