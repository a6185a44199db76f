"""The floor's alert rules (DOMAIN §1, §3, §4): pure functions of (state, now).

Each rule finds the conditions true at ``now`` with the moment each became true:
a limit L on something that started at ``since`` is breached at ``since + L``
(a break that starts at t=60 raises R-BREAK-1 dated t=660), but only if the state
is still on after that instant (R-LIMIT-1: "不得超过" allows the limit itself; a
break that ends at t=660 raises nothing). One state over its limit is one alert,
whatever happens to the policy meanwhile. :func:`next_deadline`
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
R-PEAK-3                ``floor``                  during a predictable peak, the
                                                   callback that made it > max
R-TICKET-3              ``ticket:ID``              complaint/help ticket created
R-TICKET-5              ``ticket:ID``              call end + 15 min, not completed
R-URGENT-1              ``ticket:ID``              urgent ticket created
R-URGENT-2              ``ticket:ID``              unacknowledged after the policy
                                                   time, or at once with no
                                                   shift leader on duty
R-LOGIN-1 (absent)      ``agent:ID:absent``        rostered shift start + grace,
                                                   not logged in (never before the
                                                   floor held the roster)
R-LOGIN-1 (unrostered)  ``agent:ID:unrostered``    logged in (or shift start +
                                                   grace, or the roster's
                                                   publication), not on the roster
R-CONSULT-1             ``ticket:ID``              reply-later consultation: call
                                                   end + 15 min, not answered
R-TICKET-1              ``call:ID``                answered call end + 15 min, no
                                                   ticket (policy switch, off)
R-TICKET-4              ``ticket:ID``              key fields reported, one empty
                                                   (or title without the place)
R-FIRST-1               ``ticket:ID``              completed / updated by another
                                                   agent without a hand-on
R-IDLE-1 (unstaffed)    ``queue:ID``               a 24-hour queue's last agent
                                                   ready or on a call left + limit
R-IDLE-1 (unattended)   ``agent:ID:unattended``    the Nth call in a row rang
                                                   unanswered at a ready agent
R-PEAK-1 (break)        ``agent:ID:break``         a short break begun while a
                                                   peak level holds
R-PEAK-1 (callback)     ``agent:ID:callback``      a callback begun while a peak
                                                   level holds
======================  =========================  ==========================

R-TICKET-2: a ``mixed`` consultation or suggestion is reviewed as a complaint /
request for help (R-TICKET-3), and the review says so.

R-SEAT-1 ignores the planned reasons (training, meeting): the plan sends the
agent there. A forced away (强制离席, issue #12) is the leader's decision, not the
agent's departure: neither R-SEAT-1 nor R-AWAY-1 (a personal matter the agent must
report) counts it; R-BREAK-1 still does, since a break the leader grants is still a
break of at most 10 minutes, and the agent is the one to come back. Floor-wide conditions (R-BREAK-2, the peak levels) keep the start
of their active alert while they hold, so one ongoing condition is one alert.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, time, timedelta
from typing import NamedTuple

from models.domain.alerts import Alert, Condition, Severity, alert_key
from models.domain.floor import TICKET_CHECKS_KEPT, FloorState, RosterDuty, apply, apply_all
from models.domain.limits import Limit, limit_for
from models.domain.policy import PeakLevel, PeakPeriod
from models.domain.types import (
    AgentState,
    AgentStatus,
    AwayReason,
    FloorEvent,
    OwnerBreach,
    Ticket,
    TicketCategory,
    UnticketedCall,
)

#: away reasons that are planned (R-SEAT-1 does not count them)
PLANNED = frozenset({AwayReason.TRAINING, AwayReason.MEETING})

#: away reasons in an alert's text: the label, never the code (issue #12)
REASON_WORDS = {AwayReason.SHORT_BREAK: "小休", AwayReason.MEAL: "用餐",
                AwayReason.TRAINING: "培训", AwayReason.MEETING: "会议",
                AwayReason.CALLBACK: "回拨", AwayReason.OTHER: "其他"}
_STATE_WORDS = {"R-HOLD-1": "保持", "R-RING-1": "振铃", "R-ACW-1": "话后处理",
                "R-AWAY-1": "离席", "R-BREAK-1": "小休"}


def _s(seconds: float) -> timedelta:
    return timedelta(seconds=seconds)


def _fmt(seconds: float) -> str:
    m, s = divmod(int(round(seconds)), 60)
    return f"{m} 分钟" if s == 0 and m else (f"{m} 分 {s} 秒" if m else f"{s} 秒")


#: R-LIMIT-1: "不得超过 / 15分钟内" allow the limit itself. A limit condition dated
#: ``since + L`` holds only once the state is still on *after* that instant: in replay
#: the first instant after it (an event at that same second that ends the state comes
#: first), live the scheduler's next tick (:data:`LIVE_CONFIRM`), so an ending event
#: that reaches the host a little late does not raise a breach that never was.
EXACT = timedelta(microseconds=1)
LIVE_CONFIRM = timedelta(seconds=1)


class Cand(NamedTuple):
    """A rule's finding before it is built. Most are not due yet or already raised,
    so the Condition (its message, its detail) is only made when it is needed — the
    scheduler looks at every agent every second."""

    rule: str
    subject: str
    #: the moment the condition carries (the alert's ``raised_at``)
    start: datetime
    build: Callable[[], Condition]
    #: a limit (R-LIMIT-1): true only after ``over``, not at it
    strict: bool = False
    #: the instant the limit is reached, when it is not ``start`` (a breach kept
    #: across a policy change, or one a new policy created, is dated otherwise)
    over: datetime | None = None
    #: the condition stops being true then, though no event comes (a roster's
    #: R-LOGIN-1 findings end with its shift)
    until: datetime | None = None

    def due(self, confirm: timedelta) -> datetime:
        """The first moment the condition is true."""
        at = self.over or self.start
        return at + confirm if self.strict else at


Active = dict[tuple[str, str], Alert]


def _index(state: FloorState) -> Active:
    return {(a.rule, a.subject): a for a in state.alerts.values()}


# ---- the rules ------------------------------------------------------------------------


def _name(state: FloorState, agent: str) -> str:
    ag = state.agents.get(agent)
    return f"{agent} {ag.name}" if ag else agent


def _group(state: FloorState, agent: str) -> str | None:
    ag = state.agents.get(agent)
    return ag.group if ag else None


def _dated(state: FloorState, active: Active, rule: str, subject: str, since: datetime,
           reached: datetime) -> datetime:
    """The date of a limit reached at ``reached`` by the state begun at ``since``
    (R-LIMIT-1): the alert already raised for this same state keeps its date across
    a policy change, and a limit that a new policy put in the past is dated when that
    policy came into force, never before it existed."""
    ongoing = active.get((rule, subject))
    if ongoing is not None and ongoing.detail.get("since") == since.isoformat():
        return ongoing.raised_at
    if state.policy_since is not None and reached < state.policy_since:
        return state.policy_since
    return reached


def _agent_limits(state: FloorState, active: Active) -> Iterator[Cand]:
    """Each agent in a state with a time limit: the pre-warning (short breaks) and
    the breach, dated since + limit and true only after it (R-LIMIT-1). One state
    over its limit is one breach across a policy change: the alert raised for this
    state keeps its date while the state is over the new limit too, and a breach the
    new policy creates is dated when that policy came into force."""
    p = state.policy
    for st in state.status.values():
        if st.since is None:
            continue
        lim = limit_for(st, p)
        if lim is None:
            continue
        if lim.rule == "R-AWAY-1" and st.forced_by is not None:
            continue  # the leader sent the agent away: not a personal matter (issue #12)
        since = st.since
        if lim.rule == "R-BREAK-1" and lim.warn_s < lim.limit_s:
            pre_subject = f"agent:{st.agent}:pre"
            warned = since + _s(lim.warn_s)
            pre_at = _dated(state, active, "R-BREAK-1", pre_subject, since, warned)

            def pre(st: AgentStatus = st, since: datetime = since, lim: Limit = lim,
                    pre_at: datetime = pre_at) -> Condition:
                return Condition(
                    "R-BREAK-1", f"agent:{st.agent}:pre", pre_at, Severity.INFO,
                    f"{_name(state, st.agent)} 小休已 {_fmt(lim.warn_s)},"
                    f"{_fmt(lim.limit_s)} 到时", agent=st.agent, group=_group(state, st.agent),
                    detail={"stage": "pre", "limit_s": lim.limit_s, "since": since.isoformat()})
            yield Cand("R-BREAK-1", pre_subject, pre_at, pre, over=warned)

        subject = f"agent:{st.agent}"
        reached = since + _s(lim.limit_s)
        start = _dated(state, active, lim.rule, subject, since, reached)

        def over(st: AgentStatus = st, since: datetime = since, lim: Limit = lim,
                 start: datetime = start) -> Condition:
            reason = (f"({REASON_WORDS.get(st.reason, st.reason.value)})"
                      if lim.rule == "R-AWAY-1" and st.reason else "")
            return Condition(
                lim.rule, f"agent:{st.agent}", start, Severity.WARNING,
                f"{_name(state, st.agent)} {_STATE_WORDS.get(lim.rule, '')}{reason}超过 "
                f"{_fmt(lim.limit_s)}", agent=st.agent, group=_group(state, st.agent),
                detail={"limit_s": lim.limit_s, "since": since.isoformat(),
                        "state": st.state.value,
                        "reason": st.reason.value if st.reason else None})
        yield Cand(lim.rule, subject, start, over, strict=True, over=reached)


def _seat(state: FloorState) -> Iterator[Cand]:
    """R-SEAT-1: away within the first 30 minutes after logging in. Dated when the
    agent left: a reason changed while away is the same departure."""
    settle = _s(state.policy.seat_settle_min * 60.0)
    for st in state.status.values():
        left = st.away_since or st.since
        if (st.state is AgentState.AWAY and left is not None
                and st.logged_in_at is not None and st.reason not in PLANNED
                and st.forced_by is None
                and left < st.logged_in_at + settle):
            def build(st: AgentStatus = st, left: datetime = left) -> Condition:
                assert st.logged_in_at is not None
                return Condition(
                    "R-SEAT-1", f"agent:{st.agent}", left, Severity.WARNING,
                    f"{_name(state, st.agent)} 签入 "
                    f"{_fmt((left - st.logged_in_at).total_seconds())}后即离席"
                    f"(签入后 {_fmt(settle.total_seconds())}内不得离席)",
                    agent=st.agent, group=_group(state, st.agent),
                    detail={"logged_in_at": st.logged_in_at.isoformat(),
                            "reason": st.reason.value if st.reason else None})
            yield Cand("R-SEAT-1", f"agent:{st.agent}", left, build)


def _breaks_per_group(state: FloorState, active: Active) -> Iterator[Cand]:
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
        ongoing = active.get(("R-BREAK-2", subject))
        # the break that took the group over the maximum (the cap+1-th started)
        start = ongoing.raised_at if ongoing else breaks[cap][0]

        def build(gid: str = gid, breaks: list[tuple[datetime, str]] = breaks,
                  start: datetime = start, subject: str = subject) -> Condition:
            g = state.groups.get(gid)
            return Condition("R-BREAK-2", subject, start, Severity.WARNING,
                             f"{g.name if g else gid} 同时小休 {len(breaks)} 人,超过 {cap} 人",
                             group=gid, agent=breaks[cap][1],
                             detail={"on_break": [a for _t, a in breaks], "max": cap,
                                     "flagged": breaks[cap][1]})
        yield Cand("R-BREAK-2", subject, start, build)


def _peaks(state: FloorState, active: Active) -> Iterator[Cand]:
    """R-PEAK-1 / R-PEAK-2: callers waiting at or above a level's threshold at every
    instant of its window; the level holds until waiting falls below the threshold
    minus the policy's hysteresis."""
    p = state.policy
    for lvl in p.peak_levels:
        rule = "R-PEAK-1" if lvl.level == 1 else "R-PEAK-2"
        subject = f"level:{lvl.level}"
        ongoing = active.get((rule, subject))
        if ongoing is not None and state.peak_waiting >= lvl.threshold - p.peak_hysteresis:
            start = ongoing.raised_at
        elif lvl.level in state.peak_since:
            start = state.peak_since[lvl.level] + _s(lvl.window_min * 60.0)
        else:
            continue

        def build(lvl: PeakLevel = lvl, rule: str = rule, subject: str = subject,
                  start: datetime = start) -> Condition:
            what = "暂停回拨与小休" if lvl.level == 1 else "值班长与全体坐席接线"
            return Condition(rule, subject, start,
                             Severity.WARNING if lvl.level == 1 else Severity.CRITICAL,
                             f"高峰预案 {lvl.level} 级:排队 ≥ {lvl.threshold} 人持续 "
                             f"{_fmt(lvl.window_min * 60.0)},{what}",
                             detail={"level": lvl.level, "threshold": lvl.threshold,
                                     "window_min": lvl.window_min,
                                     "waiting": state.peak_waiting})
        yield Cand(rule, subject, start, build)


def _peak_callbacks(state: FloorState, active: Active) -> Iterator[Cand]:
    """R-PEAK-3: during a predictable peak (``[[peak.periods]]``, whole local days) more
    than ``peak.max_callbacks`` agents away on callbacks (回拨) at once. True from the
    callback that took the floor over the maximum, or from the period's first
    midnight if that came later; it ends with the period's last day. The cap itself
    is allowed (2 on callbacks is within "at most 2")."""
    p = state.policy
    if not p.peak_periods:
        return
    cap = p.peak_max_callbacks
    calls = sorted((st.since, st.agent) for st in state.status.values()
                   if st.state is AgentState.AWAY and st.reason is AwayReason.CALLBACK
                   and st.since)
    if len(calls) <= cap:
        return
    over = calls[cap][0]
    ongoing = active.get(("R-PEAK-3", "floor"))
    # periods that overlap or touch are one peak (one alert while it lasts)
    spans: list[tuple[datetime, datetime, list[PeakPeriod]]] = []
    for pp in sorted(p.peak_periods, key=lambda x: (x.start, x.end)):
        begin = datetime.combine(pp.start, time(0), p.tz)
        end = datetime.combine(pp.end + timedelta(days=1), time(0), p.tz)
        if spans and begin <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]), [*spans[-1][2], pp])
        else:
            spans.append((begin, end, [pp]))
    for begin, end, periods in spans:
        if end <= over:
            continue
        if ongoing is not None and begin <= ongoing.raised_at < end:
            start = ongoing.raised_at
        else:
            start = max(over, begin)

        def build(periods: list[PeakPeriod] = periods, start: datetime = start,
                  calls: list[tuple[datetime, str]] = calls) -> Condition:
            names = "、".join(x.name for x in periods)
            return Condition("R-PEAK-3", "floor", start, Severity.WARNING,
                             f"可预见高峰「{names}」期间同时回拨 {len(calls)} 人,"
                             f"超过 {cap} 人",
                             agent=calls[cap][1],
                             detail={"periods": [x.name for x in periods],
                                     "from": periods[0].start.isoformat(),
                                     "to": max(x.end for x in periods).isoformat(),
                                     "max": cap, "on_callback": [a for _t, a in calls],
                                     "flagged": calls[cap][1]})
        yield Cand("R-PEAK-3", "floor", start, build, until=end)


def _tickets(state: FloorState) -> Iterator[Cand]:
    p = state.policy
    late = _s(p.ticket_complete_min * 60.0)
    for t in state.tickets.values():
        subject = f"ticket:{t.id}"
        # R-TICKET-2: a case between categories is treated as 投诉/求助 (issue #16)
        if t.category in (TicketCategory.COMPLAINT, TicketCategory.HELP) or t.mixed:
            def review(t: Ticket = t, subject: str = subject) -> Condition:
                kind = ("投诉" if t.category is TicketCategory.COMPLAINT else "求助"
                        ) if not t.mixed else MIXED_WORDS.get(t.category, "投诉/求助")
                return Condition("R-TICKET-3", subject, t.created_at, Severity.INFO,
                                 f"{kind}工单待值班长审核:{t.title}", agent=t.agent,
                                 group=_group(state, t.agent) if t.agent else None,
                                 ticket=t.id, auto_resolve=False,
                                 # the caller's request stays with the review after the
                                 # ticket is closed (issue #12)
                                 detail={"category": t.category.value,
                                         **({"mixed": True, "treated_as": "complaint/help"}
                                            if t.mixed else {}),
                                         **({"request": t.request} if t.request else {})})
            yield Cand("R-TICKET-3", subject, t.created_at, review)
        if t.urgent:
            def urgent(t: Ticket = t, subject: str = subject) -> Condition:
                return Condition("R-URGENT-1", subject, t.created_at, Severity.CRITICAL,
                                 f"急件:{t.title}", agent=t.agent, ticket=t.id,
                                 group=_group(state, t.agent) if t.agent else None,
                                 detail={"category": t.category.value})
            yield Cand("R-URGENT-1", subject, t.created_at, urgent)
        if t.call_ended_at is not None:
            due = t.call_ended_at + late

            def overdue(t: Ticket = t, subject: str = subject, due: datetime = due
                        ) -> Condition:
                assert t.call_ended_at is not None
                return Condition("R-TICKET-5", subject, due, Severity.WARNING,
                                 f"工单 {t.id} 通话结束 {_fmt(late.total_seconds())}仍未办结",
                                 agent=t.agent, ticket=t.id,
                                 group=_group(state, t.agent) if t.agent else None,
                                 detail={"call_ended_at": t.call_ended_at.isoformat()})
            # completed at exactly the limit is in time (R-LIMIT-1)
            yield Cand("R-TICKET-5", subject, due, overdue, strict=True)


def _escalations(state: FloorState, active: Active) -> Iterator[Cand]:
    """R-URGENT-2: an urgent alert nobody acknowledged in time, or raised while no
    shift leader was on duty, is escalated (its own alert, resolved by a person)."""
    wait = _s(state.policy.urgent_ack_s)
    # the roster's end takes its leaders off duty though no event says so (issue #16)
    ends = state.roster_ends_duty()
    for a in state.alerts.values():
        if a.rule != "R-URGENT-1":
            continue
        ongoing = active.get(("R-URGENT-2", a.subject))
        strict = False
        if ongoing is not None:
            start, why = ongoing.raised_at, str(ongoing.detail.get("why", ""))
        elif a.acknowledged_at is not None and a.acknowledged_at <= a.raised_at + wait:
            continue  # a leader took it in time
        elif not state.leaders_on_duty and a.acknowledged_at is None:
            # from when the floor knew nobody leads, if the last leader left after it
            start, why = max(a.raised_at, state.leaders_since or a.raised_at), "no_leader"
        elif (ends is not None and a.acknowledged_at is None
              and not state.leaders_on_duty - state.roster_leaders
              and ends < a.raised_at + wait):
            # the roster's leaders go off duty at its end, and no one else is on
            start, why = max(a.raised_at, ends), "no_leader"
        else:
            # acknowledged at exactly the limit is in time (R-LIMIT-1)
            start, why, strict = a.raised_at + wait, "not_acknowledged", True

        def build(a: Alert = a, start: datetime = start, why: str = why) -> Condition:
            return _escalation(a, start, why)
        yield Cand("R-URGENT-2", a.subject, start, build, strict=strict)


def _escalation(a: Alert, start: datetime, why: str) -> Condition:
    text = "无值班长在岗" if why == "no_leader" else "未在规定时间内确认"
    return Condition("R-URGENT-2", a.subject, start, Severity.CRITICAL,
                     f"急件升级({text}):{a.message.removeprefix('急件:')}",
                     agent=a.agent, group=a.group, ticket=a.ticket, auto_resolve=False,
                     escalation_of=a.id, detail={"why": why})


def _logins(state: FloorState) -> Iterator[Cand]:
    """R-LOGIN-1 (issue #6): on a shift with a roster, a rostered agent not logged in
    ``login_grace_min`` after the shift starts, and an agent logged in while not on
    the roster (from the same moment, or from logging in if later). A floor whose
    shift has no roster raises neither."""
    r = state.roster
    if r is None or not r.agents:
        return
    due = r.start + _s(state.policy.login_grace_min * 60.0)
    # never before the floor held the roster (issue #12): a host that starts hours
    # into the shift publishes it then, and its alerts are dated then, not at 08:05
    published = max(due, r.published) if r.published else due
    for agent in sorted(r.agents):
        st = state.status.get(agent)
        if agent not in state.agents or (st is not None and st.state is not AgentState.LOGGED_OUT):
            continue
        known = r.known_since(agent)
        start = max(due, known) if known else due

        def absent(agent: str = agent, r: RosterDuty = r, start: datetime = start
                   ) -> Condition:
            return Condition(
                "R-LOGIN-1", f"agent:{agent}:absent", start, Severity.WARNING,
                f"{_name(state, agent)} 排{r.shift}，开班 {_fmt((due - r.start).total_seconds())}"
                f"后仍未签入", agent=agent, group=_group(state, agent),
                detail={"kind": "absent", "shift": r.shift, "day": r.day,
                        "start": r.start.isoformat()})
        yield Cand("R-LOGIN-1", f"agent:{agent}:absent", start, absent, until=r.end)
    for st in state.status.values():
        # the roster's shift leaders are rostered too (issue #16)
        if st.state is AgentState.LOGGED_OUT or st.agent in r.agents \
                or st.agent in r.leaders or st.agent not in state.agents:
            continue
        start = max(published, st.logged_in_at) if st.logged_in_at else published

        def unrostered(st: AgentStatus = st, start: datetime = start,
                       r: RosterDuty = r) -> Condition:
            return Condition(
                "R-LOGIN-1", f"agent:{st.agent}:unrostered", start, Severity.INFO,
                f"{_name(state, st.agent)} 未排{r.shift}却已签入", agent=st.agent,
                group=_group(state, st.agent),
                detail={"kind": "unrostered", "shift": r.shift, "day": r.day,
                        "logged_in_at": st.logged_in_at.isoformat() if st.logged_in_at
                        else None})
        yield Cand("R-LOGIN-1", f"agent:{st.agent}:unrostered", start, unrostered,
                   until=r.end)


# ---- tickets: R-CONSULT-1, R-TICKET-1, R-TICKET-4, R-FIRST-1 (issue #16) ---------------

#: R-TICKET-2: how the review names a mixed ticket (咨询/建议 treated as 投诉/求助)
MIXED_WORDS = {TicketCategory.CONSULT: "咨询(按投诉/求助处理)",
               TicketCategory.SUGGEST: "建议(按投诉/求助处理)"}
#: R-TICKET-4: the key fields by name, in an alert's text
FIELD_WORDS = {"time": "时间", "place": "地点", "course": "经过", "request": "诉求",
               "title_place": "标题未含地点", "title_summary": "标题缺少摘要"}


def _ticket_checks(state: FloorState, active: Active) -> Iterator[Cand]:
    yield from _consult_replies(state, active)
    yield from _unticketed(state, active)
    yield from _ticket_fields(state)
    yield from _first_owner(state)


def _consult_replies(state: FloorState, active: Active) -> Iterator[Cand]:
    """R-CONSULT-1 延时答复: a consultation marked reply-later, not answered (replied
    or completed) the policy's minutes after hang-up; exactly then is in time
    (R-LIMIT-1). A ticket without a call counts from its creation."""
    limit = state.policy.consult_reply_min * 60.0
    for t in state.tickets.values():
        if not t.reply_later or t.category is not TicketCategory.CONSULT \
                or t.replied_at is not None:
            continue
        since = t.call_ended_at if t.call is not None else t.created_at
        if since is None:
            continue  # the call is still on: the clock starts at hang-up
        subject = f"ticket:{t.id}"
        reached = since + _s(limit)
        start = _dated(state, active, "R-CONSULT-1", subject, since, reached)

        def build(t: Ticket = t, since: datetime = since, start: datetime = start,
                  subject: str = subject) -> Condition:
            return Condition("R-CONSULT-1", subject, start, Severity.WARNING,
                             f"工单 {t.id} 延时答复超过 {_fmt(limit)}未答复:{t.title}",
                             agent=t.agent, ticket=t.id,
                             group=_group(state, t.agent) if t.agent else None,
                             detail={"since": since.isoformat(), "limit_s": limit})
        yield Cand("R-CONSULT-1", subject, start, build, strict=True, over=reached)


def _unticketed(state: FloorState, active: Active) -> Iterator[Cand]:
    """R-TICKET-1: an answered call with no ticket the policy's minutes after it ended
    (exactly then is in time, R-LIMIT-1), where the policy says the source reports
    tickets. Cleared by a ticket for the call; the finding lasts a day."""
    p = state.policy
    if not p.ticket_every_call:
        return
    limit = p.ticket_every_call_min * 60.0
    for u in state.unticketed.values():
        subject = f"call:{u.call}"
        reached = u.ended_at + _s(limit)
        start = _dated(state, active, "R-TICKET-1", subject, u.ended_at, reached)

        def build(u: UnticketedCall = u, start: datetime = start, subject: str = subject
                  ) -> Condition:
            who = _name(state, u.agent) if u.agent else "?"
            return Condition("R-TICKET-1", subject, start, Severity.WARNING,
                             f"{who} 的来电 {u.call} 结束 {_fmt(limit)}仍无工单",
                             agent=u.agent, queue=u.queue or None,
                             group=_group(state, u.agent) if u.agent else None,
                             detail={"since": u.ended_at.isoformat(), "call": u.call,
                                     "limit_s": limit})
        yield Cand("R-TICKET-1", subject, start, build, strict=True, over=reached,
                   until=u.ended_at + TICKET_CHECKS_KEPT)


def _ticket_fields(state: FloorState) -> Iterator[Cand]:
    """R-TICKET-4: a ticket whose source reports its key fields, with one empty (or
    a title without the place), from when they went missing as they are; cleared by
    a ``ticket_updated`` that supplies them (or the ticket's completion)."""
    for t in state.tickets.values():
        if t.incomplete_since is None:
            continue
        subject = f"ticket:{t.id}"

        def build(t: Ticket = t, subject: str = subject) -> Condition:
            assert t.incomplete_since is not None
            missing = t.missing()
            return Condition("R-TICKET-4", subject, t.incomplete_since, Severity.WARNING,
                             f"工单 {t.id} 关键信息不全:"
                             f"{'、'.join(FIELD_WORDS.get(m, m) for m in missing)}",
                             agent=t.agent, ticket=t.id,
                             group=_group(state, t.agent) if t.agent else None,
                             detail={"missing": list(missing)})
        yield Cand("R-TICKET-4", subject, t.incomplete_since, build)


def _first_owner(state: FloorState) -> Iterator[Cand]:
    """R-FIRST-1 首问负责制: a ticket completed or updated by an agent other than its
    owner without an explicit hand-on. A person resolves it; held a day."""
    for b in state.owner_breaches.values():
        subject = f"ticket:{b.ticket}"

        def build(b: OwnerBreach = b, subject: str = subject) -> Condition:
            what = "办结" if b.action == "completed" else "修改"
            owner = (f"首问负责人 {_name(state, b.first)},已移交 {_name(state, b.owner)}"
                     if b.first else f"首问负责人 {_name(state, b.owner)}")
            return Condition("R-FIRST-1", subject, b.at, Severity.WARNING,
                             f"工单 {b.ticket} 由 {_name(state, b.by)} {what},未经移交"
                             f"({owner})",
                             agent=b.by, ticket=b.ticket, group=_group(state, b.by),
                             auto_resolve=False,
                             detail={"owner": b.owner, "by": b.by, "action": b.action,
                                     **({"first_owner": b.first} if b.first else {})})
        yield Cand("R-FIRST-1", subject, b.at, build, until=b.at + TICKET_CHECKS_KEPT)


def _unstaffed(state: FloorState, active: Active) -> Iterator[Cand]:
    """R-IDLE-1 (issue #16), "保持24小时畅通": a 24-hour queue of the policy with no
    agent ready or on a call (ringing, talking, hold; after-call work is not) for
    longer than ``idle.unstaffed_s``; exactly that long is allowed (R-LIMIT-1). The
    reducer keeps since when (``unstaffed_since``); it clears once one is back."""
    limit = state.policy.idle_unstaffed_s
    for q, since in state.unstaffed_since.items():
        subject = f"queue:{q}"
        reached = since + _s(limit)
        start = _dated(state, active, "R-IDLE-1", subject, since, reached)

        def build(q: str = q, since: datetime = since, start: datetime = start,
                  subject: str = subject) -> Condition:
            queue = state.queues.get(q)
            groups = list(state.policy.idle_groups.get(q, ()))
            return Condition(
                "R-IDLE-1", subject, start, Severity.CRITICAL,
                f"{queue.name if queue else q} 无坐席就绪或通话超过 {_fmt(limit)}"
                f"(24小时热线须保持畅通)", queue=q,
                detail={"kind": "unstaffed", "since": since.isoformat(), "limit_s": limit,
                        "groups": groups})
        yield Cand("R-IDLE-1", subject, start, build, strict=True, over=reached)


def _unattended(state: FloorState, active: Active) -> Iterator[Cand]:
    """R-IDLE-1 (issue #16), "不得擅自将电话置闲": a ready agent's phone rang unanswered
    ``idle.missed_rings`` times in a row: dated at that last miss, until the agent
    answers a call or changes state (the reducer ends the run)."""
    n = state.policy.idle_missed_rings
    if n <= 0:
        return
    for st in state.status.values():
        if len(st.missed_rings) < n:
            continue
        subject = f"agent:{st.agent}:unattended"
        first = st.missed_rings[0]
        start = _dated(state, active, "R-IDLE-1", subject, first, st.missed_rings[n - 1])

        def build(st: AgentStatus = st, first: datetime = first, start: datetime = start,
                  subject: str = subject) -> Condition:
            return Condition(
                "R-IDLE-1", subject, start, Severity.WARNING,
                f"{_name(state, st.agent)} 示闲但连续 {n} 次振铃未接,电话无人值守",
                agent=st.agent, group=_group(state, st.agent),
                detail={"kind": "unattended", "since": first.isoformat(), "missed": n,
                        "rings": [t.isoformat() for t in st.missed_rings[:n]]})
        yield Cand("R-IDLE-1", subject, start, build)


#: R-PEAK-1's effects (issue #16): level 1 stops the callback service and suspends
#: short breaks; one begun while the plan holds is flagged to the leader
_PEAK_SUSPENDED = {AwayReason.SHORT_BREAK: ("break", "小休", "暂停小休"),
                   AwayReason.CALLBACK: ("callback", "回拨", "暂停回拨服务")}


def _peak_effects(state: FloorState) -> Iterator[Cand]:
    """R-PEAK-1 (issue #16): while a peak level's alert is active, an agent who begins
    a short break or a callback at or after the moment the level held (the alert's
    date) is flagged at once, dated when it began; one begun before is not. A leader's
    forced away is the leader's own decision and is not flagged. It clears when the
    agent comes back or the level ends."""
    plans = [a for a in state.alerts.values()
             if a.rule in ("R-PEAK-1", "R-PEAK-2") and a.subject.startswith("level:")]
    if not plans:
        return
    plan = min(plans, key=lambda a: a.raised_at)
    for st in state.status.values():
        what = _PEAK_SUSPENDED.get(st.reason) if st.reason is not None else None
        if (what is None or st.state is not AgentState.AWAY or st.since is None
                or st.since < plan.raised_at or st.forced_by is not None):
            continue
        kind, word, rule_text = what
        subject = f"agent:{st.agent}:{kind}"

        def build(st: AgentStatus = st, since: datetime = st.since, subject: str = subject,
                  kind: str = kind, word: str = word, rule_text: str = rule_text
                  ) -> Condition:
            level = int(plan.detail.get("level", 1))
            return Condition(
                "R-PEAK-1", subject, since, Severity.WARNING,
                f"{_name(state, st.agent)} 在高峰预案 {level} 级期间开始{word}"
                f"(预案:{rule_text})", agent=st.agent, group=_group(state, st.agent),
                # no "level" key: FloorState.peak_level() reads the plan's alerts by it
                detail={"kind": kind, "reason": st.reason.value if st.reason else None,
                        "peak_level": level, "plan_since": plan.raised_at.isoformat(),
                        "threshold": plan.detail.get("threshold"),
                        "window_min": plan.detail.get("window_min")})
        yield Cand("R-PEAK-1", subject, st.since, build)


# ---- evaluation ------------------------------------------------------------------------


def _candidates(state: FloorState) -> Iterator[Cand]:
    active = _index(state)
    yield from _agent_limits(state, active)
    yield from _seat(state)
    yield from _breaks_per_group(state, active)
    yield from _peaks(state, active)
    yield from _peak_callbacks(state, active)
    yield from _tickets(state)
    yield from _escalations(state, active)
    yield from _logins(state)
    yield from _ticket_checks(state, active)
    yield from _unstaffed(state, active)
    yield from _unattended(state, active)
    yield from _peak_effects(state)


def evaluate(state: FloorState, now: datetime, confirm: timedelta = EXACT
             ) -> list[Condition]:
    """Every condition true at ``now``, earliest first."""
    out = [c.build() for c in _candidates(state)
           if c.due(confirm) <= now and (c.until is None or now < c.until)]
    out.sort(key=lambda c: (c.start, c.rule, c.subject))
    return out


def next_deadline(state: FloorState, now: datetime, confirm: timedelta = EXACT
                  ) -> datetime | None:
    """The earliest moment after ``now`` at which a condition becomes true if no
    event comes first (None: nothing pending). An escalation waits on its urgent
    alert being raised first; a limit is true ``confirm`` after it is reached
    (R-LIMIT-1: the first instant after it in replay, the next tick live)."""
    return min((d for c in _candidates(state) for d in (c.due(confirm), c.until)
                if d is not None and d > now), default=None)


def tick(state: FloorState, now: datetime, confirm: timedelta = EXACT
         ) -> tuple[list[FloorEvent], datetime | None]:
    """One scheduler tick: :func:`step` and the :func:`next_deadline` after it, in
    one pass over the floor when nothing changed (the common case)."""
    events, deadline = _step_once(state, now, confirm)
    if not events:
        return events, deadline
    state = apply_all(state, events)
    more = step(state, now, confirm)
    return events + more, next_deadline(apply_all(state, more), now, confirm)


def step(state: FloorState, now: datetime, confirm: timedelta = EXACT) -> list[FloorEvent]:
    """What to append at ``now``: new conditions raised (at ``now``, carrying the
    moment each became true) and active alerts whose condition cleared resolved.
    Repeats on its own result, so an urgent ticket with no leader on duty is raised
    and escalated in the same step."""
    out: list[FloorEvent] = []
    for _ in range(4):
        events, _d = _step_once(state, now, confirm)
        if not events:
            break
        out.extend(events)
        state = apply_all(state, events)
    return out


def _step_once(state: FloorState, now: datetime, confirm: timedelta
               ) -> tuple[list[FloorEvent], datetime | None]:
    raised = {(a.rule, a.subject, a.raised_at) for a in state.alerts.values()}
    true_now: set[tuple[str, str, datetime]] = set()
    new: list[Condition] = []
    deadline: datetime | None = None
    for c in _candidates(state):
        due = c.due(confirm)
        if due > now:
            if deadline is None or due < deadline:
                deadline = due
            continue
        if c.until is not None:
            if now >= c.until:
                continue  # over: an alert of it clears
            if deadline is None or c.until < deadline:
                deadline = c.until
        ident = (c.rule, c.subject, c.start)
        true_now.add(ident)
        if ident not in raised and alert_key(*ident) not in state.resolved_alerts:
            new.append(c.build())
    new.sort(key=lambda c: (c.start, c.rule, c.subject))
    events = [FloorEvent("alert_raised", now, c.as_event_data()) for c in new]
    for a in state.alerts.values():
        if a.auto_resolve and (a.rule, a.subject, a.raised_at) not in true_now:
            events.append(FloorEvent("alert_resolved", now,
                                     {"alert": a.id, "by": None, "note": "condition cleared"}))
    return events, deadline


def with_rules(state: FloorState, events: Iterable[FloorEvent],
               until: datetime | None = None) -> Iterator[FloorEvent]:
    """The events in order with the rules run on their virtual clock (scenario replay):
    before each event, every deadline up to and including its time is evaluated
    (a limit is true only after it is reached, so an agent back at the very second
    of the limit is within it: R-LIMIT-1);
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
