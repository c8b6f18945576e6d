"""Indicator definitions brought by a setup package: checked on import, then evaluated from the
database (a county's own definition replaces the shipped one of the same code)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.database.models import IndicatorDefinition
from app.domain.errors import BadFileError
from app.paths import resource
from app.services import sync
from app.services.evaluation import indicator_sheet
from app.services.shared.workspace import Workspace
from tests.conftest import COUNTY
from tests.services.evaluation_fixture import PERIOD, TODAY, build, place


def _package(tmp_path: Path, indicators: list[dict[str, object]]) -> tuple[Path, str]:
    keys = tmp_path / "province-keys"
    sync.new_identity(keys, "省计生协", None)
    file = tmp_path / "indicators.json"
    file.write_text(json.dumps(indicators, ensure_ascii=False), encoding="utf-8")
    package = sync.export_setup(
        keys, None, tmp_path / "setup.fpas", role="province", division="430000000000", indicators=file
    )
    return package, sync.show_identity(keys).key_id


def test_shipped_definitions_travel_and_a_changed_target_is_used(
    workspace: Workspace, tmp_path: Path
) -> None:
    shipped = json.loads(resource("setup", "indicators.json").read_text(encoding="utf-8"))
    for d in shipped:
        if d["code"] == "TSJT-LXR":
            d["targets"] = [{"year": 2026, "value": 60}]
    package, key_id = _package(tmp_path, shipped)
    result = sync.import_setup(workspace, package, trust=key_id)
    assert result.indicators == len(shipped)
    with workspace.db.session() as s:
        build(s, place(s, COUNTY))
    lxr = indicator_sheet(workspace, COUNTY, PERIOD, today=TODAY).value("TSJT-LXR")
    assert (lxr.value, lxr.target, lxr.met) == (66.67, 60.0, True)


def test_an_unknown_field_refuses_the_package_and_changes_nothing(
    workspace: Workspace, tmp_path: Path
) -> None:
    bad = {
        "code": "X-1",
        "name": "乱写的指标",
        "module": "特殊家庭",
        "unit": "%",
        "formula": {
            "numerator": {"set": "在册特殊家庭", "count": True, "where": [["身份证号", "是"]]},
            "denominator": {"set": "在册特殊家庭", "count": True},
        },
    }
    package, key_id = _package(tmp_path, [bad])
    with pytest.raises(BadFileError) as err:
        sync.import_setup(workspace, package, trust=key_id)
    assert "乱写的指标" in err.value.message and "身份证号" in err.value.message
    assert "数据库未做任何修改" in err.value.message
    with workspace.db.read() as s:
        assert s.scalar(select(func.count()).select_from(IndicatorDefinition)) == 0
