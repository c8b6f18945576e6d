"""Writes docs/FORMATS-TABLES.md from the models: the columns every synced table carries in a bundle.

    .venv/bin/python scripts/formats_tables.py           # rewrite the file
    .venv/bin/python scripts/formats_tables.py --check   # exit 1 if the committed file is stale

Everything in the file comes from the code: the tables and columns from ``app/database/models/``
(each column's SQLAlchemy type, length, nullability, scalar default, enumeration), the schema
revision from the migrations, where a row lies and which references must exist from
``app/sync/authority.py``. tests/sync/test_formats_tables.py fails when the committed file differs.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from enum import Enum
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import app.database.models  # noqa: E402, F401  (registers every model)
from app.database.base import content_columns, scalar_defaults, synced_tables, table_of  # noqa: E402
from app.database.migrate import head_revision  # noqa: E402
from app.sync.authority import ISSUED_TABLES, PARENT_OF, REFERENCES  # noqa: E402

TARGET = ROOT / "docs" / "FORMATS-TABLES.md"

INTRO = """\
# Synced tables: the columns a bundle carries

Written by `scripts/formats_tables.py` from the models in `app/database/models/` and the rules in
`app/sync/authority.py`, at schema revision `{revision}`; do not edit by hand (run the script after
a model changes; a test fails while this file is stale). The content columns of every synced
table, in the order the writer sends them (after the four head columns `id`, `created_stamp`,
`field_stamps`, `device_id`; see docs/FORMATS.md, "Payload").

- **type**: the JSON value is as FORMATS.md's table of column types says (text as a string of at
  most *n* Unicode code points, no control characters but tab, line feed and carriage return;
  integers within signed 64 bits; dates `YYYY-MM-DD`; date-times ISO 8601; choices exactly one of
  the listed values).
- **required on insert**: a row new to the receiver must carry the column, not `null`. An update
  of a row the receiver has may carry fewer columns. `null` is allowed only where "no".
{lies}
{references}
- **`name_key`** (`person`, `special_family`): the pinyin search key of the name
  (`app/domain/pinyin.search_key`): the initials, the full pinyin (both readings when the name
  starts with a polyphonic surname), then the name itself (NFKC, lower case), separated by single
  spaces; `""` for an empty name. A receiver stores what it is sent; a wrong key only makes the
  search miss.
"""

DIVISION_RULE = "a 12-digit code in the receiver's division list, inside the signer's subtree"


def _code(name: str) -> str:
    return f"`{name}`"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _parents() -> str:
    by_parent: dict[tuple[str, str], list[str]] = {}
    for child, (column, parent) in sorted(PARENT_OF.items()):
        by_parent.setdefault((parent, column), []).append(child)
    parts = [
        f"{_and([_code(c) for c in children])} where their `{parent}` lies (by `{column}`)"
        for (parent, column), children in sorted(by_parent.items())
    ]
    return "; ".join(parts)


def _references() -> str:
    refs = [f"`{child}.{column}`" for child, (column, _parent) in sorted(PARENT_OF.items())]
    for table, pairs in sorted(REFERENCES.items()):
        refs.extend(f"`{table}.{column}` → `{parent}`" for column, parent in pairs)
    return _and(refs)


def _bullet(text: str) -> str:
    return textwrap.fill(text, width=100, initial_indent="- ", subsequent_indent="  ", break_on_hyphens=False)


def _type(column: Any) -> str:
    kind = column.type
    name = type(kind).__name__
    length = getattr(kind, "length", None)
    if getattr(kind, "enum_cls", None) is not None:
        return f"choice (text ≤ {length})"
    if name == "Boolean":
        return "boolean"
    if name == "Integer":
        return "integer (64-bit)"
    if name == "DateTime":
        return "date-time (ISO 8601)"
    if name == "Date":
        return "date `YYYY-MM-DD`"
    return f"text ≤ {length}" if length else "text"


def _json(value: Any) -> str:
    if isinstance(value, Enum):
        value = value.value
    return json.dumps(value, ensure_ascii=False)


def _required(column: Any, defaults: dict[str, Any]) -> str:
    if column.name in defaults:
        return f"no (default `{_json(defaults[column.name])}`)"
    if column.server_default is not None:
        return "no (default of the receiver)"
    return "no" if column.nullable else "yes"


def _allowed(table: str, column: Any) -> str:
    enum_cls = getattr(column.type, "enum_cls", None)
    if enum_cls is not None:
        return "、".join(f"`{m.value}`" for m in enum_cls)
    if column.name == "division_code" and table != "division":
        return DIVISION_RULE
    if column.name == "name_key":
        return "see above (derived from the name)"
    return ""


def render() -> str:
    """The whole file, as the models and rules give it now."""
    issued = _and([_code(t) for t in sorted(ISSUED_TABLES)])
    lies = _bullet(
        f"**Where a row lies** (the signer's authority): by its own `division_code`, except: {_parents()}; "
        f"`division` rows by their `code` (only a county's, strictly below itself). {issued} never travel up."
    )
    references = _bullet(
        "**References** that must name an existing row (here or in the same bundle), where not `null`: "
        f"{_references()}."
    )
    out = [INTRO.format(revision=head_revision(), lies=lies, references=references).rstrip("\n")]
    for name, model in sorted(synced_tables().items()):
        table = table_of(model)
        defaults = scalar_defaults(model)
        out.append(f"\n#### `{name}`\n")
        out.append("| column | type | required on insert | allowed values |")
        out.append("|---|---|---|---|")
        for col_name in content_columns(model):
            column = table.c[col_name]
            cells = [_code(col_name), _type(column), _required(column, defaults), _allowed(name, column)]
            out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare with the committed file")
    args = parser.parse_args()
    text = render()
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET.relative_to(ROOT)} is stale: run scripts/formats_tables.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)} ({len(synced_tables())} tables)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
