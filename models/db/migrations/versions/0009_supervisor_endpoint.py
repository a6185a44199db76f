"""each supervisor's own extension

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 00:45:00

Issue #14 ("Floor mapping"): an operator's endpoint for monitor / whisper / barge
and the exten@context an intercept sends the caller to, settable in the console
(我的分机…). Only a new table: independent of the telephony mapping's 0008 (part
B), after which the integrator chains it.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('supervisor_endpoint',
    sa.Column('operator', sa.String(length=40), nullable=False),
    sa.Column('endpoint', sa.String(length=80), nullable=False),
    sa.Column('context', sa.String(length=40), nullable=False),
    sa.Column('exten', sa.String(length=40), nullable=False),
    sa.Column('set_by', sa.String(length=80), nullable=False),
    sa.Column('set_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['operator'], ['operator.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('operator')
    )


def downgrade() -> None:
    op.drop_table('supervisor_endpoint')
