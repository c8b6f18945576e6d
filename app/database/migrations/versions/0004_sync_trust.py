"""sync trust: who granted each key (issuer, package, serial), revocation; the bundles this device wrote

Revision ID: 0004_sync_trust
Revises: 0003
Create Date: 2026-12-02 06:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_sync_trust"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_key", schema=None) as batch_op:
        # Keys remembered before this revision have no recorded issuer: they keep their flags, but
        # a bundle signed by a key without a division is refused until a new package grants one.
        batch_op.add_column(sa.Column("issuer_key_id", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("last_serial", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("revoked_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("revoked_by", sa.String(length=40), nullable=True))
    op.create_table(
        "bundle_export",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("bundle_hash", sa.String(length=64), nullable=False),
        sa.Column("since_seq", sa.Integer(), nullable=False),
        sa.Column("last_change_seq", sa.Integer(), nullable=False),
        sa.Column("written_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_bundle_export")),
    )


def downgrade() -> None:
    op.drop_table("bundle_export")
    with op.batch_alter_table("sync_key", schema=None) as batch_op:
        batch_op.drop_column("revoked_by")
        batch_op.drop_column("revoked_at")
        batch_op.drop_column("last_serial")
        batch_op.drop_column("issuer_key_id")
