"""数据分析: the standard tables a county hands in, and the figures of the 一屏掌控 dashboard.

The names below are the module's public actions, for the UI, the command line and other modules.
"""

from __future__ import annotations

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
    "export_report",
    "find_spec",
    "register",
    "report_choices",
]
