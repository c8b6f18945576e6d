"""An import from start to end: read the sheet, find and map the table, clean the cells, let the
kind check and plan every row, then write the good rows in one transaction (or nothing at all).

The wizard calls the steps one by one (``read_table`` → ``plan_import`` → ``write_import``); the
command line calls ``run_import``. Nothing is written on a dry run, on Cancel or on any failure.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.database.audit import AuditAction, record
from app.domain.errors import Cancelled as CancelledError
from app.domain.errors import UserInputError
from app.services.shared.imports.cells import CellError, cleaner_for
from app.services.shared.imports.model import (
    Cancelled,
    CellKind,
    CellProblem,
    ImportKindBase,
    ImportSummary,
    Plan,
    Progress,
    RowAction,
    RowOutcome,
    SourceRow,
)
from app.services.shared.imports.readers import SheetInfo, Workbook, open_workbook
from app.services.shared.imports.table import Matcher, TableLayout, data_rows, fill_merged, find_layout
from app.services.shared.scope import ensure_writable
from app.services.shared.workspace import Workspace


@contextmanager
def _bulk() -> Iterator[None]:
    """No cyclic garbage collection while a roster is read, checked or written: the rows make
    millions of small objects that are all still in use, and each collection would walk them all
    (it made a 50 000-row import grow faster than its size)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@dataclass
class ImportOptions:
    """What the user chose (the wizard's pages, or the command's options)."""

    sheet: str | None = None
    header_row: int | None = None  # 0-based; None: found by the headers' names
    mapping: dict[str, int] | None = None  # field key → column; None: by the headers' names
    skip_hidden: bool = False  # leave out rows hidden in the sheet (shown in the preview anyway)


@dataclass
class Table:
    """A sheet read and mapped: what the preview shows before anything is checked."""

    path: Path
    format: str
    encoding: str
    sheets: list[SheetInfo]
    sheet: str
    raw: list[list[Any]]  # the sheet's cells, merged ranges filled
    layout: TableLayout
    mapping: dict[str, int]
    rows: list[SourceRow]
    missing_required: list[str] = field(default_factory=list)  # labels of required fields not mapped
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)

    @property
    def headers(self) -> tuple[str, ...]:
        return self.layout.headers


def _read_table(path: Path | str, kind: ImportKindBase, options: ImportOptions | None = None) -> Table:
    """Open, find the header, map the columns and clean every cell; raises UserInputError."""
    options = options or ImportOptions()
    book: Workbook = open_workbook(path)
    sheet = book.sheet(options.sheet)
    raw = fill_merged(sheet)
    matcher = Matcher(kind.fields)
    layout = find_layout(raw, matcher, options.header_row)
    if layout is None:
        names = "、".join(f.label for f in kind.fields if f.required) or kind.fields[0].label
        raise UserInputError(
            f"在工作表“{sheet.name}”的前 30 行里找不到表头（如“{names}”）。请确认选对了工作表，"
            "或在导入向导中手动指定表头所在的行。"
        )
    mapping = dict(options.mapping) if options.mapping is not None else matcher.mapping(layout.headers)
    width = max(len(layout.headers), max((len(r) for r in raw), default=0))
    bad = [k for k, c in mapping.items() if not 0 <= c < width or k not in {f.key for f in kind.fields}]
    if bad:
        raise UserInputError(f"列对应关系有误：{'、'.join(bad)} 指向不存在的列或字段。")
    missing = [f.label for f in kind.fields if f.required and f.key not in mapping]
    rows = _clean_rows(data_rows(raw, layout), mapping, kind, sheet.hidden_rows)
    return Table(
        book.path,
        book.format,
        book.encoding,
        book.sheets,
        sheet.name,
        raw,
        layout,
        mapping,
        rows,
        missing,
        sheet.merged,
    )


_UNIQUE = (CellKind.ID_NUMBER, CellKind.BANK_ACCOUNT)  # one value per person: nothing to reuse


def _clean_column(
    values: list[Any], clean: Callable[[Any], Any], memo: bool
) -> tuple[list[Any], dict[int, str]]:
    """One column cleaned: results, and the messages of the cells that could not be read.

    Column by column, because a column's cells repeat (villages, categories, relations, dates):
    each distinct cell is cleaned once, the rest are dictionary look-ups in a comprehension."""
    problems: dict[int, str] = {}
    if memo:
        seen: dict[tuple[type, Any], Any] = {}
        for v in values:
            key = (type(v), v)
            if key not in seen:
                try:
                    seen[key] = clean(v)
                except CellError as exc:
                    seen[key] = exc
        out = [seen[(type(v), v)] for v in values]
    else:
        out = []
        blank = clean(None)
        for v in values:
            if v is None:
                out.append(blank)
                continue
            try:
                out.append(clean(v))
            except CellError as exc:
                out.append(exc)
    for i, found in enumerate(out):
        if type(found) is CellError:
            problems[i] = found.message
            out[i] = None
    return out, problems


def _clean_rows(
    rows: list[Any], mapping: dict[str, int], kind: ImportKindBase, hidden: frozenset[int]
) -> list[SourceRow]:
    """Every mapped cell through its column's cleaner (the import's hottest loop)."""
    keys = list(mapping)
    columns: list[list[Any]] = []
    problems: dict[int, list[CellProblem]] = {}
    for key in keys:
        col = mapping[key]
        spec = kind.field(key)
        raw = [r.cells[col] if col < len(r.cells) else None for r in rows]
        cleaned, bad = _clean_column(raw, cleaner_for(spec), spec.kind not in _UNIQUE)
        columns.append(cleaned)
        for i, message in bad.items():
            problems.setdefault(i, []).append(CellProblem(key, message))
    values = (
        [dict(zip(keys, t, strict=True)) for t in zip(*columns, strict=True)] if keys else [{} for _ in rows]
    )
    return [
        SourceRow(r.index + 1, r.cells, v, tuple(problems.get(i, ())), r.index in hidden)
        for i, (r, v) in enumerate(zip(rows, values, strict=True))
    ]


def _plan_import(
    ws: Workspace,
    kind: ImportKindBase,
    table: Table,
    options: ImportOptions | None = None,
    progress: Progress = None,
    cancelled: Cancelled = None,
) -> Plan:
    """Check every row and say, per row, new / update / refused (the preview); writes nothing."""
    options = options or ImportOptions()
    if table.missing_required:
        raise UserInputError(
            f"表格中没有找到必填的列：{'、'.join(table.missing_required)}。请在列对应关系中指定这些列。"
        )
    rows = [r for r in table.rows if not (options.skip_hidden and r.hidden)]
    plan = kind.plan(ws, rows, progress, cancelled)
    if options.skip_hidden:
        skipped = [RowOutcome(r.number, RowAction.SKIPPED, label="隐藏行") for r in table.rows if r.hidden]
        plan.outcomes = sorted(plan.outcomes + skipped, key=lambda o: o.number)
    return plan


def summarise(plan: Plan, *, written: bool) -> ImportSummary:
    counts = {a: 0 for a in RowAction}
    for o in plan.outcomes:
        counts[o.action] += 1
    return ImportSummary(
        read=len(plan.outcomes),
        new=counts[RowAction.NEW],
        updated=counts[RowAction.UPDATE],
        refused=counts[RowAction.REFUSED],
        skipped=counts[RowAction.SKIPPED],
        written=written,
    )


def _write_import(
    ws: Workspace,
    kind: ImportKindBase,
    table: Table,
    plan: Plan,
    progress: Progress = None,
    cancelled: Cancelled = None,
) -> ImportSummary:
    """Write the plan's good rows in one transaction, audited with the file name and the counts.

    Cancel or any failure rolls everything back: the database is as it was.
    """
    ensure_writable(ws)
    summary = summarise(plan, written=True)
    with ws.db.session() as s:
        kind.write(ws, s, plan, progress, cancelled)
        if cancelled is not None and cancelled():
            raise CancelledError()
        record(
            s,
            ws.username,
            AuditAction.IMPORT,
            f"{kind.label}：{table.path.name}",
            {
                "kind": kind.name,
                "file": table.path.name,
                "sheet": table.sheet,
                "read": summary.read,
                "new": summary.new,
                "updated": summary.updated,
                "refused": summary.refused,
                "skipped": summary.skipped,
            },
        )
    return summary


@dataclass
class ImportResult:
    table: Table
    plan: Plan
    summary: ImportSummary


def run_import(
    ws: Workspace,
    kind: ImportKindBase,
    path: Path | str,
    options: ImportOptions | None = None,
    *,
    dry_run: bool = False,
    progress: Progress = None,
    cancelled: Cancelled = None,
) -> ImportResult:
    """The whole import as one action (the command line): read, plan, and unless a dry run, write."""
    if not dry_run:
        ensure_writable(ws)
    table = read_table(path, kind, options)
    plan = plan_import(ws, kind, table, options, progress, cancelled)
    if cancelled is not None and cancelled():
        raise CancelledError()
    if dry_run:
        return ImportResult(table, plan, summarise(plan, written=False))
    return ImportResult(table, plan, write_import(ws, kind, table, plan, progress, cancelled))


def read_table(path: Path | str, kind: ImportKindBase, options: ImportOptions | None = None) -> Table:
    """Open, find the header, map the columns and clean every cell; raises UserInputError."""
    with _bulk():
        return _read_table(path, kind, options)


def plan_import(
    ws: Workspace,
    kind: ImportKindBase,
    table: Table,
    options: ImportOptions | None = None,
    progress: Progress = None,
    cancelled: Cancelled = None,
) -> Plan:
    """Check every row and say, per row, new / update / refused (the preview); writes nothing."""
    with _bulk():
        return _plan_import(ws, kind, table, options, progress, cancelled)


def write_import(
    ws: Workspace,
    kind: ImportKindBase,
    table: Table,
    plan: Plan,
    progress: Progress = None,
    cancelled: Cancelled = None,
) -> ImportSummary:
    """Write the plan's good rows in one transaction, audited with the file name and the counts.

    Cancel or any failure rolls everything back: the database is as it was.
    """
    with _bulk():
        return _write_import(ws, kind, table, plan, progress, cancelled)
