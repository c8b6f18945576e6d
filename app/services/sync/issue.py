"""下发配置包: a county (or province) sets its townships (counties) up from the 同步 page.

The administrator picks the township and the key file the township brought on a USB stick; the
package is signed with this installation's key and written back to the stick. It names every key
this installation has granted so far, the new one included (a package of an issuer is the whole
list of its grants: a key left out would be revoked), and this installation imports it itself, so
that it accepts the township's bundles from then on.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from app.database.base import table_of
from app.database.models import Division
from app.domain.enums import NodeRole
from app.domain.errors import UserInputError
from app.domain.permissions import Permission, in_subtree
from app.domain.records.exchange import IssuedPackage, IssueTarget, StationKeyRow
from app.domain.validation import division_level, normalize_division_code
from app.paths import resource
from app.services.shared.audit import AuditAction, audit
from app.services.shared.scope import allowed
from app.services.shared.workspace import Workspace
from app.services.sync.setup import load_public_file, read_json_list
from app.sync import identity as ident
from app.sync import keys, state
from app.sync.setup_package import build_setup_package, import_setup_package

# Who an installation of each role issues packages for: a county its townships, a province its counties.
_TARGET_LEVELS = {NodeRole.COUNTY: ("township",), NodeRole.PROVINCE: ("city", "county")}


def issue_refusal(ws: Workspace) -> str | None:
    """Why this account may not issue setup packages here (None: it may)."""
    if ws.role not in _TARGET_LEVELS:
        return "只有县级和省级可以下发配置包。"
    if not allowed(ws, Permission.MERGE):
        return "只有系统管理员和县级管理员可以下发配置包。"
    return None


def issue_targets(ws: Workspace) -> list[IssueTarget]:
    """The townships of this county (the counties of this province), by code."""
    levels = _TARGET_LEVELS.get(ws.role, ())
    table = table_of(Division)
    with ws.db.reader.connect() as conn:
        rows = conn.execute(
            select(table.c.code, table.c.name).where(table.c.deleted.is_(False)).order_by(table.c.code)
        ).all()
        conn.rollback()
    return [
        IssueTarget(code, name)
        for code, name in rows
        if in_subtree(code, ws.division_code) and code != ws.division_code and division_level(code) in levels
    ]


def read_station_key(path: Path) -> StationKeyRow:
    """The key file a township brought (its key folder or identity.json), checked."""
    pub = load_public_file(path)
    return StationKeyRow(pub.name, pub.key_id)


def issue_setup(
    ws: Workspace, identity_dir: Path, passphrase: str | None, key_file: Path, division: str, out_dir: Path
) -> IssuedPackage:
    """Write the package for one township (or county) and trust its key here; one user action."""
    refusal = issue_refusal(ws)
    if refusal:
        raise UserInputError(refusal)
    target = normalize_division_code(division)
    choices = {t.code: t.name for t in issue_targets(ws)}
    if target not in choices:
        raise UserInputError(f"区划 {target} 不是本级可以下发配置包的下级区划。")
    me = ident.unlock(identity_dir, passphrase)
    station = load_public_file(key_file)
    if station.key_id == me.public.key_id:
        raise UserInputError("所选的是本机自己的密钥：请选择乡镇带来的密钥文件。")
    with ws.db.reader.connect() as conn:
        store = keys.authorities(conn)
        conn.rollback()
    mine = store.get(me.public.key_id)
    if mine is None or not mine.active or mine.division_code is None:
        raise UserInputError("本机密钥尚未被上级授权：请先导入上级下发的配置包，再为下级下发。")
    recipients = [
        (_public(a), a.division_code)
        for a in store.values()
        if a.is_recipient and a.active and a.division_code and a.key_id != me.public.key_id
    ]
    granted = [
        (_public(a), a.division_code)
        for a in store.values()
        if a.issuer_key_id == me.public.key_id
        and a.active
        and a.is_trusted_signer
        and a.division_code
        and a.key_id not in (me.public.key_id, station.key_id)
    ]
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"setup-{target}-{station.key_id}.fpas"
    build_setup_package(
        me,
        mine.division_code,
        out,
        recipients=recipients,
        signers=[*granted, (station, target)],
        catalogue=read_json_list(resource("setup", "catalogue.json")),
        indicators=read_json_list(resource("setup", "indicators.json")),
        family_no_rule=ws.db.meta(state.FAMILY_NO_RULE),  # set here: the townships number alike
    )
    import_setup_package(ws.db, out)
    audit(
        ws,
        AuditAction.EXPORT,
        out.name,
        {"kind": "setup", "division": target, "key_id": station.key_id, "signers": len(granted) + 1},
    )
    return IssuedPackage(str(out), me.public.key_id, station.key_id, station.name, target, choices[target])


def _public(a: keys.Authority) -> ident.PublicIdentity:
    return ident.PublicIdentity(a.name, a.age_recipient, a.signing_public_key, a.key_id)
