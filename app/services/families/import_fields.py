"""The columns of a special-family roster (特殊家庭花名册) as counties head them, and how rows form families.

A roster has one row per person. Rows of one family are recognised by a 户主身份证号 column when
there is one; otherwise a row whose 与户主关系 is 本人 (or empty) starts a family and the rows
below it with another relation belong to it, as rosters are printed. Family columns (村, 类别,
三个全覆盖 …) are read from the head's row; merged family cells reach every row anyway.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from app.domain.enums import FamilyCategory, FamilyStatus, MemberRelation, Sex
from app.services.shared.imports import CellKind, FieldSpec, SourceRow

_K = CellKind
_REL = MemberRelation
_RELATIONS = {
    "本人": _REL.SELF,
    "户主": _REL.SELF,
    "户主本人": _REL.SELF,
    "配偶": _REL.SPOUSE,
    "妻": _REL.SPOUSE,
    "妻子": _REL.SPOUSE,
    "夫": _REL.SPOUSE,
    "丈夫": _REL.SPOUSE,
    "子女": _REL.CHILD,
    "子": _REL.CHILD,
    "女": _REL.CHILD,
    "儿子": _REL.CHILD,
    "女儿": _REL.CHILD,
    "长子": _REL.CHILD,
    "长女": _REL.CHILD,
    "次子": _REL.CHILD,
    "次女": _REL.CHILD,
    "独生子女": _REL.CHILD,
    "孙子女": _REL.GRANDCHILD,
    "孙子": _REL.GRANDCHILD,
    "孙女": _REL.GRANDCHILD,
    "外孙": _REL.GRANDCHILD,
    "外孙子": _REL.GRANDCHILD,
    "外孙女": _REL.GRANDCHILD,
    "父母": _REL.PARENT,
    "父亲": _REL.PARENT,
    "母亲": _REL.PARENT,
    "其他": _REL.OTHER,
    "其它": _REL.OTHER,
}
_CAT = FamilyCategory
_CATEGORIES = {
    "失独": _CAT.BEREAVED,
    "独生子女死亡": _CAT.BEREAVED,
    "死亡": _CAT.BEREAVED,
    "死亡家庭": _CAT.BEREAVED,
    "失独家庭": _CAT.BEREAVED,
    "独生子女死亡家庭": _CAT.BEREAVED,
    "伤残": _CAT.DISABLED,
    "独生子女伤残": _CAT.DISABLED,
    "伤残家庭": _CAT.DISABLED,
    "独生子女伤残家庭": _CAT.DISABLED,
    "手术并发症": _CAT.SURGERY_COMPLICATION,
    "并发症": _CAT.SURGERY_COMPLICATION,
    "计生手术并发症": _CAT.SURGERY_COMPLICATION,
    "计生困难家庭": _CAT.HARDSHIP,
    "困难家庭": _CAT.HARDSHIP,
    "困难": _CAT.HARDSHIP,
    "计生困难": _CAT.HARDSHIP,
}
_STATUSES = {
    "在册": FamilyStatus.REGISTERED,
    "正常": FamilyStatus.REGISTERED,
    "终止": FamilyStatus.ENDED,
    "退出": FamilyStatus.ENDED,
    "迁出": FamilyStatus.MOVED_OUT,
    "死亡": FamilyStatus.DECEASED,
    "注销": FamilyStatus.DECEASED,
}

FAMILY_FIELDS = (
    FieldSpec("township", "乡镇（街道）", _K.TEXT, ("乡镇", "乡镇街道", "街道", "所在乡镇", "乡（镇）")),
    FieldSpec(
        "village",
        "村（社区）",
        _K.TEXT,
        ("村", "村居", "村（居）", "社区", "所在村", "村委会", "村名", "村（居）委会"),
    ),
    FieldSpec("division_code", "区划代码", _K.CODE, ("村区划代码", "村代码", "行政区划代码")),
    FieldSpec("family_no", "档案编号", _K.CODE, ("家庭编号", "档案号", "户编号")),
    FieldSpec(
        "category",
        "家庭类别",
        _K.CHOICE,
        ("类别", "家庭类型", "特殊家庭类别", "扶助类别"),
        choices={k: v.value for k, v in _CATEGORIES.items()},
    ),
    FieldSpec("family_disability_grade", "伤残等级", _K.INTEGER, ("子女伤残等级", "残疾等级")),
    FieldSpec(
        "status",
        "家庭状态",
        _K.CHOICE,
        ("状态", "在册状态"),
        choices={k: v.value for k, v in _STATUSES.items()},
    ),
    FieldSpec("status_changed_on", "状态变更日期", _K.DATE, ("变更日期",)),
    FieldSpec("registered_on", "登记日期", _K.DATE, ("建档日期", "纳入日期", "确认日期")),
    FieldSpec("family_phone", "联系电话", _K.PHONE, ("电话", "家庭电话", "联系方式")),
    FieldSpec("address", "家庭住址", _K.TEXT, ("住址", "地址", "详细地址", "现住址")),
    FieldSpec(
        "monthly_support_fen", "特扶金（元/月）", _K.MONEY, ("特别扶助金", "扶助金额", "特扶金", "每月扶助金")
    ),
    FieldSpec("needs", "需求", _K.TEXT, ("主要需求", "家庭需求")),
    FieldSpec("note", "备注", _K.TEXT),
    FieldSpec("contact_township_name", "乡镇联系人", _K.NAME, ("乡镇联系人姓名",)),
    FieldSpec("contact_township_phone", "乡镇联系人电话", _K.PHONE),
    FieldSpec("contact_village_name", "村级联系人", _K.NAME, ("村联系人", "村级联系人姓名")),
    FieldSpec("contact_village_phone", "村级联系人电话", _K.PHONE, ("村联系人电话",)),
    FieldSpec("doctor_institution", "签约医疗机构", _K.TEXT, ("家庭医生所在机构", "家庭医生签约机构")),
    FieldSpec("doctor_name", "家庭医生", _K.NAME, ("家庭医生姓名", "签约医生")),
    FieldSpec("doctor_signed_on", "签约日期", _K.DATE, ("家庭医生签约日期",)),
    FieldSpec("doctor_expires_on", "签约到期日期", _K.DATE, ("到期日期", "签约到期")),
    FieldSpec("green_channel_hospital", "绿色通道医院", _K.TEXT, ("就医绿色通道", "绿色通道")),
    FieldSpec("green_channel_since", "绿色通道开通日期", _K.DATE, ("开通日期",)),
)
MEMBER_FIELDS = (
    FieldSpec("name", "姓名", _K.NAME, ("成员姓名", "户主姓名", "户主"), required=True),
    FieldSpec(
        "relation",
        "与户主关系",
        _K.CHOICE,
        ("关系", "家庭关系", "成员关系"),
        choices={k: v.value for k, v in _RELATIONS.items()},
    ),
    FieldSpec("id_number", "身份证号", _K.ID_NUMBER, ("身份证号码", "公民身份号码", "证件号码", "身份证")),
    FieldSpec("head_id_number", "户主身份证号", _K.ID_NUMBER, ("户主身份证号码", "户主公民身份号码")),
    FieldSpec("sex", "性别", _K.CHOICE, choices={"男": Sex.MALE.value, "女": Sex.FEMALE.value}),
    FieldSpec("birth_date", "出生日期", _K.DATE, ("出生年月", "出生年月日")),
    FieldSpec("is_deceased", "是否去世", _K.BOOL, ("是否死亡", "已故", "是否已故")),
    FieldSpec("died_on", "死亡日期", _K.DATE, ("去世日期", "死亡时间")),
    FieldSpec("member_disability_grade", "本人伤残等级", _K.INTEGER, ("成员伤残等级",)),
    FieldSpec("member_phone", "本人电话", _K.PHONE, ("手机号码", "成员电话", "手机")),
    FieldSpec("bank_name", "开户银行", _K.TEXT, ("开户行", "银行")),
    FieldSpec(
        "bank_account", "银行账号", _K.BANK_ACCOUNT, ("账号", "银行卡号", "一卡通账号", "卡号", "存折账号")
    ),
    FieldSpec("receives_support", "享受特扶", _K.BOOL, ("是否享受特别扶助", "享受特别扶助", "是否享受特扶")),
    FieldSpec("health_note", "健康状况", _K.TEXT, ("身体状况",)),
)
FIELDS = MEMBER_FIELDS + FAMILY_FIELDS

# Where a check's field path points in the sheet: form field name → import column key.
FAMILY_KEYS = {
    "phone": "family_phone",
    "disability_grade": "family_disability_grade",
    "division_code": "village",
}
MEMBER_KEYS = {"phone": "member_phone", "disability_grade": "member_disability_grade"}


@dataclass
class RowGroup:
    """The rows of one family, the head's first; ``problem`` when the rows cannot form a family."""

    rows: list[SourceRow] = field(default_factory=list)
    problem: str = ""


def relation_of(row: SourceRow) -> MemberRelation:
    value = row.values.get("relation")
    return MemberRelation(value) if value else MemberRelation.SELF


def group_rows(rows: Sequence[SourceRow], by_head_id: bool) -> list[RowGroup]:
    """Rows to families: by 户主身份证号 when the sheet has it, else a head and the rows below."""
    groups: list[RowGroup] = []
    if by_head_id:
        keyed: dict[str, RowGroup] = {}
        for row in rows:
            head = row.values.get("head_id_number") or ""
            own = row.values.get("id_number") or ""
            key = head or own
            if not key:
                groups.append(RowGroup([row]))
                continue
            group = keyed.get(key)
            if group is None:
                group = keyed[key] = RowGroup()
                groups.append(group)
            is_head = relation_of(row) is MemberRelation.SELF and (not head or head == own)
            group.rows.insert(0, row) if is_head else group.rows.append(row)
        return groups
    current: RowGroup | None = None
    for row in rows:
        if relation_of(row) is MemberRelation.SELF:
            current = RowGroup([row])
            groups.append(current)
        elif current is None:
            groups.append(RowGroup([row], "这一行之前没有户主（与户主关系为“本人”的行），不知道属于哪一户"))
        else:
            current.rows.append(row)
    return groups
