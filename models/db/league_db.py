"""The director's agent league table and SL heat map (issue #17), read from the rollups.

League (坐席排名): per agent over the filter's days and group — calls handled, AHT and
occupancy (:mod:`models.domain.kpi`, the only formulas, on the summed seconds of
``rollup_agent``), logged-in time, breaks, alerts by rule (the ``alert`` table:
R-BREAK-1's pre-warnings are not breaches and are left out), and schedule adherence
(排班契合度, DOMAIN §7).

Adherence: of the agent's rostered shift time (roster × the policy's shift hours,
clipped to the range), the share logged in and not away — a break (小休, 用餐) counts
as adherent, except the part of a short break past its limit (R-BREAK-1: from the
moment the breach alert was raised until it cleared). Seconds come from the 15-minute
``rollup_agent`` rows inside the shift; an interval the shift covers in part counts
in proportion. An agent without a rostered shift in the range has no adherence.

Heat map (服务水平热力图): SL per weekday × hour of the floor's clock, from the sums of
the 15-minute ``rollup_queue`` rows of that cell (never an average of SLs).

Every read first checks the operator's right in the database (Right.VIEW_TRENDS).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, func, select

from models.db import operators, store
from models.db.rollup_db import BREAK_REASONS, queue_counts
from models.db.schema import (
    AgentRow,
    AlertRow,
    GroupRow,
    RollupAgentRow,
    RollupQueueRow,
    RosterRow,
    utc,
)
from models.db.shiftops import ShiftOpsError, shift_span
from models.domain import kpi
from models.domain.kpi import KpiCounts
from models.domain.league import HeatCell, HeatMap, League, LeagueRow
from models.domain.policy import Policy
from models.domain.roles import Right
from models.domain.rollup import INTERVAL, intervals, overlap_s
from models.domain.trends import TrendFilter

#: the subject suffix of R-BREAK-1's pre-warning (models/domain/rules.py): a notice
#: before the limit, not a breach
PRE_SUFFIX = ":pre"


def _policy(conn: Connection) -> Policy:
    return store.current_state(conn).policy


def _range(flt: TrendFilter, policy: Policy) -> tuple[datetime, datetime]:
    lo, hi = flt.bounds(policy.tz)
    return lo.astimezone(UTC), hi.astimezone(UTC)


# ---- league -------------------------------------------------------------------------------


def league(conn: Connection, by: str, flt: TrendFilter, policy: Policy | None = None,
           now: datetime | None = None) -> League:
    """The league table of ``flt``'s days and group (its queue does not apply: agents
    answer every queue they are skilled for). Rostered time counts until ``now`` (the
    floor's clock): the rest of a shift still running is not absence."""
    operators.require(conn, by, Right.VIEW_TRENDS)
    policy = policy or _policy(conn)
    lo, hi = _range(flt, policy)
    until = min(hi, (now or datetime.now(UTC)).astimezone(UTC))
    members: Any = None
    if flt.group is not None:
        members = select(AgentRow.id).where(AgentRow.group_id == flt.group)

    ra = RollupAgentRow
    q = select(ra.agent_id, func.sum(ra.handled).label("handled"),
               func.sum(ra.talk_s).label("talk_s"), func.sum(ra.acw_s).label("acw_s"),
               func.sum(ra.talking_s + ra.hold_s + ra.after_call_s).label("busy_s"),
               func.sum(ra.ready_s).label("ready_s"),
               func.sum(ra.logged_in_s).label("logged_in_s"),
               func.sum(ra.breaks).label("breaks")).where(ra.start >= lo, ra.start < hi)
    if members is not None:
        q = q.where(ra.agent_id.in_(members))
    sums = {r.agent_id: r for r in conn.execute(q.group_by(ra.agent_id))}

    alerts: dict[str, dict[str, int]] = defaultdict(dict)
    aq = select(AlertRow.agent_id, AlertRow.rule, func.count().label("n")).where(
        AlertRow.agent_id.is_not(None), AlertRow.raised_at >= lo, AlertRow.raised_at < hi,
        AlertRow.subject.not_like(f"%{PRE_SUFFIX}"))
    if members is not None:
        aq = aq.where(AlertRow.agent_id.in_(members))
    for r in conn.execute(aq.group_by(AlertRow.agent_id, AlertRow.rule)):
        alerts[str(r.agent_id)][r.rule] = int(r.n)

    shifts, windows = _rostered(conn, flt, policy, lo, until, members)
    adherence = _adherence(conn, shifts, windows, members) if shifts else {}

    names = {r.id: (r.name, r.group_id) for r in conn.execute(
        select(AgentRow.id, AgentRow.name, AgentRow.group_id))}
    groups = {r.id: r.name for r in conn.execute(select(GroupRow.id, GroupRow.name))}
    rows = []
    for agent in sorted(set(sums) | set(alerts) | set(windows)):
        if agent not in names and agent not in sums:
            continue  # a leader on the roster, an operator: not an agent
        s = sums.get(agent)
        c = KpiCounts()
        if s is not None:
            c = kpi.add_agent_time(KpiCounts(handled=int(s.handled or 0),
                                             talk_s=float(s.talk_s or 0.0),
                                             acw_s=float(s.acw_s or 0.0)),
                                   float(s.busy_s or 0.0), float(s.ready_s or 0.0))
        name, gid = names.get(agent, (agent, None))
        rostered, adherent = adherence.get(agent, (0.0, 0.0))
        by_rule = alerts.get(agent, {})
        rows.append(LeagueRow(
            agent_id=agent, name=name, group_id=gid,
            group_name=str(groups.get(gid, gid)) if gid else "", handled=c.handled,
            aht_s=kpi.aht_s(c), occupancy=kpi.occupancy(c),
            logged_in_s=float(s.logged_in_s or 0.0) if s is not None else 0.0,
            breaks=int(s.breaks or 0) if s is not None else 0,
            breaks_over=by_rule.get("R-BREAK-1", 0), alerts=dict(sorted(by_rule.items())),
            rostered_s=rostered, adherent_s=adherent))
    rules = tuple(sorted({r for a in alerts.values() for r in a}))
    return League(flt, tuple(rows), rules)


def _rostered(conn: Connection, flt: TrendFilter, policy: Policy, lo: datetime, hi: datetime,
              members: Any) -> tuple[dict[tuple[date, str], tuple[datetime, datetime]],
                                     dict[str, list[tuple[datetime, datetime]]]]:
    """The rostered shifts of the range: each (day, shift)'s window (UTC, clipped to
    [lo, hi)) and each agent's windows. A shift starting the day before the range (a
    night shift) counts for its part inside it; a shift the policy no longer knows is
    left out."""
    q = select(RosterRow.person, RosterRow.day, RosterRow.shift).where(
        RosterRow.day >= flt.first - timedelta(days=1), RosterRow.day <= flt.last,
        RosterRow.role != "leader")
    if members is not None:
        q = q.where(RosterRow.person.in_(members))
    spans: dict[tuple[date, str], tuple[datetime, datetime] | None] = {}
    agents: dict[str, list[tuple[datetime, datetime]]] = defaultdict(list)
    for person, day, shift in conn.execute(q):
        d = day if isinstance(day, date) else date.fromisoformat(str(day))
        if (d, shift) not in spans:
            try:
                s, e = shift_span(policy, d, shift)
            except ShiftOpsError:
                spans[(d, shift)] = None
                continue
            s, e = max(s.astimezone(UTC), lo), min(e.astimezone(UTC), hi)
            spans[(d, shift)] = (s, e) if s < e else None
        w = spans[(d, shift)]
        if w is not None:
            agents[str(person)].append(w)
    return {k: w for k, w in spans.items() if w is not None}, dict(agents)


def _parts(lo: datetime, hi: datetime) -> list[tuple[datetime, datetime, float]]:
    """[lo, hi) as ranges of 15-minute interval starts with the share of each interval
    inside: the whole intervals as one range (weight 1), a cut one at either end on
    its own (weight < 1)."""
    size = INTERVAL.total_seconds()
    out: list[tuple[datetime, datetime, float]] = []
    whole: list[datetime] = []
    for t in intervals(lo, hi):
        inside = overlap_s(t, t + INTERVAL, lo, hi)
        if inside >= size:
            whole.append(t)
        elif inside > 0:
            out.append((t, t + INTERVAL, inside / size))
    if whole:
        out.append((whole[0], whole[-1] + INTERVAL, 1.0))
    return out


def _adherence(conn: Connection, shifts: Mapping[tuple[date, str], tuple[datetime, datetime]],
               agents: Mapping[str, list[tuple[datetime, datetime]]],
               members: Any) -> dict[str, tuple[float, float]]:
    """agent → (rostered seconds, adherent seconds). One summing query per rostered
    (day, shift): every agent on it shares its window."""
    ra = RollupAgentRow
    # logged in and not away, or away on a break (小休, 用餐)
    expr: Any = ra.logged_in_s - ra.away_s
    for reason in BREAK_REASONS:
        expr = expr + func.coalesce(ra.away_by_reason[reason].as_float(), 0.0)
    adherent: dict[str, float] = defaultdict(float)
    for (day, shift), (lo, hi) in shifts.items():
        rostered = select(RosterRow.person).where(RosterRow.day == day,
                                                  RosterRow.shift == shift,
                                                  RosterRow.role != "leader")
        if members is not None:
            rostered = rostered.where(RosterRow.person.in_(members))
        for a, b, weight in _parts(lo, hi):
            q = select(ra.agent_id, func.sum(expr).label("s")).where(
                ra.start >= a, ra.start < b, ra.agent_id.in_(rostered)).group_by(ra.agent_id)
            for r in conn.execute(q):
                adherent[r.agent_id] += float(r.s or 0.0) * weight
    # the part of a short break past its limit (R-BREAK-1) is not an allowed break
    first = min(w[0] for w in shifts.values())
    last = max(w[1] for w in shifts.values())
    aq = select(AlertRow.agent_id, AlertRow.raised_at, AlertRow.resolved_at).where(
        AlertRow.rule == "R-BREAK-1", AlertRow.subject.not_like(f"%{PRE_SUFFIX}"),
        AlertRow.raised_at < last, AlertRow.raised_at >= first - timedelta(days=1))
    if members is not None:
        aq = aq.where(AlertRow.agent_id.in_(members))
    for al in conn.execute(aq):
        s = utc(al.raised_at) or al.raised_at
        e = utc(al.resolved_at) or last
        adherent[str(al.agent_id)] -= sum(overlap_s(s, e, ws, we)
                                          for ws, we in agents.get(str(al.agent_id), ()))
    out = {}
    for agent, w in agents.items():
        total = sum((e - s).total_seconds() for s, e in w)
        out[agent] = (total, min(total, max(0.0, adherent.get(agent, 0.0))))
    return out


# ---- heat map -----------------------------------------------------------------------------


def heatmap(conn: Connection, by: str, flt: TrendFilter, policy: Policy | None = None) -> HeatMap:
    """SL per weekday × hour (floor time) over ``flt``'s days, for its queue (every
    queue without one); a cell without calls that reached the queue has no SL."""
    operators.require(conn, by, Right.VIEW_TRENDS)
    policy = policy or _policy(conn)
    lo, hi = _range(flt, policy)
    rq = RollupQueueRow
    cols = ("offered", "ivr_only", "answered", "answered_in_sl", "abandoned",
            "abandoned_short", "wait_answered_s", "answered_waited", "handled", "talk_s",
            "hold_s", "acw_s")
    q = select(rq.start, *[func.sum(getattr(rq, c)).label(c) for c in cols]).where(
        rq.start >= lo, rq.start < hi)
    if flt.queue is not None:
        q = q.where(rq.queue_id == flt.queue)
    tz = policy.tz
    sums: dict[tuple[int, int], KpiCounts] = {}
    for r in conn.execute(q.group_by(rq.start)):
        t = (utc(r.start) or r.start).astimezone(tz)
        key = (t.weekday(), t.hour)
        sums[key] = kpi.merge(sums.get(key, KpiCounts()), queue_counts(r))
    band = policy.band("service_level")
    return HeatMap(flt, {k: HeatCell(k[0], k[1], c) for k, c in sums.items()},
                   band.green, band.amber, policy.sl_threshold_s)


__all__ = ["HeatCell", "HeatMap", "League", "LeagueRow", "heatmap", "league"]
