"""组织建设: associations with their elections, people in their roles, 阵地.

The names below are the module's public actions, for the UI and for other modules' services.
"""

from __future__ import annotations

from app.services.organisation.associations import (
    association_choices,
    association_detail,
    list_association_ids,
    load_association_rows,
    mark_association_deleted,
    save_association,
)
from app.services.organisation.instructors import instructor_coverage, villages_below_instructor_target
from app.services.organisation.people import list_person_ids, load_person_rows, person_role_detail
from app.services.organisation.person import find_people_by_id_number, unmask_person
from app.services.organisation.positions import (
    list_position_ids,
    load_position_rows,
    mark_position_deleted,
    position_counts,
    position_detail,
    save_position,
)
from app.services.organisation.roles import check_person, end_role, mark_role_deleted, save_person
from app.services.organisation.terms import record_term
from app.services.shared.records import division_choices

__all__ = [
    "association_choices",
    "association_detail",
    "check_person",
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
