"""Alembic environment: always run from code with a connection handed in (see migrate.py)."""

from typing import Any, Literal

from alembic import context

import app.database.models  # noqa: F401  (fills the metadata)
from app.database.base import Base
from app.database.types import EnumText, JsonText

config = context.config


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | Literal[False]:
    """Migrations name plain column types, so they never depend on how the models evolve."""
    if type_ == "type" and isinstance(obj, EnumText):
        return f"sa.String(length={getattr(obj.impl_instance, 'length', None)})"
    if type_ == "type" and isinstance(obj, JsonText):
        return "sa.Text()"
    return False


connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things: batch mode copies the table
    compare_type=True,
    render_item=render_item,
)
with context.begin_transaction():
    context.run_migrations()
