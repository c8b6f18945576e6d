"""Private scratch folders for files that hold personal data while they are being written.

openpyxl's write-only mode spools every row of a sheet, as plain XML, to a file in ``TMPDIR``
until the workbook is saved: full ID numbers in a shared folder, left there for good when the
program is killed. Each export gets its own folder under ``paths.temp_dir()`` instead, readable
only by this user (0700), removed when the export ends; folders left by a killed program are
removed at the next start and before each export. A folder still in use by another running
export is recognised by its lock and left alone.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from app import paths

log = logging.getLogger(__name__)

PREFIX = "spool-"
_LOCK = ".lock"


def spool_root() -> Path:
    root = paths.temp_dir()
    root.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):  # not every file system keeps POSIX modes
        root.chmod(0o700)
    return root


def _try_lock(handle: IO[bytes]) -> bool:
    """Take the folder's lock without waiting; False when a live process holds it."""
    try:
        import fcntl
    except ImportError:  # Windows: an open spool file cannot be removed, which protects it
        return True
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


@contextlib.contextmanager
def private_folder() -> Iterator[Path]:
    """A new 0700 folder for one export's scratch files, locked while in use, removed afterwards."""
    remove_leftovers()
    folder = Path(tempfile.mkdtemp(prefix=PREFIX, dir=spool_root()))  # mkdtemp makes it 0700
    try:
        with open(folder / _LOCK, "wb") as lock:
            _try_lock(lock)
            yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def remove_leftovers() -> int:
    """Remove spool folders no running export holds (a killed program's); returns how many."""
    root = paths.temp_dir()
    try:
        found = [p for p in root.iterdir() if p.is_dir() and p.name.startswith(PREFIX)]
    except OSError:
        return 0
    removed = 0
    for folder in found:
        try:
            with open(folder / _LOCK, "ab") as lock:
                if not _try_lock(lock):
                    continue  # another export is writing there now
        except OSError:
            pass  # no lock file: the program died before it was made
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            removed += 1
    if removed:
        log.info("removed %d leftover spool folder(s)", removed)
    return removed
