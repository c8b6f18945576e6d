"""The figures on the home page."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Overview:
    division_name: str
    role: str
    families: int  # registered (在册) special and hardship families
    members: int
    missing_contact: int  # 三个全覆盖: no township or no village contact person
    missing_doctor: int
    missing_green_channel: int
    not_visited_half_year: int
    visits_this_year: int
    cash_this_year_fen: int
    persons: int
    associations: int
    projects: int
    unsent_changes: int
