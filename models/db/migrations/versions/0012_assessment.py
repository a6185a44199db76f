"""the monthly assessment: applied policies, the register of deductions and scores,
the month's sheet

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 09:50:00

Issue #18 (DOMAIN §8, R-ASSESS-1…4): the assessment policy is versioned like the
floor policy (a new one keeps the old ones; a sheet names the version it used);
the register keeps every deduction, bonus and score with who recorded it and,
for a confirmed proposal, the evidence — withdrawn entries stay, with the reason;
the month's sheet stores its rows as computed, draft or confirmed.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql')
_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    op.create_table(
        'assessment_policy',
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('policy_id', sa.String(length=40), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('applied_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('applied_by', sa.String(length=80), nullable=False),
        sa.Column('toml', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('version'))
    op.create_table(
        'assessment_entry',
        sa.Column('id', _ID, autoincrement=True, nullable=False),
        sa.Column('agent_id', sa.String(length=40), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('item', sa.String(length=40), nullable=False),
        sa.Column('points', sa.Float(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('source', sa.String(length=20), nullable=False),
        sa.Column('proposal', sa.String(length=400), nullable=True),
        sa.Column('evidence', _JSON, nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_by', sa.String(length=80), nullable=False),
        sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('withdrawn_by', sa.String(length=80), nullable=True),
        sa.Column('withdrawn_reason', sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('proposal', name='uq_assessment_entry_proposal'))
    op.create_index('ix_assessment_entry_day', 'assessment_entry', ['day', 'agent_id'],
                    unique=False)
    op.create_table(
        'assessment_sheet',
        sa.Column('month', sa.String(length=7), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('policy_version', sa.Integer(), nullable=False),
        sa.Column('rows', _JSON, nullable=False),
        sa.Column('drafted_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('drafted_by', sa.String(length=80), nullable=False),
        sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('confirmed_by', sa.String(length=80), nullable=True),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['policy_version'], ['assessment_policy.version']),
        sa.PrimaryKeyConstraint('month'))


def downgrade() -> None:
    op.drop_table('assessment_sheet')
    op.drop_index('ix_assessment_entry_day', table_name='assessment_entry')
    op.drop_table('assessment_entry')
    op.drop_table('assessment_policy')
