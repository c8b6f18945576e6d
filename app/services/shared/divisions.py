"""Division codes every module checks against: a division's subtree prefix, the ID-number regions."""

from __future__ import annotations

from app.database.divisions import known_region_prefixes
from app.domain.permissions import subtree_prefix


def division_prefix(code: str) -> str:
    """The part of a code that everything below a division shares: 430121100000 → 430121100."""
    return subtree_prefix(code)


def known_id_regions() -> frozenset[str]:
    """Six-digit region prefixes of current counties, for the ID-number warning in forms."""
    return known_region_prefixes()
