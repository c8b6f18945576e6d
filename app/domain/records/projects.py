"""Rows and inputs of the 项目服务 module: catalogue, projects with funds and lifecycle, lists, payments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.enums import AdminLevel, FamilyCategory, PaymentMethod, ProjectStatus

# What moving a project to each status needs, in the words the detail panel shows.
STEP_NEEDS = {
    ProjectStatus.APPROVED: "立项文号",
    ProjectStatus.IN_PROGRESS: "实施开始日期",
    ProjectStatus.PUBLIC_NOTICE: "公示起止日期",
    ProjectStatus.FINAL_REPORT: "公示期结束后的终期报告日期和报告内容",
    ProjectStatus.EVALUATED: "评价日期：得分由项目的执行率、一卡通、公示和终期报告按时情况算出",
}


@dataclass(frozen=True)
class CatalogueEntry:
    code: str
    name: str
    category: str
    level: AdminLevel
    pays_individuals: bool  # money goes to people, strictly by the reported list (一卡通)
    description: str
    active: bool = True  # a retired programme keeps its name for old projects


@dataclass(frozen=True)
class ProjectFilter:
    text: str = ""
    year: int | None = None
    status: ProjectStatus | None = None
    catalogue_code: str | None = None
    division_code: str | None = None
    sort: str = "year"
    descending: bool = True


@dataclass(frozen=True)
class ProjectRow:
    id: str
    name: str
    catalogue_code: str
    catalogue_name: str
    year: int
    level: AdminLevel
    division_code: str
    division_name: str
    document_no: str
    status: ProjectStatus
    allocated_fen: int  # 下拨
    matched_fen: int  # 配套
    self_raised_fen: int  # 自筹
    donated_fen: int  # 社会捐赠
    paid_fen: int  # paid out to the list so far
    beneficiary_count: int
    started_on: date | None
    notice_from: date | None
    notice_to: date | None
    final_report_on: date | None
    evaluated_on: date | None
    evaluation_score: int | None
    final_report_due_on: date | None = None
    final_report_content: str = ""

    @property
    def total_fen(self) -> int:
        return self.allocated_fen + self.matched_fen + self.self_raised_fen + self.donated_fen


@dataclass(frozen=True)
class ProjectInput:
    catalogue_code: str
    name: str
    year: int
    division_code: str
    level: AdminLevel | None = None  # the catalogue entry's level when not given
    document_no: str = ""
    allocated_fen: int = 0
    matched_fen: int = 0
    self_raised_fen: int = 0
    donated_fen: int = 0
    started_on: date | None = None
    notice_from: date | None = None
    notice_to: date | None = None
    final_report_due_on: date | None = None  # 终期报告截止: 终期报告按时率 is judged against it
    note: str = ""
    id: str | None = None


@dataclass(frozen=True)
class ProjectDetail:
    row: ProjectRow
    note: str
    pays_individuals: bool
    payment_count: int
    next_status: ProjectStatus | None
    next_needs: str  # what the next step needs, for the button's tooltip

    @property
    def balance_fen(self) -> int:
        """Allocated money not yet paid out (negative: more paid than allocated)."""
        return self.row.allocated_fen - self.row.paid_fen


@dataclass(frozen=True)
class StepInput:
    """What moving a project one step along may bring: the notice dates, the score, the 文号."""

    on: date
    document_no: str = ""
    notice_from: date | None = None
    notice_to: date | None = None
    final_report_content: str = ""  # 终期报告: what the report says (the step to 终期报告)


@dataclass(frozen=True)
class ProjectCriterion:
    """One figure a project is evaluated on: an indicator of the sheet, for this project alone."""

    code: str  # the indicator's code (XM-YSZX …)
    name: str
    value: float | None  # %; None: it does not apply (nothing allocated, no due date …)
    target: float
    weight: int  # points it is worth out of 100
    points: float  # earned: the weight × value ÷ target, at most the weight
    detail: str  # how the value came about, in Chinese


@dataclass(frozen=True)
class ProjectEvaluation:
    """绩效评价 of a project from its indicators; ``score`` is out of 100 over the criteria that apply."""

    criteria: tuple[ProjectCriterion, ...]
    score: int


# --- the reported list and payments ----------------------------------------------------------------


@dataclass(frozen=True)
class BeneficiaryInput:
    """A person on a project's reported list; picking a special family fills name and ID number."""

    project_id: str
    name: str = ""
    id_number: str = ""
    division_code: str = ""
    reason: str = ""
    approved_on: date | None = None
    family_id: str | None = None
    id: str | None = None


@dataclass(frozen=True)
class BeneficiaryRow:
    id: str
    project_id: str
    family_id: str | None
    name: str
    id_masked: str
    division_code: str
    village: str
    reason: str
    approved_on: date | None
    paid_fen: int
    payment_count: int
    id_export: str = ""  # what an export writes: in full only for a role that may see it


@dataclass(frozen=True)
class PaymentInput:
    """A payment to someone on the list: chosen from it (``beneficiary_id``) or typed by ID number."""

    project_id: str
    paid_on: date | None
    amount_fen: int
    method: PaymentMethod = PaymentMethod.ONE_CARD
    beneficiary_id: str | None = None
    payee_id_number: str = ""  # used when no beneficiary was chosen
    payee_name: str = ""
    bank_account: str = ""
    reference: str = ""
    notice_published_on: date | None = None


@dataclass(frozen=True)
class PaymentRow:
    id: str
    project_id: str
    beneficiary_id: str
    beneficiary_name: str
    id_masked: str
    paid_on: date
    amount_fen: int
    method: PaymentMethod
    bank_account_masked: str
    reference: str
    notice_published_on: date | None
    id_export: str = ""  # what an export writes: in full only for a role that may see it
    bank_account_export: str = ""


@dataclass(frozen=True)
class FamilyPick:
    """A special family to put on a list: its head, as the picker shows it."""

    family_id: str
    head_name: str
    id_masked: str
    category: FamilyCategory
    division_code: str
    village: str

    @property
    def label(self) -> str:
        return f"{self.head_name}（{self.category}，{self.village}，{self.id_masked}）"


@dataclass(frozen=True)
class FundsSummary:
    """A year's projects: how many, money in by source, money paid out to lists."""

    year: int | None
    projects: int
    allocated_fen: int
    matched_fen: int
    self_raised_fen: int
    donated_fen: int
    paid_fen: int


@dataclass(frozen=True)
class NoticeLine:
    """One person on a 公示名单: nothing a notice board should not show (no reason, no family type)."""

    name: str
    township: str
    village: str
    id_masked: str
    amount_fen: int | None  # paid to the person; None on a list not paid yet


@dataclass(frozen=True)
class NoticeList:
    """A project's public-notice list (公示名单), ready to post."""

    project_name: str
    catalogue_name: str
    year: int
    document_no: str
    funds: str  # "省级下拨 12,000.00 元，县级配套 3,000.00 元"
    of_payments: bool  # the payments made, or the reported list
    lines: tuple[NoticeLine, ...]
    notice_from: date | None
    notice_to: date | None
    association: str  # the issuing association, named at the foot
    phone: str  # where objections go

    @property
    def total_fen(self) -> int:
        return sum(line.amount_fen or 0 for line in self.lines)
