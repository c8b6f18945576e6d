"""下发配置包 on the sync page: a county sets a township up on screen, the township sends its first bundle.

Real keys, real databases, real widgets (offscreen); the screens are also rendered to PNG files
(``FPA_SCREENSHOTS=folder`` keeps them) so a person can look at them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.domain.enums import NodeRole, UserRole
from app.services import sync
from app.services.shared.workspace import open_workspace
from app.services.system.setup import init_database
from ui.shell.i18n import install_translators
from ui.shell.page import PageContext
from ui.shell.tasks import SyncTaskRunner
from ui.sync.issue_dialog import IssueSetupDialog
from ui.sync.page import SyncPage


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    """The program's translations, as a user sees the screens; removed afterwards."""
    translators = install_translators(qapp)
    yield
    for t in translators:
        qapp.removeTranslator(t)


def _page(qtbot: QtBot, db: Path, user: object | None = None) -> SyncPage:
    ws = open_workspace(db)
    if user is not None:
        ws.user = user  # type: ignore[assignment]
    page = SyncPage(PageContext(ws, SyncTaskRunner()))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    return page


def _shot(widget: object, tmp_path: Path, name: str) -> None:
    folder = Path(os.environ.get("FPA_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(folder / name))  # type: ignore[attr-defined]


def test_a_county_sets_a_township_up_on_screen(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chinese: None
) -> None:
    from app.paths import identity_dir

    homes = {n: tmp_path / f"{n}-home" for n in ("province", "county", "station")}
    pubs = {}
    for name, label in (("province", "湖南省计生协"), ("county", "长沙县计生协"), ("station", "黄兴镇")):
        monkeypatch.setenv("FPA_HOME", str(homes[name]))
        pubs[name] = sync.new_identity(identity_dir(), label, None)
    county_db, station_db = tmp_path / "county.db", tmp_path / "station.db"
    init_database(county_db, "430121000000").dispose()
    init_database(station_db, "430121000000", NodeRole.STATION).dispose()
    monkeypatch.setenv("FPA_HOME", str(homes["province"]))
    package = sync.export_setup(
        identity_dir(), None, tmp_path / "province.fpas", division="430000",
        signers=[(homes["county"] / "identity", "430121")],
    )  # fmt: skip
    ws = open_workspace(county_db)
    sync.import_setup(ws, package, trust=pubs["province"].key_id)
    ws.close()

    monkeypatch.setenv("FPA_HOME", str(homes["county"]))
    county = _page(qtbot, county_db)
    assert county.issue_button.isVisibleTo(county) and county.issue_button.isEnabled()
    targets = sync.issue_targets(county.workspace)
    township = next(t for t in targets if t.name.startswith("黄兴"))
    dialog = IssueSetupDialog(targets, pubs["county"].key_id, county)
    qtbot.addWidget(dialog)
    assert not dialog.write_button.isEnabled() and "密钥文件" in dialog.write_button.toolTip()
    dialog.division.setCurrentIndex(dialog.division.findData(township.code))
    usb = tmp_path / "usb"
    dialog.set_key_file(homes["station"] / "identity" / "identity.json")
    dialog.set_folder(usb)
    assert dialog.write_button.isEnabled() and pubs["station"].key_id in dialog.station_label.text()
    dialog.resize(720, 420)
    _shot(dialog, tmp_path, "sync-issue-dialog.png")
    dialog.set_key_file(tmp_path / "province.fpas")  # not a key file: said at once
    assert dialog.error.text() and not dialog.write_button.isEnabled()

    county.issue_setup(township.code, homes["station"] / "identity" / "identity.json", usb)
    [written] = list(usb.glob("*.fpas"))
    assert pubs["county"].key_id in county.message.text() and "电话" in county.message.text()
    _shot(county, tmp_path, "sync-county.png")

    # The township imports it, confirming the county's key id, and sends its first bundle.
    monkeypatch.setenv("FPA_HOME", str(homes["station"]))
    station = _page(qtbot, station_db)
    assert not station.export_button.isEnabled() and station.export_button.toolTip()
    station.import_setup_package(written, confirm=False)
    assert station.status is not None and station.status.recipients == 2  # the county and the province
    assert station.export_button.isEnabled()
    station.write_bundle(usb, ask=False)
    [bundle] = list(usb.glob("*.fpab"))
    _shot(station, tmp_path, "sync-station.png")

    monkeypatch.setenv("FPA_HOME", str(homes["county"]))
    county.merge([bundle], ask=False)
    assert county.results_model.rowCount() == 1 and "1" in county.message.text()
    assert sync.merge_result_rows(county.workspace, []) == []


def test_buttons_an_account_may_not_use_are_disabled_with_the_reason(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chinese: None
) -> None:
    from app.domain.records.accounts import SignedInUser
    from app.paths import identity_dir

    monkeypatch.setenv("FPA_HOME", str(tmp_path / "home"))
    sync.new_identity(identity_dir(), "长沙县计生协", None)
    db = tmp_path / "county.db"
    init_database(db, "430121000000").dispose()
    page = _page(qtbot, db, SignedInUser("kan", "只看", UserRole.READ_ONLY, "430121000000"))
    for button in (page.merge_button, page.receipt_button, page.issue_button, page.setup_button):
        assert not button.isEnabled() and "管理员" in button.toolTip(), button.text()
    assert not page.export_button.isEnabled() and "同步文件" in page.export_button.toolTip()
    _shot(page, tmp_path, "sync-read-only.png")
