"""Importing a project's reported list (上报名单) and its payments (发放记录) from the sheets counties
keep, each row through the form's own checks (``check_beneficiary``, ``check_payment``).

A person already on the list (same ID number) is updated, never listed twice. A payment is always
to someone on the list — money goes strictly by the reported list — and a payment already recorded
(same person, day and amount) is recognised, so the same sheet imported twice pays nobody twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.database.models import ProjectBeneficiary, ProjectPayment
from app.domain.enums import PaymentMethod
from app.domain.errors import Cancelled as CancelledError
from app.domain.errors import UserInputError
from app.domain.permissions import is_masked
from app.domain.records.projects import BeneficiaryInput, PaymentInput
from app.domain.validation import Issue
from app.services.projects.base import live_project
from app.services.projects.lists import check_beneficiary, write_beneficiary
from app.services.projects.payments import check_payment, write_payment
from app.services.shared.imports import (
    CellKind,
    FieldSpec,
    ImportKindBase,
    Plan,
    Problem,
    RowAction,
    RowOutcome,
    SourceRow,
)
from app.services.shared.imports.model import Cancelled, Progress
from app.services.shared.imports.places import PlaceFinder
from app.services.shared.workspace import Workspace

_K = CellKind
_CHUNK = 500
_PERSON = (
    FieldSpec(
        "name", "姓名", _K.NAME, ("领取人", "领取人姓名", "受益人", "受益人姓名", "户主姓名"), required=True
    ),
    FieldSpec("id_number", "身份证号", _K.ID_NUMBER, ("身份证号码", "公民身份号码", "证件号码", "身份证")),
)
BENEFICIARY_FIELDS = (
    *_PERSON,
    FieldSpec("township", "乡镇（街道）", _K.TEXT, ("乡镇", "乡镇街道", "街道", "所在乡镇")),
    FieldSpec("village", "村（社区）", _K.TEXT, ("村", "村居", "社区", "所在村", "村委会", "村名")),
    FieldSpec("division_code", "区划代码", _K.CODE, ("行政区划代码", "村区划代码")),
    FieldSpec("reason", "纳入原因", _K.TEXT, ("原因", "理由", "申请理由", "帮扶原因", "备注")),
    FieldSpec("approved_on", "审核日期", _K.DATE, ("审批日期", "审核时间", "批准日期")),
)
PAYMENT_FIELDS = (
    *_PERSON,
    FieldSpec("paid_on", "发放日期", _K.DATE, ("发放时间", "支付日期", "日期"), required=True),
    FieldSpec(
        "amount_fen",
        "发放金额",
        _K.MONEY,
        ("金额", "金额（元）", "发放金额（元）", "补助金额"),
        required=True,
    ),
    FieldSpec(
        "method",
        "发放方式",
        _K.CHOICE,
        ("方式", "支付方式"),
        choices={m.value: m.value for m in PaymentMethod} | {"转账": PaymentMethod.TRANSFER.value},
    ),
    FieldSpec(
        "bank_account", "银行账号", _K.BANK_ACCOUNT, ("账号", "银行卡号", "一卡通账号", "卡号", "存折账号")
    ),
    FieldSpec("reference", "凭证号", _K.CODE, ("凭证编号", "单据号")),
    FieldSpec("notice_published_on", "公示日期", _K.DATE, ("公示时间",)),
)


def _masked(v: dict[str, Any], *keys: str) -> list[Problem]:
    return [
        Problem("号码中有 * 号（已打码），无法导入，请填写完整号码", key)
        for key in keys
        if is_masked(str(v.get(key) or ""))
    ]


@dataclass
class _Writes:
    rows: list[Any] = field(default_factory=list)


class BeneficiaryImport(ImportKindBase):
    """One project's reported list."""

    name = "beneficiaries"
    label = "项目上报名单"
    fields = BENEFICIARY_FIELDS

    def __init__(self, project_id: str, today: date | None = None) -> None:
        self.project_id, self.today = project_id, today

    def plan(self, ws: Any, rows: Sequence[SourceRow], progress: Progress, cancelled: Cancelled) -> Plan:
        today = self.today or date.today()
        outcomes: list[RowOutcome] = []
        writes = _Writes()
        seen: dict[str, int] = {}
        with ws.db.read() as s:
            live_project(s, ws, self.project_id)  # NotFound, in Chinese, before any row
            _refuse_for_project(check_beneficiary(s, ws, BeneficiaryInput(self.project_id), today)[1])
            places = PlaceFinder.load(s, ws)
            listed = self._listed(s)
            for n, row in enumerate(rows):
                _step(n, len(rows), progress, cancelled)
                outcomes.append(self._plan_row(s, ws, row, places, listed, seen, writes, today))
        return Plan(outcomes, writes)

    def _listed(self, s: Session) -> dict[str, ProjectBeneficiary]:
        return {
            b.id_number: b
            for b in s.scalars(
                select(ProjectBeneficiary).where(
                    ProjectBeneficiary.project_id == self.project_id,
                    ProjectBeneficiary.deleted.is_(False),
                    ProjectBeneficiary.id_number.is_not(None),
                )
            )
            if b.id_number
        }

    def _plan_row(
        self,
        s: Session,
        ws: Workspace,
        row: SourceRow,
        places: PlaceFinder,
        listed: dict[str, ProjectBeneficiary],
        seen: dict[str, int],
        writes: _Writes,
        today: date,
    ) -> RowOutcome:
        v = row.values
        label = v.get("name") or ""
        problems = [Problem(p.message, p.key) for p in row.problems] + _masked(v, "id_number")
        division, place_problem = places.find(v.get("division_code"), v.get("township"), v.get("village"))
        if place_problem:
            problems.append(Problem(place_problem, "village"))
        number = v.get("id_number") or ""
        if number and number in seen:
            problems.append(Problem(f"与本表第 {seen[number]} 行是同一人", "id_number"))
        if any(p.is_error for p in problems):
            return RowOutcome(row.number, RowAction.REFUSED, problems, label)
        stored = listed.get(number) if number else None
        inp = BeneficiaryInput(
            project_id=self.project_id,
            name=v.get("name") or "",
            id_number=number,
            division_code=division or (stored.division_code if stored else ""),
            reason=v.get("reason") or (stored.reason if stored else "") or "",
            approved_on=v.get("approved_on") or (stored.approved_on if stored else None),
            family_id=stored.family_id if stored else None,
            id=stored.id if stored else None,
        )
        clean, issues = check_beneficiary(s, ws, inp, today)
        problems += [Problem(i.message, _key(i.field), i.is_error) for i in issues]
        if any(p.is_error for p in problems):
            return RowOutcome(row.number, RowAction.REFUSED, problems, label)
        if number:
            seen[number] = row.number
        writes.rows.append(clean)
        return RowOutcome(row.number, RowAction.UPDATE if stored else RowAction.NEW, problems, label)

    def write(self, ws: Any, session: Session, plan: Plan, progress: Progress, cancelled: Cancelled) -> None:
        rows: list[BeneficiaryInput] = plan.payload.rows
        for n, clean in enumerate(rows):
            _step(n, len(rows), progress, cancelled)
            write_beneficiary(session, ws, clean)


class PaymentImport(ImportKindBase):
    """One project's payments, each to someone on its reported list."""

    name = "payments"
    label = "项目资金发放记录"
    fields = PAYMENT_FIELDS

    def __init__(self, project_id: str, today: date | None = None) -> None:
        self.project_id, self.today = project_id, today

    def plan(self, ws: Any, rows: Sequence[SourceRow], progress: Progress, cancelled: Cancelled) -> Plan:
        today = self.today or date.today()
        outcomes: list[RowOutcome] = []
        writes = _Writes()
        seen: dict[tuple[str, date, int], int] = {}
        with ws.db.read() as s:
            live_project(s, ws, self.project_id)
            probe = PaymentInput(self.project_id, paid_on=today, amount_fen=1)
            _refuse_for_project(check_payment(s, ws, probe, today)[1])
            for n, row in enumerate(rows):
                _step(n, len(rows), progress, cancelled)
                outcomes.append(self._plan_row(s, ws, row, seen, writes, today))
        return Plan(outcomes, writes)

    def _plan_row(
        self,
        s: Session,
        ws: Workspace,
        row: SourceRow,
        seen: dict[tuple[str, date, int], int],
        writes: _Writes,
        today: date,
    ) -> RowOutcome:
        v = row.values
        label = v.get("name") or ""
        problems = [Problem(p.message, p.key) for p in row.problems] + _masked(v, "id_number", "bank_account")
        if any(p.is_error for p in problems):
            return RowOutcome(row.number, RowAction.REFUSED, problems, label)
        method = v.get("method")
        inp = PaymentInput(
            project_id=self.project_id,
            paid_on=v.get("paid_on"),
            amount_fen=v.get("amount_fen") or 0,
            method=PaymentMethod(method) if method else PaymentMethod.ONE_CARD,
            payee_id_number=v.get("id_number") or "",
            payee_name=v.get("name") or "",
            bank_account=v.get("bank_account") or "",
            reference=v.get("reference") or "",
            notice_published_on=v.get("notice_published_on"),
        )
        payee, issues = check_payment(s, ws, inp, today)
        problems += [Problem(i.message, _key(i.field), i.is_error) for i in issues]
        if payee is None or inp.paid_on is None or any(p.is_error for p in problems):
            return RowOutcome(row.number, RowAction.REFUSED, problems, label)
        key = (payee.id, inp.paid_on, inp.amount_fen)
        if key in seen:
            problems.append(Problem(f"与本表第 {seen[key]} 行是同一笔发放（同一人、同一天、同一金额）"))
            return RowOutcome(row.number, RowAction.REFUSED, problems, label)
        seen[key] = row.number
        if self._recorded(s, *key):
            # The sheet was imported before: this very payment is on file and is not paid again.
            note = Problem("这笔发放已登记过，不会重复登记", "amount_fen", is_error=False)
            return RowOutcome(row.number, RowAction.UPDATE, [note], label)
        writes.rows.append((inp, payee.id, inp.paid_on))
        return RowOutcome(row.number, RowAction.NEW, problems, label)

    @staticmethod
    def _recorded(s: Session, beneficiary_id: str, paid_on: date, amount_fen: int) -> bool:
        found = s.scalar(
            select(ProjectPayment.id)
            .where(
                ProjectPayment.beneficiary_id == beneficiary_id,
                ProjectPayment.paid_on == paid_on,
                ProjectPayment.amount_fen == amount_fen,
                ProjectPayment.deleted.is_(False),
            )
            .limit(1)
        )
        return found is not None

    def write(self, ws: Any, session: Session, plan: Plan, progress: Progress, cancelled: Cancelled) -> None:
        rows: list[tuple[PaymentInput, str, date]] = plan.payload.rows
        for n, (inp, beneficiary_id, paid_on) in enumerate(rows):
            _step(n, len(rows), progress, cancelled)
            write_payment(session, inp, beneficiary_id, paid_on)


def _refuse_for_project(issues: list[Issue]) -> None:
    """A project that takes no list changes or payments now refuses the whole file, once."""
    for issue in issues:
        if issue.field == "project" and issue.is_error:
            raise UserInputError(f"{issue.message}，不能导入。")


def _key(field_name: str) -> str:
    """Where a form check's field lies in the sheet."""
    return {
        "beneficiary": "id_number",
        "project": "name",
        "family_id": "name",
        "division_code": "village",
    }.get(field_name, field_name)


def _step(n: int, total: int, progress: Progress, cancelled: Cancelled) -> None:
    if n % _CHUNK == 0:
        if cancelled is not None and cancelled():
            raise CancelledError()
        if progress is not None:
            progress(n, total)
