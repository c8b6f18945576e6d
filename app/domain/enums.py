"""Enumerations of the domain. Stored values are the Chinese terms the source documents use."""

from __future__ import annotations

from enum import StrEnum


class Sex(StrEnum):
    MALE = "男"
    FEMALE = "女"


class DivisionLevel(StrEnum):
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    TOWNSHIP = "township"
    VILLAGE = "village"

    @property
    def label(self) -> str:
        return {
            "province": "省",
            "city": "市州",
            "county": "县市区",
            "township": "乡镇街道",
            "village": "村居社区",
        }[self.value]


class NodeRole(StrEnum):
    """What an installation is: decides which screens it shows and where its bundles go."""

    STATION = "station"  # 乡镇录入站
    COUNTY = "county"
    PROVINCE = "province"

    @property
    def label(self) -> str:
        return {"station": "乡镇录入站", "county": "县级", "province": "省级"}[self.value]


class AssociationKind(StrEnum):
    REGIONAL = "地方协会"
    HOSPITAL = "医院协会"
    ENTERPRISE = "企业协会"
    MIGRANT = "流动人口协会"
    SCHOOL = "高校协会"
    OTHER = "其他"


class StaffKind(StrEnum):
    ESTABLISHED = "在编"
    CONTRACT = "兼职聘用"
    VILLAGE_PART_TIME = "村级兼职"


class PersonRoleKind(StrEnum):
    STAFF = "工作人员"
    MEMBER = "会员"
    CORE_MEMBER = "骨干会员"
    VOLUNTEER = "志愿者"
    HEALTH_INSTRUCTOR = "家庭健康指导员"
    OFFICER = "协会负责人"


class FamilyCategory(StrEnum):
    BEREAVED = "失独"
    DISABLED = "伤残"
    SURGERY_COMPLICATION = "手术并发症"
    HARDSHIP = "计生困难家庭"

    @property
    def is_special(self) -> bool:
        return self is not FamilyCategory.HARDSHIP


class FamilyStatus(StrEnum):
    REGISTERED = "在册"
    ENDED = "终止"
    MOVED_OUT = "迁出"
    DECEASED = "死亡"


class MemberRelation(StrEnum):
    SELF = "本人"
    SPOUSE = "配偶"
    CHILD = "子女"
    GRANDCHILD = "孙子女"
    PARENT = "父母"
    OTHER = "其他"


class VisitKind(StrEnum):
    VISIT = "走访慰问"
    EMOTIONAL_SUPPORT = "精神慰藉"


class VisitOccasion(StrEnum):
    SPRING_FESTIVAL = "春节"
    MAY_29 = "5·29会员活动日"
    DOUBLE_NINTH = "重阳节"
    BIRTHDAY = "生日"
    HOSPITAL_STAY = "住院"
    MID_AUTUMN = "中秋节"
    ROUTINE = "日常走访"


class VisitWay(StrEnum):
    HOME = "入户"
    PHONE = "电话"
    VIDEO = "视频"
    GATHERING = "集中活动"


class FundSource(StrEnum):
    PROVINCIAL = "省级项目资金"
    COUNTY = "县级财政"
    ASSOCIATION = "协会自筹"
    DONATION = "社会捐赠"
    OTHER = "其他"


class PositionKind(StrEnum):
    MEMBER_HOME = "会员之家"
    WARM_HOME = "暖心家园"
    SUNFLOWER_ROOM = "向日葵亲子小屋"
    CHILDCARE_POINT = "普惠托育点"
    FAMILY_HEALTH_CENTRE = "家庭健康服务中心"
    YOUTH_HEALTH_BASE = "青春健康教育基地"
    HEALTH_STATION = "健康驿站"
    HEALTH_HUT = "健康小屋"
    SERVICE_WINDOW = "宣传服务窗口"
    MARRIAGE_CULTURE = "新型婚育文化阵地"


class AdminLevel(StrEnum):
    NATIONAL = "国家级"
    PROVINCIAL = "省级"
    CITY = "市级"
    COUNTY = "县级"
    TOWNSHIP = "乡镇级"
    VILLAGE = "村级"


class ProjectStatus(StrEnum):
    """The project lifecycle of the source documents, in order."""

    APPLIED = "申报"
    APPROVED = "立项"
    IN_PROGRESS = "实施"
    PUBLIC_NOTICE = "公示"
    FINAL_REPORT = "终期报告"
    EVALUATED = "绩效评价"

    def next(self) -> ProjectStatus | None:
        order = list(ProjectStatus)
        i = order.index(self)
        return order[i + 1] if i + 1 < len(order) else None


class PaymentMethod(StrEnum):
    ONE_CARD = "一卡通"
    IN_KIND = "实物"
    PREMIUM = "代缴保费"
    CASH = "现金"
    TRANSFER = "银行转账"


class Campaign(StrEnum):
    MAY_29 = "5·29会员活动日"
    JULY_11 = "7·11世界人口日"
    DEC_1 = "12·1世界艾滋病日"
    HEALTH_KNOWLEDGE = "健康知识进万家"
    SPRING_FESTIVAL = "春节"
    DOUBLE_NINTH = "重阳节"
    YOUTH_HEALTH = "青春健康"
    OTHER = "其他"


class ActivityKind(StrEnum):
    """What an event was: 001 counts 宣传服务 and 关怀慰问 events apart (2.6 万 and 1.53 万场次)."""

    PUBLICITY = "宣传服务"
    CARE = "关怀慰问"
    FREE_CLINIC = "义诊"


class WarmAction(StrEnum):
    """The four systems of 暖心行动 for special families, which a volunteer's service falls under."""

    EMOTIONAL_SUPPORT = "精神慰藉"
    VISIT = "走访慰问"
    VOLUNTEER_SERVICE = "志愿服务"
    INSURANCE = "保险保障"


class TrainingAudience(StrEnum):
    STAFF = "协会工作人员"
    INSTRUCTORS = "家庭健康指导员"
    VOLUNTEERS = "志愿者"
    MEMBERS = "会员"
    PARENTS = "家长"
    YOUTH = "青少年"


class UserRole(StrEnum):
    SYSTEM_ADMIN = "系统管理员"
    COUNTY_ADMIN = "县级管理员"
    TOWNSHIP_CLERK = "乡镇录入员"
    READ_ONLY = "只读查看"


class ChangeOp(StrEnum):
    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"
