"""Finding the division a roster row names — by code, or by a village, township or county name as
people write them — among the live divisions this installation holds (read once per file)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.database.models import Division
from app.domain.enums import DivisionLevel
from app.domain.errors import UserInputError
from app.domain.validation import normalize_division_code
from app.services.shared.divisions import division_prefix
from app.services.shared.scope import root_code
from app.services.shared.workspace import Workspace


def short_name(name: str) -> str:
    """福高村委会 → 福高村, 龙井社区居委会 → 龙井社区: names as rosters write them."""
    for suffix, keep in (("村民委员会", "村"), ("居民委员会", ""), ("村委会", "村"), ("居委会", "")):
        if name.endswith(suffix):
            return name[: -len(suffix)] + keep
    return name


@dataclass
class PlaceFinder:
    """Divisions by code and by name; ``find`` answers (code, "") or (None, a Chinese problem)."""

    levels: dict[str, DivisionLevel] = field(default_factory=dict)  # code → level
    parents: dict[str, str | None] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # code → name
    by_name: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    _seen: dict[tuple[Any, ...], tuple[str | None, str]] = field(default_factory=dict)

    @classmethod
    def load(cls, s: Session, ws: Workspace) -> PlaceFinder:
        finder = cls()
        prefix = division_prefix(root_code(ws))
        for code, name, level, parent in s.execute(
            select(Division.code, Division.name, Division.level, Division.parent_code).where(
                Division.deleted.is_(False),
                Division.valid_to.is_(None),
                Division.code >= prefix,
                Division.code < prefix + "~",
            )
        ):
            finder.levels[code] = level
            finder.parents[code] = parent
            finder.names[code] = name
            finder.by_name[name].append(code)
            if short_name(name) != name:
                finder.by_name[short_name(name)].append(code)
        return finder

    def find(self, code: str | None, township: str | None, village: str | None) -> tuple[str | None, str]:
        """The most precise division a row names: its code, else its village (within its township
        when names repeat), else its township; (None, "") when the row names none."""
        asked = (code, township, village)
        found = self._seen.get(asked)
        if found is None:
            found = self._seen[asked] = self._find(code, township, village)
        return found

    def _find(self, code: str | None, township: str | None, village: str | None) -> tuple[str | None, str]:
        code = (code or "").strip()
        if code:
            try:
                normal = normalize_division_code(code)
            except UserInputError as exc:
                return None, str(exc)
            if normal in self.levels:
                return normal, ""
            return None, f"区划代码 {code} 不在本机的区划表中"
        town_name = short_name((township or "").replace(" ", ""))
        towns = [c for c in self.by_name.get(town_name, []) if self.levels[c] is DivisionLevel.TOWNSHIP]
        village_name = (village or "").replace(" ", "")
        if village_name:
            found = [
                c
                for c in self.by_name.get(village_name, []) or self.by_name.get(short_name(village_name), [])
                if self.levels[c] is DivisionLevel.VILLAGE
            ]
            if towns and len(found) > 1:
                found = [c for c in found if self.parents.get(c) in towns]
            if len(found) == 1:
                return found[0], ""
            if not found:
                return None, f"找不到名为“{village_name}”的村（社区），请核对村名或填写区划代码"
            return None, f"有 {len(found)} 个村（社区）都叫“{village_name}”，请填写乡镇或区划代码"
        if town_name:
            if len(towns) == 1:
                return towns[0], ""
            if not towns:
                return None, f"找不到名为“{town_name}”的乡镇（街道），请核对名称或填写区划代码"
            return None, f"有 {len(towns)} 个乡镇（街道）都叫“{town_name}”，请填写区划代码"
        return None, ""
