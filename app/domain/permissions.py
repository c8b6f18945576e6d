"""What each account role may do, and where: the permission table and the division scope.

Four roles (``UserRole``). Every signed-in user is limited to the subtree of its own division
(a township clerk to its township and the villages below it); the table below says what the
role may do inside that subtree. ``None`` as the role means nobody signed in (a plain test
database, a command-line run on an unencrypted file): nothing is restricted then.

Masking: lists and exports show ID numbers as ``430121********123X`` and bank accounts as
``************1234`` unless the role may see full numbers; a clerk un-masks one record at a
time, and each un-masking is written to the audit log (see docs/SECURITY.md).
"""

from __future__ import annotations

from enum import StrEnum

from app.domain.enums import UserRole
from app.domain.errors import UserInputError
from app.domain.idcard import mask_id_number
from app.domain.validation import division_level

__all__ = [
    "ASSIGNABLE",
    "PERMISSIONS",
    "READ_ONLY_MESSAGE",
    "Permission",
    "in_subtree",
    "is_masked",
    "mask_bank_account",
    "mask_id_number",
    "may",
    "refusal",
    "subtree_prefix",
]


class Permission(StrEnum):
    WRITE = "write"  # create, edit, mark deleted any record in the scope
    MANAGE_USERS = "manage_users"  # add, deactivate, reset passwords of accounts in the scope
    SEE_FULL_NUMBERS = "see_full_numbers"  # ID and bank numbers in full, on screen and in exports
    UNMASK = "unmask"  # show one record's full numbers on request, audited
    EXPORT = "export"  # lists to Excel, printed lists (masked unless SEE_FULL_NUMBERS)
    SEND_SYNC = "send_sync"  # write a bundle for the level above, import its receipt
    MERGE = "merge"  # merge bundles, import setup packages, resolve conflicts and duplicates
    MANAGE_DIVISIONS = "manage_divisions"  # local division changes
    LOCK_PERIOD = "lock_period"  # lock a checked reporting period, unlock it with a reason


_ALL = frozenset(Permission)
PERMISSIONS: dict[UserRole, frozenset[Permission]] = {
    UserRole.SYSTEM_ADMIN: _ALL - {Permission.UNMASK},  # sees full numbers anyway
    UserRole.COUNTY_ADMIN: _ALL - {Permission.UNMASK},
    UserRole.TOWNSHIP_CLERK: frozenset(
        {Permission.WRITE, Permission.UNMASK, Permission.EXPORT, Permission.SEND_SYNC}
    ),
    UserRole.READ_ONLY: frozenset({Permission.EXPORT}),
}

READ_ONLY_MESSAGE = "当前账户为只读查看，不能修改。"
_REFUSALS = {
    Permission.WRITE: READ_ONLY_MESSAGE,
    Permission.MANAGE_USERS: "只有系统管理员和县级管理员可以管理账户。",
    Permission.SEE_FULL_NUMBERS: "当前账户不能查看完整的身份证号和银行账号。",
    Permission.UNMASK: "当前账户不能查看完整的身份证号和银行账号。",
    Permission.EXPORT: "当前账户不能导出数据。",
    Permission.SEND_SYNC: "当前账户不能生成同步文件。",
    Permission.MERGE: "只有系统管理员和县级管理员可以合并同步文件、导入配置包或处理冲突。",
    Permission.MANAGE_DIVISIONS: "只有系统管理员和县级管理员可以修改区划。",
    Permission.LOCK_PERIOD: "只有系统管理员和县级管理员可以锁定或解锁统计期间。",
}

# Which roles an administrator may give: a county administrator cannot create a system administrator.
ASSIGNABLE: dict[UserRole, tuple[UserRole, ...]] = {
    UserRole.SYSTEM_ADMIN: tuple(UserRole),
    UserRole.COUNTY_ADMIN: (UserRole.COUNTY_ADMIN, UserRole.TOWNSHIP_CLERK, UserRole.READ_ONLY),
    UserRole.TOWNSHIP_CLERK: (),
    UserRole.READ_ONLY: (),
}

_PREFIX = {"province": 2, "city": 4, "county": 6, "township": 9, "village": 12}


def may(role: UserRole | None, permission: Permission) -> bool:
    """Whether ``role`` has ``permission``; no role (nobody signed in) may do everything."""
    return role is None or permission in PERMISSIONS[role]


def refusal(permission: Permission) -> str:
    """The Chinese message shown when a role lacks ``permission``."""
    return _REFUSALS[permission]


def subtree_prefix(code: str) -> str:
    """The part of a 12-digit code every division below it shares: 430121100000 → 430121100.

    A code that is not 12 digits is returned as it is (it then matches only itself and codes
    that start with it).
    """
    try:
        return code[: _PREFIX[division_level(code)]]
    except UserInputError:
        return code


def in_subtree(code: str | None, root: str) -> bool:
    """Whether ``code`` is ``root`` or lies below it."""
    return bool(code) and str(code).startswith(subtree_prefix(root))


def mask_bank_account(account: str | None) -> str:
    """Keep only the last four digits: ************1234 (an account's first digits name the bank)."""
    if not account:
        return ""
    compact = account.replace(" ", "").replace("-", "")
    if len(compact) <= 4:
        return "*" * len(compact)
    return "*" * (len(compact) - 4) + compact[-4:]


def is_masked(value: str | None) -> bool:
    """Whether a number came back from a form in its masked form (it then keeps the stored one)."""
    return bool(value) and "*" in str(value)
