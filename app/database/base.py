"""Declarative base and the sync identity every synced table carries."""

from __future__ import annotations

import os
import time
from datetime import datetime
from typing import Any, ClassVar, cast

from sqlalchemy import Boolean, DateTime, MetaData, String, Table
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.database.types import JsonText

NAMING = {
    "ix": "ix_%(table_name)s__%(column_0_N_name)s",  # "__" keeps project.catalogue_code apart
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Columns that describe a row's sync state rather than its content: never merged field by field.
SYNC_COLUMNS = frozenset(
    {"id", "created_stamp", "stamp", "field_stamps", "device_id", "created_at", "updated_at"}
)


_UUID7_VERSION_AND_VARIANT = (0x7 << 76) | (0b10 << 62)
_LOW_62 = (1 << 62) - 1


def new_id() -> str:
    """A new record id: a time-ordered UUID (version 7, RFC 9562): 48 bits of Unix milliseconds, then
    74 random bits. New rows land at the end of the primary-key and change-log indexes instead of
    all over them, which keeps a merge's or a big save's writes to few pages; the random bits keep
    ids from different laptops apart."""
    rand = int.from_bytes(os.urandom(10)) >> 6  # 74 bits
    value = (time.time_ns() // 1_000_000 << 80) | ((rand >> 62) << 64) | (rand & _LOW_62)
    h = f"{value | _UUID7_VERSION_AND_VARIANT:032x}"  # str(uuid.UUID(int=...)), without building one
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Synced:
    """Mixin for every table that travels in sync bundles.

    Nothing synced is ever hard-deleted: ``deleted`` is a tombstone, merged like any field.
    A field's version stamp is ``field_stamps[name]`` when it changed after the insert, otherwise
    ``created_stamp`` — sparse, because most rows are never edited.
    """

    __synced__: ClassVar[bool] = True

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_stamp: Mapped[str] = mapped_column(String(36))
    stamp: Mapped[str] = mapped_column(String(36), index=True)
    field_stamps: Mapped[dict[str, str] | None] = mapped_column(JsonText)
    device_id: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    def field_stamp(self, name: str) -> str:
        return (self.field_stamps or {}).get(name, self.created_stamp)


def synced_tables() -> dict[str, type[Any]]:
    """Every synced model by table name (models must be imported first: see ``models``)."""
    return {
        m.class_.__tablename__: m.class_
        for m in Base.registry.mappers
        if getattr(m.class_, "__synced__", False)
    }


def table_of(model: type[Any]) -> Table:
    """The Core table of a mapped class, typed as such (``__table__`` is typed loosely)."""
    return cast(Table, model.__table__)


def scalar_defaults(model: type[Any]) -> dict[str, Any]:
    """The Python-side scalar defaults of a model's content columns (``deleted`` is False)."""
    out = {
        c.name: getattr(c.default, "arg", None)
        for c in table_of(model).columns
        if c.name not in SYNC_COLUMNS and c.default is not None and c.default.is_scalar
    }
    out["deleted"] = False
    return out


def content_columns(model: type[Any]) -> list[str]:
    """The merged fields of a synced model, in table order; includes ``deleted``."""
    return [c.name for c in model.__table__.columns if c.name not in SYNC_COLUMNS]
