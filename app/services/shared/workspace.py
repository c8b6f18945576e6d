"""The open workspace the UI holds: one database, this installation's role and division, the user."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from app.database.migrate import open_database
from app.database.session import META_DIVISION, META_ROLE, Database
from app.domain.enums import NodeRole
from app.domain.records.accounts import SignedInUser


@dataclass
class Workspace:
    """Handed to every service call. The UI treats it as opaque: it never touches ``db``."""

    db: Database
    path: Path
    division_code: str
    role: NodeRole
    username: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    # Who signed in; None when no sign-in happened (a plain database opened without credentials):
    # then nothing is restricted. ``username`` follows it (see ``__setattr__``).
    user: SignedInUser | None = None

    def __setattr__(self, name: str, value: object) -> None:
        super().__setattr__(name, value)
        if name == "user" and isinstance(value, SignedInUser):
            super().__setattr__("username", value.username)

    @property
    def target(self) -> Path | str:
        """What opens this database again: its file, or its server URL (with the password, in memory)."""
        return self.path if self.db.url.startswith("sqlite") else self.db.url

    @property
    def device_id(self) -> str:
        return self.db.device_id

    def close(self) -> None:
        self.db.dispose()


def open_workspace(path: Path | str, key: bytes | None = None) -> Workspace:
    """Open (and upgrade, after a copy) the database at ``path`` (a file, or a database URL).

    An encrypted file needs its ``key``; ``app.services.system.accounts.sign_in`` is the way to get it.
    """
    db = open_database(path, key)
    return Workspace(
        db=db,
        path=Path(path) if "://" not in str(path) else Path(str(path).split("@")[-1]),
        division_code=db.meta(META_DIVISION) or "",
        role=NodeRole(db.meta(META_ROLE) or NodeRole.STATION.value),
    )


@contextmanager
def opened(path: Path | str, key: bytes | None = None) -> Iterator[Workspace]:
    """A workspace for one command: opened, handed over, always closed."""
    ws = open_workspace(path, key)
    try:
        yield ws
    finally:
        ws.close()
