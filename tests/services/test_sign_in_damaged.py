"""Signing in to a damaged database: refused in Chinese before anything is written to the file.

The damage is a page of the encrypted file overwritten (a bad sector, a file cut short and padded
by a repair tool): SQLCipher's check of that page fails when sign-in reads it. The pages chosen
are those sign-in needs: the settings it opens the database with, the accounts, the audit log it
writes to.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from app.database import keyring
from app.database.engine import connect_file
from app.domain.errors import DatabaseError, UserInputError
from app.services.shared.workspace import open_workspace
from app.services.system import accounts

ADMIN, PASSWORD = "admin", "secret-pass-1"  # the encrypted_template fixture's administrator
PAGE = 4096  # SQLCipher 4's page size


def _files(db: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(db.parent.iterdir())}


def _damage_table(db: Path, table: str) -> None:
    """Overwrite the root pages of ``table`` and its indexes (their only pages, in a small table)."""
    key = keyring.unwrap(db, ADMIN, PASSWORD)
    con = connect_file(db, key)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        roots = [r for (r,) in con.execute("SELECT rootpage FROM sqlite_master WHERE tbl_name = ?", (table,))]
    finally:
        con.close()
    data = bytearray(db.read_bytes())
    for root in roots:
        start = (root - 1) * PAGE
        data[start + 100 : start + 300] = bytes(200)
    db.write_bytes(bytes(data))


@pytest.mark.parametrize("table", ["meta", "user_account", "audit_entry"])
def test_sign_in_on_a_damaged_page_is_refused_and_writes_nothing(encrypted_path: Path, table: str) -> None:
    # A wrong password first: its failure waits in the keyring for the audit log of the next sign-in.
    with pytest.raises(UserInputError):
        accounts.sign_in(encrypted_path, ADMIN, "wrong-pass-1")
    _damage_table(encrypted_path, table)
    before = _files(encrypted_path)
    with pytest.raises(DatabaseError) as refused:
        accounts.sign_in(encrypted_path, ADMIN, PASSWORD)
    assert "已损坏" in refused.value.message and "未做任何修改" in refused.value.message
    assert "fpa restore" in refused.value.message
    after = _files(encrypted_path)
    # The database file is byte for byte as it was (a -wal/-shm pair may come and go, empty).
    assert after[encrypted_path.name] == before[encrypted_path.name]
    assert (
        not (encrypted_path.parent / (encrypted_path.name + "-wal")).exists()
        or (encrypted_path.parent / (encrypted_path.name + "-wal")).stat().st_size == 0
    )
    # The failed attempt is still waiting to be audited: nothing was taken out of the keyring.
    assert keyring.pending_failures(encrypted_path, ADMIN)


def test_a_plain_database_with_a_damaged_page_is_refused_too(db_path: Path) -> None:
    ws = open_workspace(db_path)
    ws.close()
    con = sqlite3.connect(db_path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        roots = [
            r for (r,) in con.execute("SELECT rootpage FROM sqlite_master WHERE tbl_name = 'user_account'")
        ]
        (size,) = con.execute("PRAGMA page_size").fetchone()
    finally:
        con.close()
    data = bytearray(db_path.read_bytes())
    for root in roots:  # the table and its indexes: not b-tree pages any more
        data[(root - 1) * size : root * size] = b"\xff" * size
    db_path.write_bytes(bytes(data))
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    with pytest.raises(DatabaseError, match="已损坏"):
        accounts.sign_in(db_path, "admin", "whatever-pass")
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
