"""The Asterisk AMI telephony source: the floor host follows a real Asterisk (issue #14).

``seatwatch service --source ami`` runs this adapter: :class:`console.ami_client.AmiLink`
owns the socket on its own thread; this adapter, on the floor host's thread, turns
what Asterisk reports into floor events (:class:`models.telephony.translate.Translator`)
and carries out the supervisor controls on the switch
(:class:`console.ami_controls.AmiControls`).

The event stream is consumed in one place only, :meth:`AmiAdapter.drain`: ``poll``
drains what has arrived; a control drains while it waits for Asterisk to confirm
its effect, so the floor events keep their order whoever reads them.
"""

from __future__ import annotations

import logging
import queue
import time
from collections.abc import Callable
from datetime import UTC, datetime

from console.adapters import Adapter
from console.ami_client import AmiLink, LinkChange, LinkDown
from models.domain.commands import SupervisorCommand
from models.domain.floor import FloorState, IllegalEvent, apply, apply_all
from models.domain.types import FloorEvent
from models.telephony.ami import Message
from models.telephony.translate import Translator

log = logging.getLogger(__name__)

#: messages translated per poll at most: a flood after a reconnect is taken in
#: slices, so the host still beats and runs controls in between
MAX_PER_DRAIN = 20_000
#: reconnect attempts: a floor without its switch is blind, so never more than 3 s
#: apart (the floor resyncs within seconds of Asterisk's return); one TCP connect
#: every 3 s is nothing to a switch on the LAN
RECONNECT_BACKOFF = (0.5, 1.0, 2.0, 3.0)


def utcnow() -> datetime:
    return datetime.now(UTC)


class AmiAdapter(Adapter):
    name = "ami"
    can_unpause = True  # QueuePause Paused: false (R-PEAK-1's refused break, issue #16)

    def __init__(self, mapping: object, *, secret_fn: Callable[[], str],
                 endpoint_fn: Callable[[str], tuple[str, str, str] | None] | None = None,
                 link: AmiLink | None = None,
                 clock: Callable[[], datetime] = utcnow) -> None:
        """``mapping``: the applied :class:`models.telephony.mapping.TelephonyMapping`.
        ``endpoint_fn(operator)``: the supervisor's own endpoint set in the console
        (endpoint, context, exten), else None (the mapping's ``[[supervisors]]``)."""
        self.mapping = mapping
        self.clock = clock
        ami = mapping.ami  # type: ignore[attr-defined]
        self.link = link or AmiLink(ami.host, ami.port, ami.user, secret_fn,
                                    ping_s=ami.ping_s, connect_timeout_s=ami.connect_timeout_s,
                                    backoff=RECONNECT_BACKOFF)
        self.endpoint_fn = endpoint_fn
        #: the floor as the host has folded it (bound by the host; start()'s state before)
        self._current: Callable[[], FloorState] | None = None
        self._state: FloorState | None = None
        self.translator = Translator(mapping)  # type: ignore[arg-type]
        #: the floor this adapter last read, whether that read was fresh (the host's
        #: database reachable), and the events handed over that the host may not have
        #: written yet, each with the floor's last event id read at or after the
        #: hand-over (None: not read since — the database was away)
        self._base: FloorState = FloorState()
        self._fresh = False
        self._unwritten: list[tuple[FloorEvent, int | None]] = []
        self._link_up = False
        self._skip_up = False
        self._need_resync = False
        self.received = 0  # AMI events read
        self.resyncs = 0

    def bind(self, current: Callable[[], FloorState]) -> None:
        self._current = current

    def floor(self) -> FloorState:
        """The floor as the host has it now (plus nothing this adapter has not yet
        handed over: the translator folds its own batch on top)."""
        if self._current is not None:
            return self._current()
        assert self._state is not None, "start() first"
        return self._state

    # -- the event stream --

    def start(self, state: FloorState, now: datetime) -> list[FloorEvent]:
        """Connect (waiting up to the mapping's ``connect_timeout_s``), then the events
        that bring the floor in line: the mapped queues and agents it lacks, and the
        resync from Asterisk's own state. A switch that cannot be reached is a
        ``telephony_link`` down event, not a failure: the link keeps trying and the
        resync runs when it comes."""
        self._state = state
        self._base, self._fresh, self._unwritten = state, True, []
        self.translator.endpoints = self._console_endpoints()
        out = self.translator.setup(state, now)
        view = apply_all(state, out)
        self.link.start()
        ami = self.mapping.ami  # type: ignore[attr-defined]
        if not self.link.wait_up(float(ami.connect_timeout_s)):
            note = self.link.last_error or "no answer"
            log.error("AMI link to %s not up at start (%s); the floor shows the link down "
                      "and follows Asterisk once it answers", self.link.where, note)
            self._link_up = False
            out.append(self._link_event(False, now, note))
            self._emitted(out)
            return out
        # the first session's up marker is this resync: drop it from the stream
        # (events after it stay queued and are applied after the resync)
        self._skip_up = True
        self._link_up = True
        evs = self._resync(view, now)
        if evs is None:
            self._need_resync = True
        else:
            out += evs
        if state.telephony_down_since is not None or evs is None:
            out.append(self._link_event(evs is not None, now, ""))
        self._emitted(out)
        return out

    def poll(self, now: datetime) -> list[FloorEvent]:
        events, _ = self.drain(now)
        return events

    def drain(self, now: datetime, until: Callable[[Message], bool] | None = None,
              timeout: float = 0.0) -> tuple[list[FloorEvent], Message | None]:
        """Translate what the link has delivered; with ``until``, keep reading (up to
        ``timeout`` seconds) until a message satisfies it, and return that message too
        (it is translated like any other). Link changes are handled on the way."""
        view = self.view()
        out: list[FloorEvent] = []
        hit: Message | None = None
        deadline = time.monotonic() + timeout
        if self._need_resync and self.link.up:
            evs = self._resync(view, now)
            if evs is not None:
                self._need_resync = False
                evs.append(self._link_event(True, now, ""))
                view = self._fold(view, evs)
                out += evs
        n = 0
        while n < MAX_PER_DRAIN:
            try:
                if until is not None and hit is None:
                    left = deadline - time.monotonic()
                    item = self.link.events.get(timeout=left) if left > 0 \
                        else self.link.events.get_nowait()
                else:
                    item = self.link.events.get_nowait()
            except queue.Empty:
                break
            n += 1
            if isinstance(item, LinkChange):
                evs = self._on_link(item, now, view)
            else:
                self.received += 1
                evs = self.translator.on_message(item, view, now)
                if evs:
                    view = self.translator.last_state
                    out += evs
                    evs = []
                if until is not None and hit is None and until(item):
                    hit = item
            if evs:
                view = self._fold(view, evs)
                out += evs
            if hit is not None:
                break
        due = self.translator.due(now, view)
        if due:
            out += due
        self._emitted(out)
        return out, hit

    def _on_link(self, change: LinkChange, now: datetime,
                 view: FloorState | None = None) -> list[FloorEvent]:
        """A link marker: down -> one ``telephony_link`` down per outage; up -> the
        resync (QueueStatus + CoreShowChannels), then ``telephony_link`` up."""
        view = view if view is not None else self.view()
        if not change.up:
            self._skip_up = False
            if not self._link_up:
                return []
            self._link_up = False
            return [self._link_event(False, change.at, change.reason)]
        if self._skip_up:
            self._skip_up = False
            return []
        self._link_up = True
        evs = self._resync(view, now)
        if evs is None:  # the link dropped again meanwhile, or Asterisk did not answer
            self._need_resync = True
            return []
        self._need_resync = False
        return evs + [self._link_event(True, now, "")]

    # -- helpers --

    def view(self) -> FloorState:
        """The floor as the host has folded it, plus what this adapter handed over
        that the host has not written yet (a database outage buffers it)."""
        try:
            base: FloorState | None = self.floor()
        except Exception as e:  # noqa: BLE001 - the database is away: the last known floor
            log.debug("floor not readable for the AMI adapter (%s); using the last known", e)
            base = None
        self._fresh = base is not None
        if base is None:
            base = self._base
        else:
            # The host writes what poll/drain returned right after (one batch, in
            # order): an event read against floor N is written once the floor is
            # past N. One handed over while the database was away is first pinned to
            # the floor read when it is back (the host writes its buffer after that).
            last = base.last_event_id
            self._unwritten = [(e, last if mark is None else mark)
                               for e, mark in self._unwritten
                               if mark is None or mark >= last]
            self._base = base
        events = [e for e, _ in self._unwritten]
        return self._fold(base, events) if events else base

    def _emitted(self, events: list[FloorEvent]) -> None:
        mark = self._base.last_event_id if self._fresh else None
        self._unwritten += [(e, mark) for e in events]

    @staticmethod
    def _fold(state: FloorState, events: list[FloorEvent]) -> FloorState:
        for e in events:
            try:
                state = apply(state, e)
            except IllegalEvent:
                continue
        return state

    def _resync(self, view: FloorState, now: datetime) -> list[FloorEvent] | None:
        """Ask Asterisk for the whole truth and translate it; None when it could not
        be had (the link dropped or Asterisk did not answer in time)."""
        ami = self.mapping.ami  # type: ignore[attr-defined]
        timeout = float(ami.action_timeout_s)
        try:
            status = self.link.call("QueueStatus", {}, list_response=True, timeout=timeout)
            chans = self.link.call("CoreShowChannels", {}, list_response=True,
                                   timeout=timeout)
        except (LinkDown, TimeoutError) as e:
            log.warning("AMI resync with %s failed (%s); retried when the link is up",
                        self.link.where, e)
            return None
        if not status.ok or not chans.ok:
            log.warning("AMI resync with %s refused: %s / %s", self.link.where,
                        status.message, chans.message)
            return None
        self.translator.endpoints = self._console_endpoints()
        try:
            evs = self.translator.resync(status.events, chans.events, view, now)
        except Exception:  # noqa: BLE001 - a bug must not stop the floor: it follows events
            log.exception("AMI resync with %s could not be translated; the floor follows "
                          "Asterisk's events from here", self.link.where)
            return []
        self.resyncs += 1
        log.info("AMI resync with %s: %d queue status and %d channel entries, %d floor "
                 "event(s)", self.link.where, len(status.events), len(chans.events), len(evs))
        return evs

    def _link_event(self, up: bool, at: datetime, note: str) -> FloorEvent:
        data: dict[str, object] = {"up": up, "source": "ami", "host": self.link.where}
        if note:
            data["note"] = note
        return FloorEvent("telephony_link", at, data)

    def _console_endpoints(self) -> dict[str, str]:
        """Supervisors' endpoints set in the console (beside the mapping's)."""
        if self.endpoint_fn is None:
            return {}
        out: dict[str, str] = {}
        for op in self._operators():
            try:
                ep = self.endpoint_fn(op)
            except Exception as e:  # noqa: BLE001 - a lookup failing must not stop the floor
                log.debug("supervisor endpoint of %s not readable: %s", op, e)
                continue
            if ep:
                out[op] = ep[0]
        return out

    def _operators(self) -> list[str]:
        return [s.operator for s in self.mapping.supervisors]  # type: ignore[attr-defined]

    # -- the controls (console/ami_controls.py) --

    def execute(self, cmd: SupervisorCommand, state: FloorState,
                now: datetime) -> list[FloorEvent]:
        from console.ami_controls import AmiControls

        return AmiControls(self).execute(cmd, state, now)

    def outcome(self, cmd: SupervisorCommand, state: FloorState, now: datetime,
                claimed_at: datetime | None) -> FloorEvent:
        from console.ami_controls import AmiControls

        return AmiControls(self).outcome(cmd, state, now, claimed_at)

    def close(self) -> None:
        self.link.stop()
