"""The first-start wizard: a county with its administrator, a township station, a setup package, the demo."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from app.domain.enums import NodeRole
from app.services import sync
from app.services.system.accounts import check_password, recover_password
from ui.shell.tasks import SyncTaskRunner
from ui.shell.welcome import ADMIN_PAGE, PLACE_PAGE, RECOVERY_PAGE, WelcomeWizard


@pytest.fixture
def wizard(qtbot: QtBot, tmp_path: Path) -> WelcomeWizard:
    widget = WelcomeWizard(SyncTaskRunner(), tmp_path / "data" / "fpa.db")
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _pick(combo: QComboBox, code: str) -> None:
    index = combo.findData(code)
    assert index >= 0, code
    combo.setCurrentIndex(index)


def _place(wizard: WelcomeWizard, role: str, *codes: str) -> None:
    wizard.role_page.choices[role].setChecked(True)
    wizard.next()
    assert wizard.currentId() == PLACE_PAGE
    place = wizard.place_page
    for combo, code in zip((place.province, place.county, place.township), codes, strict=False):
        _pick(combo, code)


def _finish(wizard: WelcomeWizard) -> str:
    """Set up (the commit button), then tick the recovery key as written down and finish."""
    wizard.button(QWizard.WizardButton.CommitButton).click()
    assert wizard.currentId() == RECOVERY_PAGE
    page = wizard.recovery_page
    assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    page.confirmed.setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    return page.recovery_key


def _admin(wizard: WelcomeWizard, password: str = "bao-mi-2026", repeat: str | None = None) -> None:
    admin = wizard.admin_page
    admin.username.setText("admin")
    admin.display_name.setText("李管理")  # Chinese goes in with setText, never keyClicks
    admin.password.setText(password)
    admin.repeat.setText(password if repeat is None else repeat)


def test_a_county_is_set_up_with_its_administrator(wizard: WelcomeWizard) -> None:
    _place(wizard, "county", "430000000000", "430121000000")
    assert wizard.place_page.isComplete()
    wizard.next()
    assert wizard.currentId() == ADMIN_PAGE
    _admin(wizard, repeat="bao-mi-2025")
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    assert "不一致" in wizard.admin_page.problems.text()
    wizard.admin_page.repeat.setText("bao-mi-2026")
    assert wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    recovery_key = _finish(wizard)
    assert wizard.result() == QWizard.DialogCode.Accepted and not wizard.isVisible()
    ws = wizard.workspace
    assert ws is not None
    try:
        assert (ws.division_code, ws.role, ws.username) == ("430121000000", NodeRole.COUNTY, "admin")
        assert check_password(ws, "admin", "bao-mi-2026")
    finally:
        ws.close()
    # the database is encrypted: unreadable without a sign-in, and the recovery key opens it
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(wizard.target).execute("SELECT password_hash FROM user_account").fetchall()
    assert b"admin" not in wizard.target.read_bytes()
    recover_password(wizard.target, recovery_key, "admin", "xin-mi-ma-2026").close()


def test_a_station_needs_its_township(wizard: WelcomeWizard) -> None:
    _place(wizard, "station", "430000000000", "430121000000")
    place = wizard.place_page
    assert place.township.count() > 10 and not place.isComplete()
    _pick(place.township, "430121001000")
    assert place.isComplete()
    wizard.next()
    _admin(wizard)
    _finish(wizard)
    assert wizard.workspace is not None
    assert (wizard.workspace.division_code, wizard.workspace.role) == ("430121001000", NodeRole.STATION)
    wizard.workspace.close()


def test_a_setup_package_needs_its_key_id_confirmed(wizard: WelcomeWizard, tmp_path: Path) -> None:
    keys = tmp_path / "province-keys"
    province = sync.new_identity(keys, "湖南省计生协", None)
    package = sync.export_setup(keys, None, tmp_path / "setup.fpas", role="province", division="430000000000")
    _place(wizard, "county", "430000000000", "430121000000")
    place = wizard.place_page
    place.set_package(package)
    assert province.key_id in place.signer_label.text() and "湖南省计生协" in place.signer_label.text()
    assert not place.isComplete()  # not before the user says they compared the key id
    place.trust.setChecked(True)
    assert place.isComplete() and place.trusted_key() == province.key_id
    wizard.next()
    _admin(wizard)
    _finish(wizard)
    assert wizard.workspace is not None
    with wizard.workspace.db.read() as s:
        assert s.execute(text("SELECT value FROM meta WHERE key = 'setup_package_id'")).first()
    wizard.workspace.close()


def test_a_file_that_is_no_package_is_refused_on_the_page(wizard: WelcomeWizard, tmp_path: Path) -> None:
    bogus = tmp_path / "setup.fpas"
    bogus.write_bytes(b"hello")
    _place(wizard, "county", "430000000000", "430121000000")
    wizard.place_page.set_package(bogus)
    assert wizard.place_page.message.text() and not wizard.place_page.isComplete()


def test_the_demo_ends_the_wizard_at_once(wizard: WelcomeWizard) -> None:
    wizard.role_page.choices["demo"].setChecked(True)
    assert wizard.role_page.nextId() == -1 and wizard.wants_demo
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() == QWizard.DialogCode.Accepted and wizard.workspace is None


def test_the_province_role_asks_only_for_the_province(wizard: WelcomeWizard) -> None:
    _place(wizard, "province", "430000000000")
    place = wizard.place_page
    assert not place.county.isVisibleTo(wizard) and place.isComplete()
    assert place.division_code() == "430000000000"


def test_without_a_database_the_program_starts_with_the_wizard(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from app.paths import default_database
    from ui import main as startup

    shown: list[WelcomeWizard] = []

    def closed_by_the_user(self: WelcomeWizard) -> int:
        shown.append(self)
        return int(QWizard.DialogCode.Rejected)

    monkeypatch.setattr(WelcomeWizard, "exec", closed_by_the_user)
    monkeypatch.setattr(startup, "setup_logging", lambda: tmp_path / "log")  # keep pytest's log handlers
    monkeypatch.setattr(startup, "install_crash_handler", lambda: None)
    assert startup.main([]) == 0
    assert len(shown) == 1 and shown[0].target == default_database()
    assert not default_database().exists()


def test_the_recovery_key_cannot_be_skipped_and_prints_to_a_real_pdf(
    wizard: WelcomeWizard, tmp_path: Path
) -> None:
    import subprocess

    from PySide6.QtPrintSupport import QPrinter

    _place(wizard, "county", "430000000000", "430121000000")
    wizard.next()
    _admin(wizard)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    page = wizard.recovery_page
    assert wizard.currentId() == RECOVERY_PAGE and page.recovery_key
    assert page.recovery_key.split("-")[0] in page.key_label.text()
    wizard.reject()  # closing before the key was confirmed: the wizard stays
    assert wizard.isVisible()
    wizard.grab().save(str(tmp_path / "recovery-page.png"))
    pdf = tmp_path / "key.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(pdf))
    page.print_to(printer)
    assert pdf.read_bytes().startswith(b"%PDF")
    text_out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert all(group in text_out for group in page.recovery_key.split("-"))
    assert "恢复密钥" in text_out and "admin" in text_out
    page.confirmed.setChecked(True)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert wizard.workspace is not None
    wizard.workspace.close()
