"""特殊家庭: a family with members and 三个全覆盖, the list and search, visits, insurance, visit sheets.

The names below are the module's public actions, for the UI and for other modules' services.
"""

from __future__ import annotations

from app.services.families.detail import family_detail, family_divisions, village_choices
from app.services.families.listing import list_family_ids, load_family_rows, missing_clause
from app.services.families.numbers import can_unmask, find_by_id_number, unmask_member
from app.services.families.register import mark_family_deleted, save_family, set_coverage
from app.services.shared.divisions import known_id_regions

__all__ = [
    "can_unmask",
    "family_detail",
    "family_divisions",
    "find_by_id_number",
    "known_id_regions",
    "list_family_ids",
    "load_family_rows",
    "mark_family_deleted",
    "missing_clause",
    "save_family",
    "set_coverage",
    "unmask_member",
    "village_choices",
]
