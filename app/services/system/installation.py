"""This installation: the welcome wizard's choices and set-up, the system page's facts and divisions.

A station (乡镇录入站) is created like its county — the county's part of the division list is
loaded — and then records its township as its division, so its lists, bundles and home page are
the township's. The division-list actions take the workspace, so the UI never handles the
database itself; the rules live in ``app.services.system.divisions``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select

from app.database import keyring
from app.database.audit import AuditAction, record
from app.database.divisions import DivisionRecord, shipped_divisions, shipped_file_for
from app.database.engine import sqlite_path
from app.database.migrate import current_revision, head_revision
from app.database.models import Division, Meta, UserAccount
from app.database.session import META_CREATED, META_DIVISION, META_ROLE
from app.domain.enums import DivisionLevel, NodeRole
from app.domain.errors import UserInputError
from app.domain.permissions import Permission
from app.domain.records.overview import DivisionChoice, InstallationFacts
from app.services.shared.scope import ensure_may
from app.services.shared.workspace import Workspace, open_workspace
from app.services.sync import import_setup
from app.services.system import accounts, divisions
from app.services.system.divisions import DivisionRow
from app.services.system.setup import init_database
from app.sync import state

NATIONAL = "divisions-china-to-county.csv"


def _records_for(code: str) -> tuple[DivisionRecord, ...]:
    return shipped_divisions(shipped_file_for(code).name)


def _names(records: tuple[DivisionRecord, ...]) -> dict[str, str]:
    return {r.code: r.name for r in records}


def _has_townships(province_code: str) -> bool:
    return shipped_file_for(province_code).name != NATIONAL


def provinces() -> list[DivisionChoice]:
    """Every province of the shipped list; those with a list down to townships come first."""
    rows = [
        DivisionChoice(r.code, r.name, "", _has_townships(r.code))
        for r in shipped_divisions(NATIONAL)
        if r.level is DivisionLevel.PROVINCE
    ]
    return sorted(rows, key=lambda c: (not c.has_townships, c.code))


def counties(province_code: str) -> list[DivisionChoice]:
    """The counties (县市区) of a province, each with its city (市州) for telling 城区 apart."""
    records = _records_for(province_code)
    names = _names(records)
    detailed = _has_townships(province_code)
    return [
        DivisionChoice(r.code, r.name, names.get(r.parent_code or "", ""), detailed)
        for r in records
        if r.level is DivisionLevel.COUNTY and r.code[:2] == province_code[:2]
    ]


def townships(county_code: str) -> list[DivisionChoice]:
    """The townships (乡镇街道) of a county; empty when the shipped list stops at counties."""
    records = _records_for(county_code)
    return [
        DivisionChoice(r.code, r.name, "", True)  # the county is chosen just above: its name would repeat
        for r in records
        if r.level is DivisionLevel.TOWNSHIP and r.parent_code == county_code
    ]


def _county_of(code: str, role: NodeRole) -> str:
    """The code ``init_database`` loads the division list for, checked against the role."""
    records = _records_for(code)
    by_code = {r.code: r for r in records}
    chosen = by_code.get(code)
    if chosen is None:
        raise UserInputError(f"区划代码 {code} 不在随程序提供的区划表中。")
    wanted = {
        NodeRole.PROVINCE: DivisionLevel.PROVINCE,
        NodeRole.COUNTY: DivisionLevel.COUNTY,
        NodeRole.STATION: DivisionLevel.TOWNSHIP,
    }[role]
    if chosen.level is not wanted:
        raise UserInputError(
            f"{role.label}应选择{wanted.label}级区划，“{chosen.name}”是{chosen.level.label}级。"
        )
    if role is NodeRole.STATION:
        return chosen.parent_code or code
    return code


def create_installation(
    path: Path, division_code: str, role: NodeRole, *, key: bytes | None = None
) -> Workspace:
    """A new database at ``path`` for a province, a county, or a township station; opened.

    With ``key`` it is encrypted (its keyring must already be beside it).
    """
    base = _county_of(division_code, role)
    db = init_database(path, base, role, key=key)
    if role is NodeRole.STATION:
        with db.engine.begin() as conn:
            state.put(conn, META_DIVISION, division_code)
    db.dispose()
    return open_workspace(path, key)


@dataclass
class NewInstallation:
    """What the set-up hands back: the open workspace, signed in as the administrator, and the
    recovery key, to be shown (and printed) once and never stored in clear."""

    workspace: Workspace
    recovery_key: str


def remove_database_files(path: Path) -> None:
    """A database file with its WAL, shared-memory and keyring files (a set-up that failed)."""
    for leftover in (
        path,
        path.with_name(path.name + "-wal"),
        path.with_name(path.name + "-shm"),
        keyring.keyring_path(path),
    ):
        leftover.unlink(missing_ok=True)


def set_up_installation(
    path: Path,
    division_code: str,
    role: NodeRole,
    *,
    username: str,
    display_name: str,
    password: str,
    setup_package: Path | None = None,
    trust: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> NewInstallation:
    """The welcome wizard's finish: encrypted database, setup package (if any), first administrator.

    The database is encrypted with a random key, wrapped in its keyring for the administrator's
    password and for a new recovery key (returned, to be shown once). All or nothing: if the
    package or the account is refused, the new files are removed again, so the wizard can simply
    be run once more.
    """
    problems = accounts.account_problems(username, display_name, password, password)
    if problems:
        raise UserInputError("".join(problems))
    if path.exists():
        raise UserInputError(f"文件“{path}”已存在，未覆盖。")
    steps = 3 if setup_package else 2
    key = keyring.new_database_key()
    path.parent.mkdir(parents=True, exist_ok=True)
    recovery_key = keyring.create(path, key, username.strip(), password)
    try:
        ws = create_installation(path, division_code, role, key=key)
    except BaseException:
        remove_database_files(path)
        raise
    try:
        if progress:
            progress(1, steps)
        if setup_package is not None:
            import_setup(ws, setup_package, trust=trust)
            if progress:
                progress(2, steps)
        accounts.create_first_admin(ws, username, display_name, password)
        with ws.db.engine.begin() as conn:
            record(conn, ws.username, AuditAction.LOGIN, ws.username, {"via": "set-up"})
    except BaseException:
        ws.close()
        remove_database_files(path)
        raise
    if progress:
        progress(steps, steps)
    return NewInstallation(ws, recovery_key)


def init_encrypted(
    path: Path, division_code: str, role: NodeRole | None, username: str, display_name: str, password: str
) -> NewInstallation:
    """``fpa init --admin``: a new encrypted database (``init_database``'s rules) with its administrator."""
    problems = accounts.account_problems(username, display_name, password, password)
    if problems:
        raise UserInputError("".join(problems))
    if path.exists():
        raise UserInputError(f"文件“{path}”已存在，未覆盖。请换一个文件名，或先备份后删除。")
    key = keyring.new_database_key()
    path.parent.mkdir(parents=True, exist_ok=True)
    recovery_key = keyring.create(path, key, username.strip(), password)
    try:
        init_database(path, division_code, role, key=key).dispose()
        ws = open_workspace(path, key)
    except BaseException:
        remove_database_files(path)
        raise
    try:
        accounts.create_first_admin(ws, username, display_name, password)
    except BaseException:
        ws.close()
        remove_database_files(path)
        raise
    return NewInstallation(ws, recovery_key)


def installation_facts(ws: Workspace) -> InstallationFacts:
    """Role, division, device, database file and size, schema revision, setup package, accounts."""
    file = sqlite_path(ws.db.url)
    with ws.db.read() as s:
        conn = s.connection()
        code = state.get(conn, META_DIVISION) or ""
        created = state.get(conn, META_CREATED)
        revision = current_revision(conn) or ""
        name = s.scalar(select(Division.name).where(Division.code == code, Division.deleted.is_(False)))
        count = s.scalar(select(func.count()).select_from(UserAccount)) or 0
        role = s.scalar(select(Meta.value).where(Meta.key == META_ROLE)) or NodeRole.STATION.value
        package = state.get(conn, state.SETUP_ID)
    size = None
    if file is not None:
        size = sum(p.stat().st_size for p in (file, file.with_name(file.name + "-wal")) if p.exists())
    return InstallationFacts(
        role=NodeRole(role),
        division_code=code,
        division_name=name or code,
        device_id=ws.device_id,
        database=str(file) if file is not None else ws.db.url.split("@")[-1],
        size_bytes=size,
        schema_revision=revision,
        schema_is_current=revision == head_revision(),
        created_at=datetime.fromisoformat(created) if created else None,
        setup_package=package,
        accounts=count,
    )


def division_list(ws: Workspace) -> list[DivisionRow]:
    """This installation's divisions (its own and everything below), retired ones included."""
    return divisions.division_tree(ws.db, ws.division_code)


def add_local_division(ws: Workspace, parent_code: str, code: str, name: str, valid_from: date) -> str:
    ensure_may(ws, Permission.MANAGE_DIVISIONS)
    return divisions.add_division(ws.db, parent_code, code, name, valid_from)


def rename_local_division(ws: Workspace, code: str, new_name: str, on: date) -> None:
    ensure_may(ws, Permission.MANAGE_DIVISIONS)
    divisions.rename_division(ws.db, code, new_name, on)


def retire_local_division(ws: Workspace, code: str, on: date) -> None:
    ensure_may(ws, Permission.MANAGE_DIVISIONS)
    divisions.retire_division(ws.db, code, on)
