"""The province's sheet over two counties merged from real bundles: every count is the sum of the
counties' counts and every rate the pooled ratio, never the mean of the two rates."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from app.cli import main as fpa
from app.database.models import SpecialFamily
from app.domain.enums import FamilyCategory
from app.services.evaluation import (
    division_values,
    indicator_sheet,
    list_locks,
    lock_period,
    records_short,
    reporting,
)
from app.services.shared.workspace import open_workspace
from tests.services.evaluation_fixture import PERIOD, TODAY, build, place

PROVINCE, COUNTY_A, COUNTY_B = "430000000000", "430121000000", "430112000000"


@dataclass(frozen=True)
class Merged:
    root: Path
    province: Path
    a: Path
    b: Path
    package: Path
    province_key: Path
    bundles: list[Path]


def _key_id(identity: Path) -> str:
    return str(json.loads((identity / "identity.json").read_text(encoding="utf-8"))["key_id"])


def _fill(path: Path, county: str, extra_bare_families: int) -> None:
    ws = open_workspace(path)
    try:
        with ws.db.session() as s:
            p = place(s, county)
            build(s, p)
            for _ in range(extra_bare_families):  # B has more families without contacts: rates differ
                s.add(SpecialFamily(division_code=p.v2, category=FamilyCategory.DISABLED, head_name="户主"))
    finally:
        ws.close()


@pytest.fixture(scope="module")
def merged(tmp_path_factory: pytest.TempPathFactory) -> Merged:
    root = tmp_path_factory.mktemp("province")
    keys = {n: root / f"{n}-key" for n in ("province", "a", "b")}
    for name, folder in keys.items():
        assert fpa(["keys", "new", "--out", str(folder), "--name", f"{name}计生协"]) == 0
    province, a, b = root / "province.db", root / "a.db", root / "b.db"
    assert fpa(["init", str(province), "--division", PROVINCE]) == 0
    assert fpa(["init", str(a), "--division", COUNTY_A]) == 0
    assert fpa(["init", str(b), "--division", COUNTY_B]) == 0
    package = root / "setup.fpas"
    argv = [
        "setup",
        "export",
        "--identity",
        str(keys["province"]),
        "--out",
        str(package),
        "--division",
        PROVINCE,
    ]
    assert fpa([*argv, "--signers", f"{keys['a']}={COUNTY_A}", f"{keys['b']}={COUNTY_B}"]) == 0
    for db in (province, a, b):
        assert (
            fpa(["setup", "import", str(package), "--db", str(db), "--trust", _key_id(keys["province"])]) == 0
        )
    _fill(a, COUNTY_A, 0)
    ws = open_workspace(a)
    try:
        lock_period(ws, PERIOD, COUNTY_A)  # county A has checked and closed the half-year
    finally:
        ws.close()
    _fill(b, COUNTY_B, 3)
    bundles = []
    for name, db in (("a", a), ("b", b)):
        out = root / f"out-{name}"
        assert fpa(["sync", "export", "--db", str(db), "--identity", str(keys[name]), "--out", str(out)]) == 0
        bundles += sorted(out.iterdir())
    assert (
        fpa(
            [
                "sync",
                "merge",
                "--into",
                str(province),
                "--identity",
                str(keys["province"]),
                *map(str, bundles),
            ]
        )
        == 0
    )
    return Merged(root, province, a, b, package, keys["province"], bundles)


def _sheet(path: Path | str, code: str):  # type: ignore[no-untyped-def]
    ws = open_workspace(path)
    try:
        return indicator_sheet(ws, code, PERIOD, today=TODAY)
    finally:
        ws.close()


def _figures(sheet):  # type: ignore[no-untyped-def]
    return {v.code: (v.numerator, v.denominator, v.value) for v in sheet.values}


def test_each_county_seen_at_the_province_is_its_own_sheet(merged: Merged) -> None:
    for path, code in ((merged.a, COUNTY_A), (merged.b, COUNTY_B)):
        assert _figures(_sheet(merged.province, code)) == _figures(_sheet(path, code))


def test_province_is_the_sum_and_the_pooled_ratio_of_its_counties(merged: Merged) -> None:
    a, b = _sheet(merged.a, COUNTY_A), _sheet(merged.b, COUNTY_B)
    province = _sheet(merged.province, PROVINCE)
    villages = {"ZZ-JHL", "ZZ-HYZJ", "ZZ-JKZDY", "ZZ-JKZDY1"}  # the province counts all its villages
    for pv in province.values:
        av, bv = a.value(pv.code), b.value(pv.code)
        assert pv.numerator == av.numerator + bv.numerator, pv.code
        if pv.denominator is None or pv.code in villages:
            continue
        assert pv.denominator == (av.denominator or 0) + (bv.denominator or 0), pv.code
        if pv.denominator:
            # 户均慰问额: fen per household, in 元; per 10 000 residents: times 10 000
            scale, fen = (100, 1) if pv.unit == "%" else (10_000, 1) if pv.unit.endswith("/万人") else (1, 100)
            pooled = Fraction(pv.numerator * scale, pv.denominator * fen)
            assert pv.value == round(float(pooled), 2), pv.code
    lxr_a, lxr_b, lxr = a.value("TSJT-LXR"), b.value("TSJT-LXR"), province.value("TSJT-LXR")
    assert (lxr_a.numerator, lxr_a.denominator, lxr_b.numerator, lxr_b.denominator) == (2, 3, 2, 6)
    assert lxr.value == round(float(Fraction(400, 9)), 2)  # 4 of 9 families: 44.44 %
    assert lxr.value != round(((lxr_a.value or 0) + (lxr_b.value or 0)) / 2, 2)  # not (66.67 + 33.33) / 2


def test_the_province_lists_its_cities_and_a_city_its_counties(merged: Merged) -> None:
    ws = open_workspace(merged.province)
    try:
        cities = division_values(ws, "TSJT-LXR", PROVINCE, PERIOD, today=TODAY)
        changsha = next(c for c in cities if c.division_code == "430100000000")
        assert (changsha.numerator, changsha.denominator) == (4, 9)
        counties = {
            c.division_code: c for c in division_values(ws, "TSJT-LXR", "430100000000", PERIOD, today=TODAY)
        }
        assert (counties[COUNTY_A].numerator, counties[COUNTY_A].denominator) == (2, 3)
        assert (counties[COUNTY_B].numerator, counties[COUNTY_B].denominator) == (2, 6)
    finally:
        ws.close()


def test_the_province_sees_who_has_reported_and_who_has_locked(merged: Merged) -> None:
    ws = open_workspace(merged.province)
    try:
        rows = {r.division_code: r for r in reporting(ws, PERIOD, PROVINCE)}
        assert len(rows) > 100  # every county of the province, reported or not
        a, b = rows[COUNTY_A], rows[COUNTY_B]
        assert (a.status, a.bundles, a.locked, a.missing_bundles) == ("已报送", 1, True, 0)
        assert (b.status, b.bundles, b.locked) == ("已报送", 1, False)
        assert a.last_written is not None and a.last_merged is not None
        others = [r for code, r in rows.items() if code not in (COUNTY_A, COUNTY_B)]
        assert {r.status for r in others} == {"未报送"} and not any(r.locked for r in others)
        assert [(r.division_code, r.period_code, r.active) for r in list_locks(ws, PROVINCE)] == [
            (COUNTY_A, PERIOD, True)
        ]
        # Next year's first half has not been reported by anyone yet.
        assert {r.status for r in reporting(ws, "2027H1", PROVINCE)} == {"未报送"}
    finally:
        ws.close()


PG_URL = os.environ.get("FPA_TEST_PG_URL")


@pytest.fixture
def pg_database() -> Iterator[str]:
    if not PG_URL:
        pytest.skip("FPA_TEST_PG_URL is not set: no PostgreSQL test server (scripts/test.sh starts one)")
    name = f"fpa_eval_{uuid.uuid4().hex[:12]}"
    server = make_url(PG_URL).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
def test_postgresql_gives_the_same_sheet_as_sqlite(merged: Merged, pg_database: str) -> None:
    assert fpa(["init", pg_database, "--division", PROVINCE]) == 0
    trust = _key_id(merged.province_key)
    assert fpa(["setup", "import", str(merged.package), "--db", pg_database, "--trust", trust]) == 0
    files = [str(f) for f in reversed(merged.bundles)]  # and in the other order
    assert fpa(["sync", "merge", "--into", pg_database, "--identity", str(merged.province_key), *files]) == 0
    for code in (PROVINCE, "430100000000", COUNTY_A, COUNTY_B):
        lite, pg = _sheet(merged.province, code), _sheet(pg_database, code)
        assert pg.values == lite.values, code
    lite_ws, pg_ws = open_workspace(merged.province), open_workspace(pg_database)
    try:
        for indicator in ("TSJT-LXR", "ZZ-JKZDY", "XM-YKT", "TSJT-HJWW"):
            assert division_values(pg_ws, indicator, PROVINCE, PERIOD, today=TODAY) == division_values(
                lite_ws, indicator, PROVINCE, PERIOD, today=TODAY
            )
        short = {r.record_id for r in records_short(pg_ws, "TSJT-LXR", PROVINCE, PERIOD, today=TODAY)}
        assert short == {
            r.record_id for r in records_short(lite_ws, "TSJT-LXR", PROVINCE, PERIOD, today=TODAY)
        }
        assert len(short) == 5
    finally:
        lite_ws.close()
        pg_ws.close()


def test_every_countys_sheet_at_once_equals_each_sheet(merged: Merged) -> None:
    from app.domain.enums import DivisionLevel
    from app.services.evaluation import indicator_sheets_below

    ws = open_workspace(merged.province)
    try:
        sheets = {
            s.division_code: s
            for s in indicator_sheets_below(ws, PROVINCE, PERIOD, DivisionLevel.COUNTY, today=TODAY)
        }
    finally:
        ws.close()
    assert len(sheets) > 100
    for code in (COUNTY_A, COUNTY_B, "430181000000"):
        assert sheets[code].values == _sheet(merged.province, code).values, code
