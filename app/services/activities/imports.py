"""Importing the activity and training ledgers counties keep (宣传活动台账, 培训台账).

Each row goes through the form's own check (``check_activity``, ``check_training``). An event is
the same event when it was held in the same division, on the same day, under the same title: a
ledger imported again updates those and adds only the new ones.
"""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.database.models import Activity, Training
from app.domain.enums import ActivityKind, Campaign, TrainingAudience
from app.domain.records.activities import ActivityInput, TrainingInput
from app.domain.validation import Issue
from app.services.activities.campaigns import COUNTS, check_activity, write_activity
from app.services.activities.trainings import check_training, write_training
from app.services.shared.imports import CellKind, FieldSpec, Problem
from app.services.shared.imports.keyed import KeyedImport, kept
from app.services.shared.scope import within
from app.services.shared.workspace import Workspace

_K = CellKind
_PLACE = (
    FieldSpec("township", "乡镇（街道）", _K.TEXT, ("乡镇", "乡镇街道", "街道", "所在乡镇")),
    FieldSpec("village", "村（社区）", _K.TEXT, ("村", "村居", "社区", "所在村", "村委会", "村名")),
    FieldSpec("division_code", "区划代码", _K.CODE, ("行政区划代码",)),
)
_CAMPAIGNS = {c.value: c.value for c in Campaign} | {
    "5·29": Campaign.MAY_29.value,
    "5.29": Campaign.MAY_29.value,
    "529": Campaign.MAY_29.value,
    "会员活动日": Campaign.MAY_29.value,
    "7·11": Campaign.JULY_11.value,
    "7.11": Campaign.JULY_11.value,
    "世界人口日": Campaign.JULY_11.value,
    "12·1": Campaign.DEC_1.value,
    "12.1": Campaign.DEC_1.value,
    "世界艾滋病日": Campaign.DEC_1.value,
    "艾滋病日": Campaign.DEC_1.value,
    "春节慰问": Campaign.SPRING_FESTIVAL.value,
    "重阳": Campaign.DOUBLE_NINTH.value,
    "重阳节慰问": Campaign.DOUBLE_NINTH.value,
    "其它": Campaign.OTHER.value,
}
ACTIVITY_FIELDS = (
    FieldSpec("title", "活动名称", _K.TEXT, ("活动主题", "活动内容", "名称"), required=True),
    FieldSpec("held_on", "活动日期", _K.DATE, ("活动时间", "日期", "开展日期", "时间"), required=True),
    FieldSpec(
        "campaign", "活动类别", _K.CHOICE, ("活动节点", "节点", "类别", "所属活动"), choices=_CAMPAIGNS
    ),
    *_PLACE,
    FieldSpec("place", "活动地点", _K.TEXT, ("地点",)),
    FieldSpec("sessions", "场次", _K.INTEGER, ("活动场次",)),
    FieldSpec("participants", "参与人次", _K.INTEGER, ("参与人数", "参加人数", "参加人次")),
    FieldSpec("materials", "资料份数", _K.INTEGER, ("发放资料", "发放资料份数", "宣传资料")),
    FieldSpec("served", "服务人次", _K.INTEGER, ("服务人数",)),
    FieldSpec("beneficiaries", "惠及人数", _K.INTEGER, ("受益人数", "惠及群众")),
    FieldSpec("spending_fen", "经费（元）", _K.MONEY, ("经费", "投入经费", "活动经费", "金额")),
    FieldSpec("note", "备注", _K.TEXT),
)
_AUDIENCES = {a.value: a.value for a in TrainingAudience} | {
    "工作人员": TrainingAudience.STAFF.value,
    "计生协工作人员": TrainingAudience.STAFF.value,
    "指导员": TrainingAudience.INSTRUCTORS.value,
    "健康指导员": TrainingAudience.INSTRUCTORS.value,
    "志愿者骨干": TrainingAudience.VOLUNTEERS.value,
    "骨干会员": TrainingAudience.MEMBERS.value,
    "学生家长": TrainingAudience.PARENTS.value,
    "青少年学生": TrainingAudience.YOUTH.value,
    "学生": TrainingAudience.YOUTH.value,
}
TRAINING_FIELDS = (
    FieldSpec("title", "培训名称", _K.TEXT, ("培训主题", "培训内容", "名称"), required=True),
    FieldSpec("held_on", "培训日期", _K.DATE, ("培训时间", "日期", "开班日期"), required=True),
    FieldSpec("audience", "培训对象", _K.CHOICE, ("参训对象", "对象"), choices=_AUDIENCES),
    *_PLACE,
    FieldSpec("days", "天数", _K.INTEGER, ("培训天数",)),
    FieldSpec("place", "培训地点", _K.TEXT, ("地点",)),
    FieldSpec("organiser", "主办单位", _K.TEXT, ("举办单位", "承办单位")),
    FieldSpec("participants", "参训人数", _K.INTEGER, ("参加人数", "培训人数", "人数")),
    FieldSpec("spending_fen", "经费（元）", _K.MONEY, ("经费", "培训经费", "金额")),
    FieldSpec("note", "备注", _K.TEXT),
)


class ActivityImport(KeyedImport):
    name = "activities"
    label = "宣传活动"
    fields = ACTIVITY_FIELDS

    def stored(self, s: Session, ws: Workspace) -> dict[Hashable, Any]:
        rows = s.scalars(
            select(Activity).where(Activity.deleted.is_(False), *within(ws, Activity.division_code))
        )
        return {(a.division_code, a.title, a.held_on): a for a in rows}

    def key(self, values: dict[str, Any], division: str) -> Hashable | None:
        title, held_on = (values.get("title") or "").strip(), values.get("held_on")
        return (division, title, held_on) if title and held_on else None

    def to_input(self, values: dict[str, Any], division: str, stored: Any) -> ActivityInput:
        campaign = kept(values, "campaign", stored, default=Campaign.OTHER.value)
        kind = kept(values, "kind", stored, default=ActivityKind.PUBLICITY.value)
        counts = {f: kept(values, f, stored, default=1 if f == "sessions" else 0) for f, _ in COUNTS}
        return ActivityInput(
            division_code=division,
            campaign=Campaign(campaign),
            kind=ActivityKind(kind),
            title=(values.get("title") or "").strip(),
            held_on=values.get("held_on"),
            place=kept(values, "place", stored),
            spending_fen=kept(values, "spending_fen", stored, default=0),
            association_id=stored.association_id if stored is not None else None,
            note=kept(values, "note", stored),
            id=stored.id if stored is not None else None,
            **counts,
        )

    def check(self, s: Session, ws: Workspace, inp: Any, today: date) -> tuple[Any, list[Issue]]:
        return inp, check_activity(s, ws, inp, today)

    def write_one(self, s: Session, ws: Workspace, payload: Any) -> None:
        write_activity(s, ws, payload)


class TrainingImport(KeyedImport):
    name = "trainings"
    label = "培训"
    fields = TRAINING_FIELDS

    def stored(self, s: Session, ws: Workspace) -> dict[Hashable, Any]:
        rows = s.scalars(
            select(Training).where(Training.deleted.is_(False), *within(ws, Training.division_code))
        )
        return {(t.division_code, t.title, t.held_on): t for t in rows}

    def key(self, values: dict[str, Any], division: str) -> Hashable | None:
        title, held_on = (values.get("title") or "").strip(), values.get("held_on")
        return (division, title, held_on) if title and held_on else None

    def missing(self, values: dict[str, Any], stored: Any) -> list[Problem]:
        if values.get("audience") or stored is not None:
            return []
        known = "、".join(a.value for a in TrainingAudience)
        return [Problem(f"请填写培训对象（{known}）", "audience")]

    def to_input(self, values: dict[str, Any], division: str, stored: Any) -> TrainingInput:
        audience = kept(values, "audience", stored)
        return TrainingInput(
            division_code=division,
            title=(values.get("title") or "").strip(),
            audience=TrainingAudience(audience),
            held_on=values.get("held_on"),
            days=kept(values, "days", stored, default=1),
            place=kept(values, "place", stored),
            organiser=kept(values, "organiser", stored),
            participants=kept(values, "participants", stored, default=0),
            spending_fen=kept(values, "spending_fen", stored, default=0),
            note=kept(values, "note", stored),
            id=stored.id if stored is not None else None,
        )

    def check(self, s: Session, ws: Workspace, inp: Any, today: date) -> tuple[Any, list[Issue]]:
        return inp, check_training(s, ws, inp, today)

    def write_one(self, s: Session, ws: Workspace, payload: Any) -> None:
        write_training(s, ws, payload)
