"""Opening a roster: .xlsx, .xls and .ods through python-calamine, CSV in UTF-8 or GBK/GB18030.

A sheet comes back as rows of raw cells from A1 (so row numbers are Excel's), its merged ranges
and, for .xlsx, which rows are hidden. WPS's own .et and password-protected workbooks are refused
with how to save them as .xlsx; nothing else about the file is changed or kept.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine as calamine

from app.domain.errors import UserInputError

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of .xls, .et and encrypted .xlsx
_SAVE_AS = (
    "请在 Excel 或 WPS 中打开它，选择“文件 → 另存为”，文件类型选“Excel 工作簿 (*.xlsx)”，再导入另存的文件。"
)
SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".ods")
READABLE = (*SPREADSHEETS, ".csv", ".txt")


@dataclass(frozen=True)
class SheetInfo:
    name: str
    hidden: bool


@dataclass
class SheetData:
    name: str
    rows: list[list[Any]]
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    hidden_rows: frozenset[int] = frozenset()  # 0-based row indexes


@dataclass
class Workbook:
    path: Path
    format: str  # "xlsx", "xls", "ods", "csv"
    sheets: list[SheetInfo]
    encoding: str = ""  # CSV only: the encoding it was read in
    _book: Any = None
    _csv_rows: list[list[Any]] | None = None

    def sheet(self, name: str | None = None) -> SheetData:
        """One sheet's cells; the first visible sheet when no name is given."""
        if self._csv_rows is not None:
            return SheetData(self.sheets[0].name, self._csv_rows)
        if name is None:
            name = next((s.name for s in self.sheets if not s.hidden), self.sheets[0].name)
        if name not in {s.name for s in self.sheets}:
            known = "、".join(s.name for s in self.sheets)
            raise UserInputError(f"工作簿中没有名为“{name}”的工作表（有：{known}）。")
        try:
            sheet = self._book.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
            merged = list(sheet.merged_cell_ranges or [])
        except calamine.CalamineError as exc:
            raise UserInputError(f"读取工作表“{name}”失败（{exc}），文件可能已损坏。{_SAVE_AS}") from exc
        hidden = frozenset[int]()
        if self.format == "xlsx":
            hidden = _hidden_xlsx_rows(self.path, list(self._book.sheet_names).index(name))
        return SheetData(name, rows, merged, hidden)


def open_workbook(path: Path | str) -> Workbook:
    """Open a roster for reading, or refuse it with a Chinese message saying what to do."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".et", ".ett"):
        raise UserInputError(f"“{path.name}”是 WPS 表格自己的 .et 格式，不能直接导入。{_SAVE_AS}")
    if not path.is_file():
        raise UserInputError(f"找不到文件“{path}”。")
    if suffix not in READABLE:
        raise UserInputError(
            f"“{path.name}”不是能导入的表格文件。可以导入 Excel（.xlsx、.xls）、WPS 另存的 .xlsx、"
            "OpenOffice/LibreOffice（.ods）和 CSV 文件。"
        )
    if suffix in (".csv", ".txt"):
        return _open_csv(path)
    head = path.read_bytes()[:8]
    if suffix in (".xlsx", ".xlsm") and head == _OLE:  # an encrypted .xlsx is an OLE container
        if _encrypted_ole(path):
            raise UserInputError(_password_message(path))
        raise UserInputError(f"“{path.name}”其实是旧的 .xls 文件：请把扩展名改为 .xls 后再导入。")
    try:
        book = calamine.CalamineWorkbook.from_path(str(path))
    except calamine.PasswordError as exc:
        raise UserInputError(_password_message(path)) from exc
    except (calamine.CalamineError, OSError, ValueError) as exc:
        if head == _OLE and _encrypted_ole(path):
            raise UserInputError(_password_message(path)) from exc
        raise UserInputError(
            f"“{path.name}”无法读取，文件可能已损坏或不是表格文件（{exc}）。{_SAVE_AS}"
        ) from exc
    sheets = [
        SheetInfo(m.name, m.visible != calamine.SheetVisibleEnum.Visible)
        for m in book.sheets_metadata
        if m.typ == calamine.SheetTypeEnum.WorkSheet
    ]
    if not sheets:
        raise UserInputError(f"“{path.name}”中没有工作表。")
    kind = "xls" if suffix == ".xls" else "ods" if suffix == ".ods" else "xlsx"
    return Workbook(path, kind, sheets, _book=book)


def _password_message(path: Path) -> str:
    return (
        f"“{path.name}”设置了打开密码，不能导入。请在 Excel 或 WPS 中输入密码打开它，"
        "在“文件 → 信息 → 保护工作簿”（WPS：“文件 → 文档加密”）中清除密码，"
        "再“另存为”Excel 工作簿 (*.xlsx) 后导入。"
    )


def _encrypted_ole(path: Path) -> bool:
    """An OLE file holding an encrypted workbook names its EncryptionInfo stream or RC4 header."""
    return "EncryptionInfo".encode("utf-16-le") in path.read_bytes()[: 1 << 20]


def _decode(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM) when it decodes; else GB18030, which holds GBK and GB2312."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "UTF-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "GBK/GB18030"
    except UnicodeDecodeError as exc:
        raise UserInputError(
            "CSV 文件的编码无法识别（不是 UTF-8，也不是 GBK/GB18030）。请用 Excel 打开后另存为 .xlsx 再导入。"
        ) from exc


def _open_csv(path: Path) -> Workbook:
    text, encoding = _decode(path.read_bytes())
    sample = text[:8192]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",\t;").delimiter
    except csv.Error:
        delimiter = ","
    rows: list[list[Any]] = [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    return Workbook(path, "csv", [SheetInfo(path.stem, False)], encoding=encoding, _csv_rows=rows)


_ROW_TAG = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_R_ATTR = re.compile(rb'\br="(\d+)"')
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')


def _hidden_xlsx_rows(path: Path, sheet_index: int) -> frozenset[int]:
    """Rows marked hidden in an .xlsx sheet (calamine does not say): 0-based indexes."""
    try:
        with zipfile.ZipFile(path) as z:
            target = _sheet_part(z, sheet_index)
            if target is None:
                return frozenset()
            data = z.read(target)
    except (zipfile.BadZipFile, KeyError, OSError):
        return frozenset()
    if b'hidden="' not in data:
        return frozenset()
    hidden: set[int] = set()
    position = 0
    for m in _ROW_TAG.finditer(data):
        attrs = m.group(1)
        r = _R_ATTR.search(attrs)
        position = int(r.group(1)) if r else position + 1
        if _HIDDEN.search(attrs):
            hidden.add(position - 1)
    return frozenset(hidden)


def _sheet_part(z: zipfile.ZipFile, sheet_index: int) -> str | None:
    """The zip member of the n-th worksheet, through workbook.xml and its relationships."""
    book = z.read("xl/workbook.xml")
    rels = z.read("xl/_rels/workbook.xml.rels")
    ids = re.findall(rb"<(?:\w+:)?sheet\b[^>]*?\br:id=\"([^\"]+)\"", book)
    if sheet_index >= len(ids):
        return None
    for rel in re.finditer(rb"<Relationship\b[^>]*>", rels):
        tag = rel.group(0)
        if re.search(rb'\bId="' + re.escape(ids[sheet_index]) + rb'"', tag):
            target = re.search(rb'\bTarget="([^"]+)"', tag)
            if target is None:
                return None
            name = target.group(1).decode()
            return name.lstrip("/") if name.startswith("/") else "xl/" + name
    return None
