"""Fuzzing every file the program reads from outside: bundles, setup packages, receipts, the public
``identity.json`` of a key folder, division CSV files, and the keyring (``<database>.keys``) beside
an encrypted database.

Two kinds of damage:

- *outer*: the file's bytes are mutated (bit flips, truncation, insertion, deletion, overwriting,
  duplication, splicing two valid files), as a bad USB stick, a broken copy or a forger would.
  Every case must end in a clean refusal — an ``FpaError`` with a Chinese message — or, for an
  unsigned file, a read that yields an equivalent file; the database must not change.
- *inner*: the payload inside a bundle, setup package or receipt is mutated (bytes or JSON
  structure) and sealed again with the trusted sender's real key, as a buggy sender or a stolen key
  would produce. These pass the signature, so they exercise the parsers and the merge behind it.

FPA_FUZZ_EXAMPLES sets the cases per test (default below: the file runs in about a minute).
FPA_FUZZ_REPORT names a JSON file for the outcome counts (bench/fuzz_long.py uses it).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import traceback
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from app.database import keyring
from app.database.divisions import read_division_csv, shipped_divisions, shipped_file_for, subtree
from app.database.keyring import wrapping
from app.database.migrate import open_database
from app.database.session import Database
from app.domain.enums import DivisionLevel
from app.domain.errors import DatabaseError, FpaError
from app.services import sync
from app.services.shared.workspace import open_workspace
from app.services.system.accounts import sign_in
from app.services.system.installation import init_encrypted
from app.services.system.setup import init_database
from app.sync import identity as ident
from app.sync import state
from app.sync.envelope import open_envelope, read_header, seal
from app.sync.merge_batch import merge_bundle
from app.sync.receipt import import_receipt
from app.sync.setup_package import import_setup_package, parse_setup

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("FPA_FUZZ_EXAMPLES", "600"))
REPORT = os.environ.get("FPA_FUZZ_REPORT")
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # every run draws afresh; a failure prints its own reproduction
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
COUNTY = "430121000000"
TOWNSHIP = "430121001000"  # the station: its families are in its village 430121001001
CJK = re.compile(r"[\u4e00-\u9fff]")
# Refusal reasons are tallied without their variable parts (numbers, file names, quoted values).
_VARIABLE = re.compile(r"“[^”]*”|\d+|[0-9a-f]{16}")

OUTCOMES: dict[str, Counter[str]] = defaultdict(Counter)
REASONS: dict[str, Counter[str]] = defaultdict(Counter)


# ---------------------------------------------------------------------------------------------
# The world: keys, a county and a station database, valid files of every kind. Built once.


@dataclass
class World:
    root: Path
    county: Database  # receives bundles; never merges the valid ones, so each case starts equal
    station: Database  # receives setup packages and receipts
    station_path: Path
    county_id: ident.Identity
    station_id: ident.Identity
    bundles: list[bytes]
    setups: list[bytes]
    receipts: list[bytes]
    identities: list[bytes]
    csvs: list[bytes]
    county_dump: str
    station_dump: str
    vault: Path  # an encrypted database; its keyring is what gets mutated
    vault_key: bytes
    recovery_key: str
    keyrings: list[bytes]

    def __repr__(self) -> str:  # a failing case prints its draws, not this world of bytes
        return f"<fuzz world in {self.root}>"


def _device_copy(src: Path, dest: Path, device: str, division: str | None = None) -> Path:
    shutil.copy2(src, dest)
    with sqlite3.connect(dest) as con:
        con.execute("UPDATE meta SET value=? WHERE key='device_id'", (device,))
        if division is not None:  # a station: its own township
            con.execute("UPDATE meta SET value=? WHERE key='division_code'", (division,))
        con.execute("UPDATE meta SET value=? WHERE key='clock_last'", (f"{0:013d}-{0:05d}-{device}",))
    return dest


def _add_families(db: Database, names: Sequence[str]) -> None:
    from app.database.models import FamilyMember, SpecialFamily
    from app.domain.enums import FamilyCategory, MemberRelation

    with db.session() as s:
        for i, name in enumerate(names):
            family = SpecialFamily(
                division_code="430121001001",
                category=FamilyCategory.BEREAVED,
                head_name=name,
                phone="13900000000",
                monthly_support_fen=59000 + i,
            )
            s.add(family)
            s.flush()
            s.add(FamilyMember(family_id=family.id, name=name, relation=MemberRelation.SELF, id_number=None))


def dump(path: Path) -> str:
    """A hash of every row of every table: equal hashes mean the database was not written."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    digest = hashlib.sha256()
    try:
        for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
            digest.update(table.encode())
            for row in con.execute(f"SELECT * FROM {table} ORDER BY rowid"):
                digest.update(repr(row).encode())
    finally:
        con.close()
    return digest.hexdigest()


VAULT_USER, VAULT_PASSWORD = "fuzz-admin", "Fuzz-pass-2026"


def _vault(root: Path) -> tuple[Path, bytes, str, list[bytes]]:
    """An encrypted database made like ``fpa init --admin``, with a second account.

    Its keyring's Argon2 cost is lowered (8 MiB, one pass) so a case takes milliseconds; the cost is
    stored in each entry, and unwrapping reads it from there, so the code path is the product's.
    The keyring is kept in two states: fresh, and with two failed sign-ins counted.
    """
    vault = root / "vault.db"
    saved = wrapping.ARGON2_TIME, wrapping.ARGON2_MEMORY_KIB, wrapping.ARGON2_LANES
    wrapping.ARGON2_TIME, wrapping.ARGON2_MEMORY_KIB, wrapping.ARGON2_LANES = 1, 8 * 1024, 1
    try:
        made = init_encrypted(vault, COUNTY, None, VAULT_USER, "模糊测试管理员", VAULT_PASSWORD)
        made.workspace.close()
        key = keyring.unwrap(vault, VAULT_USER, VAULT_PASSWORD)
        keyring.add_user(vault, key, "clerk", "Clerk-pass-2026")
    finally:
        wrapping.ARGON2_TIME, wrapping.ARGON2_MEMORY_KIB, wrapping.ARGON2_LANES = saved
    ring = keyring.keyring_path(vault)
    fresh = ring.read_bytes()
    for _ in range(2):
        with pytest.raises(FpaError):
            keyring.unwrap(vault, VAULT_USER, "wrong-password")
    counted = ring.read_bytes()
    ring.write_bytes(fresh)
    shutil.copy2(vault, root / "vault-pristine.db")
    return vault, key, made.recovery_key, [fresh, counted]


def _file_state(path: Path) -> tuple[str, bool]:
    """The file's hash, and whether SQLite left a -wal beside it (an open that wrote)."""
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.with_name(path.name + "-wal").exists()


def _csv(records: Sequence[Any]) -> bytes:
    lines = ["code,name,level,parent_code"]
    lines += [f"{r.code},{r.name},{r.level.value},{r.parent_code or ''}" for r in records]
    return ("\n".join(lines) + "\n").encode("utf-8")


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    root = tmp_path_factory.mktemp("fuzz")
    template = root / "template.db"
    init_database(template, COUNTY).dispose()
    keys = {name: root / "keys" / name for name in ("county", "station", "station-b")}
    for name, folder in keys.items():
        sync.new_identity(folder, f"{name} 计生协", None)
    trust = sync.show_identity(keys["county"]).key_id
    tree = subtree(shipped_divisions(shipped_file_for(COUNTY).name), COUNTY)
    (root / "divisions.csv").write_bytes(_csv(tree[:40]))
    setups = [
        sync.export_setup(
            keys["county"],
            None,
            root / "setup-1.fpas",
            division=COUNTY,
            signers=[(keys["station"], TOWNSHIP)],
        ),
        sync.export_setup(
            keys["county"],
            None,
            root / "setup-2.fpas",
            division=COUNTY,
            signers=[(keys["station"], TOWNSHIP), (keys["station-b"], "430121002000")],
            divisions_csv=root / "divisions.csv",
        ),
    ]
    county_path = _device_copy(template, root / "county.db", "00000000000c0001")
    station_path = _device_copy(template, root / "station.db", "00000000000a0001", TOWNSHIP)
    for path in (county_path, station_path):
        ws = open_workspace(path)
        sync.import_setup(ws, setups[0], trust=trust)
        ws.close()
    # Two bundles from the station, and the county's receipts for them (made on a scratch copy,
    # so the county database itself has merged nothing).
    ws = open_workspace(station_path)
    _add_families(ws.db, ["王桂兰", "刘建国", "陈秀兰"])
    first = sync.write_bundle(ws, keys["station"], None, root / "out")
    _add_families(ws.db, ["周玉珍", "张德明"])
    second = sync.write_bundle(ws, keys["station"], None, root / "out")
    ws.close()
    scratch = open_workspace(shutil.copy2(county_path, root / "county-scratch.db"))
    receipts = []
    for bundle in (first.path, second.path):
        sync.merge_bundles(scratch, keys["county"], None, [bundle])
        receipts.append(
            sync.write_sync_receipt(scratch, keys["county"], None, root / f"receipt-{len(receipts)}")
        )
    scratch.close()
    county, station = open_database(county_path), open_database(station_path)
    vault, vault_key, recovery_key, keyrings = _vault(root)
    w = World(
        root=root,
        county=county,
        station=station,
        station_path=station_path,
        county_id=ident.unlock(keys["county"], None),
        station_id=ident.unlock(keys["station"], None),
        bundles=[first.path.read_bytes(), second.path.read_bytes()],
        setups=[p.read_bytes() for p in setups],
        receipts=[p.read_bytes() for p in receipts],
        identities=[(keys[n] / ident.PUBLIC_FILE).read_bytes() for n in ("county", "station")],
        csvs=[_csv(tree[:40]), _csv(tree[-25:])],
        county_dump=dump(county_path),
        station_dump=dump(station_path),
        vault=vault,
        vault_key=vault_key,
        recovery_key=recovery_key,
        keyrings=keyrings,
    )
    yield w
    county.dispose()
    station.dispose()
    if REPORT:
        doc = {
            "examples_per_test": EXAMPLES,
            "cases": sum(sum(c.values()) for c in OUTCOMES.values()),
            "outcomes": {k: dict(v) for k, v in sorted(OUTCOMES.items())},
            "reasons": {k: dict(v.most_common(25)) for k, v in sorted(REASONS.items())},
        }
        Path(REPORT).write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Mutations


def _pos(draw: st.DrawFn, n: int) -> int:
    # Half the positions fall in the first 2 KiB, where the framing and the header are parsed.
    return draw(st.one_of(st.integers(0, min(n, 2048)), st.integers(0, n)))


class Blob(bytes):
    """Bytes that print short: a failing case names its mutation and the bytes' hash, not 30 kB."""

    def __repr__(self) -> str:
        return f"<{len(self)} bytes, sha256 {hashlib.sha256(self).hexdigest()[:16]}, starts {bytes(self[:48])!r}>"


@st.composite
def byte_mutation(draw: st.DrawFn, originals: Sequence[bytes]) -> tuple[str, bytes]:
    """One to three mutations of one of ``originals``; returns (what was done, the bytes)."""
    data = bytearray(originals[draw(st.integers(0, len(originals) - 1))])
    done = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(
            st.sampled_from(["flip", "truncate", "insert", "delete", "overwrite", "duplicate", "splice"])
        )
        n = len(data)
        if kind == "flip" and n:
            for _ in range(draw(st.integers(1, 8))):
                i = _pos(draw, n - 1)
                data[i] ^= 1 << draw(st.integers(0, 7))
        elif kind == "truncate":
            data = data[: _pos(draw, n)] if draw(st.booleans()) else data[_pos(draw, n) :]
        elif kind == "insert":
            i = _pos(draw, n)
            data[i:i] = draw(st.binary(min_size=1, max_size=64))
        elif kind == "delete" and n:
            i = _pos(draw, n - 1)
            del data[i : i + draw(st.integers(1, 256))]
        elif kind == "overwrite" and n:
            i = _pos(draw, n - 1)
            chunk = draw(st.binary(min_size=1, max_size=32))
            data[i : i + len(chunk)] = chunk
        elif kind == "duplicate" and n:
            i = _pos(draw, n - 1)
            data[i:i] = data[i : i + draw(st.integers(1, 512))]
        elif kind == "splice":
            other = originals[draw(st.integers(0, len(originals) - 1))]
            data = data[: _pos(draw, n)] + other[_pos(draw, len(other)) :]
        done.append(kind)
    return "+".join(done), Blob(data)


JSON_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.sampled_from(
        ["", "0" * 18, "430121001001", "x" * 5000, "2026-01-01", "0000000000000-00000-0000000000000000"]
    ),
)
JSON_VALUES = st.recursive(
    JSON_LEAVES,
    lambda kids: st.one_of(
        st.lists(kids, max_size=4), st.dictionaries(st.text(max_size=8), kids, max_size=4)
    ),
    max_leaves=8,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*prefix, i))


@st.composite
def json_mutation(draw: st.DrawFn, original: bytes) -> tuple[str, bytes]:
    """Replace, delete or duplicate one node of a JSON document, keeping it valid JSON."""
    doc = json.loads(original)
    paths = list(_paths(doc))
    path = draw(st.sampled_from(paths))
    kind = draw(st.sampled_from(["replace", "delete", "duplicate"] if path else ["replace"]))
    if not path:
        return "replace-root", Blob(json.dumps(draw(JSON_VALUES)).encode())
    parent = doc
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if kind == "replace":
        parent[last] = draw(JSON_VALUES)
    elif kind == "delete":
        del parent[last]
    elif isinstance(parent, list):
        parent.insert(last, parent[last])
    else:
        parent[f"{last}_"] = parent[last]
    return f"json-{kind}", Blob(json.dumps(doc, ensure_ascii=False).encode("utf-8"))


def payload_mutation(original: bytes) -> st.SearchStrategy[tuple[str, bytes]]:
    return st.one_of(byte_mutation([original]), json_mutation(original))


# ---------------------------------------------------------------------------------------------
# What every case must end in


# Faults this file found in code owned elsewhere, each reported and reproduced by a strict xfail at
# the end of this file. Until fixed, a case that hits one is tallied as "known fault" instead of
# failing; when the fix lands, the xfail turns red and its entry here comes out.
KNOWN_FAULTS: dict[tuple[str, str], str] = {}


def known_fault(exc: BaseException) -> str | None:
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return None
    where = Path(frames[-1].filename).name
    for (file, start), what in KNOWN_FAULTS.items():
        if where == file and str(exc).startswith(start):
            return what
    return None


def _reason_key(text: str) -> str:
    return _VARIABLE.sub("…", text)[:80]


def refused(target: str, exc: FpaError) -> None:
    assert CJK.search(exc.message), f"refusal without a Chinese message: {exc.message!r}"
    OUTCOMES[target]["refused"] += 1
    REASONS[target][_reason_key(getattr(exc, "reason", exc.message))] += 1


def unchanged(db_path: Path, expected: str, what: str) -> None:
    assert dump(db_path) == expected, f"{what}: the database changed although the file was refused"


def _write(root: Path, name: str, data: bytes) -> Path:
    path = root / name
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------------------------------------
# Outer: the bytes of the file as it arrives


@FUZZ
@given(data=st.data())
def test_mutated_bundles_are_refused_and_write_nothing(world: World, data: st.DataObject) -> None:
    how, blob = data.draw(byte_mutation(world.bundles))
    assume(blob not in world.bundles)
    path = _write(world.root, "in.fpab", blob)
    summary = merge_bundle(world.county, path, world.county_id)
    assert summary.status == "refused", f"a damaged bundle ({how}) was accepted"
    assert summary.reason and CJK.search(summary.reason)
    OUTCOMES["bundle"]["refused"] += 1
    REASONS["bundle"][_reason_key(summary.reason)] += 1
    unchanged(world.root / "county.db", world.county_dump, how)


@FUZZ
@given(data=st.data())
def test_mutated_setup_packages_are_refused_and_write_nothing(world: World, data: st.DataObject) -> None:
    how, blob = data.draw(byte_mutation(world.setups))
    assume(blob not in world.setups)
    path = _write(world.root, "in.fpas", blob)
    with pytest.raises(FpaError) as caught:
        import_setup_package(world.station, path)
    refused("setup", caught.value)
    unchanged(world.station_path, world.station_dump, how)


@FUZZ
@given(data=st.data())
def test_mutated_receipts_are_refused_and_write_nothing(world: World, data: st.DataObject) -> None:
    how, blob = data.draw(byte_mutation(world.receipts))
    assume(blob not in world.receipts)
    path = _write(world.root, "in.fpar", blob)
    with pytest.raises(FpaError) as caught:
        import_receipt(world.station, path)
    refused("receipt", caught.value)
    unchanged(world.station_path, world.station_dump, how)


@FUZZ
@given(data=st.data())
def test_mutated_identity_files_are_refused_or_name_the_same_keys(world: World, data: st.DataObject) -> None:
    """identity.json is not signed: a damaged file may still read, but only with the same keys."""
    how, blob = data.draw(byte_mutation(world.identities))
    folder = world.root / "identity"
    folder.mkdir(exist_ok=True)
    _write(folder, ident.PUBLIC_FILE, blob)
    try:
        public = ident.load_public(folder)
    except FpaError as exc:
        refused("identity.json", exc)
        return
    originals = [ident.PublicIdentity.from_json(b) for b in world.identities]
    # Each key must be one of the originals'. Nothing binds the two keys of one file together, so a
    # splice of two identity files reads as a valid mix (noted in docs/RELIABILITY.md).
    assert (public.key_id, public.signing_public_key) in {
        (o.key_id, o.signing_public_key) for o in originals
    }, how
    assert public.age_recipient in {o.age_recipient for o in originals}, how
    mixed = (public.key_id, public.age_recipient) not in {(o.key_id, o.age_recipient) for o in originals}
    OUTCOMES["identity.json"]["read, keys of two files mixed" if mixed else "read, same keys"] += 1


@FUZZ
@given(data=st.data())
def test_mutated_division_csv_is_refused_or_read_whole(world: World, data: st.DataObject) -> None:
    """A division CSV is not signed either: any row it yields must be a well-formed division."""
    how, blob = data.draw(byte_mutation(world.csvs))
    path = _write(world.root, "divisions-in.csv", blob)
    try:
        rows = read_division_csv(path)
    except FpaError as exc:
        refused("division csv", exc)
        return
    for r in rows:
        assert len(r.code) == 12 and r.code.isdigit() and r.name and isinstance(r.level, DivisionLevel), how
    OUTCOMES["division csv"]["read" if blob not in world.csvs else "read, unchanged"] += 1


@FUZZ
@given(data=st.data())
def test_mutated_keyrings_refuse_sign_in_cleanly_and_write_nothing(world: World, data: st.DataObject) -> None:
    """A damaged ``.keys`` file: sign-in and recovery refuse in Chinese or yield the database's own key.

    A refusal leaves the database file untouched. A wrong password on an intact entry is counted in
    the keyring by design (the lockout); a damaged keyring is never rewritten.
    """
    original = world.keyrings[data.draw(st.integers(0, len(world.keyrings) - 1))]
    how, blob = data.draw(st.one_of(byte_mutation(world.keyrings), json_mutation(original)))
    ring = keyring.keyring_path(world.vault)
    before = _file_state(world.vault)
    for attempt in ("password", "recovery"):
        ring.write_bytes(blob)
        try:
            if attempt == "password":
                ws = sign_in(world.vault, VAULT_USER, VAULT_PASSWORD)
                key = ws.db.key
                ws.close()
                # A sign-in writes its audit entry: put the database back for the next case.
                shutil.copy2(world.root / "vault-pristine.db", world.vault)
                world.vault.with_name(world.vault.name + "-wal").unlink(missing_ok=True)
            else:
                key = keyring.unwrap_recovery(world.vault, world.recovery_key)
        except FpaError as exc:
            refused(f"keyring ({attempt})", exc)
            assert _file_state(world.vault) == before, f"{how}: the database changed on a refused sign-in"
            if isinstance(exc, DatabaseError):
                assert ring.read_bytes() == blob, f"{how}: a damaged keyring was rewritten"
            continue
        assert key == world.vault_key, f"{how}: the keyring gave a key that is not the database's"
        OUTCOMES[f"keyring ({attempt})"]["opened with the right key"] += 1
    ring.write_bytes(world.keyrings[0])


# ---------------------------------------------------------------------------------------------
# Inner: the payload, sealed again with the trusted sender's real key


def _reseal(
    world: World, original: bytes, payload: bytes, signer: ident.Identity, recipients: list[str] | None
) -> bytes:
    header = read_header(original, source="original")
    return seal(header.kind, header.meta, payload, signer, recipients)


def _opened(world: World, blob: bytes, signer: ident.Identity, kind: str, me: ident.Identity | None) -> bytes:
    trusted = {signer.public.key_id: signer.public.signing_public_key}
    return open_envelope(blob, source="x", trusted_signers=trusted, identity=me, expected_kind=kind).payload


@FUZZ
@given(data=st.data())
def test_bundle_payloads_from_a_trusted_sender_merge_or_are_refused(
    world: World, data: st.DataObject
) -> None:
    original = world.bundles[data.draw(st.integers(0, len(world.bundles) - 1))]
    plain = _opened(world, original, world.station_id, "bundle", world.county_id)
    how, payload = data.draw(payload_mutation(plain))
    blob = _reseal(world, original, payload, world.station_id, [world.county_id.public.age_recipient])
    try:
        summary = merge_bundle(
            world.county, _write(world.root, "inner.fpab", blob), world.county_id, dry_run=True
        )
    except TypeError as exc:
        fault = known_fault(exc)
        if fault is None:
            raise
        OUTCOMES["bundle payload"]["known fault: " + fault] += 1
        unchanged(world.root / "county.db", world.county_dump, how)
        return
    if summary.status == "refused":
        assert summary.reason and CJK.search(summary.reason), summary
        OUTCOMES["bundle payload"]["refused"] += 1
        REASONS["bundle payload"][_reason_key(summary.reason)] += 1
    else:
        assert summary.status == "dry-run", summary
        OUTCOMES["bundle payload"]["merged (dry run)"] += 1
    unchanged(world.root / "county.db", world.county_dump, how)


@FUZZ
@given(data=st.data())
def test_setup_payloads_from_the_trusted_issuer_import_or_are_refused(
    world: World, data: st.DataObject
) -> None:
    original = world.setups[data.draw(st.integers(0, len(world.setups) - 1))]
    plain = _opened(world, original, world.county_id, "setup", None)
    how, payload = data.draw(payload_mutation(plain))
    try:
        parse_setup(payload, "x")
    except FpaError as exc:
        refused("setup payload", exc)
        return
    except TypeError as exc:
        fault = known_fault(exc)
        if fault is None:
            raise
        OUTCOMES["setup payload"]["known fault: " + fault] += 1
        return
    # It parses: importing it into a scratch copy must complete, or refuse and leave it as it was.
    scratch = shutil.copy2(world.station_path, world.root / "setup-scratch.db")
    before = dump(scratch)
    db = open_database(scratch)
    try:
        blob = _reseal(world, original, payload, world.county_id, None)
        import_setup_package(db, _write(world.root, "inner.fpas", blob))
        OUTCOMES["setup payload"]["imported"] += 1
    except FpaError as exc:
        refused("setup payload", exc)
        db.dispose()
        unchanged(scratch, before, how)
    finally:
        db.dispose()  # a second dispose is harmless
    assert sqlite3.connect(scratch).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@FUZZ
@given(data=st.data())
def test_receipt_payloads_from_the_trusted_receiver_apply_or_are_refused(
    world: World, data: st.DataObject
) -> None:
    original = world.receipts[data.draw(st.integers(0, len(world.receipts) - 1))]
    plain = _opened(world, original, world.county_id, "receipt", None)
    how, payload = data.draw(payload_mutation(plain))
    blob = _reseal(world, original, payload, world.county_id, None)
    try:
        result = import_receipt(world.station, _write(world.root, "inner.fpar", blob))
    except FpaError as exc:
        refused("receipt payload", exc)
        unchanged(world.station_path, world.station_dump, how)
        return
    OUTCOMES["receipt payload"]["applied"] += 1
    assert 0 <= result.acked_before <= result.acked_after
    # A receipt moves only the acknowledged position: put it back, and the rest must be as before.
    with world.station.engine.begin() as conn:
        state.put(conn, state.ACKED_SEQ, result.acked_before)
    if result.acked_before == 0:
        with sqlite3.connect(world.station_path) as con:
            con.execute("DELETE FROM meta WHERE key = ?", (state.ACKED_SEQ,))
    unchanged(world.station_path, world.station_dump, how)


# ---------------------------------------------------------------------------------------------
# Faults this file found, fixed, and kept as regression tests


def test_payload_column_name_that_is_a_list_is_refused() -> None:
    from app.sync import payload

    columns = [*payload.HEAD_COLUMNS, []]
    doc = {"format": payload.PAYLOAD_FORMAT, "tables": {"special_family": {"columns": columns, "rows": []}}}
    with pytest.raises(payload.PayloadError):
        payload.loads(json.dumps(doc).encode())


def test_setup_level_that_is_a_list_is_refused() -> None:
    doc = {"format": "fpa-setup/1", "id": "x", "issued_at": "2026-01-01", "keys": []}
    doc["catalogue"] = [{"code": "A", "name": "项目", "category": "类", "level": []}]
    with pytest.raises(FpaError):
        parse_setup(json.dumps(doc).encode(), "x")


def _damaged_entry(tmp_path: Path, change: Any) -> Path:
    """A keyring (cheap Argon2, as in the fuzz world) whose user entry is changed by ``change``."""
    db = tmp_path / "v.db"
    saved = wrapping.ARGON2_TIME, wrapping.ARGON2_MEMORY_KIB, wrapping.ARGON2_LANES
    wrapping.ARGON2_TIME, wrapping.ARGON2_MEMORY_KIB, wrapping.ARGON2_LANES = 1, 8 * 1024, 1
    try:
        keyring.create(db, keyring.new_database_key(), VAULT_USER, VAULT_PASSWORD)
    finally:
        wrapping.ARGON2_TIME, wrapping.ARGON2_MEMORY_KIB, wrapping.ARGON2_LANES = saved
    ring = keyring.keyring_path(db)
    doc = json.loads(ring.read_bytes())
    (entry,) = (v for k, v in doc["entries"].items() if k != "recovery")
    change(entry, doc["entries"]["recovery"])
    ring.write_text(json.dumps(doc))
    return db


@pytest.mark.parametrize(
    "change",
    [
        lambda user, recovery: recovery.update(failures=[1]),  # was TypeError in retry_at
        lambda user, recovery: user.update(kdf=None),  # was AttributeError in _kek
        lambda user, recovery: user.update(pending=7, failures="x"),
        lambda user, recovery: user["kdf"].update(time_cost=10**9),  # never finished (hung the sign-in)
        lambda user, recovery: user["kdf"].update(memory_cost=2**40),  # would exhaust memory
        lambda user, recovery: user["kdf"].update(salt=""),  # argon2 refuses a short salt
        lambda user, recovery: user.update(failures=9, last_failure="9999-12-31T23:59:59+00:00"),
    ],
    ids=["failures-list", "kdf-null", "pending-int", "time-cost", "memory-cost", "empty-salt", "year-9999"],
)
def test_a_damaged_keyring_entry_is_refused_in_chinese(tmp_path: Path, change: Any) -> None:
    db = _damaged_entry(tmp_path, change)
    for attempt in (
        lambda: keyring.unwrap(db, VAULT_USER, VAULT_PASSWORD),
        lambda: keyring.unwrap_recovery(db, keyring.new_recovery_key()),
    ):
        try:
            attempt()
        except FpaError as exc:
            assert CJK.search(exc.message)
