"""Compiles every resources/translations/*.ts into the .qm Qt loads: ``python -m ui.i18n_build [--force]``.

The set-up script runs it; ``ui.shell.i18n`` also runs it (from source) so a .qm never lags its .ts.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from app.paths import resource


class BuildError(Exception):
    """pyside6-lrelease is missing or refused a .ts file."""


def lrelease() -> str:
    here = Path(sys.executable).parent  # the venv's own tool first
    found = shutil.which("pyside6-lrelease", path=str(here)) or shutil.which("pyside6-lrelease")
    if found is None:
        raise BuildError("pyside6-lrelease not found: install PySide6-Essentials")
    return found


def stale(ts: Path) -> bool:
    qm = ts.with_suffix(".qm")
    return not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime


def build(*, force: bool = False, folder: Path | None = None) -> list[Path]:
    """Compile the .ts files whose .qm is missing or older (all of them with ``force``)."""
    sources = [ts for ts in sorted((folder or resource("translations")).glob("*.ts")) if force or stale(ts)]
    if not sources:
        return []
    tool = lrelease()
    built = []
    for ts in sources:
        qm = ts.with_suffix(".qm")
        done = subprocess.run([tool, str(ts), "-qm", str(qm)], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise BuildError(f"{ts.name}: {done.stderr.strip() or done.stdout.strip()}")
        built.append(qm)
    return built


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    try:
        for path in build(force="--force" in args):
            print(f"built {path.name}")
    except BuildError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
