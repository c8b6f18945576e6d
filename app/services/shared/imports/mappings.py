"""Column mappings the user corrected, remembered per header layout; and mapping files for `fpa import`.

A county sends the same roster layout year after year: once its columns are matched by hand, the
next file with the same headers opens with the same choices. Kept in a small JSON file in the
program's data folder (no personal data: only header names and column numbers).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from app.database.files import partial_name, publish
from app.domain.errors import UserInputError
from app.paths import data_dir, ensure
from app.services.shared.imports.model import ImportKindBase
from app.services.shared.imports.table import TableLayout, header_key

_FILE = "import_mappings.json"


def _store() -> Path:
    return data_dir() / _FILE


def _load() -> dict[str, Any]:
    try:
        data = json.loads(_store().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remembered_mapping(kind: ImportKindBase, layout: TableLayout) -> dict[str, int] | None:
    """The mapping saved for this kind and this header layout, if the user corrected one before."""
    found = _load().get(kind.name, {}).get(layout.signature)
    if not isinstance(found, dict):
        return None
    keys = {f.key for f in kind.fields}
    width = len(layout.headers)
    return {k: int(c) for k, c in found.items() if k in keys and isinstance(c, int) and 0 <= c < width}


def remember_mapping(kind: ImportKindBase, layout: TableLayout, mapping: dict[str, int]) -> None:
    data = _load()
    data.setdefault(kind.name, {})[layout.signature] = dict(mapping)
    target = _store()
    ensure(target.parent)
    partial = partial_name(target)
    partial.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    publish(partial, target)


def _column_index(ref: str, layout: TableLayout) -> int | None:
    """A column named by its letter (C, AB) or by its header text."""
    text = ref.strip()
    if re.fullmatch(r"[A-Za-z]{1,3}", text):
        n = 0
        for ch in text.upper():
            n = n * 26 + ord(ch) - 64
        return n - 1
    wanted = header_key(text)
    return next((i for i, h in enumerate(layout.headers) if header_key(h) == wanted), None)


def mapping_from_file(
    path: Path, kind: ImportKindBase, layout: TableLayout, start: dict[str, int]
) -> dict[str, int]:
    """A JSON object {"字段": "列标题或列字母"} over the automatic mapping; "" leaves a field unread."""
    try:
        given = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UserInputError(
            f"列对应文件“{path.name}”无法读取：应为 UTF-8 编码的 JSON 对象（{exc}）。"
        ) from exc
    if not isinstance(given, dict):
        raise UserInputError(f"列对应文件“{path.name}”应为 JSON 对象，如 {{\"户主姓名\": \"C\"}}。")
    by_name = {f.label: f.key for f in kind.fields} | {f.key: f.key for f in kind.fields}
    mapping = dict(start)
    for name, ref in given.items():
        key = by_name.get(str(name).strip())
        if key is None:
            raise UserInputError(f"列对应文件中的“{name}”不是{kind.label}导入的字段。")
        mapping.pop(key, None)
        if ref in ("", None):
            continue
        col = _column_index(str(ref), layout)
        if col is None:
            raise UserInputError(f"列对应文件中“{name}”指定的列“{ref}”在表头中找不到。")
        for other, c in list(mapping.items()):
            if c == col:
                del mapping[other]
        mapping[key] = col
    return mapping
