"""绩效评价: indicators computed from the records for any division and period, traced back to
the records behind them, completeness of reporting, and period locks."""

from app.services.evaluation.completeness import reporting
from app.services.evaluation.definitions import default_definitions, load_definitions
from app.services.evaluation.drill import records_behind, records_short
from app.services.evaluation.locks import list_locks, lock_period, unlock_period
from app.services.evaluation.population import save_populations, township_populations
from app.services.evaluation.report import indicator_table
from app.services.evaluation.sheet import (
    definition,
    division_values,
    indicator_sheet,
    indicator_sheet_json,
    indicator_sheets_below,
    sheet_json_objects,
)

__all__ = [
    "default_definitions",
    "definition",
    "division_values",
    "indicator_sheet",
    "indicator_sheet_json",
    "indicator_sheets_below",
    "indicator_table",
    "list_locks",
    "load_definitions",
    "lock_period",
    "records_behind",
    "records_short",
    "reporting",
    "save_populations",
    "sheet_json_objects",
    "township_populations",
    "unlock_period",
]
