"""Fictitious people for the demo county: Chinese names, valid ID numbers, phone numbers.

Everything is drawn from a seeded random generator; no real person's data is used.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from app.domain.enums import Sex
from app.domain.idcard import check_digit

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
MALE_CHARS = "伟强军勇杰涛明超华建国平刚辉志文斌鹏林春海波云峰东德福贵生祥龙长发荣财顺宝山兴中松柏"
FEMALE_CHARS = "秀英华玉兰芳娟敏静丽艳霞凤桂珍梅琴云莲菊红萍燕翠彩春香淑惠秋月玲芬娥"
# Prefixes retired long ago: elderly people still carry them in their ID numbers.
RETIRED_PREFIXES = ("432321", "432322", "432301")


def person_name(rng: random.Random, sex: Sex) -> str:
    chars = MALE_CHARS if sex is Sex.MALE else FEMALE_CHARS
    given = rng.choice(chars) + (rng.choice(chars) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


def id_number(rng: random.Random, region: str, birth: date, sex: Sex) -> str:
    order = rng.randrange(0, 100)
    sex_digit = rng.choice("13579" if sex is Sex.MALE else "02468")
    first17 = f"{region}{birth:%Y%m%d}{order:02d}{sex_digit}"
    return first17 + check_digit(first17)


def birth_date(rng: random.Random, today: date, min_age: int, max_age: int) -> date:
    days = rng.randint(min_age * 365 + 1, max_age * 365 - 1)
    return today - timedelta(days=days)


def mobile(rng: random.Random) -> str:
    return rng.choice(("13", "15", "17", "18", "19")) + f"{rng.randrange(0, 10**9):09d}"


def bank_account(rng: random.Random) -> str:
    # Clearly fake: a made-up "6299" prefix no bank issues.
    return "6299" + f"{rng.randrange(0, 10**15):015d}"


def pick_sex(rng: random.Random) -> Sex:
    return Sex.MALE if rng.random() < 0.5 else Sex.FEMALE
