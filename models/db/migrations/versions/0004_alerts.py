"""alerts, notifications, contacts and the scheduler lease

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 21:48:18

Issue #4: the history of alerts (one row per rule, subject and condition start:
the unique key that keeps a failover from raising a condition twice), who was
notified of an escalation and how, the units' contact list, and the lease that
lets exactly one host per floor run the alert jobs.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('alert',
    sa.Column('id', sa.String(length=300), nullable=False),
    sa.Column('rule', sa.String(length=30), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('severity', sa.String(length=10), nullable=False),
    sa.Column('raised_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('agent_id', sa.String(length=40), nullable=True),
    sa.Column('group_id', sa.String(length=40), nullable=True),
    sa.Column('queue_id', sa.String(length=40), nullable=True),
    sa.Column('ticket_id', sa.String(length=100), nullable=True),
    sa.Column('escalation_of', sa.String(length=300), nullable=True),
    sa.Column('detail', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('raised_event_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('acknowledged_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('acknowledged_by', sa.String(length=80), nullable=True),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('resolved_by', sa.String(length=80), nullable=True),
    sa.Column('resolve_note', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('rule', 'subject', 'raised_at', name='uq_alert_condition')
    )
    with op.batch_alter_table('alert', schema=None) as batch_op:
        batch_op.create_index('ix_alert_open', ['resolved_at'], unique=False)
        batch_op.create_index('ix_alert_raised_at', ['raised_at'], unique=False)
        batch_op.create_index('ix_alert_ticket', ['ticket_id'], unique=False)

    op.create_table('alert_notification',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('alert_id', sa.String(length=300), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('target', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('next_try_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('alert_id', 'channel', 'target', name='uq_alert_notification')
    )
    with op.batch_alter_table('alert_notification', schema=None) as batch_op:
        batch_op.create_index('ix_alert_notification_due', ['status', 'next_try_at'], unique=False)

    op.create_table('contact',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('unit', sa.String(length=100), nullable=False),
    sa.Column('head', sa.String(length=60), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('host_lease',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('holder', sa.String(length=200), nullable=False),
    sa.Column('acquired_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('name')
    )


def downgrade() -> None:
    op.drop_table('host_lease')
    op.drop_table('contact')
    with op.batch_alter_table('alert_notification', schema=None) as batch_op:
        batch_op.drop_index('ix_alert_notification_due')

    op.drop_table('alert_notification')
    with op.batch_alter_table('alert', schema=None) as batch_op:
        batch_op.drop_index('ix_alert_ticket')
        batch_op.drop_index('ix_alert_raised_at')
        batch_op.drop_index('ix_alert_open')

    op.drop_table('alert')
