"""Rows and inputs of 宣传活动 and 培训: campaign events with their counts, trainings, yearly totals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.enums import ActivityKind, Campaign, TrainingAudience

# Campaign days fixed by the calendar: an event of that campaign far from its day is asked about.
CAMPAIGN_DAYS = {Campaign.MAY_29: (5, 29), Campaign.JULY_11: (7, 11), Campaign.DEC_1: (12, 1)}


@dataclass(frozen=True)
class ActivityFilter:
    text: str = ""
    year: int | None = None
    campaign: Campaign | None = None
    division_code: str | None = None
    sort: str = "held_on"
    descending: bool = True


@dataclass(frozen=True)
class ActivityRow:
    id: str
    title: str
    campaign: Campaign
    held_on: date
    division_code: str
    division_name: str
    kind: ActivityKind
    place: str
    sessions: int  # 场次
    participants: int  # 参与人次
    materials: int  # 资料份数
    served: int  # 服务人次
    beneficiaries: int  # 惠及人数
    spending_fen: int
    note: str


@dataclass(frozen=True)
class ActivityInput:
    division_code: str
    campaign: Campaign
    title: str
    held_on: date | None
    kind: ActivityKind = ActivityKind.PUBLICITY  # 宣传服务 / 关怀慰问 / 义诊: 001 counts them apart
    place: str = ""
    sessions: int = 1
    participants: int = 0
    materials: int = 0
    served: int = 0
    beneficiaries: int = 0
    spending_fen: int = 0
    association_id: str | None = None
    note: str = ""
    id: str | None = None


@dataclass(frozen=True)
class TrainingFilter:
    text: str = ""
    year: int | None = None
    audience: TrainingAudience | None = None
    division_code: str | None = None
    sort: str = "held_on"
    descending: bool = True


@dataclass(frozen=True)
class TrainingRow:
    id: str
    title: str
    audience: TrainingAudience
    held_on: date
    days: int
    division_code: str
    division_name: str
    place: str
    organiser: str
    participants: int
    spending_fen: int
    note: str

    @property
    def person_days(self) -> int:
        """人天: participants × days, how training effort is usually reported."""
        return self.participants * self.days


@dataclass(frozen=True)
class TrainingInput:
    division_code: str
    title: str
    audience: TrainingAudience
    held_on: date | None
    days: int = 1
    place: str = ""
    organiser: str = ""
    participants: int = 0
    spending_fen: int = 0
    note: str = ""
    id: str | None = None


@dataclass(frozen=True)
class CampaignTotals:
    """One campaign's events in a year; ``campaign`` None is the year's total line."""

    campaign: Campaign | None
    events: int
    sessions: int
    participants: int
    materials: int
    served: int
    beneficiaries: int
    spending_fen: int


@dataclass(frozen=True)
class TrainingTotals:
    """One audience's trainings in a year; ``audience`` None is the year's total line."""

    audience: TrainingAudience | None
    trainings: int
    days: int
    participants: int
    person_days: int
    spending_fen: int
