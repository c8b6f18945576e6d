"""Fictitious people for the demo county: Chinese names, valid ID numbers, phone and bank numbers.

Everything is drawn from the seeded generator; no real person's data is used.
"""

from __future__ import annotations

from datetime import date

from app.domain.enums import Sex
from app.domain.idcard import check_digit
from app.services.demo.draw import TODAY_ORDINAL, Draw, Weighted

# Common surnames, most frequent first (roughly as in Hunan); weights fall off with the rank.
SURNAMES = (
    "刘李陈王张杨黄周彭罗唐邓胡谭曾肖吴何文谢邹蒋廖易龙赵郭贺朱颜戴熊石徐万雷钟许汤龚田向姚欧袁秦蔡"
    "卢丁余梁方汪高孙宋左夏付马符曹尹丰阳范杜魏严段伍聂冯潘沈韩柳覃黎苏卿舒姜任郑成江侯莫旷孔毛"
)
_SURNAME_TABLE = Weighted([(s, 1 / (rank + 8)) for rank, s in enumerate(SURNAMES)])

# Given-name characters change with the generation: parents born 1940–1975, children since 1965.
_GIVEN = {
    (Sex.MALE, False): "国建华明德福生祥荣春林清志强平安永庆贵山海顺发桂长松柏文武光新",
    (Sex.FEMALE, False): "秀英桂兰玉珍凤芳淑梅翠花菊香莲娥金银冬春美琴云霞素月凤群",
    (Sex.MALE, True): "伟磊勇杰涛鹏浩宇俊峰斌超军辉亮波刚强明轩阳博文凯飞龙翔",
    (Sex.FEMALE, True): "丹婷敏静燕艳娟玲芳霞红丽洁雪琳倩颖慧娜琴欣悦佳蓉梦瑶",
}
# A county's people share names (重名 is common): a pool per sex and generation keeps the
# pinyin search keys to a few thousand distinct names, each computed once.
POOL_SIZE = 4000

# Region prefixes retired long ago: elderly people still carry them in their ID numbers.
RETIRED_PREFIXES = {
    "43": ("432321", "432322", "432301", "432401"),  # 益阳地区, 常德地区 before 1994
    "35": ("352101", "352102", "352201"),  # 建阳地区, 宁德地区
}
# Three-digit mobile prefixes in use (1[3-9]x); the eight digits after them are drawn.
MOBILE_PREFIXES = tuple(
    str(p)
    for p in (*range(130, 140), *range(150, 160), 166, 173, 176, 177, *range(180, 190), 191, 198, 199)
    if p != 154
)
BANKS = ("农村商业银行", "邮政储蓄银行", "农业银行", "建设银行")


class People:
    """Draws names, birth dates and numbers; owns the name pools."""

    def __init__(self, draw: Draw, county: str) -> None:
        self.draw = draw
        self.region = county[:6]
        self.retired = RETIRED_PREFIXES.get(county[:2], ())
        self.pools = {key: [self._fresh_name(key) for _ in range(POOL_SIZE)] for key in _GIVEN}

    def _fresh_name(self, key: tuple[Sex, bool]) -> str:
        chars = _GIVEN[key]
        draw = self.draw
        given = draw.pick(chars) + (draw.pick(chars) if draw.random() < 0.75 else "")
        return draw.choose(_SURNAME_TABLE) + given

    def name(self, sex: Sex, young: bool = False) -> str:
        return self.draw.pick(self.pools[(sex, young)])

    def sex(self, male_share: float = 0.5) -> Sex:
        return Sex.MALE if self.draw.random() < male_share else Sex.FEMALE

    def birth(self, min_age: int, max_age: int) -> date:
        """A birth date for an age in [min_age, max_age) on TODAY."""
        days = int(min_age * 365.25) + 1 + int(self.draw.random() * (max_age - min_age) * 365.25)
        return date.fromordinal(TODAY_ORDINAL - days)

    def id_number(self, birth: date, sex: Sex, region: str | None = None) -> str:
        """A valid 18-digit number: region, birth date, sequence, sex digit (odd: male), check digit."""
        draw = self.draw
        sex_digit = int(draw.random() * 5) * 2 + (1 if sex is Sex.MALE else 0)
        first17 = (
            f"{region or self.region}{birth.year:04d}{birth.month:02d}{birth.day:02d}"
            f"{int(draw.random() * 100):02d}{sex_digit}"
        )
        return first17 + check_digit(first17)

    def elder_region(self, birth: date) -> str:
        """Some people born before 1955 still carry a prefix retired since."""
        if self.retired and birth.year < 1955 and self.draw.random() < 0.2:
            return self.draw.pick(self.retired)
        return self.region

    def mobile(self) -> str:
        return self.draw.pick(MOBILE_PREFIXES) + self.draw.digits(8)

    def bank_account(self) -> str:
        # Clearly fake: "621799" followed by 13 random digits, not any bank's real numbering.
        return "621799" + self.draw.digits(13)

    def bank(self) -> str:
        return self.draw.pick(BANKS)
