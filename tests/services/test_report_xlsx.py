"""The standard tables written to xlsx and re-read with openpyxl, masked by role; `fpa report`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.cli import main
from app.database.models import Project, ProjectBeneficiary, ProjectPayment, SpecialFamily, Visit, VisitGoods
from app.domain.enums import AdminLevel, FamilyCategory, PaymentMethod, UserRole, VisitOccasion, VisitWay
from app.domain.records.accounts import SignedInUser
from app.services import analysis
from app.services.shared.audit import list_entries
from app.services.shared.workspace import Workspace

COUNTY, A, A1 = "430121000000", "430121001000", "430121001001"
ID = "430121195001011234"
BANK = "6217990000005678"


@pytest.fixture
def county(workspace: Workspace) -> Workspace:
    with workspace.db.session() as s:
        family = SpecialFamily(
            division_code=A1,
            category=FamilyCategory.BEREAVED,
            head_name="甲",
            head_id_number=ID,
            registered_on=date(2020, 1, 1),
        )
        s.add(family)
        s.flush()
        visit = Visit(
            family_id=family.id,
            division_code=A1,
            visited_on=date(2026, 5, 29),
            occasion=VisitOccasion.MAY_29,
            way=VisitWay.HOME,
            visitors="=HYPERLINK(1)",
            cash_fen=50_000,
        )
        s.add(visit)
        s.flush()
        s.add(VisitGoods(visit_id=visit.id, item="油", value_fen=12_345))
        project = Project(
            catalogue_code="SJH",
            name="三结合",
            year=2026,
            level=AdminLevel.PROVINCIAL,
            division_code=COUNTY,
            allocated_fen=100_000,
        )
        s.add(project)
        s.flush()
        ben = ProjectBeneficiary(project_id=project.id, name="甲", id_number=ID, division_code=A1)
        s.add(ben)
        s.flush()
        s.add(
            ProjectPayment(
                project_id=project.id,
                beneficiary_id=ben.id,
                paid_on=date(2026, 3, 1),
                amount_fen=80_000,
                method=PaymentMethod.ONE_CARD,
                bank_account=BANK,
            )
        )
    return workspace


def _values(path: Path) -> list[tuple[object, ...]]:
    return [tuple(r) for r in load_workbook(path).active.iter_rows(values_only=True)]


def test_the_ledger_in_xlsx_has_title_headers_totals_and_print_set_up(
    county: Workspace, tmp_path: Path
) -> None:
    table = analysis.build_report(county, "visits", COUNTY, "2026H1")
    written = analysis.export_report(county, table, tmp_path / "台账")
    assert written.name == "台账.xlsx" and not list(tmp_path.glob("*.partial*"))
    book = load_workbook(written)
    sheet = book.active
    assert sheet.title == "走访慰问台账"
    assert sheet["A1"].value == "走访慰问台账"
    assert "长沙县计生协" in sheet["A2"].value and "2026年上半年" in sheet["A2"].value
    assert "430121000000" in sheet["A3"].value
    headers = [c.value for c in sheet[4]]
    assert headers[:4] == ["序号", "乡镇(街道)", "村(居)", "户主"] and "慰问金(元)" in headers
    data = [c.value for c in sheet[5]]
    assert data[headers.index("户主身份证号")] == ID  # no sign-in: full numbers
    assert (
        data[headers.index("慰问金(元)")] == 500
        and sheet.cell(row=5, column=headers.index("慰问金(元)") + 1).number_format == "#,##0.00"
    )
    assert data[headers.index("走访人员")] == "'=HYPERLINK(1)"  # text, never a formula
    totals = [c.value for c in sheet[6]]
    assert totals[0] == "合计" and totals[1] == "1 户" and float(totals[headers.index("合计(元)")]) == 623.45
    assert sheet[6][0].font.b
    assert str(sheet[7][0].value).startswith("注：本期共走访慰问 1 户")
    assert sheet.print_title_rows == "$4:$4"
    assert str(sheet.page_setup.paperSize) == "9" and sheet.page_setup.orientation == "landscape"
    assert sheet.column_dimensions["E"].width == 21
    assert list_entries(county)[0].action == "export"


def test_masked_for_a_clerk_full_for_a_county_administrator(county: Workspace, tmp_path: Path) -> None:
    county.user = SignedInUser("luru", "录入员", UserRole.TOWNSHIP_CLERK, A)
    for name, columns in (("visits", ("户主身份证号",)), ("payments", ("身份证号", "银行账号"))):
        path = analysis.export_report(
            county, analysis.build_report(county, name, None, "2026H1"), tmp_path / f"{name}-clerk.xlsx"
        )
        rows = _values(path)
        headers = list(rows[3])
        for column in columns:
            value = str(rows[4][headers.index(column)])
            assert "*" in value and value not in (ID, BANK)
    assert "5678" in str(rows[4][headers.index("银行账号")])
    county.user = SignedInUser("xianji", "县管理员", UserRole.COUNTY_ADMIN, COUNTY)
    path = analysis.export_report(
        county, analysis.build_report(county, "payments", None, "2026H1"), tmp_path / "admin.xlsx"
    )
    rows = _values(path)
    headers = list(rows[3])
    assert rows[4][headers.index("身份证号")] == ID and rows[4][headers.index("银行账号")] == BANK


def test_read_only_may_export_but_a_table_of_townships_carries_a_native_chart(
    county: Workspace, tmp_path: Path
) -> None:
    county.user = SignedInUser("chakan", "查看", UserRole.READ_ONLY, COUNTY)
    table = analysis.build_report(county, "special-families", None, "2026H1")
    path = analysis.export_report(county, table, tmp_path / "帮扶.xlsx")
    sheet = load_workbook(path).active
    assert len(sheet._charts) == 1  # openpyxl reads charts back into the sheet
    rows = _values(path)
    assert rows[3][0] == "区划" and rows[4][0] == "星沙街道"
    total_row = 4 + len(table.rows)
    assert rows[total_row][0] == "合计" and rows[total_row][1] == 1
    assert (
        sheet.cell(row=total_row + 1, column=table.column_index("contacts_rate") + 1).number_format == "0.0%"
    )


def test_an_unwritable_target_is_refused_in_chinese(county: Workspace, tmp_path: Path) -> None:
    (tmp_path / "blocked").write_text("not a folder")
    table = analysis.build_report(county, "visits", COUNTY, "2026H1")
    from app.domain.errors import UserInputError

    with pytest.raises(UserInputError, match="无法写入文件"):
        analysis.export_report(county, table, tmp_path / "blocked" / "x.xlsx")


def test_fpa_report_json_and_xlsx(
    county: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(county.path)
    county.close()
    assert (
        main(["report", "visits", "--db", db, "--division", "430121", "--period", "2026上半年", "--json"])
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["table"] == "visits" and out["period"] == "2026H1" and out["division"] == COUNTY
    assert out["totals"]["total"] == "623.45" and out["rows"][0]["head_id"] == ID
    target = tmp_path / "付款.xlsx"
    assert main(["report", "项目资金发放明细", "--db", db, "--period", "2026", "--xlsx", str(target)]) == 0
    printed = capsys.readouterr().out
    assert "项目资金发放明细" in printed and "800.00" in printed and target.exists()
    assert main(["report", "visits", "--db", db, "--period", "2026H3"]) == 1
    assert "时间段" in capsys.readouterr().err
