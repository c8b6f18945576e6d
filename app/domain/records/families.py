"""Rows and inputs of the 特殊家庭 module: families, members, 三个全覆盖, visits with goods."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from app.domain.enums import (
    FamilyCategory,
    FamilyStatus,
    FundSource,
    MemberRelation,
    Sex,
    VisitKind,
    VisitOccasion,
    VisitWay,
)
from app.domain.errors import ValidationFailed

# What the family list can be narrowed to on the home page's coverage cards.
MISSING_CONTACT = "contact"
MISSING_DOCTOR = "doctor"
MISSING_GREEN_CHANNEL = "green_channel"
MISSING_VISIT = "visit"  # not visited in the last six months
MISSING_KINDS = (MISSING_CONTACT, MISSING_DOCTOR, MISSING_GREEN_CHANNEL, MISSING_VISIT)
VISIT_DUE_DAYS = 183  # the home page's "not visited in six months"


class WarningsToConfirm(ValidationFailed):
    """Only warnings stood in the way: the form asks the user once, then saves with accept_warnings."""

    def __init__(self, issues: list[object]) -> None:
        super().__init__(issues, "请确认以下提示后再保存：" + "；".join(str(i) for i in issues))


@dataclass(frozen=True)
class FamilyFilter:
    """What the family list shows: the search box, the filters, the division tree, the order."""

    text: str = ""
    division_code: str | None = None  # county, township or village: everything below it
    status: FamilyStatus | None = None
    category: FamilyCategory | None = None
    missing: str | None = None  # one of MISSING_KINDS
    sort: str = "registered_on"
    descending: bool = True


@dataclass(frozen=True)
class FamilyRow:
    """One line of the family list. The ID number is masked: lists never show it in full."""

    id: str
    family_no: str | None
    head_name: str
    head_id_masked: str
    head_sex: Sex | None
    head_age: int | None
    category: FamilyCategory
    disability_grade: int | None
    status: FamilyStatus
    division_code: str
    township: str
    village: str
    phone: str | None
    address: str | None
    member_count: int
    has_contacts: bool  # both the township and the village contact person
    has_doctor: bool  # a family doctor whose contract has not expired
    has_green_channel: bool
    last_visit_on: date | None
    registered_on: date | None
    monthly_support_fen: int | None
    # What an export writes: the full number when the role may see full numbers, else masked too.
    head_id_export: str = ""


@dataclass(frozen=True)
class Coverage:
    """三个全覆盖: contact persons, family doctor, hospital green channel."""

    contact_township_name: str = ""
    contact_township_phone: str = ""
    contact_village_name: str = ""
    contact_village_phone: str = ""
    doctor_institution: str = ""
    doctor_name: str = ""
    doctor_signed_on: date | None = None
    doctor_expires_on: date | None = None
    green_channel_hospital: str = ""
    green_channel_since: date | None = None


@dataclass(frozen=True)
class MemberInput:
    """A member as typed in the form; ``id`` is None for a new member."""

    name: str
    relation: MemberRelation
    id_number: str = ""
    sex: Sex | None = None  # ignored when the ID number is valid: it says the sex
    birth_date: date | None = None  # likewise
    is_deceased: bool = False
    died_on: date | None = None
    disability_grade: int | None = None
    phone: str = ""
    bank_name: str = ""
    bank_account: str = ""
    receives_support: bool = False
    health_note: str = ""
    id: str | None = None


@dataclass(frozen=True)
class UnmaskedNumbers:
    """One member's numbers in full, handed out on request (an audited un-masking)."""

    member_id: str
    id_number: str
    bank_account: str


@dataclass(frozen=True)
class FamilyInput:
    """A family as typed in the form. The head (户主) is the member whose relation is 本人."""

    division_code: str
    category: FamilyCategory
    members: tuple[MemberInput, ...]
    status: FamilyStatus = FamilyStatus.REGISTERED
    family_no: str = ""
    disability_grade: int | None = None
    status_changed_on: date | None = None
    registered_on: date | None = None
    phone: str = ""
    address: str = ""
    monthly_support_fen: int | None = None
    needs: str = ""
    note: str = ""
    coverage: Coverage = field(default_factory=Coverage)
    id: str | None = None


@dataclass(frozen=True)
class MemberRow:
    id: str
    name: str
    relation: MemberRelation
    id_number: str  # full or masked, as the user's role allows
    sex: Sex | None
    birth_date: date | None
    age: int | None
    is_deceased: bool
    died_on: date | None
    disability_grade: int | None
    phone: str
    bank_name: str
    bank_account: str  # full or masked, as the user's role allows
    receives_support: bool
    health_note: str


@dataclass(frozen=True)
class FamilyDetail:
    """Everything the edit form shows for one family."""

    id: str
    division_code: str
    township: str
    village: str
    family_no: str
    category: FamilyCategory
    disability_grade: int | None
    status: FamilyStatus
    status_changed_on: date | None
    registered_on: date | None
    head_name: str
    phone: str
    address: str
    monthly_support_fen: int | None
    needs: str
    note: str
    coverage: Coverage
    members: tuple[MemberRow, ...]
    visit_count: int
    last_visit_on: date | None
    updated_at: datetime
    deleted: bool


@dataclass(frozen=True)
class IdNumberHolder:
    """Someone already registered under an ID number (the duplicate warning offers to open it)."""

    family_id: str
    member_id: str
    name: str
    relation: MemberRelation
    head_name: str
    village: str
    status: FamilyStatus


@dataclass(frozen=True)
class VillageChoice:
    """A village (or township) a family can be registered in, for the form's picker."""

    code: str
    name: str
    township: str

    @property
    def label(self) -> str:
        return f"{self.township} · {self.name}" if self.township else self.name


@dataclass(frozen=True)
class GoodsLine:
    """Goods handed over at a visit: 大米 × 2 袋, worth 160.00 yuan in total."""

    item: str
    quantity: int = 1
    unit: str = ""
    value_fen: int = 0  # the value of the whole line


@dataclass(frozen=True)
class VisitInput:
    family_id: str
    visited_on: date | None
    occasion: VisitOccasion
    way: VisitWay
    visitors: str
    kind: VisitKind = VisitKind.VISIT
    cash_fen: int = 0
    fund_source: FundSource | None = None
    goods: tuple[GoodsLine, ...] = ()
    needs_raised: str = ""
    follow_up: str = ""
    form_number: str = ""
    note: str = ""


@dataclass(frozen=True)
class VisitRow:
    id: str
    family_id: str
    visited_on: date
    kind: VisitKind
    occasion: VisitOccasion
    way: VisitWay
    visitors: str
    cash_fen: int
    fund_source: FundSource | None
    goods: tuple[GoodsLine, ...]
    needs_raised: str
    follow_up: str
    form_number: str

    @property
    def goods_value_fen(self) -> int:
        return sum(g.value_fen for g in self.goods)

    @property
    def goods_text(self) -> str:
        return "、".join(f"{g.item}×{g.quantity}{g.unit}" for g in self.goods)


@dataclass(frozen=True)
class VisitDue:
    """A registered family not visited for a while (or never)."""

    family_id: str
    head_name: str
    village: str
    category: FamilyCategory
    last_visit_on: date | None
    open_follow_up: str  # the follow-up noted at the last visit, if any


@dataclass(frozen=True)
class SheetMember:
    name: str
    relation: MemberRelation
    age: int | None
    is_deceased: bool


@dataclass(frozen=True)
class VisitSheet:
    """One printed 走访慰问登记表: the family as known, blanks for the visit, the form's number."""

    family_id: str  # "" on a blank form (no family: filled in by hand)
    form_number: str  # printed and in the QR code; typed or scanned when the sheet comes back
    family_no: str = ""
    head_name: str = ""
    head_id_masked: str = ""  # paper leaves the office: never the full number
    category: FamilyCategory | None = None
    township: str = ""
    village: str = ""
    address: str = ""
    phone: str = ""
    members: tuple[SheetMember, ...] = ()
    contacts: str = ""  # "张三 138… / 李四 139…" or ""
    doctor: str = ""  # "星沙社区卫生服务中心 王医生（至 2026-12-31）" or ""
    green_channel: str = ""
    last_visit_on: date | None = None
    open_follow_up: str = ""  # the follow-up promised at the last visits and not yet done
    needs: str = ""  # the family's open needs: noted on the family and raised at visits not yet followed up

    @property
    def blank(self) -> bool:
        return not self.family_id


@dataclass(frozen=True)
class FormLookup:
    """What a typed or scanned form number leads to: the family to enter the visit for."""

    form_number: str  # as printed (upper case, canonical)
    family_id: str  # "" for a blank form: the user picks the family
    head_name: str
    village: str
    used_by: str  # "张三家，2026-10-11" when a visit already carries this number, else ""


@dataclass(frozen=True)
class VolunteerServiceRow:
    """志愿服务 given to a family: when, by whom, what, under which 暖心行动 system."""

    id: str
    family_id: str
    served_on: date
    volunteer_name: str
    person_id: str | None  # the volunteer, when registered in 组织建设
    system: str  # WarmAction's value
    service: str
    hours: int | None
    note: str


@dataclass(frozen=True)
class VolunteerServiceInput:
    family_id: str
    served_on: date | None
    volunteer_name: str = ""
    person_id: str | None = None
    system: str = "志愿服务"
    service: str = ""
    hours: int | None = None
    note: str = ""
    id: str | None = None


@dataclass(frozen=True)
class VolunteerChoice:
    """A registered volunteer to pick for a service (their village first)."""

    person_id: str
    name: str
    division_name: str
