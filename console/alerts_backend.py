"""The alerts panel's backend: acknowledge, resolve, the escalation trail and the
contact list, each a background op (``models.db.alerts_db`` off the GUI thread),
answered on the GUI thread (:class:`views.alerts_panel.AlertsSource`).

A refusal — no right, an alert already acknowledged or resolved elsewhere, a
resolve without a note, a bad contact row — is an expected answer: it travels
back as a value and reaches the panel as its bilingual message, without the
"background operation failed" log entry a real fault gets. The acknowledgement
itself is a floor event, so the panel learns that it took effect from the feed
like every other console, not from this answer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from console.ops import Backend
from models.db import alerts_db
from models.db.operators import OperatorError
from models.db.store import writing
from models.domain.records import AlertRecord
from views.alerts_panel import ContactEntry, EscalationStep

log = logging.getLogger(__name__)

#: what alerts_db raises for a request it refuses (shown as it is, not logged as a bug)
REFUSALS: tuple[type[Exception], ...] = (alerts_db.AlertError, alerts_db.ContactError,
                                         OperatorError)


class AlertsBackend(Backend):
    """Acts in the name of whoever is signed in at the console *now* (its context is
    read on every request, and a shift change rebinds it: no new backend); the right
    is checked by ``alerts_db`` in the database on every call."""

    def _run(self, work: Callable[[], Any], on_done: Callable[[Any], None],
             on_error: Callable[[str], None]) -> None:
        self.ops.run_answer(work, on_done, on_error, REFUSALS)

    # ---- alerts ------------------------------------------------------------------

    def acknowledge(self, alert_id: str, on_done: Callable[[Any], None],
                    on_error: Callable[[str], None]) -> None:
        by, now, ws = self.operator_id, self.now(), self.workstation
        self._run(lambda: alerts_db.acknowledge(self.engine, alert_id, by, now,
                                                workstation=ws), on_done, on_error)

    def resolve(self, alert_id: str, note: str, on_done: Callable[[Any], None],
                on_error: Callable[[str], None]) -> None:
        by, now, ws = self.operator_id, self.now(), self.workstation
        self._run(lambda: alerts_db.resolve(self.engine, alert_id, by, note, now,
                                            workstation=ws), on_done, on_error)

    def escalation_trail(self, alert_ids: Sequence[str],
                         on_done: Callable[[list[EscalationStep]], None],
                         on_error: Callable[[str], None]) -> None:
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

        self._run(work, on_done, on_error)

    # ---- contacts ----------------------------------------------------------------

    def record_step(self, ticket: str, text: str, on_done: Callable[[Any], None],
                    on_error: Callable[[str], None]) -> None:
        by, now, ws = self.operator_id, self.now(), self.workstation
        self._run(lambda: alerts_db.record_step(self.engine, ticket, by, text, now,
                                                workstation=ws), on_done, on_error)

    def history(self, start: datetime, end: datetime,
                on_done: Callable[[Sequence[Any]], None],
                on_error: Callable[[str], None]) -> None:
        """The alerts raised in [start, end), newest first (at most 2,000)."""
        def work() -> list[AlertRecord]:
            with self.engine.connect() as conn:
                rows = alerts_db.list_alerts(conn, since=start, until=end, limit=2000)
            return list(reversed(rows))

        self._run(work, on_done, on_error)

    def load_contacts(self, on_done: Callable[[list[ContactEntry]], None],
                      on_error: Callable[[str], None]) -> None:
        def work() -> list[ContactEntry]:
            with self.engine.connect() as conn:
                return [ContactEntry(c.unit, c.head, c.phone) for c in alerts_db.contacts(conn)]

        self._run(work, on_done, on_error)

    def save_contacts(self, rows: Sequence[ContactEntry],
                      on_done: Callable[[list[ContactEntry]], None],
                      on_error: Callable[[str], None]) -> None:
        by, now, ws = self.operator_id, self.now(), self.workstation
        payload = [{"unit": r.unit, "head": r.head, "phone": r.phone} for r in rows]

        def work() -> list[ContactEntry]:
            with writing(self.engine).begin() as conn:
                saved = alerts_db.replace_contacts(conn, payload, by=by, now=now,
                                                   workstation=ws)
            return [ContactEntry(c.unit, c.head, c.phone) for c in saved]

        self._run(work, on_done, on_error)
