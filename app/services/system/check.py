"""`fpa check`: integrity of the database file and what it holds."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text

from app.database.engine import is_sqlite_url
from app.database.migrate import current_revision, open_database
from app.database.models import (
    Activity,
    Association,
    ChangeLogEntry,
    Division,
    FamilyMember,
    Person,
    Project,
    ProjectPayment,
    SpecialFamily,
    Training,
    Visit,
)

COUNTED: dict[str, Any] = {
    "families": SpecialFamily,
    "family_members": FamilyMember,
    "persons": Person,
    "visits": Visit,
    "projects": Project,
    "payments": ProjectPayment,
    "activities": Activity,
    "trainings": Training,
    "associations": Association,
    "divisions": Division,
}


@dataclass(frozen=True)
class CheckReport:
    schema_revision: str | None
    integrity: str
    device_id: str
    counts: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def check_database(target: str | Path, key: bytes | None = None) -> CheckReport:
    """Opens (upgrading if needed), runs the integrity check and counts live records.

    An encrypted file needs its ``key`` (``Workspace.db.key`` after a sign-in).
    """
    db = open_database(target, key)
    try:
        with db.read() as s:
            conn = s.connection()
            if is_sqlite_url(db.url):
                rows = [r[0] for r in conn.execute(text("PRAGMA integrity_check"))]
                integrity = "ok" if rows == ["ok"] else "; ".join(str(r) for r in rows[:20])
            else:
                integrity = "ok"  # PostgreSQL checks its pages itself; no equivalent pragma
            counts = {
                name: s.scalar(select(func.count()).select_from(model).where(model.deleted.is_(False))) or 0
                for name, model in COUNTED.items()
            }
            counts["changes"] = s.scalar(select(func.count()).select_from(ChangeLogEntry)) or 0
            return CheckReport(current_revision(conn), integrity, db.device_id, counts)
    finally:
        db.dispose()
