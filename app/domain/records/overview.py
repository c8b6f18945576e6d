"""Rows the shell shows: the home page's figures, this installation's facts, division choices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.domain.enums import NodeRole, VisitOccasion


@dataclass(frozen=True)
class FestivalDue:
    """The next festival when families are visited, and how many have not been visited for it yet."""

    occasion: VisitOccasion
    on: date
    days_left: int
    not_visited: int


@dataclass(frozen=True)
class Overview:
    division_name: str
    role: str  # label: 乡镇录入站 / 县级 / 省级
    today: date
    families: int  # registered (在册) special and hardship families
    members: int
    missing_contact: int  # 三个全覆盖: no township or no village contact person
    missing_doctor: int  # no family doctor, or the contract has expired
    missing_green_channel: int
    not_visited_half_year: int  # the families page's "missing visit" filter: due for a visit
    festival: FestivalDue | None
    visits_this_year: int
    cash_this_year_fen: int
    persons: int
    associations: int
    projects: int
    unsynced_changes: int  # change-log entries written after the last bundle
    unconfirmed_changes: int  # change-log entries the level above has not confirmed with a receipt


@dataclass(frozen=True)
class DivisionChoice:
    """One entry of the welcome wizard's province / county / township lists."""

    code: str
    name: str
    parent_name: str  # the city of a county ("" for a province or a township: its county is shown above)
    has_townships: bool  # the shipped list goes down to townships (Hunan, Fujian) or stops at counties

    @property
    def label(self) -> str:
        return f"{self.parent_name} {self.name}".strip()


@dataclass(frozen=True)
class InstallationFacts:
    """What the system page and the window title show about this installation."""

    role: NodeRole
    division_code: str
    division_name: str
    device_id: str
    database: str  # file path, or the server's address
    size_bytes: int | None  # None for a server database
    schema_revision: str
    schema_is_current: bool
    created_at: datetime | None
    setup_package: str | None  # id of the last setup package imported
    accounts: int

    @property
    def role_label(self) -> str:
        return self.role.label
