"""project final report: the date it is due and what it says (beside the date it came)

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02 06:49:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.add_column(sa.Column("final_report_due_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("final_report_content", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("project", schema=None) as batch_op:
        batch_op.drop_column("final_report_content")
        batch_op.drop_column("final_report_due_on")
