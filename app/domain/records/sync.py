"""Rows for reviewing what merging found: losing field values (conflicts) and possible duplicates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class ConflictRow:
    """A field value that lost a merge, beside the value the record holds now.

    Values are as bundles carry them (text, integers, true/false, ISO dates, enumeration values);
    ``current_value`` is None also when the record itself is missing (``record_missing``).
    """

    id: str
    table_name: str
    row_id: str
    field: str
    losing_value: Any
    losing_stamp: str
    losing_device: str  # the device that wrote the losing value (the stamp's last 16 hex digits)
    current_value: Any
    current_stamp: str
    current_device: str
    status: str  # open / superseded / kept / restored
    resolved_at: datetime | None
    resolved_by: str | None
    record_missing: bool
    # Open, the losing value differs from the current one, and another device wrote it: a person
    # should look. A device overwriting its own value, or two devices agreeing, needs nobody.
    needs_review: bool


@dataclass(frozen=True)
class DuplicateRow:
    """Two records carrying the same ID number: the same person entered twice, or a typing error."""

    id: str
    table_name: str  # person / family_member
    id_number: str
    row_a: str
    row_b: str
    name_a: str | None  # None when the record is gone (deleted since)
    name_b: str | None
    status: str  # open / same_person / different
    note: str | None
