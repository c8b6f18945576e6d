"""No import cycles: not between sibling packages (import-linter's acyclic_siblings contract in
pyproject.toml) and not between any two modules (the graph below), and a planted cycle fails both."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).with_name("lint-imports")


def module_cycles(tree: Path) -> list[list[str]]:
    """Strongly connected components of more than one module (or a module importing itself)."""
    code = (
        "import json, grimp\n"
        "g = grimp.build_graph('app', 'ui', cache_dir=None)\n"
        "mods = sorted(m for m in g.modules if m.split('.')[0] in ('app', 'ui'))\n"
        "print(json.dumps({m: sorted(i for i in g.find_modules_directly_imported_by(m)"
        " if i.split('.')[0] in ('app', 'ui')) for m in mods}))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tree, env=env, capture_output=True, text=True, check=True, timeout=300
    ).stdout
    edges: dict[str, list[str]] = json.loads(out)
    return _strongly_connected(edges)


def _strongly_connected(edges: dict[str, list[str]]) -> list[list[str]]:
    # Tarjan's algorithm, iterative: the graph has a few hundred modules.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in edges:
        if root in index:
            continue
        work: list[tuple[str, Iterable[str]]] = [(root, iter(edges.get(root, ())))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges.get(child, ()))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        top = stack.pop()
                        on_stack.discard(top)
                        component.append(top)
                        if top == node:
                            break
                    if len(component) > 1 or node in edges.get(node, ()):
                        found.append(sorted(component))
    return found


def test_no_module_imports_itself_back() -> None:
    assert module_cycles(ROOT) == []


@pytest.fixture
def tree_copy(tmp_path: Path) -> Path:
    for name in ("app", "ui"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_a_planted_cycle_fails_both_checks(tree_copy: Path) -> None:
    # two sibling modules that import each other, as ui.families.page and its printing once did
    (tree_copy / "ui" / "families" / "_probe_a.py").write_text("import ui.families._probe_b\n", encoding="utf-8")
    (tree_copy / "ui" / "families" / "_probe_b.py").write_text("import ui.families._probe_a\n", encoding="utf-8")
    assert ["ui.families._probe_a", "ui.families._probe_b"] in module_cycles(tree_copy)
    env = {**os.environ, "PYTHONPATH": str(tree_copy)}
    result = subprocess.run(
        [str(LINT), "--config", str(tree_copy / "pyproject.toml"), "--no-cache"],
        cwd=tree_copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert "No import cycles" in result.stdout and "BROKEN" in result.stdout


def test_a_package_importing_back_from_its_own_module_is_a_cycle(tree_copy: Path) -> None:
    # a cycle between a package and its own module, which the sibling contract cannot see
    init = tree_copy / "app" / "services" / "families" / "__init__.py"
    init.write_text(init.read_text(encoding="utf-8") + "\nfrom app.services.families import _probe\n", encoding="utf-8")
    (tree_copy / "app" / "services" / "families" / "_probe.py").write_text(
        "from app.services import families\n", encoding="utf-8"
    )
    cycles = module_cycles(tree_copy)
    assert any("app.services.families._probe" in c for c in cycles)
