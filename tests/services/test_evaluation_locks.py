"""Period locks: a locked period refuses edits of records dated in it (through the real services),
until an administrator unlocks it with a reason, which the audit log keeps. And completeness."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.database.models import AuditEntry, PeriodLock, SpecialFamily, Visit
from app.domain.enums import FamilyCategory, FundSource, UserRole, VisitOccasion, VisitWay
from app.domain.errors import UserInputError
from app.domain.records.families import VisitInput
from app.services.demo import DEMO_PASSWORDS, generate_demo
from app.services.evaluation import list_locks, lock_period, unlock_period
from app.services.families import visits as families
from app.services.shared.workspace import Workspace
from app.services.system import accounts
from tests.conftest import COUNTY

VILLAGE = "430121001001"


def _family(ws: Workspace) -> str:
    with ws.db.session() as s:
        f = SpecialFamily(division_code=VILLAGE, category=FamilyCategory.BEREAVED, head_name="王桂兰")
        s.add(f)
        s.flush()
        return f.id


def _visit(family_id: str, on: date, cash: int = 10_000) -> VisitInput:
    return VisitInput(
        family_id,
        on,
        VisitOccasion.ROUTINE,
        VisitWay.HOME,
        "张三",
        cash_fen=cash,
        fund_source=FundSource.COUNTY,
    )


def _visits(ws: Workspace) -> int:
    with ws.db.read() as s:
        return s.scalar(select(func.count()).select_from(Visit)) or 0


def test_a_locked_period_refuses_an_edit_until_unlocked_with_a_reason(workspace: Workspace) -> None:
    workspace.username = "county-admin"
    fam = _family(workspace)
    families.record_visit(workspace, _visit(fam, date(2026, 3, 2)), today=date(2026, 12, 1))
    lock = lock_period(workspace, "2026H1", COUNTY)
    assert lock.active and lock.period_label == "2026年上半年" and lock.locked_by == "county-admin"

    with pytest.raises(UserInputError) as err:
        families.record_visit(workspace, _visit(fam, date(2026, 5, 29)), today=date(2026, 12, 1))
    assert "2026年上半年已锁定" in err.value.message and "未保存" in err.value.message
    assert _visits(workspace) == 1
    # A visit after the period is an ordinary edit.
    families.record_visit(workspace, _visit(fam, date(2026, 7, 2)), today=date(2026, 12, 1))
    assert _visits(workspace) == 2
    with pytest.raises(UserInputError):
        lock_period(workspace, "2026H1", COUNTY)  # already locked

    with pytest.raises(UserInputError) as err:
        unlock_period(workspace, lock.id, "  ")
    assert "原因" in err.value.message
    unlocked = unlock_period(workspace, lock.id, "更正 5 月走访记录")
    assert not unlocked.active and unlocked.unlock_reason == "更正 5 月走访记录"
    families.record_visit(workspace, _visit(fam, date(2026, 5, 29)), today=date(2026, 12, 1))
    assert _visits(workspace) == 3
    with workspace.db.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "unlock")).one()
        assert entry.target == f"period_lock:{lock.id}" and "更正 5 月走访记录" in str(entry.detail)
        assert s.scalar(select(func.count()).select_from(PeriodLock)) == 1  # the row stays, unlocked
    assert [r.active for r in list_locks(workspace, COUNTY)] == [False]


def test_moving_a_record_out_of_a_locked_period_is_refused_too(workspace: Workspace) -> None:
    fam = _family(workspace)
    families.record_visit(workspace, _visit(fam, date(2026, 3, 2)), today=date(2026, 12, 1))
    lock_period(workspace, "2026-03", COUNTY)
    from app.services.shared.scope import edit_session

    with pytest.raises(UserInputError), edit_session(workspace) as s:
        visit = s.scalars(select(Visit)).one()
        visit.visited_on = date(2026, 4, 2)
    with workspace.db.read() as s:
        assert s.scalars(select(Visit.visited_on)).one() == date(2026, 3, 2)


@pytest.fixture(scope="module")
def encrypted_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("encrypted-demo") / "demo.db"
    generate_demo(path, COUNTY, families=40, seed=5, encrypted=True)
    return path


def test_only_an_administrator_locks_and_a_township_sees_its_countys_lock(encrypted_demo: Path) -> None:
    username, _name, password = DEMO_PASSWORDS[UserRole.TOWNSHIP_CLERK]
    clerk = accounts.sign_in(encrypted_demo, username, password)
    try:
        with pytest.raises(UserInputError) as err:
            lock_period(clerk, "2025")
        assert "县级管理员" in err.value.message
    finally:
        clerk.close()
    username, _name, password = DEMO_PASSWORDS[UserRole.COUNTY_ADMIN]
    admin = accounts.sign_in(encrypted_demo, username, password)
    try:
        lock_period(admin, "2025")
    finally:
        admin.close()
    username, _name, password = DEMO_PASSWORDS[UserRole.TOWNSHIP_CLERK]
    clerk = accounts.sign_in(encrypted_demo, username, password)
    try:
        assert [(r.division_code, r.period_code) for r in list_locks(clerk)] == [(COUNTY, "2025")]
    finally:
        clerk.close()
