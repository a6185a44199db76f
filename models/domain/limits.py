"""Time-in-state limits for one agent, from the floor policy (DOMAIN §1).

A limit L on a state that started at ``since`` is passed at ``since + L``
(issue #4: a break that starts at t=60 is over at t=660). The warning comes
earlier: at the policy's break pre-warning for short breaks (R-BREAK-1, default
8 min), and at :data:`WARN_SHARE` of the limit elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from models.domain.policy import Policy
from models.domain.types import AgentState, AgentStatus, AwayReason

WARN_SHARE = 0.8


class Level(StrEnum):
    NONE = "none"  # no limit applies to this state
    OK = "ok"
    WARN = "warn"  # the limit approaches
    OVER = "over"  # past the limit


@dataclass(frozen=True, slots=True)
class Limit:
    rule: str  # DOMAIN rule id
    limit_s: float
    warn_s: float


def limit_for(st: AgentStatus, policy: Policy) -> Limit | None:
    if st.state is AgentState.AWAY:
        lim = policy.away_limit_s(st.reason.value if st.reason else None)
        if lim is None:
            return None
        if st.reason is AwayReason.SHORT_BREAK:
            pre = policy.break_prewarn_min
            warn = pre * 60.0 if pre is not None and pre * 60.0 < lim else lim
            return Limit("R-BREAK-1", lim, warn)
        return Limit("R-AWAY-1", lim, lim * WARN_SHARE)
    if st.state is AgentState.HOLD:
        return Limit("R-HOLD-1", policy.hold_s, policy.hold_s * WARN_SHARE)
    if st.state is AgentState.AFTER_CALL:
        lim = policy.after_call_min * 60.0
        return Limit("R-ACW-1", lim, lim * WARN_SHARE)
    if st.state is AgentState.RINGING:
        return Limit("R-RING-1", policy.ring_s, policy.ring_s * WARN_SHARE)
    return None


def level(st: AgentStatus, policy: Policy, now: datetime) -> Level:
    lim = limit_for(st, policy)
    if lim is None or st.since is None:
        return Level.NONE
    elapsed = (now - st.since).total_seconds()
    if elapsed > lim.limit_s:  # the limit itself is allowed (R-LIMIT-1)
        return Level.OVER
    if elapsed >= lim.warn_s:
        return Level.WARN
    return Level.OK
