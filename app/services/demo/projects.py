"""Demo projects from the province's catalogue: funds, lifecycle, reported lists and payments."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from app.database.models import Project, ProjectBeneficiary, ProjectCatalogueEntry, ProjectPayment
from app.database.reference import upsert_reference
from app.domain.enums import AdminLevel, FamilyCategory, PaymentMethod, ProjectStatus
from app.paths import resource
from app.services.demo.base import BuilderBase, FamilyFact
from app.services.demo.draw import TODAY, YEARS, Weighted

_P = ProjectStatus
_ORDER = list(ProjectStatus)
# Last year's projects are closed; this year's are spread over the lifecycle.
_THIS_YEAR = Weighted(
    [(_P.APPLIED, 10), (_P.APPROVED, 15), (_P.IN_PROGRESS, 35), (_P.PUBLIC_NOTICE, 25), (_P.FINAL_REPORT, 15)]
)
_LAST_YEAR = Weighted([(_P.EVALUATED, 80), (_P.FINAL_REPORT, 20)])
_SPREAD = (_P.IN_PROGRESS, _P.PUBLIC_NOTICE, _P.FINAL_REPORT, _P.APPROVED)
_PROVINCE_SHORT = {"43": "湘", "35": "闽"}
_REFERENCE_PREFIX = {PaymentMethod.ONE_CARD: "YKT", PaymentMethod.PREMIUM: "BF", PaymentMethod.TRANSFER: "ZZ"}
# Programmes built at townships as well as run by the county.
_TOWNSHIP_BUILT = ("HYZJ", "PHTY", "NXJY", "JTJKCJ")


@dataclass(frozen=True)
class PaysPeople:
    """Who a programme pays, and how: money goes to individuals strictly by the reported list."""

    eligible: Callable[[FamilyFact], bool]
    who: str  # "head", "mother" or "student"
    method: PaymentMethod
    amounts_fen: tuple[int, ...]


def _special(f: FamilyFact) -> bool:
    return f.registered and f.category is not FamilyCategory.HARDSHIP


def _hardship(f: FamilyFact) -> bool:
    return f.registered and f.category is FamilyCategory.HARDSHIP


_PAYS = {
    "ZYHLBT": PaysPeople(
        lambda f: _special(f) and f.hospital_stay,
        "head",
        PaymentMethod.ONE_CARD,
        (100000, 150000, 200000, 300000),
    ),
    "JSBX": PaysPeople(lambda f: f.insured, "head", PaymentMethod.PREMIUM, (10000,)),
    "SJH": PaysPeople(_hardship, "head", PaymentMethod.ONE_CARD, (200000, 300000, 500000)),
    "CYDKTX": PaysPeople(_hardship, "head", PaymentMethod.TRANSFER, (100000, 150000, 300000)),
    "XFGC": PaysPeople(
        lambda f: _hardship(f) and f.mother is not None, "mother", PaymentMethod.ONE_CARD, (300000, 500000)
    ),
    "JQZX": PaysPeople(
        lambda f: _hardship(f) and f.student is not None,
        "student",
        PaymentMethod.ONE_CARD,
        (200000, 300000, 500000),
    ),
    "SYGH": PaysPeople(_special, "head", PaymentMethod.ONE_CARD, (50000, 100000, 200000)),
}


# What a county runs in a year, as the source documents tell it: about 40 万元 of project money in
# all (a province hands out some 5 000 万 over 122 counties), the insurance, nursing subsidy and
# 三结合 every year, other provincial programmes now and then, a national one rarely (the province
# has 11 in all).
_EVERY_YEAR = ("JSBX", "ZYHLBT", "SJH")
_PROVINCIAL_CHANCE = 0.35
_NATIONAL_CHANCE = 0.1
_BUDGET_WAN = (32, 48)
_FAMILIES_PER_BUDGET = 2_000  # a larger demo county gets proportionally more money
_WAN = 10_000 * 100  # allocations are whole 万元, in fen


class ProjectsPart(BuilderBase):
    def projects(self) -> None:
        catalogue = json.loads(resource("setup", "catalogue.json").read_text(encoding="utf-8"))
        upsert_reference(
            self.conn,
            ProjectCatalogueEntry,
            "catalogue",
            "code",
            [{**c, "level": AdminLevel(c["level"])} for c in catalogue],
        )
        self._projects: list[dict[str, Any]] = []
        self.province_short = _PROVINCE_SHORT.get(self.county[:2], "")
        self._beneficiaries: list[dict[str, Any]] = []
        self._payments: list[dict[str, Any]] = []
        pools = {code: [f for f in self.facts if plan.eligible(f)] for code, plan in _PAYS.items()}
        scale = max(1.0, len(self.facts) / _FAMILIES_PER_BUDGET)
        for year in YEARS:
            chosen = [e for e in catalogue if self._runs(e)]
            budget = int(self.draw.between(*_BUDGET_WAN) * scale)
            built = [e for e in chosen if e["code"] in _TOWNSHIP_BUILT and self.townships]
            township_money = {id(e): self.draw.between(1, 3) for e in built}
            weights = {id(e): self.draw.between(1, 4) for e in chosen}
            left = max(len(chosen), budget - sum(township_money.values()))
            total_weight = sum(weights.values()) or 1
            for entry in chosen:
                share = max(1, round(left * weights[id(entry)] / total_weight))
                self._project(entry, year, self.county, pools.get(entry["code"], []), share)
                if id(entry) in township_money:
                    township = self.draw.pick(self.townships)[0]
                    self._project(entry, year, township, [], township_money[id(entry)])
        self.put(Project, self._projects, "projects")
        self.put(ProjectBeneficiary, self._beneficiaries, "beneficiaries")
        self.put(ProjectPayment, self._payments, "payments")

    def _runs(self, entry: dict[str, Any]) -> bool:
        if entry["code"] in _EVERY_YEAR:
            return True
        national = AdminLevel(entry["level"]) is AdminLevel.NATIONAL
        return self.draw.chance(_NATIONAL_CHANCE if national else _PROVINCIAL_CHANCE)

    def _project(
        self, entry: dict[str, Any], year: int, division: str, pool: list[FamilyFact], allocated_wan: int
    ) -> None:
        draw = self.draw
        pid = self.uid()
        this_year = [p for p in self._projects if p["year"] == year] if year == TODAY.year else []
        if year == TODAY.year and len(this_year) < len(_SPREAD):
            status = _SPREAD[len(this_year)]  # a few projects at each step, however few there are
        else:
            status = draw.choose(_LAST_YEAR if year < TODAY.year else _THIS_YEAR)
        stage = _ORDER.index(status)
        started = date(year, draw.between(2, 5), 1)
        county_run = division == self.county
        allocated = allocated_wan * _WAN
        if county_run and pool:
            paid = self._paid(entry["code"], pid, pool, started, status, allocated)
        else:
            paid = self._paid_to_unit(pid, division, started, status, allocated)
        name = entry["name"] if county_run else f"{self.names[division]}{entry['name']}"
        project: dict[str, Any] = {
            "id": pid,
            "catalogue_code": entry["code"],
            "name": f"{year}年{name}",
            "year": year,
            "level": AdminLevel(entry["level"]),
            "division_code": division,
            "document_no": f"{self.province_short}计生协发〔{year}〕{draw.between(1, 40)}号",
            "status": status,
            "allocated_fen": allocated,
            "matched_fen": allocated // 4 if draw.chance(0.6) else 0,
            "self_raised_fen": draw.between(0, 3) * 100_000,
            "donated_fen": draw.between(0, 2) * 100_000 if draw.chance(0.3) else 0,
            "started_on": started,
        }
        if stage >= _ORDER.index(_P.APPROVED):
            # Reports are due mid-December; about one project in ten was given an earlier date and
            # so comes in late (chosen from its id: no draw of its own, the other figures stay put).
            early = int(pid.replace("-", "")[-2:], 16) % 10 == 0
            project["final_report_due_on"] = date(year, 12, 1 if early else 15)
        if stage >= _ORDER.index(_P.PUBLIC_NOTICE):
            project.update(notice_from=started + timedelta(days=120), notice_to=started + timedelta(days=127))
        if stage >= _ORDER.index(_P.FINAL_REPORT):
            project["final_report_on"] = min(date(year, 12, 10), TODAY - timedelta(days=draw.between(1, 20)))
        if status is _P.EVALUATED:
            # The score follows the work: a project that paid out what it was given scores high.
            executed = paid / allocated
            score = 60 + round(38 * min(1.0, executed)) + draw.between(-3, 2)
            project.update(evaluated_on=date(year, 12, 28), evaluation_score=max(0, min(100, score)))
        self._projects.append(project)

    def _paid_to_unit(
        self, pid: str, division: str, started: date, status: ProjectStatus, allocated: int
    ) -> int:
        """A programme that builds or runs something (暖心家园, 青春健康 …) pays the unit that does the
        work, by bank transfer in instalments: nearly all of it once the work is done, about half while
        it is under way."""
        draw = self.draw
        stage = _ORDER.index(status)
        if stage < _ORDER.index(_P.IN_PROGRESS):
            return 0
        done = stage >= _ORDER.index(_P.PUBLIC_NOTICE)
        executed = allocated * (draw.between(90, 100) if done else draw.between(35, 65)) // 100
        unit = f"{self.county_name if division == self.county else self.names[division]}计生协"
        bid = self.uid()
        self._beneficiaries.append(
            {
                "id": bid,
                "project_id": pid,
                "family_id": None,
                "name": unit[:40],
                "id_number": None,
                "division_code": division,
                "reason": "项目实施单位",
                "approved_on": started,
            }
        )
        instalments = (executed // 2, executed - executed // 2) if done else (executed,)
        for n, amount in enumerate(instalments):
            self._payments.append(
                {
                    "id": self.uid(),
                    "project_id": pid,
                    "beneficiary_id": bid,
                    "paid_on": min(started + timedelta(days=30 + 90 * n), TODAY),
                    "amount_fen": amount,
                    "method": PaymentMethod.TRANSFER,
                    "bank_account": self.people.bank_account(),
                    "reference": f"ZZ{started.year}{draw.digits(8)}",
                    "notice_published_on": started + timedelta(days=120) if done else None,
                }
            )
        return executed

    def _paid(
        self,
        code: str,
        pid: str,
        pool: list[FamilyFact],
        started: date,
        status: ProjectStatus,
        allocated: int,
    ) -> int:
        """The reported list (as many people as the money pays for) and, once the project runs, their
        payments: all of them after the public notice, about half while it is under way."""
        draw, plan = self.draw, _PAYS[code]
        stage = _ORDER.index(status)
        mean = sum(plan.amounts_fen) / len(plan.amounts_fen)
        k = max(1, min(len(pool), int(allocated * draw.between(85, 98) / 100 / mean)))
        paying = stage >= _ORDER.index(_P.IN_PROGRESS)
        share = 1.0 if stage >= _ORDER.index(_P.PUBLIC_NOTICE) else draw.between(35, 65) / 100
        total = 0
        for n, fact in enumerate(draw.rng.sample(pool, k)):
            name, number = fact.head[:2]
            account = fact.head[2]
            if plan.who == "mother" and fact.mother:
                (name, number), account = fact.mother, None
            elif plan.who == "student" and fact.student:
                (name, number), account = fact.student, None
            bid = self.uid()
            self._beneficiaries.append(
                {
                    "id": bid,
                    "project_id": pid,
                    "family_id": fact.id,
                    "name": name,
                    "id_number": number,
                    "division_code": fact.village,
                    "reason": _PAYS_REASON.get(code),
                    "approved_on": started + timedelta(days=30),
                }
            )
            if not paying or n >= k * share:
                continue
            method = plan.method
            if code == "SYGH" and draw.chance(0.3):
                method = PaymentMethod.IN_KIND
            amount = draw.pick(plan.amounts_fen)
            if total + amount > allocated:
                break  # never more than was allocated
            total += amount
            self._payments.append(
                {
                    "id": self.uid(),
                    "project_id": pid,
                    "beneficiary_id": bid,
                    "paid_on": min(started + timedelta(days=draw.between(40, 200)), TODAY),
                    "amount_fen": amount,
                    "method": method,
                    "bank_account": None
                    if method in (PaymentMethod.IN_KIND, PaymentMethod.PREMIUM)
                    else account or self.people.bank_account(),
                    "reference": f"{_REFERENCE_PREFIX.get(method, 'FF')}{started.year}{draw.digits(8)}",
                    "notice_published_on": started + timedelta(days=120)
                    if stage >= _ORDER.index(_P.PUBLIC_NOTICE)
                    else None,
                }
            )
        return total


_PAYS_REASON = {
    "ZYHLBT": "特殊家庭成员住院，按规定发放护理补贴",
    "JSBX": "项目资金代缴计生特殊家庭综合保险保费",
    "SJH": "三结合帮扶项目户",
    "CYDKTX": "计生家庭创业贷款贴息",
    "XFGC": "幸福工程救助母亲",
    "JQZX": "计生困难家庭子女入学资助",
    "SYGH": "生育关怀慰问",
}
