"""Local division changes: each one a logged save; bad input refused with nothing changed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.database.migrate import open_database
from app.database.models import ChangeLogEntry
from app.database.session import Database
from app.domain.enums import ChangeOp, DivisionLevel
from app.domain.errors import NotFound, UserInputError
from app.services.system.divisions import add_division, division_tree, rename_division, retire_division

TOWNSHIP = "430121001000"  # 星沙街道


def _changes(db: Database) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(ChangeLogEntry)) or 0


def _entries(db: Database) -> list[tuple[ChangeOp, dict[str, object]]]:
    with db.read() as s:
        return [(e.op, e.changes) for e in s.scalars(select(ChangeLogEntry).order_by(ChangeLogEntry.seq))]


def test_add_rename_retire_each_logged(db_path: Path) -> None:
    db = open_database(db_path)
    add_division(db, TOWNSHIP, "430121001901", "新建社区", date(2025, 3, 1))
    rename_division(db, "430121001901", "星光社区", date(2025, 6, 1))
    retire_division(db, "430121001901", date(2026, 1, 1))
    assert _changes(db) == 3
    row = next(r for r in division_tree(db, TOWNSHIP) if r.code == "430121001901")
    assert (row.name, row.valid_from, row.valid_to, row.retired, row.local) == (
        "星光社区",
        date(2025, 3, 1),
        date(2026, 1, 1),
        True,
        True,
    )
    shipped = next(r for r in division_tree(db, TOWNSHIP) if r.code == TOWNSHIP)
    assert not shipped.local and not shipped.retired
    # What the change log carries to the county and province: the new row whole, then each edit.
    (op1, added), (op2, renamed), (op3, retired) = _entries(db)
    assert (op1, op2, op3) == (ChangeOp.INSERT, ChangeOp.UPDATE, ChangeOp.UPDATE)
    assert (
        added["code"] == "430121001901" and added["parent_code"] == TOWNSHIP and added["level"] == "village"
    )
    assert renamed["name"] == "星光社区" and "2025-06-01" in str(renamed["note"])
    assert retired == {"valid_to": "2026-01-01"}


@pytest.mark.parametrize(
    ("parent", "code", "name"),
    [
        (TOWNSHIP, "430121002901", "别处的村"),  # under another township
        (TOWNSHIP, "430121001001", "重复"),  # code already used
        (TOWNSHIP, "43012100190", "短代码"),
        (TOWNSHIP, "430121001902", "  "),
        (TOWNSHIP, "430121001902", "长" * 61),  # wider than the column
        (TOWNSHIP, "430121001000", "同级代码"),  # a township code under a township
        ("430121001001", "430121001001", "村下无区划"),  # nothing below a village
        ("430121999000", "430121999001", "无上级"),
    ],
)
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
    assert (
        main(
            [
                "division",
                "add",
                "--db",
                db,
                "--parent",
                TOWNSHIP,
                "--code",
                "430121001901",
                "--name",
                "新社区",
                "--from",
                "2025-03-01",
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "division",
                "rename",
                "--db",
                db,
                "--code",
                "430121001901",
                "--name",
                "星光社区",
                "--on",
                "2025年6月1日",
            ]
        )
        == 0
    )
    assert main(["division", "list", "--db", db, "--under", TOWNSHIP]) == 0
    assert "星光社区（本地）" in capsys.readouterr().out
    assert main(["division", "retire", "--db", db, "--code", TOWNSHIP, "--on", "2026-01-01"]) == 1
    assert "下级区划" in capsys.readouterr().err


def test_retire_dates_and_twice_are_refused(db_path: Path) -> None:
    db = open_database(db_path)
    add_division(
        db, TOWNSHIP, "４３０１２１００１９０３", "全角代码社区", date(2025, 3, 1)
    )  # typed full-width
    with pytest.raises(UserInputError, match="早于"):
        retire_division(db, "430121001903", date(2025, 1, 1))
    retire_division(db, "430121001903", date(2026, 1, 1))
    with pytest.raises(UserInputError, match="已于"):
        retire_division(db, "430121001903", date(2026, 2, 1))
    assert _changes(db) == 2


def test_a_township_tree_holds_only_its_own_villages(db_path: Path) -> None:
    db = open_database(db_path)
    jinjing = division_tree(db, "430121110000")  # 金井镇; 福临镇 430121111000 shares "43012111"
    assert jinjing[0].code == "430121110000" and jinjing[0].level is DivisionLevel.TOWNSHIP
    assert len(jinjing) > 1 and all(r.code.startswith("430121110") for r in jinjing)
    county = division_tree(db, "430121000000")
    assert {r.code for r in jinjing} < {r.code for r in county}
