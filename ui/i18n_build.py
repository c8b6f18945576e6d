"""Compiles every resources/translations/*.ts into the .qm Qt loads (run by the set-up script)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from app.paths import resource


def lrelease() -> str:
    found = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent)) or shutil.which(
        "pyside6-lrelease"
    )
    if found is None:
        raise SystemExit("pyside6-lrelease not found: install PySide6-Essentials")
    return found


def build() -> list[Path]:
    built = []
    tool = lrelease()
    for ts in sorted(resource("translations").glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        subprocess.run([tool, str(ts), "-qm", str(qm)], check=True, capture_output=True)
        built.append(qm)
    return built


if __name__ == "__main__":
    for path in build():
        print(f"built {path.name}")
