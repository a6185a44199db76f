"""each rollup interval carries the floor's agent time; indexes for a group's agents
and for the calls answered in an interval

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 06:30:00

Issue #17 ("any chart of the director's window over the whole year in ≤ 1 s"): a
year of a 300-seat floor holds millions of rollup_agent rows, and summing them per
interval for every chart took seconds however they were indexed (SQLite sums about
half a million rows a second on the floor PC). The floor-wide sums of each interval
(logged-in, ready and busy seconds, breaks begun) are written on the interval's own
rollup_interval row by the same transaction that writes its agent rows, so a chart
of every agent reads one row per interval; the rows already built are filled from
rollup_agent here. A group's chart still sums its agents' rows (membership as the
floor setup has it now), read from an index by agent that holds the columns it
sums (15 agents over a year: half a million index entries, no table rows).
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: a group's agents' rows by agent and time, with the columns its chart sums: read
#: from the index alone (no table row per agent and interval)
AGENT_INDEX = ('agent_id', 'start', 'logged_in_s', 'ready_s', 'talking_s', 'hold_s',
               'after_call_s', 'breaks')
_COLUMNS = (('agent_logged_in_s', sa.Float(), 'sum(logged_in_s)'),
            ('agent_ready_s', sa.Float(), 'sum(ready_s)'),
            ('agent_busy_s', sa.Float(), 'sum(talking_s + hold_s + after_call_s)'),
            ('agent_breaks', sa.Integer(), 'sum(breaks)'))


def upgrade() -> None:
    for name, type_, _ in _COLUMNS:
        op.add_column('rollup_interval',
                      sa.Column(name, type_, nullable=False, server_default='0'))
    sums = ', '.join(f'{sql} AS {name}' for name, _, sql in _COLUMNS)
    sets = ', '.join(f'{name} = s.{name}' for name, _, _ in _COLUMNS)
    op.execute(f'UPDATE rollup_interval SET {sets} FROM (SELECT start, {sums} '
               'FROM rollup_agent GROUP BY start) AS s WHERE s.start = rollup_interval.start')
    op.create_index('ix_rollup_agent_agent', 'rollup_agent', list(AGENT_INDEX), unique=False)
    # an interval's agent rows count the calls answered in it: without this index each
    # build read all of call_record (closing one interval of a 9-million-call year: 4.7 s)
    op.create_index('ix_call_record_answered_at', 'call_record', ['answered_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_call_record_answered_at', table_name='call_record')
    op.drop_index('ix_rollup_agent_agent', table_name='rollup_agent')
    with op.batch_alter_table('rollup_interval') as b:
        for name, _, _ in reversed(_COLUMNS):
            b.drop_column(name)
