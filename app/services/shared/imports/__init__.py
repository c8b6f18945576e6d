"""Importing the counties' own rosters (.xlsx, .xls, .ods, CSV): the engine every kind shares.

Reading and cleaning live here; each module says what it imports and how it checks and writes
it (``app.services.families.imports`` …), with the module's own form checks.
"""

from __future__ import annotations

from app.services.shared.imports.engine import (
    ImportOptions,
    ImportResult,
    Table,
    plan_import,
    read_table,
    run_import,
    summarise,
    write_import,
)
from app.services.shared.imports.mappings import mapping_from_file, remember_mapping, remembered_mapping
from app.services.shared.imports.model import (
    CellKind,
    FieldSpec,
    ImportKindBase,
    ImportSummary,
    Plan,
    Problem,
    RowAction,
    RowOutcome,
    SourceRow,
)
from app.services.shared.imports.readers import SheetInfo, open_workbook
from app.services.shared.imports.report import write_report

__all__ = [
    "CellKind",
    "FieldSpec",
    "ImportKindBase",
    "ImportOptions",
    "ImportResult",
    "ImportSummary",
    "Plan",
    "Problem",
    "RowAction",
    "RowOutcome",
    "SheetInfo",
    "SourceRow",
    "Table",
    "mapping_from_file",
    "open_workbook",
    "plan_import",
    "read_table",
    "remember_mapping",
    "remembered_mapping",
    "run_import",
    "summarise",
    "write_import",
    "write_report",
]
