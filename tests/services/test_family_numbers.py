"""档案编号 by the county's rule: a new family left blank is numbered, duplicates are refused, the
rule is the county's to set and travels to the townships in the setup package."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from app.domain.enums import FamilyCategory, MemberRelation, NodeRole, UserRole
from app.domain.errors import UserInputError, ValidationFailed
from app.domain.family_numbers import DEFAULT_RULE, parse_rule, rule_problem
from app.domain.idcard import check_digit
from app.domain.records.accounts import SignedInUser
from app.domain.records.families import FamilyInput, MemberInput
from app.services import families, sync
from app.services.families import numbering
from app.services.shared.workspace import Workspace, open_workspace
from app.services.system.setup import init_database

TODAY = date(2026, 11, 23)
XINGSHA = "430121001001"  # a village of 星沙街道
QUANTANG = "430121002001"  # a village of 泉塘街道


def head_id(order: int) -> str:
    first17 = f"43012119560310{order:03d}"
    return first17 + check_digit(first17)


def family(order: int, village: str = XINGSHA, **changes: object) -> FamilyInput:
    base = FamilyInput(
        division_code=village,
        category=FamilyCategory.BEREAVED,
        members=(MemberInput(f"户主{order}", MemberRelation.SELF, head_id(order)),),
        registered_on=date(2026, 3, 1),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def number_of(ws: Workspace, family_id: str) -> str:
    return families.family_detail(ws, family_id).family_no


def test_the_default_rule_numbers_by_township_and_year() -> None:
    rule = parse_rule(DEFAULT_RULE)
    assert rule.number(XINGSHA, 2026, 1) == "430121001-2026-0001"
    assert rule.sequence_of("430121001-2026-0042", XINGSHA, 2026) == 42
    assert rule.sequence_of("430121002-2026-0042", XINGSHA, 2026) is None  # another township's
    assert parse_rule("CS{village}{seq:3}").number(XINGSHA, 2026, 7) == "CS430121001001007"


@pytest.mark.parametrize(
    ("rule", "says"),
    [
        ("", "请填写"),
        ("{township}-{year}", "流水号"),
        ("{township}{seq}{seq}", "流水号"),
        ("{county}-{year}-{seq:4}", "乡镇"),  # every township counting alone would clash
        ("{township}-{month}-{seq}", "{month}"),
        ("{township} {seq}", "只能有"),
        ("{village}-{village}-{seq:8}", "30"),
        ("{township}{seq:9}", "1–8"),
    ],
)
def test_a_bad_rule_is_refused_in_chinese(rule: str, says: str) -> None:
    problem = rule_problem(rule)
    assert problem is not None and says in problem, problem


def test_a_blank_number_is_given_the_next_one_and_a_taken_one_is_refused(workspace: Workspace) -> None:
    first = families.save_family(workspace, family(1), today=TODAY)
    second = families.save_family(workspace, family(2), today=TODAY)
    other = families.save_family(workspace, family(3, QUANTANG), today=TODAY)
    typed = families.save_family(workspace, family(4, family_no="430121001-2026-0010"), today=TODAY)
    after = families.save_family(workspace, family(5), today=TODAY)
    assert [number_of(workspace, f) for f in (first, second, other, typed, after)] == [
        "430121001-2026-0001",
        "430121001-2026-0002",
        "430121002-2026-0001",  # each township counts its own
        "430121001-2026-0010",  # typed by the clerk: kept
        "430121001-2026-0011",  # one past the highest given
    ]
    with pytest.raises(ValidationFailed) as refused:
        families.save_family(workspace, family(6, family_no="430121001-2026-0002"), today=TODAY)
    assert any(i.field == "family_no" and "已被另一户使用" in i.message for i in refused.value.issues)
    # Editing a family with the number left blank keeps its number.
    detail = families.family_detail(workspace, first)
    families.save_family(workspace, family(1, id=first, members=tuple(
        MemberInput(m.name, m.relation, m.id_number, id=m.id) for m in detail.members
    )), today=TODAY)  # fmt: skip
    assert number_of(workspace, first) == "430121001-2026-0001"


def test_the_county_sets_the_rule_and_a_township_may_not(workspace: Workspace, tmp_path: Path) -> None:
    assert numbering.family_no_rule(workspace) == DEFAULT_RULE
    with pytest.raises(UserInputError, match="未保存"):
        numbering.set_family_no_rule(workspace, "{county}{seq}")
    assert numbering.family_no_rule(workspace) == DEFAULT_RULE  # nothing written
    assert (
        numbering.set_family_no_rule(workspace, " CS{township}{year}{seq:3} ") == "CS{township}{year}{seq:3}"
    )
    fid = families.save_family(workspace, family(1), today=TODAY)
    assert number_of(workspace, fid) == "CS4301210012026001"

    workspace.user = SignedInUser("luru", "录入员", UserRole.TOWNSHIP_CLERK, "430121001000")
    with pytest.raises(UserInputError):
        numbering.set_family_no_rule(workspace, DEFAULT_RULE)
    station_db = tmp_path / "station.db"
    init_database(station_db, "430121000000", NodeRole.STATION).dispose()
    station = open_workspace(station_db)
    assert not numbering.may_set_rule(station)
    with pytest.raises(UserInputError, match="县级"):
        numbering.set_family_no_rule(station, DEFAULT_RULE)
    station.close()


def test_the_setup_package_carries_the_rule_to_the_township(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.paths import identity_dir

    homes = {n: tmp_path / f"{n}-home" for n in ("province", "county", "station")}
    pubs = {}
    for name in homes:
        monkeypatch.setenv("FPA_HOME", str(homes[name]))
        pubs[name] = sync.new_identity(identity_dir(), name, None)
    county_db, station_db = tmp_path / "county.db", tmp_path / "station.db"
    init_database(county_db, "430121000000").dispose()
    init_database(station_db, "430121000000", NodeRole.STATION).dispose()
    monkeypatch.setenv("FPA_HOME", str(homes["province"]))
    package = sync.export_setup(
        identity_dir(), None, tmp_path / "province.fpas", division="430000",
        signers=[(homes["county"] / "identity", "430121")],
    )  # fmt: skip
    county = open_workspace(county_db)
    sync.import_setup(county, package, trust=pubs["province"].key_id)
    assert numbering.family_no_rule(county) == DEFAULT_RULE  # the province set none: left alone
    numbering.set_family_no_rule(county, "CS{village}-{seq:3}")

    monkeypatch.setenv("FPA_HOME", str(homes["county"]))
    issued = sync.issue_setup(
        county, identity_dir(), None, homes["station"] / "identity", "430121001000", tmp_path / "usb"
    )
    county.close()
    station = open_workspace(station_db)
    monkeypatch.setenv("FPA_HOME", str(homes["station"]))
    sync.import_setup(station, Path(issued.path), trust=pubs["county"].key_id)
    assert numbering.family_no_rule(station) == "CS{village}-{seq:3}"
    fid = families.save_family(station, family(1), today=TODAY)
    assert number_of(station, fid) == "CS430121001001-001"
    station.close()
