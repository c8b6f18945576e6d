"""The error hierarchy. Every error a user can meet carries a Chinese message for the screen."""

from __future__ import annotations

import math
from datetime import UTC, datetime


class FpaError(Exception):
    """Base of every error the program raises on purpose.

    ``message`` is the Chinese text shown to the user: what happened, what was kept, what to do.
    """

    def __init__(self, message: str, *, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return self.message


class UserInputError(FpaError):
    """Bad input from the user (a form field, a command-line argument). Nothing was written."""


class ValidationFailed(UserInputError):
    """A record failed validation; ``issues`` lists each problem."""

    def __init__(self, issues: list[object], message: str | None = None) -> None:
        text = message or "数据校验未通过，记录未保存：" + "；".join(str(i) for i in issues)
        super().__init__(text)
        self.issues = issues


class NotFound(FpaError):
    """A record that was asked for does not exist (or was deleted)."""


class DatabaseError(FpaError):
    """The database file is missing, damaged, or from a newer program version."""


class BadFileError(FpaError):
    """A file from outside (bundle, sheet, setup package, receipt) was refused; nothing was written."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"文件“{path}”未导入：{reason}。数据库未做任何修改。")
        self.path = path
        self.reason = reason


class Cancelled(FpaError):
    """The user cancelled a long job; its transaction was rolled back."""

    def __init__(self) -> None:
        super().__init__("操作已取消，数据库未做任何修改。")


class LoginDelayed(UserInputError):
    """Too many wrong passwords: the next attempt must wait until ``retry_at`` (aware, UTC).

    ``locked`` is True for the 15-minute lockout, False for the short growing delay before it.
    """

    def __init__(self, retry_at: datetime, *, locked: bool) -> None:
        local = retry_at.astimezone()
        if locked:
            text = f"密码错误次数过多，账户已锁定，请 {local:%H:%M} 后再试。"
        else:
            seconds = max(1, math.ceil((retry_at - datetime.now(UTC)).total_seconds()))
            text = f"密码错误次数过多，请 {seconds} 秒后再试。"
        super().__init__(text)
        self.retry_at = retry_at
        self.locked = locked
