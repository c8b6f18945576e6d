"""Creating an installation's database: schema, device id, and its part of the division list."""

from __future__ import annotations

from pathlib import Path

from app.database.divisions import load_reference, shipped_divisions, shipped_file_for, subtree
from app.database.migrate import create_database
from app.database.session import Database
from app.domain.enums import DivisionLevel, NodeRole
from app.domain.errors import UserInputError
from app.domain.validation import check_division_code, has_errors


def role_for(division_code: str) -> NodeRole:
    return NodeRole.PROVINCE if division_code.endswith("0000000000") else NodeRole.COUNTY


def init_database(
    target: str | Path, division_code: str, role: NodeRole | None = None, *, key: bytes | None = None
) -> Database:
    """A new database for a county or township station (county code) or a province (province code).

    The county's subtree of the division list (or the whole province) is loaded as reference data.
    With ``key`` the file is encrypted; its keyring must already be beside it (``keyring.create``).
    """
    issues = check_division_code("division", division_code)
    if has_errors(issues):
        raise UserInputError(f"区划代码“{division_code}”无效：" + "；".join(map(str, issues)) + "。")
    records = shipped_divisions(shipped_file_for(division_code).name)
    tree = subtree(records, division_code)  # raises a Chinese error for an unknown code
    root = next(r for r in tree if r.code == division_code)
    if root.level not in (DivisionLevel.PROVINCE, DivisionLevel.COUNTY):
        raise UserInputError(
            f"区划 {division_code}（{root.name}）是{root.level.label}级；请使用县级代码（县或乡镇安装）"
            "或省级代码（省级数据库）。"
        )
    role = role or role_for(division_code)
    return create_database(target, division_code, role, fill=lambda conn: load_reference(conn, tree), key=key)
