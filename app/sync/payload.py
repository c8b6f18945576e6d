"""The bundle payload: the current state of changed rows, with every field's version stamp.

A bundle carries row states, not a replay of edits: merging states field by field with
last-writer-wins on the stamps is idempotent and order-independent by construction.

Reading a payload checks all of it before anything is written. The checks run column by column
(types, lengths and choices of a whole column at once, in C), because a province merges millions
of rows and a per-value Python check cost more than the database writes; when a column fails, a
second pass finds the first bad row for the message.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Boolean, Connection, Date, DateTime, Integer, String, select
from sqlalchemy.sql.schema import Column

from app.database.base import content_columns, synced_tables
from app.database.codec import from_json, to_json
from app.database.models import ChangeLogEntry
from app.domain.hlc import REFERENCE_STAMP, STAMP_RE
from app.sync.jsondoc import has_control_chars, strict_loads

PAYLOAD_FORMAT = "fpa-bundle-payload/1"
HEAD_COLUMNS = ["id", "created_stamp", "field_stamps", "device_id"]
HEAD = len(HEAD_COLUMNS)
_UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_CHUNK = 500
# SQLite stores integers in 64 bits; a bigger number would stop the merge with an OverflowError.
_INT_MIN, _INT_MAX = -(2**63), 2**63 - 1
_NONE = type(None)


class PayloadError(ValueError):
    """The payload is not what the format says; the message is Chinese and names the place."""


@dataclass(frozen=True)
class RowState:
    """One row as it travels: identity, stamps, and the content fields the sender had."""

    id: str
    created_stamp: str
    field_stamps: dict[str, str]
    device_id: str
    values: dict[str, Any]  # in their JSON form (text, integers, true/false, ISO dates, choices)

    def stamp_of(self, name: str) -> str:
        return self.field_stamps.get(name, self.created_stamp)

    @property
    def stamp(self) -> str:
        return max([self.created_stamp, *self.field_stamps.values()])


@dataclass(frozen=True)
class TableRows:
    """The checked rows of one table, as the payload carries them.

    Each row is ``[id, created_stamp, field_stamps (dict or None), device_id, *values]`` with the
    values of ``fields`` in their JSON form, which is also how SQLite stores them (dates are
    canonical ISO text, choices their text, true/false Python booleans).
    """

    name: str
    fields: tuple[str, ...]
    rows: list[list[Any]]
    # The same values a column at a time (head columns first): the checks and the bulk insert
    # work on whole columns, in C, instead of row by row.
    columns: list[tuple[Any, ...]]

    def __len__(self) -> int:
        return len(self.rows)

    def states(self) -> Iterator[RowState]:
        for row in self.rows:
            yield RowState(
                row[0], row[1], row[2] or {}, row[3], dict(zip(self.fields, row[HEAD:], strict=True))
            )

    def column(self, name: str) -> tuple[Any, ...]:
        return self.columns[HEAD + self.fields.index(name)]


def changed_row_ids(conn: Connection, since_seq: int) -> dict[str, list[str]]:
    """Ids of rows changed after ``since_seq``, by table, in first-change order."""
    found: dict[str, dict[str, None]] = {}
    query = select(ChangeLogEntry.table_name, ChangeLogEntry.row_id).where(ChangeLogEntry.seq > since_seq)
    for table, row_id in conn.execute(query.order_by(ChangeLogEntry.seq)):
        found.setdefault(table, {})[row_id] = None
    return {t: list(ids) for t, ids in found.items()}


def collect(conn: Connection, since_seq: int | None) -> tuple[dict[str, Any], dict[str, int]]:
    """The payload of rows changed after ``since_seq`` (None: every row but untouched reference
    data), and the count of rows per table."""
    models = synced_tables()
    tables: dict[str, Any] = {}
    counts: dict[str, int] = {}
    sqlite = conn.dialect.name == "sqlite"
    if since_seq is None:
        selected: dict[str, list[str] | None] = {name: None for name in models}
    elif sqlite:  # the ids are found by the query itself (_sqlite_rows): only the tables here
        changed = "SELECT DISTINCT table_name FROM change_log WHERE seq > ?"
        selected = {name: [] for (name,) in conn.exec_driver_sql(changed, (since_seq,)).all()}
    else:
        selected = dict(changed_row_ids(conn, since_seq))
    for name in sorted(selected):
        model = models.get(name)
        if model is None:
            continue
        table = model.__table__
        content = content_columns(model)
        cols = [table.c[c] for c in HEAD_COLUMNS + content]
        ids = selected[name]
        rows: list[list[Any]] = []
        if sqlite:
            rows = _sqlite_rows(conn, table, [c.name for c in cols], since_seq)
        elif ids is None:
            query = select(*cols).where(table.c.stamp != REFERENCE_STAMP).order_by(table.c.id)
            rows.extend(_encode(r) for r in conn.execute(query))
        else:
            for start in range(0, len(ids), _CHUNK):
                chunk = ids[start : start + _CHUNK]
                rows.extend(_encode(r) for r in conn.execute(select(*cols).where(table.c.id.in_(chunk))))
            rows.sort(key=lambda r: r[0])
        if rows:
            tables[name] = {"columns": HEAD_COLUMNS + content, "rows": rows}
            counts[name] = len(rows)
    return {"format": PAYLOAD_FORMAT, "tables": tables}, counts


def _encode(row: Iterable[Any]) -> list[Any]:
    return [to_json(v) for v in row]


def _sqlite_rows(conn: Connection, table: Any, names: list[str], since_seq: int | None) -> list[list[Any]]:
    """Rows as SQLite stores them, which is their JSON form but for true/false (stored 0/1) and the
    field stamps (stored as JSON text): the same rows as the Core path, without turning every date
    and choice into a Python object and back. Changed rows are found by a semi-join on the change
    log in the same query, not by lists of ids."""
    booleans = [i for i, n in enumerate(names) if isinstance(table.c[n].type, Boolean)]
    stamps = names.index("field_stamps")
    select_list = ", ".join(names)
    if since_seq is None:
        query = f"SELECT {select_list} FROM {table.name} WHERE stamp != ? ORDER BY id"
        params: tuple[Any, ...] = (REFERENCE_STAMP,)
    else:
        query = (
            f"SELECT {select_list} FROM {table.name} WHERE id IN"
            " (SELECT row_id FROM change_log WHERE seq > ? AND table_name = ?) ORDER BY id"
        )
        params = (since_seq, str(table.name))
    # The driver's own cursor, inside this connection's transaction: plain tuples, without a
    # result row object per row (a third of the export's time went there).
    found = conn.connection.driver_connection.execute(query, params).fetchall()  # type: ignore[union-attr]
    rows = []
    for raw in found:
        row = list(raw)
        if row[stamps] is not None:
            row[stamps] = json.loads(row[stamps])
        for i in booleans:
            if row[i] is not None:
                row[i] = bool(row[i])
        rows.append(row)
    return rows


def dumps(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def loads(data: bytes) -> dict[str, TableRows]:
    """Parse and check a whole payload before anything is written; raises PayloadError."""
    try:
        doc = strict_loads(data)
    except ValueError:  # not UTF-8, not JSON, absurd nesting, an integer of thousands of digits
        raise PayloadError("数据内容不是有效的 JSON") from None
    if not isinstance(doc, dict) or doc.get("format") != PAYLOAD_FORMAT:
        raise PayloadError("数据内容的格式版本不受支持")
    tables = doc.get("tables")
    if not isinstance(tables, dict):
        raise PayloadError("数据内容缺少数据表")
    models = synced_tables()
    result: dict[str, TableRows] = {}
    for name, block in tables.items():
        model = models.get(name)
        if model is None:
            raise PayloadError(f"未知的数据表“{name}”（可能来自更新版本的程序）")
        result[name] = _decode_table(name, model, block)
    return result


def _decode_table(name: str, model: type[Any], block: Any) -> TableRows:
    if (
        not isinstance(block, dict)
        or not isinstance(block.get("columns"), list)
        or not isinstance(block.get("rows"), list)
    ):
        raise PayloadError(f"数据表“{name}”的结构无效")
    columns: list[Any] = block["columns"]
    content = set(content_columns(model))
    if columns[:HEAD] != HEAD_COLUMNS:
        raise PayloadError(f"数据表“{name}”缺少同步标识列")
    fields = columns[HEAD:]
    unknown = [c for c in fields if not isinstance(c, str) or c not in content]
    if unknown or len(set(fields)) != len(fields):
        raise PayloadError(f"数据表“{name}”含有未知或重复的列：{', '.join(map(str, unknown))}")
    rows: list[Any] = block["rows"]
    _check_rows(name, rows, len(columns), content)
    by_column: list[tuple[Any, ...]] = list(zip(*rows, strict=True)) if rows else [() for _ in columns]
    table_cols = model.__table__.c
    for offset, col in enumerate(fields, start=HEAD):
        by_column[offset] = _check_column(name, rows, by_column[offset], offset, table_cols[col])
    return TableRows(name, tuple(fields), rows, by_column)


def _where(name: str, index: int) -> str:
    return f"数据表“{name}”第 {index + 1} 行"


def _first(rows: list[Any], bad: Callable[[Any], bool]) -> int:
    return next(i for i, row in enumerate(rows) if bad(row))


def _check_rows(name: str, rows: list[Any], width: int, content: set[str]) -> None:
    """Shape, identity and stamps of every row."""
    if any(type(row) is not list or len(row) != width for row in rows):
        raise PayloadError(
            f"{_where(name, _first(rows, lambda r: type(r) is not list or len(r) != width))}的列数不符"
        )
    ids = [row[0] for row in rows]
    if not all(type(i) is str and _UUID_RE.fullmatch(i) for i in ids) or len(set(ids)) != len(ids):
        seen: set[str] = set()
        for index, row_id in enumerate(ids):
            if type(row_id) is not str or not _UUID_RE.fullmatch(row_id) or row_id in seen:
                raise PayloadError(f"{_where(name, index)}的标识无效或重复")
            seen.add(row_id)

    def bad_head(row: list[Any]) -> bool:
        created, device = row[1], row[3]
        return (
            type(created) is not str
            or not STAMP_RE.fullmatch(created)
            or type(device) is not str
            or len(device) != 16
        )

    # Whole columns at once; the row-by-row check above only runs to name the first bad row.
    created = [row[1] for row in rows]
    devices = [row[3] for row in rows]
    if (
        set(map(type, created)) - {str}
        or not all(map(STAMP_RE.fullmatch, created))
        or set(map(type, devices)) - {str}
        or set(map(len, devices)) - {16}
    ):
        raise PayloadError(f"{_where(name, _first(rows, bad_head))}的版本戳无效")

    def bad_stamps(row: list[Any]) -> bool:
        stamps, created = row[2], row[1]
        if not stamps:
            return stamps is not None and stamps != {}
        return type(stamps) is not dict or not all(
            k in content and type(v) is str and STAMP_RE.fullmatch(v) and v >= created
            for k, v in stamps.items()
        )

    if any(bad_stamps(row) for row in rows if row[2] is not None):
        raise PayloadError(f"{_where(name, _first(rows, bad_stamps))}的字段版本戳无效")


def _check_column(
    name: str, rows: list[Any], values: tuple[Any, ...], offset: int, column: Column[Any]
) -> tuple[Any, ...]:
    """Every value of one column: its JSON type, and its length, choice or date as the column needs.

    Returns the column's values; dates come back in their canonical form (``2025-03-01``, the form
    SQLite stores), also written back into ``rows``.
    """
    col = column.name
    kind = column.type
    enum_cls = getattr(kind, "enum_cls", None)
    allowed: set[type]
    if enum_cls is not None:
        allowed = {str}
    elif isinstance(kind, Boolean):
        allowed = {bool}
    elif isinstance(kind, Integer):
        allowed = {int}
    elif isinstance(kind, String | Date) and not isinstance(kind, DateTime):
        allowed = {str}
    else:
        allowed = set()  # any other type: checked value by value below
    types = set(map(type, values))
    has_none = _NONE in types
    if has_none and not column.nullable:
        raise PayloadError(f"{_where(name, values.index(None))}的必填字段“{col}”为空")
    types.discard(_NONE)
    present = [v for v in values if v is not None] if has_none else values

    def invalid(index: int) -> PayloadError:
        return PayloadError(f"{_where(name, index)}的字段“{col}”取值无效")

    if not allowed:
        for index, value in enumerate(values):
            try:
                from_json(column, value)
            except (ValueError, TypeError):
                raise invalid(index) from None
        return values
    if not types <= allowed:
        raise invalid(next(i for i, v in enumerate(values) if v is not None and type(v) not in allowed))
    if not present:
        return values
    if allowed == {int} and (min(present) < _INT_MIN or max(present) > _INT_MAX):
        raise invalid(
            next(i for i, v in enumerate(values) if v is not None and not _INT_MIN <= v <= _INT_MAX)
        )
    if enum_cls is not None:
        choices = {m.value for m in enum_cls}
        if not set(present) <= choices:
            raise invalid(next(i for i, v in enumerate(values) if v is not None and v not in choices))
    elif isinstance(kind, Date):
        canonical = {}
        for text in set(present):
            try:
                canonical[text] = date.fromisoformat(text).isoformat()
            except ValueError:
                raise invalid(values.index(text)) from None
        if any(k != v for k, v in canonical.items()):
            for row in rows:
                if row[offset] is not None:
                    row[offset] = canonical[row[offset]]
            return tuple(None if v is None else canonical[v] for v in values)
    elif allowed == {str}:
        limit = getattr(kind, "length", None)
        if limit and max(map(len, present)) > limit:
            index = next(i for i, v in enumerate(values) if v is not None and len(v) > limit)
            raise PayloadError(f"{_where(name, index)}的字段“{col}”超过 {limit} 个字符")
        joined = "".join(present)
        try:
            # JSON can spell a lone surrogate ("\ud800"), which no database can store as UTF-8.
            joined.encode("utf-8")
        except UnicodeEncodeError:
            raise invalid(next(i for i, v in enumerate(values) if v is not None and not _utf8(v))) from None
        if has_control_chars(joined):
            index = next(i for i, v in enumerate(values) if v is not None and has_control_chars(v))
            raise PayloadError(
                f"{_where(name, index)}的字段“{col}”含有控制字符（如 NUL），文件已损坏或被篡改"
            )
    return values


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
