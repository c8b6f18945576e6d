"""period locks: a county closes a checked period; edits of records dated in it need an unlock

Revision ID: 0010
Revises: 0003
Create Date: 2026-12-02 06:15:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "period_lock",
        sa.Column("division_code", sa.String(length=12), nullable=False),
        sa.Column("period_code", sa.String(length=24), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("locked_by", sa.String(length=40), nullable=False),
        sa.Column("locked_at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("unlocked_by", sa.String(length=40), nullable=True),
        sa.Column("unlocked_at", sa.DateTime(), nullable=True),
        sa.Column("unlock_reason", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_stamp", sa.String(length=36), nullable=False),
        sa.Column("stamp", sa.String(length=36), nullable=False),
        sa.Column("field_stamps", sa.Text(), nullable=True),
        sa.Column("device_id", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_period_lock")),
    )
    with op.batch_alter_table("period_lock", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_period_lock__division_code"), ["division_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_period_lock__stamp"), ["stamp"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("period_lock", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_period_lock__stamp"))
        batch_op.drop_index(batch_op.f("ix_period_lock__division_code"))
    op.drop_table("period_lock")
