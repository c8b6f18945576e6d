"""Demo visits (走访慰问 and 精神慰藉): occasions on their real dates, cash, goods, needs and follow-ups."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from app.domain.enums import FundSource, VisitKind, VisitOccasion, VisitWay
from app.services.demo.base import BuilderBase, Cadre
from app.services.demo.draw import TODAY, YEARS, Weighted

_O = VisitOccasion
OCCASIONS = Weighted(
    [
        (_O.SPRING_FESTIVAL, 28),
        (_O.MAY_29, 12),
        (_O.DOUBLE_NINTH, 14),
        (_O.MID_AUTUMN, 10),
        (_O.BIRTHDAY, 8),
        (_O.HOSPITAL_STAY, 8),
        (_O.ROUTINE, 20),
    ]
)
# Lunar festivals move: 春节, 中秋 and 重阳 on their dates in the demo's two years.
_FESTIVALS = {
    _O.SPRING_FESTIVAL: {2025: date(2025, 1, 29), 2026: date(2026, 2, 17)},
    _O.MID_AUTUMN: {2025: date(2025, 10, 6), 2026: date(2026, 9, 25)},
    _O.DOUBLE_NINTH: {2025: date(2025, 10, 29), 2026: date(2026, 10, 18)},
    _O.MAY_29: {year: date(year, 5, 29) for year in YEARS},
}
_CASH_FEN = {
    _O.SPRING_FESTIVAL: (50000, 80000, 100000),
    _O.MAY_29: (30000, 50000),
    _O.DOUBLE_NINTH: (20000, 30000, 50000),
    _O.MID_AUTUMN: (20000, 30000),
    _O.BIRTHDAY: (20000, 30000),
    _O.HOSPITAL_STAY: (50000, 100000, 200000),
    _O.ROUTINE: (0, 0, 20000),
}
_RICE, _OIL, _MILK = ("大米", "袋", 6000), ("食用油", "桶", 8000), ("牛奶", "箱", 6000)
_GOODS = {
    _O.SPRING_FESTIVAL: (_RICE, _OIL, ("春联年货", "份", 5000)),
    _O.MAY_29: (("慰问品", "份", 10000), _MILK),
    _O.DOUBLE_NINTH: (_MILK, ("棉被", "床", 15000), ("保暖内衣", "套", 12000)),
    _O.MID_AUTUMN: (("月饼", "盒", 6000), _OIL),
    _O.BIRTHDAY: (("生日蛋糕", "个", 12000), ("长寿面", "份", 3000)),
    _O.HOSPITAL_STAY: (("水果篮", "个", 10000), _MILK),
    _O.ROUTINE: (_RICE, _OIL),
}
_VISIT_COUNTS = Weighted([(0, 10), (1, 28), (2, 30), (3, 20), (4, 12)])  # in two years
FUND_SOURCES = Weighted(
    [
        (FundSource.PROVINCIAL, 35),
        (FundSource.COUNTY, 30),
        (FundSource.ASSOCIATION, 20),
        (FundSource.DONATION, 10),
        (FundSource.OTHER, 5),
    ]
)
_SUPPORT_WAYS = Weighted(
    [(VisitWay.PHONE, 50), (VisitWay.HOME, 30), (VisitWay.VIDEO, 10), (VisitWay.GATHERING, 10)]
)
# (need raised, what was done about it)
NEEDS = (
    ("希望定期上门陪伴", "已安排志愿者每月上门陪伴"),
    ("需要住院陪护", "已联系医院绿色通道，协助申请住院护理补贴"),
    ("申请住院护理补贴", "已报县计生协审核"),
    ("房屋漏雨需维修", "已转乡镇政府协调维修"),
    ("希望入住养老机构", "已对接县社会福利中心"),
    ("慢性病用药负担重", "已协助办理门诊慢特病待遇"),
)


class VisitsPart(BuilderBase):
    _form_seq = 0  # per builder: the paper form numbers run through the county

    def visits_for(
        self,
        family_id: str,
        village: str,
        head_birth: date,
        window: tuple[date, date],
        out: list[dict[str, Any]],
        goods: list[dict[str, Any]],
    ) -> tuple[bool, str | None]:
        """A family's visits inside its time on the register; returns (hospital stay seen, a need)."""
        draw = self.draw
        hospital, need_seen = False, None
        township = self.township_of[village]
        cadres = self.village_cadres.get(village, []) + self.township_cadres.get(township, [])
        for _ in range(draw.choose(_VISIT_COUNTS)):
            occasion = draw.choose(OCCASIONS)
            visited = self._visit_day(occasion, head_birth)
            if not window[0] <= visited <= window[1]:
                continue  # before the family was registered, or after it left the register
            hospital = hospital or occasion is _O.HOSPITAL_STAY
            row = self._visit(family_id, village, occasion, visited, cadres, goods)
            need_seen = need_seen or row["needs_raised"]
            out.append(row)
        return hospital, need_seen

    def _visit_day(self, occasion: VisitOccasion, head_birth: date) -> date:
        draw = self.draw
        year = YEARS[1] if draw.random() < 0.5 else YEARS[0]
        festival = _FESTIVALS.get(occasion)
        if festival is not None:
            day = festival[year] - timedelta(days=int(draw.random() * 7))  # the week before
        elif occasion is _O.BIRTHDAY:
            day = _birthday(head_birth, year)
        else:
            return draw.day_within(730)
        if day > TODAY:
            day = festival[YEARS[0]] if festival is not None else _birthday(head_birth, YEARS[0])
        return day

    def _visit(
        self,
        family_id: str,
        village: str,
        occasion: VisitOccasion,
        visited: date,
        cadres: list[Cadre],
        goods: list[dict[str, Any]],
    ) -> dict[str, Any]:
        draw = self.draw
        vid = self.uid()
        support = draw.random() < 0.2
        if support:
            kind, way, cash = VisitKind.EMOTIONAL_SUPPORT, draw.choose(_SUPPORT_WAYS), 0
        else:
            kind, cash = VisitKind.VISIT, draw.pick(_CASH_FEN[occasion])
            way = VisitWay.GATHERING if occasion is _O.MAY_29 and draw.random() < 0.3 else VisitWay.HOME
            if draw.random() < 0.6:
                lines = [draw.pick(_GOODS[occasion]) for _ in range(draw.between(1, 2))]
                for item, unit, value in dict.fromkeys(lines):  # ordered, unlike a set
                    quantity = draw.between(1, 2)
                    goods.append(
                        {
                            "id": self.uid(),
                            "visit_id": vid,
                            "item": item,
                            "quantity": quantity,
                            "unit": unit,
                            "value_fen": value * quantity,
                        }
                    )
        visitors = [c.name for c in cadres if draw.random() < 0.7] or [c.name for c in cadres[:1]]
        need = draw.pick(NEEDS) if draw.random() < 0.2 else None
        done = None
        if need is not None and draw.random() < 0.6:
            done = min(visited + timedelta(days=draw.between(3, 60)), TODAY)
        self._form_seq += 1
        return {
            "id": vid,
            "family_id": family_id,
            "division_code": village,
            "kind": kind,
            "visited_on": visited,
            "occasion": occasion,
            "way": way,
            "visitors": "、".join(dict.fromkeys(visitors)) or "乡镇计生协",
            "cash_fen": cash,
            "fund_source": draw.choose(FUND_SOURCES) if cash else None,
            "needs_raised": need[0] if need else None,
            "follow_up": need[1] if need else None,
            "follow_up_done_on": done,
            "form_number": f"ZF{village[6:9]}{visited.year}{self._form_seq:06d}",
        }


def _birthday(born: date, year: int) -> date:
    return date(year, 3, 1) if (born.month, born.day) == (2, 29) else born.replace(year=year)
