"""`fpa demo`: a realistic fictitious county, the same for the same seed, change-logged like any save."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from app.cli import main
from app.domain.errors import Cancelled


def reference_check(first17: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, weights, strict=True)) % 11]


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def test_demo_county_is_realistic_and_consistent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "demo.db"
    assert main(["demo", str(db), "--county", "430121", "--families", "200", "--seed", "3"]) == 0
    capsys.readouterr()
    assert main(["check", str(db), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    counts = report["counts"]
    assert report["integrity"] == "ok"
    assert counts["families"] == 200 and counts["family_members"] >= 200
    assert counts["visits"] > 0 and counts["projects"] > 0 and counts["payments"] > 0
    assert counts["associations"] > 200 and counts["persons"] > 0 and counts["activities"] > 0
    # Every synced row went in through a save that wrote exactly one change entry.
    synced = sum(_rows(db, f"SELECT count(*) FROM {t}")[0][0] for t in (
        "special_family", "family_member", "visit", "visit_goods", "insurance_policy", "person", "person_role",
        "association", "association_term", "position", "project", "project_beneficiary", "project_payment",
        "activity", "training"))
    assert counts["changes"] == synced
    # Valid ID numbers whose sex digit matches the recorded sex.
    for number, sex in _rows(db, "SELECT id_number, sex FROM family_member WHERE id_number IS NOT NULL"):
        assert isinstance(number, str) and len(number) == 18
        assert number[17] == reference_check(number[:17])
        assert sex == ("男" if int(number[16]) % 2 else "女")
    # Families live in villages of the county that exist in the division table.
    orphans = _rows(db, "SELECT count(*) FROM special_family f LEFT JOIN division d ON d.code = f.division_code "
                        "WHERE d.code IS NULL OR d.level != 'village' OR f.division_code NOT LIKE '430121%'")
    assert orphans == [(0,)]
    # Coverage is partial, as in real counties.
    covered = _rows(db, "SELECT count(*) FROM special_family WHERE doctor_name IS NOT NULL")[0][0]
    assert 0 < covered < 200


def test_same_seed_same_county(tmp_path: Path) -> None:
    from app.services.demo import generate_demo

    generate_demo(tmp_path / "a.db", "430121000000", families=50, seed=9)
    generate_demo(tmp_path / "b.db", "430121000000", families=50, seed=9)
    generate_demo(tmp_path / "c.db", "430121000000", families=50, seed=10)
    sql = "SELECT id, head_name, head_id_number FROM special_family ORDER BY rowid"
    assert _rows(tmp_path / "a.db", sql) == _rows(tmp_path / "b.db", sql)
    assert _rows(tmp_path / "a.db", sql) != _rows(tmp_path / "c.db", sql)


def test_cancel_leaves_nothing_behind(tmp_path: Path) -> None:
    from app.services.demo import generate_demo

    target = tmp_path / "cancelled.db"
    with pytest.raises(Cancelled):
        generate_demo(target, "430121000000", families=20000, seed=1, cancelled=lambda: True)
    assert not target.exists()


def test_existing_file_is_never_overwritten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "mine.db"
    target.write_bytes(b"precious")
    assert main(["demo", str(target), "--families", "10"]) == 1
    assert target.read_bytes() == b"precious"
    assert "已存在" in capsys.readouterr().err
