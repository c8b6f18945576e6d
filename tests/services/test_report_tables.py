"""The standard tables of 数据分析 against figures worked out by hand on a small county built here."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from app.database.models import (
    Activity,
    Association,
    AssociationTerm,
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
    ActivityKind,
    AdminLevel,
    AssociationKind,
    Campaign,
    FamilyCategory,
    FamilyStatus,
    PaymentMethod,
    PersonRoleKind,
    PositionKind,
    StaffKind,
    TrainingAudience,
    VisitKind,
    VisitOccasion,
    VisitWay,
)
from app.domain.errors import NotFound, UserInputError
from app.domain.records.reports import ReportTable
from app.services import analysis
from app.services.shared.workspace import Workspace

COUNTY = "430121000000"
A, A1, A2 = "430121001000", "430121001001", "430121001002"  # 星沙街道 and two of its villages
B, B1 = "430121002000", "430121002001"  # 泉塘街道, 板桥社区
H1 = "2026H1"


def _family(s: Any, code: str, category: FamilyCategory, **kw: Any) -> str:
    values: dict[str, Any] = {
        "division_code": code,
        "category": category,
        "head_name": kw.pop("head", "张某"),
        "registered_on": date(2020, 1, 1),
    }
    values.update(kw)
    family = SpecialFamily(**values)
    s.add(family)
    s.flush()
    return family.id


def _visit(
    s: Any, family_id: str, code: str, day: date, cash: int, goods: tuple[int, ...] = (), **kw: Any
) -> None:
    values: dict[str, Any] = {"occasion": VisitOccasion.ROUTINE, "way": VisitWay.HOME, "visitors": "李某"}
    values.update(kw)
    visit = Visit(family_id=family_id, division_code=code, visited_on=day, cash_fen=cash, **values)
    s.add(visit)
    s.flush()
    for value in goods:
        s.add(VisitGoods(visit_id=visit.id, item="大米", value_fen=value))


FULL = {
    "contact_township_name": "王乡干",
    "contact_village_name": "刘村干",
    "doctor_name": "陈医生",
    "doctor_signed_on": date(2025, 3, 1),
    "doctor_expires_on": date(2027, 2, 28),
    "green_channel_hospital": "县人民医院",
}


@pytest.fixture
def county(workspace: Workspace) -> Workspace:
    with workspace.db.session() as s:
        f1 = _family(s, A1, FamilyCategory.BEREAVED, head="甲", head_id_number="430121195001011234", **FULL)
        f2 = _family(
            s,
            A2,
            FamilyCategory.DISABLED,
            head="乙",
            contact_township_name="王乡干",
            doctor_name="陈医生",
            doctor_expires_on=date(2026, 3, 1),  # expired before the period's last day
            green_channel_hospital="县人民医院",
        )
        f3 = _family(  # left the register only after the period: still counted
            s,
            B1,
            FamilyCategory.SURGERY_COMPLICATION,
            head="丙",
            status=FamilyStatus.ENDED,
            status_changed_on=date(2026, 8, 1),
            contact_township_name="赵",
            contact_village_name="钱",
        )
        _family(
            s,
            B1,
            FamilyCategory.BEREAVED,
            status=FamilyStatus.DECEASED,
            status_changed_on=date(2026, 3, 1),
            **FULL,
        )
        f5 = _family(s, A1, FamilyCategory.HARDSHIP, head="戊", **FULL)  # hardship: own column only
        _family(s, A1, FamilyCategory.BEREAVED, registered_on=date(2026, 8, 1), **FULL)  # after the period
        _family(s, A1, FamilyCategory.BEREAVED, deleted=True, **FULL)
        _visit(s, f1, A1, date(2026, 2, 10), 80_000, (20_000, 5_000))
        _visit(s, f1, A1, date(2026, 5, 29), 50_000)
        _visit(s, f2, A2, date(2026, 6, 30), 30_000, (10_000,))
        _visit(s, f3, B1, date(2026, 1, 1), 0, kind=VisitKind.EMOTIONAL_SUPPORT, way=VisitWay.PHONE)
        _visit(s, f5, A1, date(2026, 3, 3), 20_000)
        _visit(s, f1, A1, date(2026, 7, 1), 99_999)  # after the period
        _visit(s, f2, A2, date(2025, 12, 31), 99_999)  # before it
        _visit(s, f2, A2, date(2026, 4, 1), 77_777, deleted=True)
        s.add(InsurancePolicy(family_id=f1, product="计生保险", year=2026, premium_fen=10_000))
        s.add(InsurancePolicy(family_id=f2, product="计生保险", year=2025, premium_fen=10_000))
        s.add(InsurancePolicy(family_id=f5, product="计生保险", year=2026, premium_fen=10_000))
    return workspace


def _row(table: ReportTable, code: str) -> dict[str, Any]:
    values = table.rows[table.row_divisions.index(code)]
    return {c.key: v for c, v in zip(table.columns, values, strict=True)}


def _totals(table: ReportTable) -> dict[str, Any]:
    assert table.totals is not None
    return {c.key: v for c, v in zip(table.columns, table.totals, strict=True)}


def test_visit_ledger_lists_every_visit_of_the_period_and_adds_up(county: Workspace) -> None:
    table = analysis.build_report(county, "visits", COUNTY, H1)
    assert (
        table.title == "走访慰问台账"
        and table.period_label == "2026年上半年"
        and table.unit == "长沙县计生协"
    )
    heads = [r[table.column_index("head")] for r in table.rows]
    assert heads == ["甲", "戊", "甲", "乙", "丙"]  # by village, then date
    assert [r[table.column_index("visited_on")] for r in table.rows][:3] == [
        date(2026, 2, 10),
        date(2026, 3, 3),
        date(2026, 5, 29),
    ]
    first = {c.key: v for c, v in zip(table.columns, table.rows[0], strict=True)}
    assert (first["township"], first["village"], first["cash"], first["goods"], first["total"]) == (
        "星沙街道",
        "开元路社区居委会",
        80_000,
        25_000,
        105_000,
    )
    totals = _totals(table)
    assert (totals["township"], totals["village"]) == ("4 户", "5 次")
    assert (totals["cash"], totals["goods"], totals["total"]) == (180_000, 35_000, 215_000)
    assert table.as_dict()["totals"]["total"] == "2150.00"


def test_the_ledger_of_one_township_only(county: Workspace) -> None:
    table = analysis.build_report(county, "visits", B, H1)
    assert [r[table.column_index("head")] for r in table.rows] == ["丙"]
    assert table.division_name == "泉塘街道" and table.rows[0][table.column_index("kind")] == "精神慰藉"


def test_special_family_table_by_township(county: Workspace) -> None:
    table = analysis.build_report(county, "special-families", COUNTY, H1)
    assert len(table.rows) == 18  # every township of the county, those without families too
    a = _row(table, A)
    assert (a["division"], a["registered"], a["bereaved"], a["disabled"], a["surgery"]) == (
        "星沙街道",
        2,
        1,
        1,
        0,
    )
    assert (a["contacts"], a["doctor"], a["green"], a["all_three"]) == (1, 1, 2, 1)
    assert (a["contacts_rate"], a["green_rate"]) == (0.5, 1.0)
    assert (a["insured"], a["premium"], a["visited"], a["visit_money"], a["hardship"]) == (
        1,
        10_000,
        2,
        195_000,
        1,
    )
    b = _row(table, B)
    assert (
        b["registered"],
        b["surgery"],
        b["contacts"],
        b["doctor"],
        b["green"],
        b["visited"],
        b["visit_money"],
    ) == (1, 1, 1, 0, 0, 1, 0)
    empty = _row(table, "430121003000")
    assert empty["registered"] == 0 and empty["contacts_rate"] is None
    t = _totals(table)
    assert (t["registered"], t["contacts"], t["doctor"], t["green"], t["all_three"], t["hardship"]) == (
        3,
        2,
        1,
        2,
        1,
        1,
    )
    # Pooled: 2 of 3 families, not the mean of 50 % and 100 %.
    assert t["contacts_rate"] == pytest.approx(2 / 3) and t["visited_rate"] == 1.0
    assert t["all_three_rate"] == pytest.approx(1 / 3)


def test_at_a_township_the_rows_are_its_villages(county: Workspace) -> None:
    table = analysis.build_report(county, "special-families", A, H1)
    assert _row(table, A1)["registered"] == 1 and _row(table, A2)["registered"] == 1
    assert _totals(table)["registered"] == 2


def test_a_division_outside_the_database_or_the_scope_is_refused(county: Workspace) -> None:
    with pytest.raises(UserInputError, match="区划"):
        analysis.build_report(county, "visits", "430102000000", H1)
    with pytest.raises(UserInputError, match="统计表"):
        analysis.build_report(county, "nonsense", COUNTY, H1)
    with pytest.raises(UserInputError, match="时间段"):
        analysis.build_report(county, "visits", COUNTY, "2026H3")
    from app.domain.enums import UserRole
    from app.domain.records.accounts import SignedInUser

    county.user = SignedInUser("luru", "录入员", UserRole.TOWNSHIP_CLERK, A)
    with pytest.raises(NotFound):
        analysis.build_report(county, "visits", COUNTY, H1)
    assert analysis.build_report(county, "visits", None, H1).division_code == A


def test_organisation_table(workspace: Workspace) -> None:
    with workspace.db.session() as s:
        home = Association(
            division_code=A,
            name="星沙街道计生协",
            kind=AssociationKind.REGIONAL,
            level=AdminLevel.TOWNSHIP,
            has_member_home=True,
            member_count=120,
            member_group_count=5,
            founded_on=date(2010, 1, 1),
        )
        s.add(home)
        s.add(
            Association(
                division_code=A1,
                name="开元路社区计生协",
                kind=AssociationKind.REGIONAL,
                level=AdminLevel.VILLAGE,
                member_count=30,
            )
        )
        s.add(
            Association(
                division_code=COUNTY,
                name="长沙县计生协",
                kind=AssociationKind.REGIONAL,
                level=AdminLevel.COUNTY,
                member_count=50,
            )
        )
        s.add(
            Association(
                division_code=B,
                name="新协会",
                kind=AssociationKind.REGIONAL,
                level=AdminLevel.TOWNSHIP,
                member_count=9,
                founded_on=date(2026, 9, 1),
            )
        )
        s.flush()
        s.add(AssociationTerm(association_id=home.id, elected_on=date(2026, 3, 15)))
        s.add(AssociationTerm(association_id=home.id, elected_on=date(2021, 3, 15)))
        person = Person(name="某人", division_code=A)
        s.add(person)
        s.flush()

        def role(code: str, kind: PersonRoleKind, **kw: Any) -> None:
            s.add(PersonRole(person_id=person.id, division_code=code, role=kind, **kw))

        role(A, PersonRoleKind.STAFF, staff_kind=StaffKind.ESTABLISHED)
        role(A, PersonRoleKind.STAFF, staff_kind=StaffKind.CONTRACT)
        role(A1, PersonRoleKind.STAFF, staff_kind=StaffKind.VILLAGE_PART_TIME)
        role(A1, PersonRoleKind.STAFF, staff_kind=StaffKind.VILLAGE_PART_TIME, ended_on=date(2025, 12, 31))
        role(B, PersonRoleKind.CORE_MEMBER)
        role(B1, PersonRoleKind.VOLUNTEER, service_hours=12)
        role(B1, PersonRoleKind.VOLUNTEER)
        role(A2, PersonRoleKind.HEALTH_INSTRUCTOR, started_on=date(2026, 6, 30))
        role(A2, PersonRoleKind.HEALTH_INSTRUCTOR, started_on=date(2026, 7, 1))  # after the period
        s.add(
            Position(
                division_code=A,
                kind=PositionKind.MEMBER_HOME,
                name="会员之家",
                level=AdminLevel.TOWNSHIP,
                opened_on=date(2019, 5, 1),
            )
        )
        s.add(
            Position(
                division_code=A,
                kind=PositionKind.WARM_HOME,
                name="暖心家园",
                level=AdminLevel.TOWNSHIP,
                closed_on=date(2026, 5, 1),
            )
        )
    table = analysis.build_report(workspace, "organisation", COUNTY, H1)
    a, b, own = _row(table, A), _row(table, B), _row(table, COUNTY)
    assert (a["associations"], a["member_homes"], a["elections"], a["members"], a["member_groups"]) == (
        2,
        1,
        1,
        150,
        5,
    )
    assert (
        a["staff_established"],
        a["staff_contract"],
        a["staff_village"],
        a["instructors"],
        a["positions"],
    ) == (1, 1, 1, 1, 1)
    assert (b["associations"], b["core_members"], b["volunteers"], b["volunteer_hours"]) == (0, 1, 2, 12)
    assert own["division"] == "长沙县本级" and own["associations"] == 1 and own["members"] == 50
    assert table.rows[-1][0] == "长沙县本级"
    t = _totals(table)
    assert (t["associations"], t["members"], t["volunteers"]) == (3, 200, 2)


def test_activity_and_training_tables(workspace: Workspace) -> None:
    with workspace.db.session() as s:
        s.add(
            Activity(
                division_code=A1,
                campaign=Campaign.MAY_29,
                title="5·29",
                held_on=date(2026, 5, 29),
                sessions=2,
                participants=100,
                materials=300,
                served=2,
                beneficiaries=11,
                spending_fen=50_000,
            )
        )
        s.add(  # a care visit of 5·29 month: counted apart from publicity (001: 1.53 万 of 2.6 万场次)
            Activity(
                division_code=A1,
                campaign=Campaign.MAY_29,
                kind=ActivityKind.CARE,
                title="慰问",
                held_on=date(2026, 5, 12),
                sessions=4,
                participants=20,
            )
        )
        s.add(
            Activity(
                division_code=A,
                campaign=Campaign.JULY_11,
                title="7·11",
                held_on=date(2026, 7, 11),
                sessions=9,
                participants=900,
            )
        )
        s.add(
            Activity(
                division_code=B,
                campaign=Campaign.HEALTH_KNOWLEDGE,
                title="健康",
                held_on=date(2026, 3, 1),
                sessions=1,
                participants=40,
                materials=50,
                served=10,
                beneficiaries=20,
                spending_fen=1_000,
            )
        )
        s.add(
            Activity(
                division_code=B,
                campaign=Campaign.MAY_29,
                title="删",
                held_on=date(2026, 5, 2),
                sessions=5,
                participants=5,
                deleted=True,
            )
        )
        s.add(
            Training(
                division_code=A,
                title="业务培训",
                audience=TrainingAudience.STAFF,
                held_on=date(2026, 4, 1),
                days=2,
                participants=30,
                spending_fen=1_000,
            )
        )
        s.add(
            Training(
                division_code=B1,
                title="家长课堂",
                audience=TrainingAudience.PARENTS,
                held_on=date(2026, 6, 1),
                participants=20,
            )
        )
        s.add(
            Training(
                division_code=B1,
                title="青春健康",
                audience=TrainingAudience.YOUTH,
                held_on=date(2026, 6, 2),
                participants=15,
            )
        )
    acts = analysis.build_report(workspace, "activities", COUNTY, H1)
    a, b = _row(acts, A), _row(acts, B)
    assert (
        a["activities"],
        a["sessions"],
        a["participants"],
        a["served"],
        a["beneficiaries"],
        a["spending"],
    ) == (2, 6, 120, 2, 11, 50_000)
    assert (a["may29_sessions"], a["care_sessions"], a["clinic_sessions"]) == (6, 4, 0)
    assert (b["may29_sessions"], b["participants"], b["care_sessions"]) == (0, 40, 0)
    assert _totals(acts)["sessions"] == 7 and _totals(acts)["materials"] == 350
    trainings = analysis.build_report(workspace, "trainings", COUNTY, H1)
    ta, tb = _row(trainings, A), _row(trainings, B)
    assert (ta["trainings"], ta["days"], ta["participants"], ta["staff"]) == (1, 2, 30, 30)
    assert (tb["trainings"], tb["participants"], tb["families"], tb["staff"]) == (2, 35, 35, 0)
    assert _totals(trainings)["participants"] == 65


def test_payment_ledger(workspace: Workspace) -> None:
    with workspace.db.session() as s:
        project = Project(
            catalogue_code="SJH",
            name="2026年三结合帮扶",
            year=2026,
            level=AdminLevel.PROVINCIAL,
            division_code=COUNTY,
            allocated_fen=400_000,
        )
        s.add(project)
        s.flush()
        one = ProjectBeneficiary(
            project_id=project.id,
            name="甲",
            id_number="430121195001011234",
            division_code=A1,
            reason="三结合",
        )
        two = ProjectBeneficiary(project_id=project.id, name="乙", division_code=B1)
        s.add_all([one, two])
        s.flush()
        s.add(
            ProjectPayment(
                project_id=project.id,
                beneficiary_id=one.id,
                paid_on=date(2026, 3, 1),
                amount_fen=200_000,
                method=PaymentMethod.ONE_CARD,
                bank_account="6217990000001234",
            )
        )
        s.add(
            ProjectPayment(
                project_id=project.id,
                beneficiary_id=one.id,
                paid_on=date(2026, 7, 2),
                amount_fen=99_999,
                method=PaymentMethod.ONE_CARD,
            )
        )
        s.add(
            ProjectPayment(
                project_id=project.id,
                beneficiary_id=two.id,
                paid_on=date(2026, 6, 30),
                amount_fen=100_000,
                method=PaymentMethod.IN_KIND,
            )
        )
    table = analysis.build_report(workspace, "payments", COUNTY, H1)
    assert [r[table.column_index("name")] for r in table.rows] == ["甲", "乙"]
    first = {c.key: v for c, v in zip(table.columns, table.rows[0], strict=True)}
    assert (first["township"], first["amount"], first["account"], first["id_number"]) == (
        "星沙街道",
        200_000,
        "6217990000001234",
        "430121195001011234",
    )
    t = _totals(table)
    assert (t["amount"], t["name"], t["reason"]) == (300_000, "2 人", "2 笔")
    assert "下拨资金 4,000.00 元" in table.notes[0]
    assert table.as_dict()["rows"][0]["amount"] == str(Decimal("2000.00"))
