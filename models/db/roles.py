"""PostgreSQL roles for a floor of several PCs (issue #13 item 6, R-CTRL-1, R-PRIV-2).

``seatwatch db roles`` prints (or, with ``--apply``, runs as the owner) the SQL
made here. Four roles, least rights each:

- the **owner**: the account in the URL given to ``db roles``, which ran the
  migrations and owns every table, view and function. No program runs as it:
  it is IT's, for ``db upgrade`` and ``db roles`` only.
- ``<prefix>_host``, the floor host (``seatwatch service``): reads and writes the
  floor's tables; on the audit log INSERT and SELECT only; reads operators (never
  the password hash), their roles and the sign-in sessions.
- ``<prefix>_console``, the leaders' consoles: reads the floor, writes the shift
  records, alerts and the like; on the audit log INSERT and SELECT only; may
  INSERT a control but never UPDATE or DELETE one, nor read the session tokens
  other controls carry; never reads a password hash nor writes a session: it
  signs in through ``seatwatch_password_params`` / ``seatwatch_open_session``
  (SECURITY DEFINER, migration 0007). Operators are administered with
  ``seatwatch admin`` as the owner or host, not from a console. Each supervisor's
  own extension (``supervisor_endpoint``, issue #14) it may read, insert and
  update but not delete; the host only reads it. PostgreSQL grants are per table:
  without row-level security a console could write another operator's row, so
  "your own only" is checked in models/db/endpoints_db.py and every change is
  audited with its author. The interval rollups (issue #17) and the scheduled
  reports (issue #18) are the host's to write and the consoles' to read. The monthly
  assessment (issue #18) is the consoles' alone, without DELETE (an entry is
  withdrawn with a reason); the host has no right on it. The week's training plan
  (issue #18) is the consoles' to write; the host only reads it, for its reminder.
- ``<prefix>_wall``, the wallboards: no table at all; its ``search_path`` is a
  schema of views (``<prefix>_wall``) carrying exactly what a wall's feed reads —
  the floor log and checkpoints with every caller number taken out, the floor
  meta, the heartbeat and the schema version. Views run with their owner's
  rights, so the wall needs SELECT on the views only, and can write nothing.

The telephony mapping (issue #14: the switch's host and user, every agent's
interface) is read by the host and the consoles and written only by IT with
``seatwatch telephony apply`` as the owner; a wall never sees it.

No runtime role owns a table, so none can ALTER it, disable the audit log's
append-only trigger or TRUNCATE it. The SQL is idempotent: run it again after
every ``db upgrade`` (a new table gets its grants then). Passwords are never
part of it: IT sets them in psql (``\\password <prefix>_console``) and each PC
keeps its own in the OS keyring (``seatwatch db set-password``).
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, text

from models.domain.texts import QT_TRANSLATE_NOOP

#: issue #17: derived from the history by the host's ``rollup.close`` job (and
#: ``seatwatch rollup rebuild`` as the owner or host); consoles only read them
ROLLUP_TABLES = ("rollup_interval", "rollup_queue", "rollup_agent")
#: issue #18: the monthly assessment is the leaders' and the department head's, from
#: their consoles and terminals; the floor host never needs it and a wall never sees it.
#: Nothing is deleted: an entry is withdrawn with a reason, a sheet redrafted.
ASSESSMENT_TABLES = ("assessment_policy", "assessment_entry", "assessment_sheet")
#: issue #18 (R-REPORT-1): the scheduled reports are the host's to make (and
#: ``seatwatch report`` as the owner or host); consoles read and download them
REPORT_TABLES = ("report",)
#: issue #18 (R-REPORT-1): the week's training plan is the leaders' to write from their
#: consoles (like the meeting minutes); the host reads it for its reminder only; a
#: wall never sees it
TRAINING_TABLES = ("training_plan",)
#: tables whose rights are set one by one below; every other table is floor data
SENSITIVE = ("audit_log", "operator", "operator_role", "operator_session",
             "supervisor_command", "host_lease", "host_heartbeat", "alembic_version",
             "telephony_mapping", "supervisor_endpoint", *ROLLUP_TABLES, *ASSESSMENT_TABLES,
             *REPORT_TABLES, *TRAINING_TABLES)

#: the operator's columns anyone may read (everything but ``password_hash``)
OPERATOR_PUBLIC = ("id", "name", "failed_count", "last_failed_at", "locked_until",
                   "disabled", "created_at", "created_by", "last_sign_in_at")
#: what a console writes at sign-in (the failure count and the lock, R-SIGNIN)
OPERATOR_SIGNIN = ("failed_count", "last_failed_at", "locked_until", "last_sign_in_at")
#: the control's columns a console may read back (never another's session token)
COMMAND_PUBLIC = ("id", "created_at", "operator", "action", "agent_id", "call_id",
                  "reason", "away_reason", "status", "message", "executed_at",
                  "result_event_id")

_PREFIX = re.compile(r"^[a-z][a-z0-9_]{0,40}$")


class RolesError(ValueError):
    pass


NOT_POSTGRESQL = QT_TRANSLATE_NOOP(
    "Roles", "--db: database roles are for PostgreSQL; a SQLite floor (one PC) has one user")


def role_names(prefix: str = "seatwatch") -> dict[str, str]:
    if not _PREFIX.match(prefix):
        raise RolesError(QT_TRANSLATE_NOOP(
            "Roles", "--prefix: a role name prefix is lower-case letters, digits and _, "
                     "starting with a letter: “{prefix}”").format(prefix=prefix))
    return {k: f"{prefix}_{k}" for k in ("host", "console", "wall")}


def floor_tables(conn: Connection, schema: str) -> list[str]:
    return list(conn.execute(text(
        "SELECT tablename FROM pg_tables WHERE schemaname = :s ORDER BY tablename"),
        {"s": schema}).scalars())


def roles_sql(conn: Connection, prefix: str = "seatwatch") -> list[str]:
    """The statements, in order, for the database ``conn`` is connected to."""
    if conn.dialect.name != "postgresql":
        raise RolesError(NOT_POSTGRESQL)
    n = role_names(prefix)
    host, console, wall = n["host"], n["console"], n["wall"]
    schema = str(conn.execute(text("SELECT current_schema()")).scalar_one())
    db = str(conn.execute(text("SELECT current_database()")).scalar_one())
    tables = floor_tables(conn, schema)
    if "audit_log" not in tables or "operator_session" not in tables:
        raise RolesError(QT_TRANSLATE_NOOP(
            "Roles", "--db: the database is not at this program's schema: run "
                     "`seatwatch db upgrade` first"))
    s = _q(schema)
    out: list[str] = []
    for r in (host, console, wall):
        out.append(f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
                   f"'{r}') THEN CREATE ROLE {r} LOGIN; END IF; END $$")
        out.append(f"ALTER ROLE {r} NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS")
        out.append(f"GRANT CONNECT ON DATABASE {_q(db)} TO {r}")
    roles = f"{host}, {console}, {wall}"
    # start from nothing: what PUBLIC and earlier runs granted goes
    out.append(f"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM PUBLIC, {roles}")
    out.append(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {s} FROM PUBLIC, {roles}")
    out.append(f"REVOKE CREATE ON SCHEMA {s} FROM PUBLIC")
    out.append(f"GRANT USAGE ON SCHEMA {s} TO {host}, {console}")
    out.append(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {s} TO {host}, {console}")
    for t in tables:
        if t in SENSITIVE:
            continue
        out.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {s}.{_q(t)} TO {host}, {console}")
    for t in ("audit_log",):  # insert-only, tamper-evident (hash chain)
        out.append(f"GRANT SELECT, INSERT ON {s}.{t} TO {host}, {console}")
    pub = ", ".join(OPERATOR_PUBLIC)
    out.append(f"GRANT SELECT ({pub}) ON {s}.operator TO {host}, {console}")
    out.append(f"GRANT UPDATE ({', '.join(OPERATOR_SIGNIN)}) ON {s}.operator TO {console}")
    out.append(f"GRANT SELECT ON {s}.operator_role TO {host}, {console}")
    out.append(f"GRANT SELECT ON {s}.operator_session TO {host}")
    out.append(f"GRANT SELECT, INSERT, UPDATE ON {s}.supervisor_command TO {host}")
    out.append(f"GRANT INSERT ON {s}.supervisor_command TO {console}")
    out.append(f"GRANT SELECT ({', '.join(COMMAND_PUBLIC)}) ON {s}.supervisor_command "
               f"TO {console}")
    out.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {s}.host_lease, "
               f"{s}.host_heartbeat TO {host}")
    out.append(f"GRANT SELECT ON {s}.host_lease, {s}.host_heartbeat TO {console}")
    out.append(f"GRANT SELECT ON {s}.alembic_version TO {host}, {console}")
    if "telephony_mapping" in tables:  # issue #14: IT applies it, as the owner
        out.append(f"GRANT SELECT ON {s}.telephony_mapping TO {host}, {console}")
    if "supervisor_endpoint" in tables:  # issue #14: a supervisor's own extension
        out.append(f"GRANT SELECT, INSERT, UPDATE ON {s}.supervisor_endpoint TO {console}")
        out.append(f"GRANT SELECT ON {s}.supervisor_endpoint TO {host}")
    for t in (*ROLLUP_TABLES, *REPORT_TABLES):
        if t in tables:
            out.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {s}.{t} TO {host}")
            out.append(f"GRANT SELECT ON {s}.{t} TO {console}")
    for t in ASSESSMENT_TABLES:
        if t in tables:
            out.append(f"GRANT SELECT, INSERT, UPDATE ON {s}.{t} TO {console}")
    for t in TRAINING_TABLES:
        if t in tables:
            out.append(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {s}.{t} TO {console}")
            out.append(f"GRANT SELECT ON {s}.{t} TO {host}")
    for fn in ("seatwatch_password_params(text)",
               "seatwatch_open_session(text, text, text, integer, text)",
               "seatwatch_rehash(text, text, text)"):
        out.append(f"REVOKE ALL ON FUNCTION {s}.{fn} FROM PUBLIC")
        out.append(f"GRANT EXECUTE ON FUNCTION {s}.{fn} TO {console}")
    # the wall: views without caller numbers, in a schema of its own
    w = _q(wall)
    out.append(f"CREATE SCHEMA IF NOT EXISTS {w}")
    out.append(f"REVOKE ALL ON SCHEMA {w} FROM PUBLIC")
    out.append(f"GRANT USAGE ON SCHEMA {w} TO {wall}")
    out.append(f"CREATE OR REPLACE VIEW {w}.floor_event AS SELECT id, at, type, "
               f"(data::jsonb - 'caller') AS data, source FROM {s}.floor_event")
    strip = ("COALESCE((SELECT jsonb_agg(x - 'caller') FROM jsonb_array_elements("
             "state::jsonb -> '{k}') AS x), '[]'::jsonb)")
    out.append(f"CREATE OR REPLACE VIEW {w}.floor_checkpoint AS SELECT event_id, at, "
               f"jsonb_set(jsonb_set(state::jsonb, '{{calls}}', {strip.format(k='calls')}),"
               f" '{{tickets}}', {strip.format(k='tickets')}) AS state "
               f"FROM {s}.floor_checkpoint")
    out.append(f"CREATE OR REPLACE VIEW {w}.floor_meta AS SELECT key, value "
               f"FROM {s}.floor_meta")
    out.append(f"CREATE OR REPLACE VIEW {w}.host_heartbeat AS SELECT host_id, beat_at, "
               f"started_at FROM {s}.host_heartbeat")
    out.append(f"CREATE OR REPLACE VIEW {w}.alembic_version AS SELECT version_num "
               f"FROM {s}.alembic_version")
    out.append(f"GRANT SELECT ON ALL TABLES IN SCHEMA {w} TO {wall}")
    out.append(f"ALTER ROLE {wall} IN DATABASE {_q(db)} SET search_path = {w}")
    return out


def apply_roles(conn: Connection, prefix: str = "seatwatch") -> list[str]:
    """Run :func:`roles_sql` in ``conn``'s transaction (the caller commits)."""
    stmts = roles_sql(conn, prefix)
    for st in stmts:
        conn.exec_driver_sql(st)
    return stmts


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
