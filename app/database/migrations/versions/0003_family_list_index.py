"""family list indexes: the default order with the filtered and searched columns; member names

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 11:30:00
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

COLUMNS = [
    "registered_on",
    "id",
    "deleted",
    "division_code",
    "status",
    "category",
    "name_key",
    "head_id_number",
    "phone",
    "family_no",
]


MEMBER_COLUMNS = ["name", "family_id", "deleted"]


def upgrade() -> None:
    op.create_index("ix_special_family__list", "special_family", COLUMNS, unique=False)
    op.create_index("ix_family_member__search", "family_member", MEMBER_COLUMNS, unique=False)


def downgrade() -> None:
    op.drop_index("ix_family_member__search", table_name="family_member")
    op.drop_index("ix_special_family__list", table_name="special_family")
