"""Local tables that never travel: settings, the change log, users, the audit log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.database.base import Base
from app.database.types import EnumText, JsonText
from app.domain.enums import ChangeOp, UserRole


class Meta(Base):
    """Key/value settings of this database: device id, division, role, clock."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ChangeLogEntry(Base):
    """One insert, update or delete of a synced row, written in the writing transaction.

    ``seq`` only grows (AUTOINCREMENT never reuses a number), so "changes after seq N" is what a
    receiver has not acknowledged yet.
    """

    __tablename__ = "change_log"
    __table_args__ = {"sqlite_autoincrement": True}  # noqa: RUF012 (SQLAlchemy reads it once)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36), index=True)
    op: Mapped[ChangeOp] = mapped_column(EnumText(ChangeOp, 8))
    changes: Mapped[dict[str, object]] = mapped_column(JsonText)  # field -> new value
    stamp: Mapped[str] = mapped_column(String(36))  # every field in this entry carries it
    device_id: Mapped[str] = mapped_column(String(16))
    recorded_at: Mapped[datetime] = mapped_column(DateTime)


class UserAccount(Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(40))
    role: Mapped[UserRole] = mapped_column(EnumText(UserRole, 8))
    division_code: Mapped[str] = mapped_column(String(12))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class AuditEntry(Base):
    """Append-only audit log; ``entry_hash`` chains each entry to the one before."""

    __tablename__ = "audit_entry"
    __table_args__ = {"sqlite_autoincrement": True}  # noqa: RUF012 (SQLAlchemy reads it once)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    username: Mapped[str | None] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str | None] = mapped_column(String(80))
    detail: Mapped[dict[str, object] | None] = mapped_column(JsonText)
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64))
