"""The window's settings file, shared by the shell and the pages that keep a choice beside it.

Kept apart from the main window so a page (the automatic backups) can read it without importing
the window that assembles it.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

from app.paths import APP_AUTHOR, APP_NAME, ENV_HOME, data_dir, ensure, is_portable


def window_settings() -> QSettings:
    """Window size, splitter and last page: beside the data for tests and portable use, else per user."""
    if os.environ.get(ENV_HOME) or is_portable():
        return QSettings(str(ensure(data_dir()) / "window.ini"), QSettings.Format.IniFormat)
    return QSettings(APP_AUTHOR, APP_NAME)
