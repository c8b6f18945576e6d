"""Chinese UI the Qt way: the program's .qm files, Qt's own qtbase_zh_CN, Chinese locale, CJK font."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app.paths import resource

# Named on purpose: with several CJK fonts installed Qt's fallback picks one at random-ish, and
# Noto CJK maps some characters to radicals in PDF text layers (see STACK-NOTES).
FONTS_WINDOWS = ("Microsoft YaHei UI", "Microsoft YaHei", "SimSun")
FONTS_OTHER = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC")


def install_translators(app: QApplication) -> list[QTranslator]:
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    translators: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    candidates = [Path(qt_dir) / "qtbase_zh_CN.qm", *sorted(resource("translations").glob("*.qm"))]
    for qm in candidates:
        translator = QTranslator(app)
        if qm.exists() and translator.load(str(qm)):
            app.installTranslator(translator)
            translators.append(translator)
    return translators


def choose_font(app: QApplication, point_size: int = 10) -> str:
    families = set(QFontDatabase.families())
    wanted = FONTS_WINDOWS if sys.platform.startswith("win") else FONTS_OTHER
    for name in wanted:
        if name in families:
            app.setFont(QFont(name, point_size))
            return name
    return app.font().family()
