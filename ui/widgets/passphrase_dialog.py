"""A new passphrase typed twice, judged as it is typed: too short is said under the first box at once.

Before, 创建设备密钥 asked in two separate boxes and only after the second said the first had been
too short. Here the repeat box opens only once the first is long enough, the note under each box
says what is wrong while the user types, and OK stays off until both are right. The rule is the
service's (``sync.passphrase_problems``), so the dialog and ``new_identity`` never disagree.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from app.services import sync
from ui.widgets.fields import ERROR_COLOUR


class NewPassphraseDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.first = QLineEdit()
        self.repeat = QLineEdit()
        for edit in (self.first, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.textChanged.connect(self._check)
        self.first.setPlaceholderText(self.tr("at least 8 characters"))
        self.first_note, self.repeat_note = QLabel(), QLabel()
        for note in (self.first_note, self.repeat_note):
            note.setStyleSheet(f"color: {ERROR_COLOUR};")
            note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        intro = QLabel(self.tr("The passphrase protects this computer's device keys; keep it safe."))
        intro.setWordWrap(True)
        form.addRow(intro)
        form.addRow(self.tr("&Passphrase:"), self.first)
        form.addRow("", self.first_note)
        form.addRow(self.tr("&Again:"), self.repeat)
        form.addRow("", self.repeat_note)
        form.addRow(self.buttons)
        self.setMinimumWidth(420)
        self._check()

    def passphrase(self) -> str:
        return self.first.text()

    def _check(self) -> None:
        first = self.first.text()
        too_short = sync.passphrase_problems(first)
        self.first_note.setText(too_short[0] if too_short and first else "")
        self.repeat.setEnabled(not too_short)
        repeated = self.repeat.text()
        typed_all = bool(repeated) and (len(repeated) >= len(first) or not first.startswith(repeated))
        mismatch = sync.passphrase_problems(first, repeated) if not too_short and typed_all else []
        self.repeat_note.setText(mismatch[0] if mismatch else "")
        ok = not too_short and not sync.passphrase_problems(first, repeated)
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if button is not None:
            button.setEnabled(ok)

    def accept(self) -> None:
        if not sync.passphrase_problems(self.first.text(), self.repeat.text()):
            super().accept()
