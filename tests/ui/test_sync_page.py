"""The sync page through its widgets: keys, setup package, writing a bundle, merging it upward."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.enums import NodeRole
from app.services import sync
from app.services.shared.workspace import open_workspace
from app.services.system.setup import init_database
from tests.ui.walkthrough_helpers import Modals, new_passphrase
from ui.shell.page import PageContext
from ui.shell.tasks import SyncTaskRunner
from ui.sync.page import SyncPage


def _page(qtbot: QtBot, db: Path) -> SyncPage:
    page = SyncPage(PageContext(open_workspace(db), SyncTaskRunner()))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    return page


def test_county_writes_a_bundle_and_the_province_merges_it(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    province_home, county_home = tmp_path / "prov-home", tmp_path / "county-home"
    monkeypatch.setenv("FPA_HOME", str(province_home))
    init_database(tmp_path / "prov.db", "430000000000").dispose()
    init_database(tmp_path / "county.db", "430121000000").dispose()
    from app.paths import identity_dir

    province_key = sync.new_identity(identity_dir(), "湖南省计生协", None)
    monkeypatch.setenv("FPA_HOME", str(county_home))
    county = _page(qtbot, tmp_path / "county.db")
    assert (
        "create the device keys" in county._labels["keys"].text() or "密钥" in county._labels["keys"].text()
    )
    county_key = sync.new_identity(identity_dir(), "长沙县计生协", None)
    county.refresh()
    assert county_key.key_id in county._labels["keys"].text()
    assert not county.export_button.isEnabled()  # no recipients before the setup package

    monkeypatch.setenv("FPA_HOME", str(province_home))
    package = sync.export_setup(
        identity_dir(),
        None,
        tmp_path / "setup.fpas",
        role="province",
        division="430000000000",
        signers=[(county_home / "identity", "430121")],
    )
    monkeypatch.setenv("FPA_HOME", str(county_home))
    county.import_setup_package(package, confirm=False)
    assert county.status is not None
    assert county.status.recipients == 1 and county.export_button.isEnabled()  # the province

    usb = tmp_path / "usb"
    county.write_bundle(usb, ask=False)
    written = list(usb.glob("*.fpab"))
    assert len(written) == 1 and written[0].name in county.message.text()

    monkeypatch.setenv("FPA_HOME", str(province_home))
    prov_ws = open_workspace(tmp_path / "prov.db")
    sync.import_setup(prov_ws, package, trust=province_key.key_id)
    prov_ws.close()
    province = _page(qtbot, tmp_path / "prov.db")
    assert province.merge_button.isVisibleTo(province)
    province.merge(written, ask=False)
    assert province.results_model.rowCount() == 1
    assert province.results_model.row_at(0).accepted
    assert province.history_model.rowCount() == 1
    province.merge(written, ask=False)  # the same bundle again is refused, visibly
    row = province.results_model.row_at(0)
    assert not row.accepted and "合并过" in (row.reason or "")
    assert province.history_model.rowCount() == 1


def test_a_township_writes_its_key_file_for_the_county_on_screen(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The county needs the township's public key to issue its setup package: the 同步 page writes it
    to the USB stick (before, the worker had to find identity.json in the program's data folder).
    Keys created on screen are named after the township (before: its code and the device id)."""
    monkeypatch.setenv("FPA_HOME", str(tmp_path / "home"))
    from app.paths import identity_dir
    from app.services.system.installation import create_installation

    create_installation(tmp_path / "station.db", "430121102000", NodeRole.STATION).close()  # 黄兴镇
    station = _page(qtbot, tmp_path / "station.db")
    station.show()
    assert not station.key_file_button.isVisible()  # no keys yet: nothing to hand over
    with Modals().answering(new_passphrase("zhen-usb-key")):
        qtbot.mouseClick(station.keys_button, Qt.MouseButton.LeftButton)
    key = sync.show_identity(identity_dir())
    assert key.name.startswith("黄兴镇") and station.status is not None and station.status.identity_protected
    assert station.key_file_button.isVisible()
    usb = tmp_path / "usb"
    station.write_key_file(usb)
    [written] = usb.iterdir()
    assert written.name == f"identity-{key.key_id}.json"
    assert key.key_id in station.message.text() and written.name in station.message.text()
    assert sync.read_station_key(written).key_id == key.key_id  # what 下发配置包 reads
    assert b"private" not in written.read_bytes().lower() and b"AGE-SECRET" not in written.read_bytes()
