"""Home-page figures: what is registered, what coverage is missing, what waits to be sent."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import and_, func, or_, select

from app.database.models import (
    Association,
    ChangeLogEntry,
    Division,
    FamilyMember,
    Person,
    Project,
    SpecialFamily,
    Visit,
)
from app.database.session import META_DIVISION, META_ROLE
from app.domain.enums import FamilyStatus, NodeRole
from app.domain.records.overview import Overview
from app.services.workspace import Workspace


def overview(ws: Workspace, today: date | None = None) -> Overview:
    today = today or date.today()
    live_family = and_(SpecialFamily.deleted.is_(False), SpecialFamily.status == FamilyStatus.REGISTERED)
    with ws.db.read() as s:

        def count(*where: object) -> int:
            return s.scalar(select(func.count()).select_from(SpecialFamily).where(live_family, *where)) or 0  # type: ignore[arg-type]

        recent = select(Visit.family_id).where(
            Visit.deleted.is_(False), Visit.visited_on >= today - timedelta(days=183)
        )
        year_start = date(today.year, 1, 1)
        visits = s.execute(
            select(func.count(), func.coalesce(func.sum(Visit.cash_fen), 0)).where(
                Visit.deleted.is_(False), Visit.visited_on >= year_start
            )
        ).one()
        code = ws.db.meta(META_DIVISION) or ""
        name = s.scalar(select(Division.name).where(Division.code == code)) or code
        acked = int(ws.db.meta("acked_seq") or 0)
        return Overview(
            division_name=name,
            role=NodeRole(ws.db.meta(META_ROLE) or "station").label,
            families=count(),
            members=s.scalar(
                select(func.count())
                .select_from(FamilyMember)
                .join(SpecialFamily, SpecialFamily.id == FamilyMember.family_id)
                .where(live_family, FamilyMember.deleted.is_(False))
            )
            or 0,
            missing_contact=count(
                or_(
                    SpecialFamily.contact_township_name.is_(None),
                    SpecialFamily.contact_village_name.is_(None),
                )
            ),
            missing_doctor=count(
                or_(SpecialFamily.doctor_name.is_(None), SpecialFamily.doctor_expires_on < today)
            ),
            missing_green_channel=count(SpecialFamily.green_channel_hospital.is_(None)),
            not_visited_half_year=count(SpecialFamily.id.not_in(recent)),
            visits_this_year=int(visits[0]),
            cash_this_year_fen=int(visits[1]),
            persons=s.scalar(select(func.count()).select_from(Person).where(Person.deleted.is_(False))) or 0,
            associations=s.scalar(
                select(func.count()).select_from(Association).where(Association.deleted.is_(False))
            )
            or 0,
            projects=s.scalar(select(func.count()).select_from(Project).where(Project.deleted.is_(False)))
            or 0,
            unsent_changes=s.scalar(
                select(func.count()).select_from(ChangeLogEntry).where(ChangeLogEntry.seq > acked)
            )
            or 0,
        )
