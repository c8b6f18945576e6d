"""The look: a named CJK font, the Fusion style with a calm palette, and resources/style.qss."""

from __future__ import annotations

import sys

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

from app.paths import resource

# Named on purpose: with several CJK fonts installed Qt's fallback picks whichever it meets first,
# and Noto CJK maps some characters to radicals in PDF text layers (see STACK-NOTES).
FONTS_WINDOWS = ("Microsoft YaHei UI", "Microsoft YaHei", "SimSun")
FONTS_OTHER = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC")
POINT_SIZE_WINDOWS = 9  # Windows' own UI size; YaHei UI stays legible at it
POINT_SIZE_OTHER = 10

ACCENT = "#1f5f99"
WARNING = "#b34700"


def choose_font(app: QApplication, point_size: int | None = None) -> str:
    """Set the application font to the first installed CJK font of the platform's list."""
    windows = sys.platform.startswith("win")
    wanted = FONTS_WINDOWS if windows else FONTS_OTHER
    size = point_size or (POINT_SIZE_WINDOWS if windows else POINT_SIZE_OTHER)
    families = set(QFontDatabase.families())
    for name in wanted:
        if name in families:
            font = QFont(name, size)
            font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
            app.setFont(font)
            return name
    return app.font().family()


def palette() -> QPalette:
    pal = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#f4f6f8",
        QPalette.ColorRole.WindowText: "#1d2733",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#f2f5f9",
        QPalette.ColorRole.Text: "#1d2733",
        QPalette.ColorRole.Button: "#eef1f5",
        QPalette.ColorRole.ButtonText: "#1d2733",
        QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#fffbe6",
        QPalette.ColorRole.ToolTipText: "#1d2733",
        QPalette.ColorRole.PlaceholderText: "#7b8794",
        QPalette.ColorRole.Link: ACCENT,
    }
    for role, colour in colours.items():
        pal.setColor(role, QColor(colour))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#9aa5b1"))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#9aa5b1"))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#9aa5b1"))
    return pal


def style_sheet() -> str:
    path = resource("style.qss")
    return path.read_text(encoding="utf-8") if path.exists() else ""


def apply_theme(app: QApplication) -> str:
    """Font, style, palette and style sheet for the whole program; returns the font family used."""
    family = choose_font(app)
    app.setStyle("Fusion")  # the same look on Windows 10 and Linux, and a palette it honours
    app.setPalette(palette())
    app.setStyleSheet(style_sheet())
    return family
