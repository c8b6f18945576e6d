"""First start: a wizard that sets this computer up, or opens the demo database to try the program.

1. What this computer is: a township station (乡镇录入站), a county (县级) or the province (省级)
   — or only a trial on the demo database (the wizard ends there).
2. Where it is: province → county (→ township for a station) from the division list shipped with
   the program, and either that list alone or a setup package from the level above, whose signer's
   key id the user confirms having compared.
3. The first administrator: username, name, password twice. "Set up" runs
   ``app.services.system.installation.set_up_installation`` — all or nothing — which makes the database,
   encrypted with a random key wrapped for this password and for a new recovery key.
4. The recovery key, shown once, with a Print button; Finish needs the box "written down or
   printed" ticked. The opened workspace is then in ``wizard.workspace``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.domain.enums import NodeRole
from app.domain.errors import FpaError
from app.services.shared.workspace import Workspace
from app.services.system import accounts, installation
from ui.shell.recovery_key import RecoveryKeyPage
from ui.shell.tasks import TaskRunner
from ui.shell.welcome_place import PlacePage, error_label

ROLE_PAGE, PLACE_PAGE, ADMIN_PAGE, RECOVERY_PAGE = range(4)
DEMO = "demo"


class RolePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Welcome"))
        self.setSubTitle(self.tr("This computer has no database yet. What will it be used for?"))
        layout = QVBoxLayout(self)
        self.group = QButtonGroup(self)
        self.choices: dict[str, QRadioButton] = {}
        texts = [
            (
                NodeRole.STATION.value,
                self.tr("A &township station: enter the township's records, send them to the county"),
            ),
            (
                NodeRole.COUNTY.value,
                self.tr("A &county: set up townships, merge their bundles, report to the province"),
            ),
            (
                NodeRole.PROVINCE.value,
                self.tr("The &province: issue setup packages, merge the counties' bundles"),
            ),
        ]
        for key, text in texts:
            self._choice(layout, key, text)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        self._choice(layout, DEMO, self.tr("Only &trying the program: open the demo database (made-up data)"))
        hint = QLabel(self.tr("The demo can be opened again at any time; it never mixes with real data."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addStretch(1)
        self.choices[NodeRole.STATION.value].setChecked(True)
        # Marking the page final makes the wizard show Finish (nextId alone does not redo the buttons).
        self.group.buttonToggled.connect(lambda *_: self.setFinalPage(self.choice() == DEMO))

    def _choice(self, layout: QVBoxLayout, key: str, text: str) -> None:
        button = QRadioButton(text)
        self.group.addButton(button)
        self.choices[key] = button
        layout.addWidget(button)

    def choice(self) -> str:
        return next(key for key, button in self.choices.items() if button.isChecked())

    def nextId(self) -> int:
        return -1 if self.choice() == DEMO else PLACE_PAGE


class AdminPage(QWizardPage):
    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.working = False
        self.setTitle(self.tr("The first administrator"))
        self.setSubTitle(self.tr("This account manages the installation: users, setup packages, backups."))
        self.setCommitPage(True)  # once set up, Back cannot undo it
        form = QFormLayout(self)
        self.username = QLineEdit()
        self.username.setPlaceholderText(self.tr("letters and digits, e.g. admin"))
        self.display_name = QLineEdit()
        self.display_name.setPlaceholderText(self.tr("your name, shown on the records you enter"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("&Username:"), self.username)
        form.addRow(self.tr("&Name:"), self.display_name)
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow(self.tr("&Repeat password:"), self.repeat)
        self.problems = QLabel()
        self.problems.setObjectName("hint")
        self.problems.setWordWrap(True)
        form.addRow(self.problems)
        self.message = error_label()
        form.addRow(self.message)
        for edit in (self.username, self.display_name, self.password, self.repeat):
            edit.textChanged.connect(self._check)

    def _check(self) -> None:
        found = self.found_problems()
        touched = any(e.text() for e in (self.password, self.repeat))
        # The password rules are shown once the user starts on them, not while they type the name.
        self.problems.setText("\n".join(p for p in found if touched or "密码" not in p))
        self.completeChanged.emit()

    def found_problems(self) -> list[str]:
        return accounts.account_problems(
            self.username.text(), self.display_name.text(), self.password.text(), self.repeat.text()
        )

    def isComplete(self) -> bool:
        return not self.working and not self.found_problems()

    def validatePage(self) -> bool:
        wizard = self.wizard()
        assert isinstance(wizard, WelcomeWizard)
        if wizard.workspace is not None:
            return True
        place = wizard.place_page
        code = place.division_code()
        if code is None or self.working:
            return False
        self.working = True
        self.message.setText(self.tr("Setting up this computer…"))
        self.completeChanged.emit()
        self.runner.run(
            installation.set_up_installation,
            wizard.target,
            code,
            place.role(),
            username=self.username.text(),
            display_name=self.display_name.text(),
            password=self.password.text(),
            setup_package=place.package(),
            trust=place.trusted_key(),
            on_done=self._done,
            on_error=self._refused,
        )
        return False  # the wizard closes when the work is done (``_done``)

    def _done(self, made: installation.NewInstallation) -> None:
        wizard = self.wizard()
        assert isinstance(wizard, WelcomeWizard)
        wizard.workspace = made.workspace
        wizard.recovery_page.show_key(made.recovery_key, self.username.text().strip(), str(wizard.target))
        self.working = False
        self.message.clear()
        wizard.next()  # on to the recovery key

    def _refused(self, exc: BaseException) -> None:
        self.working = False
        self.completeChanged.emit()
        if not isinstance(exc, FpaError):
            self.message.clear()
            raise exc
        self.message.setText(exc.message)


class WelcomeWizard(QWizard):
    """Shown at the first start; ``workspace`` is the new installation, or None with ``wants_demo``."""

    def __init__(self, runner: TaskRunner, target: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target = target
        self.workspace: Workspace | None = None
        self.setWindowTitle(self.tr("Set up FPA offline data collection"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.role_page = RolePage()
        self.place_page = PlacePage(runner, lambda: NodeRole(self.role_page.choice()))
        self.admin_page = AdminPage(runner)
        self.recovery_page = RecoveryKeyPage()
        self.setPage(ROLE_PAGE, self.role_page)
        self.setPage(PLACE_PAGE, self.place_page)
        self.setPage(ADMIN_PAGE, self.admin_page)
        self.setPage(RECOVERY_PAGE, self.recovery_page)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Set up"))
        self.setMinimumSize(640, 460)

    def reject(self) -> None:
        # Once the database exists, its recovery key must have been seen: the wizard stays open.
        if self.workspace is not None and not self.recovery_page.isComplete():
            return
        super().reject()

    @property
    def wants_demo(self) -> bool:
        return self.role_page.choice() == DEMO
