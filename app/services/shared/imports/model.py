"""The shapes of an import: what a kind of record asks for, a sheet as read, each row's outcome."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class CellKind(StrEnum):
    """How a column's cells are cleaned before the kind's checks see them."""

    TEXT = "text"
    NAME = "name"  # a person's name: spaces between Chinese characters dropped
    CODE = "code"  # a number kept as text (档案编号): 123.0 → "123"
    ID_NUMBER = "id_number"
    PHONE = "phone"
    BANK_ACCOUNT = "bank_account"
    DATE = "date"
    INTEGER = "integer"  # small counts and grades; 一级 / 1级 / 一 → 1
    MONEY = "money"  # yuan in the sheet → fen
    BOOL = "bool"
    CHOICE = "choice"  # one of FieldSpec.choices (synonyms allowed)


@dataclass(frozen=True)
class FieldSpec:
    """One thing a kind reads from a column; ``synonyms`` are the headers counties use for it."""

    key: str
    label: str
    kind: CellKind = CellKind.TEXT
    synonyms: tuple[str, ...] = ()
    required: bool = False
    choices: dict[str, str] = field(default_factory=dict)  # what people write → the stored value

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.synonyms)


@dataclass(frozen=True)
class CellProblem:
    """A cell that could not be read as its column asks (the row is refused)."""

    key: str
    message: str


@dataclass(frozen=True)
class SourceRow:
    """A data row of the sheet: its row number as Excel shows it, the raw cells, the cleaned values."""

    number: int  # 1-based, as in Excel
    cells: Sequence[Any]  # as read (a list: not copied, a roster can be large)
    values: dict[str, Any]
    problems: tuple[CellProblem, ...] = ()
    hidden: bool = False


class RowAction(StrEnum):
    NEW = "新增"
    UPDATE = "更新"
    REFUSED = "拒绝"
    SKIPPED = "跳过"  # a hidden row the user chose to leave out


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a look) in a row, in Chinese; ``key`` names the column, if one."""

    message: str
    key: str | None = None
    is_error: bool = True


@dataclass
class RowOutcome:
    number: int
    action: RowAction
    problems: list[Problem] = field(default_factory=list)
    label: str = ""  # who or what the row is, for the preview (a name; never an ID number)


@dataclass(frozen=True)
class ImportSummary:
    read: int
    new: int
    updated: int
    refused: int
    skipped: int = 0
    written: bool = False

    def __str__(self) -> str:
        text = f"读取 {self.read} 行：新增 {self.new}，更新 {self.updated}，拒绝 {self.refused}"
        if self.skipped:
            text += f"，跳过隐藏行 {self.skipped}"
        return text + ("" if self.written else "（未写入）")


Progress = Callable[[int, int], None] | None
Cancelled = Callable[[], bool] | None


@dataclass
class Plan:
    """What a kind decided for every row: outcomes for the preview, and what to write."""

    outcomes: list[RowOutcome]
    payload: Any = None  # the kind's own description of the writes, handed back to ``write``


class ImportKindBase:
    """A kind of record that can be imported (特殊家庭, 会员, 志愿者 …): its columns and its rules.

    ``plan`` checks every row with the module's own checks and looks up, in bulk, what is already
    stored; ``write`` writes the plan's good rows inside the caller's transaction.
    """

    name: str = ""
    label: str = ""
    fields: tuple[FieldSpec, ...] = ()

    def field(self, key: str) -> FieldSpec:
        return next(f for f in self.fields if f.key == key)

    def plan(self, ws: Any, rows: Sequence[SourceRow], progress: Progress, cancelled: Cancelled) -> Plan:
        raise NotImplementedError

    def write(self, ws: Any, session: Any, plan: Plan, progress: Progress, cancelled: Cancelled) -> None:
        raise NotImplementedError
