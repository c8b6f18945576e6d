"""The official division list: reading the shipped CSV files and loading a subtree as reference data.

Reference rows get an id derived from the code and the shared reference stamp, so every laptop
that loads the same list holds identical rows and merging them is a no-op.
"""

from __future__ import annotations

import csv
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlalchemy import Connection, insert, select

from app.database.base import table_of
from app.database.models import Division
from app.database.session import utcnow
from app.domain.enums import DivisionLevel
from app.domain.errors import BadFileError, UserInputError
from app.domain.hlc import REFERENCE_STAMP, ZERO_DEVICE
from app.paths import resource

_NAMESPACE = uuid.UUID("5b0c1d3e-6a0f-4e7c-9a57-0f2c4d7a9b31")
_PROVINCE_FILES = {"43": "divisions-43-hunan.csv", "35": "divisions-35-fujian.csv"}
NATIONAL_FILE = "divisions-china-to-county.csv"


@dataclass(frozen=True)
class DivisionRecord:
    code: str
    name: str
    level: DivisionLevel
    parent_code: str | None


def division_id(code: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"division:{code}"))


def read_division_csv(path: Path) -> list[DivisionRecord]:
    """Rows of a division CSV (code,name,level,parent_code); a bad row refuses the whole file."""
    records: list[DivisionRecord] = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            if reader.fieldnames is None or not {"code", "name", "level", "parent_code"} <= set(
                reader.fieldnames
            ):
                raise BadFileError(str(path), "缺少列 code、name、level、parent_code")
            for line_no, row in enumerate(reader, start=2):
                code = (row["code"] or "").strip()
                name = (row["name"] or "").strip()
                level = (row["level"] or "").strip()
                parent = (row["parent_code"] or "").strip() or None
                # 60 is division.name's width: PostgreSQL refuses longer text where SQLite stores it.
                if len(code) != 12 or not code.isdigit() or not name or len(name) > 60:
                    raise BadFileError(str(path), f"第 {line_no} 行的区划代码或名称无效")
                if parent is not None and (len(parent) != 12 or not parent.isdigit()):
                    raise BadFileError(str(path), f"第 {line_no} 行的上级区划代码无效")
                try:
                    lvl = DivisionLevel(level)
                except ValueError:
                    raise BadFileError(str(path), f"第 {line_no} 行的级别“{level}”无效") from None
                records.append(DivisionRecord(code, name, lvl, parent))
    except UnicodeDecodeError:
        raise BadFileError(str(path), "文件不是 UTF-8 编码的 CSV") from None
    except OSError as exc:
        raise BadFileError(str(path), f"无法读取（{exc.strerror}）") from None
    return records


def shipped_file_for(code: str) -> Path:
    name = _PROVINCE_FILES.get(code[:2], NATIONAL_FILE)
    return resource("divisions", name)


@cache
def shipped_divisions(file_name: str) -> tuple[DivisionRecord, ...]:
    return tuple(read_division_csv(resource("divisions", file_name)))


@cache
def known_region_prefixes() -> frozenset[str]:
    """Six-digit county prefixes of every current county in China (for ID number checks)."""
    return frozenset(r.code[:6] for r in shipped_divisions(NATIONAL_FILE) if r.level is DivisionLevel.COUNTY)


def subtree(records: Iterable[DivisionRecord], root_code: str) -> list[DivisionRecord]:
    """The division ``root_code``, its ancestors (for display) and everything below it."""
    by_code = {r.code: r for r in records}
    root = by_code.get(root_code)
    if root is None:
        raise UserInputError(f"区划代码 {root_code} 不在区划表中。")
    prefix = {
        DivisionLevel.PROVINCE: 2,
        DivisionLevel.CITY: 4,
        DivisionLevel.COUNTY: 6,
        DivisionLevel.TOWNSHIP: 9,
        DivisionLevel.VILLAGE: 12,
    }[root.level]
    head = root_code[:prefix]
    chosen = [r for r in by_code.values() if r.code.startswith(head)]
    parent = root.parent_code
    while parent and parent in by_code:
        chosen.append(by_code[parent])
        parent = by_code[parent].parent_code
    return sorted(chosen, key=lambda r: r.code)


def load_reference(conn: Connection, records: Iterable[DivisionRecord]) -> int:
    """Insert the reference divisions not yet present; local edits are never overwritten."""
    present = set(conn.scalars(select(Division.code)))
    now = utcnow()
    rows = [
        {
            "id": division_id(r.code),
            "code": r.code,
            "name": r.name,
            "level": r.level,
            "parent_code": r.parent_code,
            "valid_from": None,
            "valid_to": None,
            "source": "统计局2023",
            "note": None,
            "created_stamp": REFERENCE_STAMP,
            "stamp": REFERENCE_STAMP,
            "field_stamps": None,
            "device_id": ZERO_DEVICE,
            "created_at": now,
            "updated_at": now,
            "deleted": False,
        }
        for r in records
        if r.code not in present
    ]
    if rows:
        conn.execute(insert(table_of(Division)), rows)
    return len(rows)
