"""特殊家庭: a family with members and 三个全覆盖, the list and search, visits, insurance, visit sheets.

The names below are the module's public actions, for the UI and for other modules' services.
"""

from __future__ import annotations

from app.services.families.listing import (
    list_family_ids,
    load_family_rows,
)
from app.services.families.register import (
    can_unmask,
    family_detail,
    family_divisions,
    find_by_id_number,
    known_id_regions,
    mark_family_deleted,
    save_family,
    set_coverage,
    unmask_member,
    village_choices,
)

__all__ = [
    "can_unmask",
    "family_detail",
    "family_divisions",
    "find_by_id_number",
    "known_id_regions",
    "list_family_ids",
    "load_family_rows",
    "mark_family_deleted",
    "save_family",
    "set_coverage",
    "unmask_member",
    "village_choices",
]
