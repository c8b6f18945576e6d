"""公示名单: a project's reported list, or its payments, as the notice board shows them (挂牌公示).

Each person's name, township and village, masked ID number and the amount paid; the project, its
funds, the notice period and the issuing association. Never the reason a person is on the list
nor whether the family is a special family: the board is public.
"""

from __future__ import annotations

from sqlalchemy import func, select

from app.database.audit import AuditAction
from app.database.models import Association, Division, Project, ProjectBeneficiary, ProjectPayment
from app.domain.enums import AssociationKind
from app.domain.errors import NotFound, UserInputError
from app.domain.idcard import mask_id_number
from app.domain.records.projects import NoticeLine, NoticeList
from app.domain.validation import format_fen
from app.services.projects.issued_catalogue import all_entries
from app.services.shared.audit import audit
from app.services.shared.records import places
from app.services.shared.scope import ensure_in_scope
from app.services.shared.workspace import Workspace

_NO_PROJECT = "这个项目不存在，可能已被删除或尚未同步到本机。"
_FUNDS = (
    ("allocated_fen", "上级下拨"),
    ("matched_fen", "本级配套"),
    ("self_raised_fen", "自筹"),
    ("donated_fen", "社会捐赠"),
)


def notice_list(ws: Workspace, project_id: str, *, of_payments: bool = True) -> NoticeList:
    """The notice list of a project: its payments (one line a person, summed), or its reported list."""
    with ws.db.read() as s:
        project = s.get(Project, project_id)
        if project is None or project.deleted:
            raise NotFound(_NO_PROJECT)
        ensure_in_scope(ws, project.division_code, _NO_PROJECT)
        paid = dict(
            s.execute(
                select(ProjectPayment.beneficiary_id, func.sum(ProjectPayment.amount_fen))
                .where(ProjectPayment.project_id == project_id, ProjectPayment.deleted.is_(False))
                .group_by(ProjectPayment.beneficiary_id)
            ).all()
        )
        people = [
            b
            for b in s.scalars(
                select(ProjectBeneficiary)
                .where(ProjectBeneficiary.project_id == project_id, ProjectBeneficiary.deleted.is_(False))
                .order_by(ProjectBeneficiary.division_code, ProjectBeneficiary.name, ProjectBeneficiary.id)
            )
            if not of_payments or b.id in paid
        ]
        if not people:
            raise UserInputError(
                "这个项目还没有发放记录，没有可公示的名单" if of_payments else "这个项目的上报名单是空的"
            )
        where = places(s, {b.division_code for b in people} | {project.division_code})
        association = s.execute(
            select(Association.name, Association.phone)
            .where(
                Association.division_code == project.division_code,
                Association.kind == AssociationKind.REGIONAL,
                Association.deleted.is_(False),
            )
            .order_by(Association.created_stamp)
            .limit(1)
        ).first()
        division = s.scalar(select(Division.name).where(Division.code == project.division_code))
        entry = all_entries(s).get(project.catalogue_code)
    lines = tuple(
        NoticeLine(
            name=b.name,
            township=where[b.division_code].township_name,
            village=where[b.division_code].village,
            id_masked=mask_id_number(b.id_number),
            amount_fen=int(paid[b.id]) if b.id in paid else None,
        )
        for b in people
    )
    funds = "，".join(
        f"{label} {format_fen(getattr(project, field))} 元"
        for field, label in _FUNDS
        if getattr(project, field)
    )
    # A notice names everyone on it: an export of personal data, in the audit log.
    audit(ws, AuditAction.EXPORT, project.name, {"kind": "notice_list", "lines": len(lines)})
    return NoticeList(
        project_name=project.name,
        catalogue_name=entry.name if entry else "",
        year=project.year,
        document_no=project.document_no or "",
        funds=funds,
        of_payments=of_payments,
        lines=lines,
        notice_from=project.notice_from,
        notice_to=project.notice_to,
        association=association[0] if association else f"{division or ''}计划生育协会",
        phone=(association[1] or "") if association else "",
    )
