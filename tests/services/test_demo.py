"""`fpa demo`: a realistic fictitious county, the same for the same seed, change-logged like any save."""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.database.base import content_columns, synced_tables
from app.domain.errors import Cancelled
from app.domain.hlc import REFERENCE_STAMP
from app.services.demo import DemoSummary, generate_demo
from app.services.demo import families as demo_families

COUNTY = "430121000000"


def reference_check(first17: str) -> str:
    """GB 11643 MOD 11-2, written out here independently of the program's own code."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, weights, strict=True)) % 11]


def _rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _one(path: Path, sql: str) -> Any:
    return _rows(path, sql)[0][0]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoSummary]:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    return path, generate_demo(path, COUNTY, families=200, seed=3)


def test_summary_matches_fpa_check(
    demo: tuple[Path, DemoSummary], capsys: pytest.CaptureFixture[str]
) -> None:
    path, summary = demo
    assert main(["check", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["integrity"] == "ok"
    counts = report["counts"]
    assert counts["families"] == summary.families == 200
    assert counts["family_members"] == summary.members
    for name in ("persons", "visits", "projects", "payments", "activities", "trainings", "associations"):
        assert counts[name] == getattr(summary, name) > 0, name
    assert counts["changes"] == summary.changes
    assert "家庭 200 户" in str(summary)


def test_one_change_entry_per_synced_row_with_every_field(demo: tuple[Path, DemoSummary]) -> None:
    path, _ = demo
    entries = Counter(
        (str(t), str(r))
        for t, r, op in _rows(path, "SELECT table_name, row_id, op FROM change_log")
        if op == "insert"
    )
    assert _one(path, "SELECT count(*) FROM change_log WHERE op != 'insert'") == 0
    rows = 0
    for table in synced_tables():
        ids = _rows(path, f"SELECT id FROM {table} WHERE stamp != '{REFERENCE_STAMP}'")
        rows += len(ids)
        assert all(entries[(table, str(i))] == 1 for (i,) in ids), table
    assert rows == sum(entries.values())
    # Each entry holds every content field of its row, as an ORM save would write it.
    for table, changes in _rows(path, "SELECT table_name, changes FROM change_log WHERE seq % 97 = 0"):
        assert set(json.loads(str(changes))) == set(content_columns(synced_tables()[str(table)]))


def test_id_numbers_birth_dates_sex_and_phones_agree(demo: tuple[Path, DemoSummary]) -> None:
    path, _ = demo
    people = _rows(path, "SELECT id_number, sex, birth_date, phone FROM family_member")
    people += _rows(path, "SELECT id_number, sex, birth_date, phone FROM person")
    assert len(people) > 400
    for number, sex, birth, phone in people:
        assert isinstance(number, str) and re.fullmatch(r"\d{17}[\dX]", number)
        assert number[17] == reference_check(number[:17])
        assert number[6:14] == str(birth).replace("-", "")
        assert sex == ("男" if int(number[16]) % 2 else "女")
        assert phone is None or re.fullmatch(r"1[3-9]\d{9}", str(phone))
    prefixes = Counter(str(n)[:6] for n, *_ in people)
    assert prefixes.most_common(1)[0][0] == "430121"  # the county's own; a few elderly carry old ones
    heads = _rows(
        path,
        "SELECT f.head_name, f.head_id_number, m.name, m.id_number, m.birth_date FROM special_family f "
        "JOIN family_member m ON m.family_id = f.id AND m.relation = '本人'",
    )
    assert len(heads) == 200
    for head_name, head_id, name, number, birth in heads:
        assert (head_name, head_id) == (name, number)
        age = (date(2026, 11, 1) - date.fromisoformat(str(birth))).days / 365.25
        assert 30 <= age <= 87


def test_every_reference_points_at_a_record_of_the_county(demo: tuple[Path, DemoSummary]) -> None:
    path, _ = demo
    for table in synced_tables():
        columns = [r[1] for r in _rows(path, f"PRAGMA table_info({table})")]
        if "division_code" in columns and table != "division":
            orphans = _one(
                path,
                f"SELECT count(*) FROM {table} t LEFT JOIN division d ON d.code = t.division_code "
                "WHERE d.code IS NULL OR t.division_code NOT LIKE '430121%'",
            )
            assert orphans == 0, table
    assert (
        _one(
            path,
            "SELECT count(DISTINCT d.level) FROM special_family f JOIN division d ON d.code = f.division_code",
        )
        == 1
    )
    for child, column, parent in (
        ("family_member", "family_id", "special_family"),
        ("visit", "family_id", "special_family"),
        ("insurance_policy", "family_id", "special_family"),
        ("project_beneficiary", "family_id", "special_family"),
        ("visit_goods", "visit_id", "visit"),
        ("project_payment", "beneficiary_id", "project_beneficiary"),
        ("project_beneficiary", "project_id", "project"),
        ("person_role", "person_id", "person"),
        ("association_term", "association_id", "association"),
    ):
        missing = (
            # A blank reference is none (a project's implementing unit is on its list without a family).
            f"SELECT count(*) FROM {child} c LEFT JOIN {parent} p ON p.id = c.{column} "
            f"WHERE c.{column} IS NOT NULL AND p.id IS NULL"
        )
        assert _one(path, missing) == 0, (child, column)


def test_the_county_looks_like_a_real_one(demo: tuple[Path, DemoSummary]) -> None:
    path, _ = demo
    # 三个全覆盖 is partly done: some families lack each part.
    for column in ("contact_village_name", "doctor_name", "green_channel_hospital"):
        covered = _one(path, f"SELECT count(*) FROM special_family WHERE {column} IS NOT NULL")
        assert 0 < covered < 200, column
    categories = dict(_rows(path, "SELECT category, count(*) FROM special_family GROUP BY category"))
    assert categories["失独"] + categories["伤残"] > 140
    statuses = dict(_rows(path, "SELECT status, count(*) FROM special_family GROUP BY status"))
    assert statuses["在册"] > 150 and len(statuses) > 1
    sizes = {n for (n,) in _rows(path, "SELECT count(*) FROM family_member GROUP BY family_id")}
    assert sizes <= {1, 2, 3, 4} and len(sizes) > 2
    assert _one(path, "SELECT count(*) FROM family_member WHERE relation='子女' AND is_deceased=1") > 0
    # Family-health instructors: most villages have two, some fewer (the target is at least two).
    per_village = Counter(
        n
        for (n,) in _rows(
            path, "SELECT count(*) FROM person_role WHERE role='家庭健康指导员' GROUP BY division_code"
        )
    )
    villages = _one(path, "SELECT count(*) FROM division WHERE level='village'")
    assert per_village[2] > villages / 2 and sum(per_village.values()) < villages
    staff = {
        s for (s,) in _rows(path, "SELECT DISTINCT staff_kind FROM person_role WHERE staff_kind IS NOT NULL")
    }
    assert staff == {"在编", "兼职聘用", "村级兼职"}
    # Money is in fen, goods have lines, every paid project has a list.
    assert _one(path, "SELECT count(*) FROM visit WHERE cash_fen < 0 OR cash_fen % 100 != 0") == 0
    assert _one(path, "SELECT count(DISTINCT item) FROM visit_goods") >= 5
    assert _one(path, "SELECT count(DISTINCT status) FROM project") >= 4
    assert (
        _one(path, "SELECT count(*) FROM project_payment WHERE method='一卡通' AND bank_account IS NULL") == 0
    )
    assert _one(path, "SELECT max(visited_on) FROM visit") <= "2026-11-01"
    names = {str(n) for (n,) in _rows(path, "SELECT head_name FROM special_family")}
    assert len(names) > 150 and all(2 <= len(n) <= 3 for n in names)


def test_same_county_and_seed_give_the_same_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo_families, "CHUNK", 16)  # several chunks, made in a thread ahead of the writes
    generate_demo(tmp_path / "a.db", COUNTY, families=60, seed=9)
    generate_demo(tmp_path / "b.db", COUNTY, families=60, seed=9)
    generate_demo(tmp_path / "c.db", COUNTY, families=60, seed=10)
    generate_demo(tmp_path / "d.db", "430112000000", families=60, seed=9)
    families = "SELECT id, head_name, head_id_number, division_code FROM special_family ORDER BY rowid"
    members = "SELECT id, name, id_number, bank_account FROM family_member ORDER BY rowid"
    a = _rows(tmp_path / "a.db", families)
    assert a == _rows(tmp_path / "b.db", families)
    assert _rows(tmp_path / "a.db", members) == _rows(tmp_path / "b.db", members)
    assert a != _rows(tmp_path / "c.db", families)
    # Two counties made with the same seed share no ids: their bundles meet at the province.
    other = {r[0] for r in _rows(tmp_path / "d.db", families)}
    assert other and not other & {r[0] for r in a}


def test_cancel_rolls_back_and_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo_families, "CHUNK", 50)
    target = tmp_path / "cancelled.db"
    seen: list[int] = []
    with pytest.raises(Cancelled):
        generate_demo(
            target,
            COUNTY,
            families=500,
            seed=1,
            progress=lambda done, total: seen.append(done),
            cancelled=lambda: bool(seen),  # after the first chunk went in
        )
    assert seen == [50]
    assert list(tmp_path.iterdir()) == []


def test_existing_file_is_never_overwritten(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "mine.db"
    target.write_bytes(b"precious")
    assert main(["demo", str(target), "--families", "10"]) == 1
    assert target.read_bytes() == b"precious"
    assert "已存在" in capsys.readouterr().err


def test_sqlite_json_and_python_json_change_logs_are_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bulk path lets SQLite write the change-log JSON; the Python fallback must agree byte for byte."""
    from app.database import bulk

    generate_demo(tmp_path / "sql.db", COUNTY, families=40, seed=5)
    monkeypatch.setattr(bulk, "SQL_JSON_SINCE", (999, 0, 0))
    generate_demo(tmp_path / "py.db", COUNTY, families=40, seed=5)
    sql = "SELECT table_name, row_id, op, changes FROM change_log ORDER BY seq"
    assert _rows(tmp_path / "sql.db", sql) == _rows(tmp_path / "py.db", sql)


def test_a_failure_while_generating_ahead_reaches_the_caller(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo_families, "CHUNK", 10)
    real = demo_families.FamiliesPart._family
    made: list[int] = []

    def failing(self: demo_families.FamiliesPart, *args: Any) -> None:
        made.append(1)
        if len(made) == 25:  # in the third chunk, while the first two are being written
            raise RuntimeError("boom")
        real(self, *args)

    monkeypatch.setattr(demo_families.FamiliesPart, "_family", failing)
    with pytest.raises(RuntimeError, match="boom"):
        generate_demo(tmp_path / "failed.db", COUNTY, families=100, seed=1)
    assert list(tmp_path.iterdir()) == []


def test_the_demo_is_encrypted_and_signs_in_with_the_demo_account(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sqlalchemy import select

    from app.database.keyring import keyring_path
    from app.database.models import SpecialFamily
    from app.services.demo import DEMO_PASSWORD, DEMO_USERNAME, demo_account
    from app.services.system.accounts import sign_in

    target = tmp_path / "demo.db"
    assert main(["demo", str(target), "--families", "20", "--seed", "2"]) == 0
    assert DEMO_PASSWORD in capsys.readouterr().out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.db", keyring_path(target).name]
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(target).execute("SELECT head_name FROM special_family").fetchall()
    assert demo_account(target) == (DEMO_USERNAME, DEMO_PASSWORD)
    ws = sign_in(target, DEMO_USERNAME, DEMO_PASSWORD)
    try:
        assert ws.user is not None and ws.user.role.value == "系统管理员"
        with ws.db.read() as s:
            names = [n for (n,) in s.execute(select(SpecialFamily.head_name)).all()]
        assert len(names) == 20
    finally:
        ws.close()
    data = target.read_bytes()
    assert not any(name.encode() in data for name in names)


def test_a_real_installation_shows_no_demo_account(encrypted_path: Path) -> None:
    from app.services.demo import demo_account

    assert demo_account(encrypted_path) is None
