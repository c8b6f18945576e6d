"""Demo campaign activities (5·29, 7·11, 12·1, 健康知识进万家 ...) and trainings at each level."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.database.models import Activity, Training
from app.domain.enums import Campaign, TrainingAudience
from app.services.demo.base import BuilderBase
from app.services.demo.draw import TODAY, YEARS

_TITLES = {
    Campaign.MAY_29: "“5·29会员活动日”暨暖心行动主题活动",
    Campaign.JULY_11: "“7·11世界人口日”宣传活动",
    Campaign.DEC_1: "“12·1世界艾滋病日”防艾宣传活动",
    Campaign.HEALTH_KNOWLEDGE: "健康知识进万家",
    Campaign.SPRING_FESTIVAL: "春节集中慰问活动",
    Campaign.DOUBLE_NINTH: "重阳节敬老活动",
    Campaign.YOUTH_HEALTH: "青春健康教育进校园",
}
_FIXED_DAYS = {Campaign.MAY_29: (5, 29), Campaign.JULY_11: (7, 11), Campaign.DEC_1: (12, 1)}
# (participants, sessions, spending in yuan) ranges by level.
_SCALE = {
    "county": ((300, 2000), (1, 3), (20_000, 100_000)),
    "township": ((80, 600), (1, 6), (2_000, 20_000)),
    "village": ((20, 150), (1, 1), (500, 3_000)),
}
_COUNTY_TRAININGS = (
    (TrainingAudience.INSTRUCTORS, "家庭健康指导员培训班", 2),
    (TrainingAudience.STAFF, "基层计生协业务骨干培训班", 2),
    (TrainingAudience.VOLUNTEERS, "暖心行动志愿者培训", 1),
    (TrainingAudience.YOUTH, "青春健康同伴教育主持人培训", 3),
    (TrainingAudience.PARENTS, "青春健康家长沟通之道培训", 1),
)


class ActivitiesPart(BuilderBase):
    def activities(self) -> None:
        draw = self.draw
        self._activities: list[dict[str, Any]] = []
        trainings: list[dict[str, Any]] = []
        county_campaigns = (Campaign.MAY_29, Campaign.JULY_11, Campaign.DEC_1, Campaign.HEALTH_KNOWLEDGE)
        for year in YEARS:
            for campaign in (*county_campaigns, Campaign.YOUTH_HEALTH):
                self._activity(self.county, "county", campaign, year, f"{self.county_name}文化广场")
            for code, name, _, _ in self.townships:
                for campaign in county_campaigns:
                    self._activity(code, "township", campaign, year, f"{name}综合文化站")
                for campaign in (Campaign.SPRING_FESTIVAL, Campaign.DOUBLE_NINTH):
                    if draw.chance(0.5):
                        self._activity(code, "township", campaign, year, f"{name}综合文化站")
            for code, *_ in self.villages:
                if draw.chance(0.6):
                    self._activity(code, "village", Campaign.MAY_29, year, f"{self.names[code]}综合服务中心")
            for audience, title, days in _COUNTY_TRAININGS:
                if draw.chance(0.8):
                    trainings.append(
                        self._training(self.county, audience, f"{year}年{title}", year, days, (40, 150))
                    )
            for code, name, _, _ in self.townships:
                if draw.chance(0.4):
                    audience = draw.pick((TrainingAudience.MEMBERS, TrainingAudience.VOLUNTEERS))
                    who = "会员骨干" if audience is TrainingAudience.MEMBERS else "志愿者"
                    title = f"{year}年{name}{who}培训"
                    trainings.append(self._training(code, audience, title, year, 1, (20, 60)))
        self.put(Activity, self._activities, "activities")
        self.put(Training, [t for t in trainings if t["held_on"] <= TODAY], "trainings")

    def _activity(self, code: str, level: str, campaign: Campaign, year: int, place: str) -> None:
        draw = self.draw
        fixed = _FIXED_DAYS.get(campaign)
        if campaign is Campaign.MAY_29 and level != "county":
            # 5·29 is a month (集中宣传服务月): townships and villages hold theirs all through May.
            held = date(year, 5, draw.between(1, 31))
        elif fixed is not None:
            held = date(year, *fixed)
        elif campaign is Campaign.SPRING_FESTIVAL:
            held = date(year, 1, draw.between(15, 28))
        elif campaign is Campaign.DOUBLE_NINTH:
            held = date(year, 10, draw.between(10, 25))
        else:
            held = date(year, draw.between(3, 11), draw.between(1, 28))
        if held > TODAY:
            return  # not held yet this year
        (low, high), (s_low, s_high), (y_low, y_high) = _SCALE[level]
        participants = draw.between(low, high)
        self._activities.append(
            {
                "id": self.uid(),
                "division_code": code,
                "association_id": self.association_of.get(code),
                "campaign": campaign,
                "title": f"{year}年{_TITLES[campaign]}",
                "held_on": held,
                "place": place,
                "sessions": draw.between(s_low, s_high),
                "participants": participants,
                "materials": participants * draw.between(1, 3),
                # Of those who come, few get a service and about a tenth a benefit (001: about 2 %
                # and 11 % of the 400 万人次 of 5·29).
                "served": participants * draw.between(10, 30) // 1000,
                "beneficiaries": participants * draw.between(80, 140) // 1000,
                "spending_fen": draw.between(y_low // 100, y_high // 100) * 100 * 100,
            }
        )

    def _training(
        self, code: str, audience: TrainingAudience, title: str, year: int, days: int, size: tuple[int, int]
    ) -> dict[str, Any]:
        draw = self.draw
        organiser = f"{self.names.get(code, '')}计划生育协会"
        return {
            "id": self.uid(),
            "division_code": code,
            "title": title,
            "audience": audience,
            "held_on": date(year, draw.between(3, 11), draw.between(1, 28)),
            "days": days,
            "place": f"{self.names.get(code, '')}计生协培训室",
            "organiser": organiser,
            "participants": draw.between(*size),
            "spending_fen": draw.between(5, 50) * 1000 * 100 // (1 if code == self.county else 5),
        }
