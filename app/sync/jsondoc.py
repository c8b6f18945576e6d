"""Reading the JSON documents inside sync files strictly: every failure a ValueError, never a crash.

Python's own reader raises other things for some inputs a sender can write: RecursionError for
deep nesting, a ValueError outside JSONDecodeError for an integer of thousands of digits; and it
takes NaN and Infinity, which are not JSON. Text fields must not carry control characters either:
no form can type them, and a NUL cuts the text short in other programs.
"""

from __future__ import annotations

import json
import re
from typing import Any, NoReturn

# C0 controls but tab, line feed and carriage return (which a note may hold), and DEL.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _no_constants(name: str) -> NoReturn:
    raise ValueError(f"{name} is not JSON")


def strict_loads(data: bytes) -> Any:
    """The document, or ValueError for anything that is not plain, reasonably nested JSON."""
    try:
        return json.loads(data.decode("utf-8"), parse_constant=_no_constants)
    except RecursionError:  # the C reader's own depth guard: no crash, but not a ValueError
        raise ValueError("nested too deep") from None


def has_control_chars(text: str) -> bool:
    return CONTROL_CHARS.search(text) is not None
