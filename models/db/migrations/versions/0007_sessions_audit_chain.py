"""sign-in sessions, controls bound to a session, a hash-chained audit log

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-06 23:00:00

Issue #13 item 6 (R-CTRL-1): a control is executed only under a live sign-in
session (``operator_session`` keeps the SHA-256 of a random token; the control
row carries the token), and every audit row carries a hash chained to the
previous row's. On PostgreSQL two SECURITY DEFINER functions let a console sign
in without being able to read any password hash (``seatwatch db roles``).

Independent of any 0006: only new tables, new nullable columns and functions.
Columns are added with plain ALTER TABLE (no SQLite batch rebuild), so the
append-only triggers of 0003 stay in place.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: the stored hash without its key ("scrypt$N$r$p$salt"): what a console needs to
#: derive the key from the typed password; NULL for an unknown 工号
_PG_PARAMS = """
CREATE FUNCTION seatwatch_password_params(p_id text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT array_to_string((string_to_array(password_hash, '$'))[1:5], '$')
    FROM operator WHERE id = p_id
$$
"""
#: compares the derived key with the stored one (as SHA-256 digests): true when it
#: matches; then, for an enabled operator with a role, records the session under the
#: token hash given (the caller chose the token; only its hash is stored)
_PG_OPEN = """
CREATE FUNCTION seatwatch_open_session(p_id text, p_key text, p_token_hash text,
                                       p_ttl_s integer, p_workstation text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    stored text;
BEGIN
    SELECT password_hash INTO stored FROM operator WHERE id = p_id;
    IF stored IS NULL OR p_key IS NULL OR p_token_hash IS NULL
       OR length(p_token_hash) <> 64 OR p_ttl_s IS NULL OR p_ttl_s <= 0 THEN
        RETURN false;
    END IF;
    IF sha256(convert_to(split_part(stored, '$', 6), 'UTF8'))
       <> sha256(convert_to(p_key, 'UTF8')) THEN
        RETURN false;
    END IF;
    -- the password is right; a session only for an enabled operator with a role
    IF NOT EXISTS (SELECT 1 FROM operator WHERE id = p_id AND NOT disabled)
       OR NOT EXISTS (SELECT 1 FROM operator_role WHERE operator_id = p_id) THEN
        RETURN true;
    END IF;
    INSERT INTO operator_session (token_hash, operator_id, created_at, expires_at,
                                  workstation)
    VALUES (p_token_hash, p_id, now(), now() + make_interval(secs => least(p_ttl_s, 86400)),
            left(coalesce(p_workstation, ''), 120));
    RETURN true;
END
$$
"""

#: a sign-in that found an older, cheaper hash stores one at today's cost (issue #13):
#: only with the key of the current password, so no console can set another's
_PG_REHASH = """
CREATE FUNCTION seatwatch_rehash(p_id text, p_key text, p_new_hash text)
RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    stored text;
BEGIN
    SELECT password_hash INTO stored FROM operator WHERE id = p_id;
    IF stored IS NULL OR p_key IS NULL OR p_new_hash IS NULL
       OR p_new_hash NOT LIKE 'scrypt$%' THEN
        RETURN false;
    END IF;
    IF sha256(convert_to(split_part(stored, '$', 6), 'UTF8'))
       <> sha256(convert_to(p_key, 'UTF8')) THEN
        RETURN false;
    END IF;
    UPDATE operator SET password_hash = p_new_hash WHERE id = p_id;
    RETURN true;
END
$$
"""


def upgrade() -> None:
    op.create_table('operator_session',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('operator_id', sa.String(length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('workstation', sa.String(length=120), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['operator_id'], ['operator.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('token_hash')
    )
    op.create_index('ix_operator_session_operator', 'operator_session',
                    ['operator_id', 'expires_at'], unique=False)
    op.add_column('supervisor_command', sa.Column('session_token', sa.String(length=100),
                                                  nullable=True))
    op.add_column('audit_log', sa.Column('prev_hash', sa.String(length=64), nullable=True))
    op.add_column('audit_log', sa.Column('row_hash', sa.String(length=64), nullable=True))
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(_PG_PARAMS)
        op.execute(_PG_OPEN)
        op.execute(_PG_REHASH)
        op.execute('REVOKE ALL ON FUNCTION seatwatch_rehash(text, text, text) FROM PUBLIC')
        op.execute('REVOKE ALL ON FUNCTION seatwatch_password_params(text) FROM PUBLIC')
        op.execute('REVOKE ALL ON FUNCTION seatwatch_open_session(text, text, text, integer, '
                   'text) FROM PUBLIC')


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('DROP FUNCTION IF EXISTS seatwatch_open_session(text, text, text, integer, '
                   'text)')
        op.execute('DROP FUNCTION IF EXISTS seatwatch_password_params(text)')
        op.execute('DROP FUNCTION IF EXISTS seatwatch_rehash(text, text, text)')
    op.drop_column('audit_log', 'row_hash')
    op.drop_column('audit_log', 'prev_hash')
    op.drop_column('supervisor_command', 'session_token')
    op.drop_index('ix_operator_session_operator', table_name='operator_session')
    op.drop_table('operator_session')
