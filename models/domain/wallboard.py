"""What the wall screen shows, computed from the floor state (issue #5) — pure.

The wallboard's pages render these values and nothing else, so what can reach
the wall is decided here, in one place a test can read:

- **No caller data (R-PRIV-1).** Calls contribute counts and wait times only;
  a ticket appears as its id and category, never its title (a title can name
  the caller); an alert as its rule, subject and age, never its message. Free
  text that does reach the wall — announcements, the floor's title — passes
  :func:`redact`, which masks anything written like a phone number the way
  :func:`~models.domain.privacy.mask_caller` masks a caller's number. Subjects are
  the floor's own ids (工号, group, queue, ticket number) and are shown as they are.
- **The current shift.** Counters are the shift containing *now* (the policy's
  shift definitions; when shifts overlap, the one that started last). The
  reducer rolls its counters on the first event of a new shift; a quiet floor
  has no such event, so :func:`shift_counts` starts the new shift's counters at
  zero itself when the clock has passed the boundary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from models.domain import kpi
from models.domain.alerts import SEVERITY_ORDER, Alert, Severity
from models.domain.announcements import active as live_announcements
from models.domain.floor import FLOOR, FloorState
from models.domain.kpi import KpiCounts
from models.domain.limits import Level, level, limit_for
from models.domain.policy import Band
from models.domain.privacy import mask_caller
from models.domain.types import AgentState, AwayReason, CallState, Period

# ---- privacy -------------------------------------------------------------------------

#: a phone number as people write it: seven or more digits in a row, or groups of three
#: or more digits split by one space, dash, dot or underscore (138 0013 8000,
#: 138 001 38000, 1380 0138 000, 138.0013.8000, 138_0013_8000, 010-6512 3456, +86 …);
#: a date (2026-11-23) or a time (14:00) has shorter groups and is left alone
_SEP = r"[ \-._]"
_NUMBER = re.compile(rf"(?<!\d)(?:\+?86{_SEP}?)?(?:\d{{3,}}(?:{_SEP}\d{{3,}})+|\d{{7,}})(?!\d)")
#: split groups must add up to a phone number (10–15 digits with the area code);
#: fewer is a range of ids (1023-1030) or an amount, not a number to hide
_MIN_SPLIT_DIGITS = 10


def _mask_run(m: re.Match[str]) -> str:
    run = m.group(0)
    digits = re.sub(r"\D", "", run)
    if run.isdigit():
        # a run glued to ASCII letters is an id (ticket GD0000123, call C0000001), unless
        # it is as long as a mobile number
        if m.start() > 0 and m.string[m.start() - 1].isascii() \
                and m.string[m.start() - 1].isalpha() and len(digits) < 11:
            return run
        return mask_caller(digits)
    if len(digits) < _MIN_SPLIT_DIGITS:
        return run
    return mask_caller(digits)


def redact(text: str) -> str:
    """Free text as the wall may show it: every phone-number-like run masked (R-PRIV-1)."""
    return _NUMBER.sub(_mask_run, text)


# ---- names ---------------------------------------------------------------------------

#: 复姓 common enough on a call floor to matter; everything else is one character
_COMPOUND = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
             "宇文", "司徒", "夏侯", "轩辕", "令狐", "端木", "独孤", "南宫", "西门", "万俟")


def surname(name: str) -> str:
    """The family name shown on an agent's square (王芳 → 王, 欧阳娜 → 欧阳); a Latin
    name keeps its first word."""
    name = name.strip()
    if not name:
        return ""
    if name[0].isascii():
        return name.split()[0][:10]
    for c in _COMPOUND:
        if name.startswith(c) and len(name) > len(c):
            return c
    return name[0]


# ---- the shift -------------------------------------------------------------------------


def shift_counts(state: FloorState, now: datetime, scope: str = FLOOR
                 ) -> tuple[Period, KpiCounts]:
    """The current shift and its counters for ``scope`` (a queue id or the floor).

    Zero when ``now`` has left the shift the reducer last counted in: the
    counters reset at the boundary, not at the next event.
    """
    period = state.periods.get("shift")
    if period is None or not period.contains(now):
        return state.policy.shift_period(now), KpiCounts()
    return period, state.counts(scope, "shift")


# ---- overview --------------------------------------------------------------------------

#: the five state groups of the overview (就绪 / 通话 / 话后 / 小休 / 离席): ringing and
#: hold count as on a call; away for any other reason than a short break is 离席
STATE_GROUPS = ("ready", "talking", "after_call", "short_break", "away")


def state_group(state: AgentState, reason: AwayReason | None) -> str | None:
    if state is AgentState.READY:
        return "ready"
    if state in (AgentState.RINGING, AgentState.TALKING, AgentState.HOLD):
        return "talking"
    if state is AgentState.AFTER_CALL:
        return "after_call"
    if state is AgentState.AWAY:
        return "short_break" if reason is AwayReason.SHORT_BREAK else "away"
    return None  # logged out


@dataclass(frozen=True, slots=True)
class Tile:
    """One KPI as a tile: value, its colour band (green / amber / red / none) and the
    target beside it."""

    kpi: str
    value: float | None
    colour: str = "none"
    band: Band | None = None

    @property
    def target(self) -> float | None:
        return None if self.band is None else self.band.green


@dataclass(frozen=True, slots=True)
class GroupBreaks:
    group: str
    name: str
    on_break: int
    limit: int  # R-BREAK-2: at most this many of one group at a time

    @property
    def colour(self) -> str:
        if self.on_break > self.limit:
            return "red"
        return "amber" if self.on_break == self.limit else "green"


@dataclass(frozen=True, slots=True)
class Overview:
    shift: Period
    waiting: Tile
    longest_wait: Tile
    service_level: Tile
    answer_rate: Tile
    abandon_rate: Tile
    answered: int
    abandoned: int
    ivr_only: int
    offered: int
    states: dict[str, int]
    logged_in: int
    group_breaks: tuple[GroupBreaks, ...]
    peak_level: int
    peak_waiting: int


def _tile(state: FloorState, name: str, value: float | None) -> Tile:
    band = state.policy.band(name)
    return Tile(name, value, band.colour(value), band)


def longest_wait_s(state: FloorState, now: datetime, queues: Iterable[str] | None = None
                   ) -> float:
    wanted = None if queues is None else set(queues)
    oldest = min((c.queued_at for c in state.calls.values()
                  if c.state is CallState.WAITING and (wanted is None or c.queue in wanted)),
                 default=None)
    return 0.0 if oldest is None else max(0.0, (now - oldest).total_seconds())


def overview(state: FloorState, now: datetime) -> Overview:
    period, c = shift_counts(state, now)
    states = dict.fromkeys(STATE_GROUPS, 0)
    breaks: dict[str, int] = {}
    for st in state.status.values():
        g = state_group(st.state, st.reason)
        if g is None:
            continue
        states[g] += 1
        if g == "short_break":
            ag = state.agents.get(st.agent)
            if ag is not None:
                breaks[ag.group] = breaks.get(ag.group, 0) + 1
    limit = state.policy.max_on_break_per_group
    gb = tuple(GroupBreaks(gid, state.groups[gid].name if gid in state.groups else gid,
                           n, limit)
               for gid, n in sorted(breaks.items(), key=lambda kv: _natural(kv[0])))
    waiting = sum(1 for x in state.calls.values() if x.state is CallState.WAITING)
    return Overview(
        shift=period,
        waiting=_tile(state, "waiting", float(waiting)),
        longest_wait=_tile(state, "longest_wait_s", longest_wait_s(state, now)),
        service_level=_tile(state, "service_level", kpi.service_level(c)),
        answer_rate=_tile(state, "answer_rate", kpi.answer_rate(c)),
        abandon_rate=_tile(state, "abandon_rate", kpi.abandon_rate(c)),
        answered=c.answered, abandoned=c.abandoned, ivr_only=c.ivr_only, offered=c.offered,
        states=states, logged_in=sum(states.values()), group_breaks=gb,
        peak_level=state.peak_level(), peak_waiting=state.peak_waiting)


def link_down_since(state: FloorState) -> datetime | None:
    """Since when the floor host's link to the phone system is down (issue #14), None
    while it is up: every page of the wall carries its banner meanwhile, because the
    figures it shows stop following the switch."""
    return state.telephony_down_since


def _natural(s: str) -> tuple[object, ...]:
    """一班 < 二班 is not alphabetical; digits at least sort as numbers (G2 < G10)."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", s))


# ---- agent grid --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AgentCell:
    agent: str
    surname: str
    group: str
    state: AgentState
    reason: AwayReason | None
    elapsed_s: float  # time in state
    #: seconds left before the state's limit (negative: over it); None without a limit
    remaining_s: float | None
    level: Level  # ok / warn (amber) / over (red) against the state's limit


class GridOrder:
    """The grid's order and each agent's surname (issue #20): the floor's agents and
    groups change at a floor setup, not with each event, so they are sorted and
    split once per change of either (the reducer keeps the same maps until then)
    instead of every second."""

    def __init__(self) -> None:
        self._agents: object = None
        self._groups: object = None
        self._wanted: frozenset[str] = frozenset()
        self._order: list[tuple[str, str, str]] = []  # (agent id, surname, group)

    def get(self, state: FloorState, groups: Iterable[str] = ()) -> list[tuple[str, str, str]]:
        wanted = frozenset(groups)
        if (state.agents is not self._agents or state.groups is not self._groups
                or wanted != self._wanted):
            # groups in the order of their ids (G1, G2 … G10: as IT numbered them); a
            # name like 十二班 does not sort by its number
            rank = {gid: i for i, gid in enumerate(sorted(state.groups, key=_natural))}
            ags = [ag for ag in state.agents.values() if not wanted or ag.group in wanted]
            ags.sort(key=lambda ag: (rank.get(ag.group, len(rank)), _natural(ag.id)))
            self._order = [(ag.id, surname(ag.name), ag.group) for ag in ags]
            self._agents, self._groups, self._wanted = state.agents, state.groups, wanted
        return self._order

    def count(self, state: FloorState, groups: Iterable[str] = (),
              show_logged_out: bool = False) -> int:
        """How many squares the grid has: its pages, without computing them."""
        order = self.get(state, groups)
        if show_logged_out:
            return sum(1 for aid, _s, _g in order if aid in state.status)
        status = state.status
        out = 0
        for aid, _s, _g in order:
            st = status.get(aid)
            out += st is not None and st.state is not AgentState.LOGGED_OUT
        return out


def agent_cells(state: FloorState, now: datetime, *, groups: Iterable[str] = (),
                show_logged_out: bool = False, order: GridOrder | None = None
                ) -> list[AgentCell]:
    """Every agent's square, ordered by group then 工号 (a group stays together)."""
    out = []
    policy = state.policy
    for aid, sur, group in (order or GridOrder()).get(state, groups):
        st = state.status.get(aid)
        if st is None or (st.state is AgentState.LOGGED_OUT and not show_logged_out):
            continue
        elapsed = 0.0 if st.since is None else max(0.0, (now - st.since).total_seconds())
        lim = limit_for(st, policy)
        remaining = None if lim is None or st.since is None else lim.limit_s - elapsed
        out.append(AgentCell(aid, sur, group, st.state, st.reason, elapsed,
                             remaining, level(st, policy, now)))
    return out


# ---- queues --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QueueRow:
    queue: str
    name: str
    waiting: Tile
    longest_wait: Tile
    service_level: Tile
    answer_rate: Tile
    answered: int
    abandoned: int
    ivr_only: int


def queue_rows(state: FloorState, now: datetime, queues: Iterable[str] = ()) -> list[QueueRow]:
    wanted = set(queues)
    waiting: dict[str, int] = {}
    oldest: dict[str, datetime] = {}
    for call in state.calls.values():
        if call.state is CallState.WAITING:
            waiting[call.queue] = waiting.get(call.queue, 0) + 1
            if call.queue not in oldest or call.queued_at < oldest[call.queue]:
                oldest[call.queue] = call.queued_at
    rows = []
    for q in sorted(state.queues.values(), key=lambda q: _natural(q.name)):
        if wanted and q.id not in wanted:
            continue
        _p, c = shift_counts(state, now, q.id)
        lw = max(0.0, (now - oldest[q.id]).total_seconds()) if q.id in oldest else 0.0
        rows.append(QueueRow(q.id, q.name, _tile(state, "waiting", float(waiting.get(q.id, 0))),
                             _tile(state, "longest_wait_s", lw),
                             _tile(state, "service_level", kpi.service_level(c)),
                             _tile(state, "answer_rate", kpi.answer_rate(c)),
                             c.answered, c.abandoned, c.ivr_only))
    return rows


# ---- alerts ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AlertRow:
    """An alert as the wall shows it: no message, no ticket title (R-PRIV-1)."""

    id: str
    rule: str
    stage: str | None  # "pre" for the break pre-warning
    severity: Severity
    kind: str  # agent | group | ticket | level | other
    #: 工号 + name / group name / ticket id / "" for the whole floor
    subject: str
    ticket_category: str | None
    urgent: bool
    age_s: float
    acknowledged_by: str | None
    #: which of a rule's findings, where one rule has several names (R-LOGIN-1
    #: absent/unrostered, R-IDLE-1 unstaffed/unattended, R-PEAK-1 a flagged break)
    variant: str | None = None


def _subject(a: Alert, state: FloorState) -> tuple[str, str, str | None]:
    kind = a.subject.split(":", 1)[0]
    if kind == "call" and a.agent:  # R-TICKET-1 (issue #16): the agent, not the call id
        kind = "agent"
    if kind == "agent":
        aid = a.agent or a.subject.split(":", 1)[-1]
        ag = state.agents.get(aid)
        return kind, f"{aid} {ag.name}" if ag is not None else aid, None
    if kind == "group":
        gid = a.group or a.subject.split(":", 1)[-1]
        g = state.groups.get(gid)
        return kind, g.name if g is not None else gid, None
    if kind == "ticket":
        tid = a.ticket or a.subject.split(":", 1)[-1]
        t = state.tickets.get(tid)
        cat = t.category.value if t is not None else a.detail.get("category")
        return kind, tid, None if cat is None else str(cat)
    if kind in ("level", "floor"):  # floor: R-PEAK-3 (issue #16)
        return "level", "", None
    if kind == "queue":  # R-IDLE-1's 24-hour line (issue #16)
        qid = a.subject.split(":", 1)[-1]
        q = state.queues.get(qid)
        return kind, q.name if q is not None else qid, None
    if kind == "month":  # R-ATT-6
        return "other", a.subject.split(":", 1)[-1], None
    return "other", "", None


def _variant(a: Alert) -> str | None:
    v = a.detail.get("kind")
    return v if isinstance(v, str) else None


def alert_rows(state: FloorState, now: datetime) -> list[AlertRow]:
    """Active alerts, urgent tickets (急件) first, then by severity, oldest first."""
    rows = []
    for a in state.alerts.values():
        kind, subject, cat = _subject(a, state)
        urgent = a.rule in ("R-URGENT-1", "R-URGENT-2")
        rows.append(AlertRow(a.id, a.rule, a.detail.get("stage"), a.severity, kind,
                             subject, cat, urgent,
                             max(0.0, (now - a.raised_at).total_seconds()),
                             a.acknowledged_by, _variant(a)))
    rows.sort(key=lambda r: (not r.urgent, SEVERITY_ORDER.get(r.severity, 9), -r.age_s))
    return rows


# ---- ticker ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TickerItem:
    id: str
    text: str  # redacted
    by_name: str
    published_at: datetime
    expires_at: datetime
    source: str


def ticker_text(text: str) -> str:
    """An announcement as the wall's ticker shows it: one line, phone numbers masked.
    The 发布公告 dialog previews it with this same function (issue #12)."""
    return redact(" ".join(text.split()))


def ticker_items(state: FloorState, now: datetime) -> list[TickerItem]:
    """Live announcements, oldest first; an expired one is gone at its expiry second."""
    return [TickerItem(a.id, ticker_text(a.text), a.by_name, a.published_at,
                       a.expires_at, a.source)
            for a in live_announcements(state.announcements.values(), now)]
