"""A small county built by hand for the indicator tests: every figure below is counted on paper.

Period 2026H1 (1 January – 30 June 2026), evaluated on 1 December 2026, so stocks are judged on
30 June. ``build(s, county)`` writes the records into the county's first two villages and
returns the figures each default indicator must show (numerator, denominator).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.database.models import (
    Activity,
    Association,
    AssociationTerm,
    Division,
    DivisionPopulation,
    InsurancePolicy,
    Person,
    PersonRole,
    Position,
    Project,
    ProjectBeneficiary,
    ProjectPayment,
    SpecialFamily,
    Training,
    Visit,
    VisitGoods,
)
from app.domain.enums import (
    AdminLevel,
    AssociationKind,
    Campaign,
    DivisionLevel,
    FamilyCategory,
    FamilyStatus,
    PaymentMethod,
    PersonRoleKind,
    PositionKind,
    ProjectStatus,
    TrainingAudience,
    VisitOccasion,
    VisitWay,
)

PERIOD = "2026H1"
TODAY = date(2026, 12, 1)


@dataclass(frozen=True)
class Place:
    county: str
    v1: str
    v2: str
    villages: int  # every village of the county in the division list (the 村居 denominator)


def place(s: Session, county: str) -> Place:
    prefix = county[:6]
    codes = list(
        s.scalars(
            select(Division.code)
            .where(Division.level == DivisionLevel.VILLAGE, Division.code.startswith(prefix))
            .order_by(Division.code)
        )
    )
    n = s.scalar(
        select(func.count()).where(
            Division.level == DivisionLevel.VILLAGE,
            Division.code.startswith(prefix),
            Division.deleted.is_(False),
        )
    )
    return Place(county, codes[0], codes[1], int(n or 0))


def _family(s: Session, village: str, category: FamilyCategory, **kw: object) -> str:
    f = SpecialFamily(division_code=village, category=category, head_name="户主", **kw)
    s.add(f)
    s.flush()
    return f.id


def _visit(s: Session, fam: str, village: str, on: date, cash: int, goods: int = 0) -> None:
    v = Visit(
        family_id=fam,
        division_code=village,
        visited_on=on,
        occasion=VisitOccasion.ROUTINE,
        way=VisitWay.HOME,
        visitors="走访人",
        cash_fen=cash,
    )
    s.add(v)
    s.flush()
    if goods:
        s.add(VisitGoods(visit_id=v.id, item="米", quantity=1, value_fen=goods))


def _role(s: Session, village: str, role: PersonRoleKind, **kw: object) -> None:
    person = Person(name="人员", division_code=village)  # a role belongs to a person (a merge refuses an orphan)
    s.add(person)
    s.flush()
    s.add(PersonRole(person_id=person.id, role=role, division_code=village, **kw))


def build(s: Session, p: Place) -> dict[str, tuple[int, int | None]]:
    v1, v2 = p.v1, p.v2
    full = {
        "contact_township_name": "乡干部",
        "contact_village_name": "村干部",
        "green_channel_hospital": "县医院",
    }
    # 在册特殊家庭: f1, f2, f5. f3 is a hardship family, f4 moved out: neither counts.
    f1 = _family(
        s,
        v1,
        FamilyCategory.BEREAVED,
        doctor_name="王医生",
        doctor_signed_on=date(2025, 1, 1),
        doctor_expires_on=date(2027, 1, 1),
        **full,
    )
    f2 = _family(
        s,
        v1,
        FamilyCategory.DISABLED,
        contact_township_name="乡干部",
        doctor_name="李医生",
        doctor_expires_on=date(2026, 3, 1),
    )
    f3 = _family(s, v1, FamilyCategory.HARDSHIP, doctor_name="王医生", **full)
    _family(s, v1, FamilyCategory.SURGERY_COMPLICATION, status=FamilyStatus.MOVED_OUT, **full)
    f5 = _family(s, v2, FamilyCategory.BEREAVED, **full)
    _visit(s, f1, v1, date(2026, 2, 10), 50_000, 20_000)
    _visit(s, f2, v1, date(2026, 7, 5), 10_000)  # after the period
    _visit(s, f3, v1, date(2026, 3, 1), 30_000)  # a hardship family: not in 户均慰问额
    _visit(s, f5, v2, date(2026, 1, 20), 10_000)
    _visit(s, f5, v2, date(2026, 5, 29), 20_000, 5_000)
    s.add(
        InsurancePolicy(
            family_id=f1,
            product="计生保险",
            year=2026,
            starts_on=date(2026, 1, 1),
            ends_on=date(2026, 12, 31),
        )
    )
    s.add(InsurancePolicy(family_id=f5, product="计生保险", year=2026))
    s.add(
        InsurancePolicy(
            family_id=f2,
            product="计生保险",
            year=2025,
            starts_on=date(2025, 1, 1),
            ends_on=date(2025, 12, 31),
        )
    )

    # Villages: v1 has 2 instructors on duty (a third left in January), v2 has one.
    _role(s, v1, PersonRoleKind.HEALTH_INSTRUCTOR, trained_on=date(2026, 3, 1))
    _role(s, v1, PersonRoleKind.HEALTH_INSTRUCTOR, started_on=date(2020, 1, 1))
    _role(s, v1, PersonRoleKind.HEALTH_INSTRUCTOR, ended_on=date(2026, 1, 31), trained_on=date(2026, 1, 5))
    _role(s, v2, PersonRoleKind.HEALTH_INSTRUCTOR, trained_on=date(2025, 5, 1))
    _role(s, v1, PersonRoleKind.CORE_MEMBER)
    _role(s, v2, PersonRoleKind.CORE_MEMBER)
    _role(s, v2, PersonRoleKind.CORE_MEMBER, ended_on=date(2026, 2, 1))
    village = {"kind": AssociationKind.REGIONAL, "level": AdminLevel.VILLAGE}
    s.add(Association(division_code=v1, name="一村计生协", has_member_home=True, member_count=100, **village))
    s.add(Association(division_code=v2, name="二村计生协", member_count=50, **village))
    s.add(
        Position(
            division_code=v2,
            kind=PositionKind.MEMBER_HOME,
            name="会员之家",
            level=AdminLevel.VILLAGE,
            opened_on=date(2020, 1, 1),
            closed_on=date(2026, 3, 1),
        )
    )
    county_assoc = Association(
        division_code=p.county,
        name="县计生协",
        kind=AssociationKind.REGIONAL,
        level=AdminLevel.COUNTY,
        last_election_on=date(2019, 1, 1),
    )
    s.add(county_assoc)
    s.flush()
    s.add(AssociationTerm(association_id=county_assoc.id, elected_on=date(2024, 5, 1)))
    s.add(
        Association(
            division_code=p.county,
            name="县医院计生协",
            kind=AssociationKind.HOSPITAL,
            level=AdminLevel.COUNTY,
            last_election_on=date(2020, 6, 1),
        )
    )

    # Projects of 2026 (and one of 2025 that must not count).
    def project(status: ProjectStatus, year: int, allocated: int, **kw: object) -> str:
        pr = Project(
            catalogue_code="X",
            name="项目",
            year=year,
            level=AdminLevel.COUNTY,
            division_code=p.county,
            status=status,
            allocated_fen=allocated,
            **kw,
        )
        s.add(pr)
        s.flush()
        return pr.id

    p1 = project(
        ProjectStatus.PUBLIC_NOTICE,
        2026,
        1_000_000,
        notice_from=date(2026, 4, 1),
        final_report_due_on=date(2026, 6, 1),  # due in the period and not in: not on time
    )
    project(ProjectStatus.IN_PROGRESS, 2026, 500_000, final_report_due_on=date(2026, 12, 31))  # not due yet
    project(  # due in the period and in before it: on time
        ProjectStatus.FINAL_REPORT,
        2026,
        0,
        final_report_due_on=date(2026, 3, 31),
        final_report_on=date(2026, 3, 20),
    )
    p3 = project(ProjectStatus.EVALUATED, 2025, 999, notice_from=date(2025, 4, 1))
    project(ProjectStatus.APPLIED, 2026, 0)

    def pay(pid: str, on: date, amount: int, method: PaymentMethod) -> None:
        # a payment goes to someone on the project's reported list (a merge refuses an orphan)
        person = ProjectBeneficiary(project_id=pid, name="受益人", division_code=p.county)
        s.add(person)
        s.flush()
        s.add(
            ProjectPayment(project_id=pid, beneficiary_id=person.id, paid_on=on, amount_fen=amount, method=method)
        )

    pay(p1, date(2026, 3, 1), 200_000, PaymentMethod.ONE_CARD)
    pay(p1, date(2026, 5, 1), 50_000, PaymentMethod.CASH)
    pay(p1, date(2026, 6, 1), 100_000, PaymentMethod.IN_KIND)
    pay(p1, date(2026, 8, 1), 300_000, PaymentMethod.ONE_CARD)  # after the period
    pay(p3, date(2026, 2, 1), 999, PaymentMethod.ONE_CARD)  # a 2025 project

    def activity(on: date, campaign: Campaign, n: tuple[int, int, int, int, int]) -> None:
        s.add(
            Activity(
                division_code=v1,
                campaign=campaign,
                title="活动",
                held_on=on,
                sessions=n[0],
                participants=n[1],
                materials=n[2],
                served=n[3],
                beneficiaries=n[4],
            )
        )

    activity(date(2026, 5, 29), Campaign.MAY_29, (3, 200, 500, 20, 40))
    activity(date(2026, 3, 8), Campaign.OTHER, (1, 50, 0, 10, 5))
    activity(date(2026, 7, 11), Campaign.JULY_11, (9, 999, 999, 99, 99))
    s.add(
        Training(
            division_code=v1,
            title="培训",
            audience=TrainingAudience.INSTRUCTORS,
            held_on=date(2026, 4, 1),
            participants=30,
        )
    )
    s.add(
        Training(
            division_code=v1,
            title="培训",
            audience=TrainingAudience.INSTRUCTORS,
            held_on=date(2025, 12, 1),
            participants=99,
        )
    )
    # 常住人口 of two townships: this year's for one, last year's (the latest) for the other, and
    # an older row that must not count; a deleted row neither.
    towns = s.scalars(
        select(Division.code)
        .where(Division.level == DivisionLevel.TOWNSHIP, Division.code.startswith(p.county[:6]))
        .order_by(Division.code)
        .limit(2)
    ).all()
    town1, town2 = towns
    s.add(DivisionPopulation(division_code=town1, year=2026, residents=20_000))
    s.add(DivisionPopulation(division_code=town1, year=2024, residents=99_999))
    s.add(DivisionPopulation(division_code=town2, year=2025, residents=30_000))
    s.add(DivisionPopulation(division_code=town2, year=2026, residents=77_777, deleted=True))
    s.flush()

    n = p.villages
    return {
        "ZZ-JHL": (2, n),
        "ZZ-HYZJ": (1, n),
        "ZZ-JKZDY": (1, n),
        "ZZ-JKZDY1": (2, n),
        "ZZ-GGHY": (2, 150),
        "ZZ-HJ": (1, 2),
        "ZZ-PXFG": (1, 3),
        "TSJT-LXR": (2, 3),
        "TSJT-JTYS": (1, 3),
        "TSJT-LSTD": (2, 3),
        "TSJT-ZFWW": (2, 3),
        "TSJT-HJWW": (105_000, 2),
        "TSJT-BX": (2, 3),
        "XM-YSZX": (350_000, 1_500_000),
        "XM-YKT": (200_000, 250_000),
        "XM-GS": (1, 3),
        "XM-ZQBG": (1, 2),
        "HD-CC": (4, None),
        "HD-CYRC": (250, None),
        "HD-ZLFS": (500, None),
        "HD-FWRC": (30, None),
        "HD-HJRS": (45, None),
        "HD-CC-WR": (4, 50_000),
        "HD-CYRC-WR": (250, 50_000),
        "PX-RC": (30, None),
    }
