"""Demo organisation: associations, terms, officers, staff, members, volunteers, instructors, 阵地."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from app.database.models import Association, AssociationTerm, Person, PersonRole, Position
from app.domain.enums import AdminLevel, AssociationKind, PersonRoleKind, PositionKind, StaffKind
from app.domain.pinyin import search_key
from app.services.demo.base import BuilderBase, Cadre
from app.services.demo.draw import TODAY, Weighted

Rows = list[dict[str, Any]]

# Family-health instructors per village: the 2023 target is at least two; not every village is there.
_INSTRUCTORS = Weighted([(0, 6), (1, 16), (2, 62), (3, 16)])
_VILLAGE_POSITIONS = (
    (PositionKind.WARM_HOME, 0.08),
    (PositionKind.HEALTH_HUT, 0.08),
    (PositionKind.SERVICE_WINDOW, 0.05),
)
_TOWNSHIP_POSITIONS = (
    (PositionKind.SUNFLOWER_ROOM, 0.2),
    (PositionKind.CHILDCARE_POINT, 0.25),
    (PositionKind.FAMILY_HEALTH_CENTRE, 0.3),
    (PositionKind.WARM_HOME, 0.3),
    (PositionKind.HEALTH_STATION, 0.2),
)
_COUNTY_POSITIONS = (
    PositionKind.FAMILY_HEALTH_CENTRE,
    PositionKind.YOUTH_HEALTH_BASE,
    PositionKind.WARM_HOME,
    PositionKind.MEMBER_HOME,
)
# What building one costs, in yuan (普惠托育点: 20 points for 1 million yuan in the 2023 plan).
_FUNDING_YUAN = {
    PositionKind.CHILDCARE_POINT: (50_000, 50_000),
    PositionKind.SUNFLOWER_ROOM: (20_000, 50_000),
    PositionKind.FAMILY_HEALTH_CENTRE: (50_000, 200_000),
    PositionKind.YOUTH_HEALTH_BASE: (50_000, 100_000),
    PositionKind.WARM_HOME: (10_000, 50_000),
}


class OrganisationPart(BuilderBase):
    def organisation(self) -> None:
        self._assocs: Rows = []
        self._terms: Rows = []
        self._persons: Rows = []
        self._roles: Rows = []
        self._positions: Rows = []
        county = self.county_name
        self._unit(self.county, f"{county}计划生育协会", AdminLevel.COUNTY, AssociationKind.REGIONAL)
        for code, name, _, _ in self.townships:
            self._unit(code, f"{name}计划生育协会", AdminLevel.TOWNSHIP, AssociationKind.REGIONAL)
        for code, *_ in self.villages:
            self._unit(code, f"{self.names[code]}计生协", AdminLevel.VILLAGE, AssociationKind.REGIONAL)
        for name, kind in (
            (f"{county}人民医院计划生育协会", AssociationKind.HOSPITAL),
            (f"{county}经济开发区企业计划生育协会", AssociationKind.ENTERPRISE),
            (f"{county}流动人口计划生育协会", AssociationKind.MIGRANT),
        ):
            self._unit(self.county, name, AdminLevel.COUNTY, kind)
        for township in [self.county, *(t[0] for t in self.townships)]:
            # The doctors who sign families up (家庭医生签约) at the township health centre.
            self.doctors[township] = [
                self.people.name(self.people.sex(), young=True) for _ in range(self.draw.between(3, 6))
            ]
        self.put(Association, self._assocs, "associations")
        self.put(AssociationTerm, self._terms)
        self.put(Person, self._persons, "persons")
        self.put(PersonRole, self._roles)
        self.put(Position, self._positions, "positions")

    def _unit(self, code: str, name: str, level: AdminLevel, kind: AssociationKind) -> None:
        draw, people = self.draw, self.people
        aid = self.uid()
        self._unit_name = name
        if kind is AssociationKind.REGIONAL:
            self.association_of[code] = aid
        village = level is AdminLevel.VILLAGE
        president = self._org_person(code, aid, PersonRoleKind.OFFICER, title="会长", ages=(40, 62))
        if village:
            # The village's 计生专干 (村级兼职) is the families' village contact and usual visitor.
            secretary = self._org_person(
                code, aid, PersonRoleKind.STAFF, staff_kind=StaffKind.VILLAGE_PART_TIME, title="计生专干"
            )
            self.village_cadres[code] = [secretary]
        elif level is AdminLevel.TOWNSHIP:
            secretary = self._org_person(
                code, aid, PersonRoleKind.STAFF, staff_kind=StaffKind.CONTRACT, title="秘书长"
            )
            extra = [
                self._org_person(code, aid, PersonRoleKind.STAFF, staff_kind=StaffKind.CONTRACT, title="专干")
                for _ in range(draw.between(0, 1))
            ]
            self.township_cadres[code] = [secretary, *extra]
        else:
            own = kind is AssociationKind.REGIONAL
            staff_kind = StaffKind.ESTABLISHED if own else StaffKind.CONTRACT
            secretary = self._org_person(
                code, aid, PersonRoleKind.STAFF, staff_kind=staff_kind, title="秘书长"
            )
            for _ in range(draw.between(3, 5) if own else 0):
                title = draw.pick(("副秘书长", "专干", "干事"))
                self._org_person(
                    code, aid, PersonRoleKind.STAFF, staff_kind=StaffKind.ESTABLISHED, title=title
                )
        if village:
            members = draw.between(60, 400)
            for _ in range(draw.choose(_INSTRUCTORS)):
                self._org_person(
                    code,
                    aid,
                    PersonRoleKind.HEALTH_INSTRUCTOR,
                    trained_on=draw.day_within(700),
                    certificate_no=f"JKZD{draw.digits(6)}",
                )
            for _ in range(draw.between(1, 4)):
                self._org_person(code, aid, PersonRoleKind.VOLUNTEER, service_hours=draw.between(4, 200))
            for _ in range(draw.between(2, 5)):
                core = draw.chance(0.3)
                self._org_person(code, aid, PersonRoleKind.CORE_MEMBER if core else PersonRoleKind.MEMBER)
        elif kind is AssociationKind.MIGRANT:
            members = draw.between(200, 1500)
        else:
            members = draw.between(30, 600)
        elected = draw.day_between(date(TODAY.year - 4, 1, 1), TODAY - timedelta(days=60))
        has_home = village and draw.chance(0.55)
        self._assocs.append(
            {
                "id": aid,
                "division_code": code,
                "name": name,
                "kind": kind,
                "level": level,
                "founded_on": date(draw.between(1985, 2005), draw.between(1, 12), 1),
                "president": president.name,
                "secretary_general": secretary.name,
                "member_count": members,
                "member_group_count": max(1, members // 30),
                "has_member_home": has_home,
                "last_election_on": elected,
                "phone": secretary.phone,
                "address": f"{self.names.get(code, '')}综合服务中心" if village else None,
            }
        )
        self._term(aid, elected, president.name, secretary.name)
        if draw.chance(0.6):  # the term before (换届 every five years)
            earlier = elected - timedelta(days=5 * 365 + draw.between(-60, 60))
            self._term(aid, earlier, people.name(people.sex(0.7)), people.name(people.sex()))
        base = name.removesuffix("计划生育协会").removesuffix("计生协")
        if has_home:
            self._position(code, aid, PositionKind.MEMBER_HOME, f"{base}会员之家", level)
        choices = (
            _VILLAGE_POSITIONS
            if village
            else _TOWNSHIP_POSITIONS
            if level is AdminLevel.TOWNSHIP
            else [(k, 1.0) for k in _COUNTY_POSITIONS]
            if kind is AssociationKind.REGIONAL
            else []
        )
        for kind_pos, share in choices:
            if draw.chance(share):
                self._position(code, aid, kind_pos, f"{base}{kind_pos}", level)

    def _term(self, aid: str, elected: date, president: str, secretary: str) -> None:
        self._terms.append(
            {
                "id": self.uid(),
                "association_id": aid,
                "elected_on": elected,
                "term_years": 5,
                "president": president,
                "secretary_general": secretary,
                "council_size": self.draw.between(7, 25),
            }
        )

    def _org_person(
        self,
        code: str,
        association_id: str,
        role: PersonRoleKind,
        *,
        ages: tuple[int, int] = (24, 60),
        **extra: Any,
    ) -> Cadre:
        people = self.people
        sex = people.sex()
        birth = people.birth(*ages)
        name = people.name(sex, young=birth.year >= 1975)
        cadre = Cadre(name, people.mobile())
        pid = self.uid()
        self._persons.append(
            {
                "id": pid,
                "name": name,
                "sex": sex,
                "birth_date": birth,
                "division_code": code,
                "id_number": people.id_number(birth, sex),
                "phone": cadre.phone,
                "name_key": search_key(name),
                # Officers and staff work for the association; members and volunteers elsewhere.
                "workplace": self._unit_name
                if role in (PersonRoleKind.OFFICER, PersonRoleKind.STAFF)
                else None,
            }
        )
        self._roles.append(
            {
                "id": self.uid(),
                "person_id": pid,
                "role": role,
                "association_id": association_id,
                "division_code": code,
                "started_on": self.draw.day_within(3000),
                **extra,
            }
        )
        return cadre

    def _position(self, code: str, aid: str, kind: PositionKind, name: str, level: AdminLevel) -> None:
        draw = self.draw
        opened = draw.day_within(1500)
        low, high = _FUNDING_YUAN.get(kind, (5_000, 30_000))
        plaque_on = min(opened + timedelta(days=draw.between(0, 60)), TODAY)
        funding_fen = draw.between(low // 1000, high // 1000) * 1000 * 100
        area = draw.between(30, 300)
        self._positions.append(
            {
                "id": self.uid(),
                "division_code": code,
                "association_id": aid,
                "kind": kind,
                "name": name,
                "level": level,
                "opened_on": opened,
                "plaque_on": plaque_on,
                "funding_fen": funding_fen,
                "area_m2": area,
                # about one place per 6 m² (no draw of its own: the demo's other numbers stay put)
                "places": max(area // 6, 10) if kind is PositionKind.CHILDCARE_POINT else None,
                "address": self.names.get(code),
            }
        )
