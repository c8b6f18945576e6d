"""indexes for the figures: a period's visits (with family, division and cash), goods by visit,
policies by year, each holding every column its queries read, so a county's or province's figures
walk one narrow index instead of the wide tables

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02 07:12:00
"""

from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_visit__period": ("visit", ["visited_on", "deleted", "division_code", "family_id", "cash_fen", "id"]),
    "ix_visit_goods__value": ("visit_goods", ["visit_id", "deleted", "value_fen"]),
    "ix_insurance_policy__year": ("insurance_policy", ["year", "deleted", "family_id", "premium_fen"]),
}


def upgrade() -> None:
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, (table, _) in INDEXES.items():
        op.drop_index(name, table_name=table)
