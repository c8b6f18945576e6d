"""Restoring a PostgreSQL province from one of its backups: checked in the scratch database first.

The backup is decrypted with the province's key (its passphrase asked) straight into pg_restore on
the scratch database; it must restore whole, be this program's database of the same division, and
is upgraded there if older. Only then is the province as it is now dumped as a safety copy
(``<database>.before-restore-<time>.pgdump.age`` in the backups folder), and every table's rows are
replaced from the scratch copy in one transaction: a refusal at any step changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine

from app.database.audit import AuditAction, record
from app.database.files import partial_name, publish
from app.database.migrate import head_revision, open_database, upgrade
from app.database.server_dump import current_schema, dump_encrypted, replace_rows, reset_scratch, restore_into
from app.database.server_dump import scratch_url as scratch_of
from app.domain.errors import UserInputError
from app.paths import identity_dir
from app.services.shared.workspace import Workspace
from app.services.system.backup_server import (
    SUFFIX,
    check_restored,
    database_name,
    province_recipient,
    scratch_engine_url,
)
from app.services.system.restore import ensure_may_restore
from app.sync.identity import unlock


@dataclass(frozen=True)
class ServerRestore:
    safety_copy: Path
    families: int
    rows: int


def restore_server(
    ws: Workspace,
    backup: Path,
    passphrase: str | None,
    safety_folder: Path,
    *,
    keys: Path | None = None,
) -> ServerRestore:
    """Put ``backup`` in the place of the province's rows; the province is first dumped to ``safety_folder``.

    ``passphrase`` unlocks the province's key (in ``keys``, by default this computer's keys folder).
    """

    ensure_may_restore(ws)
    if not backup.is_file():
        raise UserInputError(f"找不到备份文件“{backup}”。")
    folder = keys or identity_dir()
    identity = unlock(folder, passphrase)  # a wrong passphrase: refused here, in Chinese
    url = ws.db.url
    schema = current_schema(url)
    scratch = scratch_of(url)
    try:
        restore_into(scratch, backup, identity.age_identity, schema=schema, source=backup.name)
        revision, division, _device, families = check_restored(scratch, schema, source=backup.name)
        if division != ws.division_code:
            raise UserInputError(
                f"备份“{backup.name}”属于区划 {division}，不是本省级数据库（{ws.division_code}）的备份。"
                "数据库没有改动。"
            )
        if revision != head_revision():
            engine = create_engine(scratch_engine_url(scratch, schema))
            try:
                with engine.begin() as conn:
                    upgrade(conn)
            finally:
                engine.dispose()
        safety = _safety_copy(ws, safety_folder, schema, keys)
        counts = replace_rows(url, scratch_engine_url(scratch, schema))
    finally:
        reset_scratch(scratch, schema)
    db = open_database(url)
    try:
        with db.engine.begin() as conn:
            detail = {"safety_copy": safety.name, "families": families}
            record(conn, ws.username, AuditAction.RESTORE, backup.name, detail)
    finally:
        db.dispose()
    return ServerRestore(safety, families, sum(counts.values()))


def _safety_copy(ws: Workspace, folder: Path, schema: str, keys: Path | None) -> Path:
    """The province as it is, dumped and encrypted before its rows are replaced."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    dest = folder / f"{database_name(ws)}.before-restore-{stamp}{SUFFIX}"
    partial = partial_name(dest)
    try:
        dump_encrypted(ws.db.url, partial, [province_recipient(keys)], schema=schema)
        publish(partial, dest)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return dest
