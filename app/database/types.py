"""Column types shared by the models: enumerations stored as their Chinese value, JSON as text."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any, Generic, TypeVar

from sqlalchemy import String, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

E = TypeVar("E", bound=StrEnum)


class EnumText(TypeDecorator[E], Generic[E]):
    """Stores a StrEnum as its value. Plain text keeps SQLite and PostgreSQL identical and lets a
    new member be added without a migration."""

    impl = String
    cache_ok = True

    def __init__(self, enum_cls: type[E], length: int = 24) -> None:
        super().__init__(length)
        self.enum_cls = enum_cls

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return self.enum_cls(value).value

    def process_result_value(self, value: Any, dialect: Dialect) -> E | None:
        if value is None:
            return None
        return self.enum_cls(value)


class JsonText(TypeDecorator[Any]):
    """JSON kept as compact UTF-8 text with sorted keys, so equal values give equal bytes."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        return json.loads(value)
