"""Property: honest and forged bundles from several senders, in any order — the honest ones' records
are all there, nothing of a forged one is, and every forged one is refused.

The forged bundles are sealed with the real county keys (tests/sync/conftest.py). The examples
are fewer than the merge's own property test: each one merges real files into a copy of a real
province database. ``FPA_TRUST_EXAMPLES`` (default 25) sets how many.
"""

from __future__ import annotations

import os
import tempfile
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

if TYPE_CHECKING:
    from conftest import TrustWorld  # the sync suites' world (tests/sync/conftest.py)

EXAMPLES = int(os.environ.get("FPA_TRUST_EXAMPLES", "25"))
FORGED_NAME = "伪造的户主"


def _first(w: TrustWorld, sender: str, table: str) -> dict[str, Any]:
    block = w.rows_of(sender, table)
    block["rows"] = block["rows"][:1]
    return block


def _forgeries(w: TrustWorld, folder: Path) -> dict[str, bytes]:
    """Each a different rule broken, by county A's key or county B's."""
    a, b = (w.meta(w.dbs[n], "device_id") for n in ("county_a", "county_b"))
    made: dict[str, bytes] = {}

    def seal(name: str, signer: str, tables: dict[str, Any], device: str, division: str) -> None:
        made[name] = w.forge(signer, tables, folder / name, device=device, division=division).read_bytes()

    for sender, signer, device, division in (
        ("b", "county_a", a, "430121000000"),
        ("a", "county_b", b, "430112000000"),
    ):
        renamed = _first(w, sender, "special_family")
        cols, row = renamed["columns"], renamed["rows"][0]
        row[cols.index("head_name")] = FORGED_NAME
        row[2] = {"head_name": w.stamp(device)}
        seal(f"rename-{sender}", signer, {"special_family": renamed}, device, division)
        inserted = _first(w, sender, "special_family")
        row = inserted["rows"][0]
        row[0], row[1], row[2] = str(uuid.uuid4()), w.stamp(device), None
        row[inserted["columns"].index("head_name")] = FORGED_NAME
        seal(f"insert-{sender}", signer, {"special_family": inserted}, device, division)
    own = _first(w, "a", "special_family")
    own["rows"][0][own["columns"].index("head_name")] = FORGED_NAME
    own["rows"][0][1] = f"9999999999999-00000-{a}"
    seal("future", "county_a", {"special_family": own}, a, "430121000000")
    orphan = _first(w, "a", "visit")
    orphan["rows"][0][orphan["columns"].index("family_id")] = str(uuid.uuid4())
    orphan["rows"][0][orphan["columns"].index("visitors")] = FORGED_NAME
    seal("orphan", "county_a", {"visit": orphan}, a, "430121000000")
    return made


@pytest.fixture(scope="module")
def pool(trust_world: TrustWorld) -> dict[str, bytes]:
    folder = trust_world.root / "forged"
    return {
        "honest-a": trust_world.bundles["a"],
        "honest-b": trust_world.bundles["b"],
        **_forgeries(trust_world, folder),
    }


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_order_of_honest_and_forged_bundles(
    trust_world: TrustWorld, pool: dict[str, bytes], data: st.DataObject
) -> None:
    w = trust_world
    forged = sorted(k for k in pool if not k.startswith("honest"))
    chosen = data.draw(st.lists(st.sampled_from(forged), unique=True), label="forged")
    order = data.draw(st.permutations(["honest-a", "honest-b", *chosen]), label="order")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        db = w.copy("province", root / "province.db")
        files = []
        for i, name in enumerate(order):  # the merge takes files by name: the numbers keep the order
            path = root / "usb" / f"{i:02d}-{name}.fpab"
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(pool[name])
            files.append(path)
        results = {r.file.split("-", 1)[1][: -len(".fpab")]: r for r in w.merge(db, "province", *files)}
        assert all(results[n].status == "accepted" for n in ("honest-a", "honest-b")), results
        assert all(results[n].status == "refused" and results[n].reason for n in chosen)
        for sender in ("a", "b"):
            for table, block in w.docs[sender]["tables"].items():
                ids = [r[0] for r in block["rows"]]
                found = w.query(
                    db, f"SELECT count(*) FROM {table} WHERE id IN ({', '.join('?' * len(ids))})", *ids
                )
                assert found == [(len(ids),)], table
        assert w.query(db, "SELECT count(*) FROM special_family WHERE head_name = ?", FORGED_NAME) == [(0,)]
        assert w.query(db, "SELECT count(*) FROM visit WHERE visitors = ?", FORGED_NAME) == [(0,)]
        assert w.query(
            db, "SELECT count(*) FROM merge_conflict WHERE losing_value LIKE ?", f"%{FORGED_NAME}%"
        ) == [(0,)]
