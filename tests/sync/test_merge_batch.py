"""Several bundles in one transaction, a savepoint each: a refused bundle leaves nothing, the others
stay exact, the progress bar counts only what is committed, and a dry run judges each bundle alone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from app.services import sync
from app.services.shared.workspace import open_workspace
from app.sync.bundle import check_bundle, trusted_signers
from app.sync.merge_batch import MergeBatch

if TYPE_CHECKING:
    from conftest import TrustWorld  # the sync suites' world (tests/sync/conftest.py)


def _files(w: TrustWorld, folder: Path) -> list[Path]:
    """County A's real bundle, a forgery by A's key of a county-B family, county B's real bundle, and
    A's bundle again under another name (a replay inside the same run)."""
    folder.mkdir(parents=True, exist_ok=True)
    a = folder / "1-a.fpab"
    a.write_bytes(w.bundles["a"])
    renamed = w.rows_of("b", "special_family")
    renamed["rows"] = renamed["rows"][:1]
    device_a = w.meta(w.dbs["county_a"], "device_id")
    renamed["rows"][0][renamed["columns"].index("head_name")] = "伪造的户主"
    renamed["rows"][0][2] = {"head_name": w.stamp(device_a)}
    forged = w.forge(
        "county_a",
        {"special_family": renamed},
        folder / "2-forged.fpab",
        device=device_a,
        division="430121000000",
        seq=2,
    )
    b = folder / "3-b.fpab"
    b.write_bytes(w.bundles["b"])
    again = folder / "4-a-again.fpab"
    again.write_bytes(w.bundles["a"])
    return [a, forged, b, again]


def test_a_refused_bundle_in_the_middle_of_a_batch_leaves_nothing(
    trust_world: TrustWorld, tmp_path: Path
) -> None:
    w = trust_world
    db = w.copy("province", tmp_path / "province.db")
    files = _files(w, tmp_path / "usb")
    seen: list[tuple[int, int]] = []
    ws = open_workspace(db)
    try:
        results = sync.merge_bundles(
            ws, w.key_dirs["province"], None, files, progress=lambda d, t: seen.append((d, t))
        )
    finally:
        ws.close()
    assert [r.status for r in results] == ["accepted", "refused", "accepted", "refused"]
    assert "无权写入本区划以外" in (results[1].reason or "")
    assert "重复导入" in (results[3].reason or "")
    assert results[1].stats == {} and results[3].stats == {}
    # The ledger holds exactly the two accepted bundles, each with its own figures.
    ledger = w.query(db, "SELECT file_name, summary FROM bundle_ledger ORDER BY id")
    assert [name for name, _ in ledger] == ["1-a.fpab", "3-b.fpab"]
    for (_, stored), result in zip(ledger, (results[0], results[2]), strict=True):
        assert json.loads(stored)["inserted"] == result.stats["inserted"] > 0
    merges = w.query(db, "SELECT target FROM audit_entry WHERE action = 'merge' ORDER BY seq")
    assert merges == [("1-a.fpab",), ("3-b.fpab",)]
    assert w.query(db, "SELECT count(*) FROM special_family WHERE head_name = '伪造的户主'") == [(0,)]
    assert w.query(db, "SELECT count(*) FROM merge_conflict") == [(0,)]
    # Progress never goes back and ends with every file handled.
    assert [d for d, _ in seen] == sorted({d for d, _ in seen}) and seen[-1] == (4, 4)


def test_the_batch_commits_every_few_bundles_and_counts_only_what_is_committed(
    trust_world: TrustWorld, tmp_path: Path
) -> None:
    w = trust_world
    db = w.copy("province", tmp_path / "province.db")
    files = _files(w, tmp_path / "usb")
    ws = open_workspace(db)
    try:
        me = w.ids["province"]
        trusted = trusted_signers(ws.db)
        with MergeBatch(ws.db, commit_bundles=2) as batch:
            first = batch.apply(check_bundle(files[0], me, trusted))
            assert first.status == "accepted" and batch.committed == 0
            # Not on disk yet: another connection sees nothing of it.
            assert w.query(db, "SELECT count(*) FROM bundle_ledger") == [(0,)]
            batch.apply(check_bundle(files[1], me, trusted))  # refused: counts as handled, not as merged
            assert batch.committed == 0
            batch.apply(check_bundle(files[2], me, trusted))
            assert batch.committed == 3  # two merged bundles: committed with the refusal between them
            assert w.query(db, "SELECT count(*) FROM bundle_ledger") == [(2,)]
            batch.apply(check_bundle(files[3], me, trusted))
        assert batch.committed == 4
    finally:
        ws.close()


def test_a_dry_run_judges_each_bundle_alone_and_writes_nothing(
    trust_world: TrustWorld, tmp_path: Path
) -> None:
    w = trust_world
    db = w.copy("province", tmp_path / "province.db")
    files = _files(w, tmp_path / "usb")
    before = w.fingerprint(db)
    ws = open_workspace(db)
    try:
        results = sync.merge_bundles(ws, w.key_dirs["province"], None, files, dry_run=True)
    finally:
        ws.close()
    # The second copy of A's bundle is not a replay: the first one's dry run was rolled back.
    assert [r.status for r in results] == ["dry-run", "refused", "dry-run", "dry-run"]
    assert w.fingerprint(db) == before
