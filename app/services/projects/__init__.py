"""项目服务: the catalogue, projects with their funds and lifecycle, reported lists and payments.

The names below are the module's public actions, for the UI and for other modules' services.
"""

from __future__ import annotations

from app.services.projects.evaluation import project_evaluation
from app.services.projects.issued_catalogue import catalogue
from app.services.projects.lifecycle import advance_project
from app.services.projects.lists import (
    family_picks,
    list_beneficiary_ids,
    load_beneficiary_rows,
    remove_beneficiary,
    save_beneficiary,
)
from app.services.projects.notice import notice_list
from app.services.projects.payments import (
    list_payment_ids,
    load_payment_rows,
    mark_payment_deleted,
    record_payment,
)
from app.services.projects.project import (
    funds_summary,
    list_project_ids,
    load_project_rows,
    mark_project_deleted,
    project_detail,
    project_years,
    save_project,
)

__all__ = [
    "advance_project",
    "catalogue",
    "family_picks",
    "funds_summary",
    "list_beneficiary_ids",
    "list_payment_ids",
    "list_project_ids",
    "load_beneficiary_rows",
    "load_payment_rows",
    "load_project_rows",
    "mark_payment_deleted",
    "mark_project_deleted",
    "notice_list",
    "project_detail",
    "project_evaluation",
    "project_years",
    "record_payment",
    "remove_beneficiary",
    "save_beneficiary",
    "save_project",
]
