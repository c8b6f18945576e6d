"""What a roster import looks up, fetched once for the whole file: divisions by name and code,
every stored holder of the file's ID numbers, their families and members, archive numbers."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.database.models import Division, FamilyMember, SpecialFamily
from app.domain.enums import DivisionLevel
from app.domain.records.families import IdNumberHolder
from app.services.families.support import SupportStandards
from app.services.shared.divisions import division_prefix
from app.services.shared.imports import SourceRow
from app.services.shared.scope import in_scope, root_code
from app.services.shared.workspace import Workspace

_IN_CHUNK = 5000  # values per IN (...): well under SQLite's limit of bound parameters


def _short(name: str) -> str:
    """福高村委会 → 福高村, 龙井社区居委会 → 龙井社区: names as rosters write them."""
    for suffix, keep in (("村民委员会", "村"), ("居民委员会", ""), ("村委会", "村"), ("居委会", "")):
        if name.endswith(suffix):
            return name[: -len(suffix)] + keep
    return name


@dataclass
class Lookups:
    ws: Workspace
    villages: dict[str, tuple[str, str, str | None]] = field(
        default_factory=dict
    )  # code → name, level, parent
    by_name: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    township_names: dict[str, str] = field(default_factory=dict)  # code → short name
    holders: dict[str, list[IdNumberHolder]] = field(default_factory=dict)
    family_of_number: dict[str, str] = field(default_factory=dict)
    families: dict[str, SpecialFamily] = field(default_factory=dict)
    members_of: dict[str, list[FamilyMember]] = field(default_factory=lambda: defaultdict(list))
    family_nos: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    support: SupportStandards = field(default_factory=SupportStandards)
    # A roster names the same few hundred villages thousands of times.
    _divisions_seen: dict[tuple[Any, Any, Any], tuple[str | None, str]] = field(default_factory=dict)

    @classmethod
    def load(cls, s: Session, ws: Workspace, rows: Sequence[SourceRow]) -> Lookups:
        look = cls(ws)
        look.support = SupportStandards.load(s)
        prefix = division_prefix(root_code(ws))
        for code, name, level, parent in s.execute(
            select(Division.code, Division.name, Division.level, Division.parent_code).where(
                Division.deleted.is_(False),
                Division.valid_to.is_(None),
                Division.code >= prefix,
                Division.code < prefix + "~",
            )
        ):
            if level in (DivisionLevel.VILLAGE, DivisionLevel.TOWNSHIP):
                look.villages[code] = (name, level, parent)
            if level is DivisionLevel.TOWNSHIP:
                look.township_names[code] = _short(name)
            if level is DivisionLevel.VILLAGE:
                for alias in {name, _short(name)}:
                    look.by_name[alias].append(code)
        numbers = sorted({n for r in rows for k in ("id_number", "head_id_number") if (n := r.values.get(k))})
        look._load_holders(s, numbers)
        nos = sorted({no for r in rows if (no := r.values.get("family_no"))})
        for start in range(0, len(nos), _IN_CHUNK):
            for no, fid in s.execute(
                select(SpecialFamily.family_no, SpecialFamily.id).where(
                    SpecialFamily.family_no.in_(nos[start : start + _IN_CHUNK]),
                    SpecialFamily.deleted.is_(False),
                )
            ):
                look.family_nos[no or ""].add(fid)
        return look

    def _load_holders(self, s: Session, numbers: list[str]) -> None:
        family_ids: set[str] = set()
        for start in range(0, len(numbers), _IN_CHUNK):
            for m, f in s.execute(
                select(FamilyMember, SpecialFamily)
                .join(SpecialFamily, SpecialFamily.id == FamilyMember.family_id)
                .where(
                    FamilyMember.id_number.in_(numbers[start : start + _IN_CHUNK]),
                    FamilyMember.deleted.is_(False),
                    SpecialFamily.deleted.is_(False),
                )
            ):
                self.families[f.id] = f
                family_ids.add(f.id)
                village = self.villages.get(f.division_code, (f.division_code, "", None))[0]
                holder = IdNumberHolder(f.id, m.id, m.name, m.relation, f.head_name, village, f.status)
                self.holders.setdefault(m.id_number or "", []).append(holder)
                self.family_of_number.setdefault(m.id_number or "", f.id)
        ids = sorted(family_ids)
        for start in range(0, len(ids), _IN_CHUNK):
            for m in s.scalars(
                select(FamilyMember).where(
                    FamilyMember.family_id.in_(ids[start : start + _IN_CHUNK]),
                    FamilyMember.deleted.is_(False),
                )
            ):
                self.members_of[m.family_id].append(m)

    # --- the questions the checks ask ------------------------------------------------------------

    def village_exists(self, code: str) -> bool:
        return code in self.villages

    def family_no_taken(self, number: str, except_family: str | None) -> bool:
        return bool(self.family_nos.get(number, set()) - {except_family})

    def family_for(self, numbers: Sequence[str]) -> SpecialFamily | None:
        """The stored family of the first of these people (the head first) already registered."""
        for number in numbers:
            fid = self.family_of_number.get(number) if number else None
            if fid is not None:
                return self.families[fid]
        return None

    def in_scope(self, code: str) -> bool:
        return in_scope(self.ws, code)

    def division_of(self, values: dict[str, Any]) -> tuple[str | None, str]:
        """The village a row names, by code or by name (within its township when names repeat)."""
        asked = (values.get("division_code"), values.get("village"), values.get("township"))
        found = self._divisions_seen.get(asked)
        if found is None:
            found = self._divisions_seen[asked] = self._division_of(values)
        return found

    def _division_of(self, values: dict[str, Any]) -> tuple[str | None, str]:
        code = (values.get("division_code") or "").strip()
        if code:
            return (code, "") if code in self.villages else (None, f"区划代码 {code} 不在本地区划表中")
        name = (values.get("village") or "").replace(" ", "")
        if not name:
            return None, ""  # an update keeps its village; a new family is told by the check
        found = self.by_name.get(name) or self.by_name.get(_short(name)) or []
        township = _short((values.get("township") or "").replace(" ", ""))
        if township and len(found) > 1:
            found = [c for c in found if self.township_names.get(self.villages[c][2] or "") == township]
        if len(found) == 1:
            return found[0], ""
        if not found:
            return None, f"找不到名为“{name}”的村（社区），请核对村名或填写区划代码"
        return None, f"有 {len(found)} 个村（社区）都叫“{name}”，请填写乡镇或区划代码"
