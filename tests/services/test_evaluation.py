"""The indicator sheet against figures counted by hand on a small county (evaluation_fixture)."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from app.domain.indicators import IndicatorError, check_definition
from app.services.evaluation import (
    default_definitions,
    division_values,
    indicator_sheet,
    indicator_sheet_json,
    records_behind,
    records_short,
)
from tests.conftest import COUNTY
from tests.services.evaluation_fixture import PERIOD, TODAY, build, place


@pytest.fixture
def county(workspace):  # type: ignore[no-untyped-def]
    with workspace.db.session() as s:
        p = place(s, COUNTY)
        expected = build(s, p)
    return workspace, p, expected


def _expected_value(code: str, num: int, den: int | None) -> float:
    d = next(d for d in default_definitions() if d.code == code)
    if den is None:
        return float(Fraction(num, 100)) if d.shows_yuan else float(num)
    exact = Fraction(num * d.scale, den) / (100 if d.shows_yuan else 1)
    return round(float(exact), 2)


def test_every_default_indicator_as_counted_by_hand(county) -> None:  # type: ignore[no-untyped-def]
    ws, _p, expected = county
    sheet = indicator_sheet(ws, COUNTY, PERIOD, today=TODAY)
    assert {v.code for v in sheet.values} == set(expected) == {d.code for d in default_definitions()}
    for v in sheet.values:
        num, den = expected[v.code]
        assert (v.code, v.numerator, v.denominator) == (v.code, num, den)
        assert v.value == _expected_value(v.code, num, den), v.code
    assert sheet.value("TSJT-LXR").value == 66.67
    assert sheet.value("TSJT-HJWW").value == 525.0  # (700 + 550) 元 ... over 2 households, in 元
    assert sheet.value("XM-YKT").value == 80.0
    assert sheet.period_label == "2026年上半年"


def test_targets_and_met(county) -> None:  # type: ignore[no-untyped-def]
    ws, _p, _expected = county
    sheet = indicator_sheet(ws, COUNTY, PERIOD, today=TODAY)
    lxr = sheet.value("TSJT-LXR")
    assert (lxr.target, lxr.met) == (100.0, False)
    assert sheet.value("HD-CC").target is None and sheet.value("HD-CC").met is None
    # Before 2023 the shipped set has no target for 三个全覆盖.
    old = indicator_sheet(ws, COUNTY, "2022", today=TODAY)
    assert old.value("TSJT-LXR").target is None


def test_shortfall_lists_the_records_to_work_through(county) -> None:  # type: ignore[no-untyped-def]
    ws, p, _expected = county
    short = records_short(ws, "TSJT-LXR", COUNTY, PERIOD, today=TODAY)
    assert [(r.table, r.division_code) for r in short] == [("special_family", p.v1)]  # f2 only
    assert short[0].family_id is not None
    villages = records_short(ws, "ZZ-JKZDY", COUNTY, PERIOD, today=TODAY)
    assert len(villages) == p.villages - 1 and p.v1 not in {r.division_code for r in villages}
    assert records_short(ws, "HD-CC", COUNTY, PERIOD, today=TODAY) == []


def test_records_behind_a_value_add_up_to_it(county) -> None:  # type: ignore[no-untyped-def]
    ws, _p, expected = county
    visits = records_behind(ws, "TSJT-HJWW", COUNTY, PERIOD, today=TODAY)
    assert len(visits) == 3 and sum(r.amount or 0 for r in visits) == expected["TSJT-HJWW"][0]
    assert all(r.day is not None for r in visits)
    paid = records_behind(ws, "XM-YSZX", COUNTY, PERIOD, today=TODAY)
    assert sum(r.amount or 0 for r in paid) == 350_000
    allocated = records_behind(ws, "XM-YSZX", COUNTY, PERIOD, part="denominator", today=TODAY)
    assert len(allocated) == 4  # the 2026 projects


def test_values_per_township_pool_to_the_county(county) -> None:  # type: ignore[no-untyped-def]
    ws, p, _expected = county
    rows = division_values(ws, "TSJT-LXR", COUNTY, PERIOD, today=TODAY)
    assert all(r.division_code[:6] == COUNTY[:6] and r.division_code.endswith("000") for r in rows)
    assert sum(r.numerator for r in rows) == 2 and sum(r.denominator or 0 for r in rows) == 3
    with_families = [r for r in rows if r.denominator]
    assert {r.division_code for r in with_families} == {p.v1[:9] + "000", p.v2[:9] + "000"}
    empty = [r for r in rows if not r.denominator]
    assert empty and all(r.value is None and r.met is None for r in empty)


def test_json_has_one_object_per_indicator(county) -> None:  # type: ignore[no-untyped-def]
    ws, _p, expected = county
    doc = json.loads(indicator_sheet_json(ws, COUNTY, PERIOD, today=TODAY))
    assert doc["period"] == PERIOD and doc["division_code"] == COUNTY
    by_code = {o["code"]: o for o in doc["indicators"]}
    assert set(by_code) == set(expected)
    assert {"value", "numerator", "denominator", "target", "met"} <= set(by_code["TSJT-LXR"])
    assert (by_code["TSJT-LXR"]["numerator"], by_code["TSJT-LXR"]["denominator"]) == (2, 3)
    assert by_code["TSJT-LXR"]["met"] is False


def _definition(**formula: object) -> dict[str, object]:
    return {"code": "T-1", "name": "测试指标", "module": "特殊家庭", "unit": "%", "formula": formula}


@pytest.mark.parametrize(
    ("formula", "says"),
    [
        (
            {
                "numerator": {"set": "在册特殊家庭", "count": True, "where": [["联系人电话", "是"]]},
                "denominator": {"set": "在册特殊家庭", "count": True},
            },
            "没有字段“联系人电话”",
        ),
        (
            {
                "numerator": {"set": "特殊人员", "count": True},
                "denominator": {"set": "在册特殊家庭", "count": True},
            },
            "记录集“特殊人员”不存在",
        ),
        (
            {
                "numerator": {"set": "在册特殊家庭", "count": True},
                "denominator": {"set": "项目", "sum": "下拨资金"},
            },
            "分母是金额合计",
        ),
        (
            {
                "numerator": {"set": "村居", "count": True, "where": [["家庭健康指导员数", ">=", "两"]]},
                "denominator": {"set": "村居", "count": True},
            },
            "应为整数",
        ),
        (
            {
                "numerator": {"set": "在册特殊家庭", "sum": "类别"},
                "denominator": {"set": "在册特殊家庭", "count": True},
            },
            "不能求和",
        ),
        (
            {
                "numerator": {"set": "项目", "count": True, "where": [["状态", "=", "完成"]]},
                "denominator": {"set": "项目", "count": True},
            },
            "没有取值“完成”",
        ),
        ({"numerator": "SELECT 1"}, "声明式"),
    ],
)
def test_checker_refuses_with_the_indicator_named(formula: dict[str, object], says: str) -> None:
    doc = (
        _definition(**formula)
        if "numerator" in formula and not isinstance(formula["numerator"], str)
        else {**_definition(), "formula": "SELECT 1"}
    )
    with pytest.raises(IndicatorError) as err:
        check_definition(doc)
    assert "测试指标" in err.value.message and says in err.value.message


def test_checked_definition_round_trips_through_the_stored_form() -> None:
    for d in default_definitions():
        stored = {
            "code": d.code,
            "name": d.name,
            "module": d.module,
            "unit": d.unit,
            "formula": d.formula_json(),
            "description": d.description,
        }
        assert check_definition(stored) == d


def test_every_named_set_and_field_has_its_sql() -> None:
    from app.domain.indicators import RECORD_SETS
    from app.services.evaluation.record_sets import SETS

    assert set(SETS) == set(RECORD_SETS)
    for name, spec in RECORD_SETS.items():
        assert set(SETS[name].fields) == set(spec.fields), name


def test_fpa_evaluation_sheet_prints_json_and_refuses_a_bad_period(
    county, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    from app.cli import main

    ws, _p, _expected = county
    assert main(["evaluation", "sheet", "--db", str(ws.path), "--period", "2025", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["period_label"] == "2025年" and len(doc["indicators"]) == 25
    assert main(["evaluation", "sheet", "--db", str(ws.path), "--period", "2026H3"]) == 1
    assert "看不懂时间段" in capsys.readouterr().err
    assert (
        main(
            ["evaluation", "sheet", "--db", str(ws.path), "--period", "2026H1", "--division", "430112000000"]
        )
        == 0
    )


def test_hardship_families_are_no_gap_of_three_coverages_on_the_home_page(workspace) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from app.database.models import SpecialFamily
    from app.domain.enums import FamilyCategory
    from app.domain.records.families import (
        MISSING_CONTACT,
        MISSING_GREEN_CHANNEL,
        MISSING_VISIT,
        FamilyFilter,
    )
    from app.services.families import list_family_ids
    from app.services.home.overview import overview

    with workspace.db.session() as s:
        bare = {"division_code": "430121001001", "head_name": "户主"}
        s.add(SpecialFamily(category=FamilyCategory.BEREAVED, **bare))
        s.add(SpecialFamily(category=FamilyCategory.HARDSHIP, **bare))
    today = date(2026, 12, 1)
    o = overview(workspace, today=today)
    assert (o.families, o.missing_contact, o.missing_doctor, o.missing_green_channel) == (2, 1, 1, 1)
    assert o.not_visited_half_year == 2  # a hardship family is still due for a visit
    # The families page lists exactly what the home page counts.
    assert len(list_family_ids(workspace, FamilyFilter(missing=MISSING_CONTACT), today=today)) == 1
    assert len(list_family_ids(workspace, FamilyFilter(missing=MISSING_GREEN_CHANNEL), today=today)) == 1
    assert len(list_family_ids(workspace, FamilyFilter(missing=MISSING_VISIT), today=today)) == 2


def test_fpa_report_indicators_gives_the_sheet_as_a_standard_table(
    county, capsys: pytest.CaptureFixture[str], tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    from app.cli import main

    ws, _p, _expected = county
    db = str(ws.path)
    ws.close()
    argv = ["report", "indicators", "--db", db, "--division", COUNTY[:6], "--period", "2025"]
    assert main([*argv, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["division_code"] == COUNTY and len(doc["indicators"]) == 25  # the 6-digit code normalised
    contact = next(o for o in doc["indicators"] if o["code"] == "TSJT-LXR")
    assert {"value", "numerator", "denominator", "target", "met"} <= set(contact)
    out = tmp_path / "指标表.xlsx"
    assert main([*argv, "--xlsx", str(out)]) == 0
    rows = [[c.value for c in r] for r in load_workbook(out).active.iter_rows()]
    header = next(r for r in rows if r and r[0] == "指标编码")
    assert header[1] == "指标" and "是否达标" in header
    line = next(r for r in rows if r and r[0] == "TSJT-LXR")
    assert line[header.index("分子")] == str(contact["numerator"])
    assert line[header.index("是否达标")] in ("达标", "未达标", "—")


@pytest.mark.parametrize(
    "formula",
    [
        {"numerator": {"set": [], "count": True}},
        {"numerator": {"set": "在册特殊家庭", "count": True, "where": [["status", ["="], 1]]}},
        {"numerator": {"set": {"a": 1}, "count": True}, "denominator": {"set": [], "count": True}},
    ],
)
def test_a_definition_with_values_of_the_wrong_type_is_refused_not_raised(formula: dict[str, object]) -> None:
    # found by the fuzzer: a list where a record set's name belongs raised TypeError
    with pytest.raises(IndicatorError, match="指标"):
        check_definition({"code": "T-2", "name": "类型错误", "module": "特殊家庭", "unit": "%", "formula": formula})
