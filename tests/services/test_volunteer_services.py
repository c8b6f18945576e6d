"""志愿服务 given to a family: recorded with a registered volunteer or a typed name, listed newest
first, checked, corrected and marked deleted; placed at the family's division for the merge."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from app.database.models import VolunteerService
from app.domain.enums import PersonRoleKind
from app.domain.errors import NotFound, ValidationFailed
from app.domain.records.families import VolunteerServiceInput
from app.domain.records.org import PersonInput, RoleInput
from app.services import organisation
from app.services.families import volunteer_services as vs
from app.services.shared.workspace import Workspace
from tests.services.test_insurance import TODAY, family_id  # noqa: F401 - the fixture

VILLAGE = "430121001001"


def volunteer(ws: Workspace, name: str, division: str = VILLAGE) -> str:
    role = organisation.save_person(
        ws, PersonInput(name=name, division_code=division), RoleInput(role=PersonRoleKind.VOLUNTEER), today=TODAY
    )
    return organisation.person_role_detail(ws, role).person.id or ""


def test_services_recorded_listed_and_corrected(workspace: Workspace, family_id: str) -> None:  # noqa: F811
    liu = volunteer(workspace, "刘志愿")
    volunteer(workspace, "远志愿", "430121002001")  # another township: not offered
    choices = vs.volunteer_choices(workspace, family_id)
    assert [c.name for c in choices] == ["刘志愿"]
    first = vs.save_volunteer_service(
        workspace,
        VolunteerServiceInput(family_id, date(2026, 5, 29), person_id=liu, system="精神慰藉", service="陪伴聊天", hours=2),
        today=TODAY,
    )
    vs.save_volunteer_service(
        workspace,
        VolunteerServiceInput(family_id, date(2026, 9, 1), volunteer_name="王大学生", service="打扫卫生", hours=3),
        today=TODAY,
    )
    rows = vs.list_volunteer_services(workspace, family_id)
    assert [(r.volunteer_name, r.system, r.hours) for r in rows] == [("王大学生", "志愿服务", 3), ("刘志愿", "精神慰藉", 2)]
    detail = vs.volunteer_service_detail(workspace, first)
    vs.save_volunteer_service(workspace, replace(detail, hours=4), today=TODAY)
    assert vs.volunteer_service_detail(workspace, first).hours == 4
    with workspace.db.read() as s:
        assert s.scalar(select(VolunteerService.division_code).where(VolunteerService.id == first)) == VILLAGE
    vs.mark_volunteer_service_deleted(workspace, first)
    assert len(vs.list_volunteer_services(workspace, family_id)) == 1
    with pytest.raises(NotFound):
        vs.volunteer_service_detail(workspace, first)


def test_a_service_needs_its_day_volunteer_and_what_was_done(workspace: Workspace, family_id: str) -> None:  # noqa: F811
    with pytest.raises(ValidationFailed) as caught:
        vs.save_volunteer_service(workspace, VolunteerServiceInput(family_id, None), today=TODAY)
    assert {i.field for i in caught.value.issues} == {"served_on", "volunteer_name", "service"}  # type: ignore[attr-defined]
    with pytest.raises(ValidationFailed, match="不能晚于今天"):
        vs.save_volunteer_service(
            workspace, VolunteerServiceInput(family_id, date(2027, 1, 1), volunteer_name="某", service="x"), today=TODAY
        )
    assert vs.list_volunteer_services(workspace, family_id) == []
