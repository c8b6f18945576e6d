"""A damaged or hostile keyring file: every reader refuses in Chinese, and nothing is written back.

Cases by hand (a missing or damaged version, wrong types, huge values, bad base64, deep nesting),
then a fuzzer that puts hostile values anywhere in a real keyring: a sign-in either gets the
database's own key or a Chinese refusal, and a refusal leaves the keyring file as it was.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.database import keyring
from app.database.keyring import wrapping
from app.domain.errors import DatabaseError, FpaError

USER, PASSWORD = "admin", "Admin-pass-2026"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, bytes, str, bytes]]:
    """A keyring (cheap Argon2, stored in each entry) for a database file that is never opened."""
    db = tmp_path_factory.mktemp("ring") / "county.db"
    saved = wrapping.ARGON2_TIME, wrapping.ARGON2_MEMORY_KIB, wrapping.ARGON2_LANES
    wrapping.ARGON2_TIME, wrapping.ARGON2_MEMORY_KIB, wrapping.ARGON2_LANES = 1, 8 * 1024, 1
    try:
        key = keyring.new_database_key()
        recovery = keyring.create(db, key, USER, PASSWORD)
        keyring.add_user(db, key, "clerk", "Clerk-pass-2026")
    finally:
        wrapping.ARGON2_TIME, wrapping.ARGON2_MEMORY_KIB, wrapping.ARGON2_LANES = saved
    yield db, key, recovery, keyring.keyring_path(db).read_bytes()


def _attempts(db: Path, recovery: str) -> list[Callable[[], Any]]:
    return [
        lambda: keyring.unwrap(db, USER, PASSWORD),
        lambda: keyring.unwrap_recovery(db, recovery),
        lambda: keyring.lock_state(db, USER),
        lambda: keyring.has_user(db, "clerk"),
        lambda: keyring.pending_failures(db, USER),
    ]


def _refused_unchanged(db: Path, blob: bytes, recovery: str, key: bytes) -> list[str]:
    """Run every reader over ``blob``; each must give the right answer or a Chinese refusal that
    leaves the file as it was. Returns the refusals' messages."""
    ring = keyring.keyring_path(db)
    messages = []
    for attempt in _attempts(db, recovery):
        ring.write_bytes(blob)
        try:
            got = attempt()
        except DatabaseError as exc:
            assert CJK.search(exc.message), exc.message
            assert ring.read_bytes() == blob, f"a damaged keyring was rewritten: {exc.message}"
            messages.append(exc.message)
            continue
        except FpaError as exc:  # a wrong password or a lockout the changed counters ask for
            assert CJK.search(exc.message), exc.message
            messages.append(exc.message)
            continue
        if isinstance(got, bytes):
            assert got == key, "the keyring gave a key that is not the database's"
    return messages


def _doc(original: bytes) -> dict[str, Any]:
    return json.loads(original)


def _user_entry(doc: dict[str, Any]) -> dict[str, Any]:
    ring = keyring.sidecar.Keyring(Path("x"), doc)
    entry = doc["entries"][ring.slot(USER)]
    assert isinstance(entry, dict)
    return entry


def test_a_missing_or_damaged_version_says_the_file_is_damaged_not_newer(made: Any) -> None:
    db, key, recovery, original = made
    for version in (None, "1", 1.0, True, 0, -3, [1]):
        doc = _doc(original)
        if version is None:
            del doc["version"]
        else:
            doc["version"] = version
        [message, *_] = _refused_unchanged(db, json.dumps(doc).encode(), recovery, key)
        assert "已损坏" in message and "更新版本" not in message, (version, message)
        assert "格式版本" in message
    doc = _doc(original)
    doc["version"] = 2
    [message, *_] = _refused_unchanged(db, json.dumps(doc).encode(), recovery, key)
    assert "来自更新版本的程序（格式 2）" in message


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d, e: d.update(keyring_id=12345), "密钥文件编号无效"),
        (lambda d, e: d.update(keyring_id="../../etc"), "密钥文件编号无效"),
        (lambda d, e: d.update(entries=[]), "条目表无效"),
        (lambda d, e: d["entries"].update({"x" * 70: {}}), "条目编号无效"),
        (lambda d, e: d.update(flags={"demo": "yes"}), "标记无效"),
        (lambda d, e: e.update(nonce="!!!not base64!!!"), "base64"),
        (lambda d, e: e.update(wrapped="QUJD"), "长度不对"),
        (lambda d, e: e.update(wrapped="A" * 1_000_000), "过长"),
        (lambda d, e: e["kdf"].update(salt=None), "salt"),
        (lambda d, e: e["kdf"].update(time_cost=10**30), "time_cost"),
        (lambda d, e: e["kdf"].update(memory_cost=True), "memory_cost"),
        (lambda d, e: e["kdf"].update(name="scrypt"), "密钥派生方法无效"),
        (lambda d, e: e.update(kdf=[1, 2]), "密钥派生参数缺失"),
        (lambda d, e: e.update(failures=-1), "失败次数无效"),
        (lambda d, e: e.update(failures="3"), "失败次数无效"),
        (lambda d, e: e.update(pending=["x"] * 5), "待记入审计日志"),
        (lambda d, e: e.update(pending={"a": 1}), "待记入审计日志"),
        (lambda d, e: e.update(last_failure=["2026"]), "上次失败时间无效"),
    ],
)
def test_a_hostile_value_is_named_and_nothing_is_written(
    made: Any, change: Callable[[dict[str, Any], dict[str, Any]], None], expected: str
) -> None:
    db, key, recovery, original = made
    doc = _doc(original)
    change(doc, _user_entry(doc))
    messages = _refused_unchanged(db, json.dumps(doc).encode(), recovery, key)
    assert any(expected in m for m in messages), messages


def test_deep_nesting_huge_numbers_and_a_huge_file_are_refused(made: Any) -> None:
    db, key, recovery, original = made
    deep = b'{"format": "fpa-keyring", "version": 1, "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    digits = original.replace(b'"version": 1', b'"version": 1' + b"0" * 5000)
    big = original[:-1] + b', "padding": "' + b"a" * (5 * 1024 * 1024) + b'"}'
    for blob, expected in ((deep, "JSON"), (digits, "JSON"), (big, "文件过大")):
        messages = _refused_unchanged(db, blob, recovery, key)
        assert messages and all(expected in m for m in messages[:2]), messages


def test_one_damaged_entry_does_not_lock_the_others_out(made: Any) -> None:
    db, key, recovery, original = made
    doc = _doc(original)
    _user_entry(doc)["nonce"] = 7
    keyring.keyring_path(db).write_text(json.dumps(doc))
    with pytest.raises(DatabaseError, match="此账户的条目已损坏"):
        keyring.unwrap(db, USER, PASSWORD)
    assert keyring.unwrap(db, "clerk", "Clerk-pass-2026") == key
    assert keyring.unwrap_recovery(db, recovery) == key
    # The administrator sets a new password over the damaged entry: it works again.
    keyring.set_password(db, key, USER, "Another-pass-2026")
    assert keyring.unwrap(db, USER, "Another-pass-2026") == key
    keyring.keyring_path(db).write_bytes(original)


# ---------------------------------------------------------------------------------------------
# Fuzz: hostile values anywhere in the document

HOSTILE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
    st.sampled_from(["", "\x00", "A" * 4000, "====", "9999-12-31T23:59:59+00:00", "argon2id", "hkdf-sha256"]),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


def _paths(doc: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from _paths(v, (*prefix, i))


def _set(doc: Any, path: tuple[Any, ...], value: Any, delete: bool) -> Any:
    if not path:
        return value
    target = doc
    for step in path[:-1]:
        target = target[step]
    if delete and isinstance(target, dict):
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return doc


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_hostile_values_anywhere_refuse_cleanly_or_give_the_right_key(made: Any, data: st.DataObject) -> None:
    db, key, recovery, original = made
    doc = _doc(original)
    paths = list(_paths(doc))
    for _ in range(data.draw(st.integers(1, 3), label="changes")):
        path = data.draw(st.sampled_from(paths), label="where")
        try:
            doc = _set(doc, path, data.draw(HOSTILE, label="value"), data.draw(st.booleans(), label="delete"))
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed or replaced the place
        paths = list(_paths(doc))
    try:
        blob = json.dumps(doc, allow_nan=True).encode()
    except ValueError:
        return
    _refused_unchanged(db, blob, recovery, key)
    keyring.keyring_path(db).write_bytes(original)
