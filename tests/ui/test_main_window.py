"""The main window: every module of the navigation opens; the home page counts right; Chinese UI."""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.paths import resource
from ui.i18n import install_translators
from ui.main_window import NAVIGATION, MainWindow
from ui.pages.home import HomePage
from ui.tasks import SyncTaskRunner


def test_every_module_opens(qtbot: QtBot, demo_workspace) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(demo_workspace, SyncTaskRunner(), "计生协离线数据采集")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    for key, _label, _target in NAVIGATION:
        page = window.show_page(key)
        assert page.isVisibleTo(window) or not window.isVisible()
        assert window.stack.currentIndex() == [k for k, _, _ in NAVIGATION].index(key)


def test_home_figures_match_the_database(qtbot: QtBot, demo_workspace) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(demo_workspace, SyncTaskRunner(), "t")
    qtbot.addWidget(window)
    home = window.show_page("home")
    assert isinstance(home, HomePage)
    with sqlite3.connect(demo_workspace.path) as raw:
        registered = raw.execute("SELECT count(*) FROM special_family WHERE status='在册' AND deleted=0").fetchone()[0]
        no_channel = raw.execute("SELECT count(*) FROM special_family WHERE status='在册' AND deleted=0 "
                                 "AND green_channel_hospital IS NULL").fetchone()[0]
    assert home.cards["families"].value.text() == f"{registered:,}"
    assert home.cards["missing_green_channel"].value.text() == f"{no_channel:,}"
    assert "长沙县" in home.heading.text()


def test_standard_buttons_and_our_strings_read_chinese(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app)
    try:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        texts = {b.text() for b in box.buttons()}
        assert any("确定" in t for t in texts) and any("取消" in t for t in texts)
        assert app.translate("HomePage", "Visits this year") == "本年走访慰问（次）"
    finally:
        for t in translators:
            app.removeTranslator(t)


def test_every_translation_is_finished() -> None:
    files = sorted(resource("translations").glob("*.ts"))
    assert files
    for ts in files:
        for message in ET.parse(ts).iter("message"):
            translation = message.find("translation")
            assert translation is not None
            source = message.findtext("source")
            assert translation.get("type") not in ("unfinished",), f"{ts.name}: {source!r} not translated"
            assert (translation.text or "").strip(), f"{ts.name}: {source!r} has an empty translation"


def test_start_up_renders_the_demo(tmp_path: Path) -> None:
    from ui.main import main

    shot = tmp_path / "main.png"
    assert main(["--demo", "--screenshot", str(shot)]) == 0
    assert shot.stat().st_size > 10_000
