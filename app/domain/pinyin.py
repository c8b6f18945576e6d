"""Pinyin keys for the one-box search: 张三 is found by "zs", "zhangsan" or "张三"."""

from __future__ import annotations

from functools import lru_cache

from pypinyin import Style, lazy_pinyin

# Surnames whose reading differs from the common one (pypinyin reads single characters by
# frequency): 单 shàn, 解 xiè, 曾 zēng, 区 ōu, 仇 qiú, 朴 piáo, 查 zhā, 盖 gě, 缪 miào.
_SURNAMES: dict[str, list[str]] = {
    "单": ["shan"],
    "解": ["xie"],
    "曾": ["zeng"],
    "区": ["ou"],
    "仇": ["qiu"],
    "朴": ["piao"],
    "查": ["zha"],
    "盖": ["ge"],
    "缪": ["miao"],
    "尉迟": ["yu", "chi"],
    "长孙": ["zhang", "sun"],
}


def _syllables(text: str) -> list[str]:
    text = text.strip()
    for surname, reading in _SURNAMES.items():
        if text.startswith(surname) and len(text) > len(surname):
            return reading + _plain(text[len(surname) :])
    return _plain(text)


def _plain(text: str) -> list[str]:
    # Non-Chinese runs come back whole; lower-case them so "A座" and "a座" search alike.
    return [s.lower() for s in lazy_pinyin(text, style=Style.NORMAL, errors="default")]


@lru_cache(maxsize=65536)
def initials(text: str) -> str:
    out = []
    for syllable in _syllables(text):
        out.append(syllable if not syllable.isalpha() or not syllable.isascii() else syllable[0])
    return "".join(out)


@lru_cache(maxsize=65536)
def full_pinyin(text: str) -> str:
    return "".join(_syllables(text))


def search_key(name: str) -> str:
    """One lower-case string matched with LIKE '%term%': initials, full pinyin, the name itself."""
    name = (name or "").strip()
    if not name:
        return ""
    return f"{initials(name)} {full_pinyin(name)} {name.lower()}"
