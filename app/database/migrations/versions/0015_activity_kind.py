"""activity kind: 宣传服务 / 关怀慰问 / 义诊 (001 counts them apart); existing events are 宣传服务

Revision ID: 0015
Revises: 0003
Create Date: 2026-12-02 06:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0004_sync_trust"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=8), server_default="宣传服务", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.drop_column("kind")
