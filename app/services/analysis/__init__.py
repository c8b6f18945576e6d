"""数据分析: the standard tables a county hands in, and the figures of the 一屏掌控 dashboard.

The names below are the module's public actions, for the UI, the command line and other modules.
"""

from __future__ import annotations

from app.services.analysis.dashboard import dashboard
from app.services.analysis.drill import families_behind, payments_behind
from app.services.analysis.registry import (
    REPORTS,
    ReportSpec,
    build_report,
    export_report,
    find_spec,
    register,
    report_choices,
)

__all__ = [
    "REPORTS",
    "ReportSpec",
    "build_report",
    "dashboard",
    "export_report",
    "families_behind",
    "find_spec",
    "payments_behind",
    "register",
    "report_choices",
]
