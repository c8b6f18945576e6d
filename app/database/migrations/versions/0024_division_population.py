"""division_population: 常住人口 of a township by year, for the per-10 000-residents figures, synced

Revision ID: 0024
Revises: 0010
Create Date: 2026-12-02 17:25:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("division_population",
    sa.Column("division_code", sa.String(length=12), nullable=False),
    sa.Column("year", sa.Integer(), nullable=False),
    sa.Column("residents", sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_stamp', sa.String(length=36), nullable=False),
    sa.Column('stamp', sa.String(length=36), nullable=False),
    sa.Column('field_stamps', sa.Text(), nullable=True),
    sa.Column('device_id', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_division_population"))
    )
    with op.batch_alter_table("division_population", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_division_population__division_code"), ["division_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_division_population__stamp"), ["stamp"], unique=False)


def downgrade() -> None:
    op.drop_table("division_population")
