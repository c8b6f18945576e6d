"""Where a province database on a PostgreSQL server is, and as whom the program connects.

Pure Python, so the open-province dialog can check its fields and build the URL without a driver.
The password is never part of the address: it goes into the URL only in memory, when connecting.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit

DEFAULT_PORT = 5432
DRIVER = "postgresql+psycopg"


def is_server_url(target: object) -> bool:
    """A PostgreSQL URL (also one that went through ``Path``, which collapses its ``//``)."""
    return str(target).startswith("postgresql")


def server_url_text(target: object) -> str:
    """The URL as text, its ``//`` put back if ``Path`` collapsed it."""
    text = str(target)
    scheme, sep, rest = text.partition(":/")
    if sep and not rest.startswith("/") and is_server_url(text):
        return f"{scheme}://{rest}"
    return text


@dataclass(frozen=True)
class ServerAddress:
    host: str
    port: int
    database: str
    user: str

    def url(self, password: str | None = None) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        who = quote(self.user, safe="")
        if password:
            who += ":" + quote(password, safe="")
        return f"{DRIVER}://{who}@{host}:{self.port}/{quote(self.database, safe='')}"

    @property
    def display(self) -> str:
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    @classmethod
    def from_url(cls, url: str) -> ServerAddress:
        parts = urlsplit(server_url_text(url))
        return cls(
            parts.hostname or "localhost",
            parts.port or DEFAULT_PORT,
            unquote(parts.path.lstrip("/").split("?")[0]),
            unquote(parts.username or ""),
        )


def display_url(url: str) -> str:
    """The URL as it may be shown or logged: never with its password."""
    if not is_server_url(url):
        return url
    return ServerAddress.from_url(url).display


def address_problems(host: str, port: str, database: str, user: str) -> list[str]:
    """What is wrong with the fields of 打开省级数据库, in Chinese; empty when they can be tried."""
    problems = []
    if not host.strip():
        problems.append("请填写服务器地址（如 127.0.0.1 或 db.hnjsx.local）。")
    if not port.strip().isdigit() or not 0 < int(port) < 65536:
        problems.append("端口应为 1–65535 的数字（PostgreSQL 默认 5432）。")
    if not database.strip():
        problems.append("请填写数据库名。")
    if not user.strip():
        problems.append("请填写连接数据库所用的用户名（如 hunan_app）。")
    return problems
