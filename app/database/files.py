"""Files written whole or not at all: a copy is made under a ``.partial`` name and renamed when done."""

from __future__ import annotations

import os
from pathlib import Path


def partial_name(dest: Path) -> Path:
    """Where a copy is written before it is whole: a file under ``dest``'s own name is always whole."""
    return dest.with_name(dest.name + ".partial")


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; on Windows the rename is flushed with the file system)."""
    if hasattr(os, "O_DIRECTORY"):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def publish(partial: Path, dest: Path) -> None:
    """Give a finished copy its real name: flushed to disk first, then renamed (atomic), then the
    folder entry flushed, so a crash or power cut leaves either no copy or a whole one."""
    with open(partial, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(partial, dest)
    fsync_folder(dest.parent)
