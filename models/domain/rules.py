"""The floor's alert rules (DOMAIN §1, §3, §4): pure functions of (state, now).

Each rule finds the conditions true at ``now`` with the moment each became true:
a limit L on something that started at ``since`` is breached at ``since + L``
(a break that starts at t=60 raises R-BREAK-1 at t=660). :func:`next_deadline`
says when the next condition would become true if nothing else happened, so a
scheduler (or replay's virtual clock) evaluates exactly then, not only when
events arrive. :func:`step` turns the findings into floor events: raise what is
new, resolve what cleared by itself. Every threshold comes from the floor policy.

Rules and their subjects:

======================  =========================  ==========================
rule                    subject                    true from
======================  =========================  ==========================
R-BREAK-1 (pre-warning) ``agent:ID:pre``           break start + pre-warning
R-BREAK-1               ``agent:ID``               break start + limit
R-AWAY-1                ``agent:ID``               away start + reason's limit
R-HOLD-1 / R-RING-1     ``agent:ID``               hold / ringing start + limit
R-ACW-1                 ``agent:ID``               after-call start + limit
R-SEAT-1                ``agent:ID``               going away < 30 min after login
R-BREAK-2               ``group:ID``               the break that made it > max
R-PEAK-1 / R-PEAK-2     ``level:N``                window start + window
R-TICKET-3              ``ticket:ID``              complaint/help ticket created
R-TICKET-5              ``ticket:ID``              call end + 15 min, not completed
R-URGENT-1              ``ticket:ID``              urgent ticket created
R-URGENT-2              ``ticket:ID``              unacknowledged after the policy
                                                   time, or at once with no
                                                   shift leader on duty
======================  =========================  ==========================

R-SEAT-1 ignores the planned reasons (training, meeting): the plan sends the
agent there. Floor-wide conditions (R-BREAK-2, the peak levels) keep the start
of their active alert while they hold, so one ongoing condition is one alert.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta

from models.domain.alerts import Alert, Condition, Severity
from models.domain.floor import FloorState, apply, apply_all
from models.domain.limits import limit_for
from models.domain.types import AgentState, AwayReason, FloorEvent, TicketCategory

#: away reasons that are planned (R-SEAT-1 does not count them)
PLANNED = frozenset({AwayReason.TRAINING, AwayReason.MEETING})

_STATE_WORDS = {"R-HOLD-1": "保持", "R-RING-1": "振铃", "R-ACW-1": "话后处理",
                "R-AWAY-1": "离席", "R-BREAK-1": "小休"}


def _s(seconds: float) -> timedelta:
    return timedelta(seconds=seconds)


def _fmt(seconds: float) -> str:
    m, s = divmod(int(round(seconds)), 60)
    return f"{m} 分钟" if s == 0 and m else (f"{m} 分 {s} 秒" if m else f"{s} 秒")


def _active(state: FloorState, rule: str, subject: str) -> Alert | None:
    for a in state.alerts.values():
        if a.rule == rule and a.subject == subject:
            return a
    return None


# ---- the rules ------------------------------------------------------------------------


def _agent_limits(state: FloorState) -> Iterator[tuple[Condition, datetime]]:
    """(condition or None, its start) for each agent past (or before) a time limit."""
    p = state.policy
    for st in state.status.values():
        if st.since is None:
            continue
        lim = limit_for(st, p)
        if lim is None:
            continue
        ag = state.agents.get(st.agent)
        group = ag.group if ag else None
        name = f"{st.agent} {ag.name}" if ag else st.agent
        word = _STATE_WORDS.get(lim.rule, "")
        if lim.rule == "R-BREAK-1" and lim.warn_s < lim.limit_s:
            yield (Condition("R-BREAK-1", f"agent:{st.agent}:pre", st.since + _s(lim.warn_s),
                             Severity.INFO,
                             f"{name} 小休已 {_fmt(lim.warn_s)},{_fmt(lim.limit_s)} 到时",
                             agent=st.agent, group=group,
                             detail={"stage": "pre", "limit_s": lim.limit_s,
                                     "since": st.since.isoformat()}),
                   st.since + _s(lim.warn_s))
        reason = f"({st.reason.value})" if lim.rule == "R-AWAY-1" and st.reason else ""
        yield (Condition(lim.rule, f"agent:{st.agent}", st.since + _s(lim.limit_s),
                         Severity.WARNING,
                         f"{name} {word}{reason}超过 {_fmt(lim.limit_s)}",
                         agent=st.agent, group=group,
                         detail={"limit_s": lim.limit_s, "since": st.since.isoformat(),
                                 "state": st.state.value,
                                 "reason": st.reason.value if st.reason else None}),
               st.since + _s(lim.limit_s))


def _seat(state: FloorState) -> Iterator[Condition]:
    """R-SEAT-1: away within the first 30 minutes after logging in."""
    settle = _s(state.policy.seat_settle_min * 60.0)
    for st in state.status.values():
        if (st.state is AgentState.AWAY and st.since is not None
                and st.logged_in_at is not None and st.reason not in PLANNED
                and st.since < st.logged_in_at + settle):
            ag = state.agents.get(st.agent)
            name = f"{st.agent} {ag.name}" if ag else st.agent
            yield Condition("R-SEAT-1", f"agent:{st.agent}", st.since, Severity.WARNING,
                            f"{name} 签入 {_fmt((st.since - st.logged_in_at).total_seconds())}"
                            f"后即离席(签入后 {_fmt(settle.total_seconds())}内不得离席)",
                            agent=st.agent, group=ag.group if ag else None,
                            detail={"logged_in_at": st.logged_in_at.isoformat(),
                                    "reason": st.reason.value if st.reason else None})


def _breaks_per_group(state: FloorState) -> Iterator[Condition]:
    """R-BREAK-2: more than the policy's maximum of one group on short break."""
    cap = state.policy.max_on_break_per_group
    by_group: dict[str, list[tuple[datetime, str]]] = {}
    for st in state.status.values():
        if st.state is AgentState.AWAY and st.reason is AwayReason.SHORT_BREAK and st.since:
            ag = state.agents.get(st.agent)
            if ag is not None and ag.group:
                by_group.setdefault(ag.group, []).append((st.since, st.agent))
    for gid, breaks in by_group.items():
        if len(breaks) <= cap:
            continue
        breaks.sort()
        subject = f"group:{gid}"
        ongoing = _active(state, "R-BREAK-2", subject)
        # the break that took the group over the maximum (the cap+1-th started)
        start = ongoing.raised_at if ongoing else breaks[cap][0]
        g = state.groups.get(gid)
        yield Condition("R-BREAK-2", subject, start, Severity.WARNING,
                        f"{g.name if g else gid} 同时小休 {len(breaks)} 人,超过 {cap} 人",
                        group=gid, agent=breaks[cap][1],
                        detail={"on_break": [a for _t, a in breaks], "max": cap,
                                "flagged": breaks[cap][1]})


def _peaks(state: FloorState, now: datetime) -> Iterator[tuple[Condition | None, datetime]]:
    """R-PEAK-1 / R-PEAK-2: callers waiting at or above a level's threshold at every
    instant of its window; the level holds until waiting falls below the threshold
    minus the policy's hysteresis."""
    p = state.policy
    for lvl in p.peak_levels:
        rule = "R-PEAK-1" if lvl.level == 1 else "R-PEAK-2"
        subject = f"level:{lvl.level}"
        ongoing = _active(state, rule, subject)
        if ongoing is not None and state.peak_waiting >= lvl.threshold - p.peak_hysteresis:
            start = ongoing.raised_at
        elif lvl.level in state.peak_since:
            start = state.peak_since[lvl.level] + _s(lvl.window_min * 60.0)
        else:
            continue
        what = "暂停回拨与小休" if lvl.level == 1 else "值班长与全体坐席接线"
        yield (Condition(rule, subject, start,
                         Severity.WARNING if lvl.level == 1 else Severity.CRITICAL,
                         f"高峰预案 {lvl.level} 级:排队 ≥ {lvl.threshold} 人持续 "
                         f"{_fmt(lvl.window_min * 60.0)},{what}",
                         detail={"level": lvl.level, "threshold": lvl.threshold,
                                 "window_min": lvl.window_min, "waiting": state.peak_waiting}),
               start)


def _tickets(state: FloorState) -> Iterator[tuple[Condition, datetime]]:
    p = state.policy
    for t in state.tickets.values():
        subject = f"ticket:{t.id}"
        if t.category in (TicketCategory.COMPLAINT, TicketCategory.HELP):
            kind = "投诉" if t.category is TicketCategory.COMPLAINT else "求助"
            yield (Condition("R-TICKET-3", subject, t.created_at, Severity.INFO,
                             f"{kind}工单待值班长审核:{t.title}", agent=t.agent,
                             ticket=t.id, auto_resolve=False,
                             detail={"category": t.category.value}), t.created_at)
        if t.urgent:
            yield (Condition("R-URGENT-1", subject, t.created_at, Severity.CRITICAL,
                             f"急件:{t.title}", agent=t.agent, ticket=t.id,
                             detail={"category": t.category.value}), t.created_at)
        if t.call_ended_at is not None:
            due = t.call_ended_at + _s(p.ticket_complete_min * 60.0)
            yield (Condition("R-TICKET-5", subject, due, Severity.WARNING,
                             f"工单 {t.id} 通话结束 {_fmt(p.ticket_complete_min * 60)}"
                             "仍未办结", agent=t.agent, ticket=t.id,
                             detail={"call_ended_at": t.call_ended_at.isoformat()}), due)


def _escalations(state: FloorState) -> Iterator[tuple[Condition, datetime]]:
    """R-URGENT-2: an urgent alert nobody acknowledged in time, or raised while no
    shift leader was on duty, is escalated (its own alert, resolved by a person)."""
    wait = _s(state.policy.urgent_ack_s)
    for a in state.alerts.values():
        if a.rule != "R-URGENT-1":
            continue
        ongoing = _active(state, "R-URGENT-2", a.subject)
        if ongoing is not None:
            yield (_escalation(a, ongoing.raised_at, str(ongoing.detail.get("why", ""))),
                   ongoing.raised_at)
            continue
        if a.acknowledged_at is not None and a.acknowledged_at <= a.raised_at + wait:
            continue  # a leader took it in time
        if not state.leaders_on_duty and a.acknowledged_at is None:
            yield _escalation(a, a.raised_at, "no_leader"), a.raised_at
        else:
            yield _escalation(a, a.raised_at + wait, "not_acknowledged"), a.raised_at + wait


def _escalation(a: Alert, start: datetime, why: str) -> Condition:
    text = "无值班长在岗" if why == "no_leader" else "未在规定时间内确认"
    return Condition("R-URGENT-2", a.subject, start, Severity.CRITICAL,
                     f"急件升级({text}):{a.message.removeprefix('急件:')}",
                     agent=a.agent, ticket=a.ticket, auto_resolve=False,
                     escalation_of=a.id, detail={"why": why})


# ---- evaluation ------------------------------------------------------------------------


def _candidates(state: FloorState, now: datetime) -> Iterator[tuple[Condition | None, datetime]]:
    yield from _agent_limits(state)
    for c in _seat(state):
        yield c, c.start
    for c in _breaks_per_group(state):
        yield c, c.start
    yield from _peaks(state, now)
    yield from _tickets(state)
    yield from _escalations(state)


def evaluate(state: FloorState, now: datetime) -> list[Condition]:
    """Every condition true at ``now``, earliest first."""
    out = [c for c, start in _candidates(state, now) if c is not None and start <= now]
    out.sort(key=lambda c: (c.start, c.rule, c.subject))
    return out


def next_deadline(state: FloorState, now: datetime) -> datetime | None:
    """The earliest moment after ``now`` at which a condition becomes true if no
    event comes first (None: nothing pending). Escalations wait on the urgent
    alert being raised, so right after an urgent ticket this is its ack deadline
    only once the host has raised it."""
    return min((start for _c, start in _candidates(state, now) if start > now), default=None)


def step(state: FloorState, now: datetime) -> list[FloorEvent]:
    """What to append at ``now``: new conditions raised (at ``now``, carrying the
    moment each became true) and active alerts whose condition cleared resolved.
    Repeats on its own result, so an urgent ticket with no leader on duty is raised
    and escalated in the same step."""
    out: list[FloorEvent] = []
    for _ in range(4):
        events = _step_once(state, now)
        if not events:
            break
        out.extend(events)
        state = apply_all(state, events)
    return out


def _step_once(state: FloorState, now: datetime) -> list[FloorEvent]:
    found = evaluate(state, now)
    keys = {c.key for c in found}
    events = [FloorEvent("alert_raised", now, c.as_event_data()) for c in found
              if c.key not in state.alerts and c.key not in state.resolved_alerts]
    for a in state.alerts.values():
        if a.auto_resolve and a.id not in keys:
            events.append(FloorEvent("alert_resolved", now,
                                     {"alert": a.id, "by": None, "note": "condition cleared"}))
    return events


def with_rules(state: FloorState, events: Iterable[FloorEvent],
               until: datetime | None = None) -> Iterator[FloorEvent]:
    """The events in order with the rules run on their virtual clock (scenario replay):
    before each event, every deadline up to and including its time is evaluated
    (a limit reached at the very second the agent comes back counts as reached);
    after it, its immediate consequences (an urgent ticket, a third break, a
    condition that cleared). Alerts so carry the exact second their condition
    became true, as they would live."""
    for e in events:
        state, due = advance(state, e.at)
        yield from due
        state = apply(state, e)
        yield e
        state, after = settle(state, e.at)
        yield from after
    if until is not None:
        yield from advance(state, until)[1]


def advance(state: FloorState, to: datetime) -> tuple[FloorState, list[FloorEvent]]:
    """Run the rules at every deadline from the state's time up to ``to`` inclusive."""
    out: list[FloorEvent] = []
    now = state.at
    while now is not None:
        d = next_deadline(state, now)
        if d is None or d > to:
            break
        state, got = settle(state, d)
        out.extend(got)
        now = d
    return state, out


def settle(state: FloorState, now: datetime) -> tuple[FloorState, list[FloorEvent]]:
    """The rules' events at ``now`` and the state after them."""
    got = step(state, now)
    return apply_all(state, got), got
