"""The import engine on messy rosters made here: formats, header finding, mapping, cleaning."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.domain.errors import UserInputError
from app.services.shared.imports import CellKind, FieldSpec, ImportKindBase, ImportOptions, read_table
from app.services.shared.imports.cells import CellError, as_date, as_id_number, as_money_fen, as_name, as_text
from app.services.shared.imports.mappings import mapping_from_file, remember_mapping, remembered_mapping
from tests.services.import_helpers import write_csv, write_ods, write_xls, write_xlsx

ID_A = "430121198005030012"  # checksums valid for the region of 长沙县
ID_B = "43012119750812002X"


class People(ImportKindBase):
    name = "people"
    label = "测试人员"
    fields = (
        FieldSpec("name", "姓名", CellKind.NAME, ("户主姓名", "户主"), required=True),
        FieldSpec("id_number", "身份证号", CellKind.ID_NUMBER, ("身份证号码", "公民身份号码", "证件号码")),
        FieldSpec("birth", "出生日期", CellKind.DATE, ("出生年月日",)),
        FieldSpec("phone", "联系电话", CellKind.PHONE, ("电话", "手机")),
        FieldSpec("amount", "金额", CellKind.MONEY, ("金额（元）", "补助金额")),
        FieldSpec("grade", "伤残等级", CellKind.INTEGER),
        FieldSpec("member", "是否会员", CellKind.BOOL),
        FieldSpec("category", "家庭类别", CellKind.CHOICE, choices={"独生子女死亡": "失独", "失独": "失独", "伤残": "伤残"}),
        FieldSpec("code", "档案编号", CellKind.CODE, ("编号",)),
        FieldSpec("village", "村（社区）", CellKind.TEXT, ("村", "所在村")),
    )


KIND = People()
TITLE = ["2026年长沙县计生特殊家庭花名册"]
UNIT = ["填报单位：福高村", None, None, "填报日期：2026年11月"]


def test_cleaners_on_what_people_type() -> None:
    assert as_id_number("４３０１２１１９８００５０３００１２") == ID_A
    assert as_id_number(" 43012119750812002x\u00a0") == ID_B
    assert as_id_number(430121750812002) == "430121750812002"  # 15 digits survive as a number
    with pytest.raises(CellError, match="15 位有效数字"):
        as_id_number(4.30121198005030e17)
    with pytest.raises(CellError, match="后几位已经丢失"):
        as_id_number("4.30121E+17")
    assert as_name("张\u3000 三 ") == "张三"
    assert as_name("Mary Smith") == "Mary Smith"
    assert as_text("　福高村\u00a0\u00a0二组 ") == "福高村 二组"
    assert as_text(123.0) == "123"
    for typed in ("1980.05.03", "1980-5-3", "1980/5/3", "1980年5月3日", "19800503", 29344, 29344.0, "29344", 19800503):
        assert as_date(typed) == date(1980, 5, 3), typed
    with pytest.raises(CellError, match="只有年月"):
        as_date("1980年5月")
    with pytest.raises(CellError, match="不是有效的日期"):
        as_date("1980-02-30")
    assert as_money_fen("1,200.50") == 120050
    assert as_money_fen("￥1200元") == 120000
    assert as_money_fen(0.1 + 0.2) == 30
    with pytest.raises(CellError, match="两位小数"):
        as_money_fen("1.005")


def _messy_rows() -> list[list[object]]:
    return [
        TITLE,
        UNIT,
        [],
        ["序号", "户主\n姓名", "身份证号码", "出生日期", "联系电话", "金额（元）", "伤残等级", "是否会员", "家庭类别", "档案编号"],
        [1, "张　三", "４３０１２１１９８００５０３００１２", "1980.05.03", 13800138000, "1,200", "二级", "是", "独生子女死亡", 1001],
        [2, "李四 ", "43012119750812002x", 27618, "138 0013 8001", 800, 1, "否", "伤残", "1002"],
        [None, None, None, None, None, None, None, None, None, None],
        [3, "王五", 4.30121198005030e17, "1980年5月3日", None, None, None, None, "失独", None],
        [4, "赵六", ID_A, "1980-13-01", None, "abc", None, "也许", "其他", None],
        ["合计", None, None, None, None, 2000],
        [],
        ["附表：已注销家庭"],
        ["序号", "户主姓名", "身份证号码"],
        [1, "钱七", ID_B],
    ]


def test_messy_xlsx_header_below_titles_and_cells_cleaned(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "roster.xlsx", _messy_rows(), merges=["A1:J1"])
    table = read_table(path, KIND)
    assert (table.layout.header_start, table.layout.header_end) == (3, 3)
    assert table.mapping == {
        "name": 1, "id_number": 2, "birth": 3, "phone": 4, "amount": 5, "grade": 6,
        "member": 7, "category": 8, "code": 9,
    }
    assert [r.number for r in table.rows] == [5, 6, 8, 9]  # blank row, totals and the second table left out
    zhang, li, wang, zhao = table.rows
    assert zhang.values == {
        "name": "张三", "id_number": ID_A, "birth": date(1980, 5, 3), "phone": "13800138000",
        "amount": 120000, "grade": 2, "member": True, "category": "失独", "code": "1001",
    }
    assert zhang.problems == ()
    assert li.values["id_number"] == ID_B and li.values["birth"] == date(1975, 8, 12)
    assert li.values["name"] == "李四" and li.values["phone"] == "138 0013 8001" and li.values["code"] == "1002"
    assert [p.key for p in wang.problems] == ["id_number"]
    assert "后几位已经丢失" in wang.problems[0].message and wang.values["id_number"] is None
    assert {p.key for p in zhao.problems} == {"birth", "amount", "member", "category"}


def test_two_row_merged_header(tmp_path: Path) -> None:
    rows = [
        TITLE,
        ["序号", "户主", None, "配偶", None, "联系电话"],
        [None, "姓名", "身份证号", "姓名", "身份证号", None],
        [1, "张三", ID_A, "李四", ID_B, "13800138000"],
    ]

    class Couple(ImportKindBase):
        name, label = "couple", "夫妻"
        fields = (
            FieldSpec("head_name", "户主姓名", CellKind.NAME, required=True),
            FieldSpec("head_id", "户主身份证号", CellKind.ID_NUMBER),
            FieldSpec("spouse_name", "配偶姓名", CellKind.NAME),
            FieldSpec("spouse_id", "配偶身份证号", CellKind.ID_NUMBER),
            FieldSpec("phone", "联系电话", CellKind.PHONE),
        )

    path = write_xlsx(tmp_path / "two.xlsx", rows, merges=["A1:F1", "B2:C2", "D2:E2", "A2:A3", "F2:F3"])
    table = read_table(path, Couple())
    assert (table.layout.header_start, table.layout.header_end) == (1, 2)
    assert table.headers[:6] == ("序号", "户主姓名", "户主身份证号", "配偶姓名", "配偶身份证号", "联系电话")
    assert table.mapping == {"head_name": 1, "head_id": 2, "spouse_name": 3, "spouse_id": 4, "phone": 5}
    assert table.rows[0].values == {
        "head_name": "张三", "head_id": ID_A, "spouse_name": "李四", "spouse_id": ID_B, "phone": "13800138000"
    }


def test_merged_data_cells_fill_down_and_hidden_rows_and_sheets(tmp_path: Path) -> None:
    rows = [
        ["村", "姓名", "身份证号"],
        ["福高村", "张三", ID_A],
        [None, "李四", ID_B],
        ["龙井社区", "王五", None],
    ]
    path = write_xlsx(
        tmp_path / "h.xlsx", rows, merges=["A2:A3"], hidden_rows=[3],
        extra_sheets=[("说明", [["隐藏的说明"]], True)],
    )
    table = read_table(path, KIND)
    assert [s.hidden for s in table.sheets] == [False, True]
    assert [(r.values["village"], r.hidden) for r in table.rows] == [("福高村", False), ("福高村", True), ("龙井社区", False)]
    hidden_sheet = read_table(
        write_xlsx(tmp_path / "h2.xlsx", [["说明"]], sheet="说明", extra_sheets=[("名单", rows, False)]),
        KIND, ImportOptions(sheet="名单"),
    )
    assert len(hidden_sheet.rows) == 3
    with pytest.raises(UserInputError, match="没有名为“不存在”的工作表"):
        read_table(path, KIND, ImportOptions(sheet="不存在"))


def test_repeated_page_headers_are_not_data(tmp_path: Path) -> None:
    head = ["姓名", "身份证号", "联系电话"]
    rows = [head, ["张三", ID_A, None], head, ["李四", ID_B, None]]
    table = read_table(write_xlsx(tmp_path / "p.xlsx", rows), KIND)
    assert [r.values["name"] for r in table.rows] == ["张三", "李四"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_encodings_detected(tmp_path: Path, encoding: str) -> None:
    rows = [["户主姓名", "身份证号", "出生日期", "金额"], ["张三", ID_A.lower(), "1980年5月3日", "1,200.5"], ["䶮䶮", ID_B, "", ""]]
    if encoding == "gbk":
        rows.pop()  # 䶮 is outside GBK: only GB18030 and UTF-8 hold it
    table = read_table(write_csv(tmp_path / "r.csv", rows, encoding=encoding), KIND)
    assert table.encoding == ("GBK/GB18030" if encoding.startswith("gb") else "UTF-8")
    assert table.rows[0].values == {"name": "张三", "id_number": ID_A, "birth": date(1980, 5, 3), "amount": 120050}
    if encoding != "gbk":
        assert table.rows[1].values["name"] == "䶮䶮"


def test_csv_tab_separated(tmp_path: Path) -> None:
    table = read_table(write_csv(tmp_path / "t.csv", [["姓名", "电话"], ["张三", "13800138000"]], delimiter="\t"), KIND)
    assert table.rows[0].values == {"name": "张三", "phone": "13800138000"}


def test_real_xls_and_ods(tmp_path: Path) -> None:
    rows = [TITLE, ["姓名", "身份证号", "出生日期", "档案编号"], ["张三", ID_A, date(1980, 5, 3), 1001.0], ["李四", 4.30121197508120e17, None, None]]
    for path in (write_xls(tmp_path / "old.xls", rows), write_ods(tmp_path / "new.ods", [[v.isoformat() if isinstance(v, date) else v for v in r] for r in rows])):
        table = read_table(path, KIND)
        first = table.rows[0].values
        assert first["name"] == "张三" and first["id_number"] == ID_A and first["code"] == "1001"
        assert [p.key for p in table.rows[-1].problems] == ["id_number"], path.suffix
    xls = read_table(tmp_path / "old.xls", KIND)
    assert xls.format == "xls" and xls.rows[0].values["birth"] == date(1980, 5, 3)


def test_refused_files_say_how_to_save_as_xlsx(tmp_path: Path) -> None:
    et = tmp_path / "名册.et"
    et.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(UserInputError, match=r"WPS 表格.*另存为.*\.xlsx"):
        read_table(et, KIND)
    locked = tmp_path / "加密.xlsx"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 100)
    with pytest.raises(UserInputError, match=r"设置了打开密码.*另存为.*\.xlsx"):
        read_table(locked, KIND)
    broken = tmp_path / "坏.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(UserInputError, match="无法读取"):
        read_table(broken, KIND)
    (tmp_path / "x.docx").write_text("x")
    with pytest.raises(UserInputError, match="不是能导入的表格文件"):
        read_table(tmp_path / "x.docx", KIND)
    with pytest.raises(UserInputError, match="找不到表头"):
        read_table(write_xlsx(tmp_path / "n.xlsx", [["随便"], ["写点"]]), KIND)


def test_mapping_corrected_remembered_and_from_file(tmp_path: Path) -> None:
    rows = [["名字", "号码", "手机"], ["张三", ID_A, "13800138000"]]
    path = write_xlsx(tmp_path / "m.xlsx", rows)
    with pytest.raises(UserInputError, match="找不到表头"):
        read_table(path, KIND)
    table = read_table(path, KIND, ImportOptions(header_row=0))
    assert table.mapping == {"phone": 2} and table.missing_required == ["姓名"]
    fixed = {"name": 0, "id_number": 1, "phone": 2}
    assert remembered_mapping(KIND, table.layout) is None
    remember_mapping(KIND, table.layout, fixed)
    assert remembered_mapping(KIND, table.layout) == fixed
    again = read_table(path, KIND, ImportOptions(header_row=0, mapping=remembered_mapping(KIND, table.layout)))
    assert again.rows[0].values == {"name": "张三", "id_number": ID_A, "phone": "13800138000"}
    spec = tmp_path / "map.json"
    spec.write_text('{"姓名": "A", "身份证号": "号码", "联系电话": ""}', encoding="utf-8")
    assert mapping_from_file(spec, KIND, table.layout, table.mapping) == {"name": 0, "id_number": 1}
    spec.write_text('{"不存在的字段": "A"}', encoding="utf-8")
    with pytest.raises(UserInputError, match="不是测试人员导入的字段"):
        mapping_from_file(spec, KIND, table.layout, table.mapping)
