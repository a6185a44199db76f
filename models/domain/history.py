"""What one folded event leaves behind as history (call records, state intervals).

``facts(prev, event, new)`` compares the state before and after one event and
names what became final: a closed agent-state interval, a finished call, an
after-call total for a call already recorded. The database projection writes
these rows; ``simulate`` and the Erlang C tests fold them into KPIs with the same
:func:`models.domain.kpi.add_record` the history queries use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from models.domain import kpi
from models.domain.floor import FloorState, acw_call_id
from models.domain.kpi import KpiCounts
from models.domain.policy import Policy
from models.domain.types import (
    BUSY_STATES,
    AgentState,
    AwayReason,
    CallRecord,
    CallState,
    FloorEvent,
)


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed agent-state interval (R-STATE-1)."""

    agent: str
    state: AgentState
    reason: AwayReason | None
    start: datetime
    end: datetime
    call: str | None


@dataclass(frozen=True, slots=True)
class AcwTotal:
    """After-call work that followed ``call`` (known when the agent leaves it)."""

    call: str
    acw_s: float


Fact = Interval | CallRecord | AcwTotal


def facts(prev: FloorState, event: FloorEvent, new: FloorState) -> list[Fact]:
    out: list[Fact] = []
    at = new.at
    assert at is not None
    # closed intervals: only agents the event can touch
    for aid in touched_agents(prev, event):
        before, after = prev.status.get(aid), new.status.get(aid)
        if before is None or after is None or before is after:
            continue
        if before.since is not None and (before.state, before.reason, before.since) != (
                after.state, after.reason, after.since):
            out.append(Interval(aid, before.state, before.reason, before.since, at,
                                before.call))
            if before.state is AgentState.AFTER_CALL and before.acw_call:
                cid = acw_call_id(before)
                if cid:
                    out.append(AcwTotal(cid, (at - before.since).total_seconds()))
    # finished calls
    if event.type == "call_queued" and event.get("ivr_only"):
        out.append(CallRecord(call=str(event.get("call")), queue=str(event.get("queue")),
                              outcome="ivr_only", queued_at=at,
                              caller=None if event.get("caller") is None
                              else str(event.get("caller"))))
    elif event.type in ("call_ended", "call_abandoned"):
        c = prev.calls.get(str(event.get("call")))
        if c is not None:
            outcome = "answered" if c.state in (CallState.TALKING, CallState.HOLD) else "abandoned"
            out.append(kpi.finish_call(c, at, outcome))
    return out


def touched_agents(prev: FloorState, event: FloorEvent) -> list[str]:
    """Agents whose status ``event`` may change, found from the state before it."""
    a = event.get("agent")
    ids = [str(a)] if a is not None else []
    cid = event.get("call")
    if cid is not None:
        c = prev.calls.get(str(cid))
        if c is not None and c.agent is not None and c.agent not in ids:
            ids.append(c.agent)
    return ids


class KpiFold:
    """Folds history facts into whole-run counters (``simulate --json``, Erlang C)."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.counts = KpiCounts()

    def add(self, fact: Fact) -> None:
        p = self.policy
        if isinstance(fact, CallRecord):
            self.counts = kpi.add_record(self.counts, fact, p.sl_threshold_s,
                                         p.sl_exclude_abandon_under_s)
        elif isinstance(fact, AcwTotal):
            self.counts = kpi.add_acw(self.counts, fact.acw_s)
        elif fact.state in BUSY_STATES or fact.state is AgentState.READY:
            secs = (fact.end - fact.start).total_seconds()
            busy = secs if fact.state in BUSY_STATES else 0.0
            self.counts = kpi.add_agent_time(self.counts, busy,
                                             secs if fact.state is AgentState.READY else 0.0)
