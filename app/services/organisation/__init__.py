"""组织建设: associations with their elections, people in their roles, 阵地.

The names below are the module's public actions, for the UI and for other modules' services.
"""

from __future__ import annotations

from app.services.organisation.associations import (
    association_choices,
    association_detail,
    division_choices,
    list_association_ids,
    load_association_rows,
    mark_association_deleted,
    record_term,
    save_association,
)
from app.services.organisation.people import (
    end_role,
    find_people_by_id_number,
    instructor_coverage,
    list_person_ids,
    load_person_rows,
    mark_role_deleted,
    person_role_detail,
    save_person,
    unmask_person,
    villages_below_instructor_target,
)
from app.services.organisation.positions import (
    list_position_ids,
    load_position_rows,
    mark_position_deleted,
    position_counts,
    position_detail,
    save_position,
)

__all__ = [
    "association_choices",
    "association_detail",
    "division_choices",
    "end_role",
    "find_people_by_id_number",
    "instructor_coverage",
    "list_association_ids",
    "list_person_ids",
    "list_position_ids",
    "load_association_rows",
    "load_person_rows",
    "load_position_rows",
    "mark_association_deleted",
    "mark_position_deleted",
    "mark_role_deleted",
    "person_role_detail",
    "position_counts",
    "position_detail",
    "record_term",
    "save_association",
    "save_person",
    "save_position",
    "unmask_person",
    "villages_below_instructor_target",
]
