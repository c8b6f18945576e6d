"""Indicators as data: the record sets they may name, their declarative form and its checker."""

from app.domain.indicators.definition import (
    Condition,
    IndicatorDef,
    IndicatorError,
    TargetRule,
    Term,
    check_definition,
)
from app.domain.indicators.schema import RECORD_SETS, FieldSpec, FieldType, RecordSetSpec

__all__ = [
    "RECORD_SETS",
    "Condition",
    "FieldSpec",
    "FieldType",
    "IndicatorDef",
    "IndicatorError",
    "RecordSetSpec",
    "TargetRule",
    "Term",
    "check_definition",
]
