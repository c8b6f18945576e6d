"""Finding the table in a sheet: the header row under titles and 填报单位 lines, merged and two-row
headers, columns mapped by name with synonyms, and where the data ends (totals, signatures, a
second table below the first).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.services.shared.imports.cells import as_text, is_blank, plain
from app.services.shared.imports.model import FieldSpec
from app.services.shared.imports.readers import SheetData

HEADER_SEARCH_ROWS = 30  # a header lower than this is not a roster's
_BRACKETS = re.compile(r"[（(【\[].*?[)）】\]]")
_MARKS = re.compile(r"[\s*＊:：、.。/\\_\-—]+")
# A row whose first cell starts so is the end of the data: totals, signatures, notes.
_FOOTER = re.compile(
    r"^(合计|总计|小计|共计|填表人|制表人|审核人|负责人|填报人|联系人：|说明|注[:：]|备注[:：])"
)


def header_key(text: Any) -> str:
    """A header cell as compared with the synonyms: no spaces, marks or line breaks, half-width."""
    return _MARKS.sub("", plain(as_text(text))).lower()


def _key_variants(text: Any) -> tuple[str, ...]:
    full = header_key(text)
    bare = header_key(_BRACKETS.sub("", plain(as_text(text))))
    return (full, bare) if bare and bare != full else (full,)


@dataclass(frozen=True)
class TableLayout:
    """Where the table is: header rows (0-based, inclusive), each column's header text."""

    header_start: int
    header_end: int
    headers: tuple[str, ...]

    @property
    def first_data_row(self) -> int:
        return self.header_end + 1

    @property
    def signature(self) -> str:
        """The header layout, to remember a user's mapping for files laid out the same way."""
        return "|".join(header_key(h) for h in self.headers)


def fill_merged(sheet: SheetData) -> list[list[Any]]:
    """Every cell of a merged range gets its top-left value (as the eye reads the sheet)."""
    rows = sheet.rows
    for (r0, c0), (r1, c1) in sheet.merged:
        if r0 >= len(rows):
            continue
        value = rows[r0][c0] if c0 < len(rows[r0]) else None
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            if len(row) <= c1:
                row.extend([None] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                row[c] = value
    return rows


class Matcher:
    """Which field a header names: exact name or synonym first, then a header that contains one."""

    def __init__(self, fields: Sequence[FieldSpec]) -> None:
        self.fields = list(fields)
        self.exact: dict[str, str] = {}
        for f in fields:
            for name in f.names:
                self.exact.setdefault(header_key(name), f.key)
        # Longest first, so 户主身份证号 wins over 身份证号 inside "户主身份证号码".
        self.partial = sorted(
            ((header_key(n), f.key) for f in fields for n in f.names if len(header_key(n)) >= 2),
            key=lambda kv: -len(kv[0]),
        )

    def match(self, header: Any) -> str | None:
        variants = _key_variants(header)
        for v in variants:
            if v in self.exact:
                return self.exact[v]
        for v in variants:
            if not v or len(v) > 16:  # a sentence (a title, a note) is not a header
                continue
            for name, key in self.partial:
                if name in v:
                    return key
        return None

    def score(self, headers: Sequence[Any]) -> int:
        return len({k for h in headers if not is_blank(h) and (k := self.match(h)) is not None})

    def mapping(self, headers: Sequence[Any]) -> dict[str, int]:
        """Field key → column; each field and each column used once, exact matches first."""
        found: dict[str, int] = {}
        taken: set[int] = set()
        for exact_pass in (True, False):
            for col, h in enumerate(headers):
                if col in taken or is_blank(h):
                    continue
                key = self._exact(h) if exact_pass else self.match(h)
                if key is not None and key not in found:
                    found[key] = col
                    taken.add(col)
        return found

    def _exact(self, header: Any) -> str | None:
        return next((self.exact[v] for v in _key_variants(header) if v in self.exact), None)


def _texts(row: Sequence[Any]) -> list[str]:
    return [as_text(v) for v in row]


def _combined(top: Sequence[Any], bottom: Sequence[Any]) -> list[str]:
    """Two header rows as one: 户主 over 姓名 | 身份证号 → 户主姓名 | 户主身份证号."""
    width = max(len(top), len(bottom))
    out = []
    for c in range(width):
        t = as_text(top[c]) if c < len(top) else ""
        b = as_text(bottom[c]) if c < len(bottom) else ""
        out.append(t if not b or b == t else b if not t else t + b)
    return out


def _data_like(row: Sequence[Any]) -> bool:
    """Numbers or dates in a row say it is data, not a second header row."""
    return any(isinstance(v, int | float) and not isinstance(v, bool) for v in row) or any(
        re.fullmatch(r"[\dXx\-./年月日 ]{6,}", as_text(v)) for v in row if not is_blank(v)
    )


def find_layout(rows: list[list[Any]], matcher: Matcher, header_row: int | None = None) -> TableLayout | None:
    """The header row that names most fields (or the one the user chose), with a second header
    row below it when the two read together name more fields."""
    if header_row is None:
        best, best_score = None, 0
        for r, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
            s = matcher.score(row)
            if r + 1 < len(rows) and not _data_like(rows[r + 1]):
                pair = matcher.score(_combined(row, rows[r + 1]))
                if pair > max(s, matcher.score(rows[r + 1])):  # only if the two rows read as one say more
                    s = pair
            if s > best_score:
                best, best_score = r, s
        if best is None or best_score < 2:
            return None
        header_row = best
    if header_row >= len(rows):
        return None
    top = rows[header_row]
    single = _texts(top)
    if header_row + 1 < len(rows):
        below = rows[header_row + 1]
        if not _data_like(below):
            both = _combined(top, below)
            if matcher.score(both) > matcher.score(single):
                return TableLayout(header_row, header_row + 1, tuple(both))
    return TableLayout(header_row, header_row, tuple(single))


@dataclass(frozen=True)
class DataRow:
    index: int  # 0-based row index in the sheet
    cells: list[Any]


def data_rows(rows: list[list[Any]], layout: TableLayout) -> list[DataRow]:
    """The table's data rows: blank rows and repeated header rows skipped; reading stops at a
    totals or signature line, or at a title or header after a blank gap (a second table)."""
    out: list[DataRow] = []
    header_texts = {h for h in layout.headers if h}
    repeat_at = max(2, len(header_texts) // 2)
    gap = False
    for r in range(layout.first_data_row, len(rows)):
        row = rows[r]
        first = next((v for v in row if v is not None and (type(v) is not str or v.strip())), None)
        if first is None:
            gap = True
            continue
        if type(first) is str and _FOOTER.match(first.replace(" ", "").replace("\u3000", "")):
            break
        # Cheap test first: a header row repeats the header's own texts (calamine gives them as str).
        # A repeated header starts with a header text: only then count (a data row seldom does).
        repeated = type(first) is str and plain(first) in header_texts
        if repeated and sum(1 for v in row if type(v) is str and plain(v) in header_texts) >= repeat_at:
            if gap:
                break  # the header of a second table
            continue  # the header repeated on each printed page
        if gap and out and type(first) is str and len({as_text(v) for v in row if not is_blank(v)}) == 1:
            break  # a title line below the table: what follows is another table
        gap = False
        out.append(DataRow(r, row))
    return out
