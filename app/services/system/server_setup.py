"""Creating a province database on a PostgreSQL server: the two roles, the schema, the first account.

Run by someone who may create roles and databases on the server (``fpa init postgresql+psycopg://
postgres@host/hunan --division 430000``). The schema is built as the owner role; the program
afterwards connects as the application role, which may change rows but not tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import make_url

from app.database.server import ProvinceRoles, create_roles, drop_roles, roles_for
from app.domain.enums import NodeRole
from app.domain.errors import UserInputError
from app.services.shared.workspace import open_workspace
from app.services.system.accounts import account_problems, create_first_admin
from app.services.system.setup import init_database


@dataclass(frozen=True)
class ServerProvince:
    roles: ProvinceRoles
    app_url: str  # without the password
    device_id: str


def init_server_province(
    admin_url: str,
    division_code: str,
    role: NodeRole | None,
    *,
    app_password: str | None,
    owner_role: str | None = None,
    app_role: str | None = None,
    admin: tuple[str, str, str] | None = None,
) -> ServerProvince:
    """The roles, the schema (as the owner role) and, with ``admin`` (username, name, password), the
    first 系统管理员 account (an Argon2id hash in ``user_account``). All undone if a step fails."""
    database = make_url(admin_url).database
    if not database:
        raise UserInputError("服务器地址中缺少数据库名（…/数据库名）。")
    if admin is not None:
        problems = account_problems(admin[0], admin[1], admin[2], admin[2])
        if problems:
            raise UserInputError("未创建：" + "".join(problems))
    roles = roles_for(database, owner_role, app_role)
    create_roles(admin_url, roles, app_password)
    try:
        as_owner = make_url(admin_url).update_query_dict({"options": f"-crole={roles.owner}"})
        db = init_database(as_owner.render_as_string(hide_password=False), division_code, role)
        device = db.device_id
        db.dispose()
        app_url = roles.app_url(admin_url)
        if admin is not None:
            ws = open_workspace(
                make_url(app_url).set(password=app_password).render_as_string(hide_password=False)
            )
            try:
                create_first_admin(ws, *admin)
            finally:
                ws.close()
    except BaseException:
        drop_roles(admin_url, roles)
        raise
    return ServerProvince(roles, app_url, device)
