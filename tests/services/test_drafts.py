"""Drafts of unsaved forms: kept, listed, offered back, discarded; a crash mid-write halves none."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from app.domain.errors import UserInputError
from app.paths import drafts_dir
from app.services.shared import drafts


def test_a_draft_is_kept_listed_and_discarded(workspace) -> None:  # type: ignore[no-untyped-def]
    assert drafts.list_drafts(workspace) == [] and drafts.load_draft(workspace, "family", "new") is None
    drafts.save_draft(
        workspace, "family", "new", {"head": "张三", "members": [{"id_number": "430121"}]}, title="家庭：张三"
    )
    drafts.save_draft(workspace, "visit", "f-1", {"visitors": "王干部"}, title="走访：李四")
    assert drafts.load_draft(workspace, "family", "new") == {"head": "张三", "members": [{"id_number": "430121"}]}
    listed = drafts.list_drafts(workspace)
    assert {(d.kind, d.key, d.title) for d in listed} == {
        ("family", "new", "家庭：张三"),
        ("visit", "f-1", "走访：李四"),
    }
    info = drafts.draft_info(workspace, "visit", "f-1")
    assert info is not None and info.title == "走访：李四"
    drafts.save_draft(workspace, "family", "new", {"head": "张三丰"}, title="家庭：张三丰")
    assert drafts.load_draft(workspace, "family", "new") == {"head": "张三丰"}
    drafts.discard_draft("family", "new")
    drafts.discard_draft("family", "new")  # twice is harmless
    assert [d.kind for d in drafts.list_drafts(workspace)] == ["visit"]


def test_a_crash_while_writing_leaves_the_previous_draft_whole(workspace, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    drafts.save_draft(workspace, "family", "new", {"head": "张三"})

    def power_cut(src: object, dst: object) -> None:
        raise OSError(5, "Input/output error")

    with monkeypatch.context() as patch, pytest.raises(UserInputError, match="草稿未能保存"):
        patch.setattr(os, "replace", power_cut)
        drafts.save_draft(workspace, "family", "new", {"head": "张三丰"})
    assert drafts.load_draft(workspace, "family", "new") == {"head": "张三"}
    assert [p.name for p in drafts_dir().iterdir()] == ["family--new.json"]  # no temporary file left


def test_draft_contents_never_reach_the_log(  # type: ignore[no-untyped-def]
    workspace, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(os, "replace", lambda *_: (_ for _ in ()).throw(OSError(28, "No space left")))
    with caplog.at_level(logging.DEBUG), pytest.raises(UserInputError):
        drafts.save_draft(workspace, "family", "new", {"id_number": "430121195603101314", "head": "张三"})
    assert caplog.records and "430121195603101314" not in caplog.text and "张三" not in caplog.text


def test_a_damaged_draft_file_is_skipped_not_fatal(workspace) -> None:  # type: ignore[no-untyped-def]
    drafts.save_draft(workspace, "family", "good", {"a": 1})
    folder = drafts_dir()
    (folder / "family--bad.json").write_text('{"format": 1, "data": {"a": ', encoding="utf-8")
    (folder / "family--odd.json").write_text("[1, 2]", encoding="utf-8")
    assert drafts.load_draft(workspace, "family", "bad") is None
    assert [d.key for d in drafts.list_drafts(workspace)] == ["good"]


@pytest.mark.parametrize(
    ("kind", "key"), [("family", "../x"), ("", "new"), ("family", "a/b"), ("家庭", "new")]
)
def test_names_cannot_escape_the_drafts_folder(workspace, kind: str, key: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserInputError):
        drafts.save_draft(workspace, kind, key, {})


def test_drafts_live_in_the_data_folder(workspace, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    drafts.save_draft(workspace, "visit", "x", {})
    assert (tmp_path / "home" / "drafts" / "visit--x.json").exists()


def test_a_draft_of_an_encrypted_database_reveals_nothing(encrypted_path: Path, workspace) -> None:  # type: ignore[no-untyped-def]
    from app.services.system.accounts import sign_in
    ADMIN = ("admin", "李管理", "secret-pass-1")  # the encrypted_template fixture's administrator

    ws = sign_in(encrypted_path, "admin", ADMIN[2])
    try:
        drafts.save_draft(ws, "family", "new", {"head": "欧阳秀英", "id_number": "430121195603101314"}, title="家庭：欧阳秀英")
        raw = (drafts_dir() / "family--new.json").read_bytes()
        assert "欧阳秀英".encode() not in raw and b"430121195603101314" not in raw
        assert drafts.load_draft(ws, "family", "new") == {"head": "欧阳秀英", "id_number": "430121195603101314"}
        assert [d.title for d in drafts.list_drafts(ws)] == ["家庭：欧阳秀英"]
        # moved to another form's name, the sealed draft no longer opens
        (drafts_dir() / "family--new.json").rename(drafts_dir() / "visit--new.json")
        assert drafts.load_draft(ws, "visit", "new") is None
        (drafts_dir() / "visit--new.json").rename(drafts_dir() / "family--new.json")
    finally:
        ws.close()
    # without the sign-in (a plain database open), the draft is neither read nor listed
    assert drafts.load_draft(workspace, "family", "new") is None and drafts.list_drafts(workspace) == []
