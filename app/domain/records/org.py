"""Rows and inputs of the 组织建设 module: associations and their terms, people in their roles, 阵地."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.enums import AdminLevel, AssociationKind, PersonRoleKind, PositionKind, Sex, StaffKind

INSTRUCTOR_TARGET = 2  # the 2023 plan: every village has at least two family-health instructors
TERM_YEARS = 5  # an association is re-elected (换届) every five years

# The role groups the organisation page shows as lists of their own.
STAFF_ROLES = (PersonRoleKind.STAFF, PersonRoleKind.OFFICER)
MEMBER_ROLES = (PersonRoleKind.MEMBER, PersonRoleKind.CORE_MEMBER)
VOLUNTEER_ROLES = (PersonRoleKind.VOLUNTEER,)
INSTRUCTOR_ROLES = (PersonRoleKind.HEALTH_INSTRUCTOR,)


@dataclass(frozen=True)
class DivisionChoice:
    """A division a record can belong to, for a form's picker: 长沙县 · 安沙镇 · 和平村."""

    code: str
    name: str
    level: str  # 县市区 / 乡镇街道 / 村居社区
    label: str  # the name with its township (a village) or county (a township)


@dataclass(frozen=True)
class AssociationChoice:
    id: str
    name: str
    division_code: str


# --- associations --------------------------------------------------------------------------------


@dataclass(frozen=True)
class AssociationFilter:
    text: str = ""
    division_code: str | None = None  # this division and everything below it
    kind: AssociationKind | None = None
    term_due: bool = False  # only those whose term has run out (换届 due)
    sort: str = "division"
    descending: bool = False


@dataclass(frozen=True)
class AssociationRow:
    id: str
    name: str
    kind: AssociationKind
    level: AdminLevel
    division_code: str
    division_name: str
    president: str
    secretary_general: str
    member_count: int
    member_group_count: int
    has_member_home: bool
    last_election_on: date | None
    term_ends_on: date | None  # last election + the term's years
    phone: str

    def term_due(self, today: date) -> bool:
        return self.term_ends_on is None or self.term_ends_on <= today


@dataclass(frozen=True)
class AssociationInput:
    division_code: str
    name: str
    kind: AssociationKind = AssociationKind.REGIONAL
    level: AdminLevel | None = None  # from the division's level when not given
    founded_on: date | None = None
    president: str = ""
    secretary_general: str = ""
    member_count: int = 0
    member_group_count: int = 0
    has_member_home: bool = False
    phone: str = ""
    address: str = ""
    id: str | None = None


@dataclass(frozen=True)
class TermInput:
    """换届: a term election; recording one updates the association's officers and election date."""

    association_id: str
    elected_on: date | None
    president: str
    secretary_general: str = ""
    term_years: int = TERM_YEARS
    council_size: int | None = None
    note: str = ""


@dataclass(frozen=True)
class TermRow:
    id: str
    association_id: str
    elected_on: date
    term_years: int
    ends_on: date
    president: str
    secretary_general: str
    council_size: int | None
    note: str


@dataclass(frozen=True)
class AssociationDetail:
    id: str
    division_code: str
    division_name: str
    name: str
    kind: AssociationKind
    level: AdminLevel
    founded_on: date | None
    president: str
    secretary_general: str
    member_count: int
    member_group_count: int
    has_member_home: bool
    last_election_on: date | None
    phone: str
    address: str
    terms: tuple[TermRow, ...]  # newest first
    people_by_role: tuple[tuple[PersonRoleKind, int], ...]  # live roles held in this association


# --- people in their roles -----------------------------------------------------------------------


@dataclass(frozen=True)
class PersonFilter:
    roles: tuple[PersonRoleKind, ...] = ()  # empty: every role
    text: str = ""
    division_code: str | None = None
    staff_kind: StaffKind | None = None
    role: PersonRoleKind | None = None  # one role within ``roles`` (骨干会员 among members)
    current_only: bool = True  # roles not ended
    sort: str = "name"
    descending: bool = False


@dataclass(frozen=True)
class PersonRoleRow:
    """One role one person holds: the lists of staff, members, volunteers and instructors."""

    id: str  # the role's id
    person_id: str
    name: str
    sex: Sex | None
    age: int | None
    id_masked: str
    phone: str
    role: PersonRoleKind
    staff_kind: StaffKind | None
    title: str
    division_code: str
    township: str
    village: str
    association_name: str
    workplace: str
    started_on: date | None
    ended_on: date | None
    trained_on: date | None
    certificate_no: str
    service_hours: int | None
    id_export: str = ""  # what an export writes: in full only for a role that may see it


@dataclass(frozen=True)
class PersonInput:
    name: str
    division_code: str
    id_number: str = ""
    sex: Sex | None = None  # ignored when the ID number is valid: it says the sex
    birth_date: date | None = None  # likewise
    phone: str = ""
    address: str = ""
    workplace: str = ""
    id: str | None = None


@dataclass(frozen=True)
class RoleInput:
    role: PersonRoleKind
    division_code: str = ""  # the person's division when blank
    association_id: str | None = None
    staff_kind: StaffKind | None = None  # staff only
    title: str = ""  # 职务
    started_on: date | None = None
    ended_on: date | None = None
    trained_on: date | None = None  # instructors
    certificate_no: str = ""  # instructors
    service_hours: int | None = None  # volunteers
    id: str | None = None


@dataclass(frozen=True)
class PersonRoleDetail:
    """What the person form shows: the person, the role being edited, the other roles held."""

    person: PersonInput
    role: RoleInput
    other_roles: tuple[str, ...]  # 会员（和平村）…


@dataclass(frozen=True)
class IdHolder:
    """A person already registered under an ID number (the form's warning names them)."""

    person_id: str
    name: str
    roles: tuple[str, ...]


@dataclass(frozen=True)
class VillageInstructors:
    """A village and its family-health instructors (the villages-below-target view)."""

    code: str
    name: str
    township: str
    instructors: int
    names: str  # 张三、李四


@dataclass(frozen=True)
class InstructorCoverage:
    villages: int
    villages_on_target: int
    instructors: int
    target: int = INSTRUCTOR_TARGET


# --- positions (阵地) -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PositionFilter:
    text: str = ""
    division_code: str | None = None
    kind: PositionKind | None = None
    open_only: bool = True
    sort: str = "opened_on"
    descending: bool = True


@dataclass(frozen=True)
class PositionRow:
    id: str
    name: str
    kind: PositionKind
    level: AdminLevel
    division_code: str
    division_name: str
    association_name: str
    opened_on: date | None
    plaque_on: date | None
    funding_fen: int
    area_m2: int | None
    address: str
    closed_on: date | None
    places: int | None = None  # 托位 of a 普惠托育点


@dataclass(frozen=True)
class PositionInput:
    division_code: str
    kind: PositionKind
    name: str
    level: AdminLevel | None = None  # from the division's level when not given
    association_id: str | None = None
    opened_on: date | None = None
    plaque_on: date | None = None
    funding_fen: int = 0
    area_m2: int | None = None
    address: str = ""
    closed_on: date | None = None
    places: int | None = None  # 托位: a 普惠托育点's childcare places
    id: str | None = None


@dataclass(frozen=True)
class PositionCount:
    kind: PositionKind
    count: int
    funding_fen: int
