"""The named record sets an indicator may count over, and their fields with types (pure data).

An indicator definition arriving in a setup package is text; it may name only what is listed
here. ``app/services/evaluation/record_sets.py`` maps each name to tables and columns, and a
test checks that the two lists agree, so a definition the checker accepts always compiles.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.domain.enums import (
    AdminLevel,
    AssociationKind,
    Campaign,
    FamilyCategory,
    FundSource,
    PaymentMethod,
    PersonRoleKind,
    ProjectStatus,
    StaffKind,
    TrainingAudience,
    VisitOccasion,
    VisitWay,
)


class FieldType(StrEnum):
    INTEGER = "整数"
    MONEY = "金额"  # fen in the database, 元 on screen
    FLAG = "是否"
    CHOICE = "类别"
    KEY = "标识"  # only counted distinct (households visited)

    @property
    def summable(self) -> bool:
        return self in (FieldType.INTEGER, FieldType.MONEY)


@dataclass(frozen=True)
class FieldSpec:
    type: FieldType
    choices: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class RecordSetSpec:
    name: str
    description: str
    fields: dict[str, FieldSpec]


def _choice(values: type[StrEnum], description: str = "") -> FieldSpec:
    return FieldSpec(FieldType.CHOICE, tuple(v.value for v in values), description)


def _flag(description: str) -> FieldSpec:
    return FieldSpec(FieldType.FLAG, (), description)


_INT = FieldSpec(FieldType.INTEGER)
_MONEY = FieldSpec(FieldType.MONEY)
_KEY = FieldSpec(FieldType.KEY)

_SPECIAL_CATEGORIES = FieldSpec(
    FieldType.CHOICE, tuple(c.value for c in FamilyCategory if c.is_special), "失独 / 伤残 / 手术并发症"
)

RECORD_SETS: dict[str, RecordSetSpec] = {
    s.name: s
    for s in (
        RecordSetSpec(
            "在册特殊家庭",
            "状态为在册、期末前登记的计生特殊家庭（不含计生困难家庭）",
            {
                "类别": _SPECIAL_CATEGORIES,
                "两名联系人": _flag("乡镇干部和村干部两名联系人都已落实"),
                "家庭医生签约": _flag("签约了家庭医生且在期末（或今天）仍在有效期内"),
                "就医绿色通道": _flag("已落实就医绿色通道"),
                "三个全覆盖": _flag("联系人、家庭医生、绿色通道三项都已落实"),
                "本期已走访": _flag("本期内至少走访慰问一次"),
                "有保险": _flag("有覆盖本期的计生保险保单"),
                "特别扶助月标准": _MONEY,
                "家庭": _KEY,
            },
        ),
        RecordSetSpec(
            "在册困难家庭",
            "状态为在册的计生困难家庭（不计入特殊家庭的三个全覆盖）",
            {"本期已走访": _flag("本期内至少走访慰问一次"), "家庭": _KEY},
        ),
        RecordSetSpec(
            "特殊家庭走访",
            "本期内对在册或曾在册计生特殊家庭的走访慰问（不含精神慰藉、不含困难家庭）",
            {
                "场合": _choice(VisitOccasion),
                "方式": _choice(VisitWay),
                "资金来源": _choice(FundSource),
                "慰问金": _MONEY,
                "物品价值": _MONEY,
                "慰问金额": FieldSpec(FieldType.MONEY, (), "慰问金加物品价值"),
                "家庭": _KEY,
            },
        ),
        RecordSetSpec(
            "村居",
            "期末仍有效的村（居）社区",
            {
                "有协会": _flag("本村（居）建有计生协会"),
                "有会员之家": _flag("本村（居）协会建成会员之家或有会员之家阵地"),
                "家庭健康指导员数": FieldSpec(FieldType.INTEGER, (), "期末在岗的家庭健康指导员人数"),
            },
        ),
        RecordSetSpec(
            "协会",
            "期末前成立的计生协会",
            {
                "类型": _choice(AssociationKind),
                "层级": _choice(AdminLevel),
                "会员数": _INT,
                "会员小组数": _INT,
                "有会员之家": _flag("建成会员之家"),
                "换届按时": _flag("最近一次换届距期末不满五年（每届任期五年）"),
            },
        ),
        RecordSetSpec(
            "在岗人员",
            "期末在岗的工作人员、会员、志愿者、家庭健康指导员等人员角色",
            {
                "角色": _choice(PersonRoleKind),
                "人员类别": _choice(StaffKind),
                "本年已培训": _flag("本年初至期末参加过培训"),
                "服务时长": _INT,
                "人员": _KEY,
            },
        ),
        RecordSetSpec(
            "项目",
            "年度落在本期内的项目",
            {
                "层级": _choice(AdminLevel),
                "状态": _choice(ProjectStatus),
                "下拨资金": _MONEY,
                "配套资金": _MONEY,
                "自筹资金": _MONEY,
                "社会捐赠": _MONEY,
                "已公示": _flag("期末前已挂牌公示"),
                "已交终期报告": _flag("期末前已交终期报告"),
                "终期报告已到期": _flag("终期报告截止日期在期末前（含）"),
                "终期报告按时": _flag("终期报告在截止日期前（含）交来"),
                "项目": _KEY,
            },
        ),
        RecordSetSpec(
            "项目发放",
            "年度落在本期内的项目截至期末的发放记录",
            {
                "方式": _choice(PaymentMethod),
                "金额": _MONEY,
                "已公示": _flag("发放名单已公示"),
                "项目": _KEY,
                "受益对象": _KEY,
            },
        ),
        RecordSetSpec(
            "宣传服务活动",
            "本期内举办的宣传服务活动",
            {
                "活动": _choice(Campaign),
                "场次": _INT,
                "参与人次": _INT,
                "资料份数": _INT,
                "服务人次": _INT,
                "惠及人数": _INT,
                "经费": _MONEY,
            },
        ),
        RecordSetSpec(
            "培训",
            "本期内举办的培训",
            {"对象": _choice(TrainingAudience), "天数": _INT, "参训人次": _INT, "经费": _MONEY},
        ),
        RecordSetSpec(
            "常住人口",
            "各乡镇（街道）本期所在年度（未填时取最近一年）的常住人口，县、省为所辖乡镇之和",
            {"人数": _INT},
        ),
    )
}
