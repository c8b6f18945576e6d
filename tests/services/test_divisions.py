"""Local division changes: each one a logged save; bad input refused with nothing changed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.database.migrate import open_database
from app.database.models import ChangeLogEntry
from app.domain.errors import NotFound, UserInputError
from app.services.divisions import add_division, division_tree, rename_division, retire_division

TOWNSHIP = "430121001000"  # 星沙街道


def _changes(db) -> int:  # type: ignore[no-untyped-def]
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(ChangeLogEntry)) or 0


def test_add_rename_retire_each_logged(db_path: Path) -> None:
    db = open_database(db_path)
    add_division(db, TOWNSHIP, "430121001901", "新建社区", date(2025, 3, 1))
    rename_division(db, "430121001901", "星光社区", date(2025, 6, 1))
    retire_division(db, "430121001901", date(2026, 1, 1))
    assert _changes(db) == 3
    row = next(r for r in division_tree(db, TOWNSHIP) if r.code == "430121001901")
    assert (row.name, row.valid_from, row.valid_to, row.retired, row.local) == (
        "星光社区", date(2025, 3, 1), date(2026, 1, 1), True, True)
    shipped = next(r for r in division_tree(db, TOWNSHIP) if r.code == TOWNSHIP)
    assert not shipped.local and not shipped.retired


@pytest.mark.parametrize(("parent", "code", "name"), [
    (TOWNSHIP, "430121002901", "别处的村"),  # under another township
    (TOWNSHIP, "430121001001", "重复"),  # code already used
    (TOWNSHIP, "43012100190", "短代码"),
    (TOWNSHIP, "430121001902", "  "),
    ("430121999000", "430121999001", "无上级"),
])
def test_bad_additions_change_nothing(db_path: Path, parent: str, code: str, name: str) -> None:
    db = open_database(db_path)
    before = division_tree(db, "430121000000")
    with pytest.raises(UserInputError):
        add_division(db, parent, code, name, date(2025, 1, 1))
    assert division_tree(db, "430121000000") == before
    assert _changes(db) == 0


def test_retiring_a_township_with_live_villages_is_refused(db_path: Path) -> None:
    db = open_database(db_path)
    with pytest.raises(UserInputError, match="下级区划"):
        retire_division(db, TOWNSHIP, date(2026, 1, 1))
    with pytest.raises(NotFound):
        rename_division(db, "430121999999", "无", date(2026, 1, 1))
    assert _changes(db) == 0


def test_division_commands(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main

    db = str(db_path)
    assert main(["division", "add", "--db", db, "--parent", TOWNSHIP, "--code", "430121001901", "--name", "新社区",
                 "--from", "2025-03-01"]) == 0
    assert main(["division", "rename", "--db", db, "--code", "430121001901", "--name", "星光社区", "--on", "2025年6月1日"]) == 0
    assert main(["division", "list", "--db", db, "--under", TOWNSHIP]) == 0
    assert "星光社区（本地）" in capsys.readouterr().out
    assert main(["division", "retire", "--db", db, "--code", TOWNSHIP, "--on", "2026-01-01"]) == 1
    assert "下级区划" in capsys.readouterr().err
