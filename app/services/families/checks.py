"""Checks of a family or a visit before saving: errors block, warnings are asked about once.

Pure functions over the input plus a few look-ups passed in (does the village exist, who holds
this ID number), so the rules are tested without a database and the services stay short.
Each check also returns the input normalised as it will be stored (ID numbers as 18 characters,
phones in one form, sex and birth date taken from a valid ID number).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from app.domain.enums import FamilyCategory, FamilyStatus, MemberRelation
from app.domain.idcard import check_id_number
from app.domain.permissions import is_masked
from app.domain.records.families import (
    Coverage,
    FamilyInput,
    GoodsLine,
    IdNumberHolder,
    MemberInput,
    VisitInput,
)
from app.domain.validation import (
    MAX_FEN,
    Issue,
    check_date,
    check_phone,
    error,
    normalize_phone,
    require,
    warning,
)

KnownRegion = Callable[[str], bool]
HoldersOf = Callable[[str], Sequence[IdNumberHolder]]
SupportFill = Callable[[FamilyInput, date], tuple[int | None, list[Issue]]]
LARGE_CASH_FEN = 200_000  # 2 000 yuan at one visit is unusual enough to ask about
_GRADES = range(1, 5)


def _phone(field: str, value: str, label: str) -> tuple[str, list[Issue]]:
    text = (value or "").strip()
    if not text:
        return "", []
    issues = check_phone(field, text)
    return normalize_phone(text), [error(field, f"{label}：{i.message}") for i in issues]


def _grade(field: str, grade: int | None) -> list[Issue]:
    if grade is not None and grade not in _GRADES:
        return [error(field, "伤残等级应为 1–4 级")]
    return []


def check_member(
    index: int,
    member: MemberInput,
    *,
    today: date,
    known_region: KnownRegion | None,
) -> tuple[MemberInput, list[Issue]]:
    """One member: name, ID number (fills sex and birth date), dates, phone."""
    prefix = f"members.{index}."
    who = f"第 {index + 1} 位成员" + (f"（{member.name.strip()}）" if member.name.strip() else "")
    issues = require(prefix + "name", member.name, f"{who}的姓名")
    sex, birth, number = member.sex, member.birth_date, ""
    if is_masked(member.id_number):
        number = member.id_number.strip()  # shown masked: the stored number is kept on saving
    elif member.id_number.strip():
        info, id_issues = check_id_number(
            prefix + "id_number", member.id_number, known_region=known_region, today=today
        )
        issues += [replace(i, message=f"{who}：{i.message}") for i in id_issues]
        if info is not None:
            number, sex, birth = info.number, info.sex, info.birth_date
        else:
            number = member.id_number.strip().upper()
    issues += check_date(prefix + "birth_date", birth, label=f"{who}的出生日期", today=today)
    died_on = member.died_on if member.is_deceased else None
    issues += check_date(prefix + "died_on", died_on, label=f"{who}的死亡日期", earliest=birth, today=today)
    issues += [
        replace(i, message=f"{who}：{i.message}")
        for i in _grade(prefix + "disability_grade", member.disability_grade)
    ]
    phone, phone_issues = _phone(prefix + "phone", member.phone, f"{who}的电话")
    issues += phone_issues
    account = member.bank_account.replace(" ", "")
    plausible = account.isascii() and account.isdigit() and 10 <= len(account) <= 30
    if account and not is_masked(account) and not plausible:
        issues.append(warning(prefix + "bank_account", f"{who}的银行账号通常为 10–30 位数字，请核对"))
    if member.is_deceased and member.receives_support:
        issues.append(warning(prefix + "receives_support", f"{who}已去世，却标记为享受特别扶助，请核对"))
    cleaned = replace(
        member,
        name=member.name.strip(),
        id_number=number,
        sex=sex,
        birth_date=birth,
        died_on=died_on,
        phone=phone,
        bank_name=member.bank_name.strip(),
        bank_account=account,
        health_note=member.health_note.strip(),
    )
    return cleaned, issues


def check_coverage(cov: Coverage, *, today: date) -> tuple[Coverage, list[Issue]]:
    """三个全覆盖: phones valid, a named contact has a phone, the doctor's contract dates in order."""
    issues: list[Issue] = []
    t_phone, found = _phone("coverage.contact_township_phone", cov.contact_township_phone, "乡镇联系人电话")
    issues += found
    v_phone, found = _phone("coverage.contact_village_phone", cov.contact_village_phone, "村级联系人电话")
    issues += found
    for name, phone, field, label in (
        (cov.contact_township_name, t_phone, "coverage.contact_township_phone", "乡镇联系人"),
        (cov.contact_village_name, v_phone, "coverage.contact_village_phone", "村级联系人"),
    ):
        if name.strip() and not phone:
            issues.append(warning(field, f"{label}没有填写电话，家庭有事时联系不上"))
    issues += check_date(
        "coverage.doctor_signed_on", cov.doctor_signed_on, label="家庭医生签约日期", today=today
    )
    issues += check_date(
        "coverage.doctor_expires_on",
        cov.doctor_expires_on,
        label="家庭医生签约到期日期",
        not_future=False,
        earliest=cov.doctor_signed_on,
    )
    if cov.doctor_name.strip() and not cov.doctor_institution.strip():
        issues.append(warning("coverage.doctor_institution", "请填写家庭医生所在的医疗机构"))
    if cov.doctor_expires_on is not None and cov.doctor_expires_on < today:
        issues.append(warning("coverage.doctor_expires_on", "家庭医生签约已过期，请续签后更新日期"))
    issues += check_date(
        "coverage.green_channel_since", cov.green_channel_since, label="绿色通道开通日期", today=today
    )
    cleaned = Coverage(
        contact_township_name=cov.contact_township_name.strip(),
        contact_township_phone=t_phone,
        contact_village_name=cov.contact_village_name.strip(),
        contact_village_phone=v_phone,
        doctor_institution=cov.doctor_institution.strip(),
        doctor_name=cov.doctor_name.strip(),
        doctor_signed_on=cov.doctor_signed_on,
        doctor_expires_on=cov.doctor_expires_on,
        green_channel_hospital=cov.green_channel_hospital.strip(),
        green_channel_since=cov.green_channel_since,
    )
    return cleaned, issues


def check_family(
    inp: FamilyInput,
    *,
    today: date,
    village_exists: Callable[[str], bool],
    holders_of: HoldersOf,
    known_region: KnownRegion | None = None,
    family_no_taken: Callable[[str], bool] | None = None,
    support: SupportFill | None = None,
) -> tuple[FamilyInput, list[Issue]]:
    """The whole form: family fields, every member, coverage, and ID numbers held elsewhere;
    ``support`` fills a blank 特扶金 from the 特别扶助 standard (and questions a different one)."""
    issues: list[Issue] = []
    if not inp.division_code.strip():
        issues.append(error("division_code", "请选择家庭所在的村（社区）"))
    elif not village_exists(inp.division_code):
        issues.append(error("division_code", f"区划 {inp.division_code} 不在本地区划表中，请重新选择"))
    if inp.category is FamilyCategory.DISABLED and inp.disability_grade is None:
        issues.append(warning("disability_grade", "伤残家庭请填写子女的伤残等级"))
    issues += _grade("disability_grade", inp.disability_grade)
    issues += check_date("registered_on", inp.registered_on, label="登记日期", today=today)
    issues += check_date("status_changed_on", inp.status_changed_on, label="状态变更日期", today=today)
    if inp.status is not FamilyStatus.REGISTERED and inp.status_changed_on is None:
        issues.append(warning("status_changed_on", f"家庭状态为“{inp.status}”，请填写变更日期"))
    phone, found = _phone("phone", inp.phone, "联系电话")
    issues += found
    if inp.monthly_support_fen is not None and not 0 <= inp.monthly_support_fen < MAX_FEN:
        issues.append(error("monthly_support_fen", "特别扶助金额应为不小于 0 的金额"))
    family_no = inp.family_no.strip()
    if family_no and family_no_taken is not None and family_no_taken(family_no):
        taken = f"档案编号 {family_no} 已被另一户使用，请改用别的编号，或留空由程序编号"
        issues.append(error("family_no", taken))

    members: list[MemberInput] = []
    for i, member in enumerate(inp.members):
        cleaned, found = check_member(i, member, today=today, known_region=known_region)
        members.append(cleaned)
        issues += found
    heads = [m for m in members if m.relation is MemberRelation.SELF]
    if not heads:
        issues.append(error("members", "请在家庭成员中登记户主本人（与户主关系选“本人”）"))
    elif len(heads) > 1:
        issues.append(error("members", "一户只能有一位“本人”（户主），请修改其他成员的关系"))
    issues += _id_number_clashes(inp, members, holders_of)

    coverage, found = check_coverage(inp.coverage, today=today)
    issues += found
    monthly = inp.monthly_support_fen
    if support is not None and not any(i.field == "monthly_support_fen" for i in issues):
        monthly, found = support(replace(inp, members=tuple(members)), today)
        issues += found
    cleaned_family = replace(
        inp,
        division_code=inp.division_code.strip(),
        family_no=family_no,
        phone=phone,
        address=inp.address.strip(),
        needs=inp.needs.strip(),
        note=inp.note.strip(),
        members=tuple(members),
        coverage=coverage,
        status_changed_on=inp.status_changed_on,
        monthly_support_fen=monthly,
    )
    return cleaned_family, issues


def _id_number_clashes(
    inp: FamilyInput, members: Sequence[MemberInput], holders_of: HoldersOf
) -> list[Issue]:
    """The same number twice in this form is an error; in another family, a warning to look at."""
    issues: list[Issue] = []
    seen: dict[str, int] = {}
    for i, member in enumerate(members):
        number = member.id_number
        if len(number) != 18:
            continue
        if number in seen:
            issues.append(
                error(f"members.{i}.id_number", f"第 {seen[number] + 1} 位和第 {i + 1} 位成员的身份证号相同")
            )
            continue
        seen[number] = i
        for holder in holders_of(number):
            if holder.family_id == inp.id:
                continue
            issues.append(
                warning(
                    f"members.{i}.id_number",
                    f"身份证号 {number[:6]}…{number[-4:]} 已登记在{holder.village}“{holder.head_name}”家"
                    f"（{holder.relation}：{holder.name}，{holder.status}），请确认不是重复登记",
                )
            )
    return issues


def check_visit(
    inp: VisitInput,
    *,
    today: date,
    family_registered_on: date | None,
    form_number_used_by: Callable[[str], str | None],
    same_day_visits: int,
) -> tuple[VisitInput, list[Issue]]:
    """A visit: date, visitors, money and its source, goods lines, double entry of a paper form."""
    issues: list[Issue] = []
    if inp.visited_on is None:
        issues.append(error("visited_on", "请填写走访日期"))
    else:
        issues += check_date(
            "visited_on", inp.visited_on, label="走访日期", today=today, earliest=date(2000, 1, 1)
        )
        if family_registered_on is not None and inp.visited_on < family_registered_on:
            issues.append(warning("visited_on", f"走访日期早于家庭登记日期 {family_registered_on:%Y-%m-%d}"))
    issues += require("visitors", inp.visitors, "走访人员")
    if inp.cash_fen < 0 or inp.cash_fen >= MAX_FEN:
        issues.append(error("cash_fen", "慰问金金额无效"))
    elif inp.cash_fen > 0 and inp.fund_source is None:
        issues.append(error("fund_source", "发放了慰问金，请选择资金来源"))
    elif inp.cash_fen > LARGE_CASH_FEN:
        issues.append(warning("cash_fen", f"慰问金 {inp.cash_fen / 100:,.2f} 元，金额较大，请核对"))
    goods: list[GoodsLine] = []
    for i, line in enumerate(inp.goods):
        if not line.item.strip() and line.value_fen == 0:
            continue  # an empty line left at the end of the table
        if not line.item.strip():
            issues.append(error(f"goods.{i}.item", f"第 {i + 1} 行物品请填写名称"))
        if line.quantity < 1:
            issues.append(error(f"goods.{i}.quantity", f"第 {i + 1} 行物品数量至少为 1"))
        if line.value_fen < 0 or line.value_fen >= MAX_FEN:
            issues.append(error(f"goods.{i}.value_fen", f"第 {i + 1} 行物品价值无效"))
        goods.append(GoodsLine(line.item.strip(), line.quantity, line.unit.strip(), line.value_fen))
    form_number = inp.form_number.strip()
    if form_number:
        used_by = form_number_used_by(form_number)
        if used_by:
            issues.append(
                warning(
                    "form_number", f"纸质走访表编号 {form_number} 已录入过（{used_by}），请确认不是重复录入"
                )
            )
    if same_day_visits:
        issues.append(warning("visited_on", "这户在同一天已有一条同类走访记录，请确认不是重复录入"))
    cleaned = replace(
        inp,
        visitors=inp.visitors.strip(),
        goods=tuple(goods),
        needs_raised=inp.needs_raised.strip(),
        follow_up=inp.follow_up.strip(),
        form_number=form_number,
        note=inp.note.strip(),
    )
    return cleaned, issues
