"""The bundle payload: the current state of changed rows, with every field's version stamp.

A bundle carries row states, not a replay of edits: merging states field by field with
last-writer-wins on the stamps is idempotent and order-independent by construction.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from app.database.base import content_columns, synced_tables
from app.database.codec import from_json, to_json
from app.database.models import ChangeLogEntry
from app.domain.hlc import REFERENCE_STAMP, is_stamp

PAYLOAD_FORMAT = "fpa-bundle-payload/1"
HEAD_COLUMNS = ["id", "created_stamp", "field_stamps", "device_id"]
_UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_CHUNK = 500


class PayloadError(ValueError):
    """The payload is not what the format says; the message is Chinese and names the place."""


@dataclass(frozen=True)
class RowState:
    """One row as it travels: identity, stamps, and the content fields the sender had."""

    id: str
    created_stamp: str
    field_stamps: dict[str, str]
    device_id: str
    values: dict[str, Any]  # Python values, decoded

    def stamp_of(self, name: str) -> str:
        return self.field_stamps.get(name, self.created_stamp)

    @property
    def stamp(self) -> str:
        return max([self.created_stamp, *self.field_stamps.values()])


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
    if since_seq is None:
        selected: dict[str, list[str] | None] = {name: None for name in models}
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
        if ids is None:
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


def dumps(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def loads(data: bytes) -> dict[str, list[RowState]]:
    """Parse and check a whole payload before anything is written; raises PayloadError."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise PayloadError("数据内容不是有效的 JSON") from None
    if not isinstance(doc, dict) or doc.get("format") != PAYLOAD_FORMAT:
        raise PayloadError("数据内容的格式版本不受支持")
    tables = doc.get("tables")
    if not isinstance(tables, dict):
        raise PayloadError("数据内容缺少数据表")
    models = synced_tables()
    result: dict[str, list[RowState]] = {}
    for name, block in tables.items():
        model = models.get(name)
        if model is None:
            raise PayloadError(f"未知的数据表“{name}”（可能来自更新版本的程序）")
        result[name] = _decode_table(name, model, block)
    return result


def _decode_table(name: str, model: type[Any], block: Any) -> list[RowState]:
    if (
        not isinstance(block, dict)
        or not isinstance(block.get("columns"), list)
        or not isinstance(block.get("rows"), list)
    ):
        raise PayloadError(f"数据表“{name}”的结构无效")
    columns: list[Any] = block["columns"]
    content = set(content_columns(model))
    if columns[: len(HEAD_COLUMNS)] != HEAD_COLUMNS:
        raise PayloadError(f"数据表“{name}”缺少同步标识列")
    fields = columns[len(HEAD_COLUMNS) :]
    unknown = [c for c in fields if not isinstance(c, str) or c not in content]
    if unknown or len(set(fields)) != len(fields):
        raise PayloadError(f"数据表“{name}”含有未知或重复的列：{', '.join(map(str, unknown))}")
    table_cols = model.__table__.c
    width = len(columns)
    seen: set[str] = set()
    rows: list[RowState] = []
    for index, raw in enumerate(block["rows"], start=1):
        where = f"数据表“{name}”第 {index} 行"
        if not isinstance(raw, list) or len(raw) != width:
            raise PayloadError(f"{where}的列数不符")
        row_id, created, stamps, device = raw[:4]
        if not isinstance(row_id, str) or not _UUID_RE.match(row_id) or row_id in seen:
            raise PayloadError(f"{where}的标识无效或重复")
        seen.add(row_id)
        if not is_stamp(created) or not isinstance(device, str) or len(device) != 16:
            raise PayloadError(f"{where}的版本戳无效")
        stamps = stamps or {}
        if not isinstance(stamps, dict) or not all(
            k in content and is_stamp(v) and v >= created for k, v in stamps.items()
        ):
            raise PayloadError(f"{where}的字段版本戳无效")
        values: dict[str, Any] = {}
        for col, value in zip(fields, raw[4:], strict=True):
            column = table_cols[col]
            try:
                decoded = from_json(column, value)
            except (ValueError, TypeError):
                raise PayloadError(f"{where}的字段“{col}”取值无效") from None
            if decoded is None and not column.nullable:
                raise PayloadError(f"{where}的必填字段“{col}”为空")
            limit = getattr(column.type, "length", None)
            if limit and isinstance(decoded, str) and len(decoded) > limit:
                raise PayloadError(f"{where}的字段“{col}”超过 {limit} 个字符")
            values[col] = decoded
        rows.append(RowState(row_id, created, dict(stamps), device, values))
    return rows
