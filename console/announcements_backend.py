"""The announcements dialog's backend ("发布公告"): publish and withdraw, each a
background op (``models.db.announcements_db`` off the GUI thread), answered on
the GUI thread (:class:`views.announcements_view.AnnouncementsSource`).

A refusal — no right, an empty or too long text, an expiry out of range, an
announcement withdrawn or expired meanwhile — is an expected answer: it reaches
the dialog as its bilingual message, without the "background operation failed"
log entry a real fault gets. The announcement itself is a floor event, so the
dialog's list (and every wallboard) learns of it from the feed, not from this
answer.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine

from models.db import announcements_db
from models.db.operators import OperatorError

if TYPE_CHECKING:  # console.app imports this module to wire the dialog
    from console.app import Ops

#: what announcements_db raises for a request it refuses (shown, not logged as a bug)
REFUSALS: tuple[type[Exception], ...] = (announcements_db.AnnouncementRefused, OperatorError)


class AnnouncementsBackend:
    """Acts in the name of whoever is signed in at the console *now* (``operator`` is
    asked on every request); the right is checked by ``announcements_db`` in the
    database on every call, and ``now`` is the floor's clock (the database
    server's), so an expiry means the same on every PC."""

    def __init__(self, engine: Engine, ops: Ops, operator: Callable[[], str],
                 now: Callable[[], datetime], *, workstation: str | None = None) -> None:
        self.engine = engine
        self.ops = ops
        self._operator = operator
        self._now = now
        self.workstation = socket.gethostname() if workstation is None else workstation

    @property
    def operator_id(self) -> str:
        return self._operator()

    def publish(self, text: str, expires_at: datetime, on_done: Callable[[Any], None],
                on_error: Callable[[str], None]) -> None:
        by, now, ws = self.operator_id, self._now(), self.workstation
        self.ops.run_answer(lambda: announcements_db.publish(
            self.engine, text, expires_at, by, now, workstation=ws), on_done, on_error,
            REFUSALS)

    def withdraw(self, announcement_id: str, on_done: Callable[[Any], None],
                 on_error: Callable[[str], None]) -> None:
        by, now, ws = self.operator_id, self._now(), self.workstation
        self.ops.run_answer(lambda: announcements_db.withdraw(
            self.engine, announcement_id, by, now, workstation=ws), on_done, on_error,
            REFUSALS)
