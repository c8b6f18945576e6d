"""The welcome wizard's second page: where this computer works, and the setup package if there is one.

Province → county (→ township for a station) come from the division list shipped with the program
(``app.services.system.installation``). A setup package is accepted only after the user ticks that they
compared its signer's key id with the one the level above gave them.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from app.domain.enums import NodeRole
from app.domain.errors import FpaError
from app.domain.records.overview import DivisionChoice
from app.services import sync
from app.services.system import installation
from ui.shell import file_dialogs
from ui.shell.tasks import TaskRunner


def error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    return label


class PlacePage(QWizardPage):
    def __init__(
        self, runner: TaskRunner, role: Callable[[], NodeRole], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.role = role  # the role chosen on the wizard's first page
        self.signer: tuple[str, str] | None = None  # (key id, name) of the chosen package
        self.setTitle(self.tr("Where this computer works"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.province = QComboBox()
        self.county = QComboBox()
        self.township = QComboBox()
        for combo in (self.province, self.county, self.township):
            combo.setMaxVisibleItems(20)
            combo.setMinimumContentsLength(16)
        form.addRow(self.tr("&Province:"), self.province)
        form.addRow(self.tr("&County:"), self.county)
        form.addRow(self.tr("&Township:"), self.township)
        self.form = form
        layout.addLayout(form)
        self.list_hint = QLabel()
        self.list_hint.setObjectName("hint")
        self.list_hint.setWordWrap(True)
        layout.addWidget(self.list_hint)
        self.from_list = QRadioButton(self.tr("Use the &division list shipped with the program"))
        self.from_package = QRadioButton(self.tr("Import a &setup package from the level above (.fpas)"))
        self.from_list.setChecked(True)
        layout.addWidget(self.from_list)
        layout.addWidget(self.from_package)
        layout.addWidget(self._package_box())
        self.message = error_label()
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.province.currentIndexChanged.connect(self._load_counties)
        self.county.currentIndexChanged.connect(self._load_townships)
        self.township.currentIndexChanged.connect(lambda *_: self.completeChanged.emit())
        self.from_package.toggled.connect(self._mode_changed)

    def _package_box(self) -> QWidget:
        self.package_box = QWidget()
        box = QVBoxLayout(self.package_box)
        box.setContentsMargins(24, 0, 0, 0)
        row = QHBoxLayout()
        self.package_path = QLineEdit()
        self.package_path.setReadOnly(True)
        self.package_path.setPlaceholderText(self.tr("No file chosen"))
        self.browse = QPushButton(self.tr("Br&owse…"))
        self.browse.clicked.connect(self.choose_package)
        row.addWidget(self.package_path, 1)
        row.addWidget(self.browse)
        box.addLayout(row)
        self.signer_label = QLabel()
        self.signer_label.setWordWrap(True)
        self.signer_label.setTextFormat(Qt.TextFormat.RichText)
        self.signer_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.signer_label)
        self.trust = QCheckBox(self.tr("I ha&ve compared this key id with the one the level above gave me"))
        self.trust.toggled.connect(lambda *_: self.completeChanged.emit())
        box.addWidget(self.trust)
        self.package_box.setEnabled(False)
        return self.package_box

    # --- the lists ------------------------------------------------------------------------------------

    def initializePage(self) -> None:
        role = self.role()
        subtitles = {
            NodeRole.STATION: self.tr("Choose the province, county and township of this station."),
            NodeRole.COUNTY: self.tr("Choose the province and the county."),
            NodeRole.PROVINCE: self.tr("Choose the province."),
        }
        self.setSubTitle(subtitles[role])
        self.form.setRowVisible(self.county, role is not NodeRole.PROVINCE)
        self.form.setRowVisible(self.township, role is NodeRole.STATION)
        if self.province.count() == 0:
            self.runner.run(installation.provinces, on_done=self._show_provinces, on_error=self._failed)
        self.completeChanged.emit()

    @staticmethod
    def _fill(combo: QComboBox, choices: list[DivisionChoice]) -> None:
        combo.blockSignals(True)
        combo.clear()
        for choice in choices:
            combo.addItem(choice.label, choice.code)
        combo.setCurrentIndex(-1 if len(choices) != 1 else 0)
        combo.blockSignals(False)

    def _show_provinces(self, rows: list[DivisionChoice]) -> None:
        self._fill(self.province, rows)
        self.province.setCurrentIndex(0)  # the provinces with full lists come first

    def _load_counties(self) -> None:
        code = self.province.currentData()
        self._fill(self.county, [])
        self._fill(self.township, [])
        if isinstance(code, str):
            self.runner.run(installation.counties, code, on_done=self._show_counties, on_error=self._failed)
        self.completeChanged.emit()

    def _show_counties(self, rows: list[DivisionChoice]) -> None:
        self._fill(self.county, rows)
        self.completeChanged.emit()

    def _load_townships(self) -> None:
        code = self.county.currentData()
        self._fill(self.township, [])
        self.list_hint.clear()
        if isinstance(code, str) and self.role() is NodeRole.STATION:
            self.runner.run(installation.townships, code, on_done=self._show_townships, on_error=self._failed)
        self.completeChanged.emit()

    def _show_townships(self, rows: list[DivisionChoice]) -> None:
        self._fill(self.township, rows)
        if not rows:
            self.list_hint.setText(
                self.tr(
                    "The list shipped with the program has no townships for this county: "
                    "ask the county for a setup package."
                )
            )
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, FpaError):
            raise exc
        self.message.setText(exc.message)

    # --- the setup package ----------------------------------------------------------------------------

    def _mode_changed(self, package: bool) -> None:
        self.package_box.setEnabled(package)
        if package and not self.package_path.text():
            self.browse.setFocus()
        self.completeChanged.emit()

    def choose_package(self) -> None:
        path = file_dialogs.open_file(
            self, self.tr("Setup package"), self.tr("Setup packages (*.fpas);;All files (*)")
        )
        if path:
            self.set_package(path)

    def set_package(self, path: Path) -> None:
        self.from_package.setChecked(True)
        self.package_path.setText(str(path))
        self.signer = None
        self.trust.setChecked(False)
        self.signer_label.clear()
        self.message.clear()
        self.runner.run(sync.setup_signer, path, on_done=self._show_signer, on_error=self._package_refused)

    def _show_signer(self, signer: tuple[str, str]) -> None:
        self.signer = signer
        key_id, name = signer
        text = escape(self.tr("Signed by %1 with key id:").replace("%1", name))
        self.signer_label.setText(f"{text}<br><b style='font-size: 12pt'>{escape(key_id)}</b>")
        self.completeChanged.emit()

    def _package_refused(self, exc: BaseException) -> None:
        self.signer = None
        self._failed(exc)
        self.completeChanged.emit()

    # --- the answer -----------------------------------------------------------------------------------

    def division_code(self) -> str | None:
        combo = {NodeRole.PROVINCE: self.province, NodeRole.COUNTY: self.county}.get(
            self.role(), self.township
        )
        code = combo.currentData()
        return code if isinstance(code, str) else None

    def package(self) -> Path | None:
        return (
            Path(self.package_path.text())
            if self.from_package.isChecked() and self.package_path.text()
            else None
        )

    def trusted_key(self) -> str | None:
        return self.signer[0] if self.signer and self.trust.isChecked() else None

    def isComplete(self) -> bool:
        if self.division_code() is None:
            return False
        return not self.from_package.isChecked() or (
            self.package() is not None and self.trusted_key() is not None
        )
