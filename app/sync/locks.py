"""Period locks in a merge: a bundle that would change a record dated in a locked period is refused.

A county administrator locks a period once its figures are checked (issue 11); from then on a
local edit of a visit, its goods, an activity, a training or a project payment dated in it is
refused (``app.services.shared.period_locks``). A merge keeps the same promise, by the same rule
as every other refusal of the merge (DESIGN.md: bad input gets a clear Chinese message and nothing
is written): the **whole bundle** is refused, naming the period, who locked it, the count and one
example. Nothing is lost — the sender keeps its records and sends them again until a bundle is
acknowledged, and the same file merges once the period is unlocked (with a reason, audited) —
and a locked figure never changes without a person deciding it. Keeping the rows as conflicts
"for review" instead would accept part of a bundle, which the merge never does.

What counts as a change: a row new here, or a carried field whose stamp is newer than the stored
one. A row sent again unchanged (a full bundle, a county forwarding what the province has) passes.
Both the row's date and division as they arrive and as they are stored are checked (moving a
visit out of a locked half-year is an edit of that half-year). A lock counts when it is active
here before the bundle, unless the bundle itself unlocks or deletes it (the county's unlock, its
corrections and its new lock travel up together); a lock arriving in the bundle binds later ones.

Who may change a lock: only whoever placed it, or someone above. A lock row carries the division
it locks, not the level that placed it, so the subtree rule of the authority check would let a
county key unlock what the province placed on that county. The creator is in the stored row's
``created_stamp`` (its last characters are the device that made it): a lock made on this
installation is changed only here, a lock made by a device we merged from only by a signer whose
subtree holds that device's division. A lock forwarded from a device never seen here keeps the
subtree rule, which the authority check has applied already.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from app.database.base import synced_tables, table_of
from app.database.models import BundleLedger, PeriodLock
from app.domain.errors import BadFileError
from app.domain.periods import parse_period
from app.domain.permissions import in_subtree
from app.sync.keys import Authority
from app.sync.merge_plan import CHUNK, DEVICE_CHARS
from app.sync.payload import HEAD, TableRows

# table → its date column and its division column (None: a payment lies where its project lies).
# The same records as app.services.shared.period_locks guards for local edits.
DATED: Mapping[str, tuple[str, str | None]] = {
    "visit": ("visited_on", "division_code"),
    "activity": ("held_on", "division_code"),
    "training": ("held_on", "division_code"),
    "project_payment": ("paid_on", None),
}
_PAYMENT_PROJECT = "project_id"


_LOCKS = table_of(PeriodLock)
# Built once: it runs for every bundle that carries dated records, locks or not.
_ACTIVE = select(
    _LOCKS.c.id,
    _LOCKS.c.division_code,
    _LOCKS.c.period_code,
    _LOCKS.c.starts_on,
    _LOCKS.c.ends_on,
    _LOCKS.c.locked_by,
).where(_LOCKS.c.deleted.is_(False), _LOCKS.c.unlocked_at.is_(None))


@dataclass(frozen=True)
class _Lock:
    id: str
    division: str
    code: str
    starts: str  # ISO dates: compared as text
    ends: str  # exclusive
    by: str


def check_period_locks(
    conn: Connection,
    signer: Authority,
    rows_by_table: Mapping[str, TableRows],
    source: str,
    present: Mapping[str, set[str]],
    here_device: str,
) -> None:
    """Refuse (BadFileError) a bundle that would change a record dated in a locked period, or a lock
    its signer did not place and is not above. Reads only.

    ``present`` (from the authority check) names the incoming ids stored here already;
    ``here_device`` is this installation's device id."""
    if "period_lock" in rows_by_table:
        _refuse_foreign_lock_changes(
            conn, signer, rows_by_table["period_lock"], present.get("period_lock", set()), here_device, source
        )
    if not any(t in rows_by_table for t in (*DATED, "visit_goods")):
        return
    locks = _active_locks(conn, rows_by_table.get("period_lock"))
    if not locks:
        return
    touched: list[tuple[str, str, str, str]] = []  # (table, row id, division, ISO day)
    visits = _dated_rows(conn, "visit", rows_by_table, present, touched)
    for name in ("activity", "training", "project_payment"):
        _dated_rows(conn, name, rows_by_table, present, touched)
    if "visit_goods" in rows_by_table:
        _goods(conn, rows_by_table["visit_goods"], present.get("visit_goods", set()), visits, touched)
    hits: dict[str, list[tuple[str, str, str]]] = {}
    for table, row_id, division, day in touched:
        for lock in locks:
            if lock.starts <= day < lock.ends and in_subtree(division, lock.division):
                hits.setdefault(lock.id, []).append((table, row_id, day))
                break
    if not hits:
        return
    lock = next(lk for lk in locks if lk.id in hits)
    bad = hits[lock.id]
    table, row_id, day = bad[0]
    raise BadFileError(
        source,
        f"发送方“{signer.name}”（密钥 {signer.key_id}，区划 {signer.division_code}）发来的记录会修改已锁定的"
        f"{parse_period(lock.code).label}（区划 {lock.division}，{lock.by or '管理员'}锁定）中的数据，共 "
        f"{len({(t, r) for t, r, _ in bad})} 条，例如数据表“{table}”的记录 {row_id}（日期 {day}）。"
        "如确需更正，请县级管理员在“绩效评价”页解锁该期间（须写明原因）后重新合并此文件",
    )


def _refuse_foreign_lock_changes(
    conn: Connection, signer: Authority, incoming: TableRows, known: set[str], here_device: str, source: str
) -> None:
    stored = _stored(conn, "period_lock", (i for i in incoming.columns[0] if i in known), ["period_code"])
    changed = [
        (row[0], stored[row[0]])
        for row in incoming.rows
        if row[0] in stored and _changes(row, incoming.fields, stored[row[0]])
    ]
    if not changed:
        return
    creators = {old[1][-DEVICE_CHARS:] for _, old in changed} - {here_device}
    ledger = table_of(BundleLedger)
    placed_in: dict[str, str] = {}
    if creators:
        query = select(ledger.c.sender_device, ledger.c.sender_division).where(
            ledger.c.sender_device.in_(sorted(creators))
        )
        placed_in = {device: division for device, division in conn.execute(query)}
    bad: list[tuple[str, str, str]] = []  # (lock id, period code, division that placed it)
    for lock_id, old in changed:
        device = old[1][-DEVICE_CHARS:]
        if device == here_device:
            bad.append((lock_id, old[3], "本机"))
        elif device in placed_in and not in_subtree(placed_in[device], signer.division_code or ""):
            bad.append((lock_id, old[3], f"区划 {placed_in[device]}"))
    if not bad:
        return
    lock_id, code, where = bad[0]
    raise BadFileError(
        source,
        f"发送方“{signer.name}”（密钥 {signer.key_id}，区划 {signer.division_code}）要修改或解锁不是它设置的"
        f"期间锁定，共 {len(bad)} 条，例如{parse_period(code).label}的锁定 {lock_id}（由{where}设置）。"
        "期间锁定只能由设置它的单位或其上级解锁，文件未合并",
    )


def _active_locks(conn: Connection, incoming: TableRows | None) -> list[_Lock]:
    locks = [_Lock(r[0], r[1], r[2], _iso(r[3]), _iso(r[4]), r[5] or "") for r in conn.execute(_ACTIVE)]
    if not locks or incoming is None:
        return locks
    released: set[str] = set()
    for state in incoming.states():
        if state.values.get("unlocked_at") is not None or state.values.get("deleted") is True:
            released.add(state.id)
    return [lk for lk in locks if lk.id not in released]


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _stored(conn: Connection, table: str, ids: Iterable[str], columns: list[str]) -> dict[str, Any]:
    """The stored rows among ``ids`` (id, created_stamp, field_stamps, then ``columns``)."""
    t = table_of(synced_tables()[table])
    wanted = list(ids)
    out: dict[str, Any] = {}
    cols = [t.c.id, t.c.created_stamp, t.c.field_stamps, *(t.c[c] for c in columns)]
    for start in range(0, len(wanted), CHUNK):
        for row in conn.execute(select(*cols).where(t.c.id.in_(wanted[start : start + CHUNK]))):
            out[row[0]] = row
    return out


def _changes(row: list[Any], fields: tuple[str, ...], stored: Any) -> bool:
    """Whether merging this incoming row would change the stored one (a newer stamp on a field)."""
    if stored is None:
        return True
    ours: dict[str, str] = dict(stored[2] or {})
    theirs: dict[str, str] = row[2] or {}
    return any(theirs.get(f, row[1]) > ours.get(f, stored[1]) for f in fields)


def _dated_rows(
    conn: Connection,
    name: str,
    rows_by_table: Mapping[str, TableRows],
    present: Mapping[str, set[str]],
    touched: list[tuple[str, str, str, str]],
) -> dict[str, list[tuple[str, str]]]:
    """Add the (division, day) pairs of the rows of ``name`` that change something; returns every
    incoming row's pairs by id (a visit's, for its goods)."""
    incoming = rows_by_table.get(name)
    if incoming is None:
        return {}
    day_col, division_col = DATED[name]
    link = division_col or _PAYMENT_PROJECT
    known = present.get(name, set())
    stored = _stored(conn, name, (i for i in incoming.columns[0] if i in known), [day_col, link])
    fields = incoming.fields
    day_at = fields.index(day_col) + HEAD if day_col in fields else None
    link_at = fields.index(link) + HEAD if link in fields else None
    pairs_of: dict[str, list[tuple[str, Any]]] = {}
    for row in incoming.rows:
        old = stored.get(row[0])
        days = {d for d in (row[day_at] if day_at else None, old[3] if old else None) if d}
        links = {x for x in (row[link_at] if link_at else None, old[4] if old else None) if x}
        pairs_of[row[0]] = [(x, _iso(d)) for x in links for d in days]
    if division_col is None:  # a payment lies where its project lies
        projects = {x for pairs in pairs_of.values() for x, _ in pairs}
        division = _project_divisions(conn, projects, rows_by_table.get("project"))
        pairs_of = {i: [(division.get(x, ""), d) for x, d in pairs] for i, pairs in pairs_of.items()}
    out: dict[str, list[tuple[str, str]]] = {}
    for row in incoming.rows:
        pairs = pairs_of[row[0]]
        out[row[0]] = pairs
        if _changes(row, fields, stored.get(row[0])):
            touched.extend((name, row[0], division, day) for division, day in pairs)
    return out


def _project_divisions(conn: Connection, ids: set[str], incoming: TableRows | None) -> dict[str, str]:
    found: dict[str, str] = {}
    if incoming is not None and "division_code" in incoming.fields:
        found = {
            i: d
            for i, d in zip(incoming.columns[0], incoming.column("division_code"), strict=True)
            if i in ids
        }
    missing = ids - set(found)
    if missing:
        t = table_of(synced_tables()["project"])
        wanted = sorted(missing)
        for start in range(0, len(wanted), CHUNK):
            query = select(t.c.id, t.c.division_code).where(t.c.id.in_(wanted[start : start + CHUNK]))
            found.update((r[0], r[1]) for r in conn.execute(query))
    return found


def _goods(
    conn: Connection,
    incoming: TableRows,
    known: set[str],
    visits: dict[str, list[tuple[str, str]]],
    touched: list[tuple[str, str, str, str]],
) -> None:
    """Goods lie in their visit's period: the visit as it arrives, else as stored."""
    stored = _stored(conn, "visit_goods", (i for i in incoming.columns[0] if i in known), ["visit_id"])
    fields = incoming.fields
    at = fields.index("visit_id") + HEAD if "visit_id" in fields else None
    visit_ids: dict[str, set[str]] = {}
    for row in incoming.rows:
        if not _changes(row, fields, stored.get(row[0])):
            continue
        old = stored.get(row[0])
        visit_ids[row[0]] = {v for v in (row[at] if at else None, old[3] if old else None) if v}
    wanted = {v for ids in visit_ids.values() for v in ids} - set(visits)
    t = table_of(synced_tables()["visit"])
    here: dict[str, list[tuple[str, str]]] = {}
    ordered = sorted(wanted)
    for start in range(0, len(ordered), CHUNK):
        query = select(t.c.id, t.c.division_code, t.c.visited_on).where(
            t.c.id.in_(ordered[start : start + CHUNK])
        )
        for r in conn.execute(query):
            here[r[0]] = [(r[1], _iso(r[2]))]
    for goods_id, ids in visit_ids.items():
        for visit_id in ids:
            for division, day in visits.get(visit_id) or here.get(visit_id, []):
                touched.append(("visit_goods", goods_id, division, day))
