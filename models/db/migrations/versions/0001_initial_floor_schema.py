"""initial floor schema

Revision ID: 0001
Revises:
Create Date: 2026-11-22 08:19:54.647682
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('agent',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('group_id', sa.String(length=40), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('agent_current',
    sa.Column('agent_id', sa.String(length=40), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=True),
    sa.Column('since', sa.DateTime(timezone=True), nullable=True),
    sa.Column('call_id', sa.String(length=60), nullable=True),
    sa.Column('event_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.PrimaryKeyConstraint('agent_id')
    )
    op.create_table('agent_group',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('agent_interval',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('agent_id', sa.String(length=40), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=True),
    sa.Column('start', sa.DateTime(timezone=True), nullable=False),
    sa.Column('end', sa.DateTime(timezone=True), nullable=False),
    sa.Column('call_id', sa.String(length=60), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('agent_interval', schema=None) as batch_op:
        batch_op.create_index('ix_agent_interval_agent_start', ['agent_id', 'start'], unique=False)
        batch_op.create_index('ix_agent_interval_start', ['start'], unique=False)

    op.create_table('call_record',
    sa.Column('call_id', sa.String(length=60), nullable=False),
    sa.Column('queue_id', sa.String(length=40), nullable=False),
    sa.Column('agent_id', sa.String(length=40), nullable=True),
    sa.Column('caller', sa.String(length=40), nullable=True),
    sa.Column('outcome', sa.String(length=12), nullable=False),
    sa.Column('queued_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('wait_s', sa.Float(), nullable=False),
    sa.Column('talk_s', sa.Float(), nullable=False),
    sa.Column('hold_s', sa.Float(), nullable=False),
    sa.Column('acw_s', sa.Float(), nullable=False),
    sa.Column('holds', sa.Integer(), nullable=False),
    sa.Column('intercepted_by', sa.String(length=40), nullable=True),
    sa.PrimaryKeyConstraint('call_id')
    )
    with op.batch_alter_table('call_record', schema=None) as batch_op:
        batch_op.create_index('ix_call_record_agent', ['agent_id', 'queued_at'], unique=False)
        batch_op.create_index('ix_call_record_queued_at', ['queued_at'], unique=False)

    op.create_table('floor_checkpoint',
    sa.Column('event_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('state', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.PrimaryKeyConstraint('event_id')
    )
    op.create_table('floor_event',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('type', sa.String(length=40), nullable=False),
    sa.Column('data', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('source', sa.String(length=60), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('floor_event', schema=None) as batch_op:
        batch_op.create_index('ix_floor_event_at', ['at'], unique=False)

    op.create_table('floor_meta',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('host_heartbeat',
    sa.Column('host_id', sa.String(length=80), nullable=False),
    sa.Column('beat_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('hostname', sa.String(length=120), nullable=False),
    sa.Column('pid', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('host_id')
    )
    op.create_table('queue',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('queue_current',
    sa.Column('queue_id', sa.String(length=40), nullable=False),
    sa.Column('waiting', sa.Integer(), nullable=False),
    sa.Column('oldest_since', sa.DateTime(timezone=True), nullable=True),
    sa.Column('event_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.PrimaryKeyConstraint('queue_id')
    )
    op.create_table('ticket',
    sa.Column('id', sa.String(length=60), nullable=False),
    sa.Column('call_id', sa.String(length=60), nullable=True),
    sa.Column('agent_id', sa.String(length=40), nullable=True),
    sa.Column('category', sa.String(length=12), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('urgent', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.create_index('ix_ticket_created_at', ['created_at'], unique=False)

    op.create_table('policy_version',
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('applied_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('applied_by', sa.String(length=80), nullable=False),
    sa.Column('toml', sa.Text(), nullable=False),
    sa.Column('document', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('diff', sa.Text(), nullable=False),
    sa.Column('event_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['floor_event.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('version')
    )


def downgrade() -> None:
    op.drop_table('policy_version')
    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.drop_index('ix_ticket_created_at')

    op.drop_table('ticket')
    op.drop_table('queue_current')
    op.drop_table('queue')
    op.drop_table('host_heartbeat')
    op.drop_table('floor_meta')
    with op.batch_alter_table('floor_event', schema=None) as batch_op:
        batch_op.drop_index('ix_floor_event_at')

    op.drop_table('floor_event')
    op.drop_table('floor_checkpoint')
    with op.batch_alter_table('call_record', schema=None) as batch_op:
        batch_op.drop_index('ix_call_record_queued_at')
        batch_op.drop_index('ix_call_record_agent')

    op.drop_table('call_record')
    with op.batch_alter_table('agent_interval', schema=None) as batch_op:
        batch_op.drop_index('ix_agent_interval_start')
        batch_op.drop_index('ix_agent_interval_agent_start')

    op.drop_table('agent_interval')
    op.drop_table('agent_group')
    op.drop_table('agent_current')
    op.drop_table('agent')
