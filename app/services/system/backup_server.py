"""Backups of a PostgreSQL province (系统管理 → 备份, and the automatic ones): pg_dump, age, a test restore.

A backup is ``<database>-备份-<YYYYMMDD-HHMMSS>.pgdump.age``: pg_dump's custom format, encrypted
with age to this province's own key (``identity.json`` in the keys folder: only the public half
is needed, so the automatic backups run without a passphrase), written as ``.partial``, restored
as a test into the scratch database, and only then given its name. The same folder keeps the
last ``KEEP`` generations, as for a database file; the schedule is the same (``backup_auto``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import make_url

from app.database.audit import AuditAction
from app.database.files import partial_name, publish
from app.database.migrate import current_revision, known_revisions
from app.database.models import Meta, SpecialFamily
from app.database.server_dump import current_schema, dump_encrypted, reset_scratch, restore_into, scratch_url
from app.database.session import META_DEVICE, META_DIVISION
from app.domain.errors import Cancelled, UserInputError
from app.domain.server_address import ServerAddress
from app.paths import identity_dir
from app.services.shared.audit import audit
from app.services.shared.workspace import Workspace
from app.sync.identity import has_identity, load_public

KEEP = 10
SUFFIX = ".pgdump.age"
_STAMP = "%Y%m%d-%H%M%S"
NO_KEY = (
    "省级数据库的备份要加密给本省的密钥，但本机还没有密钥（同步 → 本机密钥）：请先生成或放入本省密钥。"
    "数据库没有改动。"
)


def server_backup_name(database: str, at: datetime, n: int = 1) -> str:
    return f"{database}-备份-{at.strftime(_STAMP)}{'' if n == 1 else f'-{n}'}{SUFFIX}"


def server_generations(folder: Path, database: str) -> list[Path]:
    """This province's backups in ``folder``, oldest first (the name sorts by time)."""
    pattern = re.compile(re.escape(database) + r"-备份-(\d{8}-\d{6})(?:-(\d+))?" + re.escape(SUFFIX))
    found = []
    for path in folder.iterdir():
        match = pattern.fullmatch(path.name)
        if match and path.is_file():
            found.append((match.group(1), int(match.group(2) or 1), path))
    return [path for _stamp, _n, path in sorted(found)]


def province_recipient(keys: Path | None = None) -> str:
    folder = keys or identity_dir()
    if not has_identity(folder):
        raise UserInputError(NO_KEY)
    return load_public(folder).age_recipient


def database_name(ws: Workspace) -> str:
    return ServerAddress.from_url(ws.db.url).database


def scratch_engine_url(scratch: str, schema: str) -> str:
    return (
        make_url(scratch)
        .update_query_dict({"options": f"-csearch_path={schema}"})
        .render_as_string(hide_password=False)
    )


def check_restored(scratch: str, schema: str, *, source: str) -> tuple[str, str, str, int]:
    """(revision, division, device, families) of the dump restored in the scratch database, or why not."""
    engine = create_engine(scratch_engine_url(scratch, schema))
    try:
        with engine.connect() as conn:
            revision = current_revision(conn)
            meta = {key: value for key, value in conn.execute(select(Meta.key, Meta.value))}
            families = conn.execute(select(func.count()).select_from(SpecialFamily)).scalar() or 0
    except Exception:
        raise UserInputError(f"备份“{source}”不是本程序的省级数据库备份，数据库没有改动。") from None
    finally:
        engine.dispose()
    if revision not in known_revisions():
        raise UserInputError(f"备份“{source}”来自更新版本的程序（结构版本 {revision}），数据库没有改动。")
    return revision or "", meta.get(META_DIVISION, ""), meta.get(META_DEVICE, ""), int(families)


def backup_server(
    ws: Workspace,
    folder: Path,
    *,
    keep: int = KEEP,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    keys: Path | None = None,
) -> Path:
    """Dump the province into ``folder`` encrypted to its key, check it by a test restore, keep ``keep``."""
    recipient = province_recipient(keys)
    database = database_name(ws)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserInputError(f"无法使用文件夹“{folder}”：{exc.strerror}。") from None
    now = datetime.now()
    n = 1
    while (folder / server_backup_name(database, now, n)).exists():
        n += 1
    target = folder / server_backup_name(database, now, n)
    partial = partial_name(target)
    url = ws.db.url
    schema = current_schema(url)
    scratch = scratch_url(url)

    def step(done: int) -> None:  # the dump's size is unknown until it ends: three steps
        if progress is not None:
            progress(done, 3)

    try:
        step(0)
        check = dump_encrypted(url, partial, [recipient], schema=schema, cancelled=cancelled)
        if cancelled is not None and cancelled():
            raise Cancelled()
        step(1)
        restore_into(scratch, partial, check, schema=schema, source=target.name)
        _revision, division, device, _families = check_restored(scratch, schema, source=target.name)
        if device != ws.device_id or division != ws.division_code:
            raise UserInputError(f"备份“{target.name}”校验未通过（设备或区划与数据库不符），已删除。")
        step(2)
        publish(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise UserInputError(
            f"备份未完成：无法写入“{folder}”（{exc.strerror or exc}）。数据库没有改动。"
        ) from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        reset_scratch(scratch, schema)  # no second copy of the province stays on the server
    step(3)
    for old in server_generations(folder, database)[:-keep] if keep > 0 else []:
        old.unlink(missing_ok=True)
    audit(ws, AuditAction.BACKUP, target.name, {"folder": str(folder), "bytes": target.stat().st_size})
    return target
