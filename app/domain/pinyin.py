"""Pinyin keys for the one-box search: 张三 is found by "zs", "zhangsan" or "张三"."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Surnames whose reading as a surname differs from the one pypinyin picks (it reads by frequency
# and by phrase, so 单田芳 comes out dan-, 解放村 rightly jie-): 单 shàn, 解 xiè, 曾 zēng, 区 ōu,
# 仇 qiú, 朴 piáo, 查 zhā, 盖 gě, 缪 miào. Only applied to people's names (as_name=True).
_SURNAMES: dict[str, tuple[str, ...]] = {
    "单": ("shan",),
    "解": ("xie",),
    "曾": ("zeng",),
    "区": ("ou",),
    "仇": ("qiu",),
    "朴": ("piao",),
    "查": ("zha",),
    "盖": ("ge",),
    "缪": ("miao",),
    "尉迟": ("yu", "chi"),
    "长孙": ("zhang", "sun"),
}

# Han characters (the BMP blocks, 〇, and the supplementary planes where rare name characters live)
# versus everything else.
_HAN_RUN = re.compile(r"([\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+)")


@lru_cache(maxsize=65536)
def _tokens(text: str, *, as_name: bool) -> tuple[tuple[str, bool], ...]:
    """(token, is_syllable) pairs: a syllable per Han character, a lower-case run for the rest.

    Spaces and punctuation (the · in 买买提·艾力) are dropped; letters and digits are kept whole,
    so "ABC座" gives "abc" + "zuo", never "a" + "zuo".
    """
    text = unicodedata.normalize("NFKC", text or "").strip()  # full-width Ａ１ → A1
    tokens: list[tuple[str, bool]] = []
    if as_name:
        for surname, reading in _SURNAMES.items():
            if text.startswith(surname) and len(text) > len(surname):
                tokens = [(s, True) for s in reading]
                text = text[len(surname) :]
                break
        else:
            return _tokens(text, as_name=False)  # no special surname: the plain reading, cached once
    for run in _HAN_RUN.split(text):
        if not run:
            continue
        if _HAN_RUN.fullmatch(run):
            # Imported when first needed (a save, an import): its dictionary is a third of a second
            # of the program's start otherwise, and searching does not need it.
            from pypinyin import Style, lazy_pinyin

            # A character pypinyin does not know comes back as itself: kept whole, never dropped.
            syllables = lazy_pinyin(run, style=Style.NORMAL, errors="default")
            tokens.extend((s, s.isascii()) for s in syllables)
        else:
            kept = "".join(ch for ch in run.lower() if ch.isalnum())
            if kept:
                tokens.append((kept, False))
    return tuple(tokens)


@lru_cache(maxsize=65536)
def initials(text: str, *, as_name: bool = False) -> str:
    """ "张三" → "zs"; "A座3号" → "az3h". With as_name, a leading surname reads as a surname (单 → s)."""
    return "".join(
        token[0] if is_syllable else token for token, is_syllable in _tokens(text, as_name=as_name)
    )


@lru_cache(maxsize=65536)
def full_pinyin(text: str, *, as_name: bool = False) -> str:
    """ "张三" → "zhangsan" (tone-less, ü written v as it is typed: 吕 → lv)."""
    return "".join(token for token, _ in _tokens(text, as_name=as_name))


def normalize_search_text(text: str) -> str:
    """How a typed search term and the name part of a key are folded: NFKC (Ａ１ → a1), lower case."""
    return unicodedata.normalize("NFKC", text or "").strip().lower()


@lru_cache(maxsize=65536)
def search_key(name: str) -> str:
    """One lower-case string matched with LIKE '%term%': initials, full pinyin, the name itself.

    For a name that starts with a polyphonic surname both readings go in ("sxx danxx shanxx 单…"),
    so a person is found either way and a place such as 解放村 still by "jfc".
    """
    name = (name or "").strip()
    if not name:
        return ""
    parts: list[str] = []
    for as_name in (False, True):
        for part in (initials(name, as_name=as_name), full_pinyin(name, as_name=as_name)):
            if part and part not in parts:
                parts.append(part)
    parts.append(normalize_search_text(name))
    return " ".join(parts)
