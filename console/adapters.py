"""Telephony adapters: where floor events come from and where controls are executed.

One interface for every source (the simulator now; Asterisk AMI or a vendor CTI
later): ``poll(now)`` returns the floor events that happened up to ``now``, and
``execute(command, state, now)`` carries out one supervisor control and returns
the events that show its effect, ending with ``command_done``/``command_failed``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from datetime import datetime, timedelta

from models.domain.commands import SupervisorCommand, result_payload
from models.domain.floor import FloorState
from models.domain.texts import QT_TRANSLATE_NOOP
from models.domain.types import AgentState, FloorEvent
from models.sim.simulator import SimConfig, Simulator, demo_start


def close_out(state: FloorState, now: datetime, note: str) -> list[FloorEvent]:
    """Events that close what a previous run left open (calls, logins, leaders),
    so a restarted simulated floor starts clean and the log stays a true record."""
    out: list[FloorEvent] = []
    for c in state.calls.values():
        typ = "call_ended" if c.answered_at is not None else "call_abandoned"
        out.append(FloorEvent(typ, now, {"call": c.id, "note": note}))
    for st in state.status.values():
        if st.state is not AgentState.LOGGED_OUT:
            out.append(FloorEvent("agent_state", now, {"agent": st.agent,
                                                        "state": "logged_out", "note": note}))
    for leader in sorted(state.leaders_on_duty):
        out.append(FloorEvent("shift_leader_on_duty", now, {"agent": leader, "on": False}))
    return out


def link_cleared(state: FloorState, now: datetime, source: str) -> list[FloorEvent]:
    """A floor whose telephony link was down under an AMI source (issue #14) and that now
    runs on a source without a link: its link-down banner ends with the old source."""
    if state.telephony_down_since is None:
        return []
    return [FloorEvent("telephony_link", now, {"up": True, "source": source, "host": "",
                                               "note": f"the floor host now runs --source "
                                                       f"{source}"})]


def run_prefix(run: int | None) -> str:
    """``R7-``: short, so a ticket number stays readable (R7-GD0000012)."""
    return "" if run is None else f"R{run}-"


class Adapter(ABC):
    name: str = "adapter"
    #: R-PEAK-1 (issue #16): the source can take an agent off a break by itself
    #: (``force_ready`` un-pauses it), so the host may refuse a break begun during
    #: the peak plan when the policy says so (``peak.refuse_breaks``)
    can_unpause: bool = False

    @abstractmethod
    def start(self, state: FloorState, now: datetime) -> list[FloorEvent]:
        """Events that bring the floor in line with the source at start-up."""

    @abstractmethod
    def poll(self, now: datetime) -> list[FloorEvent]:
        """Everything that happened up to ``now``, in order."""

    @abstractmethod
    def execute(self, cmd: SupervisorCommand, state: FloorState,
                now: datetime) -> list[FloorEvent]:
        """Carry out one control; the last event is command_done or command_failed."""

    def set_peak_level(self, level: int) -> None:  # noqa: B027 - optional hook
        """Peak plan changed (R-PEAK-1/2); sources that can react do."""

    def outcome(self, cmd: SupervisorCommand, state: FloorState, now: datetime,
                claimed_at: datetime | None) -> FloorEvent:
        """What became of a control a host claimed and then died on (issue #13 item 5):
        ``command_done``, ``command_failed``, or ``command_failed`` marked
        ``outcome: unknown``. Asked instead of executing it again: never acts.
        A source that cannot tell says unknown."""
        return unknown_result(cmd.id, now)

    def bind(self, current: Callable[[], FloorState]) -> None:  # noqa: B027 - optional hook
        """The host hands over how to read the floor as it has folded it (a source whose
        events depend on the floor's state — the AMI adapter — reads it in ``poll``)."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """The host role ends for good (not a suspension): release connections, threads."""

    def set_run(self, run: int) -> None:  # noqa: B027 - optional hook
        """This start's run number (unique per floor database, issue #13 item 1):
        a source that makes its own ids puts it in them, so a restarted or
        failed-over source never makes an id a previous run made."""


#: the floor host stopped between claiming a control and recording its result, and
#: the telephony source cannot tell whether it took effect (issue #13 item 5)
UNKNOWN_MESSAGE = QT_TRANSLATE_NOOP(
    "Commands", "The floor host stopped while carrying out this control; whether it "
                "took effect is unknown: check the agent before trying again")
#: ... and the source can tell that it never reached the floor
NOT_CARRIED_OUT_MESSAGE = QT_TRANSLATE_NOOP(
    "Commands", "The floor host stopped before this control reached the floor; it was "
                "not carried out")
#: ... and the floor shows the control's effect (the source restarted since)
EFFECT_SEEN_MESSAGE = QT_TRANSLATE_NOOP(
    "Commands", "Carried out (confirmed on the floor after the floor host stopped)")


def unknown_result(command: str, now: datetime) -> FloorEvent:
    return FloorEvent("command_failed", now, {**result_payload(command, UNKNOWN_MESSAGE),
                                              "outcome": "unknown"})


class SimulatorAdapter(Adapter):
    """The seeded simulator running in real time (``demo``, ``service --source sim``)."""

    name = "sim"

    def __init__(self, agents: int = 60, seed: int = 1, warmup_s: float = 1200.0,
                 demo: bool = False) -> None:
        self._agents = agents
        self._seed = seed
        self._warmup = timedelta(seconds=warmup_s)
        #: ``seatwatch demo`` (issue #12): the agents keep the demo roster (rest days),
        #: and a fresh floor starts before the shifts running now (models.sim.simulator
        #: .demo_start), so their agents have signed in on time, not when the demo began
        self._demo = demo
        self.sim: Simulator | None = None
        #: when the running simulator started: a control claimed after that was seen
        #: by it if it was carried out at all (issue #13 item 5)
        self._sim_since: datetime | None = None
        self._run: int | None = None

    def set_run(self, run: int) -> None:
        self._run = run

    def start(self, state: FloorState, now: datetime) -> list[FloorEvent]:
        # A simulated floor restarts from scratch. It starts a little in the past
        # (never before what the log already holds) so the first poll brings a floor
        # that is already busy, not one where agents are still logging in.
        warm = begin = now - self._warmup
        joined_late = not self._demo  # a demo agent never joins a past shift late
        if self._demo and (shifts := demo_start(state.policy, now)) is not None:
            begin = min(begin, shifts)
        if state.at is not None and state.at > begin:
            begin, joined_late = min(state.at, now), True
        out = link_cleared(state, begin, self.name) + close_out(state, begin, "sim restart")
        # the calls of the hours before the warm-up are not replayed (a demo starting
        # at 19:59 would otherwise write twelve hours of calls before showing a floor)
        calls_from = max(0.0, (warm - begin).total_seconds())
        prev = self.sim
        self.sim = Simulator(SimConfig(agents=self._agents, seed=self._seed, start=begin,
                                       rest_days=self._demo, join_started=joined_late,
                                       calls_from_s=calls_from,
                                       id_prefix=run_prefix(self._run)))
        if prev is not None:  # the switch restarts its floor, not its memory of controls
            self.sim.remember_controls(prev)
        if self._sim_since is None:
            self._sim_since = now
        setup = self.sim.setup_events()
        for e in setup:
            if e.type == "floor_setup":
                e.data["replace"] = True  # type: ignore[index]
        return out + setup

    def poll(self, now: datetime) -> list[FloorEvent]:
        assert self.sim is not None, "start() first"
        return self.sim.advance(now)

    def execute(self, cmd: SupervisorCommand, state: FloorState,
                now: datetime) -> list[FloorEvent]:
        assert self.sim is not None, "start() first"
        # the simulator must first catch up to the moment of execution
        return self.sim.execute(cmd, state, max(now, self.sim.now))

    def set_peak_level(self, level: int) -> None:
        if self.sim is not None:
            self.sim.set_peak_level(level)

    def outcome(self, cmd: SupervisorCommand, state: FloorState, now: datetime,
                claimed_at: datetime | None) -> FloorEvent:
        """The simulator is the switch: it remembers every control it saw; one it
        never saw, though it ran since before the claim, never reached the floor.
        A simulator started after the claim judges by its floor's state."""
        if self.sim is None:
            return unknown_result(cmd.id, now)
        seen = self.sim.control_outcome(cmd.id)
        if seen is not None:
            ok, msg = seen
            return FloorEvent("command_done" if ok else "command_failed", now,
                              result_payload(cmd.id, msg))
        if (claimed_at is not None and self._sim_since is not None
                and claimed_at >= self._sim_since):
            return FloorEvent("command_failed", now,
                              result_payload(cmd.id, NOT_CARRIED_OUT_MESSAGE))
        if self.sim.effect_holds(cmd):
            return FloorEvent("command_done", now, result_payload(cmd.id, EFFECT_SEEN_MESSAGE))
        return unknown_result(cmd.id, now)


#: why a control fails on a host without a telephony source (R-CTRL-2: say so clearly)
NO_SOURCE_MESSAGE = QT_TRANSLATE_NOOP(
    "Commands", "This floor host has no telephony source (--source none): controls cannot "
                "be carried out")


class NoSourceAdapter(Adapter):
    """``service --source none``: floor events come from elsewhere (``replay
    --realtime``, a PBX bridge); the host still beats, runs the scheduler and
    answers every control with a clear failure instead of leaving it pending."""

    name = "none"

    def start(self, state: FloorState, now: datetime) -> list[FloorEvent]:
        return link_cleared(state, now, self.name)

    def poll(self, now: datetime) -> list[FloorEvent]:
        return []

    def execute(self, cmd: SupervisorCommand, state: FloorState,
                now: datetime) -> list[FloorEvent]:
        return [FloorEvent("command_failed", now, result_payload(cmd.id, NO_SOURCE_MESSAGE))]

    def outcome(self, cmd: SupervisorCommand, state: FloorState, now: datetime,
                claimed_at: datetime | None) -> FloorEvent:
        return FloorEvent("command_failed", now, result_payload(cmd.id, NO_SOURCE_MESSAGE))
