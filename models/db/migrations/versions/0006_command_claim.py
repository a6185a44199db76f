"""command claim

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 22:55:00

Issue #13 item 5: a supervisor control is claimed (executing, by which host,
when, which attempt) in its own committed transaction before the adapter acts,
so a crash or a failed commit after acting never makes it pending again.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('supervisor_command', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claimed_by', sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('attempt', sa.Integer(), server_default='0',
                                      nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('supervisor_command', schema=None) as batch_op:
        batch_op.drop_column('attempt')
        batch_op.drop_column('claimed_at')
        batch_op.drop_column('claimed_by')
