"""Converts column values to and from the JSON values the change log and bundles carry."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer
from sqlalchemy.sql.schema import Column

JsonValue = str | int | bool | None | dict[str, Any] | list[Any]


def to_json(value: Any) -> JsonValue:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return value
    raise TypeError(f"cannot encode {type(value).__name__} for the change log")


def from_json(column: Column[Any], value: JsonValue) -> Any:
    """The Python value for ``column`` from a JSON value; raises ValueError on a wrong type."""
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise ValueError(f"{column.name}: expected true/false")
        return value
    if isinstance(kind, Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{column.name}: expected an integer")
        return value
    if isinstance(kind, DateTime):
        if not isinstance(value, str):
            raise ValueError(f"{column.name}: expected a time")
        return datetime.fromisoformat(value)
    if isinstance(kind, Date):
        if not isinstance(value, str):
            raise ValueError(f"{column.name}: expected a date")
        return date.fromisoformat(value)
    enum_cls = getattr(kind, "enum_cls", None)
    if enum_cls is not None:
        return enum_cls(value)
    if not isinstance(value, str):
        raise ValueError(f"{column.name}: expected text")
    return value
