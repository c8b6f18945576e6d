"""position places (the 托位 of a 普惠托育点); a project's final report: when it is due, what it says

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02 06:48:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("position", schema=None) as batch_op:
        batch_op.add_column(sa.Column("places", sa.Integer(), nullable=True))
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.add_column(sa.Column("final_report_due_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("final_report_content", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.drop_column("final_report_content")
        batch_op.drop_column("final_report_due_on")
    with op.batch_alter_table("position", schema=None) as batch_op:
        batch_op.drop_column("places")
