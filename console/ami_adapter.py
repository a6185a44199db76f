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
from collections.abc import Callable
from datetime import UTC, datetime

from console.adapters import Adapter
from console.ami_client import AmiLink, LinkChange
from models.domain.commands import SupervisorCommand
from models.domain.floor import FloorState
from models.domain.types import FloorEvent
from models.telephony.ami import Message

log = logging.getLogger(__name__)


def utcnow() -> datetime:
    return datetime.now(UTC)


class AmiAdapter(Adapter):
    name = "ami"

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
                                    ping_s=ami.ping_s, connect_timeout_s=ami.connect_timeout_s)
        self.endpoint_fn = endpoint_fn
        #: the floor as the host has folded it (bound by the host; start()'s state before)
        self._current: Callable[[], FloorState] | None = None
        self._state: FloorState | None = None

    def bind(self, current: Callable[[], FloorState]) -> None:
        self._current = current

    def floor(self) -> FloorState:
        """The floor as the host has it now (plus nothing this adapter has not yet
        handed over: the translator folds its own batch on top)."""
        if self._current is not None:
            return self._current()
        assert self._state is not None, "start() first"
        return self._state

    # -- filled in by the translator part (issue #14 part D) --

    def start(self, state: FloorState, now: datetime) -> list[FloorEvent]:
        raise NotImplementedError

    def poll(self, now: datetime) -> list[FloorEvent]:
        raise NotImplementedError

    def drain(self, now: datetime, until: Callable[[Message], bool] | None = None,
              timeout: float = 0.0) -> tuple[list[FloorEvent], Message | None]:
        """Translate what the link has delivered; with ``until``, keep reading (up to
        ``timeout`` seconds) until a message satisfies it, and return that message too
        (it is translated like any other). Link changes are handled on the way."""
        raise NotImplementedError

    def _on_link(self, change: LinkChange, now: datetime) -> list[FloorEvent]:
        raise NotImplementedError

    # -- filled in by the controls part (issue #14 part F) --

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
