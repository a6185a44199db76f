"""The floor reducer: ``apply(state, event) -> state`` is the only way state changes.

The live feed, the host's projection into the database, ``snapshot``, scenario
replay and the alert rules all fold the same events through this one function,
so they cannot disagree. State is immutable; collections are ``immutables.Map``
(a persistent hash map), so folding one event costs O(log n) whatever the size
of the floor, and a snapshot can be handed to other threads as it is.

Semantics (issue #2, DOMAIN §1):
- an agent is ``logged_out`` until its first ``agent_state`` (its login);
- ``agent_state`` may set logged_out / ready / after_call / away(reason) only,
  never while the agent is on a call; a state equal to the current one is a no-op;
- ``call_offered`` rings a ready agent; ``call_answered`` needs the agent ready
  or ringing for that call; holds move talking <-> hold; ``call_ended`` puts the
  agent in after-call work; ``call_abandoned`` ends a waiting (or ringing) call;
  ``call_queued`` with ``ivr_only`` finished in the IVR and never waits;
- ``floor_setup`` upserts groups, queues and agents; ``replace`` and
  ``replace_all`` remove what is no longer listed (see :func:`_floor_setup`).
- ``announcement_published`` / ``announcement_withdrawn`` keep the wall
  display's announcements; an expired one needs no event to leave the ticker
  (``announcements.active``), and each publish drops the expired ones.
- ``telephony_link`` (issue #14) records whether the floor host's link to the
  phone system is up: ``telephony_down_since`` is the start of the current outage
  (a second "down" keeps the first one's time), None once it is back. It changes
  nothing else: the floor's agents and calls are brought in line by the resync's
  own events, and no other event (a ``floor_setup`` of a restarted source) touches
  the link's state.
- issue #17 (the live SL forecast): besides "day" and "shift", the KPI counters
  run per 15-minute "interval" (the rollups' intervals, a call counted in the one
  it queued in), and ``arrivals`` keeps each queue's last 15 minutes of calls.
- issue #20: ``resolved_alerts`` holds a resolved alert's id only while its
  condition can still come back with that id (:func:`may_recur`), so a floor that
  runs for days keeps the size of its ongoing conditions, not a day of alerts.
Impossible events raise :class:`IllegalEvent` with the reason and change nothing.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import immutables

from models.domain import kpi
from models.domain.alerts import Alert, alert_from_event
from models.domain.announcements import Announcement, AnnouncementError, announcement_from_event
from models.domain.evolve import evolve
from models.domain.kpi import KpiCounts
from models.domain.policy import MISSED_RINGS_MAX, Policy, PolicyError
from models.domain.rollup import INTERVAL, interval_start
from models.domain.types import (
    BUSY_STATES,
    ON_CALL_STATES,
    SETTABLE_STATES,
    TICKET_FIELDS,
    Agent,
    AgentState,
    AgentStatus,
    AwayReason,
    Call,
    CallState,
    FloorEvent,
    Group,
    OwnerBreach,
    Period,
    Queue,
    SupervisorMode,
    Ticket,
    TicketCategory,
    UnticketedCall,
)

FLOOR = "*"  # scope key of floor-wide counters

EVENT_TYPES = frozenset({
    "floor_setup", "policy_applied",
    "agent_state", "call_queued", "call_offered", "call_unanswered", "call_answered",
    "hold_started", "hold_ended", "call_ended", "call_abandoned", "call_intercepted",
    "supervisor_joined", "supervisor_left",
    "ticket_created", "ticket_completed", "shift_leader_on_duty",
    "command_done", "command_failed",
    "alert_raised", "alert_acknowledged", "alert_resolved",
    "announcement_published", "announcement_withdrawn",
    "roster_shift", "telephony_link",
    "ticket_updated", "ticket_replied", "ticket_handed_on",
})


@dataclass(frozen=True, slots=True)
class RosterDuty:
    """Who the roster puts on the shift now running (issue #6): the scheduler host
    appends it at each shift start, so every PC and the rules (R-LOGIN-1,
    R-URGENT-2's leader on duty) read the same roster."""

    shift: str
    day: str  # ISO date the shift starts on
    start: datetime
    end: datetime
    agents: frozenset[str] = frozenset()
    leaders: frozenset[str] = frozenset()
    #: when the floor first held this shift's roster (the first ``roster_shift`` for
    #: it), and, per rostered agent, since when the floor knows them rostered. A
    #: host started hours into the shift publishes the roster then: no R-LOGIN-1
    #: condition may date from before it (issue #12). Not part of the roster's
    #: identity: a republished roster keeps them.
    published: datetime | None = field(default=None, compare=False)
    known: Mapping[str, datetime] = field(default_factory=dict, compare=False)

    def known_since(self, agent: str) -> datetime | None:
        return self.known.get(agent, self.published)

    def as_event_data(self) -> dict[str, Any]:
        return {"shift": self.shift, "day": self.day, "start": self.start.isoformat(),
                "end": self.end.isoformat(), "agents": sorted(self.agents),
                "leaders": sorted(self.leaders)}


class IllegalEvent(ValueError):
    """An event the floor cannot take (unknown type, impossible transition, bad field)."""


@dataclass(frozen=True, slots=True)
class FloorState:
    at: datetime | None = None
    policy: Policy = field(default_factory=Policy)
    policy_version: int = 0
    groups: immutables.Map[str, Group] = field(default_factory=immutables.Map)
    queues: immutables.Map[str, Queue] = field(default_factory=immutables.Map)
    agents: immutables.Map[str, Agent] = field(default_factory=immutables.Map)
    status: immutables.Map[str, AgentStatus] = field(default_factory=immutables.Map)
    calls: immutables.Map[str, Call] = field(default_factory=immutables.Map)
    tickets: immutables.Map[str, Ticket] = field(default_factory=immutables.Map)
    leaders_on_duty: frozenset[str] = frozenset()
    #: when ``leaders_on_duty`` last changed: R-URGENT-2's "no leader on duty" is
    #: never dated before the floor knew it (issue #12)
    leaders_since: datetime | None = None
    #: the leaders on duty because the roster put them there (R-URGENT-2, issue #16):
    #: the roster's end takes exactly these off duty; a leader set on or off by
    #: ``shift_leader_on_duty`` is the leader's own doing and is not among them
    roster_leaders: frozenset[str] = frozenset()
    #: when the policy in force came into force (R-LIMIT-1: a limit changed by a new
    #: policy never dates a breach before it); None for the policy the floor began with
    policy_since: datetime | None = None
    #: (scope, period kind) -> counters; scope is a queue id or FLOOR
    kpi: immutables.Map[tuple[str, str], KpiCounts] = field(default_factory=immutables.Map)
    periods: immutables.Map[str, Period] = field(default_factory=immutables.Map)
    #: unresolved alerts by id (issue #4); resolved ones live on in the database
    alerts: immutables.Map[str, Alert] = field(default_factory=immutables.Map)
    #: alert id -> when it was resolved, kept while its condition can still come back
    #: with the same id (:func:`may_recur`, issue #20): a condition a person resolved
    #: while it still holds must not be raised again on the next evaluation
    resolved_alerts: immutables.Map[str, datetime] = field(default_factory=immutables.Map)
    #: callers waiting now, summed over the policy's peak queues (R-PEAK-1/2)
    peak_waiting: int = 0
    #: peak level -> since when ``peak_waiting`` has been at or above its threshold
    #: without a dip (absent: below it now); the peak rules read their window here
    peak_since: immutables.Map[int, datetime] = field(default_factory=immutables.Map)
    #: R-IDLE-1 (issue #16): 24-hour queue (the policy's, in the floor setup) -> since
    #: when none of its agents has been ready or on a call (absent: someone is); the
    #: rule reads its limit from here
    unstaffed_since: immutables.Map[str, datetime] = field(default_factory=immutables.Map)
    #: the most callers waiting (``peak_waiting``) in the shift period ``shift_peak_key``
    #: and when it was first reached: the handover's shift statistics (issue #12)
    shift_peak_key: str = ""
    shift_peak: int = 0
    shift_peak_at: datetime | None = None
    #: the wall display's announcements by id, unexpired ones (and ones that expired
    #: since the last publish: read them through ``announcements.active(…, now)``)
    announcements: immutables.Map[str, Announcement] = field(default_factory=immutables.Map)
    #: the roster of the shift running now (None: no roster kept for it)
    roster: RosterDuty | None = None
    #: since when the floor host's link to the phone system is down (issue #14): the
    #: start of the current outage; None while it is up or was never reported.
    #: Consoles and walls show their link banner from it, and alerts that depend on
    #: live telephony state say they may be incomplete
    telephony_down_since: datetime | None = None
    #: the source of the last ``telephony_link`` event ("ami"; "" before any)
    telephony_source: str = ""
    #: issue #17, the live SL forecast: per queue, when each call that reached it (not
    #: IVR-only) queued over the last 15 minutes, oldest first — the forecast's arrival
    #: rate. Pruned as calls arrive, so read it through :meth:`arrivals_since`
    arrivals: immutables.Map[str, tuple[datetime, ...]] = field(
        default_factory=immutables.Map)
    #: R-TICKET-1 (issue #16): answered calls ended with no ticket yet, by call id,
    #: kept only while the policy asks for a ticket per call, until a ticket
    #: references the call or a day after it ended
    unticketed: immutables.Map[str, UnticketedCall] = field(default_factory=immutables.Map)
    #: R-FIRST-1 (issue #16): tickets completed or updated by another than their owner
    #: without a hand-on, by ticket id, kept a day
    owner_breaches: immutables.Map[str, OwnerBreach] = field(default_factory=immutables.Map)
    last_event_id: int = 0

    # ---- read helpers used by views, rules and the CLI -----------------

    def waiting(self, queue: str | None = None) -> list[Call]:
        return [c for c in self.calls.values()
                if c.state is CallState.WAITING and (queue is None or c.queue == queue)]

    def counts(self, scope: str, kind: str) -> KpiCounts:
        return self.kpi.get((scope, kind), _ZERO)

    def arrivals_since(self, queue: str, since: datetime) -> int:
        """Calls that reached ``queue`` (IVR-only ones left out) after ``since``; exact
        for any ``since`` within the last :data:`ARRIVALS_KEPT` before ``at``."""
        times = self.arrivals.get(queue, ())
        return len(times) - bisect.bisect_right(times, since)

    def peak_level(self) -> int:
        """The floor's peak-plan level (R-PEAK-1/2): the highest level whose alert is
        unresolved, 0 when none is."""
        return max((int(a.detail.get("level", 0)) for a in self.alerts.values()
                    if a.rule in ("R-PEAK-1", "R-PEAK-2")), default=0)

    def agents_in(self, state: AgentState, reason: AwayReason | None = None) -> list[str]:
        return [s.agent for s in self.status.values()
                if s.state is state and (reason is None or s.reason is reason)]

    def roster_ends_duty(self) -> datetime | None:
        """When the roster's end takes its leaders off duty (R-URGENT-2, issue #16):
        the running roster's end while it put leaders on duty, else None."""
        r = self.roster
        return r.end if r is not None and self.roster_leaders else None

    def leaders_at(self, now: datetime) -> tuple[frozenset[str], datetime | None]:
        """The shift leaders on duty at ``now`` and since when that set holds: once the
        roster's shift has ended, the leaders it put on duty are off it, though no
        event has said so yet (a night roster followed by no roster naming a leader)."""
        ends = self.roster_ends_duty()
        if ends is not None and now >= ends:
            return self.leaders_on_duty - self.roster_leaders, max(ends, self.leaders_since
                                                                  or ends)
        return self.leaders_on_duty, self.leaders_since


_ZERO = KpiCounts()

#: how far back ``FloorState.arrivals`` reaches (issue #17: the last 15 minutes' rate)
ARRIVALS_KEPT = timedelta(minutes=15)


def interval_period(at: datetime) -> Period:
    """The 15-minute interval holding ``at`` as a counting period ("interval"): the
    reducer counts each call in it by its queueing time, like the rollups (issue #17)."""
    start = interval_start(at)
    return Period("interval", start.isoformat(), start.strftime("%H:%M"), start,
                  start + INTERVAL)


def initial_state(policy: Policy | None = None) -> FloorState:
    return FloorState(policy=policy or Policy())


def apply(state: FloorState, event: FloorEvent) -> FloorState:
    """Fold one event. Pure: same state and event give the same result."""
    handler = _HANDLERS.get(event.type)
    if handler is None:
        raise IllegalEvent(f"unknown event type {event.type!r}")
    at = event.at if state.at is None or event.at > state.at else state.at
    if at.tzinfo is None:
        raise IllegalEvent("event time has no time zone")
    state = _roll_periods(state, at)
    new = handler(state, event, at)
    new = _track_peak(state, new, event, at)
    new = _track_unstaffed(state, new, at)
    new = _track_shift_peak(new, at)
    return evolve(new, at=at, last_event_id=event.id or state.last_event_id)


def _track_shift_peak(s: FloorState, at: datetime) -> FloorState:
    """The shift's most callers waiting, O(1) per event; a new shift starts from the
    callers waiting as it begins."""
    shift = s.periods.get("shift")
    key = shift.key if shift is not None else ""
    if key != s.shift_peak_key:
        return evolve(s, shift_peak_key=key, shift_peak=s.peak_waiting,
                       shift_peak_at=at if s.peak_waiting else None)
    if s.peak_waiting > s.shift_peak:
        return evolve(s, shift_peak=s.peak_waiting, shift_peak_at=at)
    return s


def _counts_for_peak(policy: Policy, call: Call | None) -> bool:
    return (call is not None and call.state is CallState.WAITING
            and (not policy.peak_queues or call.queue in policy.peak_queues))


def _track_peak(old: FloorState, new: FloorState, e: FloorEvent, at: datetime) -> FloorState:
    """Keep ``peak_waiting`` and ``peak_since`` up to date in O(1) per event: only the
    event's own call can start or stop waiting (a policy change recounts)."""
    if e.type == "policy_applied":
        n = sum(1 for c in new.calls.values() if _counts_for_peak(new.policy, c))
    else:
        cid = e.data.get("call")
        if cid is None:
            return new
        cid = str(cid)
        n = old.peak_waiting + int(_counts_for_peak(new.policy, new.calls.get(cid))) \
            - int(_counts_for_peak(old.policy, old.calls.get(cid)))
    if n == old.peak_waiting and e.type != "policy_applied":
        return new
    since = old.peak_since
    with since.mutate() as m:
        for lvl in new.policy.peak_levels:
            if n >= lvl.threshold:
                if lvl.level not in m:
                    m[lvl.level] = at
            elif lvl.level in m:
                del m[lvl.level]  # any dip below restarts the window (R-PEAK-1/2)
        for gone in [k for k in since if k not in {p.level for p in new.policy.peak_levels}]:
            del m[gone]
        since = m.finish()
    return evolve(new, peak_waiting=n, peak_since=since)


#: R-IDLE-1: an agent in these states is answering the line (after-call work is not)
_ON_THE_LINE = ON_CALL_STATES | {AgentState.READY}


def _staffed(s: FloorState, queue: str) -> bool:
    groups = s.policy.idle_groups.get(queue)
    return any(st.state in _ON_THE_LINE and (
        groups is None or (st.agent in s.agents and s.agents[st.agent].group in groups))
        for st in s.status.values())


def _track_unstaffed(old: FloorState, new: FloorState, at: datetime) -> FloorState:
    """R-IDLE-1 (issue #16): since when each 24-hour queue has had no agent ready or
    on a call. Looked at only when an agent, the floor setup or the policy changed."""
    if not new.policy.idle_queues and not old.unstaffed_since:
        return new
    if (new.status is old.status and new.agents is old.agents and new.queues is old.queues
            and new.policy is old.policy):
        return new
    since = {q: old.unstaffed_since.get(q, at) for q in new.policy.idle_queues
             if q in new.queues and not _staffed(new, q)}
    if since == dict(old.unstaffed_since.items()):
        return new
    return evolve(new, unstaffed_since=immutables.Map(since))


def apply_all(state: FloorState, events: Iterable[FloorEvent]) -> FloorState:
    for e in events:
        state = apply(state, e)
    return state


# ---- helpers -----------------------------------------------------------------


def _req(event: FloorEvent, key: str) -> str:
    v = event.data.get(key)
    if v is None or v == "":
        raise IllegalEvent(f"{event.type} needs field {key!r}")
    if not isinstance(v, str | int):
        raise IllegalEvent(f"{event.type}.{key} must be a string, got {v!r}")
    return str(v)


def _status(state: FloorState, agent: str, event: FloorEvent) -> AgentStatus:
    st = state.status.get(agent)
    if st is None:
        raise IllegalEvent(f"unknown agent {agent!r} (not in the floor setup)")
    return st


def _call(state: FloorState, call_id: str) -> Call:
    c = state.calls.get(call_id)
    if c is None:
        raise IllegalEvent(f"call {call_id!r} is not waiting or in progress")
    return c


def _roll_periods(state: FloorState, at: datetime) -> FloorState:
    """Start new "day"/"shift" counters when ``at`` leaves the current period."""
    periods = state.periods
    day, shift, iv = periods.get("day"), periods.get("shift"), periods.get("interval")
    if day is not None and shift is not None and iv is not None and day.contains(at) \
            and shift.contains(at) and iv.contains(at):
        return state
    kpis = state.kpi
    with periods.mutate() as pm, kpis.mutate() as km:
        for kind, make in (("day", state.policy.day_period), ("shift", state.policy.shift_period),
                           ("interval", interval_period)):
            cur = pm.get(kind)
            if cur is None or not cur.contains(at):
                pm[kind] = make(at)
                for key in [k for k in state.kpi if k[1] == kind]:
                    del km[key]
        periods, kpis = pm.finish(), km.finish()
    return evolve(state, periods=periods, kpi=kpis)


def _bump(state: FloorState, queue: str, queued_at: datetime | None, fn: Any,
          *args: Any) -> immutables.Map[tuple[str, str], KpiCounts]:
    """Apply a kpi.add_* to the queue's and the floor's counters of every period
    that contains the call's queueing time (calls belong to the period they arrived in)."""
    km = state.kpi
    with km.mutate() as m:
        for kind, period in state.periods.items():
            if queued_at is not None and not period.contains(queued_at):
                continue
            for scope in (queue, FLOOR):
                m[(scope, kind)] = fn(m.get((scope, kind), _ZERO), *args)
        out: immutables.Map[tuple[str, str], KpiCounts] = m.finish()
    return out


def _agent_time(state: FloorState, prev: AgentStatus, at: datetime) -> FloorState:
    """Occupancy time of the state the agent leaves, clipped to each period."""
    if prev.since is None or prev.state not in BUSY_STATES | {AgentState.READY}:
        return state
    km = state.kpi
    with km.mutate() as m:
        for kind, period in state.periods.items():
            start = max(prev.since, period.start)
            secs = (at - start).total_seconds()
            if secs <= 0:
                continue
            busy = secs if prev.state in BUSY_STATES else 0.0
            ready = secs if prev.state is AgentState.READY else 0.0
            m[(FLOOR, kind)] = kpi.add_agent_time(m.get((FLOOR, kind), _ZERO), busy, ready)
        new_kpi = m.finish()
    return evolve(state, kpi=new_kpi)


def _set_agent(state: FloorState, prev: AgentStatus, at: datetime, new_state: AgentState, *,
               reason: AwayReason | None = None, call: str | None = None,
               acw_call: str | None = None, answered_call: bool = False,
               forced_by: str | None = None) -> FloorState:
    """Move an agent to a new state, closing the old one (time, ACW, break counters)."""
    state = _agent_time(state, prev, at)
    day = state.periods["day"].key
    st = prev if prev.day == day else evolve(prev, day=day, calls_today=0, breaks_today=0,
                                              break_s_today=0.0)
    # leaving after-call work: its length belongs to the call it followed
    if prev.state is AgentState.AFTER_CALL and prev.acw_call and prev.since is not None:
        acw = (at - prev.since).total_seconds()
        state = _acw(state, prev.acw_call, acw)
    if prev.state is AgentState.AWAY and prev.reason is AwayReason.SHORT_BREAK and prev.since:
        st = evolve(st, break_s_today=st.break_s_today + (at - prev.since).total_seconds())
    if new_state is AgentState.AWAY and reason is AwayReason.SHORT_BREAK:
        st = evolve(st, breaks_today=st.breaks_today + 1)
    if answered_call:
        st = evolve(st, calls_today=st.calls_today + 1)
    logged_in_at = st.logged_in_at
    if prev.state is AgentState.LOGGED_OUT and new_state is not AgentState.LOGGED_OUT:
        logged_in_at = at
    elif new_state is AgentState.LOGGED_OUT:
        logged_in_at = None
    away_since: datetime | None = None
    if new_state is AgentState.AWAY:
        away_since = prev.away_since if prev.state is AgentState.AWAY else at
    # R-IDLE-1: a run of unanswered rings lasts while the agent is ready or rung again;
    # answering a call or any other state ends it (issue #16)
    missed = st.missed_rings if new_state in (AgentState.READY, AgentState.RINGING) else ()
    st = evolve(st, state=new_state, reason=reason, since=at, call=call,
                 acw_call=acw_call, logged_in_at=logged_in_at, forced_by=forced_by,
                 away_since=away_since, missed_rings=missed)
    return evolve(state, status=state.status.set(prev.agent, st))


#: after-call seconds seen per call, for calls whose queueing period is current
def _acw(state: FloorState, call_id: str, acw_s: float) -> FloorState:
    queue, queued_at = _ACW_INDEX.get(state, call_id)
    if queue is None:
        return state
    return evolve(state, kpi=_bump(state, queue, queued_at, kpi.add_acw, acw_s))


class _AcwIndex:
    """Where an ended call came from, kept on the agent's status as ``acw_call``.

    The ended call is gone from ``state.calls``; its queue and queueing time are
    encoded in ``acw_call`` as ``"<call>\\x1f<queue>\\x1f<iso time>"`` so the
    state stays self-contained and serialisable.
    """

    @staticmethod
    def encode(call: Call) -> str:
        return f"{call.id}\x1f{call.queue}\x1f{call.queued_at.isoformat()}"

    @staticmethod
    def get(state: FloorState, token: str) -> tuple[str | None, datetime | None]:
        parts = token.split("\x1f")
        if len(parts) != 3:
            return None, None
        return parts[1], datetime.fromisoformat(parts[2])


_ACW_INDEX = _AcwIndex()


def acw_call_id(status: AgentStatus) -> str | None:
    """The id of the call whose after-call work the agent is doing."""
    return status.acw_call.split("\x1f", 1)[0] if status.acw_call else None


# ---- handlers ----------------------------------------------------------------


def _floor_setup(state: FloorState, e: FloorEvent, at: datetime) -> FloorState:
    """Upsert the listed groups, queues and agents.

    ``replace``: the agent list is complete — unlisted agents that are logged out
    are dropped, logged-in ones stay until they log out (a restarted simulator or
    an import must not cut anyone off mid-shift).

    ``replace_all`` (the floor-setup editor): all three lists are the whole floor,
    and the event is all or nothing — an unlisted agent still logged in, an unlisted
    group that still has agents, or an unlisted queue with a live call refuses it.
    A separate key rather than a new meaning of ``replace``, so events already in
    a log fold exactly as they did when they were written.
    """
    groups, queues, agents, status = state.groups, state.queues, state.agents, state.status
    replace_all = bool(e.get("replace_all"))
    listed_groups: set[str] = set()
    listed_queues: set[str] = set()
    try:
        with groups.mutate() as gm:
            for g in e.get("groups", []) or []:
                listed_groups.add(str(g["id"]))
                gm[str(g["id"])] = Group(str(g["id"]), str(g.get("name", g["id"])))
            groups = gm.finish()
        with queues.mutate() as qm:
            for q in e.get("queues", []) or []:
                listed_queues.add(str(q["id"]))
                qm[str(q["id"])] = Queue(str(q["id"]), str(q.get("name", q["id"])))
            queues = qm.finish()
        with agents.mutate() as am, status.mutate() as sm:
            listed = set()
            for a in e.get("agents", []) or []:
                aid = str(a["id"])
                grp = str(a.get("group", ""))
                if grp and grp not in groups:
                    raise IllegalEvent(f"agent {aid!r} names unknown group {grp!r}")
                listed.add(aid)
                am[aid] = Agent(aid, str(a.get("name", aid)), grp)
                if aid not in sm:
                    sm[aid] = AgentStatus(agent=aid)
            if e.get("replace") or replace_all:
                unlisted = sorted(x for x in agents if x not in listed)
                busy = [x for x in unlisted if sm[x].state is not AgentState.LOGGED_OUT]
                if replace_all and busy:
                    raise IllegalEvent("floor_setup cannot remove agent(s) still logged in: "
                                       + ", ".join(busy))
                for aid in unlisted:
                    if sm[aid].state is AgentState.LOGGED_OUT:
                        del am[aid]
                        del sm[aid]
            agents, status = am.finish(), sm.finish()
    except (KeyError, TypeError) as err:
        raise IllegalEvent(f"floor_setup entry lacks {err}") from None
    if replace_all:
        groups = _drop_unlisted_groups(groups, listed_groups, agents)
        queues = _drop_unlisted_queues(queues, listed_queues, state.calls)
    return evolve(state, groups=groups, queues=queues, agents=agents, status=status)


def _drop_unlisted_groups(groups: immutables.Map[str, Group], listed: set[str],
                          agents: immutables.Map[str, Agent]) -> immutables.Map[str, Group]:
    members: dict[str, list[str]] = {}
    for a in agents.values():
        members.setdefault(a.group, []).append(a.id)
    kept = [f"group {g!r} still has agent(s) {', '.join(sorted(members[g]))}"
            for g in sorted(groups) if g not in listed and members.get(g)]
    if kept:
        raise IllegalEvent("floor_setup cannot remove " + "; ".join(kept))
    with groups.mutate() as gm:
        for g in [g for g in groups if g not in listed]:
            del gm[g]
        groups = gm.finish()
    return groups


def _drop_unlisted_queues(queues: immutables.Map[str, Queue], listed: set[str],
                          calls: immutables.Map[str, Call]) -> immutables.Map[str, Queue]:
    live: dict[str, list[str]] = {}
    for c in calls.values():
        live.setdefault(c.queue, []).append(c.id)
    kept = [f"queue {q!r} still has live call(s) {', '.join(sorted(live[q]))}"
            for q in sorted(queues) if q not in listed and live.get(q)]
    if kept:
        raise IllegalEvent("floor_setup cannot remove " + "; ".join(kept))
    with queues.mutate() as qm:
        for q in [q for q in queues if q not in listed]:
            del qm[q]
        queues = qm.finish()
    return queues


def _policy_applied(state: FloorState, e: FloorEvent, at: datetime) -> FloorState:
    doc = e.get("policy")
    if not isinstance(doc, Mapping):
        raise IllegalEvent("policy_applied needs the policy document in field 'policy'")
    try:
        policy = Policy.from_dict(doc)
    except PolicyError as err:
        raise IllegalEvent(f"policy_applied carries an invalid policy: {err}") from None
    version = e.get("version", state.policy_version + 1)
    # the same rules applied again (a host's restart) do not move when they began
    since = state.policy_since if policy == state.policy else at
    new = evolve(state, policy=policy, policy_version=int(version),
                  periods=immutables.Map(), policy_since=since)
    # periods follow the new shifts; counters of a period that keeps its key stay
    rolled = _roll_periods(new, at)
    kept = {k: v for k, v in state.kpi.items()
            if rolled.periods.get(k[1]) == state.periods.get(k[1])}
    return evolve(rolled, kpi=immutables.Map(kept))


def _agent_state(state: FloorState, e: FloorEvent, at: datetime) -> FloorState:
    agent = _req(e, "agent")
    prev = _status(state, agent, e)
    raw = _req(e, "state")
    try:
        new_state = AgentState(raw)
    except ValueError:
        raise IllegalEvent(f"unknown agent state {raw!r}") from None
    if new_state not in SETTABLE_STATES:
        raise IllegalEvent(f"agent_state cannot set {raw!r}: ringing, talking and hold "
                           "follow calls")
    reason: AwayReason | None = None
    if new_state is AgentState.AWAY:
        raw_r = e.get("reason")
        if raw_r is None:
            raise IllegalEvent("away needs a reason (short_break meal training meeting "
                               "callback other)")
        try:
            reason = AwayReason(raw_r)
        except ValueError:
            raise IllegalEvent(f"unknown away reason {raw_r!r}") from None
    elif e.get("reason") not in (None, ""):
        raise IllegalEvent(f"a reason is only given with away, not with {raw!r}")
    if prev.state in ON_CALL_STATES:
        raise IllegalEvent(f"agent {agent} is {prev.state.value} on call {prev.call}; "
                           "the state cannot change until the call ends")
    if prev.state is new_state and prev.reason is reason:
        return state
    acw = prev.acw_call if new_state is AgentState.AFTER_CALL else None
    forced: str | None = None
    if new_state is AgentState.AWAY:
        # one departure, one author: a reason changed while away keeps who sent the
        # agent away (R-SEAT-1: "however often its away reason changes")
        cmd = e.get("command")
        forced = prev.forced_by if prev.state is AgentState.AWAY else (
            str(cmd) if cmd else None)
    return _set_agent(state, prev, at, new_state, reason=reason, acw_call=acw,
                      forced_by=forced)


def _call_queued(state: FloorState, e: FloorEvent, at: datetime) -> FloorState:
    call_id, queue = _req(e, "call"), _req(e, "queue")
    if queue not in state.queues:
        raise IllegalEvent(f"unknown queue {queue!r} (not in the floor setup)")
    if call_id in state.calls:
        raise IllegalEvent(f"call {call_id!r} is already in progress")
    caller = e.get("caller")
    caller = None if caller is None else str(caller)
    state = evolve(state, kpi=_bump(state, queue, at, kpi.add_offered))
    if e.get("ivr_only"):
        return evolve(state, kpi=_bump(state, queue, at, kpi.add_ivr_only))
    c = Call(id=call_id, queue=queue, queued_at=at, caller=caller)
    return evolve(state, calls=state.calls.set(call_id, c),
                   arrivals=_arrived(state.arrivals, queue, at))


def _arrived(arrivals: immutables.Map[str, tuple[datetime, ...]], queue: str,
             at: datetime) -> immutables.Map[str, tuple[datetime, ...]]:
    """Issue #17: one more arrival at ``queue``; every queue's times older than
    :data:`ARRIVALS_KEPT` leave (a queue that has gone quiet is pruned here too, so
    the map stays the last 15 minutes' calls whatever the floor's history)."""
    cut = at - ARRIVALS_KEPT
    with arrivals.mutate() as m:
        for q, times in arrivals.items():
            if q != queue and times and times[-1] <= cut:
                del m[q]
        times = arrivals.get(queue, ())
        m[queue] = times[bisect.bisect_right(times, cut):] + (at,)
        out: immutables.Map[str, tuple[datetime, ...]] = m.finish()
    return out


def _call_offered(state: FloorState, e: FloorEvent, at: datetime) -> FloorState:
    call_id, agent = _req(e, "call"), _req(e, "agent")
    c = _call(state, call_id)
    st = _status(state, agent, e)
    if c.state is not CallState.WAITING:
        raise IllegalEvent(f"call {call_id} is {c.state.value}, not waiting")
    if st.state is not AgentState.READY:
        raise IllegalEvent(f"agent {agent} is {st.state.value}, not ready")
    state = _set_agent(state, st, at, AgentState.RINGING, call=call_id)
    c = evolve(c, state=CallState.RINGING, agent=agent, offered_at=at)
    return evolve(state, calls=state.calls.set(call_id, c))


def _call_unanswered(state: FloorState, e: FloorEvent, at: datetime) -> FloorState:
    """Ring-no-answer: the call goes back to waiting, the agent back to ready."""
    call_id = _req(e, "call")
    c = _call(state, call_id)
    if c.state is not CallState.RINGING or c.agent is None:
        raise IllegalEvent(f"call {call_id} is not ringing")
    st = state.status[c.agent]
    state = _set_agent(state, st, at, AgentState.READY)
    state = _missed_ring(state, c.agent, at)
    c = evolve(c, state=CallState.WAITING, agent=None, offered_at=None)
    return evolve(state, calls=state.calls.set(call_id, c))


def _missed_ring(state: FloorState, agent: str, at: datetime) -> FloorState:
    """R-IDLE-1 (issue #16): one more call rang unanswered at the agent, in a row; the
    first ``MISSED_RINGS_MAX`` are kept (the most a policy may count)."""
    st = state.status[agent]
    if len(st.missed_rings) >= MISSED_RINGS_MAX:
        return state
    return evolve(state, status=state.status.set(
        agent, evolve(st, missed_rings=st.missed_rings + (at,))))


def _call_answered(state: FloorState, e: FloorEvent, at: datetime) -> FloorState:
    call_id, agent = _req(e, "call"), _req(e, "agent")
    c = _call(state, call_id)
    st = _status(state, agent, e)
    if c.state is CallState.RINGING and c.agent != agent:
        raise IllegalEvent(f"call {call_id} is ringing at agent {c.agent}, not {agent}")
    if c.state not in (CallState.WAITING, CallState.RINGING):
        raise IllegalEvent(f"call {call_id} was already answered")
    ok = st.state is AgentState.READY or (st.state is AgentState.RINGING and st.call == call_id)
    if not ok:
        extra = f" ({st.reason.value})" if st.reason else ""
        raise IllegalEvent(f"agent {agent} is {st.state.value}{extra}; only a ready agent or "
                           "the one it rings can answer")
    wait = (at - c.queued_at).total_seconds()
    state = evolve(state, kpi=_bump(state, c.queue, c.queued_at, kpi.add_answer, wait,
                                     state.policy.sl_threshold_s))
    state = _set_agent(state, st, at, AgentState.TALKING, call=call_id, answered_call=True)
    c = evolve(c, state=CallState.TALKING, agent=agent, answered_at=at)
    return evolve(state, calls=state.calls.set(call_id, c))


def _hold(state: FloorState, e: FloorEvent, at: datetime, start: bool) -> FloorState:
    call_id = _req(e, "call")
    c = _call(state, call_id)
    if start and c.state is not CallState.TALKING:
        raise IllegalEvent(f"call {call_id} is {c.state.value}; only a call in talk can be "
                           "put on hold")
    if not start and c.state is not CallState.HOLD:
        raise IllegalEvent(f"call {call_id} is not on hold")
    if start:
        c = evolve(c, state=CallState.HOLD, hold_since=at, holds=c.holds + 1)
    else:
        assert c.hold_since is not None
        c = evolve(c, state=CallState.TALKING, hold_since=None,
                    hold_s=c.hold_s + (at - c.hold_since).total_seconds())
    state = evolve(state, calls=state.calls.set(call_id, c))
    if c.agent is not None and c.intercepted_by is None:
        st = state.status[c.agent]
        state = _set_agent(state, st, at, AgentState.HOLD if start else AgentState.TALKING,
                           call=call_id)
    return state


def _call_ended(state: FloorState, e: FloorEvent, at: datetime) -> FloorState:
    call_id = _req(e, "call")
    c = _call(state, call_id)
    if c.state not in (CallState.TALKING, CallState.HOLD):
        raise IllegalEvent(f"call {call_id} is {c.state.value}; a call that was not answered "
                           "ends with call_abandoned")
    rec = kpi.finish_call(c, at, "answered")
    state = evolve(state, kpi=_bump(state, c.queue, c.queued_at, kpi.add_handled,
                                     rec.talk_s, rec.hold_s),
                    calls=state.calls.delete(call_id))
    written = [t for t in state.tickets.values() if t.call == call_id]  # during the call
    if written:
        with state.tickets.mutate() as tm:
            for t in written:
                tm[t.id] = evolve(t, call_ended_at=at)
            state = evolve(state, tickets=tm.finish())
    if c.agent is not None and c.intercepted_by is None:
        st = state.status[c.agent]
        state = _set_agent(state, st, at, AgentState.AFTER_CALL, acw_call=_ACW_INDEX.encode(c))
    return _await_ticket(state, c, at, bool(written))


def _call_abandoned(state: FloorState, e: FloorEvent, at: datetime) -> FloorState:
    call_id = _req(e, "call")
    c = _call(state, call_id)
    if c.state not in (CallState.WAITING, CallState.RINGING):
        raise IllegalEvent(f"call {call_id} was answered; it ends with call_ended")
    wait = (at - c.queued_at).total_seconds()
    state = evolve(state, kpi=_bump(state, c.queue, c.queued_at, kpi.add_abandon, wait,
                                     state.policy.sl_exclude_abandon_under_s),
                    calls=state.calls.delete(call_id))
    if c.state is CallState.RINGING and c.agent is not None:
        state = _set_agent(state, state.status[c.agent], at, AgentState.READY)
    return state


def _live_call(state: FloorState, e: FloorEvent) -> Call:
    c = _call(state, _req(e, "call"))
    if c.state not in (CallState.TALKING, CallState.HOLD):
        raise IllegalEvent(f"call {c.id} is {c.state.value}, not a live call")
    return c


def _supervisor_joined(state: FloorState, e: FloorEvent, at: datetime) -> FloorState:
    c = _live_call(state, e)
    sup = _req(e, "supervisor")
    raw = _req(e, "mode")
    try:
        mode = SupervisorMode(raw)
    except ValueError:
        raise IllegalEvent(f"unknown supervisor mode {raw!r}") from None
    if mode is SupervisorMode.INTERCEPT:
        raise IllegalEvent("an intercept is call_intercepted, not supervisor_joined")
    sups = tuple(s for s in c.supervisors if s[0] != sup) + ((sup, mode),)
    return evolve(state, calls=state.calls.set(c.id, evolve(c, supervisors=sups)))


def _supervisor_left(state: FloorState, e: FloorEvent, at: datetime) -> FloorState:
    c = _live_call(state, e)
    sup = _req(e, "supervisor")
    if not any(s[0] == sup for s in c.supervisors):
        raise IllegalEvent(f"supervisor {sup} is not on call {c.id}")
    sups = tuple(s for s in c.supervisors if s[0] != sup)
    return evolve(state, calls=state.calls.set(c.id, evolve(c, supervisors=sups)))


def _call_intercepted(state: FloorState, e: FloorEvent, at: datetime) -> FloorState:
    """拦截: the supervisor takes the call over; the agent is freed into after-call."""
    c = _live_call(state, e)
    sup = _req(e, "supervisor")
    if c.intercepted_by is not None:
        raise IllegalEvent(f"call {c.id} was already intercepted by {c.intercepted_by}")
    hold_s = c.hold_s + ((at - c.hold_since).total_seconds() if c.hold_since else 0.0)
    new_c = evolve(c, state=CallState.TALKING, hold_since=None, hold_s=hold_s,
                    intercepted_by=sup,
                    supervisors=((sup, SupervisorMode.INTERCEPT),))
    state = evolve(state, calls=state.calls.set(c.id, new_c))
    if c.agent is not None:
        state = _set_agent(state, state.status[c.agent], at, AgentState.AFTER_CALL)
    return state


def _ticket_created(state: FloorState, e: FloorEvent, at: datetime) -> FloorState:
    tid = _req(e, "ticket")
    if tid in state.tickets:
        raise IllegalEvent(f"ticket {tid!r} already exists")
    raw = _req(e, "category")
    try:
        cat = TicketCategory(raw)
    except ValueError:
        raise IllegalEvent(f"unknown ticket category {raw!r} "
                           "(consult suggest complaint help)") from None
    agent = e.get("agent")
    if agent is not None and str(agent) not in state.agents:
        raise IllegalEvent(f"unknown agent {agent!r}")
    call = None if e.get("call") is None else str(e.get("call"))
    ended: datetime | None = None
    if call is not None and call not in state.calls:
        # the call has ended: its agent's after-call work started then; else the
        # ticket's own time is the best known bound
        st = state.status.get(str(agent)) if agent is not None else None
        ended = st.since if st is not None and acw_call_id(st) == call else at
    t = Ticket(id=tid, category=cat, title=str(e.get("title", "")), created_at=at,
               call=call, agent=None if agent is None else str(agent),
               flagged_urgent=bool(e.get("urgent", False)), call_ended_at=ended,
               request=str(e.get("request") or ""),
               reply_later=_flag(e, "reply_later"), mixed=_flag(e, "mixed"),
               fields=_ticket_fields(e, None))
    t = _with_missing(t, None, at)
    return _ticketed(evolve(state, tickets=state.tickets.set(tid, t)), call)


def _ticket_completed(state: FloorState, e: FloorEvent, at: datetime) -> FloorState:
    tid = _req(e, "ticket")
    if tid not in state.tickets:
        raise IllegalEvent(f"ticket {tid!r} is not open")
    state = _owner_check(state, e, state.tickets[tid], at, "completed")
    return evolve(state, tickets=state.tickets.delete(tid))


# ---- tickets: R-TICKET-1, R-TICKET-2, R-TICKET-4, R-CONSULT-1, R-FIRST-1 (issue #16) ----

#: how long an unticketed call (R-TICKET-1) and an ownership breach (R-FIRST-1) are kept
TICKET_CHECKS_KEPT = timedelta(days=1)


def _flag(e: FloorEvent, key: str) -> bool:
    v = e.get(key, False)
    if not isinstance(v, bool):
        raise IllegalEvent(f"{e.type}.{key} must be true or false, got {v!r}")
    return v


def _ticket_fields(e: FloorEvent, old: tuple[tuple[str, str], ...] | None
                   ) -> tuple[tuple[str, str], ...] | None:
    """R-TICKET-4: the event's ``fields`` {time, place, course, request} merged onto
    ``old`` (a field the event leaves out keeps its value); None while no event of the
    ticket carried any."""
    raw = e.get("fields")
    if raw is None:
        return old
    if not isinstance(raw, Mapping):
        raise IllegalEvent(f"{e.type}.fields must be an object of {' '.join(TICKET_FIELDS)}, "
                           f"got {raw!r}")
    out = dict(old or ())
    for k, v in raw.items():
        if k not in TICKET_FIELDS:
            raise IllegalEvent(f"{e.type}.fields: unknown field {k!r} "
                               f"({' '.join(TICKET_FIELDS)})")
        if v is not None and not isinstance(v, str):
            raise IllegalEvent(f"{e.type}.fields.{k} must be text, got {v!r}")
        out[k] = v or ""
    return tuple(sorted(out.items()))


def _with_missing(t: Ticket, old: Ticket | None, at: datetime) -> Ticket:
    """R-TICKET-4: key fields missing now date from when they became missing as they
    are; a different set of missing fields is a new finding (it names them)."""
    now = t.missing()
    if not now:
        return evolve(t, incomplete_since=None)
    if old is not None and old.incomplete_since is not None and old.missing() == now:
        return evolve(t, incomplete_since=old.incomplete_since)
    return evolve(t, incomplete_since=at)


def _ticketed(state: FloorState, call: str | None) -> FloorState:
    """R-TICKET-1: a ticket references ``call``: a live call is marked, an ended one
    no longer waits for its ticket."""
    if call is None:
        return state
    c = state.calls.get(call)
    if c is not None and not c.ticketed:
        state = evolve(state, calls=state.calls.set(call, evolve(c, ticketed=True)))
    if call in state.unticketed:
        state = evolve(state, unticketed=state.unticketed.delete(call))
    return state


def _await_ticket(state: FloorState, c: Call, at: datetime, written: bool) -> FloorState:
    """R-TICKET-1: an answered call ended with no ticket, where the policy asks for
    one per call, waits for it (at most a day: older ones leave as calls end)."""
    if not state.policy.ticket_every_call or written or c.ticketed:
        return state
    with state.unticketed.mutate() as m:
        for k, u in state.unticketed.items():
            if at - u.ended_at >= TICKET_CHECKS_KEPT:
                del m[k]
        m[c.id] = UnticketedCall(c.id, at, c.agent, c.queue)
        waiting: immutables.Map[str, UnticketedCall] = m.finish()
    return evolve(state, unticketed=waiting)


def _actor(e: FloorEvent, key: str = "agent") -> str | None:
    v = e.get(key)
    if v is None or v == "":
        return None
    if not isinstance(v, str | int) or isinstance(v, bool):
        raise IllegalEvent(f"{e.type}.{key} must be an agent id, got {v!r}")
    return str(v)


def _owner_check(state: FloorState, e: FloorEvent, t: Ticket, at: datetime,
                 action: str) -> FloorState:
    """R-FIRST-1: a ticket completed or updated by an agent other than its owner,
    with no hand-on, is a breach (the first one per ticket is kept). A shift leader
    on duty is not "another agent": complaints go to the leader (R-TICKET-3)."""
    by = _actor(e)
    owner = t.holder
    if (by is None or owner is None or by == owner or by in state.leaders_on_duty
            or t.id in state.owner_breaches):
        return state
    with state.owner_breaches.mutate() as m:
        for k, b in state.owner_breaches.items():
            if at - b.at >= TICKET_CHECKS_KEPT:
                del m[k]
        m[t.id] = OwnerBreach(t.id, owner, by, at, action,
                              t.agent if t.agent != owner else None)
        kept: immutables.Map[str, OwnerBreach] = m.finish()
    return evolve(state, owner_breaches=kept)


def _open_ticket(state: FloorState, e: FloorEvent) -> Ticket:
    tid = _req(e, "ticket")
    t = state.tickets.get(tid)
    if t is None:
        raise IllegalEvent(f"ticket {tid!r} is not open")
    return t


def _ticket_updated(state: FloorState, e: FloorEvent, at: datetime) -> FloorState:
    """A ticket's title, key fields or request supplied later (R-TICKET-4); by an
    agent other than its owner without a hand-on, a R-FIRST-1 breach."""
    t = _open_ticket(state, e)
    title = e.get("title")
    if title is not None and not isinstance(title, str):
        raise IllegalEvent(f"ticket_updated.title must be text, got {title!r}")
    req = e.get("request")
    if req is not None and not isinstance(req, str):
        raise IllegalEvent(f"ticket_updated.request must be text, got {req!r}")
    new = evolve(t, title=t.title if title is None else title,
                  request=t.request if req is None else req, fields=_ticket_fields(e, t.fields))
    state = _owner_check(state, e, t, at, "updated")
    return evolve(state, tickets=state.tickets.set(t.id, _with_missing(new, t, at)))


def _ticket_replied(state: FloorState, e: FloorEvent, at: datetime) -> FloorState:
    """R-CONSULT-1: the delayed reply was given (the first reply counts)."""
    t = _open_ticket(state, e)
    _actor(e)
    if t.replied_at is not None:
        return state
    return evolve(state, tickets=state.tickets.set(t.id, evolve(t, replied_at=at)))


def _ticket_handed_on(state: FloorState, e: FloorEvent, at: datetime) -> FloorState:
    """R-FIRST-1: an explicit hand-on makes ``to`` the ticket's owner."""
    t = _open_ticket(state, e)
    to = _req(e, "to")
    if to not in state.agents and to not in state.leaders_on_duty:
        raise IllegalEvent(f"ticket_handed_on.to: unknown agent {to!r}")
    _actor(e, "by")
    return evolve(state, tickets=state.tickets.set(t.id, evolve(t, owner=to)))


def _leader(state: FloorState, e: FloorEvent, at: datetime) -> FloorState:
    agent = _req(e, "agent")
    on = e.get("on")
    if not isinstance(on, bool):
        raise IllegalEvent("shift_leader_on_duty needs \"on\": true or false")
    leaders = state.leaders_on_duty | {agent} if on else state.leaders_on_duty - {agent}
    # the leader's own word: no longer the roster's to take off duty at its end
    return evolve(_with_leaders(state, leaders, at),
                   roster_leaders=state.roster_leaders - {agent})


def _with_leaders(state: FloorState, leaders: frozenset[str], at: datetime) -> FloorState:
    if leaders == state.leaders_on_duty:
        return state
    return evolve(state, leaders_on_duty=leaders, leaders_since=at)


def _roster_shift(state: FloorState, e: FloorEvent, at: datetime) -> FloorState:
    """A shift with a roster starts: its rostered leaders go on duty (R-URGENT-2) in
    place of the ones the previous roster put there; an empty roster (no lists) ends
    the previous one and takes its leaders off duty (issue #16). Leaders set on duty
    by ``shift_leader_on_duty`` stay: only that event sets them otherwise."""
    try:
        start = datetime.fromisoformat(str(e.data["start"]))
        end = datetime.fromisoformat(str(e.data["end"]))
        agents = frozenset(str(a) for a in e.data.get("agents", []))
        leaders = frozenset(str(a) for a in e.data.get("leaders", []))
        shift, day = str(e.data["shift"]), str(e.data["day"])
    except (KeyError, ValueError, TypeError) as err:
        raise IllegalEvent(f"roster_shift: {err}") from None
    if start.tzinfo is None or end.tzinfo is None or end <= start:
        raise IllegalEvent("roster_shift needs aware start < end")
    kept = state.leaders_on_duty - state.roster_leaders
    if not agents and not leaders:
        return evolve(_with_leaders(state, kept, at), roster=None,
                       roster_leaders=frozenset())
    prev = state.roster
    same = prev is not None and (prev.shift, prev.day, prev.start) == (shift, day, start)
    published = (prev.published if same and prev is not None else None) or at
    known = {a: ((prev.known_since(a) if same and prev is not None and a in prev.agents
                  else None) or at) for a in agents}
    return evolve(_with_leaders(state, kept | leaders, at),
                   roster_leaders=leaders - kept,
                   roster=RosterDuty(shift, day, start, end, agents, leaders, published, known))


def _telephony_link(state: FloorState, e: FloorEvent, at: datetime) -> FloorState:
    """The link to the phone system went down or came back (issue #14). Down while
    already down keeps the outage's first time, so the banner's "since" is when the
    floor stopped being followed, whatever the reconnect attempts log meanwhile."""
    up = e.get("up")
    if not isinstance(up, bool):
        raise IllegalEvent(f"telephony_link.up must be true or false, got {up!r}")
    for key in ("source", "host", "note"):
        v = e.get(key)
        if v is not None and not isinstance(v, str):
            raise IllegalEvent(f"telephony_link.{key} must be text, got {v!r}")
    source = str(e.get("source") or "")
    if up:
        return evolve(state, telephony_down_since=None, telephony_source=source)
    return evolve(state, telephony_down_since=state.telephony_down_since or at,
                   telephony_source=source)


def _command_result(state: FloorState, e: FloorEvent, at: datetime) -> FloorState:
    _req(e, "command")
    return state


def _alert_raised(state: FloorState, e: FloorEvent, at: datetime) -> FloorState:
    try:
        a = alert_from_event(e.data)
    except (KeyError, ValueError) as err:
        raise IllegalEvent(f"alert_raised: {err}") from None
    if a.id in state.alerts or a.id in state.resolved_alerts:
        raise IllegalEvent(f"alert {a.id!r} is raised already")
    return evolve(state, alerts=state.alerts.set(a.id, a))


def _alert_acknowledged(state: FloorState, e: FloorEvent, at: datetime) -> FloorState:
    aid = _req(e, "alert")
    a = state.alerts.get(aid)
    if a is None:
        raise IllegalEvent(f"alert {aid!r} is not active")
    if a.acknowledged:
        return state  # a second leader acknowledging changes nothing
    return evolve(state, alerts=state.alerts.set(aid, evolve(
        a, acknowledged_at=at, acknowledged_by=_req(e, "by"))))


#: how long a resolved alert of a rule :func:`may_recur` knows nothing of (the host's
#: reminders: R-MEET-1, R-ATT-6, R-REPORT-1) is remembered after its resolution
RESOLVED_KEPT = timedelta(days=1)

#: the rules whose condition is an agent's state episode: its start is never before
#: the episode's ``since`` (R-SEAT-1: ``away_since``; R-IDLE-1 unattended: the run's
#: first missed ring), so once the agent has moved on past the start it cannot recur
_EPISODE_RULES = frozenset({"R-BREAK-1", "R-AWAY-1", "R-HOLD-1", "R-RING-1", "R-ACW-1",
                            "R-SEAT-1", "R-IDLE-1", "R-PEAK-1"})
#: the rules of an open ticket (``ticket:ID``): gone with the ticket's completion
_TICKET_RULES = frozenset({"R-TICKET-3", "R-TICKET-5", "R-TICKET-4", "R-CONSULT-1",
                           "R-URGENT-1"})


def _split_key(aid: str) -> tuple[str, str, datetime] | None:
    """(rule, subject, start) of an alert id (:func:`models.domain.alerts.alert_key`)."""
    rule, sep, rest = aid.partition("|")
    subject, sep2, iso = rest.rpartition("|")
    if not sep or not sep2:
        return None
    try:
        start = datetime.fromisoformat(iso)
    except ValueError:
        return None
    return (rule, subject, start) if start.tzinfo is not None else None


class _Recur:
    """Whether a resolved alert's condition can still come back with the same id in
    ``state`` (issue #20): the reducer remembers a resolved id only while it can, so a
    condition a person resolved is not raised again on the next evaluation (live, or
    by a standby host folding the same log), and the set stays the size of the floor's
    ongoing conditions instead of a day of every alert.

    The rules' ids are (rule, subject, start) and each start is dated within what the
    state keeps of the condition (an agent's state episode, an open ticket, a peak
    window, a roster's shift …): once that is over, every later start lies after the
    moment it ended. Each check is conservative — when in doubt it keeps — and final:
    a "cannot" at ``at`` stays so, since what the state gains later is dated at ``at``
    or after, and an id whose start is not before ``at`` is always kept."""

    def __init__(self, state: FloorState, at: datetime) -> None:
        self.s, self.at = state, at
        self._away_since: dict[AwayReason, datetime | None] = {}
        self._urgent: frozenset[str] | None = None

    def _earliest_away(self, reason: AwayReason) -> datetime | None:
        """When the longest-running ``reason`` away began, over the floor (R-BREAK-2:
        short breaks, R-PEAK-3: callbacks); computed once per pass."""
        if reason not in self._away_since:
            self._away_since[reason] = min(
                (st.since for st in self.s.status.values()
                 if st.state is AgentState.AWAY and st.reason is reason
                 and st.since is not None), default=None)
        return self._away_since[reason]

    def __call__(self, aid: str, resolved_at: datetime) -> bool:
        key = _split_key(aid)
        at, s = self.at, self.s
        if key is None:
            return at - resolved_at <= RESOLVED_KEPT
        rule, subject, start = key
        if start >= at:
            return True
        kind, _, rest = subject.partition(":")
        ident = rest.split(":", 1)[0]
        if rule == "R-LOGIN-1" and kind == "agent":
            # true until the roster's shift ends (its ``until``); a roster other than
            # the one running now dates none of the running shift's conditions
            r = s.roster
            if r is not None and r.start <= start < r.end:
                return at < r.end
            return at - start <= RESOLVED_KEPT
        if rule in _EPISODE_RULES and kind == "agent":
            st = s.status.get(ident)
            if st is None:
                return False
            marks = [t for t in (st.since, st.away_since,
                                 st.missed_rings[0] if st.missed_rings else None)
                     if t is not None]
            return bool(marks) and min(marks) <= start
        if rule in ("R-PEAK-1", "R-PEAK-2") and kind == "level":
            try:
                since = s.peak_since.get(int(ident))
            except ValueError:
                return at - resolved_at <= RESOLVED_KEPT
            return since is not None and since <= start
        if rule == "R-IDLE-1" and kind == "queue":
            since = s.unstaffed_since.get(rest)
            return since is not None and since <= start
        if rule == "R-BREAK-2" and kind == "group":
            # dated by the break that took the group over: one still running
            first = self._earliest_away(AwayReason.SHORT_BREAK)
            return first is not None and first <= start
        if rule == "R-PEAK-3" and subject == "floor":
            first = self._earliest_away(AwayReason.CALLBACK)
            return first is not None and first <= start
        if rule == "R-FIRST-1" and kind == "ticket":
            b = s.owner_breaches.get(rest)
            return b is not None and b.at <= start and at < start + TICKET_CHECKS_KEPT
        if rule == "R-TICKET-1" and kind == "call":
            u = s.unticketed.get(rest)
            return u is not None and at < u.ended_at + TICKET_CHECKS_KEPT
        if rule in _TICKET_RULES and kind == "ticket":
            return rest in s.tickets
        if rule == "R-URGENT-2" and kind == "ticket":
            # escalates an urgent alert still active (its ticket may have closed)
            if self._urgent is None:
                self._urgent = frozenset(a.subject for a in s.alerts.values()
                                         if a.rule == "R-URGENT-1")
            return rest in s.tickets or subject in self._urgent
        return at - resolved_at <= RESOLVED_KEPT


def may_recur(state: FloorState, alert_id: str, at: datetime | None = None) -> bool:
    """Whether the resolved alert ``alert_id`` can still be raised again in ``state``
    (at ``at``, the state's time by default): what ``resolved_alerts`` keeps."""
    when = at or state.at
    if when is None:
        return True
    return _Recur(state, when)(alert_id, state.resolved_alerts.get(alert_id, when))


def _alert_resolved(state: FloorState, e: FloorEvent, at: datetime) -> FloorState:
    aid = _req(e, "alert")
    if aid not in state.alerts:
        raise IllegalEvent(f"alert {aid!r} is not active")
    recur = _Recur(state, at)
    with state.resolved_alerts.mutate() as rm:
        for k, t in state.resolved_alerts.items():
            if not recur(k, t):
                del rm[k]
        rm[aid] = at
        resolved = rm.finish()
    return evolve(state, alerts=state.alerts.delete(aid), resolved_alerts=resolved)


def _drop_expired(items: immutables.Map[str, Announcement],
                  at: datetime) -> immutables.Map[str, Announcement]:
    """Housekeeping: announcements expired by ``at`` leave the state, so it stays
    small on a floor that runs for months (the event log keeps them)."""
    gone = [k for k, a in items.items() if a.expires_at <= at]
    if not gone:
        return items
    with items.mutate() as m:
        for k in gone:
            del m[k]
        out: immutables.Map[str, Announcement] = m.finish()
    return out


def _announcement_published(state: FloorState, e: FloorEvent, at: datetime) -> FloorState:
    """Published at the event's time, until ``expires_at`` (at most a week ahead)."""
    try:
        a = announcement_from_event(e.data, at)
    except AnnouncementError as err:
        raise IllegalEvent(f"announcement_published: {err}") from None
    if a.id in state.announcements:
        raise IllegalEvent(f"announcement {a.id!r} is published already")
    items = _drop_expired(state.announcements, at)
    return evolve(state, announcements=items.set(a.id, a))


def _announcement_withdrawn(state: FloorState, e: FloorEvent, at: datetime) -> FloorState:
    aid = _req(e, "announcement")
    _req(e, "by")
    a = state.announcements.get(aid)
    if a is None:
        raise IllegalEvent(f"announcement {aid!r} is not published (or was withdrawn)")
    if a.expires_at <= at:
        raise IllegalEvent(f"announcement {aid!r} expired at "
                           f"{a.expires_at.isoformat(timespec='seconds')}")
    return evolve(state, announcements=_drop_expired(state.announcements.delete(aid), at))


_HANDLERS: dict[str, Any] = {
    "floor_setup": _floor_setup,
    "policy_applied": _policy_applied,
    "agent_state": _agent_state,
    "call_queued": _call_queued,
    "call_offered": _call_offered,
    "call_unanswered": _call_unanswered,
    "call_answered": _call_answered,
    "hold_started": lambda s, e, at: _hold(s, e, at, True),
    "hold_ended": lambda s, e, at: _hold(s, e, at, False),
    "call_ended": _call_ended,
    "call_abandoned": _call_abandoned,
    "call_intercepted": _call_intercepted,
    "supervisor_joined": _supervisor_joined,
    "supervisor_left": _supervisor_left,
    "ticket_created": _ticket_created,
    "ticket_completed": _ticket_completed,
    "ticket_updated": _ticket_updated, "ticket_replied": _ticket_replied, "ticket_handed_on": _ticket_handed_on,
    "shift_leader_on_duty": _leader,
    "roster_shift": _roster_shift,
    "telephony_link": _telephony_link,
    "command_done": _command_result,
    "command_failed": _command_result,
    "alert_raised": _alert_raised,
    "alert_acknowledged": _alert_acknowledged,
    "alert_resolved": _alert_resolved,
    "announcement_published": _announcement_published,
    "announcement_withdrawn": _announcement_withdrawn,
}
assert set(_HANDLERS) == EVENT_TYPES
