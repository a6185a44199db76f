"""The announcements dialog's backend ("发布公告"): publish and withdraw, each a
background op (``models.db.announcements_db`` off the GUI thread), answered on
the GUI thread through a :class:`console.ops.Request` bound weakly to the dialog
(:class:`views.announcements_view.AnnouncementsSource`).

A refusal — no right, an empty or too long text, an expiry out of range, an
announcement withdrawn or expired meanwhile — is an expected answer: it reaches
the dialog as its bilingual message, without the "background operation failed"
log entry a real fault gets. The announcement itself is a floor event, so the
dialog's list (and every wallboard) learns of it from the feed, not from this
answer.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject

from console.ops import Backend, Request
from models.db import announcements_db
from models.db.operators import OperatorError

#: what announcements_db raises for a request it refuses (shown, not logged as a bug)
REFUSALS: tuple[type[Exception], ...] = (announcements_db.AnnouncementRefused, OperatorError)


class AnnouncementsBackend(Backend):
    """Acts in the name of the operator of its context; the right is checked by
    ``announcements_db`` in the database on every call, and ``now`` is the floor's
    clock (the database server's), so an expiry means the same on every PC."""

    def publish(self, owner: QObject, text: str, expires_at: datetime) -> Request:
        by, now, ws = self.operator_id, self.now(), self.workstation
        return self.request(owner, lambda: announcements_db.publish(
            self.engine, text, expires_at, by, now, workstation=ws), REFUSALS)

    def withdraw(self, owner: QObject, announcement_id: str) -> Request:
        by, now, ws = self.operator_id, self.now(), self.workstation
        return self.request(owner, lambda: announcements_db.withdraw(
            self.engine, announcement_id, by, now, workstation=ws), REFUSALS)
