"""Signing in and passwords: first administrator, sign-in with delay and lockout, changes, recovery.

Passwords are never stored in clear and never logged. In an encrypted database (the normal case,
see docs/SECURITY.md) a password unwraps the database key from the keyring beside the file
(``app.database.keyring``), so the keyring decides who may sign in; ``user_account.password_hash``
(argon2id, argon2-cffi's defaults) is kept in step and is what a plain (unencrypted) database checks.

Failed attempts are counted where they can be read before the database opens (the keyring) and
written to the audit log at the next successful sign-in, since the log itself is encrypted. User
management (other accounts, roles, resets) is in ``app.services.system.users``; the demo
county's accounts are in ``app.services.demo.accounts``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, func, select
from sqlalchemy.exc import DBAPIError

from app.database import keyring
from app.database.audit import AuditAction, record
from app.database.engine import DRIVER_ERRORS
from app.database.models import UserAccount
from app.database.server import server_has_accounts
from app.database.session import utcnow
from app.domain.enums import UserRole
from app.domain.errors import DatabaseError, LoginDelayed, UserInputError
from app.domain.records.accounts import SignedInUser
from app.domain.server_address import is_server_url, server_url_text
from app.services.shared.workspace import Workspace, open_workspace
from app.sync import state

USERNAME = re.compile(r"[A-Za-z0-9_.\-]{2,40}")
MIN_PASSWORD = 8
MAX_DISPLAY_NAME = 40  # user_account.display_name's width
WRONG_PASSWORD = keyring.WRONG_PASSWORD
INACTIVE = "此账户已停用，不能登录。请联系系统管理员。"

# What a page that does not read back raises: through SQLAlchemy, or from the driver itself.
_UNREADABLE: tuple[type[Exception], ...] = (DBAPIError, *DRIVER_ERRORS)

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
    problems.extend(password_problems(password, repeated))
    return problems


def password_problems(password: str, repeated: str) -> list[str]:
    if len(password) < MIN_PASSWORD:
        return [f"密码至少 {MIN_PASSWORD} 位。"]
    if password != repeated:
        return ["两次输入的密码不一致。"]
    return []


def hash_password(password: str) -> str:
    """The stored form of a password (argon2id, salted), for ``user_account.password_hash``."""
    return _hasher.hash(password)


def create_first_admin(ws: Workspace, username: str, display_name: str, password: str) -> int:
    """The installation's first account, a 系统管理员; refused once any account exists.

    In an encrypted database the keyring already holds this administrator (it was made with the
    database, see ``app.services.system.installation.set_up_installation``); here the account row is added.
    """
    problems = account_problems(username, display_name, password, password)
    if problems:
        raise UserInputError("管理员账户未创建：" + "".join(problems))
    username = username.strip()
    hashed = hash_password(password)  # before the transaction: hashing takes a moment
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
        user = SignedInUser(username, account.display_name, account.role, account.division_code)
    ws.user = user
    return account_id


def check_password(ws: Workspace, username: str, password: str) -> bool:
    """Whether ``password`` is this active account's password (the stored hash; nothing counted)."""
    with ws.db.read() as s:
        hashed = s.scalar(
            select(UserAccount.password_hash).where(
                UserAccount.username == username.strip(), UserAccount.active.is_(True)
            )
        )
    return _verify(hashed, password)


def _verify(hashed: str | None, password: str) -> bool:
    if not hashed:
        return False
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def _account(conn: Connection, username: str) -> UserAccount | None:
    table = UserAccount.__table__
    row = conn.execute(select(table).where(table.c.username == username)).first()
    if row is None:
        return None
    return UserAccount(**row._asdict())


def _signed_in(account: UserAccount) -> SignedInUser:
    return SignedInUser(account.username, account.display_name, account.role, account.division_code)


# ---------------------------------------------------------------------------------------------
# Sign-in


def sign_in(path: Path | str, username: str, password: str, *, now: datetime | None = None) -> Workspace:
    """Open the database at ``path`` as this user, or refuse.

    Wrong pairs answer "用户名或密码不正确" and are counted: from the 3rd failure in a row the
    next attempt waits 1, 2 s; the 5th locks the account for 15 minutes (LoginDelayed, whose
    message says until when). Every attempt on an existing account ends in the audit log
    (``login`` / ``login_failed``). A plain (unencrypted) database checks the stored hash instead of
    the keyring and keeps its counters in its own settings.
    """
    username = username.strip()
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    if is_server_url(path):  # a province on PostgreSQL: the hashes and counters are in the database
        return _sign_in_plain(server_url_text(path), username, password, moment)
    path = Path(path)
    if not keyring.is_encrypted(path):
        return _sign_in_plain(path, username, password, moment)
    key = keyring.unwrap(path, username, password, now=moment)
    try:
        ws = open_workspace(path, key)
    except _UNREADABLE as exc:
        raise damaged(path, exc) from exc
    try:
        failures = keyring.pending_failures(path, username)
        # A page that fails its check (SQLCipher's HMAC) or a broken tree stops the transaction
        # before its commit: the file is left as it was, and the account's failed attempts stay
        # in the keyring for a later sign-in.
        with _refusing_damage(path), ws.db.engine.begin() as conn:
            for at in failures:
                detail = {"reason": "wrong_password"}
                record(conn, username, AuditAction.LOGIN_FAILED, username, detail, at=at)
            account = _account(conn, username)
            if account is None or not account.active:
                record(conn, username, AuditAction.LOGIN_FAILED, username, {"reason": "inactive"})
            else:
                record(conn, username, AuditAction.LOGIN, username)
        keyring.clear_pending_failures(path, username)
        if account is None or not account.active:
            raise UserInputError(INACTIVE)
    except BaseException:
        ws.close()
        raise
    ws.user = _signed_in(account)
    return ws


def damaged(path: Path | str, exc: BaseException) -> DatabaseError:
    """The refusal for a database file whose pages do not read back (damaged on disk)."""
    name = path.name if isinstance(path, Path) else "省级数据库"  # a server address names no file
    return DatabaseError(
        f"数据库文件“{name}”已损坏，无法读取，登录已取消，文件未做任何修改。请用最近的备份恢复"
        "（fpa restore），并请县里的技术人员检查损坏的文件（fpa check）。",
        detail=str(getattr(exc, "orig", None) or exc),
    )


@contextmanager
def _refusing_damage(path: Path | str) -> Iterator[None]:
    try:
        yield
    except _UNREADABLE as exc:
        raise damaged(path, exc) from exc


def _counter_key(username: str) -> str:
    return "login_fail:" + hashlib.sha256(username.encode()).hexdigest()[:16]


def _sign_in_plain(path: Path | str, username: str, password: str, now: datetime) -> Workspace:
    try:
        ws = open_workspace(path)
    except _UNREADABLE as exc:
        raise damaged(path, exc) from exc
    try:
        with _refusing_damage(path), ws.db.engine.begin() as conn:
            account = _account(conn, username)
            if account is None:
                _verify(hash_password("x"), password)  # as slow as a real check
                raise UserInputError(WRONG_PASSWORD)
            counter: dict[str, Any] = json.loads(state.get(conn, _counter_key(username)) or "{}")
            keyring.check_allowed(counter, now)
        ok = _verify(account.password_hash, password)
        with _refusing_damage(path), ws.db.engine.begin() as conn:
            if not ok:
                keyring.note_failure(counter, now)
                counter["pending"] = []  # written to the audit log now, not later
                state.put(conn, _counter_key(username), json.dumps(counter))
                record(conn, username, AuditAction.LOGIN_FAILED, username, {"reason": "wrong_password"})
            elif not account.active:
                record(conn, username, AuditAction.LOGIN_FAILED, username, {"reason": "inactive"})
            else:
                if keyring.note_success(counter):
                    state.put(conn, _counter_key(username), json.dumps(counter))
                record(conn, username, AuditAction.LOGIN, username)
        if not ok:
            raise keyring.refusal(counter, WRONG_PASSWORD)
        if not account.active:
            raise UserInputError(INACTIVE)
    except BaseException:
        ws.close()
        raise
    ws.user = _signed_in(account)
    return ws


def lock_message(path: Path | str, username: str) -> str | None:
    """The delay or lockout in force for this user now, as the sign-in screen says it; else None."""
    if is_server_url(path):
        return None  # said by the attempt itself (the counters are in the database)
    path = Path(path)
    if not keyring.is_encrypted(path) or not keyring.has_keyring(path):
        return None
    found: LoginDelayed | None = keyring.lock_state(path, username.strip())
    return found.message if found else None


def needs_sign_in(path: Path | str) -> bool:
    """Whether the database at ``path`` opens only through ``sign_in``: an encrypted file, or a
    server database that holds accounts (one without any yet opens as a plain file does)."""
    if is_server_url(path):
        return server_has_accounts(server_url_text(path))
    return keyring.is_encrypted(Path(path))


def confirm_password(ws: Workspace, password: str) -> None:
    """The signed-in user types their password again (unlocking an idle screen); audited ``unlock``.

    Counted like a sign-in: wrong passwords lead to the same delay and lockout.
    """
    if ws.user is None:
        raise UserInputError("没有登录的用户。")
    username = ws.user.username
    if ws.db.key is not None:
        keyring.unwrap(ws.path, username, password)
        failures = keyring.pending_failures(ws.path, username)
        with ws.db.engine.begin() as conn:
            for at in failures:
                record(conn, username, AuditAction.LOGIN_FAILED, username, {"reason": "unlock"}, at=at)
            record(conn, username, AuditAction.UNLOCK, username)
        keyring.clear_pending_failures(ws.path, username)
        return
    if not check_password(ws, username, password):
        with ws.db.engine.begin() as conn:
            record(conn, username, AuditAction.LOGIN_FAILED, username, {"reason": "unlock"})
        raise UserInputError(WRONG_PASSWORD)
    with ws.db.engine.begin() as conn:
        record(conn, username, AuditAction.UNLOCK, username)


# ---------------------------------------------------------------------------------------------
# Passwords


def _store_password(ws: Workspace, username: str, password: str, detail: dict[str, Any]) -> None:
    """New hash in the account row and (encrypted) the key wrapped anew, committed together."""
    hashed = hash_password(password)
    with ws.db.session() as s:
        account = s.scalar(select(UserAccount).where(UserAccount.username == username))
        if account is None:
            raise UserInputError(f"找不到账户“{username}”。")
        account.password_hash = hashed
        record(s, ws.username or username, AuditAction.EDIT, f"账户 {username}", detail)
        s.flush()
        if ws.db.key is not None:
            # Last, inside the transaction: if the keyring cannot be written, the hash rolls back.
            keyring.set_password(ws.path, ws.db.key, username, password)


def change_password(ws: Workspace, old: str, new: str, repeated: str | None = None) -> None:
    """The signed-in user's own password: the old one checked (and counted), the new one stored."""
    if ws.user is None:
        raise UserInputError("请先登录再修改密码。")
    problems = password_problems(new, new if repeated is None else repeated)
    if problems:
        raise UserInputError("密码未修改：" + "".join(problems))
    username = ws.user.username
    if ws.db.key is not None:
        keyring.unwrap(ws.path, username, old)
    elif not check_password(ws, username, old):
        raise UserInputError("原密码不正确，密码未修改。")
    _store_password(ws, username, new, {"password": "changed"})


def recover_password(
    path: Path | str, recovery_key: str, username: str, new_password: str, *, now: datetime | None = None
) -> Workspace:
    """A forgotten administrator password: the recovery key opens the database, a new password is set.

    Only a 系统管理员 account can be recovered this way (others are reset by an administrator).
    Wrong recovery keys are counted and locked out like passwords. Returns the workspace, signed in.
    """
    path = Path(path)
    username = username.strip()
    problems = password_problems(new_password, new_password)
    if problems:
        raise UserInputError("密码未重设：" + "".join(problems))
    if not keyring.is_encrypted(path):
        raise UserInputError("此数据库未加密，没有恢复密钥；密码可由系统管理员在用户管理中重设。")
    key = keyring.unwrap_recovery(path, recovery_key, now=now)
    ws = open_workspace(path, key)
    try:
        with ws.db.read() as s:
            conn = s.connection()
            account = _account(conn, username)
        if account is None or not account.active or account.role is not UserRole.SYSTEM_ADMIN:
            raise UserInputError(
                f"“{username}”不是本机有效的系统管理员账户。恢复密钥只能重设系统管理员的密码；"
                "其他账户请由系统管理员重设。"
            )
        ws.user = _signed_in(account)
        failures = keyring.pending_failures(path, keyring.RECOVERY)
        with ws.db.engine.begin() as conn:
            for at in failures:
                detail = {"reason": "wrong_recovery_key"}
                record(conn, username, AuditAction.LOGIN_FAILED, "恢复密钥", detail, at=at)
        keyring.clear_pending_failures(path, keyring.RECOVERY)
        _store_password(ws, username, new_password, {"password": "recovered with the recovery key"})
        with ws.db.engine.begin() as conn:
            record(conn, username, AuditAction.LOGIN, username, {"via": "recovery_key"})
    except BaseException:
        ws.close()
        raise
    return ws
