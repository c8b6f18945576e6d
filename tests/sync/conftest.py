"""The trust world for the adversarial suites: a province, two counties and a township, real keys.

Everything is made with the program's own code: keys with ``create_identity``, databases with the
demo generator, setup packages with ``sync.export_setup``, bundles with ``sync.write_bundle``. A
forged file is sealed with a real, trusted key through the program's own ``seal`` and payload
writer, so it is valid in format and only the trust rules can refuse it. Built once per module;
each test works on copies of the databases (``world.copy``).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app import __version__
from app.database.base import content_columns, synced_tables, table_of
from app.database.codec import to_json
from app.database.migrate import current_revision
from app.domain.enums import NodeRole
from app.services import sync
from app.services.demo import generate_demo
from app.services.shared.workspace import Workspace, open_workspace
from app.services.system.setup import init_database
from app.sync import payload
from app.sync.bundle import BundleSummary
from app.sync.envelope import open_envelope, seal
from app.sync.identity import Identity, create_identity, unlock

PROVINCE, COUNTY_A, COUNTY_B = "430000000000", "430121000000", "430112000000"


def fingerprint(db: Path) -> str:
    """SHA-256 of the database file after a checkpoint (see test_bad_bundles.py on why that is exact)."""
    con = sqlite3.connect(db)
    try:
        busy, _, _ = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        assert busy == 0
    finally:
        con.close()
    return hashlib.sha256(db.read_bytes()).hexdigest()


def stamp(device: str, ahead_ms: int = 0) -> str:
    """A version stamp of now (plus ``ahead_ms``) for ``device``, as its clock would give it."""
    return f"{int(time.time() * 1000) + ahead_ms:013d}-00000-{device}"


def meta(db: Path, key: str) -> str:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        row = con.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    finally:
        con.close()
    return str(row[0]) if row else ""


def query(db: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


@dataclass
class TrustWorld:
    root: Path
    key_dirs: dict[str, Path]
    ids: dict[str, Identity]
    dbs: dict[str, Path]  # pristine: province (nothing merged), county_a, county_b, station (of A)
    township: str  # the station's township, in county A
    bundles: dict[str, bytes] = field(default_factory=dict)  # real first bundles: a, b
    docs: dict[str, dict[str, Any]] = field(default_factory=dict)  # their payload documents

    # The module's helpers, for the test files (a conftest is not imported by name).
    fingerprint = staticmethod(fingerprint)
    meta = staticmethod(meta)
    stamp = staticmethod(stamp)
    query = staticmethod(query)

    def copy(self, name: str, dest: Path) -> Path:
        with sqlite3.connect(self.dbs[name]) as source, sqlite3.connect(dest) as target:
            source.backup(target)
        source.close()
        target.close()
        return dest

    def workspace(self, db: Path) -> Workspace:
        return open_workspace(db)

    def merge(self, db: Path, key: str, *files: Path) -> list[BundleSummary]:
        ws = open_workspace(db)
        try:
            return sync.merge_bundles(ws, self.key_dirs[key], None, list(files))
        finally:
            ws.close()

    def refused(self, db: Path, key: str, file: Path) -> str:
        """Merge one file that must be refused: the reason, after checking the file is unchanged
        and the refusal is in the merge log."""
        before = fingerprint(db)
        [summary] = self.merge(db, key, file)
        assert summary.status == "refused", summary
        assert fingerprint(db) == before
        log = db.with_name(db.stem + ".merge-log.jsonl").read_text(encoding="utf-8").splitlines()
        assert json.loads(log[-1])["reason"] == summary.reason
        assert summary.reason is not None
        return summary.reason

    def forge(
        self,
        signer: str,
        tables: dict[str, dict[str, Any]],
        out: Path,
        *,
        device: str,
        division: str,
        seq: int = 1,
        recipients: tuple[str, ...] = ("province", "county_a", "county_b"),
        raw: bytes | None = None,
    ) -> Path:
        """A bundle as ``export_bundle`` writes it, with these tables (or the ``raw`` payload bytes),
        sealed by ``signer``'s real key."""
        ident = self.ids[signer]
        ws = open_workspace(self.dbs["province"])
        try:
            with ws.db.reader.connect() as conn:
                revision = current_revision(conn)
                conn.rollback()
        finally:
            ws.close()
        head = {
            "format": "fpa-bundle/1",
            "schema_revision": revision,
            "app_version": __version__,
            "sender": {
                "device": device,
                "division": division,
                "role": "county",
                "key_id": ident.public.key_id,
            },
            "seq": seq,
            "prev_hash": None,
            "since_seq": 0,
            "last_change_seq": 1,
            "full": False,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "counts": {name: len(t["rows"]) for name, t in tables.items()},
        }
        doc = {"format": payload.PAYLOAD_FORMAT, "tables": tables}
        targets = [self.ids[r].public.age_recipient for r in recipients]
        out.parent.mkdir(parents=True, exist_ok=True)
        body = payload.dumps(doc) if raw is None else raw
        out.write_bytes(seal("bundle", head, body, ident, targets))
        return out

    def row(self, db: Path, table: str, row_id: str) -> dict[str, Any]:
        """One stored row as a bundle table block (all columns, JSON form), to alter and forge."""
        model = synced_tables()[table]
        columns = [*payload.HEAD_COLUMNS, *content_columns(model)]
        t = table_of(model)
        ws = open_workspace(db)
        try:
            with ws.db.reader.connect() as conn:
                found = conn.execute(select(*(t.c[c] for c in columns)).where(t.c.id == row_id)).one()
                conn.rollback()
        finally:
            ws.close()
        return {"columns": columns, "rows": [[to_json(v) for v in found]]}

    def rows_of(self, sender: str, table: str) -> dict[str, Any]:
        """A deep copy of one table of a real bundle (columns and rows), to alter."""
        block = self.docs[sender]["tables"][table]
        return json.loads(json.dumps(block))


@pytest.fixture(scope="module")
def trust_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TrustWorld]:
    root = tmp_path_factory.mktemp("trust")
    names = {
        "province": "湖南省计生协",
        "county_a": "长沙县计生协",
        "county_b": "开福区计生协",
        "station": "长沙县某镇",
    }
    key_dirs = {n: root / f"{n}-key" for n in names}
    for n, label in names.items():
        create_identity(key_dirs[n], label, None)
    ids = {n: unlock(d, None) for n, d in key_dirs.items()}
    dbs = {
        "province": root / "province.db",
        "county_a": root / "a.db",
        "county_b": root / "b.db",
    }
    init_database(dbs["province"], PROVINCE).dispose()
    generate_demo(dbs["county_a"], COUNTY_A, families=6, seed=3)
    generate_demo(dbs["county_b"], COUNTY_B, families=6, seed=4)
    province_pkg = sync.export_setup(
        key_dirs["province"],
        None,
        root / "province.fpas",
        division="430000",
        signers=[(key_dirs["county_a"], "430121"), (key_dirs["county_b"], "430112")],
    )
    for name in ("province", "county_a", "county_b"):
        ws = open_workspace(dbs[name])
        try:
            sync.import_setup(ws, province_pkg, trust=ids["province"].public.key_id)
        finally:
            ws.close()
    # A station of county A: a fresh installation of one of its townships (where its first
    # family lives), configured by the county's own package.
    (village,) = query(dbs["county_a"], "SELECT division_code FROM special_family ORDER BY id LIMIT 1")[0]
    township = str(village)[:9] + "000"
    dbs["station"] = root / "station.db"
    # A station installation carries its county's code (the county's divisions); its key the township's.
    init_database(dbs["station"], COUNTY_A, NodeRole.STATION).dispose()
    county_pkg = sync.export_setup(
        key_dirs["county_a"],
        None,
        root / "county-a.fpas",
        division="430121",
        recipients=[(key_dirs["province"], "430000")],
        signers=[(key_dirs["station"], township)],
    )
    for name, trust in (("station", ids["county_a"].public.key_id), ("county_a", None)):
        ws = open_workspace(dbs[name])
        try:
            sync.import_setup(ws, county_pkg, trust=trust)
        finally:
            ws.close()
    world = TrustWorld(root, key_dirs, ids, dbs, township)
    for name, key in (("a", "county_a"), ("b", "county_b")):
        scratch = world.copy(key, root / f"{name}-scratch.db")
        ws = open_workspace(scratch)
        try:
            written = sync.write_bundle(ws, key_dirs[key], None, root / f"usb-{name}")
        finally:
            ws.close()
        world.bundles[name] = written.path.read_bytes()
        opened = open_envelope(
            world.bundles[name],
            source="x",
            trusted_signers={ids[key].public.key_id: ids[key].public.signing_public_key},
            identity=ids["province"],
            expected_kind="bundle",
        )
        world.docs[name] = json.loads(opened.payload)
    yield world
    shutil.rmtree(root, ignore_errors=True)
