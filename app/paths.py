"""Every path the program uses, in one place. Nothing is created at import time.

Order of precedence: the ``FPA_HOME`` environment variable (tests, scripts); portable mode (a
``portable`` marker file beside the executable: data lives in ``data/`` beside it, for a program
carried on a USB stick); otherwise the platform's user data folder from platformdirs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "fpa-offline"
APP_AUTHOR = "jishengxie"
ENV_HOME = "FPA_HOME"


def program_dir() -> Path:
    """The folder of the executable when frozen, else the source checkout."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    bundled = getattr(sys, "_MEIPASS", None)  # PyInstaller unpacks data files here
    if bundled:
        return Path(bundled) / "resources"
    return program_dir() / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def is_portable() -> bool:
    return (program_dir() / "portable").exists()


def data_dir() -> Path:
    override = os.environ.get(ENV_HOME)
    if override:
        return Path(override).expanduser().resolve()
    if is_portable():
        return program_dir() / "data"
    return Path(PlatformDirs(APP_NAME, APP_AUTHOR).user_data_dir)


def ensure(path: Path) -> Path:
    """Create a folder when it is first needed (never at import)."""
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database() -> Path:
    return data_dir() / "fpa.db"


def demo_database() -> Path:
    return data_dir() / "demo" / "demo.db"


def backups_dir() -> Path:
    return data_dir() / "backups"


def logs_dir() -> Path:
    return data_dir() / "logs"


def drafts_dir() -> Path:
    return data_dir() / "drafts"


def identity_dir() -> Path:
    return data_dir() / "identity"


def settings_file() -> Path:
    return data_dir() / "settings.json"


def temp_dir() -> Path:
    """The program's own scratch area (private spool files), emptied of leftovers at start."""
    return data_dir() / "tmp"
