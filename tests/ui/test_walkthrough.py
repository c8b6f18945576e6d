"""A township worker's first day, township to province, through the widgets of three installations.

The county, already authorised by the province, issues the township's setup package on screen; the
township installs with the first-start wizard, hands its key file to the county, imports the package,
signs in, imports a small Excel roster, registers a family, prints its visit form (a real PDF), enters
the visit by scanning the form's QR code off the printed page, and writes a bundle to a "USB" folder;
the county merges it and sends its own bundle up; the province merges that, and 走访覆盖率 on its
绩效评价 moves. Real encrypted databases, keys, bundles and widgets (offscreen); the province's own
set-up (its keys, the package it signs for the county) is done the way its data office does it, by
the services behind ``fpa setup``.

File dialogs are native and block, so paths go in through the seams the pages offer for them
(``import_setup_package(path)``, ``write_bundle(folder)``, ``merge(paths)``, the print seam's
``QPrinter``); Qt's own modal dialogs (questions, passphrases, 下发配置包) are answered on screen.
Every step is a numbered 1366×768 screenshot: ``FPA_WALKTHROUGH_SHOTS=docs/walkthrough`` renews the
README's pictures, otherwise they go to the test's temporary folder.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QWidget, QWizard
from pytestqt.qtbot import QtBot

from app.domain.enums import MemberRelation, NodeRole
from app.domain.idcard import check_digit
from app.domain.records.evaluation import IndicatorSheet
from app.paths import identity_dir
from app.services import sync
from app.services.shared.workspace import Workspace
from app.services.system.installation import set_up_installation
from tests.services.import_helpers import write_xlsx
from tests.ui.walkthrough_helpers import (
    Modals,
    Shots,
    new_passphrase,
    page_text,
    pdf_pages,
    press_yes,
    qr_code,
    type_passphrase,
)
from ui.evaluation.page import EvaluationPage
from ui.families.family_form import FamilyForm
from ui.families.page import FamiliesPage
from ui.families.visit_form import VisitForm
from ui.shell.i18n import install_translators
from ui.shell.login import LoginDialog
from ui.shell.main_window import MainWindow
from ui.shell.tasks import SyncTaskRunner
from ui.shell.theme import apply_theme
from ui.shell.welcome import WelcomeWizard
from ui.sync.issue_dialog import IssueSetupDialog
from ui.sync.page import SyncPage
from ui.widgets.draft_dialog import DraftDialog
from ui.widgets.import_wizard import ImportWizard, PreviewPage

PROVINCE, COUNTY, TOWNSHIP = "430000000000", "430121000000", "430121102000"  # 湖南省 长沙县 黄兴镇
VILLAGE = "430121102001"  # 接驾岭社区居委会
PASSWORD = {"province": "sheng-2026-mima", "county": "xian-2026-mima", "township": "huangxing-2026"}
PASSPHRASE = {"province": "sheng-usb-key", "county": "xian-usb-key", "township": "zhen-usb-key"}
COVERAGE = "TSJT-ZFWW"  # 计生特殊家庭走访覆盖率


def id_number(birth: str, order: str) -> str:
    first17 = "430121" + birth + order
    return first17 + check_digit(first17)


@pytest.fixture
def looks(qapp: QApplication) -> Iterator[None]:
    """The program as a user sees it: Chinese, its font, style and colours; put back afterwards."""
    style, palette, font, sheet = (
        qapp.style().name(),
        QPalette(qapp.palette()),
        QFont(qapp.font()),
        qapp.styleSheet(),
    )
    translators = install_translators(qapp)
    apply_theme(qapp)
    yield
    for t in translators:
        qapp.removeTranslator(t)
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setFont(font)


@pytest.fixture(autouse=True)
def answers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Drafts are new here: nothing to restore, and a form closed after saving has nothing to keep."""
    monkeypatch.setattr(DraftDialog, "ask_restore", lambda self, info: False)
    monkeypatch.setattr(DraftDialog, "ask_close", lambda self: "discard")


class Computers:
    """Three installations, each with its own data folder (database, keys, settings)."""

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.root = tmp_path
        self.monkeypatch = monkeypatch

    def home(self, who: str) -> Path:
        return self.root / who

    def at(self, who: str) -> None:
        """Sit down at this computer: the program run there finds its own data folder."""
        self.monkeypatch.setenv("FPA_HOME", str(self.home(who)))

    def database(self, who: str) -> Path:
        return self.home(who) / "fpa.db"


def window(qtbot: QtBot, ws: Workspace, runner: SyncTaskRunner) -> MainWindow:
    main = MainWindow(ws, runner)
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    return main


def install(
    qtbot: QtBot,
    runner: SyncTaskRunner,
    target: Path,
    role: NodeRole,
    places: tuple[str, ...],
    account: tuple[str, str, str],
    shots: Shots | None = None,
) -> Workspace:
    """The first-start wizard, page by page, as a new installation goes through it."""
    wizard = WelcomeWizard(runner, target)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.role_page.choices[role.value].click()
    if shots:
        shots.take("welcome-role", None, wizard)
    wizard.next()
    place = wizard.place_page
    for combo, code in zip((place.province, place.county, place.township), places, strict=False):
        combo.setCurrentIndex(combo.findData(code))
    assert place.isComplete()
    if shots:
        shots.take("welcome-place", None, wizard)
    wizard.next()
    admin = wizard.admin_page
    username, name, password = account
    qtbot.keyClicks(admin.username, username)
    admin.display_name.setText(name)  # Chinese is typed through the input method, not keyClicks
    qtbot.keyClicks(admin.password, password)
    qtbot.keyClicks(admin.repeat, password)
    assert admin.isComplete(), admin.problems.text()
    wizard.button(QWizard.WizardButton.CommitButton).click()  # 设置
    recovery = wizard.recovery_page
    assert wizard.currentPage() is recovery
    if shots:
        shots.take("welcome-recovery-key", None, wizard)
    recovery.confirmed.click()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    ws = wizard.workspace
    assert ws is not None and ws.role is role and not wizard.isVisible()
    return ws


def create_keys(qtbot: QtBot, modals: Modals, page: SyncPage, passphrase: str, shot: object = None) -> None:
    with modals.answering(new_passphrase(passphrase, shot)):  # type: ignore[arg-type]
        qtbot.mouseClick(page.keys_button, Qt.MouseButton.LeftButton)
    assert page.status is not None and page.status.has_identity and page.status.identity_protected


def sync_page(main: MainWindow) -> SyncPage:
    page = main.show_page("sync")
    assert isinstance(page, SyncPage)
    return page


def coverage(qtbot: QtBot, page: EvaluationPage) -> str:
    """走访覆盖率 as the sheet shows it (its 数值 column), clicked so its records show below."""
    page.refresh()
    sheet = page.sheet
    assert isinstance(sheet, IndicatorSheet)
    index = page.sheet_panel.model.index([v.code for v in sheet.values].index(COVERAGE), 2)
    view = page.sheet_panel.view
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    assert view.currentIndex().row() == index.row()
    return str(index.data() or "")


def test_a_township_workers_first_day_from_set_up_to_the_province(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, looks: None
) -> None:
    runner = SyncTaskRunner()
    modals = Modals()
    shots = Shots(tmp_path / "shots")
    pcs = Computers(tmp_path, monkeypatch)
    usb = tmp_path / "usb"

    # --- Before the day: the province's data office and a new county installation -------------------
    pcs.at("province")
    province_ws = set_up_installation(
        pcs.database("province"), PROVINCE, NodeRole.PROVINCE,
        username="sheng", display_name="省计生协数据科", password=PASSWORD["province"],
    ).workspace  # fmt: skip
    province_key = sync.new_identity(identity_dir(), "湖南省计生协", PASSPHRASE["province"])

    pcs.at("county")
    county_ws = install(
        qtbot, runner, pcs.database("county"), NodeRole.COUNTY, (PROVINCE, COUNTY),
        ("changsha", "长沙县管理员", PASSWORD["county"]),
    )  # fmt: skip
    county = window(qtbot, county_ws, runner)
    county_sync = sync_page(county)
    create_keys(qtbot, modals, county_sync, PASSPHRASE["county"])
    county_sync.write_key_file(usb / "county")
    [county_key_file] = (usb / "county").glob("identity-*.json")

    pcs.at("province")  # the province signs the county's package (``fpa setup export``) and trusts it
    county_package = sync.export_setup(
        identity_dir(), PASSPHRASE["province"], usb / "county" / "setup-430121.fpas",
        division=PROVINCE, signers=[(county_key_file, COUNTY)],
    )  # fmt: skip
    sync.import_setup(province_ws, county_package, trust=province_key.key_id)

    pcs.at("county")
    asked: list[str] = []
    with modals.answering(press_yes(seen=asked)):
        county_sync.import_setup_package(county_package)
    assert province_key.key_id in asked[0]
    assert county_sync.issue_button.isEnabled(), county_sync.issue_button.toolTip()

    # --- The township installs: the first-start wizard ------------------------------------------------
    pcs.at("township")
    township_db = pcs.database("township")
    account = ("huangxing", "黄兴镇录入员", PASSWORD["township"])
    township_ws = install(
        qtbot, runner, township_db, NodeRole.STATION, (PROVINCE, COUNTY, TOWNSHIP), account, shots
    )
    assert township_ws.division_code == TOWNSHIP
    township = window(qtbot, township_ws, runner)
    station_sync = sync_page(township)
    assert "第一步" in station_sync.next_step.text()  # create this computer's keys
    create_keys(
        qtbot, modals, station_sync, PASSPHRASE["township"],
        lambda d: shots.take("keys-passphrase", township, d),
    )  # fmt: skip
    assert "第二步" in station_sync.next_step.text()  # import the setup package
    assert station_sync.key_file_button.isVisible()
    station_sync.write_key_file(usb)  # the seam of 把密钥文件写到U盘… (a folder dialog)
    [key_file] = usb.glob("identity-*.json")
    assert station_sync.status is not None and station_sync.status.identity_key_id
    station_key_id = station_sync.status.identity_key_id
    assert station_key_id in station_sync.message.text() and key_file.name in station_sync.message.text()
    shots.take("key-file-written", township)

    # --- The county issues the township's setup package: 同步 → 下发配置包 ---------------------------
    pcs.at("county")

    def fill_issue(dialog: QWidget) -> None:
        assert isinstance(dialog, IssueSetupDialog)
        assert not dialog.write_button.isEnabled()
        dialog.division.setCurrentIndex(dialog.division.findData(TOWNSHIP))
        dialog.set_key_file(key_file)  # the seam of 选择密钥文件… (a file dialog)
        dialog.set_folder(usb)
        assert station_key_id in dialog.station_label.text() and dialog.write_button.isEnabled()
        shots.take("county-issues-setup-package", county, dialog)
        dialog.write_button.click()

    with modals.answering(fill_issue, type_passphrase(PASSPHRASE["county"])):
        qtbot.mouseClick(county_sync.issue_button, Qt.MouseButton.LeftButton)
    [package] = usb.glob(f"setup-{TOWNSHIP}-*.fpas")
    assert "电话" in county_sync.message.text()  # the county's key id, to read out on the phone
    county_key_id = county_sync.status.identity_key_id if county_sync.status else None
    assert county_key_id and county_key_id in county_sync.message.text()
    shots.take("county-package-written", county)

    # --- The township imports it, comparing the key id read out on the phone ------------------------
    pcs.at("township")
    asked.clear()
    with modals.answering(press_yes(lambda d: shots.take("trust-the-county", township, d), asked)):
        station_sync.import_setup_package(package)  # the seam of 导入配置包… (a file dialog)
    assert county_key_id in asked[0]
    assert station_sync.status is not None and station_sync.status.recipients == 2  # county, province
    assert station_sync.export_button.isEnabled() and "定期" in station_sync.next_step.text()
    shots.take("setup-package-imported", township)

    # --- The next morning: she signs in ---------------------------------------------------------------
    township.close()
    township_ws.close()
    login = LoginDialog(township_db, runner)
    qtbot.addWidget(login)
    login.show()
    qtbot.keyClicks(login.username, account[0])
    qtbot.keyClicks(login.password, account[2])
    shots.take("sign-in", None, login)
    qtbot.mouseClick(login.sign_in_button, Qt.MouseButton.LeftButton)
    township_ws = login.workspace
    assert (
        township_ws is not None and township_ws.user is not None and township_ws.user.username == "huangxing"
    )
    township = window(qtbot, township_ws, runner)

    # --- 特殊家庭 → 导入花名册: a small roster from the village -----------------------------------
    documents = tmp_path / "documents"
    documents.mkdir()
    roster = write_xlsx(
        documents / "黄兴镇花名册.xlsx",
        [
            ["黄兴镇计划生育特殊家庭花名册"],
            ["序号", "村（社区）", "户主姓名", "与户主关系", "身份证号码", "家庭类别", "联系电话"],
            [1, "接驾岭社区居委会", "张　秀英", "本人", id_number("19550612", "142"), "失独", "13807310011"],
            [2, "接驾岭社区居委会", "刘建国", "本人", id_number("19600305", "151"), "伤残", "13807310012"],
        ],
        merges=["A1:G1"],
        text_columns=[5],
    )
    families = township.show_page("families")
    assert isinstance(families, FamiliesPage) and families.list.tree is not None
    assert families.list.tree.items.item(0, 0).rowCount() >= 10  # 黄兴镇's villages, from the wizard
    qtbot.mouseClick(families.import_button, Qt.MouseButton.LeftButton)
    wizard = families.findChild(ImportWizard)
    assert wizard is not None and wizard.isVisible()
    wizard.currentPage().path.setText(str(roster))  # type: ignore[attr-defined]  # the seam of 浏览…
    for _ in range(4):  # file → sheet → header row → columns → preview
        wizard.next()
    preview = wizard.currentPage()
    assert isinstance(preview, PreviewPage), wizard.currentPage()
    assert "新增 2" in preview.summary.text(), preview.summary.text()
    shots.take("roster-preview", township, wizard)
    wizard.button(QWizard.WizardButton.FinishButton).click()  # 导入
    qtbot.waitUntil(lambda: families.list.model.rowCount() == 2)
    shots.take("roster-imported", township)

    # --- A family registered by hand: the family form ---------------------------------------------------
    form = families.new_family()
    assert isinstance(form, FamilyForm)
    form.general.village.setCurrentIndex(form.general.village.findData(VILLAGE))
    form.tabs.setCurrentWidget(form.members)
    form.members.name.edit.setText("黄大爷")
    qtbot.keyClicks(form.members.id_number.edit, id_number("19520304", "111"))
    assert form.members.relation.currentText() == MemberRelation.SELF.value  # the head, from the number
    shots.take("family-form", township, form)
    with qtbot.waitSignal(form.saved, timeout=5000):
        form.save()
    qtbot.waitUntil(lambda: families.list.model.rowCount() == 3)

    # --- 打印走访表: the visit forms go to a PDF (the print dialog's seam is the printer) -------------
    pdf = documents / "走访表.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(pdf))
    qtbot.waitUntil(families.list.is_complete)
    families.list.view.clearSelection()  # the saved family's row is selected: one row would ask
    families.print_visit_forms(printer)
    assert pdf.exists() and "3" in families.list.message.text(), families.list.message.text()
    pages = pdf_pages(pdf, tmp_path / "pages")
    assert len(pages) == 3
    [ours] = [n for n in range(1, 4) if "黄大爷" in page_text(pdf, n)]
    shots.image("visit-form-printed", pages[ours - 1])

    # --- 扫码录入: the scanner reads the filled-in form's QR code and types it, then Enter --------------
    scanned = qr_code(pages[ours - 1])
    assert scanned.startswith("ZF"), scanned
    families.scan.field.setFocus()
    qtbot.keyClicks(families.scan.field, scanned)
    qtbot.keyClick(families.scan.field, Qt.Key.Key_Return)
    visit = families.forms[-1]
    assert isinstance(visit, VisitForm) and visit.isVisible()
    assert visit.form_number.text() == scanned and "黄大爷" in families.scan.message.text()
    visit.visitors.edit.setText("黄兴镇计生协 李干部")
    shots.take("visit-from-the-scanned-form", township, visit)
    with qtbot.waitSignal(visit.saved, timeout=5000):
        visit.save()
    qtbot.keyClicks(families.scan.field, scanned)  # the same form once more: flagged, nothing opened
    qtbot.keyClick(families.scan.field, Qt.Key.Key_Return)
    assert families.forms[-1] is visit and "已登记" in families.scan.message.text()

    # 首页: the day's work counted
    home = township.show_page("home")
    assert home.cards["families"].value.text().startswith("3")  # type: ignore[attr-defined]
    shots.take("home", township)

    # --- 同步 → 写同步文件: the bundle goes onto the USB stick -------------------------------------------
    station_sync = sync_page(township)
    with modals.answering(type_passphrase(PASSPHRASE["township"])):
        station_sync.write_bundle(usb / "to-county")  # the seam of 写同步文件… (a folder dialog)
    [bundle] = (usb / "to-county").glob("*.fpab")
    assert bundle.name in station_sync.message.text()
    shots.take("bundle-written", township)

    # --- The county merges it and sends its own bundle to the province -----------------------------------
    pcs.at("county")
    county_sync.refresh()
    with modals.answering(type_passphrase(PASSPHRASE["county"])):
        county_sync.merge([bundle])  # the seam of 合并同步文件… (a file dialog)
    assert county_sync.results_model.rowCount() == 1 and county_sync.results_model.row_at(0).accepted
    shots.take("county-merged", county)
    with modals.answering(type_passphrase(PASSPHRASE["county"])):
        county_sync.write_bundle(usb / "to-province")
    [county_bundle] = (usb / "to-province").glob("*.fpab")
    shots.take("county-bundle-written", county)

    # --- The province merges it, and 走访覆盖率 moves on 绩效评价 ---------------------------------------
    pcs.at("province")
    province = window(qtbot, province_ws, runner)
    evaluation = province.show_page("evaluation")
    assert isinstance(evaluation, EvaluationPage)
    before = coverage(qtbot, evaluation)
    shots.take("province-evaluation-before", province)
    province_sync = sync_page(province)
    with modals.answering(type_passphrase(PASSPHRASE["province"])):
        province_sync.merge([county_bundle])
    assert province_sync.results_model.row_at(0).accepted
    shots.take("province-merged", province)
    evaluation = province.show_page("evaluation")
    assert isinstance(evaluation, EvaluationPage)
    after = coverage(qtbot, evaluation)
    assert before == "—" and after.startswith("33.3"), (before, after)  # one of three families visited
    assert "黄大爷" in " ".join(str(r) for r in evaluation.behind.rows())  # the record behind it
    shots.take("province-evaluation-after", province)

    for ws in (township_ws, county_ws, province_ws):
        ws.close()
    assert len(shots.saved) >= 20
