"""Copies of the database file taken before risky work (a merge, a migration, a restore)."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from app.database.engine import connect_file
from app.database.keyring import copy_keyring, keyring_path

KEEP = 5


def partial_name(dest: Path) -> Path:
    """Where a copy is written before it is whole: a file under ``dest``'s own name is always whole."""
    return dest.with_name(dest.name + ".partial")


def publish(partial: Path, dest: Path) -> None:
    """Give a finished copy its real name: flushed to disk first, then renamed (atomic), then the
    folder entry flushed, so a crash or power cut leaves either no copy or a whole one."""
    with open(partial, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(partial, dest)
    if hasattr(os, "O_DIRECTORY"):  # POSIX; on Windows the rename is flushed with the file system
        fd = os.open(dest.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


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
