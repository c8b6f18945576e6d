"""The declarative form of an indicator, and the checker that refuses what the data model lacks.

A definition (JSON, from ``resources/setup/indicators.json`` or a setup package)::

    {"code": "TSJT-LXR", "name": "计生特殊家庭联系人制度覆盖率", "module": "特殊家庭", "unit": "%",
     "higher_is_better": true,
     "formula": {"numerator": {"set": "在册特殊家庭", "count": true, "where": [["两名联系人", "是"]]},
                 "denominator": {"set": "在册特殊家庭", "count": true}},
     "targets": [{"year": 2023, "value": 100}, {"year": 2023, "level": "village", "value": 100}]}

A term counts the records of a named set (``count``), adds up a field (``sum``) or counts
distinct values of a key (``distinct``), after ``where`` conditions ``[field, op, value]``. Without
a denominator the indicator is the numerator itself (a total). Every name is checked against
``RECORD_SETS``; nothing from the file is ever run as SQL or Python.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from app.domain.enums import DivisionLevel
from app.domain.errors import UserInputError
from app.domain.indicators.schema import RECORD_SETS, FieldSpec, FieldType

OPS_COMPARE = (">=", ">", "<=", "<")
OPS_EQUAL = ("=", "!=")
OPS_LIST = ("in", "not in")
OPS_FLAG = ("是", "否")
MEASURES = ("count", "sum", "distinct")
_TARGET_FORM = '{"year": 年份, "value": 目标值, "level": 层级（可省）}'


class IndicatorError(UserInputError):
    """A definition the program cannot compute; the message names the indicator."""


@dataclass(frozen=True)
class Condition:
    field: str
    op: str
    value: Any = None  # None for 是 / 否; a tuple for in / not in


@dataclass(frozen=True)
class Term:
    set: str
    measure: str  # count / sum / distinct
    field: str | None = None  # the summed or distinct field
    where: tuple[Condition, ...] = ()

    @property
    def is_money(self) -> bool:
        return self.field is not None and RECORD_SETS[self.set].fields[self.field].type is FieldType.MONEY

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"set": self.set}
        out[self.measure] = True if self.measure == "count" else self.field
        if self.where:
            out["where"] = [
                [c.field, c.op]
                if c.value is None
                else [c.field, c.op, list(c.value) if isinstance(c.value, tuple) else c.value]
                for c in self.where
            ]
        return out


@dataclass(frozen=True)
class TargetRule:
    year: int  # from this year on, until a rule with a later year
    value: float  # in the indicator's unit (95.5 means 95.5 %)
    level: DivisionLevel | None = None  # None: every level without its own rule

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"year": self.year, "value": self.value}
        if self.level is not None:
            out["level"] = self.level.value
        return out


@dataclass(frozen=True)
class IndicatorDef:
    code: str
    name: str
    module: str
    unit: str
    numerator: Term
    denominator: Term | None
    scale: int  # 100 for a percentage, 1 for an average, 10000 for "per 10 000"
    higher_is_better: bool = True
    description: str | None = None
    targets: tuple[TargetRule, ...] = field(default=())

    @property
    def is_ratio(self) -> bool:
        return self.denominator is not None

    @property
    def shows_yuan(self) -> bool:
        """A money total, or money per household: shown in 元 (stored in fen)."""
        return self.numerator.is_money and not (self.denominator is not None and self.denominator.is_money)

    def formula_json(self) -> str:
        """What the ``indicator_definition.formula`` column keeps: the checked form, canonical."""
        doc: dict[str, Any] = {"numerator": self.numerator.to_json(), "scale": self.scale}
        if self.denominator is not None:
            doc["denominator"] = self.denominator.to_json()
        doc["higher_is_better"] = self.higher_is_better
        doc["targets"] = [t.to_json() for t in self.targets]
        return json.dumps(doc, ensure_ascii=False, sort_keys=True)

    def target_for(self, level: DivisionLevel, year: int) -> float | None:
        """The target a division of ``level`` has in ``year``: its level's rule, else the general one."""
        for wanted in (level, None):
            rules = [t for t in self.targets if t.level == wanted and t.year <= year]
            if rules:
                return max(rules, key=lambda t: t.year).value
        return None


def _refuse(label: str, reason: str) -> IndicatorError:
    return IndicatorError(f"指标“{label}”不能使用：{reason}")


def _text(doc: dict[str, Any], key: str, limit: int, label: str, *, required: bool = True) -> str | None:
    value = doc.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > limit:
        raise _refuse(label, f"“{key}”应为不超过 {limit} 个字符的文字")
    return value.strip()


def _condition(raw: Any, set_name: str, label: str) -> Condition:
    fields = RECORD_SETS[set_name].fields
    if not isinstance(raw, list) or len(raw) not in (2, 3) or not isinstance(raw[0], str):
        raise _refuse(label, f"条件 {json.dumps(raw, ensure_ascii=False)} 应写成 [字段, 比较, 值]")
    name, op = raw[0], raw[1]
    value = raw[2] if len(raw) == 3 else None
    spec = fields.get(name)
    if spec is None:
        raise _refuse(label, f"记录集“{set_name}”没有字段“{name}”（可用：{'、'.join(fields)}）")
    if spec.type is FieldType.FLAG:
        if op not in OPS_FLAG or value is not None:
            raise _refuse(label, f'字段“{name}”是“是否”字段，条件只能写 ["{name}", "是"] 或 ["{name}", "否"]')
        return Condition(name, op)
    if spec.type is FieldType.KEY:
        raise _refuse(label, f"字段“{name}”是标识，只能用于去重计数，不能作条件")
    if op in OPS_LIST:
        if not isinstance(value, list) or not value:
            raise _refuse(label, f"“{op}”条件的值应为非空列表（字段“{name}”）")
        for v in value:
            _check_value(spec, name, v, label)
        return Condition(name, op, tuple(value))
    if op in OPS_EQUAL or (op in OPS_COMPARE and spec.type is not FieldType.CHOICE):
        _check_value(spec, name, value, label)
        return Condition(name, op, value)
    raise _refuse(label, f"字段“{name}”（{spec.type.value}）不能用比较“{op}”")


def _check_value(spec: FieldSpec, name: str, value: Any, label: str) -> None:
    if spec.type is FieldType.CHOICE:
        if value not in spec.choices:
            raise _refuse(label, f"字段“{name}”没有取值“{value}”（可用：{'、'.join(spec.choices)}）")
    elif not isinstance(value, int) or isinstance(value, bool):
        raise _refuse(
            label, f"字段“{name}”是{spec.type.value}，比较的值应为整数（金额以分计），不是“{value}”"
        )


def _term(raw: Any, part: str, label: str) -> Term:
    if not isinstance(raw, dict):
        raise _refuse(label, f"“{part}”应为一个对象")
    set_name = raw.get("set")
    if not isinstance(set_name, str) or set_name not in RECORD_SETS:
        raise _refuse(label, f"{part}用的记录集“{set_name}”不存在（可用：{'、'.join(RECORD_SETS)}）")
    spec = RECORD_SETS[set_name]
    measures = [m for m in MEASURES if m in raw]
    if len(measures) != 1:
        raise _refuse(label, f"{part}应写明 count、sum 或 distinct 中的一个")
    measure = measures[0]
    field_name: str | None = None
    if measure == "count":
        if raw["count"] is not True:
            raise _refuse(label, f"{part}的 count 应为 true")
    else:
        field_name = raw[measure]
        fspec = spec.fields.get(field_name) if isinstance(field_name, str) else None
        if fspec is None:
            raise _refuse(
                label, f"记录集“{set_name}”没有字段“{field_name}”（可用：{'、'.join(spec.fields)}）"
            )
        if measure == "sum" and not fspec.type.summable:
            raise _refuse(label, f"字段“{field_name}”是{fspec.type.value}，不能求和")
        if measure == "distinct" and fspec.type is not FieldType.KEY:
            raise _refuse(label, f"字段“{field_name}”不是标识，不能去重计数")
    where_raw = raw.get("where", [])
    if not isinstance(where_raw, list):
        raise _refuse(label, f"{part}的 where 应为条件列表")
    where = tuple(_condition(c, set_name, label) for c in where_raw)
    unknown = set(raw) - {"set", "where", measure}
    if unknown:
        raise _refuse(label, f"{part}有不认识的键：{'、'.join(sorted(unknown))}")
    return Term(set_name, measure, field_name, where)


def _targets(raw: Any, label: str) -> tuple[TargetRule, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise _refuse(label, "“targets”应为列表")
    levels = {lv.value: lv for lv in DivisionLevel}
    out = []
    for t in raw:
        ok = (
            isinstance(t, dict)
            and isinstance(t.get("year"), int)
            and 2000 <= t["year"] <= 2100
            and isinstance(t.get("value"), int | float)
            and not isinstance(t.get("value"), bool)
            and t["value"] >= 0
            and (t.get("level") is None or t.get("level") in levels)
        )
        if not ok:
            raise _refuse(
                label,
                f"目标 {json.dumps(t, ensure_ascii=False)} 应写成 {_TARGET_FORM}",
            )
        level = levels[t["level"]] if t.get("level") else None
        out.append(TargetRule(t["year"], float(t["value"]), level))
    return tuple(out)


def check_definition(doc: Any) -> IndicatorDef:
    """Check one definition against the data model; raise ``IndicatorError`` naming the indicator.

    ``formula`` may also be the stored JSON text of a checked definition (the database column).
    A definition comes from a file: a value of an unexpected type anywhere in it is refused, not
    raised as a programming error.
    """
    try:
        return _check_definition(doc)
    except IndicatorError:
        raise
    except (TypeError, ValueError, KeyError, AttributeError, RecursionError):
        name = doc.get("name") if isinstance(doc, dict) else None
        label = name if isinstance(name, str) and name else "（无名称）"
        raise IndicatorError(
            f"指标“{label}”的定义格式不对：有的值不是应有的类型（文字、数字、列表或对象）"
        ) from None


def _check_definition(doc: Any) -> IndicatorDef:
    if not isinstance(doc, dict):
        raise IndicatorError("指标定义应为一个对象")
    raw_label = doc.get("name") or doc.get("code")
    label = str(raw_label) if raw_label else "（无名称）"
    code = _text(doc, "code", 20, label)
    name = _text(doc, "name", 80, label)
    module = _text(doc, "module", 20, label)
    unit = _text(doc, "unit", 10, label, required=False) or "%"
    description = doc.get("description") if isinstance(doc.get("description"), str) else None
    formula = doc.get("formula")
    if isinstance(formula, str):
        try:
            formula = json.loads(formula)
        except json.JSONDecodeError:
            raise _refuse(label, "公式不是声明式的写法（应为对象，写明分子、分母）") from None
    if not isinstance(formula, dict) or "numerator" not in formula:
        raise _refuse(label, "公式应为对象，至少写明分子“numerator”")
    numerator = _term(formula["numerator"], "分子", label)
    denominator = _term(formula["denominator"], "分母", label) if formula.get("denominator") else None
    if denominator is not None and denominator.is_money and not numerator.is_money:
        raise _refuse(label, "分母是金额合计，分子却是人数或次数，不能相除")
    if unit == "%" and denominator is None:
        raise _refuse(label, "单位为 % 的指标要有分母")
    default_scale = 100 if unit == "%" else 1
    scale = formula.get("scale", default_scale)
    if not isinstance(scale, int) or isinstance(scale, bool) or scale not in (1, 100, 1000, 10000):
        raise _refuse(label, "scale 只能是 1、100、1000 或 10000")
    # Extra keys a stored formula carries, or that the definition gives beside the formula.
    higher = doc.get("higher_is_better", formula.get("higher_is_better", True))
    if not isinstance(higher, bool):
        raise _refuse(label, "higher_is_better 应为 true 或 false")
    targets = _targets(doc.get("targets", formula.get("targets")), label)
    assert code is not None and name is not None and module is not None
    return IndicatorDef(code, name, module, unit, numerator, denominator, scale, higher, description, targets)
