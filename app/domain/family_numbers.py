"""The rule that gives a new family its 档案编号 when the clerk leaves the field blank.

A rule is a short pattern the county sets (and hands to its townships in the setup package)::

    {township}-{year}-{seq:4}     →  430121001-2026-0001   (the default)
    CS{village}{seq:3}            →  CS430121001001001

Parts: ``{county}`` the first 6 digits of the family's division code, ``{township}`` the first 9,
``{village}`` all 12, ``{year}`` the year of registration, ``{seq}`` or ``{seq:N}`` the running
number (N digits, 1–8, default 4) — one past the highest number already given under the same
prefix. Between the parts: letters, digits and ``- _ / .``. A rule must name the township or the
village: every township numbers its own families, so a rule by county alone would give two
townships the same numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DEFAULT_RULE = "{township}-{year}-{seq:4}"
MAX_LENGTH = 30  # special_family.family_no
_PART = re.compile(r"\{([a-z]+)(?::(\d+))?\}")
_LITERAL = re.compile(r"[A-Za-z0-9\-_/.]*")
_WIDTHS = {"county": 6, "township": 9, "village": 12, "year": 4}
_PARTS_HELP = "{county} {township} {village} {year} {seq:4}"


@dataclass(frozen=True)
class FamilyNumberRule:
    """A checked rule: the text before the running number, its width, and the text after it."""

    text: str
    before: str  # with {county} … still in it
    width: int
    after: str

    def prefix(self, division_code: str, year: int) -> str:
        return _fill(self.before, division_code, year)

    def suffix(self, division_code: str, year: int) -> str:
        return _fill(self.after, division_code, year)

    def number(self, division_code: str, year: int, seq: int) -> str:
        return f"{self.prefix(division_code, year)}{seq:0{self.width}d}{self.suffix(division_code, year)}"

    def sequence_of(self, family_no: str, division_code: str, year: int) -> int | None:
        """The running number inside a 档案编号 this rule gave, or None when it is not one of them."""
        head, tail = self.prefix(division_code, year), self.suffix(division_code, year)
        if not (family_no.startswith(head) and family_no.endswith(tail)):
            return None
        middle = family_no[len(head) : len(family_no) - len(tail)]
        return int(middle) if middle.isascii() and middle.isdigit() else None


def _fill(text: str, division_code: str, year: int) -> str:
    values = {
        "county": division_code[:6],
        "township": division_code[:9],
        "village": division_code[:12],
        "year": f"{year:04d}",
    }
    return _PART.sub(lambda m: values[m.group(1)], text)


def rule_problem(text: str) -> str | None:
    """What is wrong with a rule, in Chinese; None when it can be used."""
    try:
        parse_rule(text)
    except ValueError as exc:
        return str(exc)
    return None


def parse_rule(text: str) -> FamilyNumberRule:
    """The rule in ``text``; raises ValueError with a Chinese message saying what is wrong."""
    text = text.strip()
    if not text:
        raise ValueError("请填写档案编号规则，例如 " + DEFAULT_RULE)
    parts = list(_PART.finditer(text))
    literals = _PART.split(text)[::3]
    if any(not _LITERAL.fullmatch(piece) for piece in literals) or "{" in "".join(literals):
        raise ValueError("编号规则中只能有字母、数字、- _ / . 和 " + _PARTS_HELP)
    names = [m.group(1) for m in parts]
    unknown = sorted(set(names) - {*_WIDTHS, "seq"})
    if unknown:
        raise ValueError(f"编号规则中的 {{{unknown[0]}}} 不认识：可用 {_PARTS_HELP}")
    if names.count("seq") != 1:
        raise ValueError("编号规则中须有且只有一个流水号 {seq} 或 {seq:4}")
    if "township" not in names and "village" not in names:
        raise ValueError("编号规则须含乡镇 {township} 或村 {village} 代码：各乡镇分别编号，只按县编号会重号")
    seq = parts[names.index("seq")]
    width = int(seq.group(2) or 4)
    if not 1 <= width <= 8:
        raise ValueError("流水号的位数应为 1–8 位，例如 {seq:4}")
    length = len(_PART.sub(lambda m: "0" * (_WIDTHS.get(m.group(1)) or width), text))
    if length > MAX_LENGTH:
        raise ValueError(f"按此规则编出的档案编号有 {length} 位，超过了 {MAX_LENGTH} 位")
    return FamilyNumberRule(text, text[: seq.start()], width, text[seq.end() :])
