"""Reviewing what merges found: losing field values to restore or dismiss, possible duplicates to resolve.

A restore is an ordinary edit: the value goes back through a normal ORM save, so it gets a new
version stamp and a change-log entry and travels upward in the next bundle like any other change.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, select

from app.database.audit import AuditAction, record
from app.database.base import content_columns, synced_tables, table_of
from app.database.codec import from_json, to_json
from app.database.models import DuplicateCandidate, MergeConflict
from app.database.session import utcnow
from app.domain.errors import NotFound, UserInputError
from app.domain.permissions import Permission
from app.domain.records.sync import ConflictRow, DuplicateRow
from app.services.shared.scope import bank_shown, ensure_may, id_shown
from app.services.shared.workspace import Workspace
from app.sync.duplicates import ID_NUMBER_COLUMNS
from app.sync.merge import conflict_id

_STAMP_DEVICE_CHARS = 16  # a stamp ends with the 16 hex digits of the device that wrote it
_NAME_COLUMN = "name"  # person and family_member both name the person in "name"
_NOTE_CHARS = 2000


def list_conflicts(ws: Workspace, only_open: bool = True) -> list[ConflictRow]:
    """Losing values beside the current ones; ``only_open`` keeps those that need a person's review."""
    conflicts = table_of(MergeConflict)
    query = select(conflicts).order_by(
        conflicts.c.table_name, conflicts.c.row_id, conflicts.c.field, conflicts.c.losing_stamp
    )
    if only_open:
        query = query.where(conflicts.c.status == "open")
    with ws.db.reader.connect() as conn:
        found = list(conn.execute(query))
        current = _current_fields(conn, found)
        conn.rollback()
    rows = []
    for c in found:
        now = current.get((c.table_name, c.row_id))
        value, stamp = now.get(c.field, (None, "")) if now is not None else (None, "")
        row = ConflictRow(
            id=c.id,
            table_name=c.table_name,
            row_id=c.row_id,
            field=c.field,
            losing_value=_shown(ws, c.field, c.losing_value),
            losing_stamp=c.losing_stamp,
            losing_device=_device(c.losing_stamp),
            current_value=_shown(ws, c.field, value),
            current_stamp=stamp,
            current_device=_device(stamp),
            status=c.status,
            resolved_at=c.resolved_at,
            resolved_by=c.resolved_by,
            record_missing=now is None,
            needs_review=(
                c.status == "open"
                and now is not None
                and c.losing_value != value
                and _device(c.losing_stamp) != _device(stamp)
            ),
        )
        if row.needs_review or not only_open:
            rows.append(row)
    return rows


_ID_FIELDS = frozenset({"id_number", "head_id_number"})
_BANK_FIELDS = frozenset({"bank_account"})


def _shown(ws: Workspace, field: str, value: Any) -> Any:
    """A field's value as this user may see it: ID and bank numbers masked unless the role sees them."""
    if not isinstance(value, str):
        return value
    if field in _ID_FIELDS:
        return id_shown(ws, value)
    if field in _BANK_FIELDS:
        return bank_shown(ws, value)
    return value


def _device(stamp: str) -> str:
    return stamp[-_STAMP_DEVICE_CHARS:]


def _current_fields(
    conn: Connection, conflicts: list[Any]
) -> dict[tuple[str, str], dict[str, tuple[Any, str]]]:
    """(table, row) -> field -> (current value as bundles carry it, its version stamp)."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for c in conflicts:
        wanted[c.table_name].add(c.row_id)
    models = synced_tables()
    out: dict[tuple[str, str], dict[str, tuple[Any, str]]] = {}
    for name, ids in wanted.items():
        model = models.get(name)
        if model is None:
            continue  # a table this version no longer has: shown as a missing record
        table = table_of(model)
        content = content_columns(model)
        id_list = sorted(ids)
        for start in range(0, len(id_list), 500):
            query = select(table).where(table.c.id.in_(id_list[start : start + 500]))
            for r in conn.execute(query):
                stamps = r.field_stamps or {}
                out[(name, r.id)] = {
                    c: (to_json(getattr(r, c)), stamps.get(c, r.created_stamp)) for c in content
                }
    return out


def restore_conflict(ws: Workspace, conflict_id_: str) -> None:
    """Put a losing value back into its record, as a new edit; the conflict becomes "restored".

    The value it replaces is kept in its turn (as "superseded": replaced on purpose), so a restore
    loses nothing either.
    """
    ensure_may(ws, Permission.MERGE)
    with ws.db.session() as s:
        conflict = s.get(MergeConflict, conflict_id_)
        if conflict is None:
            raise NotFound("找不到这条冲突记录，可能已被处理。")
        if conflict.status == "restored":
            raise UserInputError("这个值已经恢复过，无需再次恢复。")
        model = synced_tables().get(conflict.table_name)
        if model is None or conflict.field not in content_columns(model):
            raise UserInputError(
                f"无法恢复：本程序没有数据表“{conflict.table_name}”的字段“{conflict.field}”。"
            )
        target = s.get(model, conflict.row_id)
        if target is None:
            raise NotFound("无法恢复：这条记录在本机不存在。")
        column = table_of(model).c[conflict.field]
        try:
            value = from_json(column, conflict.losing_value)  # type: ignore[arg-type]
        except (ValueError, TypeError):
            raise UserInputError(f"无法恢复：保存的值不适合字段“{conflict.field}”。") from None
        current = to_json(getattr(target, conflict.field))
        if current != conflict.losing_value:
            replaced_stamp = target.field_stamp(conflict.field)
            replaced_id = conflict_id(conflict.table_name, conflict.row_id, conflict.field, replaced_stamp)
            if s.get(MergeConflict, replaced_id) is None:
                s.add(
                    MergeConflict(
                        id=replaced_id,
                        table_name=conflict.table_name,
                        row_id=conflict.row_id,
                        field=conflict.field,
                        losing_value=current,
                        losing_stamp=replaced_stamp,
                        status="superseded",
                        resolved_at=utcnow(),
                        resolved_by=ws.username,
                    )
                )
            setattr(target, conflict.field, value)  # the flush stamps it and logs the change
        conflict.status = "restored"
        conflict.resolved_at = utcnow()
        conflict.resolved_by = ws.username
        record(
            s,
            ws.username,
            AuditAction.EDIT,
            f"{conflict.table_name}:{conflict.row_id}",
            {"action": "restore_conflict", "conflict": conflict.id, "field": conflict.field},
        )


def keep_current(ws: Workspace, conflict_id_: str) -> None:
    """A person looked at a losing value and keeps the current one: the conflict becomes "kept"."""
    ensure_may(ws, Permission.MERGE)
    with ws.db.session() as s:
        conflict = s.get(MergeConflict, conflict_id_)
        if conflict is None:
            raise NotFound("找不到这条冲突记录，可能已被处理。")
        if conflict.status == "restored":
            raise UserInputError("这个值已经恢复，不能再标记为保留现值。")
        conflict.status = "kept"
        conflict.resolved_at = utcnow()
        conflict.resolved_by = ws.username
        record(
            s,
            ws.username,
            AuditAction.EDIT,
            f"{conflict.table_name}:{conflict.row_id}",
            {"action": "keep_current", "conflict": conflict.id, "field": conflict.field},
        )


def list_duplicates(ws: Workspace, only_open: bool = True) -> list[DuplicateRow]:
    """Pairs of records with the same ID number, with both names; open ones first to resolve."""
    cand = table_of(DuplicateCandidate)
    query = select(cand).order_by(cand.c.table_name, cand.c.id_number, cand.c.row_a, cand.c.row_b)
    if only_open:
        query = query.where(cand.c.status == "open")
    with ws.db.reader.connect() as conn:
        found = list(conn.execute(query))
        names = _names(conn, found)
        conn.rollback()
    return [
        DuplicateRow(
            id=d.id,
            table_name=d.table_name,
            id_number=id_shown(ws, d.id_number),
            row_a=d.row_a,
            row_b=d.row_b,
            name_a=names.get((d.table_name, d.row_a)),
            name_b=names.get((d.table_name, d.row_b)),
            status=d.status,
            note=d.note,
        )
        for d in found
    ]


def _names(conn: Connection, candidates: list[Any]) -> dict[tuple[str, str], str]:
    wanted: dict[str, set[str]] = defaultdict(set)
    for d in candidates:
        wanted[d.table_name].update((d.row_a, d.row_b))
    models = synced_tables()
    out: dict[tuple[str, str], str] = {}
    for name, ids in wanted.items():
        if name not in ID_NUMBER_COLUMNS:
            continue
        table = table_of(models[name])
        id_list = sorted(ids)
        for start in range(0, len(id_list), 500):
            query = select(table.c.id, table.c[_NAME_COLUMN]).where(
                table.c.id.in_(id_list[start : start + 500]), table.c.deleted.is_(False)
            )
            out.update({(name, row_id): person for row_id, person in conn.execute(query)})
    return out


def resolve_duplicate(ws: Workspace, duplicate_id: str, same_person: bool, note: str | None) -> None:
    """Record a person's decision on a duplicate candidate; the records themselves are left as they are.

    Merging the two records (or deleting one) is a separate, deliberate edit: deciding is never
    allowed to remove anyone's data.
    """
    note = (note or "").strip() or None
    if note is not None and len(note) > _NOTE_CHARS:
        raise UserInputError(f"说明不能超过 {_NOTE_CHARS} 个字。")
    ensure_may(ws, Permission.MERGE)
    with ws.db.session() as s:
        candidate = s.get(DuplicateCandidate, duplicate_id)
        if candidate is None:
            raise NotFound("找不到这条疑似重复记录，可能已被处理或两条记录已不再重复。")
        candidate.status = "same_person" if same_person else "different"
        candidate.note = note
        record(
            s,
            ws.username,
            AuditAction.EDIT,
            f"{candidate.table_name}:{candidate.row_a}",
            {"action": "resolve_duplicate", "duplicate": candidate.id, "status": candidate.status},
        )
