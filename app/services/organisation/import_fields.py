"""The columns of the people rosters counties keep (工作人员, 会员, 志愿者, 家庭健康指导员 名册), as
they head them: what every person has, and what each role adds."""

from __future__ import annotations

from app.domain.enums import PersonRoleKind, Sex, StaffKind
from app.services.shared.imports import CellKind, FieldSpec

_K = CellKind

PERSON_FIELDS = (
    FieldSpec(
        "name",
        "姓名",
        _K.NAME,
        ("人员姓名", "会员姓名", "志愿者姓名", "指导员姓名", "工作人员姓名"),
        required=True,
    ),
    FieldSpec("id_number", "身份证号", _K.ID_NUMBER, ("身份证号码", "公民身份号码", "证件号码", "身份证")),
    FieldSpec("sex", "性别", _K.CHOICE, choices={"男": Sex.MALE.value, "女": Sex.FEMALE.value}),
    FieldSpec("birth_date", "出生日期", _K.DATE, ("出生年月", "出生年月日")),
    FieldSpec("phone", "联系电话", _K.PHONE, ("电话", "手机", "手机号码", "联系方式")),
    FieldSpec("township", "乡镇（街道）", _K.TEXT, ("乡镇", "乡镇街道", "街道", "所在乡镇", "乡（镇）")),
    FieldSpec(
        "village",
        "村（社区）",
        _K.TEXT,
        ("村", "村居", "村（居）", "社区", "所在村", "村委会", "村名", "村（居）委会"),
    ),
    FieldSpec("division_code", "区划代码", _K.CODE, ("行政区划代码", "村区划代码", "村代码")),
    FieldSpec("address", "住址", _K.TEXT, ("家庭住址", "地址", "现住址")),
    FieldSpec("workplace", "工作单位", _K.TEXT, ("单位", "所在单位", "工作单位及职务")),
    FieldSpec("association", "所属协会", _K.TEXT, ("协会", "协会名称", "所在协会")),
)

STAFF_FIELDS = (
    FieldSpec(
        "role",
        "角色",
        _K.CHOICE,
        ("身份", "人员身份"),
        choices={
            "工作人员": PersonRoleKind.STAFF.value,
            "协会负责人": PersonRoleKind.OFFICER.value,
            "负责人": PersonRoleKind.OFFICER.value,
        },
    ),
    FieldSpec(
        "staff_kind",
        "人员类别",
        _K.CHOICE,
        ("类别", "人员性质", "编制情况", "用工性质"),
        choices={
            "在编": StaffKind.ESTABLISHED.value,
            "编制": StaffKind.ESTABLISHED.value,
            "兼职聘用": StaffKind.CONTRACT.value,
            "聘用": StaffKind.CONTRACT.value,
            "兼职": StaffKind.CONTRACT.value,
            "村级兼职": StaffKind.VILLAGE_PART_TIME.value,
            "村级": StaffKind.VILLAGE_PART_TIME.value,
        },
    ),
    FieldSpec("title", "职务", _K.TEXT, ("岗位", "职位")),
    FieldSpec("started_on", "任职日期", _K.DATE, ("任职时间", "入职日期", "开始日期")),
)

MEMBER_FIELDS = (
    FieldSpec(
        "role",
        "会员类别",
        _K.CHOICE,
        ("会员类型", "是否骨干会员", "骨干会员", "骨干"),
        choices={
            "会员": PersonRoleKind.MEMBER.value,
            "普通会员": PersonRoleKind.MEMBER.value,
            "否": PersonRoleKind.MEMBER.value,
            "骨干会员": PersonRoleKind.CORE_MEMBER.value,
            "骨干": PersonRoleKind.CORE_MEMBER.value,
            "是": PersonRoleKind.CORE_MEMBER.value,
        },
    ),
    FieldSpec("started_on", "入会日期", _K.DATE, ("入会时间", "加入日期", "开始日期")),
)

VOLUNTEER_FIELDS = (
    FieldSpec("service_hours", "服务时长", _K.INTEGER, ("服务时长（小时）", "服务小时数", "累计服务时长")),
    FieldSpec("started_on", "注册日期", _K.DATE, ("加入日期", "登记日期", "开始日期")),
)

INSTRUCTOR_FIELDS = (
    FieldSpec("trained_on", "培训日期", _K.DATE, ("培训时间", "参训日期")),
    FieldSpec("certificate_no", "证书编号", _K.CODE, ("证书号", "合格证编号", "证书号码")),
    FieldSpec("started_on", "上岗日期", _K.DATE, ("聘任日期", "开始日期")),
)

# Where a check's field path points in the sheet: form field name → import column key.
ISSUE_KEYS = {
    "division_code": "village",
    "role_division_code": "village",
    "association_id": "association",
}
