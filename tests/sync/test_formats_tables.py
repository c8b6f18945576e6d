"""docs/FORMATS-TABLES.md is what scripts/formats_tables.py writes from the models and the merge's
rules: a model, a migration or an authority rule changed without the file fails here."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from app.database.base import content_columns, synced_tables
from app.database.migrate import head_revision

ROOT = Path(__file__).resolve().parents[2]


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("formats_tables", ROOT / "scripts" / "formats_tables.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_file_matches_the_models() -> None:
    committed = (ROOT / "docs" / "FORMATS-TABLES.md").read_text(encoding="utf-8")
    assert committed == _generator().render(), (
        "docs/FORMATS-TABLES.md is stale: run scripts/formats_tables.py"
    )


def test_every_synced_table_and_column_is_described_at_the_current_revision() -> None:
    text = _generator().render()
    assert f"schema revision `{head_revision()}`" in text
    for name, model in synced_tables().items():
        section = text.split(f"#### `{name}`\n", 1)[1].split("####", 1)[0]
        for column in content_columns(model):
            assert f"| `{column}` |" in section, (name, column)
