"""Demo special and hardship families: members, status, 三个全覆盖, support standards, insurance."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from app.database.models import (
    DivisionPopulation,
    FamilyMember,
    InsurancePolicy,
    SpecialFamily,
    SupportStandard,
    Visit,
    VisitGoods,
)
from app.domain.enums import FamilyCategory, FamilyStatus, MemberRelation, Sex
from app.domain.errors import Cancelled
from app.domain.pinyin import search_key
from app.services.demo.base import CHUNK, FamilyFact, MadeAhead, Progress
from app.services.demo.draw import TODAY, YEARS, Weighted
from app.services.demo.visits import VisitsPart

_C, _S, _R = FamilyCategory, FamilyStatus, MemberRelation
CATEGORIES = Weighted([(_C.BEREAVED, 48), (_C.DISABLED, 34), (_C.SURGERY_COMPLICATION, 5), (_C.HARDSHIP, 13)])
STATUSES = Weighted([(_S.REGISTERED, 88), (_S.ENDED, 5), (_S.MOVED_OUT, 4), (_S.DECEASED, 3)])
_STATUS_NOTES = {
    _S.ENDED: ("再生育子女，终止特别扶助", "收养子女，终止特别扶助", "家庭经济好转，退出困难家庭"),
    _S.MOVED_OUT: ("随子女迁往外省居住", "户籍迁往外县"),
    _S.DECEASED: ("户主去世，家庭注销",),
}
# 特别扶助 per person per month, in fen, by year: data of the region (here the county's own rows).
SUPPORT_FEN = {
    (_C.BEREAVED, None): (90000, 95000),
    (_C.DISABLED, 1): (75000, 80000),
    (_C.DISABLED, 2): (75000, 80000),
    (_C.DISABLED, 3): (60000, 65000),
    (_C.DISABLED, 4): (60000, 65000),
    (_C.SURGERY_COMPLICATION, None): (30000, 32000),
}
_DISABILITIES = ("肢体残疾", "智力残疾", "精神残疾", "视力残疾", "听力残疾")
_INSURERS = ("人保财险", "中国人寿", "平安养老保险")
_YEAR = timedelta(days=365)


class FamiliesPart(VisitsPart):
    def support_standards(self) -> None:
        rows = [
            {
                "id": self.uid(),
                "division_code": self.county,
                "year": year,
                "category": category,
                "disability_grade": grade,
                "monthly_fen": amounts[i],
            }
            for (category, grade), amounts in SUPPORT_FEN.items()
            for i, year in enumerate(YEARS)
        ]
        self.put(SupportStandard, rows)

    def populations(self) -> None:
        """常住人口 of each township for the demo's years, 2–8 万 growing ~0.5 % a year (from the
        code, no draw: the demo's other figures stay put)."""
        rows = []
        for code, _name, _level, _parent in self.townships:
            base = 20_000 + (int(code[6:9]) * 7919) % 60_000
            for i, year in enumerate(YEARS):
                residents = base + base * i // 200
                rows.append({"id": self.uid(), "division_code": code, "year": year, "residents": residents})
        self.put(DivisionPopulation, rows)

    def families(self, count: int, progress: Progress, cancelled: Callable[[], bool] | None) -> None:
        """``count`` families in chunks: each chunk is generated while the one before is written."""
        sizes = [min(CHUNK, count - start) for start in range(0, count, CHUNK)]
        done = 0
        with MadeAhead(self._family_chunk, sizes) as chunks:
            for chunk in chunks:
                if cancelled and cancelled():
                    raise Cancelled()
                for model, rows, counter in chunk:
                    self.put(model, rows, counter)
                done += len(chunk[0][1])
                if progress:
                    progress(done, count)

    def _family_chunk(self, n: int) -> list[tuple[type[Any], list[dict[str, Any]], str]]:
        """The rows of ``n`` families, table by table (runs in the generator thread: no database)."""
        self._fams: list[dict[str, Any]] = []
        self._members: list[dict[str, Any]] = []
        visits: list[dict[str, Any]] = []
        goods: list[dict[str, Any]] = []
        policies: list[dict[str, Any]] = []
        for _ in range(n):
            self._family(visits, goods, policies)
        return [
            (SpecialFamily, self._fams, "families"),
            (FamilyMember, self._members, "members"),
            (Visit, visits, "visits"),
            (VisitGoods, goods, "goods"),
            (InsurancePolicy, policies, "policies"),
        ]

    def _family(self, visits: list[dict[str, Any]], goods: list[dict[str, Any]], policies: list[Any]) -> None:
        draw, people = self.draw, self.people
        village = draw.pick(self.villages)[0]
        township = self.township_of[village]
        category = draw.choose(CATEGORIES)
        status = draw.choose(STATUSES)
        special = category is not _C.HARDSHIP
        fid = self.uid()
        # --- the parents ---------------------------------------------------------------------
        head_sex = people.sex(0.6)
        head_birth = people.birth(50, 85) if special else people.birth(32, 75)
        head = self._member(fid, _R.SELF, head_sex, head_birth, people.elder_region(head_birth))
        parents = [head]
        if draw.random() < 0.75:
            sex = Sex.FEMALE if head_sex is Sex.MALE else Sex.MALE
            birth = head_birth + timedelta(days=draw.between(-1800, 1800))
            if special:  # parents of a grown child: keep both within 48–88
                birth = min(max(birth, TODAY - 88 * _YEAR), TODAY - 48 * _YEAR)
            parents.append(self._member(fid, _R.SPOUSE, sex, birth, people.elder_region(birth)))
        mother = next((p for p in parents if p["sex"] is Sex.FEMALE), None)
        father = next((p for p in parents if p["sex"] is Sex.MALE), None)
        surname = father["name"][0] if father else None  # children take the father's surname
        # --- the children ----------------------------------------------------------------------
        grade = draw.between(1, 4) if category is _C.DISABLED else None
        first_child = head_birth + timedelta(days=draw.between(22 * 365, 32 * 365))
        eligible = date(2008, 1, 1)  # the 特别扶助 rules of that time
        children: list[dict[str, Any]] = []
        student = None
        if category is _C.BEREAVED:
            child = self._member(fid, _R.CHILD, people.sex(), first_child, surname=surname)
            died = draw.day_between(first_child + 10 * _YEAR, TODAY - timedelta(days=90))
            child.update(is_deceased=True, died_on=died)
            children.append(child)
            eligible = max(eligible, died + timedelta(days=60))
        elif category is _C.DISABLED:
            child = self._member(fid, _R.CHILD, people.sex(), first_child, surname=surname)
            child.update(
                disability_grade=grade, health_note=f"{draw.pick(_DISABILITIES)}{grade}级，需长期照护"
            )
            children.append(child)
        elif category is _C.SURGERY_COMPLICATION:
            patient = mother or head
            patient["health_note"] = f"计划生育手术并发症（{draw.pick('一二三')}级）"
            if draw.random() < 0.5:
                children.append(self._member(fid, _R.CHILD, people.sex(), first_child, surname=surname))
        else:
            born = max(first_child, TODAY - timedelta(days=draw.between(8 * 365, 22 * 365)))
            if draw.random() < 0.6 and born <= TODAY - 8 * _YEAR:
                child = self._member(fid, _R.CHILD, people.sex(), born, surname=surname)
                children.append(child)
                student = (child["name"], child["id_number"])
        if (
            category in (_C.DISABLED, _C.HARDSHIP)
            and draw.random() < 0.12
            and len(parents) + len(children) < 4
        ):
            born = TODAY - timedelta(days=draw.between(3 * 365, 15 * 365))
            if born > first_child + 18 * _YEAR:
                children.append(self._member(fid, _R.GRANDCHILD, people.sex(), born, surname=surname))
        if special:
            eligible = max(eligible, head_birth + 49 * _YEAR)  # 特别扶助 from the mother's 49th year
        # --- status on the register ------------------------------------------------------------
        latest = TODAY - timedelta(days=30)
        registered_on = draw.day_between(min(eligible, latest), latest)
        until = TODAY
        fam: dict[str, Any] = {"status": status}
        if status is not _S.REGISTERED:
            until = draw.day_between(min(registered_on + timedelta(days=30), TODAY), TODAY)
            fam.update(status_changed_on=until, note=draw.pick(_STATUS_NOTES[status]))
            if status is _S.DECEASED:
                head.update(is_deceased=True, died_on=until)
        receiving = 0
        for p in parents:
            if special and status is _S.REGISTERED and not p["is_deceased"]:
                p.update(receives_support=True, bank_name=people.bank(), bank_account=people.bank_account())
                receiving += 1
        # --- visits, coverage, insurance -------------------------------------------------------
        hospital, need = self.visits_for(fid, village, head_birth, (registered_on, until), visits, goods)
        fam.update(
            id=fid,
            division_code=village,
            family_no=f"{'TS' if special else 'KN'}{village[6:]}{draw.digits(4)}",
            category=category,
            disability_grade=grade,
            registered_on=registered_on,
            head_name=head["name"],
            head_id_number=head["id_number"],
            name_key=search_key(head["name"]),
            phone=head["phone"] or next((p["phone"] for p in parents if p["phone"]), None),
            address=f"{self.names[township]}{self.names[village]}{draw.between(1, 30)}组"
            f"{draw.between(1, 99)}号",
            # the standard per person, times those receiving it (as the family form fills it)
            monthly_support_fen=_support(category, grade) * max(receiving, 1) if special else None,
            needs=need,
        )
        self._coverage(fam, village, township)
        self._fams.append(fam)
        self._members.extend(parents)
        self._members.extend(children)
        insured = special and status is _S.REGISTERED and draw.random() < 0.7
        if insured:
            policies.append(self._policy(fid, YEARS[1]))
            # Renewed each year: most insured families were covered last year too.
            if registered_on.year < YEARS[1] and draw.random() < 0.85:
                policies.append(self._policy(fid, YEARS[0]))
        self.facts.append(
            FamilyFact(
                fid,
                category,
                status is _S.REGISTERED,
                village,
                (head["name"], head["id_number"], head["bank_account"]),
                (mother["name"], mother["id_number"]) if mother else None,
                student,
                insured,
                hospital,
            )
        )

    def _member(
        self,
        fid: str,
        relation: MemberRelation,
        sex: Sex,
        birth: date,
        region: str | None = None,
        surname: str | None = None,
    ) -> dict[str, Any]:
        people = self.people
        name = people.name(sex, young=birth.year >= 1975)
        return {
            "id": self.uid(),
            "family_id": fid,
            "name": surname + name[1:] if surname else name,  # pool names have one-character surnames
            "relation": relation,
            "id_number": people.id_number(birth, sex, region),
            "sex": sex,
            "birth_date": birth,
            "is_deceased": False,
            "phone": people.mobile() if self.draw.random() < 0.85 else None,
            "bank_name": None,
            "bank_account": None,
        }

    def _coverage(self, fam: dict[str, Any], village: str, township: str) -> None:
        """三个全覆盖, partly done as in a real county: contacts ~85 %, doctor ~70 % valid, green ~60 %."""
        draw = self.draw
        town_cadres = self.township_cadres.get(township)
        village_cadres = self.village_cadres.get(village)
        if draw.random() < 0.85 and town_cadres and village_cadres:
            t, v = draw.pick(town_cadres), draw.pick(village_cadres)
            fam.update(
                contact_township_name=t.name,
                contact_township_phone=t.phone,
                contact_village_name=v.name,
                contact_village_phone=v.phone,
            )
        if draw.random() < 0.8:
            # A year's contract, mostly renewed in time (about 70 % of families hold a valid one);
            # the rest lapsed within the last year and wait for renewal.
            signed = draw.day_within(364) if draw.random() < 0.88 else draw.day_within(700)
            centre = "社区卫生服务中心" if self.names[township].endswith("街道") else "卫生院"
            fam.update(
                doctor_institution=f"{self.names[township]}{centre}",
                doctor_name=draw.pick(self.doctors[township]),
                doctor_signed_on=signed,
                doctor_expires_on=signed + _YEAR,
            )
        if draw.random() < 0.6:
            hospitals = (
                f"{self.county_name}人民医院",
                f"{self.county_name}中医医院",
                f"{self.names[township]}卫生院",
            )
            fam.update(green_channel_hospital=draw.pick(hospitals), green_channel_since=draw.day_within(1500))

    def _policy(self, fid: str, year: int) -> dict[str, Any]:
        draw = self.draw
        return {
            "id": self.uid(),
            "family_id": fid,
            "product": "计生特殊家庭综合保险",
            "insurer": draw.pick(_INSURERS),
            "policy_no": f"BD{year}{draw.digits(10)}",
            "year": year,
            "premium_fen": 10000,
            "insured_amount_fen": 2_000_000,
            "starts_on": date(year, 1, 1),
            "ends_on": date(year, 12, 31),
        }


def _support(category: FamilyCategory, grade: int | None) -> int:
    return SUPPORT_FEN[(category, grade if category is _C.DISABLED else None)][-1]
