"""The layer contract of STYLE.md holds, and a wrong-layer import makes the build fail."""

from __future__ import annotations

import ast
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
        ("app/services/_probe.py", "import PySide6.QtWidgets\n", "Only app.services.shared.paper imports Qt"),
        ("app/services/_probe.py", "import PySide6.QtGui\n", "Only app.services.shared.paper imports Qt"),
        (
            "app/database/_probe.py",
            "from PySide6 import QtCore\n",
            "Only app.services.shared.paper imports Qt",
        ),
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


QT_ALLOWED_UNDER_APP = ("PySide6.QtGui", "PySide6.QtCore")
QT_PAPER = Path("app/services/shared/paper")


def qt_imports_under_app(root: Path) -> list[str]:
    """Every Qt import under app/ that is not QtGui/QtCore in the paper package, as 'file: module'."""
    found = []
    for path in sorted((root / "app").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = (
                    [node.module] if node.module != "PySide6" else [f"PySide6.{a.name}" for a in node.names]
                )
            else:
                continue
            for name in names:
                if not name.startswith(("PySide6", "shiboken6")):
                    continue
                rel = path.relative_to(root)
                if QT_PAPER in rel.parents and name.startswith(QT_ALLOWED_UNDER_APP):
                    continue
                found.append(f"{rel}: {name}")
    return found


def test_only_the_paper_package_draws_with_qt_and_never_with_widgets() -> None:
    assert qt_imports_under_app(ROOT) == []


@pytest.mark.parametrize(
    ("line", "module"),
    [
        ("import PySide6.QtWidgets\n", "PySide6.QtWidgets"),
        ("from PySide6 import QtPrintSupport\n", "PySide6.QtPrintSupport"),
        ("from PySide6.QtWidgets import QApplication\n", "PySide6.QtWidgets"),
    ],
)
def test_widgets_or_printing_in_the_paper_package_are_caught(tree_copy: Path, line: str, module: str) -> None:
    probe = tree_copy / QT_PAPER / "_probe.py"
    probe.write_text(line, encoding="utf-8")
    try:
        assert qt_imports_under_app(tree_copy) == [f"{QT_PAPER / '_probe.py'}: {module}"]
    finally:
        probe.unlink()
