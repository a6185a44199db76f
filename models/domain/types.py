"""Frozen value types of the floor: what the reducer folds and every viewer reads.

Nothing here reads a clock: every time is a timezone-aware UTC ``datetime`` that
arrived with an event, so a replay produces exactly the same values (R-STATE-1).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any

_EMPTY: Mapping[str, Any] = MappingProxyType({})


class AgentState(StrEnum):
    """DOMAIN §1 states. ``hold`` is a sub-state of talking (it counts as talk time)."""

    LOGGED_OUT = "logged_out"  # 签出
    READY = "ready"  # 就绪 / 示闲
    RINGING = "ringing"  # 振铃
    TALKING = "talking"  # 通话
    HOLD = "hold"  # 保持
    AFTER_CALL = "after_call"  # 话后处理
    AWAY = "away"  # 离席 / 示忙 (always with a reason)


class AwayReason(StrEnum):
    SHORT_BREAK = "short_break"  # 小休
    MEAL = "meal"  # 用餐
    TRAINING = "training"  # 培训
    MEETING = "meeting"  # 会议
    CALLBACK = "callback"  # 回拨/外呼
    OTHER = "other"  # 其他


#: States an ``agent_state`` event may set; the others follow calls.
SETTABLE_STATES = frozenset(
    {AgentState.LOGGED_OUT, AgentState.READY, AgentState.AFTER_CALL, AgentState.AWAY}
)
#: States in which the agent is on a call and cannot change state by itself.
ON_CALL_STATES = frozenset({AgentState.RINGING, AgentState.TALKING, AgentState.HOLD})
#: Time counted as handling for occupancy (talk + hold + after-call).
BUSY_STATES = frozenset({AgentState.TALKING, AgentState.HOLD, AgentState.AFTER_CALL})


class TicketCategory(StrEnum):
    """R-TICKET-2 categories."""

    CONSULT = "consult"  # 咨询
    SUGGEST = "suggest"  # 建议
    COMPLAINT = "complaint"  # 投诉
    HELP = "help"  # 求助


class SupervisorMode(StrEnum):
    """How a supervisor is attached to a call (DOMAIN §2)."""

    MONITOR = "monitor"  # 监听
    WHISPER = "whisper"  # 耳语
    BARGE = "barge"  # 强插
    INTERCEPT = "intercept"  # 拦截: the supervisor took the call over


class CallState(StrEnum):
    WAITING = "waiting"
    RINGING = "ringing"
    TALKING = "talking"
    HOLD = "hold"


@dataclass(frozen=True, slots=True)
class Group:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Queue:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Agent:
    """An agent as the floor setup describes it: 工号 (``id``), name, group."""

    id: str
    name: str
    group: str


@dataclass(frozen=True, slots=True)
class AgentStatus:
    """What an agent is doing now, and today's per-agent counters."""

    agent: str
    state: AgentState = AgentState.LOGGED_OUT
    reason: AwayReason | None = None
    since: datetime | None = None
    call: str | None = None
    logged_in_at: datetime | None = None
    #: local date (ISO) the counters below belong to; other days read as zero
    day: str = ""
    calls_today: int = 0
    breaks_today: int = 0
    break_s_today: float = 0.0
    #: the call whose after-call work this agent is doing (for ACW totals)
    acw_call: str | None = None
    #: the supervisor command that sent the agent away (强制离席), kept while the agent
    #: stays away whatever the reason becomes: the departure is the leader's, not the
    #: agent's (issue #12; R-SEAT-1 and R-AWAY-1 do not count it)
    forced_by: str | None = None
    #: when the agent left (the first away of an unbroken run of aways): one departure
    #: is one R-SEAT-1 breach however often its reason changes
    away_since: datetime | None = None
    #: R-IDLE-1 (issue #16): when each call of the current run rang unanswered at this
    #: agent (ring-no-answer while ready), oldest first; the run ends when the agent
    #: answers a call or changes state (away, after-call, logged out)
    missed_rings: tuple[datetime, ...] = ()


@dataclass(frozen=True, slots=True)
class Call:
    id: str
    queue: str
    queued_at: datetime
    caller: str | None = None
    state: CallState = CallState.WAITING
    agent: str | None = None
    offered_at: datetime | None = None
    answered_at: datetime | None = None
    hold_since: datetime | None = None
    hold_s: float = 0.0
    holds: int = 0
    #: (supervisor id, mode) pairs currently attached
    supervisors: tuple[tuple[str, SupervisorMode], ...] = ()
    intercepted_by: str | None = None
    #: a ticket referencing this call was created while it was live (R-TICKET-1)
    ticketed: bool = False


@dataclass(frozen=True, slots=True)
class CallRecord:
    """One finished call, as history keeps it; built by :func:`models.domain.kpi.finish_call`."""

    call: str
    queue: str
    outcome: str  # answered | abandoned | ivr_only
    queued_at: datetime
    caller: str | None = None
    agent: str | None = None
    answered_at: datetime | None = None
    ended_at: datetime | None = None
    wait_s: float = 0.0
    talk_s: float = 0.0
    hold_s: float = 0.0
    acw_s: float = 0.0
    holds: int = 0
    intercepted_by: str | None = None


@dataclass(frozen=True, slots=True)
class Ticket:
    id: str
    category: TicketCategory
    title: str
    created_at: datetime
    call: str | None = None
    agent: str | None = None
    flagged_urgent: bool = False
    completed_at: datetime | None = None
    #: when its call ended (R-TICKET-5 counts 15 min from there); None while the call
    #: is live or for a ticket without a call
    call_ended_at: datetime | None = None
    #: the caller's request (诉求, R-TICKET-4), as the platform reports it: shown on
    #: the console (a trusted screen) for the leader's review, never on the wall
    request: str = ""
    #: R-CONSULT-1 (issue #16): a consultation the agent could not answer at once,
    #: to be answered within the policy's minutes of hang-up; when it was answered
    reply_later: bool = False
    replied_at: datetime | None = None
    #: R-TICKET-2 (issue #16): a consultation or suggestion that is also a complaint or
    #: a request for help; treated as 投诉/求助 (R-TICKET-3's review)
    mixed: bool = False
    #: R-TICKET-4 (issue #16): the body's key fields (time, place, course, request) as
    #: the source reports them, sorted by name; None: the source reports no fields
    #: and the ticket is not checked
    fields: tuple[tuple[str, str], ...] | None = None
    #: since when the key fields have been missing as they are now (None: complete)
    incomplete_since: datetime | None = None
    #: R-FIRST-1 (issue #16): the owner after an explicit hand-on; None while the
    #: first owner (``agent``, who created it) still owns it
    owner: str | None = None

    @property
    def urgent(self) -> bool:
        """R-URGENT-1: 急件 in the title or flagged urgent."""
        return self.flagged_urgent or "急件" in self.title

    @property
    def holder(self) -> str | None:
        """R-FIRST-1: who owns the ticket now (its first owner until a hand-on)."""
        return self.owner or self.agent

    def missing(self) -> tuple[str, ...]:
        """R-TICKET-4: the key fields that are empty (``title_place``: the title does
        not contain the place; ``title_summary``: it holds nothing but the place), in
        TICKET_FIELDS order; () when the source reports no fields. The caller's
        request may come as the ticket's ``request``."""
        if self.fields is None:
            return ()
        f = dict(self.fields)
        if not f.get("request") and self.request:
            f["request"] = self.request
        out = tuple(k for k in TICKET_FIELDS if not f.get(k, "").strip())
        place = f.get("place", "").strip()
        if place and place not in self.title:
            out += ("title_place",)
        elif place and not self.title.replace(place, "").strip(" ,，:：-"):
            out += ("title_summary",)
        return out


#: R-TICKET-4: the body's key fields a ticket event may carry in ``fields``
TICKET_FIELDS = ("time", "place", "course", "request")


@dataclass(frozen=True, slots=True)
class UnticketedCall:
    """R-TICKET-1 (issue #16): an answered call that ended with no ticket referencing
    it yet; kept until a ticket does, or a day after it ended."""

    call: str
    ended_at: datetime
    agent: str | None = None
    queue: str = ""


@dataclass(frozen=True, slots=True)
class OwnerBreach:
    """R-FIRST-1 (issue #16): a ticket completed or updated by someone other than its
    owner without a hand-on; kept a day (its alert is resolved by a person)."""

    ticket: str
    owner: str
    by: str
    at: datetime
    action: str  # "completed" | "updated"
    #: the first owner (who created it), when a hand-on made ``owner`` someone else
    first: str | None = None


@dataclass(frozen=True, slots=True)
class FloorEvent:
    """One entry of the floor log. ``data`` keeps every field, known or not."""

    type: str
    at: datetime
    data: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)
    id: int | None = None

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


@dataclass(frozen=True, slots=True)
class Period:
    """A counting period ("today" or "this shift") in UTC, with a stable key."""

    kind: str  # "day" | "shift"
    key: str
    name: str
    start: datetime
    end: datetime

    def contains(self, at: datetime) -> bool:
        return self.start <= at < self.end
