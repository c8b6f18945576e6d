"""The open database: sessions whose every flush stamps synced rows and writes the change log."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, event, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from app.database.base import SYNC_COLUMNS, Synced, content_columns, new_id, scalar_defaults
from app.database.codec import to_json
from app.database.engine import reader
from app.database.models import ChangeLogEntry, Meta
from app.domain.enums import ChangeOp
from app.domain.errors import FpaError
from app.domain.hlc import HybridClock

META_DEVICE = "device_id"
META_DIVISION = "division_code"
META_ROLE = "node_role"
META_CLOCK = "clock_last"
META_CREATED = "created_at"


class HardDeleteError(FpaError):
    """A synced row was deleted with ``session.delete``; synced rows only get tombstones."""


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Database:
    """An opened database file (or server). Create it with ``app.database.migrate.open_database``."""

    def __init__(
        self,
        engine: Engine,
        url: str,
        key: bytes | None = None,
        *,
        open_clock: Callable[[Engine, str, str | None], HybridClock] | None = None,
    ) -> None:
        self.engine = engine
        self.url = url
        self.key = key  # the SQLCipher key of an encrypted file; None for a plain file or a server
        self.reader = reader(engine)  # for reads: no write lock taken
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._readers = sessionmaker(self.reader, expire_on_commit=False)
        event.listen(self._sessions, "before_flush", _stamp_and_log)
        with self._readers() as s:
            device = s.get(Meta, META_DEVICE)
            clock_last = s.get(Meta, META_CLOCK)
            if device is None:
                raise FpaError("数据库缺少设备标识，可能不是本程序创建的数据库。")
            self.device_id = device.value
            stored_clock = clock_last.value if clock_last else None
        # The opener passes app.database.clock.open_clock, which repairs a damaged clock and audits
        # the repair; the audit log sits above this module, so it is handed in rather than imported.
        self.clock: HybridClock = (
            open_clock(engine, self.device_id, stored_clock)
            if open_clock
            else HybridClock(self.device_id, stored_clock)
        )

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed at the end of the block, rolled back on any exception."""
        with self._sessions() as s:
            s.info["db"] = self
            with s.begin():
                yield s

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; it is closed without a commit, so a stray write is dropped.

        Objects read here stay usable (detached, attributes loaded) after the block.
        """
        with self._readers() as s:
            s.info["db"] = self
            yield s

    def meta(self, key: str) -> str | None:
        with self.read() as s:
            row = s.get(Meta, key)
            return row.value if row else None

    def dispose(self) -> None:
        self.engine.dispose()


def soft_delete(session: Session, row: Synced) -> None:
    """Mark a synced row deleted (a tombstone the merge carries), never remove it."""
    row.deleted = True


def save_clock(session: Session, clock: HybridClock) -> None:
    row = session.get(Meta, META_CLOCK)
    if row is None:
        session.add(Meta(key=META_CLOCK, value=clock.last))
    else:
        row.value = clock.last


def _stamp_and_log(session: Session, _flush_context: Any, _instances: Any) -> None:
    db: Database | None = session.info.get("db")
    if session.info.get("merging"):
        return  # the merge writes its own stamps and change entries
    synced_new = [o for o in session.new if isinstance(o, Synced)]
    synced_dirty = [o for o in session.dirty if isinstance(o, Synced) and session.is_modified(o)]
    if any(isinstance(o, Synced) for o in session.deleted):
        raise HardDeleteError("同步数据只能标记删除，不能直接删除（内部错误）。")
    if not synced_new and not synced_dirty:
        return
    if db is None:
        raise FpaError("内部错误：会话未通过 Database.session() 打开。")
    now = utcnow()
    entries: list[ChangeLogEntry] = []
    for obj in synced_new:
        stamp = db.clock.now()
        if obj.id is None:
            obj.id = new_id()
        if obj.deleted is None:
            obj.deleted = False
        _apply_defaults(obj)
        obj.created_stamp = stamp
        obj.stamp = stamp
        obj.field_stamps = None
        obj.device_id = db.device_id
        obj.created_at = obj.updated_at = now
        values = {c: to_json(getattr(obj, c)) for c in content_columns(type(obj))}
        entries.append(_entry(obj, ChangeOp.INSERT, values, stamp, db.device_id, now))
    for obj in synced_dirty:
        state = inspect(obj)
        changed = {
            name: to_json(getattr(obj, name))
            for name in content_columns(type(obj))
            if state.attrs[name].history.has_changes()
        }
        changed = {k: v for k, v in changed.items() if k not in SYNC_COLUMNS}
        if not changed:
            continue
        stamp = db.clock.now()
        stamps = dict(obj.field_stamps or {})
        for name in changed:
            stamps[name] = stamp
        obj.field_stamps = stamps
        obj.stamp = stamp
        obj.device_id = db.device_id
        obj.updated_at = now
        deleted_now = changed.get("deleted") is True
        op = ChangeOp.DELETE if deleted_now else ChangeOp.UPDATE
        entries.append(_entry(obj, op, changed, stamp, db.device_id, now))
    if entries:
        session.add_all(entries)
        save_clock(session, db.clock)


def _apply_defaults(obj: Synced) -> None:
    """Fill Python-side column defaults now, so the change entry holds the values stored."""
    for name, value in scalar_defaults(type(obj)).items():
        if getattr(obj, name) is None:
            setattr(obj, name, value)


def _entry(
    obj: Synced, op: ChangeOp, values: dict[str, Any], stamp: str, device: str, now: datetime
) -> ChangeLogEntry:
    return ChangeLogEntry(
        table_name=type(obj).__tablename__,  # type: ignore[attr-defined]
        row_id=obj.id,
        op=op,
        changes=values,
        stamp=stamp,
        device_id=device,
        recorded_at=now,
    )


def last_change_seq(session: Session) -> int:
    return session.scalar(select(ChangeLogEntry.seq).order_by(ChangeLogEntry.seq.desc()).limit(1)) or 0
