"""About: the program, its version, this installation, where its data and logs are, the keyboard keys."""

from __future__ import annotations

import platform
from html import escape

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app import __version__
from app.domain.records.overview import InstallationFacts
from app.paths import data_dir, logs_dir


class AboutDialog(QDialog):
    def __init__(self, facts: InstallationFacts | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 14)
        name = QLabel(self.tr("FPA offline data collection"))
        name.setObjectName("pageTitle")
        layout.addWidget(name)
        version = QLabel(self.tr("Version %1").replace("%1", __version__))
        version.setObjectName("pageSubtitle")
        layout.addWidget(version)
        purpose = QLabel(
            self.tr(
                "Data entry for county and township workers of the Family Planning Association: "
                "organisation, special families and visits, projects, campaigns. Works without a "
                "network; data goes up to the county and province as encrypted bundles."
            )
        )
        purpose.setWordWrap(True)
        layout.addWidget(purpose)
        rows = []
        if facts is not None:
            rows += [
                (self.tr("This installation"), f"{facts.division_name} · {facts.role_label}"),
                (self.tr("Device id"), facts.device_id),
                (self.tr("Database"), facts.database),
            ]
        rows += [
            (self.tr("Data folder"), str(data_dir())),
            (self.tr("Log folder"), str(logs_dir())),
            (
                self.tr("Built with"),
                f"Python {platform.python_version()} · Qt {qVersion()} · PySide6 {pyside_version}",
            ),
        ]
        self.details = QLabel(
            "<table cellspacing='4'>"
            + "".join(f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>" for k, v in rows)
            + "</table>"
        )
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setWordWrap(True)
        layout.addWidget(self.details)
        keys = [
            ("F1", self.tr("help for the page or form shown")),
            ("Ctrl+1 … 9", self.tr("switch module")),
            ("Ctrl+N", self.tr("new record")),
            ("Ctrl+S / Enter", self.tr("save the form")),
            ("Esc", self.tr("close a dialog (unsaved work is kept as a draft)")),
            ("Ctrl+F", self.tr("search the list")),
            ("F5", self.tr("refresh")),
            ("Ctrl+O", self.tr("open another database")),
            (self.tr("Alt+letter"), self.tr("the button or field whose name has that letter underlined")),
            ("Alt+↓ / F4", self.tr("a date field's calendar")),
            ("Shift+F10", self.tr("in a list: choose its columns")),
        ]
        heading = escape(self.tr("Keyboard"))
        self.keys = QLabel(
            f"<p><b>{heading}</b></p><table cellspacing='3'>"
            + "".join(f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>" for k, v in keys)
            + "</table>"
        )
        self.keys.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.keys)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        # A rich-text table among word-wrapped labels: the layout would squeeze it (seen at 150 %).
        self.keys.setMinimumHeight(self.keys.sizeHint().height())
