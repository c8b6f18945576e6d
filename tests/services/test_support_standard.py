"""特别扶助 standards fill a family's monthly amount: per person × members receiving, by the nearest
region and the latest year not after today; a typed amount that differs is questioned; the roster
import fills it the same way."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from app.database.models import SpecialFamily, SupportStandard
from app.domain.enums import FamilyCategory
from app.domain.records.families import WarningsToConfirm
from app.services import families
from app.services.families.imports import FamilyImport
from app.services.families.support import support_standard_for
from app.services.shared.imports import run_import
from app.services.shared.workspace import Workspace
from tests.services.import_helpers import write_xlsx
from tests.services.test_families import HEAD_ID, SPOUSE_ID, TODAY, VILLAGE, family

COUNTY = "430121000000"


def standards(ws: Workspace, *rows: tuple[str, int, FamilyCategory, int | None, int]) -> None:
    with ws.db.session() as s:
        for division, year, category, grade, fen in rows:
            s.add(SupportStandard(division_code=division, year=year, category=category, disability_grade=grade, monthly_fen=fen))


def stored_amount(ws: Workspace) -> int | None:
    with ws.db.read() as s:
        return s.scalar(select(SpecialFamily.monthly_support_fen))


def both_receive() -> tuple:  # type: ignore[type-arg]
    return tuple(replace(m, receives_support=True) for m in family().members)


def test_blank_amount_filled_from_the_nearest_and_latest_standard(workspace: Workspace) -> None:
    standards(
        workspace,
        ("430000000000", 2026, FamilyCategory.BEREAVED, None, 50_000),  # the province's
        (COUNTY, 2025, FamilyCategory.BEREAVED, None, 60_000),
        (COUNTY, 2026, FamilyCategory.BEREAVED, None, 70_000),  # the county's, this year: wins
        (COUNTY, 2027, FamilyCategory.BEREAVED, None, 90_000),  # not yet in force
        (COUNTY, 2026, FamilyCategory.DISABLED, 2, 40_000),
    )
    assert support_standard_for(workspace, VILLAGE, FamilyCategory.BEREAVED, None, today=TODAY) == 70_000
    assert support_standard_for(workspace, VILLAGE, FamilyCategory.DISABLED, 3, today=TODAY) is None
    assert support_standard_for(workspace, VILLAGE, FamilyCategory.HARDSHIP, None, today=TODAY) is None
    families.save_family(workspace, family(members=both_receive()), today=TODAY)
    assert stored_amount(workspace) == 140_000  # 700 元 × 2 people


def test_a_typed_amount_that_differs_is_questioned_and_kept(workspace: Workspace) -> None:
    standards(workspace, (COUNTY, 2026, FamilyCategory.BEREAVED, None, 70_000))
    inp = family(members=both_receive(), monthly_support_fen=100_000)
    with pytest.raises(WarningsToConfirm) as raised:
        families.save_family(workspace, inp, today=TODAY)
    assert "每人 700.00 元 × 2 人 = 1,400.00 元" in raised.value.issues[0].message
    families.save_family(workspace, inp, accept_warnings=True, today=TODAY)
    assert stored_amount(workspace) == 100_000


def test_nobody_receiving_or_no_standard_leaves_it_blank(workspace: Workspace) -> None:
    families.save_family(workspace, family(), today=TODAY)
    assert stored_amount(workspace) is None


def test_roster_import_fills_the_standard_too(workspace: Workspace) -> None:
    standards(workspace, (COUNTY, 2026, FamilyCategory.BEREAVED, None, 70_000))
    path = write_xlsx(
        workspace.path.parent / "roster.xlsx",
        [
            ["村（社区）", "姓名", "与户主关系", "身份证号", "家庭类别", "享受特扶"],
            ["开元路社区", "张三", "本人", HEAD_ID, "失独", "是"],
            [None, "李四", "配偶", SPOUSE_ID, None, "否"],
        ],
    )
    result = run_import(workspace, FamilyImport(today=TODAY), path)
    assert result.summary.new == 2
    assert stored_amount(workspace) == 70_000  # one person receives it
