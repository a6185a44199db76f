"""The alerts panel's backend: acknowledge, resolve, the escalation trail, the
history, handling steps and the contact list, each a :class:`console.ops.Request`
(``models.db.alerts_db`` off the GUI thread) for the widget that asked, answered on
the GUI thread (:class:`views.alerts.source.AlertsSource`).

A refusal — no right, an alert already acknowledged or resolved elsewhere, a
resolve without a note, a bad contact row — is an expected answer: it reaches the
request's ``refused`` as its bilingual message, without the "background operation
failed" log entry a real fault gets. The acknowledgement itself is a floor event, so
the panel learns that it took effect from the feed like every other console, not
from this answer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject

from console.ops import Backend, Request
from models.db import alerts_db
from models.db.operators import OperatorError
from models.db.store import writing
from models.domain.records import AlertRecord, Contact, EscalationStep

log = logging.getLogger(__name__)

#: what alerts_db raises for a request it refuses (shown as it is, not logged as a bug)
REFUSALS: tuple[type[Exception], ...] = (alerts_db.AlertError, alerts_db.ContactError,
                                         OperatorError)


class AlertsBackend(Backend):
    """Acts in the name of whoever is signed in at the console *now* (its context is
    read on every request, and a shift change rebinds it: no new backend); the right
    is checked by ``alerts_db`` in the database on every call. Every method returns
    the request for ``owner``, not yet run."""

    def _ask(self, owner: QObject, work: Callable[[], Any]) -> Request:
        return self.request(owner, work, REFUSALS)

    # ---- alerts ------------------------------------------------------------------

    def acknowledge(self, owner: QObject, alert_id: str) -> Request:
        by, now, ws = self.operator_id, self.now(), self.workstation
        return self._ask(owner, lambda: alerts_db.acknowledge(self.engine, alert_id, by, now,
                                                              workstation=ws))

    def resolve(self, owner: QObject, alert_id: str, note: str) -> Request:
        by, now, ws = self.operator_id, self.now(), self.workstation
        return self._ask(owner, lambda: alerts_db.resolve(self.engine, alert_id, by, note, now,
                                                          workstation=ws))

    def escalation_trail(self, owner: QObject, alert_ids: Sequence[str]) -> Request:
        """Every notification of the alerts and every handling step of their tickets,
        in order (R-URGENT-2): ``list[EscalationStep]``."""
        ids = list(dict.fromkeys(alert_ids))

        def work() -> list[EscalationStep]:
            with self.engine.connect() as conn:
                found = [n for aid in ids for n in alerts_db.notifications(conn, aid)]
                tickets = {r.ticket for aid in ids
                           if (r := alerts_db.get_alert(conn, aid)) is not None and r.ticket}
                steps = [st for t in sorted(tickets) for st in alerts_db.handling_steps(conn, t)]
            found.sort(key=lambda n: (n.created_at, n.id))
            out = [EscalationStep(alert_id=n.alert_id, channel=n.channel, target=n.target,
                                  status=n.status, attempts=n.attempts,
                                  created_at=n.created_at, sent_at=n.sent_at,
                                  last_error=n.last_error) for n in found]
            out += [EscalationStep(alert_id=ids[0], channel="step", target=st.by,
                                   status="recorded", attempts=0, created_at=st.at,
                                   last_error=st.text) for st in steps]
            out.sort(key=lambda x: x.created_at)  # one trail: notifications and steps
            return out

        return self._ask(owner, work)

    def record_step(self, owner: QObject, ticket: str, text: str) -> Request:
        by, now, ws = self.operator_id, self.now(), self.workstation
        return self._ask(owner, lambda: alerts_db.record_step(self.engine, ticket, by, text,
                                                              now, workstation=ws))

    def history(self, owner: QObject, start: datetime, end: datetime) -> Request:
        """The alerts raised in [start, end), newest first (at most 2,000)."""
        def work() -> list[AlertRecord]:
            with self.engine.connect() as conn:
                rows = alerts_db.list_alerts(conn, since=start, until=end, limit=2000)
            return list(reversed(rows))

        return self._ask(owner, work)

    # ---- contacts ----------------------------------------------------------------

    def load_contacts(self, owner: QObject) -> Request:
        def work() -> list[Contact]:
            with self.engine.connect() as conn:
                return [Contact(c.unit, c.head, c.phone) for c in alerts_db.contacts(conn)]

        return self._ask(owner, work)

    def save_contacts(self, owner: QObject, rows: Sequence[Contact]) -> Request:
        by, now, ws = self.operator_id, self.now(), self.workstation
        payload = [{"unit": r.unit, "head": r.head, "phone": r.phone} for r in rows]

        def work() -> list[Contact]:
            with writing(self.engine).begin() as conn:
                saved = alerts_db.replace_contacts(conn, payload, by=by, now=now,
                                                   workstation=ws)
            return [Contact(c.unit, c.head, c.phone) for c in saved]

        return self._ask(owner, work)
