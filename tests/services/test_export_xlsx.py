"""Any list to .xlsx: the workbook opens in openpyxl with the headers, values and types written."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.domain.errors import Cancelled, UserInputError
from app.paths import temp_dir
from app.services.shared.export_xlsx import export_rows, sheet_title


def test_rows_arrive_with_their_types(tmp_path: Path) -> None:
    target = tmp_path / "families.xlsx"
    rows = [
        ["张三", "430121********1234", date(2026, 5, 29), Decimal("1234.50"), 3, None],
        ['=HYPERLINK("x")', "-", date(2025, 1, 20), Decimal("0.00"), 0, "备注\x07"],
    ]
    reported: list[tuple[int, int]] = []
    count = export_rows(
        target,
        "特殊家庭",
        ["户主", "身份证号", "走访日期", "慰问金(元)", "成员", "备注"],
        iter(rows),
        progress=lambda done, total: reported.append((done, total)),
        total=2,
    )
    assert count == 2 and reported[-1] == (2, 2)
    book = load_workbook(target)
    sheet = book["特殊家庭"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == ("户主", "身份证号", "走访日期", "慰问金(元)", "成员", "备注")
    assert values[1][0] == "张三" and values[1][2].date() == date(2026, 5, 29)
    assert values[1][3] == 1234.5 and values[1][4] == 3 and values[1][5] is None
    assert sheet.cell(2, 3).number_format == "yyyy-mm-dd"
    assert sheet.cell(2, 4).number_format == "#,##0.00"
    # A name typed as a formula stays text: nothing runs when the clerk opens the file.
    assert values[2][0] == '\'=HYPERLINK("x")' and values[2][1] == "-"
    assert values[2][5] == "备注"  # a control character would make the file unreadable
    assert sheet.freeze_panes == "A2"


def test_cancel_leaves_no_file_and_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "big.xlsx"
    target.parent.mkdir()
    flag = {"stop": False}

    def rows() -> Iterator[list[int]]:
        for i in range(10_000):
            if i == 500:
                flag["stop"] = True
            yield [i]

    with pytest.raises(Cancelled):
        export_rows(target, "x", ["n"], rows(), cancelled=lambda: flag["stop"])
    assert list(target.parent.iterdir()) == []
    assert list(temp_dir().iterdir()) == []  # its spool folder is gone too


ID_NUMBER = "430121195001011234"  # made up: the shape of an ID number, nobody's


def test_the_rows_never_spool_to_the_shared_temp_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """openpyxl would spool the sheet as plain XML to TMPDIR; a kill would leave it there."""
    shared = tmp_path / "shared-tmp"
    shared.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(shared))
    monkeypatch.setenv("TMPDIR", str(shared))
    seen: list[Path] = []
    spooled_text: list[str] = []

    def rows() -> Iterator[list[str]]:
        for i in range(3000):
            if i == 2000:  # mid-export: where is the spool, and who may read it?
                seen.extend(p for p in temp_dir().rglob("*") if p.is_file() and p.name != ".lock")
                if os.name == "posix":
                    assert stat.S_IMODE(seen[0].parent.stat().st_mode) == 0o700
                spooled_text.extend(p.read_text(encoding="utf-8") for p in seen)
                assert list(shared.iterdir()) == []
            yield [ID_NUMBER, str(i)]

    target = tmp_path / "out.xlsx"
    assert export_rows(target, "名单", ["身份证号", "n"], rows()) == 3000
    assert list(shared.iterdir()) == []
    assert len(seen) == 1 and ID_NUMBER in spooled_text[0]  # the spool was there, in our folder
    assert not seen[0].exists() and list(temp_dir().iterdir()) == []
    assert load_workbook(target).active.cell(2, 1).value == ID_NUMBER


def test_a_killed_exports_spool_folder_is_removed_at_the_next_start_or_export(tmp_path: Path) -> None:
    from app.cli import main
    from app.services.shared.spool import private_folder, remove_leftovers

    def leftover() -> Path:
        folder = temp_dir() / "spool-abc123"
        folder.mkdir(parents=True)
        (folder / "sheet.xml").write_text(f"<c><v>{ID_NUMBER}</v></c>", encoding="utf-8")
        return folder

    folder = leftover()
    export_rows(tmp_path / "a.xlsx", "a", ["n"], iter([[1]]))
    assert not folder.exists()
    folder = leftover()
    assert remove_leftovers() == 1 and not folder.exists()
    folder = leftover()
    main([])  # any start of fpa (here: no command, the help)
    assert not folder.exists()
    with private_folder() as live:  # an export running now is left alone
        assert remove_leftovers() == 0 and live.exists()


def test_an_existing_file_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "list"  # no suffix: .xlsx is added
    export_rows(target, "a", ["n"], iter([[1], [2]]))
    export_rows(target, "a", ["n"], iter([[3]]))
    values = list(load_workbook(tmp_path / "list.xlsx").active.iter_rows(values_only=True))
    assert values == [("n",), (3,)]


def test_unwritable_target_is_a_clear_chinese_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(UserInputError, match="无法写入"):
        export_rows(blocker / "sub" / "out.xlsx", "a", ["n"], iter([[1]]))


def test_sheet_titles_follow_excel_rules() -> None:
    assert sheet_title("走访/慰问[2026]") == "走访_慰问_2026_"
    assert len(sheet_title("长" * 40)) == 31
    assert sheet_title("''") == "Sheet1"
