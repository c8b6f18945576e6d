"""The start-up guard against PySide6 6.12 on Python 3.11 losing references to None and True.

It lives in ``app.services.shared.paper.refcount_guard`` since the command line draws paper with
Qt too and needs the same guard; the UI keeps importing it from here.
"""

from __future__ import annotations

from app.services.shared.paper.refcount_guard import pin_singletons

__all__ = ["pin_singletons"]
