"""Reading a setup package's content: every part checked before anything is written.

Raises BadFileError naming the part and the entry. The rules on *who* may grant what are applied
after parsing, against the trust store (setup_package.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from app.database.divisions import DivisionRecord
from app.domain.enums import AdminLevel, DivisionLevel
from app.domain.errors import BadFileError
from app.domain.family_numbers import rule_problem
from app.domain.indicators import IndicatorError, check_definition
from app.domain.validation import check_division_code, division_level
from app.sync.identity import PublicIdentity
from app.sync.jsondoc import has_control_chars, strict_loads

SETUP_FORMAT = "fpa-setup/2"
_OLD_FORMATS = ("fpa-setup/1",)
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
ROLES = ("province", "county", "station")
# The division levels each role may hold: a role's authority is the subtree of its division.
ROLE_LEVELS = {
    "province": ("province",),
    "county": ("city", "county"),
    "station": ("township", "village"),
}
# Column widths of sync_key.name and division.name: PostgreSQL refuses longer text (SQLite would
# store it), so a package is checked against them before anything is written.
_KEY_NAME_CHARS = 80
_DIVISION_NAME_CHARS = 60
# Serials are milliseconds since 1970 by default; anything past 2^53 is no serial of ours.
MAX_SERIAL = 2**53


@dataclass(frozen=True)
class SetupKey:
    public: PublicIdentity
    role: str
    division_code: str | None
    recipient: bool
    trusted_signer: bool


@dataclass(frozen=True)
class SetupContent:
    package_id: str
    issued_at: str
    serial: int
    keys: list[SetupKey]
    divisions: list[DivisionRecord] | None
    catalogue: list[dict[str, Any]]
    indicators: list[dict[str, Any]]
    targets: list[dict[str, Any]]
    family_no_rule: str | None = None  # the issuer's 档案编号 rule; None leaves this node's alone


def role_for(division_code: str) -> str:
    """The role a key of this division has: 430121000000 → county, 430121100000 → station."""
    level = division_level(division_code)
    return next(role for role, levels in ROLE_LEVELS.items() if level in levels)


def valid_division(code: object) -> bool:
    return isinstance(code, str) and not check_division_code("division_code", code)


def parse_setup(data: bytes, source: str) -> SetupContent:
    """Every part checked before anything is written; raises BadFileError naming the part."""
    try:
        doc: Any = strict_loads(data)
    except ValueError:
        raise BadFileError(source, "配置包内容不是有效的 JSON") from None
    if isinstance(doc, dict) and doc.get("format") in _OLD_FORMATS:
        raise BadFileError(source, "这是旧版程序签发的配置包（没有序号和密钥权限），请上级用新版程序重新签发")
    if not isinstance(doc, dict) or doc.get("format") != SETUP_FORMAT:
        raise BadFileError(source, "配置包格式不受支持，请升级程序")
    package_id, issued, serial = doc.get("id"), doc.get("issued_at"), doc.get("serial")
    if not isinstance(package_id, str) or not isinstance(issued, str) or len(issued) > 40:
        raise BadFileError(source, "配置包缺少编号或签发时间")
    if not _UUID.match(package_id):
        # Stored as each key's source (40 characters): a bounded shape no database refuses.
        raise BadFileError(source, "配置包的编号格式不对")
    if type(serial) is not int or not 0 < serial < MAX_SERIAL:
        raise BadFileError(source, "配置包的序号无效")
    parsed_keys = [_key(entry, i, source) for i, entry in enumerate(_list(doc, "keys", source), start=1)]
    if len({k.public.key_id for k in parsed_keys}) != len(parsed_keys):
        raise BadFileError(source, "配置包中同一个密钥出现了不止一次")
    divisions = None
    if doc.get("divisions") is not None:
        divisions = [_division(row, i, source) for i, row in enumerate(_list(doc, "divisions", source), 1)]
    catalogue = [_catalogue(row, i, source) for i, row in enumerate(_list(doc, "catalogue", source), 1)]
    indicators = [_indicator(row, i, source) for i, row in enumerate(_list(doc, "indicators", source), 1)]
    targets = [_target(row, i, source) for i, row in enumerate(_list(doc, "targets", source), 1)]
    rule = doc.get("family_no_rule")
    if rule is not None and (not isinstance(rule, str) or len(rule) > 60 or rule_problem(rule)):
        raise BadFileError(source, "配置包中的档案编号规则无效")
    return SetupContent(
        package_id, issued, serial, parsed_keys, divisions, catalogue, indicators, targets, rule
    )


def _key(entry: Any, i: int, source: str) -> SetupKey:
    if not isinstance(entry, dict) or entry.get("role") not in ROLES:
        raise BadFileError(source, f"配置包第 {i} 个密钥条目无效")
    public = PublicIdentity.from_json(entry.get("identity") or {}, source=source)
    if len(public.name) > _KEY_NAME_CHARS or has_control_chars(public.name):
        raise BadFileError(
            source, f"配置包第 {i} 个密钥条目的名称无效（超过 {_KEY_NAME_CHARS} 个字符或含控制字符）"
        )
    division = entry.get("division_code")
    trusted = entry.get("trusted_signer") is True
    if division is None:
        if trusted:
            # A signer without a division could write anywhere: every signer names its own.
            raise BadFileError(source, f"配置包第 {i} 个密钥条目是受信任的发送方，但没有写明所属区划")
    elif not valid_division(division):
        raise BadFileError(source, f"配置包第 {i} 个密钥条目的区划代码无效")
    elif role_for(division) != entry["role"]:
        raise BadFileError(source, f"配置包第 {i} 个密钥条目的角色与其区划级别不符")
    return SetupKey(public, entry["role"], division, entry.get("recipient") is True, trusted)


def _list(doc: dict[str, Any], name: str, source: str) -> list[Any]:
    value = doc.get(name, [])
    if not isinstance(value, list):
        raise BadFileError(source, f"配置包的“{name}”部分不是列表")
    return value


def _division(row: Any, i: int, source: str) -> DivisionRecord:
    ok = (
        isinstance(row, list)
        and len(row) == 4
        and valid_division(row[0])
        and isinstance(row[1], str)
        and 0 < len(row[1].strip()) <= _DIVISION_NAME_CHARS
        and not has_control_chars(row[1])
        and isinstance(row[2], str)
        and row[2] in {d.value for d in DivisionLevel}
        and (row[3] is None or valid_division(row[3]))
    )
    if not ok:
        raise BadFileError(source, f"配置包区划表第 {i} 行无效")
    return DivisionRecord(row[0], row[1].strip(), DivisionLevel(row[2]), row[3])


def _text(row: dict[str, Any], name: str, limit: int) -> bool:
    value = row.get(name)
    return isinstance(value, str) and 0 < len(value) <= limit and not has_control_chars(value)


def _optional_text(row: dict[str, Any], name: str) -> str | None:
    value = row.get(name)
    return value if isinstance(value, str) and not has_control_chars(value) else None


def _catalogue(row: Any, i: int, source: str) -> dict[str, Any]:
    levels = {a.value for a in AdminLevel}
    if (
        not isinstance(row, dict)
        or not _text(row, "code", 20)
        or not _text(row, "name", 60)
        or not _text(row, "category", 30)
        or not (isinstance(row.get("level"), str) and row["level"] in levels)
    ):
        raise BadFileError(source, f"配置包项目目录第 {i} 条无效")
    return {
        "code": row["code"],
        "name": row["name"],
        "category": row["category"],
        "level": AdminLevel(row["level"]),
        "pays_individuals": row.get("pays_individuals") is True,
        "description": _optional_text(row, "description"),
        "active": row.get("active", True) is not False,
    }


def _indicator(row: Any, i: int, source: str) -> dict[str, Any]:
    try:  # indicators are data: checked against the named record sets, never run
        d = check_definition(row)
    except IndicatorError as exc:
        raise BadFileError(source, f"配置包指标定义第 {i} 条无效：{exc.message}") from None
    return {
        "code": d.code,
        "name": d.name,
        "module": d.module,
        "formula": d.formula_json(),
        "unit": d.unit,
        "description": d.description,
    }


def _target(row: Any, i: int, source: str) -> dict[str, Any]:
    if (
        not isinstance(row, dict)
        or not _text(row, "indicator_code", 20)
        or not valid_division(row.get("division_code"))
        or type(row.get("year")) is not int
        or not 1900 <= row["year"] <= 2200
        or type(row.get("target_x100")) is not int
        or not 0 <= row["target_x100"] <= 10**9
    ):
        raise BadFileError(source, f"配置包指标目标第 {i} 条无效")
    return {k: row[k] for k in ("indicator_code", "division_code", "year", "target_x100")}
