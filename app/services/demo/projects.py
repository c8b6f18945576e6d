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
        for year in YEARS:
            for entry in catalogue:
                self._project(entry, year, self.county, pools.get(entry["code"], []))
                if entry["code"] in _TOWNSHIP_BUILT:
                    for township in self.draw.rng.sample(self.townships, min(len(self.townships), 2)):
                        self._project(entry, year, township[0], [])
        self.put(Project, self._projects, "projects")
        self.put(ProjectBeneficiary, self._beneficiaries, "beneficiaries")
        self.put(ProjectPayment, self._payments, "payments")

    def _project(self, entry: dict[str, Any], year: int, division: str, pool: list[FamilyFact]) -> None:
        draw = self.draw
        pid = self.uid()
        status = draw.choose(_LAST_YEAR if year < TODAY.year else _THIS_YEAR)
        stage = _ORDER.index(status)
        started = date(year, draw.between(2, 5), 1)
        county_run = division == self.county
        paid = self._paid(entry["code"], pid, pool, started, status) if county_run and pool else 0
        unit = 10_000 * 100  # allocations are whole 万元
        allocated = (draw.between(5, 80) if county_run else draw.between(2, 10)) * unit
        allocated = max(allocated, -(-paid // unit) * unit)  # at least what the list pays out
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
            "self_raised_fen": draw.between(0, 10) * 100_000,
            "donated_fen": draw.between(0, 5) * 100_000 if draw.chance(0.3) else 0,
            "started_on": started,
        }
        if stage >= _ORDER.index(_P.PUBLIC_NOTICE):
            project.update(notice_from=started + timedelta(days=120), notice_to=started + timedelta(days=127))
        if stage >= _ORDER.index(_P.FINAL_REPORT):
            project["final_report_on"] = min(date(year, 12, 10), TODAY - timedelta(days=draw.between(1, 20)))
        if status is _P.EVALUATED:
            project.update(evaluated_on=date(year, 12, 28), evaluation_score=draw.between(78, 98))
        self._projects.append(project)

    def _paid(self, code: str, pid: str, pool: list[FamilyFact], started: date, status: ProjectStatus) -> int:
        """The reported list and, once the project runs, one payment per person; returns the total."""
        draw, plan = self.draw, _PAYS[code]
        stage = _ORDER.index(status)
        k = min(len(pool), draw.between(5, 30) + len(pool) // 25)
        total = 0
        for fact in draw.rng.sample(pool, k):
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
            if stage < _ORDER.index(_P.IN_PROGRESS):
                continue
            method = plan.method
            if code == "SYGH" and draw.chance(0.3):
                method = PaymentMethod.IN_KIND
            amount = draw.pick(plan.amounts_fen)
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
