"""Chinese UI the Qt way: Qt's own qtbase_zh_CN (确定/取消), every program .qm, the Chinese locale.

Each engineer's strings live in their own ``resources/translations/<area>_zh_CN.ts``; all of them
are loaded here. Running from source, a .qm older than its .ts is rebuilt first (the set-up script
builds them; this keeps a fresh checkout or an edited .ts from showing English).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.paths import resource
from ui import i18n_build
from ui.shell.theme import choose_font

__all__ = ["chinese_locale", "choose_font", "install_translators", "qt_translation"]

log = logging.getLogger(__name__)


def chinese_locale() -> QLocale:
    return QLocale(QLocale.Language.Chinese, QLocale.Country.China)


def qt_translation() -> Path:
    """Qt's own Chinese translation (standard buttons, file dialogs), shipped inside PySide6."""
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)) / "qtbase_zh_CN.qm"


def _refresh_compiled() -> None:
    if getattr(sys, "frozen", False):
        return  # a packaged program ships its .qm files
    try:
        i18n_build.build()
    except (OSError, SystemExit, i18n_build.BuildError) as exc:
        log.warning("translations not rebuilt: %s", exc)


def install_translators(app: QCoreApplication, *, rebuild: bool = True) -> list[QTranslator]:
    """Load every translation into ``app``; returns the translators (keep them: Qt does not own them)."""
    QLocale.setDefault(chinese_locale())
    if rebuild:
        _refresh_compiled()
    translators: list[QTranslator] = []
    for qm in [qt_translation(), *sorted(resource("translations").glob("*.qm"))]:
        translator = QTranslator(app)
        if qm.exists() and translator.load(str(qm)):
            app.installTranslator(translator)
            translators.append(translator)
        else:
            log.warning("translation %s not loaded", qm.name)
    return translators
