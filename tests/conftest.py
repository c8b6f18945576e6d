"""Shared fixtures: a fresh real SQLite database per test, copied from a template built once."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# As the program does at start: PySide6 6.12 on Python 3.11 loses a reference to None on every
# void Qt call, and a long run of widget tests would otherwise abort CPython (none_dealloc).
from app.services.shared.paper.refcount_guard import pin_singletons

pin_singletons()

COUNTY = "430121000000"  # 长沙县


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing a test does touches the real user data folder."""
    monkeypatch.setenv("FPA_HOME", str(tmp_path / "home"))


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty county database (schema + the county's divisions), built once per run."""
    from app.services.system.setup import init_database

    path = tmp_path_factory.mktemp("template") / "county.db"
    db = init_database(path, COUNTY)
    db.dispose()
    return path


def copy_database(src: Path, dest: Path) -> Path:
    shutil.copy2(src, dest)
    return dest


@pytest.fixture
def db_path(template_db: Path, tmp_path: Path) -> Path:
    """A fresh county database file for this test.

    Every copy shares the template's device id; tests that need several devices build their own.
    """
    return copy_database(template_db, tmp_path / "county.db")


@pytest.fixture
def workspace(db_path: Path) -> Iterator[object]:
    from app.services.shared.workspace import open_workspace

    ws = open_workspace(db_path)
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo county (300 families), generated once per run."""
    from app.services.demo import generate_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    generate_demo(path, COUNTY, families=300, seed=7)
    return path


@pytest.fixture
def demo_workspace(demo_template: Path, tmp_path: Path) -> Iterator[object]:
    from app.services.shared.workspace import open_workspace

    ws = open_workspace(copy_database(demo_template, tmp_path / "demo.db"))
    yield ws
    ws.close()


ADMIN = ("admin", "李管理", "secret-pass-1")  # the encrypted template's administrator


@pytest.fixture(scope="session")
def encrypted_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """An encrypted county database as the set-up makes it (keyring beside it), and its recovery key."""
    from app.domain.enums import NodeRole
    from app.services.system.installation import set_up_installation

    path = tmp_path_factory.mktemp("encrypted") / "county.db"
    username, name, password = ADMIN
    made = set_up_installation(
        path, COUNTY, NodeRole.COUNTY, username=username, display_name=name, password=password
    )
    made.workspace.close()
    return path, made.recovery_key


def copy_encrypted(src: Path, dest: Path) -> Path:
    from app.database.keyring import keyring_path

    shutil.copy2(src, dest)
    shutil.copy2(keyring_path(src), keyring_path(dest))
    return dest


@pytest.fixture
def encrypted_path(encrypted_template: tuple[Path, str], tmp_path: Path) -> Path:
    """A fresh copy of the encrypted county database (admin / secret-pass-1) for this test."""
    folder = tmp_path / "encrypted"  # apart from ``db_path``, which a test may use as well
    folder.mkdir()
    return copy_encrypted(encrypted_template[0], folder / "county.db")


@pytest.fixture
def recovery_key(encrypted_template: tuple[Path, str]) -> str:
    return encrypted_template[1]
