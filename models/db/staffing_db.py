"""Staffing against the roster (issue #17 "Staffing"; DOMAIN §7 schedule fit 排班契合度,
R-REPORT-1 next month's per-slot staffing by the 25th). No Qt.

Per 15-minute slot of the floor's clock:

* **calls** — the calls that reach the agents: offered − IVR-only (the IVR-only calls
  of R-KPI-1 never need an agent). In the future, the forecast of
  :func:`models.domain.staffing.forecast` over the rollups' rows (the mean of the same
  weekday's slot over the policy's ``staffing_forecast_weeks`` weeks; a 法定节假日 of
  the holiday calendar from the past holidays); in the past, what the rollups counted.
* **AHT** — :func:`models.domain.kpi.aht_s` of the slot's handled calls (forecast the
  same way: the mean handle time and the mean handled count of the same days); a slot
  with calls but no handled call in its history takes the history's overall AHT.
* **required** — :func:`models.sim.staffing.required_agents` for the policy's SL target
  (``bands.service_level.green``) within ``service_level.threshold_s``: Erlang C, or
  Erlang A when the policy gives ``staffing.patience_s``. ``required`` is the agents on
  the phones; ``to_roster`` divides by (1 − ``staffing.shrinkage``): the people the
  roster must put on the floor.
* **rostered** — the roster's agents (not its leaders) whose shift covers the slot's
  start (a shift of the policy, on the day it starts; a night shift runs into the
  next day); **gap** = rostered − to_roster (under zero: short).
* **staffed** (past slots) — logged-in agent time in the slot ÷ 15 minutes, from
  ``rollup_agent``.

Schedule fit (排班契合度, DOMAIN §7) of a past range:
:func:`models.domain.staffing_plan.schedule_fit`, 1 − Σ|rostered − to_roster| ÷ Σ
to_roster over its slots. The values are the frozen dataclasses of
:mod:`models.domain.staffing_plan`.

Every read first checks the operator against the database:
``operators.require(conn, by, Right.VIEW_TRENDS)`` (issue #17: checked where the
data is read).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, func, select

from models.db import operators, shiftops, store
from models.db.schema import (
    AgentRow,
    RollupAgentRow,
    RollupIntervalRow,
    RollupQueueRow,
    RosterRow,
    utc,
)
from models.domain import kpi
from models.domain import staffing as fc
from models.domain.kpi import KpiCounts
from models.domain.policy import Policy
from models.domain.roles import Right
from models.domain.rollup import INTERVAL, intervals
from models.domain.staffing_plan import (
    BASIS_ACTUAL,
    BASIS_NOT_BUILT,
    MODEL_ERLANG_A,
    MODEL_ERLANG_C,
    Assumptions,
    SlotPlan,
    StaffingPlan,
    StaffingView,
    schedule_fit,
)
from models.domain.texts import QT_TRANSLATE_NOOP
from models.domain.trends import TrendFilter
from models.sim.staffing import required_agents

SLOT_S = INTERVAL.total_seconds()
#: how many days the gap chart looks ahead when the filter's range is in the past
AHEAD_DAYS = 7
#: past holidays are looked for this far back (a forecast of 国庆 reads last year's)
HOLIDAY_LOOKBACK = timedelta(days=400)
#: the longest range the page reads per slot (a year and a bit)
MAX_DAYS = 400
class StaffingError(ValueError):
    """A request that cannot be answered as asked; the message says why."""



def assumptions(policy: Policy, queue: str | None = None,
                group: str | None = None) -> Assumptions:
    patience = policy.staffing_patience_s
    return Assumptions(MODEL_ERLANG_C if patience is None else MODEL_ERLANG_A,
                       policy.band("service_level").green, policy.sl_threshold_s, patience,
                       policy.staffing_shrinkage, policy.staffing_forecast_weeks, queue, group,
                       policy.timezone)


class _Need:
    """required_agents per (calls, AHT), remembered: a month has many equal slots."""

    def __init__(self, a: Assumptions, exclude_under_s: float) -> None:
        self.a = a
        self.short = exclude_under_s if a.patience_s is not None else 0.0
        self._memo: dict[tuple[float, float], tuple[int, int]] = {}

    def __call__(self, calls: float | None, aht: float | None) -> tuple[int | None, int | None]:
        if calls is None:
            return None, None
        if calls <= 0:
            return 0, 0
        if aht is None or aht <= 0:
            return None, None
        key = (round(calls, 9), round(aht, 6))
        hit = self._memo.get(key)
        if hit is None:
            a = self.a
            on = required_agents(calls, aht, SLOT_S, a.sl_target, a.t_s, a.patience_s,
                                 exclude_abandon_under_s=self.short)
            hit = (on, required_agents(calls, aht, SLOT_S, a.sl_target, a.t_s, a.patience_s,
                                       shrinkage=a.shrinkage,
                                       exclude_abandon_under_s=self.short))
            self._memo[key] = hit
        return hit


def _aht(handled: float, handle_s: float) -> float | None:
    """The KPI's AHT (talk incl. hold + after-call ÷ handled) of summed counters."""
    return kpi.aht_s(KpiCounts(handled=round(handled), talk_s=handle_s)) \
        if round(handled) > 0 else None


def _overall_aht(counts: Iterable[KpiCounts]) -> float | None:
    """The KPI's AHT of all ``counts`` together (the fallback of a slot with calls but
    no handled call); summed field by field, as kpi.merge would, without a new
    counter per slot (a year is 35,000 slots)."""
    handled = talk = acw = 0.0
    for c in counts:
        handled += c.handled
        talk += c.talk_s
        acw += c.acw_s
    return kpi.aht_s(KpiCounts(handled=int(handled), talk_s=talk, acw_s=acw))


def plan_ahead(history: Mapping[datetime, KpiCounts], rostered: Mapping[datetime, int],
               policy: Policy, first: date, days: int, holidays: Iterable[date],
               a: Assumptions, unknown_shifts: Sequence[str] = ()) -> StaffingPlan:
    """Forecast ``days`` days from ``first`` out of ``history`` (floor-time naive slot
    start → the slot's counters; whole days, nothing of ``first`` or later) and set
    each slot's need against ``rostered`` (naive slot start → agents)."""
    off = frozenset(holidays)
    weeks = a.weeks
    calls = {t: float(c.offered - c.ivr_only) for t, c in history.items()}
    handled = {t: float(c.handled) for t, c in history.items()}
    handle = {t: c.talk_s + c.acw_s for t, c in history.items()}
    f_calls = fc.forecast(calls, first, days, weeks, off)
    f_handled = fc.forecast(handled, first, days, weeks, off)
    f_handle = fc.forecast(handle, first, days, weeks, off)
    overall = _overall_aht(history.values())
    need = _Need(a, policy.sl_exclude_abandon_under_s)
    out: list[SlotPlan] = []
    for fcalls, fh, fs in zip(f_calls, f_handled, f_handle, strict=True):
        aht: float | None = None
        if fh.offered is not None and fs.offered is not None and fh.samples:
            aht = _aht(fh.offered * fh.samples, fs.offered * fh.samples)
        if aht is None:
            aht = overall
        req, roster_need = need(fcalls.offered, aht)
        out.append(SlotPlan(fcalls.start, fcalls.offered, aht, req, roster_need,
                            rostered.get(fcalls.start, 0), None, fcalls.basis,
                            fcalls.samples))
    return StaffingPlan(first, first + timedelta(days=days - 1), tuple(out), a,
                        tuple(unknown_shifts))


# ---- reading ------------------------------------------------------------------------------


def _local(t: datetime, tz: ZoneInfo) -> datetime:
    return t.astimezone(tz).replace(tzinfo=None)


def _midnight(d: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(d, time(0), tz).astimezone(UTC)


def slot_counts(conn: Connection, lo: datetime, hi: datetime,
                queue: str | None = None) -> dict[datetime, KpiCounts]:
    """Each built interval of [lo, hi) (UTC start → its queue counters summed over the
    queues, or ``queue``'s); a built interval without calls has zero counters."""
    out: dict[datetime, KpiCounts] = {}
    for (start,) in conn.execute(select(RollupIntervalRow.start).where(
            RollupIntervalRow.start >= lo, RollupIntervalRow.start < hi)):
        out[utc(start) or start] = KpiCounts()
    rq = RollupQueueRow
    q = select(rq.start, func.sum(rq.offered), func.sum(rq.ivr_only), func.sum(rq.answered),
               func.sum(rq.abandoned), func.sum(rq.handled), func.sum(rq.talk_s),
               func.sum(rq.hold_s), func.sum(rq.acw_s)).where(rq.start >= lo, rq.start < hi)
    if queue is not None:
        q = q.where(rq.queue_id == queue)
    for start, offered, ivr, answered, abandoned, handled, talk, hold, acw in conn.execute(
            q.group_by(rq.start)):
        out[utc(start) or start] = KpiCounts(
            offered=int(offered or 0), ivr_only=int(ivr or 0), answered=int(answered or 0),
            abandoned=int(abandoned or 0), handled=int(handled or 0),
            talk_s=float(talk or 0.0), hold_s=float(hold or 0.0), acw_s=float(acw or 0.0))
    return out


def staffed_slots(conn: Connection, lo: datetime, hi: datetime,
                  group: str | None = None) -> dict[datetime, float]:
    """Logged-in agent time ÷ 15 min per interval of [lo, hi) (UTC start). The whole
    floor's from each built interval's own sum (``rollup_interval.agent_logged_in_s``,
    written with its agent rows): summing 300 agents' rows per interval took 0.4 s a
    quarter on SQLite (issue #17, the trends page's staffing); a group's from its
    agents' rows."""
    if group is None:
        ri = RollupIntervalRow
        return {utc(s) or s: float(v or 0.0) / SLOT_S for s, v in conn.execute(
            select(ri.start, ri.agent_logged_in_s).where(ri.start >= lo, ri.start < hi))}
    ra = RollupAgentRow
    q = select(ra.start, func.sum(ra.logged_in_s)).where(
        ra.start >= lo, ra.start < hi,
        ra.agent_id.in_(select(AgentRow.id).where(AgentRow.group_id == group)))
    return {utc(s) or s: float(v or 0.0) / SLOT_S for s, v in conn.execute(q.group_by(ra.start))}


def rostered_slots(conn: Connection, policy: Policy, first: date, last: date,
                   group: str | None = None) -> tuple[dict[datetime, int], list[str]]:
    """Agents on shift per slot start (floor time, naive) of days ``first`` … ``last``
    (a night shift rostered the day before counts into ``first``), and the shift
    names the roster uses that the policy does not define (not counted)."""
    shifts = {s.name: s for s in policy.shifts}
    lo = datetime.combine(first, time(0))
    hi = datetime.combine(last + timedelta(days=1), time(0))
    out: dict[datetime, int] = {}
    unknown: set[str] = set()
    # counted per day and shift, then expanded once each: a quarter of 300 agents
    # expanded person by person took 0.35 s (issue #17, the trends page's staffing)
    q = select(RosterRow.day, RosterRow.shift, func.count()).where(
        RosterRow.day >= first - timedelta(days=1), RosterRow.day <= last,
        RosterRow.role != "leader")
    if group is not None:
        q = q.where(RosterRow.person.in_(select(AgentRow.id).where(AgentRow.group_id == group)))
    for day, shift, people in conn.execute(q.group_by(RosterRow.day, RosterRow.shift)):
        sd = shifts.get(shift)
        if sd is None:
            unknown.add(str(shift))
            continue
        start = datetime.combine(day, sd.start)
        end = datetime.combine(day if sd.end > sd.start else day + timedelta(days=1), sd.end)
        # the first slot starting at or after the shift's start
        t = start.replace(minute=start.minute - start.minute % 15, second=0, microsecond=0)
        if t < start:
            t += INTERVAL
        t = max(t, lo)
        while t < min(end, hi):
            out[t] = out.get(t, 0) + int(people)
            t += INTERVAL
    return out, sorted(unknown)


def holidays(conn: Connection, first: date, last: date) -> set[date]:
    """The calendar's 法定节假日 (kind ``holiday``; 调休 working days are ordinary days)."""
    return {d for d, h in shiftops.holidays_between(conn, first, last).items()
            if h.kind == "holiday"}


def _history(conn: Connection, policy: Policy, before: date, weeks: int,
             queue: str | None) -> tuple[dict[datetime, KpiCounts], set[date]]:
    """The rollups' slots before ``before`` a forecast needs (floor time, naive): the
    last ``weeks`` weeks and four more (to step over holidays), back to the earliest
    past holiday of the last ~13 months when there is one; and the holidays."""
    tz = policy.tz
    ordinary_from = before - timedelta(days=7 * (weeks + 4))
    past_off = holidays(conn, before - HOLIDAY_LOOKBACK, before - timedelta(days=1))
    lo_day = min([ordinary_from, *past_off])
    rows = slot_counts(conn, _midnight(lo_day, tz), _midnight(before, tz), queue)
    return {_local(t, tz): c for t, c in rows.items()}, past_off


def forecast_plan(conn: Connection, policy: Policy, first: date, days: int, today: date,
                  queue: str | None = None, group: str | None = None) -> StaffingPlan:
    """The need of ``days`` days from ``first`` against the roster, forecast from the
    history of whole days before ``today`` (and before ``first``)."""
    if not 1 <= days <= MAX_DAYS:
        raise StaffingError(QT_TRANSLATE_NOOP(
            "Staffing", "A plan covers 1 to {max} days, not {days}").format(max=MAX_DAYS,
                                                                             days=days))
    a = assumptions(policy, queue, group)
    before = min(today, first)
    history, past_off = _history(conn, policy, before, a.weeks, queue)
    last = first + timedelta(days=days - 1)
    off = past_off | holidays(conn, first, last)
    rostered, unknown = rostered_slots(conn, policy, first, last, group)
    return plan_ahead(history, rostered, policy, first, days, off, a, unknown)


def past_plan(conn: Connection, policy: Policy, first: date, last: date,
              queue: str | None = None, group: str | None = None) -> StaffingPlan:
    """Days ``first`` … ``last`` as they went: the calls and AHT the rollups counted
    per slot, the need they made, the roster and the agents logged in."""
    if (last - first).days + 1 > MAX_DAYS:
        raise StaffingError(QT_TRANSLATE_NOOP(
            "Staffing", "A range of at most {max} days, not {days}").format(
            max=MAX_DAYS, days=(last - first).days + 1))
    tz = policy.tz
    a = assumptions(policy, queue, group)
    lo, hi = TrendFilter(first, last).bounds(tz)
    counts = slot_counts(conn, lo.astimezone(UTC), hi.astimezone(UTC), queue)
    staffed = staffed_slots(conn, lo.astimezone(UTC), hi.astimezone(UTC), group)
    rostered, unknown = rostered_slots(conn, policy, first, last, group)
    overall = _overall_aht(counts.values())
    need = _Need(a, policy.sl_exclude_abandon_under_s)
    out: list[SlotPlan] = []
    for t in intervals(lo, hi):
        local = _local(t, tz)
        c = counts.get(t)
        if c is None:
            out.append(SlotPlan(local, None, None, None, None, rostered.get(local, 0),
                                staffed.get(t), BASIS_NOT_BUILT))
            continue
        aht = kpi.aht_s(c) or overall
        calls = float(c.offered - c.ivr_only)
        req, roster_need = need(calls, aht)
        out.append(SlotPlan(local, calls, aht, req, roster_need, rostered.get(local, 0),
                            staffed.get(t, 0.0), BASIS_ACTUAL))
    return StaffingPlan(first, last, tuple(out), a, tuple(unknown))


def _policy(conn: Connection) -> Policy:
    return store.current_state(conn).policy


def floor_today(engine: Engine, now: datetime) -> date:
    with engine.connect() as conn:
        return now.astimezone(_policy(conn).tz).date()


def staffing_view(engine: Engine, by: str, flt: TrendFilter, now: datetime) -> StaffingView:
    """The staffing page for ``flt``: the gap of the range's days from today on (the
    next 7 days when the range is all past), and the range's past days as they went
    with their schedule fit."""
    with engine.connect() as conn:
        operators.require(conn, by, Right.VIEW_TRENDS)
        policy = _policy(conn)
        today = now.astimezone(policy.tz).date()
        if flt.last >= today:
            first = max(flt.first, today)
            days = min((flt.last - first).days + 1, MAX_DAYS)
        else:
            first, days = today, AHEAD_DAYS
        ahead = forecast_plan(conn, policy, first, days, today, flt.queue, flt.group)
        past = None
        if flt.first < today:
            last = min(flt.last, today - timedelta(days=1))
            first_past = max(flt.first, last - timedelta(days=MAX_DAYS - 1))
            past = past_plan(conn, policy, first_past, last, flt.queue, flt.group)
    return StaffingView(today, ahead, past, schedule_fit(past.slots) if past else None)


def month_plan(engine: Engine, by: str, month_first: date, now: datetime,
               queue: str | None = None, group: str | None = None) -> StaffingPlan:
    """Every slot of the month starting ``month_first`` (R-REPORT-1: next month's
    per-slot staffing, due by the 25th), forecast from the whole days before today."""
    if month_first.day != 1:
        raise StaffingError(QT_TRANSLATE_NOOP(
            "Staffing", "A month starts on its 1st, not {day}").format(day=month_first.isoformat()))
    with engine.connect() as conn:
        operators.require(conn, by, Right.VIEW_TRENDS)
        policy = _policy(conn)
        today = now.astimezone(policy.tz).date()
        _first, days = fc.next_month(month_first - timedelta(days=1))
        return forecast_plan(conn, policy, month_first, days, today, queue, group)


def forecast_days(engine: Engine, by: str, days: int, now: datetime, queue: str | None = None,
                  group: str | None = None) -> StaffingPlan:
    """``days`` days from today (floor time), forecast from the whole days before it."""
    with engine.connect() as conn:
        operators.require(conn, by, Right.VIEW_TRENDS)
        policy = _policy(conn)
        today = now.astimezone(policy.tz).date()
        return forecast_plan(conn, policy, today, days, today, queue, group)


def plan_json(plan: StaffingPlan) -> dict[str, Any]:
    """A plan as JSON-able data (``seatwatch staffing forecast --json``)."""
    a = plan.assumptions
    return {
        "first": plan.first.isoformat(), "last": plan.last.isoformat(),
        "timezone": a.timezone, "model": a.model, "sl_target": a.sl_target,
        "sl_threshold_s": a.t_s, "patience_s": a.patience_s, "shrinkage": a.shrinkage,
        "forecast_weeks": a.weeks, "queue": a.queue, "group": a.group,
        "unknown_shifts": list(plan.unknown_shifts),
        "slots": [{"start": s.start.isoformat(), "calls": s.calls, "aht_s": s.aht_s,
                   "required": s.required, "to_roster": s.to_roster, "rostered": s.rostered,
                   "gap": s.gap, "basis": s.basis, "samples": s.samples}
                  for s in plan.slots],
    }


__all__ = ["AHEAD_DAYS", "Assumptions", "SlotPlan", "StaffingError", "StaffingPlan",
           "StaffingView", "forecast_days", "month_plan", "past_plan", "plan_json",
           "schedule_fit", "staffing_view"]
