"""走访慰问台账 (every visit of a period, across families) and 计生特殊家庭帮扶情况表 (per township).

Hardship families (计生困难家庭) are not special families: they have their own column and are
left out of 三个全覆盖, as the source documents count them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, case, distinct, func, or_, select

from app.database.models import InsurancePolicy, SpecialFamily, Visit, VisitGoods
from app.domain.enums import FamilyCategory, FamilyStatus
from app.domain.periods import Period
from app.domain.records.reports import ColumnKind, ReportChart, ReportColumn, ReportTable
from app.services.analysis.scope import ReportScope
from app.services.analysis.tables import Counts, Rate, grouped, per_division
from app.services.shared.records import places

SPECIAL = (FamilyCategory.BEREAVED, FamilyCategory.DISABLED, FamilyCategory.SURGERY_COMPLICATION)


def on_register(period: Period) -> list[ColumnElement[bool]]:
    """Families on the register during the period: registered before its end and still 在册, or
    left it (终止, 迁出, 死亡) only after the period ended."""
    f = SpecialFamily
    return [
        f.deleted.is_(False),
        or_(f.registered_on.is_(None), f.registered_on < period.end),
        or_(f.status == FamilyStatus.REGISTERED, f.status_changed_on >= period.end),
    ]


def special_registered(scope: ReportScope) -> list[ColumnElement[bool]]:
    return [
        *on_register(scope.period),
        SpecialFamily.category.in_(SPECIAL),
        *scope.under(SpecialFamily.division_code),
    ]


def has_contacts() -> ColumnElement[bool]:
    f = SpecialFamily
    return and_(f.contact_township_name.is_not(None), f.contact_village_name.is_not(None))


def has_doctor(period: Period) -> ColumnElement[bool]:
    """A family-doctor contract in force on the period's last day."""
    f = SpecialFamily
    return and_(
        f.doctor_name.is_not(None),
        or_(f.doctor_signed_on.is_(None), f.doctor_signed_on <= period.last_day),
        or_(f.doctor_expires_on.is_(None), f.doctor_expires_on >= period.last_day),
    )


def has_green_channel() -> ColumnElement[bool]:
    return SpecialFamily.green_channel_hospital.is_not(None)


def goods_by_visit() -> Any:
    return (
        select(VisitGoods.visit_id, func.sum(VisitGoods.value_fen).label("goods"))
        .where(VisitGoods.deleted.is_(False))
        .group_by(VisitGoods.visit_id)
        .subquery()
    )


_LEDGER_COLUMNS = (
    ReportColumn("no", "序号", ColumnKind.TEXT, 7),
    ReportColumn("township", "乡镇(街道)", ColumnKind.TEXT, 14),
    ReportColumn("village", "村(居)", ColumnKind.TEXT, 14),
    ReportColumn("head", "户主", ColumnKind.TEXT, 10),
    ReportColumn("head_id", "户主身份证号", ColumnKind.ID_NUMBER, 21),
    ReportColumn("category", "家庭类别", ColumnKind.TEXT, 11),
    ReportColumn("visited_on", "走访日期", ColumnKind.DATE, 12),
    ReportColumn("kind", "形式", ColumnKind.TEXT, 10),
    ReportColumn("occasion", "时机", ColumnKind.TEXT, 14),
    ReportColumn("way", "方式", ColumnKind.TEXT, 8),
    ReportColumn("visitors", "走访人员", ColumnKind.TEXT, 18),
    ReportColumn("cash", "慰问金(元)", ColumnKind.MONEY, 12),
    ReportColumn("goods", "物资折款(元)", ColumnKind.MONEY, 13),
    ReportColumn("total", "合计(元)", ColumnKind.MONEY, 12),
    ReportColumn("fund", "资金来源", ColumnKind.TEXT, 14),
    ReportColumn("form", "走访表编号", ColumnKind.TEXT, 16),
)


def visit_ledger(s: Any, scope: ReportScope) -> ReportTable:
    """Every visit and 精神慰藉 contact in the period, ordered by township, village and date."""
    goods = goods_by_visit()
    f, v = SpecialFamily, Visit
    rows = s.execute(
        select(
            v.division_code,
            f.head_name,
            f.head_id_number,
            f.category,
            v.visited_on,
            v.kind,
            v.occasion,
            v.way,
            v.visitors,
            v.cash_fen,
            func.coalesce(goods.c.goods, 0),
            v.fund_source,
            v.form_number,
            v.family_id,
        )
        .join(f, f.id == v.family_id)
        .outerjoin(goods, goods.c.visit_id == v.id)
        .where(
            v.deleted.is_(False),
            f.deleted.is_(False),
            v.visited_on >= scope.period.start,
            v.visited_on < scope.period.end,
            *scope.under(v.division_code),
        )
        .order_by(v.division_code, v.visited_on, f.head_name, v.id)
    ).all()
    where = places(s, {r[0] for r in rows})
    out = []
    households: set[str] = set()
    cash_sum = goods_sum = 0
    for i, r in enumerate(rows, start=1):
        place = where[r[0]]
        cash, goods_fen = int(r[9] or 0), int(r[10] or 0)
        cash_sum += cash
        goods_sum += goods_fen
        households.add(r[13])
        out.append(
            (
                str(i),
                place.township_name,
                place.village,
                r[1],
                r[2] or "",
                r[3].value,
                r[4],
                r[5].value,
                r[6].value,
                r[7].value,
                r[8],
                cash,
                goods_fen,
                cash + goods_fen,
                r[11].value if r[11] else "",
                r[12] or "",
            )
        )
    totals = (
        "合计",
        f"{len(households)} 户",
        f"{len(out)} 次",
        "",
        "",
        "",
        None,
        "",
        "",
        "",
        "",
        cash_sum,
        goods_sum,
        cash_sum + goods_sum,
        "",
        "",
    )
    return ReportTable(
        code="visits",
        title="走访慰问台账",
        unit=scope.unit,
        period_code=scope.period.code,
        period_label=scope.period.label,
        division_code=scope.code,
        division_name=scope.name,
        columns=_LEDGER_COLUMNS,
        rows=tuple(out),
        totals=totals,
        notes=(
            f"本期共走访慰问 {len(households)} 户、{len(out)} 次，慰问金 {cash_sum / 100:,.2f} 元，"
            f"物资折款 {goods_sum / 100:,.2f} 元，合计 {(cash_sum + goods_sum) / 100:,.2f} 元。",
        ),
        row_divisions=tuple(None for _ in out),
    )


_SUPPORT_COLUMNS = (
    ReportColumn("registered", "在册特殊家庭(户)", ColumnKind.COUNT, 10),
    ReportColumn("bereaved", "失独", ColumnKind.COUNT, 7),
    ReportColumn("disabled", "伤残", ColumnKind.COUNT, 7),
    ReportColumn("surgery", "手术并发症", ColumnKind.COUNT, 8),
    ReportColumn("contacts", "联系人落实(户)", ColumnKind.COUNT, 9),
    ReportColumn("contacts_rate", "联系人覆盖率", ColumnKind.PERCENT, 9),
    ReportColumn("doctor", "家庭医生签约(户)", ColumnKind.COUNT, 9),
    ReportColumn("doctor_rate", "签约覆盖率", ColumnKind.PERCENT, 9),
    ReportColumn("green", "就医绿色通道(户)", ColumnKind.COUNT, 9),
    ReportColumn("green_rate", "绿色通道覆盖率", ColumnKind.PERCENT, 9),
    ReportColumn("all_three", "三个全覆盖(户)", ColumnKind.COUNT, 9),
    ReportColumn("all_three_rate", "三个全覆盖率", ColumnKind.PERCENT, 9),
    ReportColumn("insured", "参保(户)", ColumnKind.COUNT, 8),
    ReportColumn("insured_rate", "参保率", ColumnKind.PERCENT, 8),
    ReportColumn("premium", "保费(元)", ColumnKind.MONEY, 11),
    ReportColumn("visited", "走访慰问(户)", ColumnKind.COUNT, 9),
    ReportColumn("visited_rate", "走访覆盖率", ColumnKind.PERCENT, 9),
    ReportColumn("visit_money", "慰问金及物资(元)", ColumnKind.MONEY, 13),
    ReportColumn("hardship", "计生困难家庭(户)", ColumnKind.COUNT, 10),
)
_SUPPORT_RATES = {
    "contacts_rate": Rate("contacts", "registered"),
    "doctor_rate": Rate("doctor", "registered"),
    "green_rate": Rate("green", "registered"),
    "all_three_rate": Rate("all_three", "registered"),
    "insured_rate": Rate("insured", "registered"),
    "visited_rate": Rate("visited", "registered"),
}


def _flag(condition: ColumnElement[bool]) -> Any:
    return func.sum(case((condition, 1), else_=0))


def special_family_support(s: Any, scope: ReportScope, *, with_insurance: bool = True) -> ReportTable:
    """计生特殊家庭帮扶情况表: register, 三个全覆盖, insurance and visits per township (or county).

    ``with_insurance=False`` leaves out the insurance and hardship columns (zero): the dashboard's
    year-earlier figures do not show them, and over 100 000 families each query counts.
    """
    f, period = SpecialFamily, scope.period
    counts: Counts = {}
    key = scope.group_key(f.division_code)
    grouped(
        s,
        scope,
        select(
            key,
            func.count(),
            _flag(f.category == FamilyCategory.BEREAVED),
            _flag(f.category == FamilyCategory.DISABLED),
            _flag(f.category == FamilyCategory.SURGERY_COMPLICATION),
            _flag(has_contacts()),
            _flag(has_doctor(period)),
            _flag(has_green_channel()),
            _flag(and_(has_contacts(), has_doctor(period), has_green_channel())),
        )
        .where(*special_registered(scope))
        .group_by(key),
        counts,
        ("registered", "bereaved", "disabled", "surgery", "contacts", "doctor", "green", "all_three"),
    )
    p = InsurancePolicy
    if with_insurance:
        grouped(
            s,
            scope,
            select(key, func.count(distinct(p.family_id)), func.sum(p.premium_fen))
            .join(f, f.id == p.family_id)
            .where(
                p.deleted.is_(False),
                p.year >= period.start.year,
                p.year <= period.last_day.year,
                *special_registered(scope),
            )
            .group_by(key),
            counts,
            ("insured", "premium"),
        )
    v = Visit
    in_period = (v.deleted.is_(False), v.visited_on >= period.start, v.visited_on < period.end)
    grouped(
        s,
        scope,
        select(key, func.count(distinct(v.family_id)), func.sum(v.cash_fen))
        .join(f, f.id == v.family_id)
        .where(*in_period, *special_registered(scope))
        .group_by(key),
        counts,
        ("visited", "visit_money"),
    )
    # Goods apart from cash: joined in one query they would repeat a visit's cash once per line.
    g = VisitGoods
    grouped(
        s,
        scope,
        select(key, func.sum(g.value_fen))
        .select_from(g)
        .join(v, v.id == g.visit_id)
        .join(f, f.id == v.family_id)
        .where(g.deleted.is_(False), *in_period, *special_registered(scope))
        .group_by(key),
        counts,
        ("visit_money",),
    )
    if with_insurance:
        grouped(
            s,
            scope,
            select(key, func.count())
            .where(
                *on_register(period),
                f.category == FamilyCategory.HARDSHIP,
                *scope.under(f.division_code),
            )
            .group_by(key),
            counts,
            ("hardship",),
        )
    return per_division(
        scope,
        code="special-families",
        title="计生特殊家庭帮扶情况表",
        columns=_SUPPORT_COLUMNS,
        counts=counts,
        rates=_SUPPORT_RATES,
        notes=(
            "在册：期末前登记且期末仍在册（期末后才终止、迁出、死亡的计入）；计生困难家庭单列，不计入三个全覆盖。",
            "家庭医生签约以期末当日在有效期内为准；参保按保单年度；走访含精神慰藉。",
        ),
        chart=ReportChart("三个全覆盖率", "division", ("contacts_rate", "doctor_rate", "green_rate")),
    )
