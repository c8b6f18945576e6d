"""Demo organisation: associations and their terms, staff, members, volunteers, instructors, positions."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from app.database.models import (
    Association,
    AssociationTerm,
    Person,
    PersonRole,
    Position,
)
from app.domain.enums import (
    AdminLevel,
    AssociationKind,
    PersonRoleKind,
    PositionKind,
    StaffKind,
)
from app.domain.pinyin import search_key
from app.services import demo_people as people
from app.services.demo_base import TODAY, BuilderBase


class OrganisationPart(BuilderBase):
    # --- organisation ----------------------------------------------------------------------------

    def organisation(self) -> None:
        rng = self.rng
        assocs: list[dict[str, Any]] = []
        county_name = next((d[1] for d in self.divisions if d[0] == self.county), "本县")
        units = [(self.county, f"{county_name}计划生育协会", AdminLevel.COUNTY, AssociationKind.REGIONAL)]
        units += [
            (t[0], f"{t[1]}计划生育协会", AdminLevel.TOWNSHIP, AssociationKind.REGIONAL)
            for t in self.townships
        ]
        units += [
            (v[0], f"{v[1]}计生协", AdminLevel.VILLAGE, AssociationKind.REGIONAL) for v in self.villages
        ]
        units += [
            (self.county, f"{county_name}人民医院计生协", AdminLevel.COUNTY, AssociationKind.HOSPITAL),
            (self.county, f"{county_name}经开区企业计生协", AdminLevel.COUNTY, AssociationKind.ENTERPRISE),
            (self.county, f"{county_name}流动人口计生协", AdminLevel.COUNTY, AssociationKind.MIGRANT),
        ]
        Rows = list[dict[str, Any]]
        terms: Rows = []
        persons: Rows = []
        roles: Rows = []
        positions: Rows = []
        for code, name, level, kind in units:
            aid = self.uid()
            president = people.person_name(rng, people.pick_sex(rng))
            secretary = people.person_name(rng, people.pick_sex(rng))
            members = rng.randint(60, 400) if level is AdminLevel.VILLAGE else rng.randint(500, 5000)
            elected = TODAY - timedelta(days=rng.randint(100, 1800))
            assocs.append(
                {
                    "id": aid,
                    "division_code": code,
                    "name": name,
                    "kind": kind,
                    "level": level,
                    "founded_on": date(rng.randint(1985, 2005), rng.randint(1, 12), 1),
                    "president": president,
                    "secretary_general": secretary,
                    "member_count": members,
                    "member_group_count": max(1, members // 30),
                    "has_member_home": rng.random() < 0.55,
                    "last_election_on": elected,
                    "phone": people.mobile(rng),
                }
            )
            terms.append(
                {
                    "id": self.uid(),
                    "association_id": aid,
                    "elected_on": elected,
                    "term_years": 5,
                    "president": president,
                    "secretary_general": secretary,
                    "council_size": rng.randint(7, 25),
                }
            )
            staff_kind = {
                AdminLevel.COUNTY: StaffKind.ESTABLISHED,
                AdminLevel.TOWNSHIP: StaffKind.CONTRACT,
                AdminLevel.VILLAGE: StaffKind.VILLAGE_PART_TIME,
            }.get(level, StaffKind.CONTRACT)
            staff_n = {AdminLevel.COUNTY: 6, AdminLevel.TOWNSHIP: 2}.get(level, 1)
            for _ in range(staff_n):
                self._person(
                    persons,
                    roles,
                    code,
                    PersonRoleKind.STAFF,
                    aid,
                    staff_kind=staff_kind,
                    title=rng.choice(("专干", "秘书长", "副会长", "干事")),
                )
            if level is AdminLevel.VILLAGE:
                # The 2023 target is two family-health instructors per village; not all villages have them.
                for _ in range(rng.choices((0, 1, 2, 3), (5, 15, 65, 15))[0]):
                    self._person(
                        persons,
                        roles,
                        code,
                        PersonRoleKind.HEALTH_INSTRUCTOR,
                        aid,
                        trained_on=self.day_within(700),
                        certificate_no=f"JK{rng.randrange(10**6):06d}",
                    )
                for _ in range(rng.randint(1, 3)):
                    self._person(
                        persons, roles, code, PersonRoleKind.VOLUNTEER, aid, service_hours=rng.randint(4, 200)
                    )
                for _ in range(rng.randint(2, 5)):
                    kind_role = PersonRoleKind.CORE_MEMBER if rng.random() < 0.3 else PersonRoleKind.MEMBER
                    self._person(persons, roles, code, kind_role, aid)
                if rng.random() < 0.25:
                    kind_pos = rng.choice(
                        (
                            PositionKind.MEMBER_HOME,
                            PositionKind.WARM_HOME,
                            PositionKind.HEALTH_HUT,
                            PositionKind.SERVICE_WINDOW,
                        )
                    )
                    positions.append(
                        self._position(code, aid, kind_pos, f"{name.removesuffix('计生协')}{kind_pos}")
                    )
            elif level is AdminLevel.TOWNSHIP and rng.random() < 0.5:
                kind_pos = rng.choice(
                    (
                        PositionKind.SUNFLOWER_ROOM,
                        PositionKind.CHILDCARE_POINT,
                        PositionKind.WARM_HOME,
                        PositionKind.FAMILY_HEALTH_CENTRE,
                    )
                )
                positions.append(
                    self._position(code, aid, kind_pos, f"{name.removesuffix('计划生育协会')}{kind_pos}")
                )
        self.put(Association, assocs, "associations")
        self.put(AssociationTerm, terms)
        self.put(Person, persons, "persons")
        self.put(PersonRole, roles)
        self.put(Position, positions)

    def _person(
        self,
        persons: list[dict[str, Any]],
        roles: list[dict[str, Any]],
        code: str,
        role: PersonRoleKind,
        association_id: str,
        **extra: Any,
    ) -> None:
        sex = people.pick_sex(self.rng)
        birth = people.birth_date(self.rng, TODAY, 24, 62)
        name = people.person_name(self.rng, sex)
        pid = self.uid()
        persons.append(
            {
                "id": pid,
                "name": name,
                "sex": sex,
                "birth_date": birth,
                "division_code": code,
                "id_number": people.id_number(self.rng, self.county[:6], birth, sex),
                "phone": people.mobile(self.rng),
                "name_key": search_key(name),
            }
        )
        roles.append(
            {
                "id": self.uid(),
                "person_id": pid,
                "role": role,
                "association_id": association_id,
                "division_code": code,
                "started_on": self.day_within(3000),
                **extra,
            }
        )

    def _position(self, code: str, aid: str, kind: PositionKind, name: str) -> dict[str, Any]:
        level = AdminLevel.VILLAGE if len(code) == 12 and not code.endswith("000") else AdminLevel.TOWNSHIP
        opened = self.day_within(1500)
        return {
            "id": self.uid(),
            "division_code": code,
            "association_id": aid,
            "kind": kind,
            "name": name,
            "level": level,
            "opened_on": opened,
            "plaque_on": opened + timedelta(days=30),
            "funding_fen": self.rng.randint(2, 50) * 1_000_000,
            "area_m2": self.rng.randint(30, 300),
        }
