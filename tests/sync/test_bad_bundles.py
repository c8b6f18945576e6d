"""Every bad file a county or province may be handed is refused, in Chinese, and changes nothing.

Each case checks two things a user would notice: the message names the file and says why it was
refused, and the database file is byte for byte what it was before.

"Unchanged" is checked on the bytes, which is stricter than comparing the rows: before and after,
the SQLite write-ahead log is checkpointed into the main file (``wal_checkpoint(TRUNCATE)``, which
also empties the -wal file), and then the main file and any -wal file are hashed. A committed write
would have to appear in one of them; a rolled-back one leaves no trace in either (SQLite writes
WAL frames only at commit, and a spilled uncommitted frame is never checkpointed). The -shm file
is SQLite's shared-memory index, rebuilt from the WAL by every reader, so it is not part of the
data and is left out. A logical dump of every table (ledger, change log, meta, conflicts included)
would also pass when, for example, a page were rewritten with equal rows; the hash would not.

Bad files come from three places: real files from ``fpa sync export`` damaged as a USB stick or a
forger would (truncated, bits flipped, signature removed), envelopes built by hand after the layout
in docs/FORMATS.md (a future format version, a lying size), and payloads sealed again with the
trusted sender's real key (what a buggy or newer sender, or a stolen key, would produce).
"""

from __future__ import annotations

import base64
import functools
import gzip
import hashlib
import json
import re
import shutil
import sqlite3
import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyrage
import pytest

import app.sync.bundle
from app.cli import main as fpa
from app.domain.errors import BadFileError, UserInputError
from app.domain.hlc import new_device_id
from app.services import sync
from app.services.shared.workspace import open_workspace
from app.sync import payload
from app.sync.envelope import open_envelope, seal
from app.sync.identity import Identity, create_identity, unlock

MAGIC = b"\x89FPAENV\n"
CONTEXT = b"fpa-envelope-signature/1\n"
COUNTY = "430121000000"
TOWNSHIP = "430121001000"  # the station: its families are in its village 430121001001


# ---------------------------------------------------------------------------------------------
# The world: a county (the receiver) and one of its township stations (the sender), keys for both
# and a stranger's, one real bundle, receipt and setup package. Built once per module.


@dataclass(frozen=True)
class World:
    root: Path
    county_db: Path  # pristine: each test merges into its own copy
    station_db: Path
    county_key: Path
    station_key: Path
    stranger_key: Path
    county: Identity
    station: Identity
    stranger: Identity
    bundle: bytes  # the station's bundle no. 1, as written by `fpa sync export`
    meta: dict[str, Any]  # its header meta
    doc: dict[str, Any]  # its payload document
    receipt: bytes  # the county's receipt, for the station
    setup: bytes  # the county's setup package


def _fresh_device(path: Path) -> None:
    device = new_device_id()
    with sqlite3.connect(path) as con:
        con.execute("UPDATE meta SET value=? WHERE key='device_id'", (device,))
        con.execute("UPDATE meta SET value=? WHERE key='clock_last'", (f"{0:013d}-{0:05d}-{device}",))
        con.execute("UPDATE meta SET value='station' WHERE key='node_role'")
        con.execute("UPDATE meta SET value=? WHERE key='division_code'", (TOWNSHIP,))
    con.close()


def _add_families(db_path: Path, count: int) -> None:
    from app.database.models import FamilyMember, SpecialFamily
    from app.domain.enums import FamilyCategory, MemberRelation

    ws = open_workspace(db_path)
    try:
        with ws.db.session() as s:
            for i in range(count):
                family = SpecialFamily(
                    division_code="430121001001",
                    category=FamilyCategory.BEREAVED,
                    head_name=f"测试户{i}",
                    phone="13900000000",
                )
                s.add(family)
                s.flush()
                s.add(FamilyMember(family_id=family.id, name=f"测试户{i}", relation=MemberRelation.SELF))
    finally:
        ws.close()


@pytest.fixture(scope="module")
def world(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> World:
    root = tmp_path_factory.mktemp("bad")
    keys = {name: root / f"{name}-key" for name in ("county", "station", "stranger")}
    for name, folder in keys.items():
        create_identity(folder, name, None)
    county_db = root / "county.db"
    station_db = root / "station.db"
    shutil.copy2(template_db, county_db)
    shutil.copy2(template_db, station_db)
    _fresh_device(station_db)
    package = sync.export_setup(
        keys["county"], None, root / "county.fpas", division=COUNTY, signers=[(keys["station"], TOWNSHIP)]
    )
    county_key_id = unlock(keys["county"], None).public.key_id
    for db in (county_db, station_db):
        ws = open_workspace(db)
        try:
            sync.import_setup(ws, package, trust=county_key_id)
        finally:
            ws.close()
    _add_families(station_db, 5)
    ws = open_workspace(station_db)
    try:
        exported = sync.write_bundle(ws, keys["station"], None, root / "usb")
    finally:
        ws.close()
    bundle = exported.path.read_bytes()
    county = unlock(keys["county"], None)
    station = unlock(keys["station"], None)
    opened = open_envelope(
        bundle,
        source="x",
        trusted_signers={station.public.key_id: station.public.signing_public_key},
        identity=county,
        expected_kind="bundle",
    )
    # A receipt the county writes after merging the bundle (on a scratch copy: `county_db` stays
    # pristine for the tests).
    scratch = root / "scratch.db"
    shutil.copy2(county_db, scratch)
    ws = open_workspace(scratch)
    try:
        sync.merge_bundles(ws, keys["county"], None, [exported.path])
        receipt = sync.write_sync_receipt(ws, keys["county"], None, root / "receipts").read_bytes()
    finally:
        ws.close()
    return World(
        root=root,
        county_db=county_db,
        station_db=station_db,
        county_key=keys["county"],
        station_key=keys["station"],
        stranger_key=keys["stranger"],
        county=county,
        station=station,
        stranger=unlock(keys["stranger"], None),
        bundle=bundle,
        meta=opened.meta,
        doc=json.loads(opened.payload),
        receipt=receipt,
        setup=package.read_bytes(),
    )


# ---------------------------------------------------------------------------------------------
# "Unchanged", and running a merge the two ways a user does


def fingerprint(db: Path) -> dict[str, str]:
    """SHA-256 of the database file and of its -wal file, after a checkpoint (see the module text)."""
    con = sqlite3.connect(db)
    try:
        busy, _, _ = con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        assert busy == 0, "another connection kept the database busy; the comparison would mean nothing"
    finally:
        con.close()
    out = {"db": hashlib.sha256(db.read_bytes()).hexdigest()}
    wal = db.with_name(db.name + "-wal")
    if wal.exists():
        out["wal"] = hashlib.sha256(wal.read_bytes()).hexdigest()
    return out


@pytest.fixture
def county_db(world: World, tmp_path: Path) -> Path:
    """This test's copy of the county database."""
    return Path(shutil.copy2(world.county_db, tmp_path / "county.db"))


@pytest.fixture
def station_db(world: World, tmp_path: Path) -> Path:
    return Path(shutil.copy2(world.station_db, tmp_path / "station.db"))


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


def refused_by_cli(capsys: pytest.CaptureFixture[str], db: Path, key: Path, path: Path) -> str:
    """`fpa sync merge` on one file: exit code 1, the file named, the reason, nothing written.

    Returns the reason as printed between the file name and the closing sentence."""
    before = fingerprint(db)
    capsys.readouterr()
    code = fpa(["sync", "merge", "--into", str(db), "--identity", str(key), str(path)])
    out = capsys.readouterr()
    assert code == 1, out
    prefix, suffix = f"拒绝 {path.name}：", "。数据库未做任何修改。"
    [line] = [line for line in out.out.splitlines() if line.startswith(prefix)]
    assert line.endswith(suffix), line
    assert fingerprint(db) == before
    return line.removeprefix(prefix).removesuffix(suffix)


def refused_by_service(db: Path, key: Path, path: Path) -> str:
    """The merge service on one file: a refused summary naming the file, nothing written."""
    before = fingerprint(db)
    ws = open_workspace(db)
    try:
        [summary] = sync.merge_bundles(ws, key, None, [path])
    finally:
        ws.close()
    assert (summary.status, summary.file) == ("refused", path.name)
    assert summary.reason
    assert fingerprint(db) == before
    return summary.reason


# ---------------------------------------------------------------------------------------------
# Envelopes by hand, after the layout in docs/FORMATS.md


@dataclass(frozen=True)
class Frame:
    header: dict[str, Any]
    header_start: int
    body_start: int
    body_end: int  # the signature length follows, then the signature


def frame_of(data: bytes) -> Frame:
    assert data[:8] == MAGIC
    (header_length,) = struct.unpack(">I", data[8:12])
    header_end = 12 + header_length
    (body_length,) = struct.unpack(">Q", data[header_end : header_end + 8])
    return Frame(json.loads(data[12:header_end]), 12, header_end + 8, header_end + 8 + body_length)


def envelope(header: dict[str, Any], body: bytes, signer: Identity) -> bytes:
    header_bytes = json.dumps(header, ensure_ascii=False).encode("utf-8")
    signed = MAGIC + struct.pack(">I", len(header_bytes)) + header_bytes
    signed += struct.pack(">Q", len(body)) + body + struct.pack(">I", 64)
    return signed + signer.sign(CONTEXT + hashlib.sha256(signed).digest())


def signer_field(identity: Identity) -> dict[str, str]:
    return {
        "key_id": identity.public.key_id,
        "name": identity.public.name,
        "public_key": base64.b64encode(identity.public.signing_public_key).decode("ascii"),
    }


def flip(data: bytes, at: int, mask: int = 0x01) -> bytes:
    out = bytearray(data)
    out[at] ^= mask
    return bytes(out)


def resealed(
    w: World, doc: dict[str, Any], *, seq: int = 2, signer: Identity | None = None, **meta: Any
) -> bytes:
    """A payload sealed again with the station's real key and a new number: signature and checksums
    hold, so only the checks behind them can refuse it."""
    new_meta = {**w.meta, "seq": seq, **meta}
    # ASCII escapes (valid JSON, which readers must accept) so that a lone surrogate can be written.
    text = json.dumps(doc, separators=(",", ":")).encode("ascii")
    return seal("bundle", new_meta, text, signer or w.station, [w.county.public.age_recipient])


def mutated_doc(w: World, change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    doc = json.loads(json.dumps(w.doc))
    change(doc)
    return doc


def family_block(doc: dict[str, Any]) -> dict[str, Any]:
    block: dict[str, Any] = doc["tables"]["special_family"]
    return block


def set_family_field(doc: dict[str, Any], column: str, value: Any) -> None:
    block = family_block(doc)
    block["rows"][0][block["columns"].index(column)] = value


# ---------------------------------------------------------------------------------------------
# Bundles damaged on the way


def test_the_good_bundle_is_accepted(world: World, county_db: Path, tmp_path: Path) -> None:
    """The control: the undamaged file merges, so every refusal below is the damage's doing."""
    path = write(tmp_path, "good.fpab", world.bundle)
    before = fingerprint(county_db)
    ws = open_workspace(county_db)
    try:
        [summary] = sync.merge_bundles(ws, world.county_key, None, [path])
    finally:
        ws.close()
    assert summary.status == "accepted" and summary.stats["inserted"] == 10
    assert fingerprint(county_db) != before  # and the fingerprint does see a write


@pytest.mark.parametrize("where", ["magic", "length", "header", "body", "signature", "last byte"])
def test_truncated_bundle(
    world: World, county_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    f = frame_of(world.bundle)
    cut = {
        "magic": 5,
        "length": 10,
        "header": f.header_start + 40,
        "body": (f.body_start + f.body_end) // 2,
        "signature": len(world.bundle) - 30,
        "last byte": len(world.bundle) - 1,
    }[where]
    path = write(tmp_path, "430121000000-cut-000001.fpab", world.bundle[:cut])
    if where in ("magic", "header", "signature"):
        reason = refused_by_cli(capsys, county_db, world.county_key, path)
    else:
        reason = refused_by_service(county_db, world.county_key, path)
    assert "文件不完整" in reason and "重新拷贝" in reason


@pytest.mark.parametrize("where", ["header", "body", "signature"])
def test_bit_flipped_bundle(
    world: World, county_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    f = frame_of(world.bundle)
    if where == "header":
        # Inside the "created" time: the JSON stays valid, so only the signature can tell.
        at = world.bundle.index(b'"created":"', f.header_start) + len(b'"created":"') + 3
    elif where == "body":
        at = (f.body_start + f.body_end) // 2
    else:
        at = len(world.bundle) - 10
    path = write(tmp_path, "flipped.fpab", flip(world.bundle, at))
    if where == "body":
        reason = refused_by_cli(capsys, county_db, world.county_key, path)
    else:
        reason = refused_by_service(county_db, world.county_key, path)
    assert reason == "签名无效，文件可能被篡改"


def test_damaged_header_and_magic(world: World, county_db: Path, tmp_path: Path) -> None:
    broken_json = write(tmp_path, "json.fpab", flip(world.bundle, 12, 0x40))  # "{" becomes ";"
    assert "文件头已损坏" in refused_by_service(county_db, world.county_key, broken_json)
    not_ours = write(tmp_path, "magic.fpab", flip(world.bundle, 1))
    assert "不是同步文件" in refused_by_service(county_db, world.county_key, not_ours)


def test_bundle_for_another_recipient(
    world: World, county_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Signed by the trusted station, but encrypted to someone else: not ours to read."""
    data = seal(
        "bundle",
        {**world.meta, "seq": 2},
        payload.dumps(world.doc),
        world.station,
        [world.stranger.public.age_recipient],
    )
    reason = refused_by_cli(capsys, county_db, world.county_key, write(tmp_path, "other.fpab", data))
    assert "不是发给本机的" in reason


def test_unsigned_and_zero_signature(
    world: World, county_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body_end = frame_of(world.bundle).body_end
    unsigned = world.bundle[:body_end] + struct.pack(">I", 0)  # no signature at all
    reason = refused_by_service(county_db, world.county_key, write(tmp_path, "unsigned.fpab", unsigned))
    assert reason == "签名无效，文件可能被篡改"
    zeros = world.bundle[:-64] + bytes(64)
    reason = refused_by_cli(capsys, county_db, world.county_key, write(tmp_path, "zeros.fpab", zeros))
    assert reason is not None and "签名无效" in reason


def test_signed_by_a_key_that_is_not_trusted(world: World, county_db: Path, tmp_path: Path) -> None:
    """The header names the station's key, but the stranger made the signature."""
    f = frame_of(world.bundle)
    body = world.bundle[f.body_start : f.body_end]
    forged = envelope(f.header, body, world.stranger)
    reason = refused_by_service(county_db, world.county_key, write(tmp_path, "forged.fpab", forged))
    assert reason == "签名无效，文件可能被篡改"


def test_unknown_sender(
    world: World, county_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A device the setup package never named, signing as itself: refused before decrypting."""
    meta = {**world.meta, "sender": {**world.meta["sender"], "key_id": world.stranger.public.key_id}}
    data = seal("bundle", meta, payload.dumps(world.doc), world.stranger, [world.county.public.age_recipient])
    reason = refused_by_cli(capsys, county_db, world.county_key, write(tmp_path, "stranger.fpab", data))
    assert "发送方不受信任" in reason and world.stranger.public.key_id in reason


def test_sender_claims_another_key(world: World, county_db: Path, tmp_path: Path) -> None:
    meta = {**world.meta, "sender": {**world.meta["sender"], "key_id": world.stranger.public.key_id}}
    reason = refused_by_service(
        county_db,
        world.county_key,
        write(tmp_path, "claim.fpab", resealed(world, world.doc, sender=meta["sender"])),
    )
    assert "密钥与签名密钥不一致" in reason


def test_replayed_bundle(
    world: World, county_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "again.fpab", world.bundle)
    ws = open_workspace(county_db)
    try:
        [first] = sync.merge_bundles(ws, world.county_key, None, [path])
    finally:
        ws.close()
    assert first.status == "accepted"
    reason = refused_by_cli(capsys, county_db, world.county_key, path)
    assert "合并过（重复导入）" in reason


def test_same_number_with_different_content(
    world: World, county_db: Path, station_db: Path, tmp_path: Path
) -> None:
    """The station's database was restored from a copy and numbered a new bundle 1 again."""
    accepted = write(tmp_path, "first.fpab", world.bundle)
    ws = open_workspace(county_db)
    try:
        [first] = sync.merge_bundles(ws, world.county_key, None, [accepted])
    finally:
        ws.close()
    assert first.status == "accepted"
    restored = station_db.with_name("restored.db")
    shutil.copy2(station_db, restored)
    with sqlite3.connect(restored) as con:
        con.execute("DELETE FROM meta WHERE key IN ('bundle_seq', 'last_bundle_hash', 'last_exported_seq')")
    con.close()
    _add_families(restored, 1)
    ws = open_workspace(restored)
    try:
        again = sync.write_bundle(ws, world.station_key, None, tmp_path / "second")
    finally:
        ws.close()
    assert again.seq == 1
    reason = refused_by_service(county_db, world.county_key, again.path)
    assert "第 1 号同步文件已合并过另一份内容不同的文件" in reason


def test_bundle_from_a_newer_schema(
    world: World, county_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = resealed(world, world.doc, schema_revision="9999")
    reason = refused_by_cli(capsys, county_db, world.county_key, write(tmp_path, "newer.fpab", data))
    assert "来自更新版本的程序" in reason and "9999" in reason and "升级" in reason


def test_bundle_in_a_newer_envelope_format(world: World, county_db: Path, tmp_path: Path) -> None:
    f = frame_of(world.bundle)
    newer = envelope({**f.header, "version": 2}, world.bundle[f.body_start : f.body_end], world.station)
    reason = refused_by_service(county_db, world.county_key, write(tmp_path, "v2.fpab", newer))
    assert "格式版本过新" in reason and "请升级程序" in reason


def test_decompression_bomb_with_a_lying_size(
    world: World, county_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Validly signed and encrypted, the header says 1 000 bytes, the gzip inflates to 64 MiB."""
    packed = gzip.compress(bytes(64 * 1024 * 1024), compresslevel=9)
    body = pyrage.encrypt(packed, [pyrage.x25519.Recipient.from_str(world.county.public.age_recipient)])
    header = {
        "version": 1,
        "kind": "bundle",
        "created": "2026-01-01T00:00:00+00:00",
        "signer": signer_field(world.station),
        "encrypted": True,
        "compression": "gzip",
        "packed_sha256": hashlib.sha256(packed).hexdigest(),
        "payload_sha256": "0" * 64,
        "payload_size": 1000,
        "meta": {**world.meta, "seq": 2},
    }
    path = write(tmp_path, "bomb.fpab", envelope(header, body, world.station))
    reason = refused_by_cli(capsys, county_db, world.county_key, path)
    assert "疑似压缩炸弹" in reason


def test_decompression_bomb_over_the_cap(
    world: World, county_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An honest header whose size is over the reader's cap: refused before decrypting.

    The real cap is 512 MiB; the merge's call is given a 1 KiB one so the test stays small.
    """
    monkeypatch.setattr(app.sync.bundle, "open_envelope", functools.partial(open_envelope, max_output=1024))
    assert len(payload.dumps(world.doc)) > 1024
    reason = refused_by_service(county_db, world.county_key, write(tmp_path, "big.fpab", world.bundle))
    assert "解压后超过上限（1 KiB）" in reason and "疑似压缩炸弹" in reason


# ---------------------------------------------------------------------------------------------
# Payloads a trusted key signed, but wrong inside


def _unknown_table(doc: dict[str, Any]) -> None:
    doc["tables"]["secret_table"] = {"columns": ["id"], "rows": []}


def _wrong_column(doc: dict[str, Any]) -> None:
    block = family_block(doc)
    block["columns"].append("salary")
    for row in block["rows"]:
        row.append(1)


PAYLOAD_CASES: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "unknown table": (_unknown_table, "未知的数据表“secret_table”"),
    "wrong column": (_wrong_column, "含有未知或重复的列：salary"),
    "bad stamp": (lambda d: set_family_field(d, "created_stamp", "2026-01-01"), "第 1 行的版本戳无效"),
    "bad field stamp": (
        lambda d: set_family_field(d, "field_stamps", {"phone": "yesterday"}),
        "第 1 行的字段版本戳无效",
    ),
    "bad value type": (lambda d: set_family_field(d, "phone", 13900000000), "第 1 行的字段“phone”取值无效"),
    "bad date": (
        lambda d: set_family_field(d, "registered_on", "2026-02-30"),
        "第 1 行的字段“registered_on”取值无效",
    ),
    "bad choice": (lambda d: set_family_field(d, "category", "外星家庭"), "第 1 行的字段“category”取值无效"),
    "too-long text": (
        lambda d: set_family_field(d, "head_name", "张" * 41),
        "第 1 行的字段“head_name”超过 40 个字符",
    ),
    "lone surrogate": (
        lambda d: set_family_field(d, "address", "第3组\ud800号"),
        "第 1 行的字段“address”取值无效",
    ),
    "missing required": (
        lambda d: set_family_field(d, "head_name", None),
        "第 1 行的必填字段“head_name”为空",
    ),
    "bad id": (lambda d: set_family_field(d, "id", "1; DROP TABLE person"), "第 1 行的标识无效或重复"),
    "short row": (lambda d: family_block(d)["rows"][0].pop(), "第 1 行的列数不符"),
    "not a payload": (lambda d: d.update(format="something-else/9"), "数据内容的格式版本不受支持"),
}


@pytest.mark.parametrize("case", sorted(PAYLOAD_CASES))
def test_bad_payload(
    world: World, county_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    change, expected = PAYLOAD_CASES[case]
    path = write(tmp_path, f"{case.replace(' ', '-')}.fpab", resealed(world, mutated_doc(world, change)))
    if sorted(PAYLOAD_CASES).index(case) % 2:
        reason = refused_by_cli(capsys, county_db, world.county_key, path)
    else:
        reason = refused_by_service(county_db, world.county_key, path)
    assert expected in reason


def test_a_payload_with_fewer_columns_is_not_bad(world: World, county_db: Path, tmp_path: Path) -> None:
    """The control for the payload checks: a sender may leave columns out (an older program); the
    rows are accepted and the missing fields take their defaults, as the format says."""

    def only_some_columns(doc: dict[str, Any]) -> None:
        block = family_block(doc)
        keep = ["id", "created_stamp", "field_stamps", "device_id", "division_code", "category", "head_name"]
        index = [block["columns"].index(c) for c in keep]
        block["columns"] = keep
        block["rows"] = [[row[i] for i in index] for row in block["rows"]]

    path = write(tmp_path, "older.fpab", resealed(world, mutated_doc(world, only_some_columns)))
    ws = open_workspace(county_db)
    try:
        [summary] = sync.merge_bundles(ws, world.county_key, None, [path])
    finally:
        ws.close()
    assert summary.status == "accepted" and summary.stats["inserted"] == 10
    con = sqlite3.connect(county_db)
    try:
        rows = con.execute(
            "SELECT head_name, status, phone, deleted FROM special_family WHERE stamp != ?",
            ("0" * 13 + "-00000-" + "0" * 16,),
        ).fetchall()
        (logged,) = con.execute(
            "SELECT changes FROM change_log WHERE table_name = 'special_family' LIMIT 1"
        ).fetchone()
    finally:
        con.close()
    assert sorted(rows) == [(f"测试户{i}", "在册", None, 0) for i in range(5)]
    # The log names the bundle the row came from (sender device / number) instead of its values.
    assert re.fullmatch(r"[0-9a-f]{16}/\d+", json.loads(logged)["merged"])


def test_a_bad_table_refuses_the_whole_bundle(world: World, county_db: Path, tmp_path: Path) -> None:
    """The families are fine and come first; a bad member row still keeps every family out."""

    def bad_member(doc: dict[str, Any]) -> None:
        block = doc["tables"]["family_member"]
        block["rows"][-1][block["columns"].index("relation")] = "邻居"

    path = write(tmp_path, "partly.fpab", resealed(world, mutated_doc(world, bad_member)))
    assert "数据表“family_member”第 5 行的字段“relation”取值无效" in refused_by_service(
        county_db, world.county_key, path
    )


# ---------------------------------------------------------------------------------------------
# Files that are not bundles at all


def test_other_files_given_as_bundles(
    world: World, county_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    receipt = write(tmp_path, "receipt.fpab", world.receipt)
    assert (
        refused_by_service(county_db, world.county_key, receipt)
        == "文件类型不符：这里需要同步数据包，而这个文件是回执"
    )
    setup = write(tmp_path, "setup.fpab", world.setup)
    assert "而这个文件是配置包" in refused_by_cli(capsys, county_db, world.county_key, setup)
    text = write(tmp_path, "notes.fpab", "走访记录\n".encode() * 10)
    assert "不是同步文件" in refused_by_service(county_db, world.county_key, text)


def test_empty_file(
    world: World, county_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reason = refused_by_cli(capsys, county_db, world.county_key, write(tmp_path, "empty.fpab", b""))
    assert "文件不完整" in reason


def test_folder_without_bundles(
    world: World, county_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "empty-usb"
    folder.mkdir()
    (folder / "readme.txt").write_text("not a bundle", encoding="utf-8")
    before = fingerprint(county_db)
    capsys.readouterr()
    code = fpa(["sync", "merge", "--into", str(county_db), "--identity", str(world.county_key), str(folder)])
    err = capsys.readouterr().err
    assert code == 1
    assert str(folder) in err and "没有找到同步文件" in err and "数据库未做任何修改" in err
    assert fingerprint(county_db) == before
    ws = open_workspace(county_db)
    try:
        with pytest.raises(UserInputError, match="没有找到同步文件"):
            sync.merge_bundles(ws, world.county_key, None, [folder])
    finally:
        ws.close()
    assert fingerprint(county_db) == before


def test_one_bad_file_among_good_ones(world: World, county_db: Path, tmp_path: Path) -> None:
    """Each bundle is its own transaction: the good one merges, the bad one is refused alone."""
    good = write(tmp_path, "a-good.fpab", world.bundle)
    write(tmp_path, "b-bad.fpab", world.bundle[:-1])
    ws = open_workspace(county_db)
    try:
        summaries = sync.merge_bundles(ws, world.county_key, None, [good.parent])
    finally:
        ws.close()
    assert [(s.file, s.status) for s in summaries] == [("a-good.fpab", "accepted"), ("b-bad.fpab", "refused")]


# ---------------------------------------------------------------------------------------------
# Setup packages


def setup_refused(capsys: pytest.CaptureFixture[str], db: Path, path: Path, *trust: str) -> str:
    before = fingerprint(db)
    capsys.readouterr()
    argv = ["setup", "import", str(path), "--db", str(db)]
    if trust:
        argv += ["--trust", *trust]
    code = fpa(argv)
    err = capsys.readouterr().err
    assert code == 1
    assert f"文件“{path.name}”未导入：" in err and "数据库未做任何修改" in err, err
    assert fingerprint(db) == before
    return err


@pytest.fixture
def blank_db(template_db: Path, tmp_path: Path) -> Path:
    """An installation that has not imported any setup package yet."""
    return Path(shutil.copy2(template_db, tmp_path / "blank.db"))


def test_setup_package_from_an_issuer_not_yet_trusted(
    world: World, blank_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "county.fpas", world.setup)
    err = setup_refused(capsys, blank_db, path)
    assert "尚未受信任" in err and world.county.public.key_id in err and "--trust" in err
    wrong = setup_refused(capsys, blank_db, path, world.stranger.public.key_id)
    assert "尚未受信任" in wrong


def test_unsigned_setup_package(
    world: World, blank_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    zeroed = write(tmp_path, "zeroed.fpas", world.setup[:-64] + bytes(64))
    assert "签名无效" in setup_refused(capsys, blank_db, zeroed, world.county.public.key_id)
    body_end = frame_of(world.setup).body_end
    unsigned = write(tmp_path, "unsigned.fpas", world.setup[:body_end] + struct.pack(">I", 0))
    assert "签名无效" in setup_refused(capsys, blank_db, unsigned, world.county.public.key_id)


def test_altered_setup_package(
    world: World, county_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A package from the trusted issuer with one byte of the (readable) body changed."""
    f = frame_of(world.setup)
    altered = write(tmp_path, "altered.fpas", flip(world.setup, (f.body_start + f.body_end) // 2))
    assert "签名无效，文件可能被篡改" in setup_refused(capsys, county_db, altered)


def test_setup_package_signed_by_a_stranger_posing_as_the_issuer(
    world: World, county_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = frame_of(world.setup)
    forged = envelope(f.header, world.setup[f.body_start : f.body_end], world.stranger)
    assert "签名无效" in setup_refused(capsys, county_db, write(tmp_path, "forged.fpas", forged))


def test_bundle_given_as_setup_package(
    world: World, county_db: Path, blank_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "bundle.fpas", world.bundle)
    for db in (county_db, blank_db):  # said the same way whether or not its signer is trusted
        assert "文件类型不符：这里需要配置包，而这个文件是同步数据包" in setup_refused(capsys, db, path)


def test_setup_service_refuses_without_writing(world: World, blank_db: Path, tmp_path: Path) -> None:
    before = fingerprint(blank_db)
    ws = open_workspace(blank_db)
    try:
        with pytest.raises(BadFileError) as info:
            sync.import_setup(ws, write(tmp_path, "county.fpas", world.setup), trust="0123456789abcdef")
    finally:
        ws.close()
    assert info.value.path == "county.fpas" and "尚未受信任" in info.value.reason
    assert fingerprint(blank_db) == before


# ---------------------------------------------------------------------------------------------
# Receipts


def ack_refused(capsys: pytest.CaptureFixture[str], db: Path, path: Path) -> str:
    before = fingerprint(db)
    capsys.readouterr()
    code = fpa(["sync", "ack", "--db", str(db), str(path)])
    err = capsys.readouterr().err
    assert code == 1
    assert f"文件“{path.name}”未导入：" in err and "数据库未做任何修改" in err, err
    assert fingerprint(db) == before
    return err


def test_the_good_receipt_is_accepted(world: World, station_db: Path, tmp_path: Path) -> None:
    ws = open_workspace(station_db)
    try:
        result = sync.import_sync_receipt(ws, write(tmp_path, "good.fpar", world.receipt))
    finally:
        ws.close()
    assert result.confirmed == 1 and result.acked_after > result.acked_before == 0


def test_altered_receipt(
    world: World, station_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = frame_of(world.receipt)
    altered = write(tmp_path, "altered.fpar", flip(world.receipt, (f.body_start + f.body_end) // 2))
    assert "签名无效，文件可能被篡改" in ack_refused(capsys, station_db, altered)


def test_receipt_from_an_untrusted_signer(
    world: World, station_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The stranger acknowledges everything, hoping the station stops sending: refused."""
    f = frame_of(world.receipt)
    header = {**f.header, "signer": signer_field(world.stranger)}
    forged = write(
        tmp_path, "stranger.fpar", envelope(header, world.receipt[f.body_start : f.body_end], world.stranger)
    )
    err = ack_refused(capsys, station_db, forged)
    assert "不是本机配置包中登记的接收方" in err and world.stranger.public.key_id in err
    ws = open_workspace(station_db)
    try:
        with pytest.raises(BadFileError, match="不是本机配置包中登记的接收方"):
            sync.import_sync_receipt(ws, forged)
    finally:
        ws.close()
