"""Controls as a signed-in console gives them (issue #13 item 6): the host runs a
control only under a live session of its operator, so tests that are not about
sessions submit through this helper."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine

from models.db import operators
from models.db.host_db import submit_command as submit_unsigned
from models.db.store import writing
from models.domain.commands import SupervisorCommand


def submit_command(engine: Engine, cmd: SupervisorCommand, at: datetime) -> str:
    """Open a session for ``cmd``'s operator (if on record) and submit under it."""
    token = operators.new_token()
    # IMMEDIATE on SQLite: a deferred read-then-write meeting a host's write lock is
    # refused at once ("database is locked") instead of waiting its turn
    with writing(engine).begin() as conn:
        if operators.get_operator(conn, cmd.supervisor) is not None:
            operators.open_session(conn, cmd.supervisor, token, at)
    submit_unsigned(engine, cmd, at, session=token)
    return token
