"""Importing the associations a county lists (协会名册): each row through the form's own check; an
association is the same one when it has the same name in the same division, so a list imported
again updates them (officers, member counts) and adds only the new ones."""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.database.models import Association
from app.domain.enums import AssociationKind
from app.domain.records.org import AssociationInput
from app.domain.validation import Issue
from app.services.organisation.associations import check_association, write_association
from app.services.shared.imports import CellKind, FieldSpec
from app.services.shared.imports.keyed import KeyedImport, kept
from app.services.shared.scope import within
from app.services.shared.workspace import Workspace

_K = CellKind
_KINDS = {k.value: k.value for k in AssociationKind} | {
    "地方": AssociationKind.REGIONAL.value,
    "村级协会": AssociationKind.REGIONAL.value,
    "乡镇协会": AssociationKind.REGIONAL.value,
    "医院": AssociationKind.HOSPITAL.value,
    "企业": AssociationKind.ENTERPRISE.value,
    "流动人口": AssociationKind.MIGRANT.value,
    "高校": AssociationKind.SCHOOL.value,
    "学校协会": AssociationKind.SCHOOL.value,
    "其它": AssociationKind.OTHER.value,
}
ASSOCIATION_FIELDS = (
    FieldSpec("name", "协会名称", _K.TEXT, ("协会", "名称", "计生协名称"), required=True),
    FieldSpec("township", "乡镇（街道）", _K.TEXT, ("乡镇", "乡镇街道", "街道", "所在乡镇")),
    FieldSpec("village", "村（社区）", _K.TEXT, ("村", "村居", "社区", "所在村", "村委会", "村名")),
    FieldSpec("division_code", "区划代码", _K.CODE, ("行政区划代码",)),
    FieldSpec("kind", "协会类型", _K.CHOICE, ("类型", "协会类别"), choices=_KINDS),
    FieldSpec("founded_on", "成立日期", _K.DATE, ("成立时间",)),
    FieldSpec("president", "会长", _K.NAME, ("会长姓名",)),
    FieldSpec("secretary_general", "秘书长", _K.NAME, ("秘书长姓名",)),
    FieldSpec("member_count", "会员人数", _K.INTEGER, ("会员数", "会员总数")),
    FieldSpec("member_group_count", "会员小组数", _K.INTEGER, ("会员小组", "小组数")),
    FieldSpec("has_member_home", "会员之家", _K.BOOL, ("是否建有会员之家", "有无会员之家")),
    FieldSpec("phone", "联系电话", _K.PHONE, ("电话", "联系方式")),
    FieldSpec("address", "地址", _K.TEXT, ("办公地址", "详细地址")),
)


class AssociationImport(KeyedImport):
    name = "associations"
    label = "协会"
    fields = ASSOCIATION_FIELDS

    def stored(self, s: Session, ws: Workspace) -> dict[Hashable, Any]:
        rows = s.scalars(
            select(Association).where(Association.deleted.is_(False), *within(ws, Association.division_code))
        )
        return {(a.division_code, a.name): a for a in rows}

    def key(self, values: dict[str, Any], division: str) -> Hashable | None:
        name = (values.get("name") or "").strip()
        return (division, name) if name else None

    def to_input(self, values: dict[str, Any], division: str, stored: Any) -> AssociationInput:
        home = values.get("has_member_home")
        return AssociationInput(
            division_code=division,
            name=(values.get("name") or "").strip(),
            kind=AssociationKind(kept(values, "kind", stored, default=AssociationKind.REGIONAL.value)),
            level=stored.level if stored is not None else None,
            founded_on=kept(values, "founded_on", stored, default=None),
            president=kept(values, "president", stored),
            secretary_general=kept(values, "secretary_general", stored),
            member_count=kept(values, "member_count", stored, default=0),
            member_group_count=kept(values, "member_group_count", stored, default=0),
            has_member_home=home if home is not None else bool(stored.has_member_home if stored else False),
            phone=kept(values, "phone", stored),
            address=kept(values, "address", stored),
            id=stored.id if stored is not None else None,
        )

    def check(self, s: Session, ws: Workspace, inp: Any, today: date) -> tuple[Any, list[Issue]]:
        values, issues = check_association(s, ws, inp, today)
        return (inp.id, values), issues

    def write_one(self, s: Session, ws: Workspace, payload: Any) -> None:
        association_id, values = payload
        write_association(s, ws, association_id, values)
