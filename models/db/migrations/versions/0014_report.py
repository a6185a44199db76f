"""scheduled reports

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 10:00:00

Issue #18 (R-REPORT-1): the daily and monthly reports and their files (.xlsx, PDF),
one row per (kind, period) — the row is the lock that makes a report exactly once
even across a failover.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'report',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'),
                  autoincrement=True, nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('period', sa.String(length=10), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('host', sa.String(length=80), nullable=False),
        sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('error', sa.Text(), nullable=False),
        sa.Column('summary', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()),
                                                    'postgresql'), nullable=False),
        sa.Column('xlsx', sa.LargeBinary(), nullable=True),
        sa.Column('pdf', sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('kind', 'period', name='uq_report_period'),
    )


def downgrade() -> None:
    op.drop_table('report')
