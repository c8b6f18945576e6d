"""Reference data issued from above (catalogue, indicators, targets): same ids and stamps everywhere.

Rows carry the shared reference stamp and an id derived from their natural key, so every laptop
holding the same setup package holds identical rows and they never travel in bundles. A newer
package updates them in place unless someone edited the row locally (then its stamp moved on).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, select

from app.database.base import content_columns, scalar_defaults, table_of
from app.database.session import utcnow
from app.domain.hlc import REFERENCE_STAMP, ZERO_DEVICE

_NAMESPACE = uuid.UUID("0f5a7c9e-3b1d-4e2f-8a6c-9d0b1e2f3a4b")


def reference_id(kind: str, key: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{key}"))


def upsert_reference(
    conn: Connection,
    model: type[Any],
    kind: str,
    key_field: str | tuple[str, ...],
    rows: Iterable[Mapping[str, Any]],
) -> tuple[int, int]:
    """Insert new reference rows, refresh untouched ones; returns (inserted, updated)."""
    table = table_of(model)
    content = content_columns(model)
    fields = (key_field,) if isinstance(key_field, str) else key_field
    now = utcnow()
    existing = {r.id: r for r in conn.execute(select(table.c.id, table.c.stamp))}
    inserts, updated = [], 0
    for row in rows:
        rid = reference_id(kind, "|".join(str(row[f]) for f in fields))
        values = {c: row.get(c) for c in content if c in row}
        values.setdefault("deleted", False)
        found = existing.get(rid)
        if found is None:
            record = {**dict.fromkeys(content), **scalar_defaults(model), **values}
            record.update(
                id=rid,
                created_stamp=REFERENCE_STAMP,
                stamp=REFERENCE_STAMP,
                field_stamps=None,
                device_id=ZERO_DEVICE,
                created_at=now,
                updated_at=now,
            )
            inserts.append(record)
        elif found.stamp == REFERENCE_STAMP:
            conn.execute(table.update().where(table.c.id == rid).values(updated_at=now, **values))
            updated += 1
    if inserts:
        conn.execute(table.insert(), inserts)
    return len(inserts), updated
