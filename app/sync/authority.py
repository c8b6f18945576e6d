"""What a bundle's signer may write, checked before anything is: its division's subtree, and no more.

Every row must lie inside the signer's subtree — by its own ``division_code``, by the division
of its parent for child rows (members, goods, payments…), or by its code for division rows —
both as it arrives and as it is stored here (so an edit cannot move another county's record
into one's own). Every division named must be in the division list, every parent a row that
exists here or arrives with it. Reference rows never come up from below, except the local
division changes a county makes inside its own subtree.

Cheap on the hot path: per table a set of the distinct division codes (or parent ids) the rows
name, compared with the set of the subtree's codes; one ``SELECT id, …`` per chunk for the rows
that exist already, whose answer the merge reuses instead of asking again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NoReturn

from sqlalchemy import Connection, select

from app.database.base import content_columns, scalar_defaults, synced_tables, table_of
from app.database.models import Division
from app.domain.errors import BadFileError
from app.domain.permissions import subtree_prefix
from app.sync.keys import Authority
from app.sync.merge_plan import CHUNK
from app.sync.payload import TableRows
from app.sync.pg_arrays import text_array

# Rows that never come up from below: the province issues them in setup packages.
ISSUED_TABLES = frozenset({"project_catalogue", "indicator_definition", "indicator_target"})
# Rows without a division of their own: they lie where their parent lies.
PARENT_OF: Mapping[str, tuple[str, str]] = {
    "association_term": ("association_id", "association"),
    "family_member": ("family_id", "special_family"),
    "insurance_policy": ("family_id", "special_family"),
    "insurance_claim": ("family_id", "special_family"),
    "visit_goods": ("visit_id", "visit"),
    "project_payment": ("beneficiary_id", "project_beneficiary"),
}
# Further references that must name a row that exists (None allowed where the column is optional).
REFERENCES: Mapping[str, tuple[tuple[str, str], ...]] = {
    "visit": (("family_id", "special_family"),),
    "person_role": (("person_id", "person"), ("association_id", "association")),
    "project_beneficiary": (("project_id", "project"), ("family_id", "special_family")),
    "project_payment": (("project_id", "project"),),
    "activity": (("association_id", "association"),),
    "position": (("association_id", "association"),),
    "insurance_claim": (("policy_id", "insurance_policy"),),
    "volunteer_service": (("family_id", "special_family"), ("person_id", "person")),
}


@dataclass(frozen=True)
class Checked:
    """What the check learnt on the way, for the merge: which incoming ids exist here already."""

    present: dict[str, set[str]]


class _Refusal:
    """Builds the one message a refused bundle gets: who, why, how many, one example."""

    def __init__(self, signer: Authority, source: str) -> None:
        self.signer, self.source = signer, source

    def __call__(self, reason: str, count: int, table: str, row_id: str, detail: str = "") -> NoReturn:
        s = self.signer
        raise BadFileError(
            self.source,
            f"发送方“{s.name}”（密钥 {s.key_id}，区划 {s.division_code}）{reason}，共 {count} 条，"
            f"例如数据表“{table}”的记录 {row_id}{detail}",
        )


def check_authority(
    conn: Connection, signer: Authority, rows_by_table: Mapping[str, TableRows], source: str
) -> Checked:
    """Refuse (BadFileError) the whole bundle at the first rule any row breaks; returns what the merge
    can reuse. Reads only."""
    refuse = _Refusal(signer, source)
    division = signer.division_code
    assert division is not None  # the caller refused a signer without one
    prefix = subtree_prefix(division)
    present: dict[str, set[str]] = {}
    stored: dict[str, dict[str, Any]] = {}  # table -> id -> its stored division or parent id
    for name, incoming in rows_by_table.items():
        key_column = _key_column(name)
        present[name], stored[name] = _existing(conn, name, incoming.columns[0], key_column)
    for name in sorted(rows_by_table):
        _new_rows_are_whole(name, rows_by_table[name], present[name], refuse)
    for name in sorted(rows_by_table):
        if name in ISSUED_TABLES:
            t = rows_by_table[name]
            refuse("发来了只能由上级在配置包中下发的数据", len(t), name, t.rows[0][0])
    known = _known_divisions(conn, prefix)
    if "division" in rows_by_table:
        known |= _check_divisions(signer, rows_by_table["division"], stored["division"], prefix, refuse)
    everywhere: set[str] | None = None  # every code in the list, only looked up to explain a refusal

    def check_codes(name: str, codes: Iterable[str | None], ids: Iterable[str], stored_too: bool) -> None:
        nonlocal everywhere
        wanted = set(codes)
        wanted.discard(None)
        outside = wanted - known
        if not outside:
            return
        bad = [(row_id, code) for row_id, code in zip(ids, codes, strict=True) if code in outside]
        row_id, code = bad[0]
        if everywhere is None:
            everywhere = set(conn.scalars(select(table_of(Division).c.code)))
        inside = str(code).startswith(prefix)
        if inside and code not in everywhere:
            refuse("发来的记录所属区划不在区划表中", len(bad), name, row_id, f"（区划 {code}）")
        what = "已有记录" if stored_too else "记录"
        refuse(f"无权写入本区划以外的{what}", len(bad), name, row_id, f"（区划 {code}）")

    divisions_of: dict[str, dict[str, str]] = {}  # parent tables' id -> division, for their children
    for name in sorted(rows_by_table):
        incoming = rows_by_table[name]
        if name in ISSUED_TABLES or name == "division":
            continue
        ids = incoming.columns[0]
        if name in PARENT_OF:
            continue
        if "division_code" not in incoming.fields:
            refuse("发来的记录缺少必填字段“division_code”", len(incoming), name, ids[0])
        codes = incoming.column("division_code")
        check_codes(name, codes, ids, False)
        olds = stored[name]
        if olds:
            check_codes(name, list(olds.values()), list(olds), True)
        divisions_of[name] = dict(zip(ids, codes, strict=True))
    for name in sorted(PARENT_OF):
        if name not in rows_by_table:
            continue
        incoming = rows_by_table[name]
        column, parent = PARENT_OF[name]
        if column not in incoming.fields:
            refuse(f"发来的记录缺少必填字段“{column}”", len(incoming), name, incoming.columns[0][0])
        parents = incoming.column(column)
        olds = stored[name]
        lookup = _parent_divisions(
            conn, parent, {*parents, *olds.values()}, divisions_of.get(parent, {}), name, incoming, refuse
        )
        check_codes(name, [lookup[p] for p in parents], incoming.columns[0], False)
        if olds:
            check_codes(name, [lookup[p] for p in olds.values()], list(olds), True)
    for name, refs in sorted(REFERENCES.items()):
        if name in rows_by_table:
            incoming = rows_by_table[name]
            for column, parent in refs:
                if column in incoming.fields:
                    _check_references(conn, name, incoming, column, parent, rows_by_table, refuse)
    return Checked(present)


def _new_rows_are_whole(name: str, incoming: TableRows, present: set[str], refuse: _Refusal) -> None:
    """A row new here must carry every required column (an update may carry fewer)."""
    model = synced_tables()[name]
    defaults = scalar_defaults(model)
    t = table_of(model)
    required = [
        c
        for c in content_columns(model)
        if not t.c[c].nullable and c not in defaults and t.c[c].server_default is None
    ]
    missing = [c for c in required if c not in incoming.fields]
    if not missing:
        return
    new = [i for i in incoming.columns[0] if i not in present]
    if new:
        refuse(f"发来的新记录缺少必填字段“{'、'.join(missing)}”", len(new), name, new[0])


def _key_column(name: str) -> str | None:
    if name in PARENT_OF:
        return PARENT_OF[name][0]
    if name == "division":
        return "code"
    if name in ISSUED_TABLES:
        return None
    return "division_code"


def _rows_in(conn: Connection, table: str, columns: str, values: Iterable[Any]) -> list[Any]:
    """``SELECT columns FROM table WHERE id IN values``, a chunk at a time: plain SQL on SQLite (the
    merge's own reasoning: Core's compile of a 2 000-id IN cost more than the query), one ``= ANY``
    array on PostgreSQL, Core elsewhere."""
    wanted = list(values)
    if conn.dialect.name == "postgresql":
        # The whole list as one array parameter: one statement, nothing to compile per id.
        query = f"SELECT {columns} FROM {table} WHERE id = ANY(%s::varchar[])"
        return list(conn.exec_driver_sql(query, (text_array(wanted),)).all())
    out: list[Any] = []
    sqlite = conn.dialect.name == "sqlite"
    model = synced_tables()[table]
    t = table_of(model)
    names = [c.strip() for c in columns.split(",")]
    for start in range(0, len(wanted), CHUNK):
        chunk = tuple(wanted[start : start + CHUNK])
        if sqlite:
            query = f"SELECT {columns} FROM {table} WHERE id IN ({', '.join('?' * len(chunk))})"
            out.extend(conn.exec_driver_sql(query, chunk).all())
        else:
            out.extend(conn.execute(select(*(t.c[n] for n in names)).where(t.c.id.in_(chunk))).all())
    return out


def _existing(
    conn: Connection, name: str, ids: tuple[Any, ...], column: str | None
) -> tuple[set[str], dict[str, Any]]:
    """Which incoming ids exist here, and for each its stored division (or parent id)."""
    found = _rows_in(conn, name, f"id, {column}" if column else "id", ids)
    present = {row[0] for row in found}
    olds = {row[0]: row[1] for row in found} if column else {}
    return present, olds


def _known_divisions(conn: Connection, prefix: str) -> set[Any]:
    table = table_of(Division)
    # A range on the indexed code (codes are digits): a LIKE scanned the whole list, per bundle.
    query = select(table.c.code).where(table.c.code.between(prefix.ljust(12, "0"), prefix.ljust(12, "9")))
    return set(conn.scalars(query))


def _check_divisions(
    signer: Authority, rows: TableRows, olds: dict[str, Any], prefix: str, refuse: _Refusal
) -> set[Any]:
    """Local division changes: only a county's, only strictly below itself. Returns the new codes."""
    ids = rows.columns[0]
    if signer.role != "county":
        refuse("发来了区划表的修改（区划表只能由县级在本县范围内修改）", len(rows), "division", ids[0])
    own = signer.division_code
    for field in ("code", "parent_code"):
        if field not in rows.fields:
            refuse(f"发来的区划缺少必填字段“{field}”", len(rows), "division", ids[0])
    codes, parents = rows.column("code"), rows.column("parent_code")

    def outside(code: Any, *, parent: bool = False) -> bool:
        return not (isinstance(code, str) and code.startswith(prefix)) or (code == own and not parent)

    bad = [
        (i, c)
        for i, c, p in zip(ids, codes, parents, strict=True)
        if outside(c) or outside(p, parent=True) or outside(olds.get(i, c))
    ]
    if bad:
        refuse(
            "无权修改本县以外（或本县自身）的区划", len(bad), "division", bad[0][0], f"（区划 {bad[0][1]}）"
        )
    return set(codes)


def _parent_divisions(
    conn: Connection,
    parent: str,
    parent_ids: set[Any],
    arriving: dict[str, str],
    name: str,
    incoming: TableRows,
    refuse: _Refusal,
) -> dict[Any, str]:
    """The division of each parent id: from the rows arriving with it, else from here."""
    lookup: dict[Any, str] = {p: arriving[p] for p in parent_ids if p in arriving}
    missing = [p for p in parent_ids if p not in lookup]
    if missing:
        lookup.update((r[0], r[1]) for r in _rows_in(conn, parent, "id, division_code", missing))
    orphans = [p for p in parent_ids if p not in lookup]
    if orphans:
        column = PARENT_OF[name][0]
        gone = set(orphans)
        bad = [i for i, p in zip(incoming.columns[0], incoming.column(column), strict=True) if p in gone]
        example = bad[0] if bad else incoming.columns[0][0]
        refuse(
            f"发来的记录引用了不存在的上级记录（数据表“{parent}”中没有；请先合并该发送方更早的同步文件）",
            max(len(bad), 1),
            name,
            example,
        )
    return lookup


def _check_references(
    conn: Connection,
    name: str,
    incoming: TableRows,
    column: str,
    parent: str,
    rows_by_table: Mapping[str, TableRows],
    refuse: _Refusal,
) -> None:
    refs = set(incoming.column(column))
    refs.discard(None)
    if parent in rows_by_table:
        refs -= set(rows_by_table[parent].columns[0])
    if not refs:
        return
    found = {r[0] for r in _rows_in(conn, parent, "id", refs)}
    orphans = refs - found
    if orphans:
        bad = [i for i, p in zip(incoming.columns[0], incoming.column(column), strict=True) if p in orphans]
        refuse(
            f"发来的记录引用了不存在的记录（字段“{column}”指向的“{parent}”中没有；请先合并该发送方更早的同步文件）",
            len(bad),
            name,
            bad[0],
        )
