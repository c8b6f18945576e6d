"""A merge keeps period locks as a local edit does: a bundle that would change a record dated in a
locked period is refused whole, with nothing written, until the period is unlocked; a row sent
again unchanged passes, and a county's own unlock travels up with its corrections.

County A's records and lock are made through the real services in a copy of its database and sent
up in real bundles; the forgeries are sealed with A's real key (tests/sync/conftest.py).
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from app.database.models import PeriodLock, Visit
from app.services import sync
from app.services.evaluation import lock_period, unlock_period
from app.services.shared.scope import edit_session
from app.services.shared.workspace import Workspace, open_workspace

if TYPE_CHECKING:
    from conftest import TrustWorld  # the sync suites' world (tests/sync/conftest.py)

COUNTY_A = "430121000000"


def _open(db: Path) -> Workspace:
    ws = open_workspace(db)
    ws.username = "county-admin"
    return ws


def _first_visit(w: TrustWorld, db: Path) -> tuple[str, str]:
    [(visit_id, day)] = w.query(db, "SELECT id, visited_on FROM visit ORDER BY visited_on, id LIMIT 1")
    return str(visit_id), str(day)


def _edited_visit(w: TrustWorld, db: Path, visit_id: str, device: str, visitors: str) -> dict[str, Any]:
    block = w.row(db, "visit", visit_id)
    row = block["rows"][0]
    row[block["columns"].index("visitors")] = visitors
    row[2] = {**(row[2] or {}), "visitors": w.stamp(device, ahead_ms=5_000)}
    return block


def test_a_bundle_that_changes_a_locked_period_is_refused_until_it_is_unlocked(
    trust_world: TrustWorld, tmp_path: Path
) -> None:
    w = trust_world
    county = w.copy("county_a", tmp_path / "a.db")
    province = w.copy("province", tmp_path / "province.db")
    device = w.meta(county, "device_id")
    visit_id, day = _first_visit(w, county)
    year = day[:4]
    ws = _open(county)
    try:
        lock_period(ws, year, COUNTY_A)
        first = sync.write_bundle(ws, w.key_dirs["county_a"], None, tmp_path / "usb")
    finally:
        ws.close()
    # The lock travels up with the records it closes: they were made before it, so they pass.
    [merged] = w.merge(province, "province", first.path)
    assert merged.status == "accepted", merged.reason
    assert w.query(province, "SELECT count(*) FROM period_lock WHERE unlocked_at IS NULL") == [(1,)]

    # An edit of a visit in the locked year, signed with A's real key: refused, nothing written.
    edit = w.forge(
        "county_a",
        {"visit": _edited_visit(w, province, visit_id, device, "改过的走访人")},
        tmp_path / "forged" / "edit.fpab",
        device=device,
        division=COUNTY_A,
        seq=first.seq + 1,
    )
    reason = w.refused(province, "province", edit)
    assert f"已锁定的{year}年" in reason and "county-admin锁定" in reason and "共 1 条" in reason
    assert visit_id in reason and "解锁" in reason
    # A new visit dated in the locked year, and goods added to a locked visit: refused too.
    new_visit = w.row(province, "visit", visit_id)
    new_visit["rows"][0][0] = str(uuid.uuid4())
    new_visit["rows"][0][1], new_visit["rows"][0][2] = w.stamp(device), None
    added = w.forge(
        "county_a",
        {"visit": new_visit},
        tmp_path / "forged" / "new.fpab",
        device=device,
        division=COUNTY_A,
        seq=9,
    )
    assert "已锁定" in w.refused(province, "province", added)
    goods = {
        "columns": [
            "id",
            "created_stamp",
            "field_stamps",
            "device_id",
            "visit_id",
            "item",
            "quantity",
            "deleted",
        ],
        "rows": [[str(uuid.uuid4()), w.stamp(device), None, device, visit_id, "大米", 1, False]],
    }
    gift = w.forge(
        "county_a",
        {"visit_goods": goods},
        tmp_path / "forged" / "goods.fpab",
        device=device,
        division=COUNTY_A,
        seq=8,
    )
    assert "已锁定" in w.refused(province, "province", gift)
    # The same row sent again unchanged changes nothing: it passes.
    again = w.forge(
        "county_a",
        {"visit": w.row(province, "visit", visit_id)},
        tmp_path / "forged" / "again.fpab",
        device=device,
        division=COUNTY_A,
        seq=7,
    )
    [resent] = w.merge(province, "province", again)
    assert resent.status == "accepted" and resent.stats["updated"] == 0, resent.reason

    # Unlocked at the province (with a reason, audited): the refused file now merges.
    ws = _open(province)
    try:
        with ws.db.read() as s:
            lock_id = s.scalars(select(PeriodLock.id)).one()
        unlock_period(ws, lock_id, "更正走访人")
    finally:
        ws.close()
    [later] = w.merge(province, "province", edit)
    assert later.status == "accepted", later.reason
    assert w.query(province, "SELECT visitors FROM visit WHERE id = ?", visit_id) == [("改过的走访人",)]


def test_a_countys_unlock_travels_up_with_its_corrections(trust_world: TrustWorld, tmp_path: Path) -> None:
    w = trust_world
    county = w.copy("county_a", tmp_path / "a.db")
    province = w.copy("province", tmp_path / "province.db")
    visit_id, day = _first_visit(w, county)
    year = day[:4]
    ws = _open(county)
    try:
        lock = lock_period(ws, year, COUNTY_A)
        first = sync.write_bundle(ws, w.key_dirs["county_a"], None, tmp_path / "usb")
        # The county unlocks with a reason, corrects a visit, and locks the year again.
        unlock_period(ws, lock.id, "更正走访人")
        with edit_session(ws) as s:
            visit = s.get(Visit, visit_id)
            assert visit is not None
            visit.visitors = "更正后的走访人"
        lock_period(ws, year, COUNTY_A)
        second = sync.write_bundle(ws, w.key_dirs["county_a"], None, tmp_path / "usb")
    finally:
        ws.close()
    results = w.merge(province, "province", first.path, second.path)
    assert [r.status for r in results] == ["accepted", "accepted"], [r.reason for r in results]
    assert w.query(province, "SELECT visitors FROM visit WHERE id = ?", visit_id) == [("更正后的走访人",)]
    # At the province as at the county: the old lock unlocked, the new one in force.
    assert w.query(province, "SELECT count(*) FROM period_lock WHERE unlocked_at IS NULL") == [(1,)]
    assert w.query(province, "SELECT unlock_reason FROM period_lock WHERE id = ?", lock.id) == [
        ("更正走访人",)
    ]


def test_a_lock_elsewhere_or_in_another_period_changes_nothing(
    trust_world: TrustWorld, tmp_path: Path
) -> None:
    w = trust_world
    county = w.copy("county_a", tmp_path / "a.db")
    province = w.copy("province", tmp_path / "province.db")
    _, day = _first_visit(w, county)
    ws = _open(province)
    try:
        lock_period(ws, str(int(day[:4]) - 5), COUNTY_A)  # a year with no records of A
        lock_period(ws, day[:4], "430112000000")  # county B's year
    finally:
        ws.close()
    ws = _open(county)
    try:
        bundle = sync.write_bundle(ws, w.key_dirs["county_a"], None, tmp_path / "usb")
    finally:
        ws.close()
    [merged] = w.merge(province, "province", bundle.path)
    assert merged.status == "accepted", merged.reason


def _unlocked(w: TrustWorld, db: Path, lock_id: str, device: str) -> dict[str, Any]:
    """The stored lock row as a county would send it after unlocking it (newer stamps)."""
    block = w.row(db, "period_lock", lock_id)
    row, columns = block["rows"][0], block["columns"]
    row[columns.index("unlocked_by")] = "county-admin"
    row[columns.index("unlocked_at")] = "2026-06-01T09:00:00"
    row[columns.index("unlock_reason")] = "县里自己解锁"
    new = w.stamp(device, ahead_ms=5_000)
    row[2] = {**(row[2] or {}), "unlocked_by": new, "unlocked_at": new, "unlock_reason": new}
    return block


def test_a_county_key_cannot_unlock_what_the_province_placed_on_it(
    trust_world: TrustWorld, tmp_path: Path
) -> None:
    """The lock lies in county A's subtree, so the subtree rule alone would let A's key send its
    unlock; but the province placed it, and only the province (or above) may lift it."""
    w = trust_world
    county = w.copy("county_a", tmp_path / "a.db")
    province = w.copy("province", tmp_path / "province.db")
    device = w.meta(county, "device_id")
    ws = _open(province)
    try:
        lock = lock_period(ws, "2026H1", COUNTY_A)
    finally:
        ws.close()
    forged = w.forge(
        "county_a",
        {"period_lock": _unlocked(w, province, lock.id, device)},
        tmp_path / "forged" / "unlock.fpab",
        device=device,
        division=COUNTY_A,
        seq=1,
    )
    reason = w.refused(province, "province", forged)
    assert "不是它设置的期间锁定" in reason and "2026年上半年" in reason and lock.id in reason
    assert w.query(province, "SELECT unlocked_at FROM period_lock WHERE id = ?", lock.id) == [(None,)]
    # Deleting it instead is refused the same way.
    block = w.row(province, "period_lock", lock.id)
    row, columns = block["rows"][0], block["columns"]
    row[columns.index("deleted")] = True
    row[2] = {**(row[2] or {}), "deleted": w.stamp(device, ahead_ms=6_000)}
    tombstone = w.forge(
        "county_a",
        {"period_lock": block},
        tmp_path / "forged" / "delete.fpab",
        device=device,
        division=COUNTY_A,
        seq=2,
    )
    assert "不是它设置的期间锁定" in w.refused(province, "province", tombstone)


def test_a_county_may_still_unlock_its_own_lock_by_a_bundle(trust_world: TrustWorld, tmp_path: Path) -> None:
    w = trust_world
    county = w.copy("county_a", tmp_path / "a.db")
    province = w.copy("province", tmp_path / "province.db")
    device = w.meta(county, "device_id")
    ws = _open(county)
    try:
        lock = lock_period(ws, "2026H1", COUNTY_A)
        first = sync.write_bundle(ws, w.key_dirs["county_a"], None, tmp_path / "usb")
    finally:
        ws.close()
    [merged] = w.merge(province, "province", first.path)
    assert merged.status == "accepted", merged.reason
    unlock = w.forge(
        "county_a",
        {"period_lock": _unlocked(w, province, lock.id, device)},
        tmp_path / "forged" / "unlock.fpab",
        device=device,
        division=COUNTY_A,
        seq=first.seq + 1,
    )
    [later] = w.merge(province, "province", unlock)
    assert later.status == "accepted", later.reason
    assert w.query(province, "SELECT unlock_reason FROM period_lock WHERE id = ?", lock.id) == [
        ("县里自己解锁",)
    ]
