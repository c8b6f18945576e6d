"""User accounts, as far as the first start needs them: the first administrator, and checking a password.

Passwords are stored only as argon2id hashes (argon2-cffi's defaults: salted, memory-hard), never
in clear and never logged. Full account and role management comes with the accounts issue.
"""

from __future__ import annotations

import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select

from app.database.audit import AuditAction, record
from app.database.models import UserAccount
from app.database.session import utcnow
from app.domain.enums import UserRole
from app.domain.errors import UserInputError
from app.services.workspace import Workspace

USERNAME = re.compile(r"[A-Za-z0-9_.\-]{2,40}")
MIN_PASSWORD = 8
MAX_DISPLAY_NAME = 40  # user_account.display_name's width

_hasher = PasswordHasher()  # argon2id with the library's recommended cost


def account_problems(username: str, display_name: str, password: str, repeated: str) -> list[str]:
    """What is wrong with a new account's fields, in Chinese; empty when it can be created.

    The wizard shows these as the user types; ``create_first_admin`` checks them again.
    """
    problems = []
    if not USERNAME.fullmatch(username.strip()):
        problems.append("用户名应为 2–40 个英文字母、数字或 _ . -（用于登录，如 admin、zhangsan）。")
    if not display_name.strip():
        problems.append("请填写姓名（显示在记录的录入人中）。")
    elif len(display_name.strip()) > MAX_DISPLAY_NAME:
        problems.append(f"姓名不能超过 {MAX_DISPLAY_NAME} 个字。")
    if len(password) < MIN_PASSWORD:
        problems.append(f"密码至少 {MIN_PASSWORD} 位。")
    elif password != repeated:
        problems.append("两次输入的密码不一致。")
    return problems


def create_first_admin(ws: Workspace, username: str, display_name: str, password: str) -> int:
    """The installation's first account, a 系统管理员; refused once any account exists."""
    problems = account_problems(username, display_name, password, password)
    if problems:
        raise UserInputError("管理员账户未创建：" + "".join(problems))
    username = username.strip()
    hashed = _hasher.hash(password)  # before the transaction: hashing takes a moment
    with ws.db.session() as s:
        if s.scalar(select(func.count()).select_from(UserAccount)):
            raise UserInputError("本机已有管理员账户，未再创建。其他账户请在系统管理中添加。")
        account = UserAccount(
            username=username,
            display_name=display_name.strip(),
            role=UserRole.SYSTEM_ADMIN,
            division_code=ws.division_code,
            password_hash=hashed,
            active=True,
            created_at=utcnow(),
        )
        s.add(account)
        s.flush()
        record(s, username, AuditAction.EDIT, f"账户 {username}", {"created": UserRole.SYSTEM_ADMIN.value})
        account_id = account.id
    ws.username = username
    return account_id


def check_password(ws: Workspace, username: str, password: str) -> bool:
    """Whether ``password`` is this active account's password."""
    with ws.db.read() as s:
        hashed = s.scalar(
            select(UserAccount.password_hash).where(
                UserAccount.username == username.strip(), UserAccount.active.is_(True)
            )
        )
    if not hashed:
        return False
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False
