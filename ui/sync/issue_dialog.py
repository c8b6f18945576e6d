"""下发配置包: pick the township and the key file it brought, read out the key id, write the package."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import FpaError
from app.domain.records.exchange import IssuedPackage, IssueTarget, StationKeyRow
from app.services import sync
from ui.shell import file_dialogs


class IssueSetupDialog(QDialog):
    """Three choices, each checked as it is made; the package is written by the page's runner."""

    def __init__(self, targets: list[IssueTarget], issuer_key_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Issue a setup package"))
        self.station: StationKeyRow | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Write a setup package for a township: it then trusts this office, and this office "
                "accepts its bundles. The township brings its key file (identity-….json) on a USB stick: "
                "its Sync page writes it there (Write key file…)."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.division = QComboBox()
        for t in targets:
            self.division.addItem(f"{t.name}（{t.code}）", t.code)
        form.addRow(self.tr("Township:"), self.division)
        self.key_path = QLineEdit()
        self.key_path.setReadOnly(True)
        choose_key = QPushButton(self.tr("Choose key file…"))
        choose_key.clicked.connect(self.choose_key)
        row = QHBoxLayout()
        row.addWidget(self.key_path, 1)
        row.addWidget(choose_key)
        form.addRow(self.tr("Township's key:"), row)
        self.station_label = QLabel(self.tr("No key chosen yet."))
        self.station_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("", self.station_label)
        self.out_path = QLineEdit()
        self.out_path.setReadOnly(True)
        choose_out = QPushButton(self.tr("Choose folder…"))
        choose_out.clicked.connect(self.choose_folder)
        row = QHBoxLayout()
        row.addWidget(self.out_path, 1)
        row.addWidget(choose_out)
        form.addRow(self.tr("Write to (USB stick):"), row)
        layout.addLayout(form)
        phone = QLabel(
            self.tr(
                "Key id of this office, to read out over the phone when the township imports the package:"
            )
            + f"\n{issuer_key_id}"
        )
        phone.setObjectName("hint")
        phone.setWordWrap(True)
        phone.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(phone)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.write_button = self.buttons.addButton(
            self.tr("&Write package"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()

    def choose_key(self) -> None:
        path = file_dialogs.open_file(
            self, self.tr("The township's key file"), self.tr("Key files (identity.json *.json)")
        )
        if path:
            self.set_key_file(path)

    def set_key_file(self, path: Path) -> None:
        """Read and check the key at once, so a wrong file is said before anything is written."""
        self.key_path.setText(str(path))
        try:
            self.station = sync.read_station_key(path)
        except FpaError as exc:
            self.station = None
            self.station_label.setText("")
            self.error.setText(exc.message)
        else:
            self.error.setText("")
            self.station_label.setText(
                self.tr("%1, key id %2").replace("%1", self.station.name).replace("%2", self.station.key_id)
            )
        self._update()

    def choose_folder(self) -> None:
        folder = file_dialogs.choose_folder(self, self.tr("Write the package to"))
        if folder:
            self.set_folder(folder)

    def set_folder(self, folder: Path) -> None:
        self.out_path.setText(str(folder))
        self._update()

    def _update(self) -> None:
        missing = (
            self.tr("Choose the township.")
            if self.division.currentData() is None
            else self.tr("Choose the township's key file.")
            if self.station is None
            else self.tr("Choose where to write the package.")
            if not self.out_path.text()
            else ""
        )
        self.write_button.setEnabled(not missing)
        self.write_button.setToolTip(missing)

    def choice(self) -> tuple[str, Path, Path]:
        """(division code, key file, output folder) once the dialog was accepted."""
        return str(self.division.currentData()), Path(self.key_path.text()), Path(self.out_path.text())


def issued_text(done: IssuedPackage) -> str:
    from PySide6.QtCore import QCoreApplication

    return (
        QCoreApplication.translate("IssueSetupDialog", "Setup package for %1 written to %2.")
        .replace("%1", done.division_name)
        .replace("%2", done.path)
        + " "
        + QCoreApplication.translate(
            "IssueSetupDialog", "Read this office's key id to the township over the phone: %1"
        ).replace("%1", done.issuer_key_id)
    )
