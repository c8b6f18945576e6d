"""insurance_claim: 理赔 (date, amount) beside the insurance policies, synced

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02 06:47:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("insurance_claim",
    sa.Column("policy_id", sa.String(length=36), nullable=False),
    sa.Column("family_id", sa.String(length=36), nullable=False),
    sa.Column("claimed_on", sa.Date(), nullable=False),
    sa.Column("paid_on", sa.Date(), nullable=True),
    sa.Column("amount_fen", sa.Integer(), nullable=False),
    sa.Column("reason", sa.String(length=120), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_stamp', sa.String(length=36), nullable=False),
    sa.Column('stamp', sa.String(length=36), nullable=False),
    sa.Column('field_stamps', sa.Text(), nullable=True),
    sa.Column('device_id', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default='0', nullable=False),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_insurance_claim"))
    )
    with op.batch_alter_table("insurance_claim", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_insurance_claim__claimed_on"), ["claimed_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_insurance_claim__family_id"), ["family_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_insurance_claim__policy_id"), ["policy_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_insurance_claim__stamp"), ["stamp"], unique=False)


def downgrade() -> None:
    op.drop_table("insurance_claim")
