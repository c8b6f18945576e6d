"""A trusted key may write only inside its own division: every forged bundle is refused whole.

Each case is a bundle sealed with a real, trusted key by the program's own code (tests/sync/
conftest.py), so only the authority rules stand between it and the database. Each refusal is in
Chinese, names the sender, the reason, the count and one example row, is written to the merge log,
and leaves the database file byte for byte as it was. The honest flows still pass.
"""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.database.divisions import division_id
from app.services import sync
from app.services.shared.workspace import open_workspace

if TYPE_CHECKING:
    from conftest import TrustWorld  # the sync suites' world (tests/sync/conftest.py)


def _with_b_merged(w: TrustWorld, tmp_path: Path) -> Path:
    """A province copy that has merged county B's real first bundle."""
    db = w.copy("province", tmp_path / "province.db")
    bundle = tmp_path / "b.fpab"
    bundle.write_bytes(w.bundles["b"])
    [done] = w.merge(db, "province", bundle)
    assert done.status == "accepted"
    return db


def _edit(block: dict[str, Any], device: str, w: TrustWorld, **values: Any) -> dict[str, Any]:
    """Change fields of the block's first row as an edit on ``device`` would: new values, new stamps."""
    columns, row = block["columns"], block["rows"][0]
    stamps = dict(row[2] or {})
    for name, value in values.items():
        row[columns.index(name)] = value
        stamps[name] = w.stamp(device)
    row[2] = stamps
    block["rows"] = [row]
    return block


def _device(w: TrustWorld, name: str) -> str:
    return w.meta(w.dbs[name], "device_id")


def test_honest_flows_county_to_province_and_station_to_county_to_province(
    trust_world: TrustWorld, tmp_path: Path
) -> None:
    w = trust_world
    province = w.copy("province", tmp_path / "province.db")
    county = w.copy("county_a", tmp_path / "a.db")
    station = w.copy("station", tmp_path / "station.db")
    path = tmp_path / "b.fpab"
    path.write_bytes(w.bundles["b"])
    [done] = w.merge(province, "province", path)
    assert done.status == "accepted" and done.stats["inserted"] > 10
    # The township clerk registers a family in a village of the township and visits it.
    from app.database.models import SpecialFamily, Visit
    from app.domain.enums import FamilyCategory, VisitOccasion, VisitWay

    (village,) = w.query(
        county, "SELECT code FROM division WHERE code LIKE ? AND level = 'village'", w.township[:9] + "%"
    )[0]
    ws = open_workspace(station)
    try:
        with ws.db.session() as s:
            family = SpecialFamily(
                division_code=village, category=FamilyCategory.BEREAVED, head_name="测试户"
            )
            s.add(family)
            s.flush()
            s.add(
                Visit(
                    family_id=family.id,
                    division_code=village,
                    visited_on=date(2026, 5, 29),
                    occasion=VisitOccasion.MAY_29,
                    way=next(iter(VisitWay)),
                    visitors="王干部",
                )
            )
        up = sync.write_bundle(ws, w.key_dirs["station"], None, tmp_path / "usb-station")
    finally:
        ws.close()
    [done] = w.merge(county, "county_a", up.path)
    assert done.status == "accepted" and done.stats["inserted"] == 2
    # The county sends everything on, signed with its own key; the station's rows pass at the
    # province because they lie inside the county.
    ws = open_workspace(county)
    try:
        onward = sync.write_bundle(ws, w.key_dirs["county_a"], None, tmp_path / "usb-county", full=True)
    finally:
        ws.close()
    [done] = w.merge(province, "province", onward.path)
    assert done.status == "accepted", done.reason
    assert w.query(province, "SELECT head_name FROM special_family WHERE id = ?", family.id) == [("测试户",)]


def test_county_key_cannot_rename_another_countys_family(trust_world: TrustWorld, tmp_path: Path) -> None:
    w = trust_world
    db = _with_b_merged(w, tmp_path)
    a = _device(w, "county_a")
    block = _edit(w.rows_of("b", "special_family"), a, w, head_name="被改的户主")
    forged = w.forge(
        "county_a",
        {"special_family": block},
        tmp_path / "f1.fpab",
        device=a,
        division=w.meta(w.dbs["county_a"], "division_code"),
    )
    reason = w.refused(db, "province", forged)
    assert "长沙县计生协" in reason and "无权写入本区划以外的记录" in reason and "共 1 条" in reason
    assert block["rows"][0][0] in reason and "special_family" in reason
    # Moved into one's own county at the same time: the stored row is still county B's.
    (village,) = w.query(w.dbs["county_a"], "SELECT division_code FROM special_family LIMIT 1")[0]
    block = _edit(w.rows_of("b", "special_family"), a, w, head_name="被改的户主", division_code=village)
    forged = w.forge(
        "county_a", {"special_family": block}, tmp_path / "f2.fpab", device=a, division="430121000000"
    )
    assert "无权写入本区划以外的已有记录" in w.refused(db, "province", forged)


def test_county_key_cannot_insert_a_family_in_another_countys_village(
    trust_world: TrustWorld, tmp_path: Path
) -> None:
    w = trust_world
    db = _with_b_merged(w, tmp_path)
    a = _device(w, "county_a")
    block = w.rows_of("b", "special_family")
    row = block["rows"][0]
    row[0], row[1], row[2], row[3] = str(uuid.uuid4()), w.stamp(a), None, a
    block["rows"] = [row]
    forged = w.forge(
        "county_a", {"special_family": block}, tmp_path / "f.fpab", device=a, division="430121000000"
    )
    assert "无权写入本区划以外的记录" in w.refused(db, "province", forged)


def test_county_key_cannot_rename_a_district_or_tombstone_a_township(
    trust_world: TrustWorld, tmp_path: Path
) -> None:
    w = trust_world
    db = _with_b_merged(w, tmp_path)
    a = _device(w, "county_a")
    district = _edit(w.row(db, "division", division_id("430112000000")), a, w, name="冒名区")
    forged = w.forge(
        "county_a", {"division": district}, tmp_path / "d.fpab", device=a, division="430121000000"
    )
    assert "无权修改本县以外（或本县自身）的区划" in w.refused(db, "province", forged)
    (township,) = w.query(
        db, "SELECT code FROM division WHERE code LIKE '430112%' AND level = 'township' LIMIT 1"
    )[0]
    gone = _edit(w.row(db, "division", division_id(township)), a, w, deleted=True)
    forged = w.forge("county_a", {"division": gone}, tmp_path / "t.fpab", device=a, division="430121000000")
    assert "区划" in w.refused(db, "province", forged)
    # Its own county, too: a county changes the divisions below it, not itself.
    own = _edit(w.row(db, "division", division_id("430121000000")), a, w, name="长沙市")
    forged = w.forge("county_a", {"division": own}, tmp_path / "o.fpab", device=a, division="430121000000")
    assert "无权修改" in w.refused(db, "province", forged)


def test_a_county_renames_a_village_of_its_own(trust_world: TrustWorld, tmp_path: Path) -> None:
    """The local division changes a county makes inside its own subtree do come up."""
    w = trust_world
    db = w.copy("province", tmp_path / "province.db")
    a = _device(w, "county_a")
    (village,) = w.query(
        db, "SELECT code FROM division WHERE code LIKE '430121%' AND level = 'village' LIMIT 1"
    )[0]
    renamed = _edit(w.row(db, "division", division_id(village)), a, w, name="新村")
    local = w.forge("county_a", {"division": renamed}, tmp_path / "v.fpab", device=a, division="430121000000")
    [done] = w.merge(db, "province", local)
    assert done.status == "accepted" and done.stats["updated"] == 1
    assert w.query(db, "SELECT name FROM division WHERE code = ?", village) == [("新村",)]


def test_reference_rows_never_come_up(trust_world: TrustWorld, tmp_path: Path) -> None:
    w = trust_world
    db = w.copy("province", tmp_path / "province.db")
    a = _device(w, "county_a")
    (entry_id,) = w.query(db, "SELECT id FROM project_catalogue LIMIT 1")[0]
    renamed = _edit(w.row(db, "project_catalogue", entry_id), a, w, name="改名的项目")
    forged = w.forge(
        "county_a", {"project_catalogue": renamed}, tmp_path / "c.fpab", device=a, division="430121000000"
    )
    reason = w.refused(db, "province", forged)
    assert "只能由上级在配置包中下发" in reason and "project_catalogue" in reason


def test_a_township_key_cannot_write_outside_its_township(trust_world: TrustWorld, tmp_path: Path) -> None:
    """At the county: the station's key writing a family of another township of the same county."""
    w = trust_world
    county = w.copy("county_a", tmp_path / "a.db")
    s = _device(w, "station")
    (other,) = w.query(
        county, "SELECT id FROM special_family WHERE division_code NOT LIKE ? LIMIT 1", w.township[:9] + "%"
    )[0]
    block = _edit(w.row(county, "special_family", other), s, w, phone="13900001111")
    forged = w.forge(
        "station",
        {"special_family": block},
        tmp_path / "s.fpab",
        device=s,
        division=w.township,
        recipients=("county_a",),
    )
    reason = w.refused(county, "county_a", forged)
    assert "长沙县某镇" in reason and "本区划以外" in reason


def test_another_devices_id_and_number_are_refused(trust_world: TrustWorld, tmp_path: Path) -> None:
    w = trust_world
    db = _with_b_merged(w, tmp_path)
    b = _device(w, "county_b")
    a = _device(w, "county_a")
    (family,) = w.query(w.dbs["county_a"], "SELECT id FROM special_family LIMIT 1")[0]
    block = _edit(w.row(w.dbs["county_a"], "special_family", family), a, w, phone="13900002222")
    # Claiming county B's division with county A's key: the key's division says otherwise.
    forged = w.forge(
        "county_a", {"special_family": block}, tmp_path / "x.fpab", device=b, division="430112000000", seq=2
    )
    assert "不在该密钥的区划" in w.refused(db, "province", forged)
    # Claiming only B's device id, with rows county A may write: the id belongs to B's key.
    forged = w.forge(
        "county_a", {"special_family": block}, tmp_path / "y.fpab", device=b, division="430121000000", seq=2
    )
    assert "已属于另一把密钥" in w.refused(db, "province", forged)
    # B's real next bundle is still taken.
    scratch = tmp_path / "b2.db"
    scratch.write_bytes((w.root / "b-scratch.db").read_bytes())
    ws = open_workspace(scratch)
    try:
        second = sync.write_bundle(ws, w.key_dirs["county_b"], None, tmp_path / "usb-b2", full=True)
    finally:
        ws.close()
    [done] = w.merge(db, "province", second.path)
    assert done.status == "accepted" and second.seq == 2


def test_orphans_and_unknown_divisions_are_refused(trust_world: TrustWorld, tmp_path: Path) -> None:
    w = trust_world
    db = w.copy("province", tmp_path / "province.db")
    a = _device(w, "county_a")
    visits = w.rows_of("a", "visit")
    visits["rows"] = visits["rows"][:1]
    visits["rows"][0][visits["columns"].index("family_id")] = str(uuid.uuid4())
    forged = w.forge("county_a", {"visit": visits}, tmp_path / "v.fpab", device=a, division="430121000000")
    assert "不存在的记录" in w.refused(db, "province", forged)
    members = w.rows_of("a", "family_member")
    members["rows"] = members["rows"][:2]
    forged = w.forge(
        "county_a", {"family_member": members}, tmp_path / "m.fpab", device=a, division="430121000000"
    )
    assert "不存在的上级记录" in w.refused(db, "province", forged)
    families = w.rows_of("a", "special_family")
    families["rows"] = families["rows"][:1]
    families["rows"][0][families["columns"].index("division_code")] = "430121999999"
    forged = w.forge(
        "county_a", {"special_family": families}, tmp_path / "u.fpab", device=a, division="430121000000"
    )
    assert "不在区划表中" in w.refused(db, "province", forged)


def test_a_stamp_far_in_the_future_is_refused_and_the_clock_stays(
    trust_world: TrustWorld, tmp_path: Path
) -> None:
    w = trust_world
    db = w.copy("province", tmp_path / "province.db")
    a = _device(w, "county_a")
    families = w.rows_of("a", "special_family")
    families["rows"] = families["rows"][:1]
    families["rows"][0][1] = f"9999999999999-99999-{a}"
    forged = w.forge(
        "county_a", {"special_family": families}, tmp_path / "clock.fpab", device=a, division="430121000000"
    )
    reason = w.refused(db, "province", forged)
    assert "发送方电脑的时钟不对" in reason and "天" in reason
    # Two days ahead passes a 72-hour setting and fails the default 24.
    families["rows"][0][1] = w.stamp(a, ahead_ms=48 * 3_600_000)
    forged = w.forge(
        "county_a", {"special_family": families}, tmp_path / "skew.fpab", device=a, division="430121000000"
    )
    assert "快了约 48 小时" in w.refused(db, "province", forged)
    ws = open_workspace(db)
    try:
        sync.set_max_clock_ahead(ws, 72)
    finally:
        ws.close()
    [done] = w.merge(db, "province", forged)
    assert done.status == "accepted"


def test_the_new_records_of_the_figures_travel_up_inside_their_family(
    trust_world: TrustWorld, tmp_path: Path
) -> None:
    """Insurance claims lie where their family lies, volunteer services and period locks by their
    division: a county's bundle with them is accepted (a claim crashed the merge's check before)."""
    from app.database.models import (
        InsuranceClaim,
        InsurancePolicy,
        PeriodLock,
        SpecialFamily,
        VolunteerService,
    )
    from app.domain.enums import FamilyCategory

    w = trust_world
    province = w.copy("province", tmp_path / "province.db")
    county = w.copy("county_a", tmp_path / "a.db")
    (village,) = w.query(
        county, "SELECT code FROM division WHERE code LIKE ? AND level = 'village'", w.township[:9] + "%"
    )[0]
    ws = open_workspace(county)
    try:
        with ws.db.session() as s:
            family = SpecialFamily(division_code=village, category=FamilyCategory.BEREAVED, head_name="理赔户")
            s.add(family)
            s.flush()
            policy = InsurancePolicy(family_id=family.id, product="计生特殊家庭综合保险", year=2026)
            s.add(policy)
            s.flush()
            s.add(InsuranceClaim(policy_id=policy.id, family_id=family.id, claimed_on=date(2026, 3, 2), amount_fen=50_000))
            s.add(
                VolunteerService(
                    family_id=family.id,
                    division_code=village,
                    volunteer_name="志愿者",
                    served_on=date(2026, 3, 3),
                    service="陪同就医",
                )
            )
            s.add(
                PeriodLock(
                    division_code=ws.division_code,
                    period_code="2026Q1",
                    starts_on=date(2026, 1, 1),
                    ends_on=date(2026, 4, 1),
                    locked_by="admin",
                    locked_at=date(2026, 4, 2),
                )
            )
        up = sync.write_bundle(ws, w.key_dirs["county_a"], None, tmp_path / "usb")
    finally:
        ws.close()
    [done] = w.merge(province, "province", up.path)
    assert done.status == "accepted", done.reason
    assert w.query(province, "SELECT amount_fen FROM insurance_claim WHERE family_id = ?", family.id) == [(50_000,)]
    assert w.query(province, "SELECT service FROM volunteer_service WHERE family_id = ?", family.id) == [("陪同就医",)]
    assert w.query(province, "SELECT period_code FROM period_lock") == [("2026Q1",)]


def test_every_synced_table_has_a_place_in_the_signers_authority() -> None:
    """A new synced table needs a division of its own, a parent that has one, or to be issued from
    above; otherwise the merge's check cannot say where its rows lie."""
    import app.database.models  # noqa: F401  (registers every model)
    from app.database.base import content_columns, synced_tables
    from app.sync.authority import ISSUED_TABLES, PARENT_OF

    homeless = [
        name
        for name, model in synced_tables().items()
        if name not in ISSUED_TABLES
        and name not in PARENT_OF
        and name != "division"
        and "division_code" not in content_columns(model)
    ]
    assert homeless == []
