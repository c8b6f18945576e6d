"""volunteer_service: 志愿服务 given to a family (date, volunteer, service, 暖心行动 system), synced

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02 06:46:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("volunteer_service",
    sa.Column("family_id", sa.String(length=36), nullable=False),
    sa.Column("division_code", sa.String(length=12), nullable=False),
    sa.Column("person_id", sa.String(length=36), nullable=True),
    sa.Column("volunteer_name", sa.String(length=40), nullable=False),
    sa.Column("served_on", sa.Date(), nullable=False),
    sa.Column("system", sa.String(length=8), nullable=False),
    sa.Column("service", sa.String(length=120), nullable=False),
    sa.Column("hours", sa.Integer(), nullable=True),
    sa.Column("note", sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_stamp', sa.String(length=36), nullable=False),
    sa.Column('stamp', sa.String(length=36), nullable=False),
    sa.Column('field_stamps', sa.Text(), nullable=True),
    sa.Column('device_id', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteer_service"))
    )
    with op.batch_alter_table("volunteer_service", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_volunteer_service__division_code"), ["division_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_volunteer_service__family_id"), ["family_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_volunteer_service__person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_volunteer_service__served_on"), ["served_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_volunteer_service__stamp"), ["stamp"], unique=False)


def downgrade() -> None:
    op.drop_table("volunteer_service")
