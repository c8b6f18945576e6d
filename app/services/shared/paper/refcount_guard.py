"""Works around PySide6 6.12 on Python 3.11 dropping references to None and True (it would abort the program).

Measured here: every call of a void Qt method (``setText``, ``setEnabled``, ``processEvents`` …)
takes one reference from ``None`` without having given one, and ``Signal.emit`` does the same to
``True``. On Python 3.12 and later these objects are immortal and nothing happens; on 3.11 their
count reaches zero after a few thousand calls and CPython aborts with "Fatal Python error:
none_dealloc: deallocating None" (or ``bool_dealloc``) — mid-session, or at exit.

``pin_singletons()`` gives those shared objects a huge number of extra references, the way 3.12
makes them immortal, so the lost references can never bring them to zero. Call it once at
start-up, before any Qt object is used. It does nothing on 3.12+ and on non-CPython interpreters.
"""

from __future__ import annotations

import ctypes
import platform
import sys

EXTRA_REFERENCES = 1 << 40  # far more calls than a program makes in years of use
_pinned = False


def _singletons() -> list[object]:
    return [None, True, False, Ellipsis, NotImplemented, (), "", *range(-5, 257)]


def pin_singletons() -> bool:
    """Make the shared singletons effectively immortal on CPython < 3.12; True when it did so."""
    global _pinned
    if _pinned or sys.version_info >= (3, 12) or platform.python_implementation() != "CPython":
        return False
    for obj in _singletons():
        # ob_refcnt is the first field of every CPython object (a Py_ssize_t) in release builds.
        count = ctypes.c_ssize_t.from_address(id(obj))
        count.value += EXTRA_REFERENCES
    _pinned = True
    return True
