"""系统管理: sign-in and accounts, users, backup and restore, divisions, this installation, checks.

The names below are what other modules' services use (the UI and the command line reach the
submodules, ``accounts``, ``users``, ``backup`` …, directly).
"""

from __future__ import annotations

from app.services.system.accounts import create_first_admin
from app.services.system.divisions import DivisionRow, division_tree
from app.services.system.setup import init_database
from app.services.system.users import add_user

__all__ = ["DivisionRow", "add_user", "create_first_admin", "division_tree", "init_database"]
