"""The one-box search: name, pinyin initials or full pinyin, ID number, phone — as SQL conditions.

Every word typed must match (``zs 1234`` finds 张三 whose phone holds 1234). A word is matched
where it can be: letters and Han characters against the pinyin key (``name_key``, filled with
``app.domain.pinyin.search_key``, which also holds the name itself), digits against ID numbers,
phones and record numbers. All of it runs in the database; nothing is loaded to be filtered in
Python. Substring LIKE cannot use a B-tree index, but scanning one narrow condition over 100 000
rows takes a few tens of milliseconds; ID-number prefixes of members use their index.

``text_clause`` is generic, for any list with a name key and number columns; ``family_clause``
is the family list's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_, select

from app.database.models import FamilyMember, SpecialFamily
from app.domain.pinyin import normalize_search_text
from app.services.shared.scope import within
from app.services.shared.workspace import Workspace

_HAN = re.compile(r"[\u3007\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_NUMBERISH = re.compile(r"[0-9x\-]+")  # ID numbers end in X; phones carry dashes
_MEMBER_ID_PREFIX = 10  # region + birth year and month: narrow enough to be worth the index
_MEMBER_NAME_MIN = 2  # one Han character matches a third of all names: members only from two


def words(term: str) -> list[str]:
    """The search words: full-width folded to ASCII, lower case, LIKE wildcards kept literal."""
    return [w for w in normalize_search_text(term).split() if w]


def like_pattern(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _contains(column: Any, word: str, *, any_case: bool = False) -> ColumnElement[bool]:
    pattern = like_pattern(word)
    if any_case:
        return column.ilike(pattern, escape="\\")  # type: ignore[no-any-return]
    return column.like(pattern, escape="\\")  # type: ignore[no-any-return]


def is_number_word(word: str) -> bool:
    return bool(_NUMBERISH.fullmatch(word)) and any(ch.isdigit() for ch in word)


def text_clause(
    term: str,
    *,
    name_keys: Sequence[Any],
    numbers: Sequence[Any] = (),
    codes: Sequence[Any] = (),
    extra: Any = None,
    like_ignores_case: bool = False,
) -> ColumnElement[bool] | None:
    """A condition matching every word of ``term``, or None for an empty term.

    name_keys: lower-case pinyin keys (``search_key``), matched by letters and Han characters.
    numbers: digit columns (ID numbers, phones), matched by a word of digits (and X, dashes).
    codes: record numbers such as 档案编号, matched case-insensitively by words holding a digit.
    extra: optional ``extra(word) -> condition | None`` for more columns (members, for instance).
    like_ignores_case: the database's LIKE already ignores ASCII case (SQLite): codes use LIKE,
    not ILIKE, which SQLite runs as lower(…) on every row.
    """
    any_case = not like_ignores_case
    conditions: list[ColumnElement[bool]] = []
    for word in words(term):
        options: list[ColumnElement[bool]] = []
        if is_number_word(word):
            digits = word.replace("-", "").upper()
            options += [_contains(c, digits) for c in numbers]
            if digits != word.upper():  # a landline is stored as 0731-84567890: match it as typed too
                options += [_contains(c, word.upper()) for c in numbers]
            options += [_contains(c, word, any_case=any_case) for c in codes]
        else:
            options += [_contains(c, word) for c in name_keys]
            if any(ch.isdigit() for ch in word):
                options += [_contains(c, word, any_case=any_case) for c in codes]
        if extra is not None:
            more = extra(word)
            if more is not None:
                options.append(more)
        conditions.append(or_(*options) if options else false())
    return and_(*conditions) if conditions else None


def _member_match(word: str) -> ColumnElement[bool] | None:
    """Members are found by ID-number prefix (indexed) or by a name of two or more Han characters."""
    live = FamilyMember.deleted.is_(False)
    if is_number_word(word):
        digits = word.replace("-", "").upper()
        if len(digits) < _MEMBER_ID_PREFIX:
            return None
        # A range on the indexed column, not LIKE: it uses the index on every database.
        ids = select(FamilyMember.family_id).where(
            live, FamilyMember.id_number >= digits, FamilyMember.id_number < digits + "~"
        )
        return SpecialFamily.id.in_(ids)
    if len(_HAN.findall(word)) >= _MEMBER_NAME_MIN:
        ids = select(FamilyMember.family_id).where(live, _contains(FamilyMember.name, word))
        return SpecialFamily.id.in_(ids)
    return None


def family_clause(term: str, *, like_ignores_case: bool = False) -> ColumnElement[bool] | None:
    """The family list's search: the head's name and pinyin, phone, ID numbers, 档案编号, members."""
    return text_clause(
        term,
        name_keys=[SpecialFamily.name_key],
        numbers=[SpecialFamily.head_id_number, SpecialFamily.phone],
        codes=[SpecialFamily.family_no],
        extra=_member_match,
        like_ignores_case=like_ignores_case,
    )


def like_ignores_case(ws: Workspace) -> bool:
    """SQLite's LIKE ignores ASCII case already; PostgreSQL's does not."""
    return ws.db.engine.dialect.name == "sqlite"


def search_family_ids(ws: Workspace, term: str, *, limit: int = 50) -> list[str]:
    """Live families matching ``term`` (a quick look-up, e.g. to pick the family of a visit)."""
    clause = family_clause(term, like_ignores_case=like_ignores_case(ws))
    if clause is None:
        return []
    with ws.db.read() as s:
        return list(
            s.scalars(
                select(SpecialFamily.id)
                .where(SpecialFamily.deleted.is_(False), clause, *within(ws, SpecialFamily.division_code))
                .order_by(SpecialFamily.name_key, SpecialFamily.id)
                .limit(limit)
            )
        )
