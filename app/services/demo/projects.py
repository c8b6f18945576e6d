"""Demo projects with beneficiaries and payments, campaign activities and trainings."""

from __future__ import annotations

import json
from datetime import date, timedelta

from sqlalchemy import select

from app.database.base import table_of
from app.database.models import (
    Activity,
    Project,
    ProjectBeneficiary,
    ProjectCatalogueEntry,
    ProjectPayment,
    SpecialFamily,
    Training,
)
from app.database.reference import upsert_reference
from app.domain.enums import (
    AdminLevel,
    Campaign,
    PaymentMethod,
    ProjectStatus,
    TrainingAudience,
)
from app.paths import resource
from app.services import demo_people as people
from app.services.demo_base import TODAY, BuilderBase


class ProjectsPart(BuilderBase):
    # --- projects, activities, trainings ---------------------------------------------------------

    def projects(self, family_ids: list[str]) -> None:
        rng = self.rng
        catalogue = json.loads(resource("setup", "catalogue.json").read_text(encoding="utf-8"))
        upsert_reference(
            self.conn,
            ProjectCatalogueEntry,
            "catalogue",
            "code",
            [{**c, "level": AdminLevel(c["level"])} for c in catalogue],
        )
        members = {
            fid: (name, number, code)
            for fid, name, number, code in self.conn.execute(
                select(
                    table_of(SpecialFamily).c.id,
                    table_of(SpecialFamily).c.head_name,
                    table_of(SpecialFamily).c.head_id_number,
                    table_of(SpecialFamily).c.division_code,
                )
            )
        }
        projects, beneficiaries, payments = [], [], []
        statuses = list(ProjectStatus)
        for year in (TODAY.year - 1, TODAY.year):
            for entry in catalogue:
                pid = self.uid()
                allocated = rng.randint(5, 80) * 1_000_000
                status = statuses[-1] if year < TODAY.year else rng.choice(statuses[:5])
                started = date(year, rng.randint(2, 5), 1)
                project = {
                    "id": pid,
                    "catalogue_code": entry["code"],
                    "name": f"{year}年{entry['name']}",
                    "year": year,
                    "level": AdminLevel(entry["level"]),
                    "division_code": self.county,
                    "document_no": f"湘计生协发〔{year}〕{rng.randint(1, 40)}号",
                    "status": status,
                    "allocated_fen": allocated,
                    "matched_fen": allocated // 4,
                    "self_raised_fen": rng.randint(0, 10) * 100_000,
                    "donated_fen": rng.randint(0, 5) * 100_000,
                    "started_on": started,
                }
                if statuses.index(status) >= statuses.index(ProjectStatus.PUBLIC_NOTICE):
                    project.update(
                        notice_from=started + timedelta(days=120), notice_to=started + timedelta(days=127)
                    )
                if status is ProjectStatus.EVALUATED:
                    project.update(
                        final_report_on=date(year, 12, 10),
                        evaluated_on=date(year, 12, 28),
                        evaluation_score=rng.randint(78, 98),
                    )
                projects.append(project)
                if not entry.get("pays_individuals") or not family_ids:
                    continue
                for fid in rng.sample(family_ids, min(len(family_ids), rng.randint(5, 40))):
                    name, number, code = members[fid]
                    bid = self.uid()
                    beneficiaries.append(
                        {
                            "id": bid,
                            "project_id": pid,
                            "family_id": fid,
                            "name": name,
                            "id_number": number,
                            "division_code": code,
                            "reason": entry["name"],
                            "approved_on": started + timedelta(days=30),
                        }
                    )
                    if statuses.index(status) >= statuses.index(ProjectStatus.IN_PROGRESS):
                        paid = started + timedelta(days=rng.randint(40, 200))
                        payments.append(
                            {
                                "id": self.uid(),
                                "project_id": pid,
                                "beneficiary_id": bid,
                                "paid_on": min(paid, TODAY),
                                "amount_fen": rng.choice((50000, 100000, 200000)),
                                "method": PaymentMethod.ONE_CARD,
                                "bank_account": people.bank_account(rng),
                                "reference": f"YKT{rng.randrange(10**8):08d}",
                            }
                        )
        self.put(Project, projects, "projects")
        self.put(ProjectBeneficiary, beneficiaries)
        self.put(ProjectPayment, payments, "payments")

    def activities(self) -> None:
        rng = self.rng
        rows, trainings = [], []
        places = [self.county, *(t[0] for t in self.townships)]
        for code in places:
            for campaign in (Campaign.MAY_29, Campaign.JULY_11, Campaign.DEC_1, Campaign.HEALTH_KNOWLEDGE):
                for year in (TODAY.year - 1, TODAY.year):
                    held = {
                        Campaign.MAY_29: date(year, 5, 29),
                        Campaign.JULY_11: date(year, 7, 11),
                        Campaign.DEC_1: date(year, 12, 1),
                    }.get(campaign, date(year, rng.randint(3, 10), 15))
                    if held > TODAY:
                        continue
                    people_n = rng.randint(50, 800)
                    rows.append(
                        {
                            "id": self.uid(),
                            "division_code": code,
                            "campaign": campaign,
                            "title": f"{year}年{campaign}主题活动",
                            "held_on": held,
                            "place": "村综合服务中心",
                            "sessions": rng.randint(1, 6),
                            "participants": people_n,
                            "materials": people_n * rng.randint(1, 3),
                            "served": people_n // 2,
                            "beneficiaries": people_n,
                            "spending_fen": rng.randint(5, 50) * 10_000,
                        }
                    )
            if rng.random() < 0.7:
                audience = rng.choice(list(TrainingAudience))
                trainings.append(
                    {
                        "id": self.uid(),
                        "division_code": code,
                        "title": f"{audience}培训班",
                        "audience": audience,
                        "held_on": self.day_within(600),
                        "days": rng.randint(1, 3),
                        "place": "县计生协培训室",
                        "organiser": "县计生协",
                        "participants": rng.randint(20, 120),
                        "spending_fen": rng.randint(2, 20) * 100_000,
                    }
                )
        self.put(Activity, rows, "activities")
        self.put(Training, trainings, "trainings")
