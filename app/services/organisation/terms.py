"""换届: an association's term elections, listed for its detail and recorded one at a time.

The newest election sets the association's officers and its last election date.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.database.models import Association, AssociationTerm
from app.domain.errors import NotFound
from app.domain.records.org import TermInput, TermRow
from app.domain.validation import check_date, error, require, warning
from app.services.shared.records import add_years, assign_changed, raise_for, text_or_none
from app.services.shared.scope import edit_session, ensure_in_scope, ensure_writable
from app.services.shared.workspace import Workspace


def term_rows(s: Session, association_id: str) -> tuple[TermRow, ...]:
    """An association's live term elections, newest first."""
    terms = s.scalars(
        select(AssociationTerm)
        .where(AssociationTerm.association_id == association_id, AssociationTerm.deleted.is_(False))
        .order_by(AssociationTerm.elected_on.desc())
    ).all()
    return tuple(
        TermRow(
            t.id,
            t.association_id,
            t.elected_on,
            t.term_years,
            add_years(t.elected_on, t.term_years),
            t.president or "",
            t.secretary_general or "",
            t.council_size,
            t.note or "",
        )
        for t in terms
    )


def record_term(
    ws: Workspace, inp: TermInput, *, accept_warnings: bool = False, today: date | None = None
) -> str:
    """换届: record a term election. The newest one sets the association's officers and date."""
    today = today or date.today()
    ensure_writable(ws)
    with edit_session(ws) as s:
        assoc = s.get(Association, inp.association_id)
        if assoc is None or assoc.deleted:
            raise NotFound("要登记换届的协会不存在或已被删除。")
        ensure_in_scope(ws, assoc.division_code)
        issues = require("elected_on", inp.elected_on, "换届日期")
        issues += check_date("elected_on", inp.elected_on, label="换届日期", today=today)
        issues += require("president", inp.president, "会长")
        if not 1 <= inp.term_years <= 10:
            issues.append(error("term_years", "任期应为 1–10 年"))
        if inp.council_size is not None and not 1 <= inp.council_size <= 500:
            issues.append(error("council_size", "理事人数应为 1–500 人"))
        elected = inp.elected_on
        if elected is not None:
            same_day = s.scalar(
                select(AssociationTerm.id)
                .where(
                    AssociationTerm.association_id == assoc.id,
                    AssociationTerm.elected_on == elected,
                    AssociationTerm.deleted.is_(False),
                )
                .limit(1)
            )
            if same_day is not None:
                issues.append(error("elected_on", f"{elected:%Y-%m-%d} 的换届已经登记过"))
            if assoc.founded_on is not None and elected < assoc.founded_on:
                issues.append(warning("elected_on", f"换届日期早于协会成立日期 {assoc.founded_on:%Y-%m-%d}"))
        raise_for(issues, accept_warnings)
        assert elected is not None  # required above
        term = AssociationTerm(
            association_id=assoc.id,
            elected_on=elected,
            term_years=inp.term_years,
            president=inp.president.strip(),
            secretary_general=text_or_none(inp.secretary_general),
            council_size=inp.council_size,
            note=text_or_none(inp.note),
        )
        s.add(term)
        if assoc.last_election_on is None or elected >= assoc.last_election_on:
            assign_changed(
                assoc,
                {
                    "last_election_on": elected,
                    "president": term.president,
                    "secretary_general": term.secretary_general,
                },
            )
        s.flush()
        return term.id
