"""The project catalogue (项目目录) the province issues: the province's rows, else the shipped list."""

from __future__ import annotations

import json
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.database.models import ProjectCatalogueEntry
from app.domain.enums import AdminLevel
from app.domain.records.projects import CatalogueEntry
from app.paths import resource
from app.services.shared.workspace import Workspace


@lru_cache(maxsize=1)
def _shipped_catalogue() -> tuple[CatalogueEntry, ...]:
    """The catalogue shipped with the program: used until a setup package brings the province's."""
    data = json.loads(resource("setup", "catalogue.json").read_text(encoding="utf-8"))
    return tuple(
        CatalogueEntry(
            c["code"],
            c["name"],
            c["category"],
            AdminLevel(c["level"]),
            bool(c.get("pays_individuals")),
            c.get("description") or "",
        )
        for c in data
    )


def all_entries(s: Session) -> dict[str, CatalogueEntry]:
    """Every entry by code, retired ones too (old projects still name them)."""
    rows = s.scalars(
        select(ProjectCatalogueEntry)
        .where(ProjectCatalogueEntry.deleted.is_(False))
        .order_by(ProjectCatalogueEntry.category, ProjectCatalogueEntry.code)
    ).all()
    if not rows:
        return {c.code: c for c in _shipped_catalogue()}
    return {
        r.code: CatalogueEntry(
            r.code, r.name, r.category, r.level, r.pays_individuals, r.description or "", r.active
        )
        for r in rows
    }


def catalogue(ws: Workspace) -> list[CatalogueEntry]:
    """The programmes a project can be registered under (the province's, else the shipped list)."""
    with ws.db.read() as s:
        return [c for c in all_entries(s).values() if c.active]


def pays_individuals(s: Session, catalogue_code: str) -> bool:
    entry = all_entries(s).get(catalogue_code)
    return entry.pays_individuals if entry is not None else False
