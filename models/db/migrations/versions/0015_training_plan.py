"""the week's training plan

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 10:30:00

Issue #18 (R-REPORT-1): the training plan (培训计划) of a week, one row per week
(its Monday), kept by the shift leaders; the host reminds them until next week's
plan exists.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'training_plan',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'),
                  autoincrement=True, nullable=False),
        sa.Column('week', sa.Date(), nullable=False),
        sa.Column('content', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()),
                                                    'postgresql'), nullable=False),
        sa.Column('saved_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('saved_by', sa.String(length=80), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('week', name='uq_training_plan_week'),
    )


def downgrade() -> None:
    op.drop_table('training_plan')
