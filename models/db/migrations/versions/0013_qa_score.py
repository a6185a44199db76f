"""quality inspection scores

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 09:30:00

Issue #18 (DOMAIN §8 质量监控): the inspectors' scores of recorded calls, imported
from the center's score sheet: one row per agent, call and inspector (a re-import
replaces, never doubles), the sheet's items as JSON in column order, and whether
the call was found in call_record when imported.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'qa_score',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'),
                  autoincrement=True, nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('agent_id', sa.String(length=40), nullable=False),
        sa.Column('call_id', sa.String(length=60), nullable=False),
        sa.Column('inspector', sa.String(length=80), nullable=False),
        sa.Column('total', sa.Float(), nullable=False),
        sa.Column('items', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()),
                                                  'postgresql'), nullable=False),
        sa.Column('call_known', sa.Boolean(), nullable=False),
        sa.Column('source', sa.String(length=200), nullable=False),
        sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('imported_by', sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('agent_id', 'call_id', 'inspector', name='uq_qa_score_call'),
    )
    with op.batch_alter_table('qa_score') as b:
        b.create_index('ix_qa_score_agent_day', ['agent_id', 'day'], unique=False)
        b.create_index('ix_qa_score_day', ['day'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('qa_score') as b:
        b.drop_index('ix_qa_score_day')
        b.drop_index('ix_qa_score_agent_day')
    op.drop_table('qa_score')
