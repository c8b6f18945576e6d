"""Copies of the database file taken before risky work (a merge, a migration, a restore)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

KEEP = 5


def snapshot(path: Path, label: str, folder: Path | None = None, keep: int = KEEP) -> Path:
    """A consistent copy of a SQLite file (online backup API, so WAL content is included).

    Kept in ``folder`` (default: ``backups/`` beside the file); only the newest ``keep`` copies with
    the same label stay.
    """
    folder = folder or path.parent / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    dest = folder / f"{path.stem}.{label}-{stamp}{path.suffix}"
    src = sqlite3.connect(path)
    try:
        out = sqlite3.connect(dest)
        try:
            src.backup(out)
        finally:
            out.close()
    finally:
        src.close()
    old = sorted(folder.glob(f"{path.stem}.{label}-*{path.suffix}"))
    for stale in old[:-keep] if keep else []:
        stale.unlink(missing_ok=True)
    return dest
