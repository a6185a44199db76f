"""interval rollups per queue and per agent

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 04:40:00

Issue #17 ("History that a chart can afford"): 15-minute sums per queue and per
agent built from call_record, agent_interval and alert by models/db/rollup_db.py,
and the intervals built so far. Derived data: the host writes it, consoles read it.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql')


def upgrade() -> None:
    # closing the newest interval reads the agent states that end after its start
    op.create_index('ix_agent_interval_end', 'agent_interval', ['end'], unique=False)
    op.create_table('rollup_interval',
    sa.Column('start', sa.DateTime(timezone=True), nullable=False),
    sa.Column('built_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sl_threshold_s', sa.Float(), nullable=False),
    sa.Column('sl_exclude_abandon_under_s', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('start')
    )
    ints = ('offered', 'ivr_only', 'answered', 'answered_in_sl', 'answered_waited',
            'abandoned', 'abandoned_short', 'abandoned_5s', 'handled')
    floats = ('wait_answered_s', 'wait_abandoned_s', 'wait_max_s', 'talk_s', 'hold_s',
              'acw_s')
    op.create_table('rollup_queue',
    sa.Column('start', sa.DateTime(timezone=True), nullable=False),
    sa.Column('queue_id', sa.String(length=40), nullable=False),
    *[sa.Column(n, sa.Integer(), nullable=False) for n in ints],
    *[sa.Column(n, sa.Float(), nullable=False) for n in floats],
    sa.Column('intercepted', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('start', 'queue_id')
    )
    op.create_table('rollup_agent',
    sa.Column('start', sa.DateTime(timezone=True), nullable=False),
    sa.Column('agent_id', sa.String(length=40), nullable=False),
    *[sa.Column(n, sa.Float(), nullable=False) for n in
      ('logged_in_s', 'ready_s', 'ringing_s', 'talking_s', 'hold_s', 'after_call_s',
       'away_s')],
    sa.Column('away_by_reason', _JSON, nullable=False),
    sa.Column('handled', sa.Integer(), nullable=False),
    sa.Column('talk_s', sa.Float(), nullable=False),
    sa.Column('acw_s', sa.Float(), nullable=False),
    sa.Column('breaks', sa.Integer(), nullable=False),
    sa.Column('breaches', _JSON, nullable=False),
    sa.PrimaryKeyConstraint('start', 'agent_id')
    )


def downgrade() -> None:
    op.drop_table('rollup_agent')
    op.drop_table('rollup_queue')
    op.drop_table('rollup_interval')
    op.drop_index('ix_agent_interval_end', table_name='agent_interval')
