"""The task runner's lanes: reads beside each other and beside a long job, writes one at a time, in order.

Real threads (``TaskRunner``, not the synchronous test runner), real SQLite and SQLCipher files,
real pages offscreen. A "long" job here is one that waits for the test to let it go, so what
must not wait for it is seen without any timing.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.database.models import SpecialFamily
from app.domain.enums import FamilyCategory
from app.domain.records.overview import Overview
from app.paths import backups_dir
from app.services import families
from app.services.home import overview
from app.services.shared.workspace import Workspace
from app.services.system.accounts import sign_in
from ui.families.page import FamiliesPage
from ui.home.page import HomePage
from ui.shell.auto_backup import start_in_background
from ui.shell.main_window import MainWindow
from ui.shell.page import PageContext
from ui.shell.tasks import TaskRunner

ADMIN_PASSWORD = "secret-pass-1"  # the encrypted_template fixture's administrator (conftest.py)
WAIT_MS = 20_000  # generous: the machine is shared; nothing here is a timing assertion


def _add_family(ws: Workspace, name: str) -> str:
    with ws.db.session() as s:
        family = SpecialFamily(division_code="430121001001", category=FamilyCategory.BEREAVED, head_name=name)
        s.add(family)
        s.flush()
        return family.id


def _count(ws: Workspace) -> int:
    with ws.db.read() as s:
        return s.scalar(select(func.count()).select_from(SpecialFamily)) or 0


class Gate:
    """A long job: runs until the test opens the gate; says when it has begun."""

    def __init__(self) -> None:
        self.begun = threading.Event()
        self.open = threading.Event()

    def __call__(self) -> str:
        self.begun.set()
        if not self.open.wait(WAIT_MS / 1000):
            raise TimeoutError("the gate was never opened")
        return "through"


def test_the_families_list_is_usable_while_the_home_figures_still_run(
    qtbot: QtBot, workspace, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    _add_family(workspace, "张三")
    figures = Gate()  # the home page's figures, taking as long as they do over 100 000 families
    real = overview.overview

    def slow_overview(ws: Workspace) -> Overview:
        figures()
        return real(ws)

    monkeypatch.setattr(overview, "overview", slow_overview)
    runner = TaskRunner()
    context = PageContext(workspace, runner)
    home = HomePage(context)
    qtbot.addWidget(home)
    home.refresh()  # the first page at start
    assert figures.begun.wait(WAIT_MS / 1000)
    page = FamiliesPage(context)  # the clerk goes to 特殊家庭 at once
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.list.loaded, timeout=WAIT_MS):
        page.refresh()
    assert page.list.model.rowCount() == 1 and page.list.model.record(0).head_name == "张三"
    assert home.data is None  # the figures are still being read
    figures.open.set()
    qtbot.waitUntil(lambda: home.data is not None, timeout=WAIT_MS)
    assert home.data is not None and home.data.families == 1
    assert runner.wait(WAIT_MS)


def test_a_read_waits_for_the_writes_asked_before_it(qtbot: QtBot, workspace) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    gate = Gate()

    def slow_save() -> str:
        gate()
        return _add_family(workspace, "李四")

    saved: list[str] = []
    runner.run(slow_save, on_done=saved.append)
    seen: list[list[str]] = []
    runner.read(families.list_family_ids, workspace, on_done=seen.append)  # e.g. the list after 保存
    assert gate.begun.wait(WAIT_MS / 1000)
    gate.open.set()
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT_MS)
    assert saved and seen == [saved]  # the read saw the save asked before it


def test_a_read_need_not_wait_for_a_job_that_holds_no_reads(qtbot: QtBot, workspace) -> None:  # type: ignore[no-untyped-def]
    _add_family(workspace, "王五")
    runner = TaskRunner()
    long_copy = Gate()
    runner.run(long_copy, holds_reads=False)
    seen: list[list[str]] = []
    runner.read(families.list_family_ids, workspace, on_done=seen.append)
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT_MS)
    assert len(seen[0]) == 1 and long_copy.begun.is_set() and not long_copy.open.is_set()
    long_copy.open.set()
    assert runner.wait(WAIT_MS)


def test_many_readers_on_an_encrypted_database_beside_one_writer(qtbot: QtBot, encrypted_path: Path) -> None:
    """Readers on their own connections get the key; writes still go one at a time, in order."""
    ws = sign_in(encrypted_path, "admin", ADMIN_PASSWORD)
    try:
        before = _count(ws)
        runner = TaskRunner()
        lock = threading.Lock()
        writing = {"now": 0, "most": 0}
        order: list[int] = []

        def save(number: int) -> str:
            with lock:
                writing["now"] += 1
                writing["most"] = max(writing["most"], writing["now"])
            try:
                return _add_family(ws, f"户主{number}")
            finally:
                with lock:
                    writing["now"] -= 1
                    order.append(number)

        counts: list[tuple[int, int]] = []  # (writes asked before the read, families it saw)
        errors: list[BaseException] = []
        for number in range(12):
            runner.run(save, number, on_error=errors.append)
            runner.read(
                _count, ws, on_done=lambda n, asked=number + 1: counts.append((asked, n)), on_error=errors.append
            )
        qtbot.waitUntil(lambda: len(counts) == 12 or bool(errors), timeout=WAIT_MS)
        assert runner.wait(WAIT_MS)
        assert errors == []
        assert writing["most"] == 1 and order == list(range(12))  # one writer, in the order asked
        # Each read came after the writes asked before it: it saw at least those families.
        assert all(seen >= before + asked for asked, seen in counts), counts
        assert _count(ws) == before + 12
    finally:
        ws.close()


def test_the_backup_at_start_waits_for_the_first_page_and_does_not_hold_its_reads(
    qtbot: QtBot, encrypted_path: Path
) -> None:
    ws = sign_in(encrypted_path, "admin", ADMIN_PASSWORD)
    runner = TaskRunner()
    window = MainWindow(ws, runner)
    qtbot.addWidget(window)
    slow_page = Gate()  # the first page's own work, still running
    runner.read(slow_page)
    window.backups.enabled = True
    window.show()
    window.backups.at_start()
    assert window.backups.waiting and window.backups.start_task is None  # not in the page's way
    slow_page.open.set()
    qtbot.waitUntil(lambda: any(backups_dir().glob("*-备份-*.db")), timeout=WAIT_MS)
    assert not window.backups.waiting
    qtbot.waitUntil(lambda: window.backups.start_task is None, timeout=WAIT_MS)

    # A backup taken while a list loads: the list does not wait for it (it holds no reads).
    for old in backups_dir().glob("*-备份-*"):
        old.unlink()
    ahead = Gate()  # keeps the writer lane busy, so the backup is still to come when the list asks
    runner.run(ahead, holds_reads=False)
    done: list[object] = []
    assert start_in_background(runner, ws, done.append) is not None
    page = window.show_page("families")
    assert isinstance(page, FamiliesPage)
    with qtbot.waitSignal(page.list.loaded, timeout=WAIT_MS):
        page.refresh()
    assert not done and not any(backups_dir().glob("*-备份-*.db"))  # the backup has not even begun
    ahead.open.set()
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT_MS)
    assert any(backups_dir().glob("*-备份-*.db"))
    window.backups.enabled = False
    window.close()
    assert runner.wait(WAIT_MS)
    ws.close()


def test_closing_before_the_start_backup_began_takes_the_closing_one_instead(
    qtbot: QtBot, encrypted_path: Path
) -> None:
    ws = sign_in(encrypted_path, "admin", ADMIN_PASSWORD)
    runner = TaskRunner()
    window = MainWindow(ws, runner)
    qtbot.addWidget(window)
    slow_page = Gate()
    runner.read(slow_page)
    window.backups.enabled = True
    window.show()
    window.backups.at_start()
    assert window.backups.waiting
    window.close()  # the user closes at once: one backup, with its dialog, before the window goes
    assert not window.backups.waiting and window.backups.closing is not None
    slow_page.open.set()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT_MS)
    assert len(list(backups_dir().glob("*-备份-*.db"))) == 1
    assert runner.wait(WAIT_MS)
    ws.close()
