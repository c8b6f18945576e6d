"""Demo special families: members, 三个全覆盖 coverage, visits with goods, insurance."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from app.database.models import (
    FamilyMember,
    InsurancePolicy,
    SpecialFamily,
    Visit,
    VisitGoods,
)
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
from app.domain.errors import Cancelled
from app.domain.pinyin import search_key
from app.services import demo_people as people
from app.services.demo_base import CHUNK, TODAY, BuilderBase, Progress

GOODS = (
    ("大米", "袋", 8000),
    ("食用油", "桶", 7000),
    ("牛奶", "箱", 6000),
    ("月饼", "盒", 5000),
    ("棉被", "床", 15000),
    ("慰问品", "份", 10000),
)
OCCASION_DATES = {
    VisitOccasion.SPRING_FESTIVAL: (1, 20),
    VisitOccasion.MAY_29: (5, 29),
    VisitOccasion.DOUBLE_NINTH: (10, 11),
    VisitOccasion.MID_AUTUMN: (9, 17),
}
HOSPITALS = ("县人民医院", "县中医医院", "乡镇卫生院")


class FamiliesPart(BuilderBase):
    # --- families --------------------------------------------------------------------------------

    def families(self, count: int, progress: Progress, cancelled: Callable[[], bool] | None) -> list[str]:
        family_ids: list[str] = []
        done = 0
        while done < count:
            if cancelled and cancelled():
                raise Cancelled()
            n = min(CHUNK, count - done)
            self._family_chunk(n, family_ids)
            done += n
            if progress:
                progress(done, count)
        return family_ids

    def _family_chunk(self, n: int, family_ids: list[str]) -> None:
        rng = self.rng
        fams: list[dict[str, Any]] = []
        members: list[dict[str, Any]] = []
        visits: list[dict[str, Any]] = []
        goods: list[dict[str, Any]] = []
        policies: list[dict[str, Any]] = []
        for _ in range(n):
            village = rng.choice(self.villages)
            township = self.township_name.get(village[3] or "", "")
            category = rng.choices(list(FamilyCategory), (50, 35, 5, 10))[0]
            status = rng.choices(list(FamilyStatus), (88, 5, 4, 3))[0]
            head_sex = people.pick_sex(rng)
            head_birth = people.birth_date(rng, TODAY, 50, 86)
            region = (
                rng.choice(people.RETIRED_PREFIXES)
                if head_birth.year < 1950 and rng.random() < 0.2
                else self.county[:6]
            )
            head = people.person_name(rng, head_sex)
            head_id = people.id_number(rng, region, head_birth, head_sex)
            fid = self.uid()
            family_ids.append(fid)
            fam: dict[str, Any] = {
                "id": fid,
                "division_code": village[0],
                "family_no": f"TS{village[0][6:]}{rng.randrange(10**4):04d}",
                "category": category,
                "status": status,
                "head_name": head,
                "head_id_number": head_id,
                "name_key": search_key(head),
                "phone": people.mobile(rng),
                "address": f"{township}{village[1]}{rng.randint(1, 30)}组{rng.randint(1, 99)}号",
                "registered_on": self.day_within(3650),
                "disability_grade": rng.randint(1, 4) if category is FamilyCategory.DISABLED else None,
                "monthly_support_fen": {FamilyCategory.BEREAVED: 90000, FamilyCategory.DISABLED: 70000}.get(
                    category, 30000
                ),
            }
            if status is not FamilyStatus.REGISTERED:
                fam["status_changed_on"] = self.day_within(500)
            if rng.random() < 0.85:
                fam.update(
                    contact_township_name=people.person_name(rng, people.pick_sex(rng)),
                    contact_township_phone=people.mobile(rng),
                    contact_village_name=people.person_name(rng, people.pick_sex(rng)),
                    contact_village_phone=people.mobile(rng),
                )
            if rng.random() < 0.7:
                signed = self.day_within(700)
                fam.update(
                    doctor_institution=f"{township}卫生院",
                    doctor_name=people.person_name(rng, people.pick_sex(rng)),
                    doctor_signed_on=signed,
                    doctor_expires_on=signed + timedelta(days=365),
                )
            if rng.random() < 0.6:
                fam.update(
                    green_channel_hospital=rng.choice(HOSPITALS), green_channel_since=self.day_within(1500)
                )
            fams.append(fam)
            members.append(self._member(fid, head, MemberRelation.SELF, head_sex, head_birth, head_id))
            if rng.random() < 0.7:
                sex = Sex.FEMALE if head_sex is Sex.MALE else Sex.MALE
                birth = head_birth + timedelta(days=rng.randint(-1500, 1500))
                members.append(
                    self._member(
                        fid,
                        people.person_name(rng, sex),
                        MemberRelation.SPOUSE,
                        sex,
                        birth,
                        people.id_number(rng, self.county[:6], min(birth, TODAY), sex),
                    )
                )
            if category in (FamilyCategory.BEREAVED, FamilyCategory.DISABLED):
                sex = people.pick_sex(rng)
                birth = head_birth + timedelta(days=rng.randint(20 * 365, 32 * 365))
                child = self._member(
                    fid,
                    people.person_name(rng, sex),
                    MemberRelation.CHILD,
                    sex,
                    birth,
                    people.id_number(rng, self.county[:6], birth, sex),
                )
                if category is FamilyCategory.BEREAVED:
                    child.update(
                        is_deceased=True,
                        died_on=self.day_within(5000),
                        bank_account=None,
                        bank_name=None,
                        receives_support=False,
                    )
                else:
                    child.update(disability_grade=fam["disability_grade"], health_note="肢体残疾，需长期照护")
                members.append(child)
            for _ in range(rng.choices((0, 1, 2, 3, 4), (10, 30, 30, 20, 10))[0]):
                visits.append(self._visit(fid, village[0], goods))
            if rng.random() < 0.4:
                year = rng.choice((TODAY.year - 1, TODAY.year))
                policies.append(
                    {
                        "id": self.uid(),
                        "family_id": fid,
                        "product": "计生特殊家庭综合保险",
                        "insurer": "人保财险",
                        "policy_no": f"PICC{rng.randrange(10**10):010d}",
                        "year": year,
                        "premium_fen": 10000,
                        "insured_amount_fen": 2_000_000,
                        "starts_on": date(year, 1, 1),
                        "ends_on": date(year, 12, 31),
                    }
                )
        self.put(SpecialFamily, fams, "families")
        self.put(FamilyMember, members, "members")
        self.put(Visit, visits, "visits")
        self.put(VisitGoods, goods)
        self.put(InsurancePolicy, policies)

    def _member(
        self, fid: str, name: str, relation: MemberRelation, sex: Sex, birth: date, number: str
    ) -> dict[str, Any]:
        return {
            "id": self.uid(),
            "family_id": fid,
            "name": name,
            "relation": relation,
            "id_number": number,
            "sex": sex,
            "birth_date": birth,
            "phone": people.mobile(self.rng),
            "bank_name": "农村商业银行",
            "bank_account": people.bank_account(self.rng),
            "receives_support": relation is not MemberRelation.CHILD,
        }

    def _visit(self, fid: str, village: str, goods: list[dict[str, Any]]) -> dict[str, Any]:
        rng = self.rng
        occasion = rng.choices(list(VisitOccasion), (30, 15, 15, 8, 7, 10, 15))[0]
        if occasion in OCCASION_DATES:
            month, day = OCCASION_DATES[occasion]
            year = rng.choice((TODAY.year - 1, TODAY.year))
            visited = date(year, month, day) - timedelta(days=rng.randint(0, 6))
            if visited > TODAY:
                visited = visited.replace(year=year - 1)
        else:
            visited = self.day_within(730)
        vid = self.uid()
        kind = VisitKind.EMOTIONAL_SUPPORT if rng.random() < 0.2 else VisitKind.VISIT
        way = (
            rng.choices(list(VisitWay), (70, 20, 5, 5))[0]
            if kind is VisitKind.EMOTIONAL_SUPPORT
            else VisitWay.HOME
        )
        cash = 0 if kind is VisitKind.EMOTIONAL_SUPPORT else rng.choice((20000, 30000, 50000, 80000, 100000))
        if kind is VisitKind.VISIT:
            for _ in range(rng.choices((0, 1, 2), (40, 45, 15))[0]):
                item, unit, value = rng.choice(GOODS)
                goods.append(
                    {
                        "id": self.uid(),
                        "visit_id": vid,
                        "item": item,
                        "quantity": rng.randint(1, 3),
                        "unit": unit,
                        "value_fen": value,
                    }
                )
        needs = rng.choice(
            (None, None, "希望定期上门陪伴", "需要住院陪护", "申请住院护理补贴", "房屋漏雨需维修")
        )
        return {
            "id": vid,
            "family_id": fid,
            "division_code": village,
            "kind": kind,
            "visited_on": visited,
            "occasion": occasion,
            "way": way,
            "visitors": "、".join(
                people.person_name(rng, people.pick_sex(rng)) for _ in range(rng.randint(1, 3))
            ),
            "cash_fen": cash,
            "fund_source": rng.choice(list(FundSource)) if cash else None,
            "needs_raised": needs,
            "follow_up": "已转乡镇协会跟进" if needs else None,
            "form_number": f"ZF{visited:%Y%m}{rng.randrange(10**5):05d}",
        }
