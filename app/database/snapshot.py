"""Copies of the database file taken before risky work (a merge, a migration, a restore)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from app.database.engine import connect_file
from app.database.files import partial_name, publish
from app.database.keyring import copy_keyring, keyring_path

KEEP = 5


def snapshot(
    path: Path, label: str, folder: Path | None = None, keep: int = KEEP, *, key: bytes | None = None
) -> Path:
    """A consistent copy of a SQLite file (online backup API, so WAL content is included).

    Kept in ``folder`` (default: ``backups/`` beside the file); only the newest ``keep`` copies with
    the same label stay. An encrypted file (``key``) is copied encrypted, its keyring beside it.
    """
    folder = folder or path.parent / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    dest = folder / f"{path.stem}.{label}-{stamp}{path.suffix}"
    partial = partial_name(dest)
    partial.unlink(missing_ok=True)
    if key is not None:
        copy_keyring(path, dest)
    src = connect_file(path, key)
    try:
        out = connect_file(partial, key)
        try:
            src.backup(out)
        finally:
            out.close()
    finally:
        src.close()
    publish(partial, dest)
    old = sorted(folder.glob(f"{path.stem}.{label}-*{path.suffix}"))
    for stale in old[:-keep] if keep else []:
        stale.unlink(missing_ok=True)
        keyring_path(stale).unlink(missing_ok=True)
    return dest
