"""User management (系统管理 → 账户): list accounts, add one with a role and a division, deactivate
an account, reset a forgotten password. Only 系统管理员 and 县级管理员, each within its own
divisions; every action is one transaction and one audit entry.

On an encrypted database (``ws.db.key`` set) each account also has the database key wrapped
under its password in the keyring sidecar (``app.database.keyring``): adding an account adds
its entry, a reset re-wraps it, deactivating removes it, so a deactivated password no longer
opens the file at all. The keyring is written inside the database transaction, so a keyring
that cannot be written leaves the account table as it was.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.database import keyring
from app.database.audit import AuditAction, record
from app.database.models import Division, UserAccount
from app.database.session import utcnow
from app.domain.enums import DivisionLevel, UserRole
from app.domain.errors import NotFound, UserInputError
from app.domain.permissions import ASSIGNABLE, Permission, in_subtree, subtree_prefix
from app.domain.records.users import UserDivision, UserRow
from app.services.shared.scope import allowed, ensure_may, root_code
from app.services.shared.workspace import Workspace
from app.services.system.accounts import account_problems, hash_password, password_problems

_NOT_MINE = "这个账户不在当前管理员的管辖区划内。"
# The levels an account's division may have, by role: a clerk works in one township.
ROLE_LEVELS: dict[UserRole, frozenset[DivisionLevel]] = {
    UserRole.SYSTEM_ADMIN: frozenset({DivisionLevel.PROVINCE, DivisionLevel.CITY, DivisionLevel.COUNTY}),
    UserRole.COUNTY_ADMIN: frozenset({DivisionLevel.PROVINCE, DivisionLevel.CITY, DivisionLevel.COUNTY}),
    UserRole.TOWNSHIP_CLERK: frozenset({DivisionLevel.TOWNSHIP}),
    UserRole.READ_ONLY: frozenset(
        {DivisionLevel.PROVINCE, DivisionLevel.CITY, DivisionLevel.COUNTY, DivisionLevel.TOWNSHIP}
    ),
}


def may_manage_users(ws: Workspace) -> bool:
    """Whether the signed-in user may see and change accounts (the screen hides its actions otherwise)."""
    return allowed(ws, Permission.MANAGE_USERS)


def _manager_role(ws: Workspace) -> UserRole:
    return ws.user.role if ws.user is not None else UserRole.SYSTEM_ADMIN


def assignable_roles(ws: Workspace) -> list[UserRole]:
    """The roles this administrator may give (a 县级管理员 cannot create a 系统管理员)."""
    ensure_may(ws, Permission.MANAGE_USERS)
    return list(ASSIGNABLE[_manager_role(ws)])


def user_divisions(ws: Workspace) -> list[UserDivision]:
    """Divisions an account may be given: the administrator's own and those below, down to townships."""
    ensure_may(ws, Permission.MANAGE_USERS)
    prefix = subtree_prefix(root_code(ws))
    levels = [level for level in DivisionLevel if level is not DivisionLevel.VILLAGE]
    with ws.db.read() as s:
        rows = s.execute(
            select(Division.code, Division.name, Division.level)
            .where(
                Division.deleted.is_(False),
                Division.valid_to.is_(None),
                Division.code >= prefix,
                Division.code < prefix + "~",
                Division.level.in_(levels),
            )
            .order_by(Division.code)
        ).all()
    return [
        UserDivision(code, name, level.label, tuple(r for r in UserRole if level in ROLE_LEVELS[r]))
        for code, name, level in rows
    ]


def list_users(ws: Workspace) -> list[UserRow]:
    """The accounts within the administrator's divisions, active ones first, then by user name."""
    ensure_may(ws, Permission.MANAGE_USERS)
    prefix = subtree_prefix(root_code(ws)) if ws.user is not None else ""
    with ws.db.read() as s:
        accounts = s.scalars(
            select(UserAccount)
            .where(UserAccount.division_code.startswith(prefix))
            .order_by(UserAccount.active.desc(), UserAccount.username)
        ).all()
        names = dict(
            s.execute(
                select(Division.code, Division.name).where(
                    Division.code.in_({a.division_code for a in accounts}), Division.deleted.is_(False)
                )
            ).all()
        )
    return [
        UserRow(
            a.username,
            a.display_name,
            a.role,
            a.division_code,
            names.get(a.division_code, a.division_code),
            a.active,
            a.created_at,
        )
        for a in accounts
    ]


def new_user_problems(
    ws: Workspace,
    username: str,
    display_name: str,
    role: UserRole | None,
    division_code: str,
    password: str,
    repeated: str,
) -> list[str]:
    """What is wrong with a new account, in Chinese; empty when it can be added (shown as typed)."""
    problems = account_problems(username, display_name, password, repeated)
    if role is None:
        problems.append("请选择角色。")
    elif role not in ASSIGNABLE[_manager_role(ws)]:
        problems.append(f"当前账户不能创建“{role}”账户。")
    with ws.db.read() as s:
        if s.scalar(select(UserAccount.id).where(UserAccount.username == username.strip())) is not None:
            problems.append(f"用户名“{username.strip()}”已被使用，请换一个。")
        problems += _division_problems(s, ws, role, division_code)
    return problems


def _division_problems(s: Session, ws: Workspace, role: UserRole | None, code: str) -> list[str]:
    if not code:
        return ["请选择账户所属区划。"]
    level = s.scalar(
        select(Division.level).where(
            Division.code == code, Division.deleted.is_(False), Division.valid_to.is_(None)
        )
    )
    if level is None or not in_subtree(code, root_code(ws)):
        return [f"区划 {code} 不存在、已撤销或不在当前管理员的管辖范围内。"]
    if role is not None and level not in ROLE_LEVELS[role]:
        wanted = "、".join(sorted({lvl.label for lvl in ROLE_LEVELS[role]}))
        return [f"“{role}”账户的区划应为{wanted}一级。"]
    return []


def add_user(
    ws: Workspace, username: str, display_name: str, role: UserRole, division_code: str, password: str
) -> None:
    """A new active account; on an encrypted database its password also opens the file."""
    ensure_may(ws, Permission.MANAGE_USERS)
    problems = new_user_problems(ws, username, display_name, role, division_code, password, password)
    if problems:
        raise UserInputError("账户未添加：" + "".join(problems))
    username = username.strip()
    hashed = hash_password(password)  # before the transaction: hashing takes a moment
    key = ws.db.key
    with ws.db.session() as s:
        s.add(
            UserAccount(
                username=username,
                display_name=display_name.strip(),
                role=role,
                division_code=division_code,
                password_hash=hashed,
                active=True,
                created_at=utcnow(),
            )
        )
        s.flush()
        record(
            s,
            ws.username,
            AuditAction.EDIT,
            f"账户 {username}",
            {"action": "add_user", "role": role.value, "division": division_code},
        )
        if key is not None:
            keyring.add_user(ws.path, key, username, password)


def _managed(s: Session, ws: Workspace, username: str) -> UserAccount:
    """The account, if this administrator may manage it."""
    account = s.scalars(select(UserAccount).where(UserAccount.username == username)).first()
    if account is None:
        raise NotFound(f"账户“{username}”不存在。")
    if not in_subtree(account.division_code, root_code(ws)) and ws.user is not None:
        raise UserInputError(_NOT_MINE)
    if account.role not in ASSIGNABLE[_manager_role(ws)]:
        raise UserInputError(f"当前账户不能管理“{account.role}”账户。")
    return account


def deactivate_user(ws: Workspace, username: str) -> None:
    """停用: the account can no longer sign in (its keyring entry goes); its history stays."""
    ensure_may(ws, Permission.MANAGE_USERS)
    if ws.user is not None and username == ws.user.username:
        raise UserInputError("不能停用当前登录的账户。")
    with ws.db.session() as s:
        account = _managed(s, ws, username)
        if not account.active:
            raise UserInputError(f"账户“{username}”已经停用。")
        if account.role is UserRole.SYSTEM_ADMIN:
            admins = s.scalar(
                select(func.count()).where(
                    UserAccount.role == UserRole.SYSTEM_ADMIN, UserAccount.active.is_(True)
                )
            )
            if (admins or 0) <= 1:
                raise UserInputError("这是唯一在用的系统管理员账户，不能停用。")
        account.active = False
        record(s, ws.username, AuditAction.EDIT, f"账户 {username}", {"action": "deactivate_user"})
        if ws.db.key is not None:
            keyring.remove_user(ws.path, username)


def reset_password(ws: Workspace, username: str, new_password: str, repeated: str) -> None:
    """管理员重置密码: a new password for someone who forgot theirs (the user changes it after).

    For a deactivated account this is 重新启用: it becomes active again with the new password
    (its old keyring entry went with the deactivation).
    """
    ensure_may(ws, Permission.MANAGE_USERS)
    problems = password_problems(new_password, repeated)
    if problems:
        raise UserInputError("密码未重置：" + "".join(problems))
    if ws.user is not None and username == ws.user.username:
        raise UserInputError("自己的密码请在“修改密码”中修改（需要输入原密码）。")
    hashed = hash_password(new_password)
    key = ws.db.key
    with ws.db.session() as s:
        account = _managed(s, ws, username)
        action = "reset_password" if account.active else "reactivate_user"
        account.password_hash = hashed
        account.active = True
        record(s, ws.username, AuditAction.EDIT, f"账户 {username}", {"action": action})
        if key is not None:
            keyring.set_password(ws.path, key, username, new_password)
