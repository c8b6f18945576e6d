"""宣传活动与培训: campaign events and trainings with their totals.

The names below are the module's public actions, for the UI and for other modules' services.
"""

from __future__ import annotations

from app.services.activities.campaigns import (
    activity_detail,
    list_activity_ids,
    load_activity_rows,
    mark_activity_deleted,
    save_activity,
)
from app.services.activities.totals import activity_years, campaign_totals, training_totals
from app.services.activities.trainings import (
    list_training_ids,
    load_training_rows,
    mark_training_deleted,
    save_training,
    training_detail,
)

__all__ = [
    "activity_detail",
    "activity_years",
    "campaign_totals",
    "list_activity_ids",
    "list_training_ids",
    "load_activity_rows",
    "load_training_rows",
    "mark_activity_deleted",
    "mark_training_deleted",
    "save_activity",
    "save_training",
    "training_detail",
    "training_totals",
]
