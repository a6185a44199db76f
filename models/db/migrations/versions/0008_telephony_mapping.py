"""the telephony mapping, versioned

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 01:00:00

Issue #14: the floor mapping onto Asterisk (queues, members, pause reasons,
supervisor endpoints, IVR contexts, the AMI host and user — never its secret) is
data, applied with ``seatwatch telephony apply`` and versioned like the policy.
Only a new table: ``seatwatch db roles`` lets the host and consoles read it and
no runtime role write it.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('telephony_mapping',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('applied_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('applied_by', sa.String(length=80), nullable=False),
    sa.Column('toml', sa.Text(), nullable=False),
    sa.Column('document', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('diff', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('version')
    )


def downgrade() -> None:
    op.drop_table('telephony_mapping')
